package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// assessCLI runs the CLI in-process with the given stdin; tty says whether
// stdout counts as a terminal.
func assessCLI(t *testing.T, stdin string, tty bool, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		now:    func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC) },
		getenv: func(k string) string { return env[k] },
		isTTY:  func(io.Writer) bool { return tty }}
	code := c.main(args)
	return code, out.String(), errb.String()
}

func TestAssessCLI(t *testing.T) {
	pitch := "We help companies like yours. Worth a 15-minute demo?"
	for _, c := range []struct {
		name  string
		stdin string
		tty   bool
		env   map[string]string
		args  []string
		code  int
		out   string // must appear in stdout
		err   string // must appear in stderr
	}{
		{"plain", pitch, false, nil, []string{"assess"}, 0, "decline_firm", ""},
		{"json", pitch, false, nil, []string{"assess", "--json", "-"}, 0, `"verdict": "decline_firm"`, ""},
		{"colour on a terminal", pitch, true, nil, []string{"assess"}, 0, "\x1b[1;31m", ""},
		{"NO_COLOR", pitch, true, map[string]string{"NO_COLOR": "1"}, []string{"assess"}, 0, "Selling", ""},
		{"empty", "  \n", false, nil, []string{"assess"}, 1, "", "empty"},
		{"missing file", "", false, nil, []string{"assess", "/nonexistent.txt"}, 1, "", "no such file"},
		{"bad flag", "", false, nil, []string{"assess", "--colour"}, 2, "", "flag provided but not defined"},
		{"bad now", pitch, false, nil, []string{"assess", "--now", "soon"}, 1, "", "--now"},
		{"unknown command", "", false, nil, []string{"asses"}, 2, "", "unknown command"},
		{"a reply lang keeps the terminal English", `{"text": "` + pitch + `", "lang": "de"}`, false, nil, []string{"assess"}, 0, "· Selling: It pitches", ""},
		{"ui_lang in the request", `{"text": "` + pitch + `", "ui_lang": "de"}`, false, nil, []string{"assess"}, 0, "· Verkaufsabsicht: Die Nachricht", ""},
		{"json follows the request's lang", `{"text": "` + pitch + `", "lang": "de"}`, false, nil, []string{"assess", "--json"}, 0, `"title": "Verkaufsabsicht"`, ""},
		{"explain a finding", pitch, false, nil, []string{"assess", "--explain"}, 0, "  selling ", ""},
		{"explain an accept: the flags below their thresholds", "Hi Alex, I'd love to connect.", false, nil, []string{"assess", "--explain"}, 0, "Red flags below their thresholds:\n  selling ", ""},
		{"a sales headline", "Hi Sam, I'm with Veritest Labs. We run compliance and penetration testing for fintech teams. Would be great to connect.", false, nil, []string{"assess", "--headline", "Key Account Manager at Veritest Labs"}, 0, "decline_firm", ""},
		{"no headline", "Hi Sam, I'm with Veritest Labs. We run compliance and penetration testing for fintech teams. Would be great to connect.", false, nil, []string{"assess"}, 0, "accept", ""},
		{"from a negative contact", "Coffee next week?", false, nil, []string{"assess", "--json", "--from", "Victor Krum", "--profile", "../../testdata/profile.json"}, 0, `"negative_history"`, ""},
	} {
		code, out, errs := assessCLI(t, c.stdin, c.tty, c.env, c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.err) {
			t.Errorf("%s: exit %d (want %d)\nstdout: %.300s\nstderr: %s", c.name, code, c.code, out, errs)
		}
		if c.env["NO_COLOR"] != "" && strings.Contains(out, "\x1b[") {
			t.Errorf("%s: colour despite NO_COLOR", c.name)
		}
		if strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%s: the error must be one line: %q", c.name, errs)
		}
	}
}

// --jsonl: one result per line in order, ids echoed as given, a bad line
// reported with its number while the rest go on.
func TestAssessJSONL(t *testing.T) {
	in := `{"id": "a", "text": "We help companies like yours."}
not json
{"id": 3, "text": ""}

{"id": "d", "text": "Great meeting you at the meetup! Would love to stay in touch."}
`
	code, out, errs := assessCLI(t, in, false, nil, "assess", "--jsonl")
	if code != 1 || !strings.Contains(errs, "2 line(s) failed") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	var rs []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, m)
	}
	if rs[0]["id"] != "a" || rs[0]["verdict"] != "decline_firm" || rs[0]["reply"] == nil {
		t.Errorf("line 1: %v", rs[0])
	}
	if rs[1]["line"] != float64(2) || rs[1]["error"] == nil {
		t.Errorf("line 2: %v", rs[1])
	}
	if rs[2]["id"] != float64(3) || !strings.Contains(rs[2]["error"].(string), "empty") {
		t.Errorf("line 3: %v", rs[2])
	}
	if rs[3]["id"] != "d" || rs[3]["verdict"] != "accept" {
		t.Errorf("line 5: %v", rs[3])
	}
}

func TestEvalCLI(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	os.WriteFile(corpus, []byte(`{"id":"x","text":"We help companies like yours. Book a demo.","flags":["selling"],"verdict":"decline_firm"}`+"\n"), 0o644)
	code, out, _ := assessCLI(t, "", false, nil, "eval", corpus)
	if code != 0 || !strings.Contains(out, "macro-F1") || !strings.Contains(out, "verdict accuracy   1.000") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, _, errs := assessCLI(t, "", false, nil, "eval", "--min-f1", "0.99", corpus)
	if code != 1 || !strings.Contains(errs, "below the gate") {
		t.Fatalf("gate: exit %d %s", code, errs)
	}
}
