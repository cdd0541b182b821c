// Command load is a bounded load test of "politely serve" on 127.0.0.1: it
// starts the binary on a free loopback port, sends N requests from C workers
// (the sample requests of testdata/ to every endpoint), checks every answer,
// stops the server with SIGTERM and expects a clean exit. It prints the
// latency percentiles and fails on any error.
//
//	go run ./internal/api/load -bin bin/politely -n 20000 -c 50
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/politely", "the politely `binary` to start")
	url := flag.String("url", "", "test a server already running at this `URL` instead of starting one")
	n := flag.Int("n", 20000, "number of requests")
	c := flag.Int("c", 50, "concurrent clients")
	samples := flag.String("requests", "testdata/requests.jsonl", "sample requests (`JSONL`)")
	flag.Parse()
	if err := run(*bin, *url, *samples, *n, *c); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

type call struct {
	method, path string
	body         []byte
}

func calls(samples string) ([]call, error) {
	out := []call{{"GET", "/healthz", nil}, {"GET", "/v1/rules", nil}}
	f, err := os.Open(samples)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		b := append([]byte(nil), line...)
		// Assessments dominate, as they would from the extension.
		out = append(out, call{"POST", "/v1/assess", b}, call{"POST", "/v1/assess", b}, call{"POST", "/v1/reply", b}, call{"POST", "/v1/lint", b})
	}
	return out, sc.Err()
}

var addrLine = regexp.MustCompile(`serving the API on (http://\S+)`)

// start runs "politely serve" on a free loopback port and returns its URL.
func start(bin string) (*exec.Cmd, string, error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := addrLine.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
			fmt.Fprintln(os.Stderr, "  server:", sc.Text())
		}
	}()
	select {
	case u := <-found:
		return cmd, u, nil
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		return nil, "", errors.New("the server did not say where it listens within 20 s")
	}
}

func run(bin, base, samples string, n, c int) error {
	cs, err := calls(samples)
	if err != nil {
		return err
	}
	var cmd *exec.Cmd
	if base == "" {
		if cmd, base, err = start(bin); err != nil {
			return err
		}
	}
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxConnsPerHost: c},
	}
	var (
		next    atomic.Int64
		errs    atomic.Int64
		firstMu sync.Mutex
		first   error
		lat     = make([]time.Duration, n)
		wg      sync.WaitGroup
	)
	fail := func(err error) {
		errs.Add(1)
		firstMu.Lock()
		if first == nil {
			first = err
		}
		firstMu.Unlock()
	}
	began := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				k := cs[i%len(cs)]
				t0 := time.Now()
				err := do(client, base, k)
				lat[i] = time.Since(t0)
				if err != nil {
					fail(fmt.Errorf("request %d (%s %s): %w", i, k.method, k.path, err))
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	fmt.Printf("load: %d requests, concurrency %d, %d errors, %.1f s, %.0f req/s; latency p50 %s p95 %s p99 %s max %s\n",
		n, c, errs.Load(), elapsed.Seconds(), float64(n)/elapsed.Seconds(),
		pct(0.50).Round(time.Microsecond), pct(0.95).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
	if cmd != nil {
		// Graceful shutdown must end the process cleanly.
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("the server did not exit cleanly on SIGTERM: %v", err)
			}
		case <-ctx.Done():
			cmd.Process.Kill()
			return errors.New("the server did not stop within 15 s of SIGTERM")
		}
	}
	if errs.Load() > 0 {
		return fmt.Errorf("%d errors; the first: %v", errs.Load(), first)
	}
	return nil
}

// do sends one call and checks that a 200 JSON object comes back.
func do(client *http.Client, base string, k call) error {
	var body io.Reader
	if k.body != nil {
		body = bytes.NewReader(k.body)
	}
	req, err := http.NewRequest(k.method, base+k.path, body)
	if err != nil {
		return err
	}
	if k.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %s", resp.StatusCode, bytes.TrimSpace(b))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("not a JSON object: %v", err)
	}
	return nil
}
