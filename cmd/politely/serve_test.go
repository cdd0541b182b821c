package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func serveCLI(args ...string) (int, string) {
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, now: time.Now,
		getenv: func(string) string { return "" }, isTTY: func(io.Writer) bool { return false }}
	return c.main(append([]string{"serve"}, args...)), errb.String()
}

func TestServeUsage(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	bad := t.TempDir() + "/bad.json"
	os.WriteFile(bad, []byte("{not json"), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"help shows the loopback default", []string{"-h"}, 0, "127.0.0.1:9900"},
		{"unknown flag", []string{"--port", "1"}, 2, "flag provided but not defined"},
		{"extra argument", []string{"now"}, 2, "unexpected argument"},
		{"address in use", []string{"--addr", busy.Addr().String()}, 1, "address already in use"},
		{"bad address", []string{"--addr", "nowhere"}, 1, "missing port"},
		{"missing rule pack", []string{"--rules", "/nonexistent.json"}, 1, "no such file"},
		{"broken rule pack", []string{"--rules", bad}, 1, "bad.json"},
	} {
		code, errs := serveCLI(tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("%s: exit %d (want %d), stderr %q", tc.name, code, tc.code, errs)
		}
	}
}

// TestServeHelperProcess is the server of TestServeProcess: the test binary
// re-run as "politely serve", so that it gets real signals.
func TestServeHelperProcess(t *testing.T) {
	if os.Getenv("POLITELY_SERVE_HELPER") != "1" {
		t.Skip("runs only as the child of TestServeProcess")
	}
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, now: time.Now, getenv: os.Getenv, isTTY: isTerminal}
	os.Exit(c.main([]string{"serve", "--addr", "127.0.0.1:0"}))
}

// TestServeProcess starts a real server, checks that it listens on loopback
// and answers, then sends SIGTERM while a request is half sent: the request
// must still be answered and the process must exit 0.
func TestServeProcess(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeHelperProcess$")
	cmd.Env = append(os.Environ(), "POLITELY_SERVE_HELPER=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stderr)
	var addr string
	for lines.Scan() {
		if m := regexp.MustCompile(`serving the API on http://(\S+)`).FindStringSubmatch(lines.Text()); m != nil {
			addr = m[1]
			break
		}
	}
	if host, _, _ := net.SplitHostPort(addr); host != "127.0.0.1" {
		t.Fatalf("listening on %q, want loopback", addr)
	}
	go io.Copy(io.Discard, stderr)

	resp, err := http.Post("http://"+addr+"/v1/assess", "application/json", strings.NewReader(`{"id":"x","text":"Could I pick your brain over coffee?"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte(`{"id":"x","verdict":`)) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	// On loopback, another host name (a page rebinding its own to
	// 127.0.0.1) is refused.
	rebound, _ := http.NewRequest("GET", "http://"+addr+"/healthz", nil)
	rebound.Host = "evil.example"
	if resp, err := http.DefaultClient.Do(rebound); err != nil || resp.StatusCode != http.StatusMisdirectedRequest {
		t.Fatalf("Host evil.example: %v %v, want 421", resp, err)
	} else {
		resp.Body.Close()
	}

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const req = `{"text":"Hello, would you like to connect?"}`
	head := "POST /v1/assess HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + strconv.Itoa(len(req)) + "\r\n\r\n"
	if _, err := io.WriteString(conn, head+req[:10]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the server start reading it
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if _, err := io.WriteString(conn, req[10:]); err != nil {
		t.Fatal(err)
	}
	r, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight was dropped: %v", err)
	}
	if r.StatusCode != 200 {
		t.Errorf("in flight: status %d", r.StatusCode)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not stop after SIGTERM")
	}
}
