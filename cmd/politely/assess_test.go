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
		{"bad flag", "", false, nil, []string{"assess", "--colour"}, 2, "", "flag provided but not defined: -colour\nUsage: politely assess [flags] [FILE|-]\n"},
		{"bad now", pitch, false, nil, []string{"assess", "--now", "soon"}, 1, "", "--now"},
		{"unknown command", "", false, nil, []string{"asses"}, 2, "", "unknown command"},
		{"a reply lang keeps the terminal English", `{"text": "` + pitch + `", "lang": "de"}`, false, nil, []string{"assess"}, 0, "· Selling: It pitches", ""},
		{"ui_lang in the request", `{"text": "` + pitch + `", "ui_lang": "de"}`, false, nil, []string{"assess"}, 0, "· Verkaufsabsicht: Die Nachricht", ""},
		{"json follows the request's lang", `{"text": "` + pitch + `", "lang": "de"}`, false, nil, []string{"assess", "--json"}, 0, `"title": "Verkaufsabsicht"`, ""},
		{"explain a finding", pitch, false, nil, []string{"assess", "--explain"}, 0, "  selling ", ""},
		{"explain an accept: the flags below their thresholds", "Hi Alex, I'd love to connect.", false, nil, []string{"assess", "--explain"}, 0, "Red flags below their thresholds:\n  selling ", ""},
		{"a sales headline", "Hi Sam, I'm with Veritest Labs. We run compliance and penetration testing for fintech teams. Would be great to connect.", false, nil, []string{"assess", "--headline", "Key Account Manager at Veritest Labs"}, 0, "decline_firm", ""},
		{"no headline", "Hi Sam, I'm with Veritest Labs. We run compliance and penetration testing for fintech teams. Would be great to connect.", false, nil, []string{"assess"}, 0, "accept", ""},
		{"a broken JSON request is refused, not judged as text", `{"text": "Could you refer me?", "sender": {"name": "Ana"},}`, false, nil, []string{"assess"}, 1, "", "not valid JSON"},
		{"a message that starts with a brace is text", "{first_name}, we help companies like yours. Worth a 15-minute demo?", false, nil, []string{"assess"}, 0, "decline_firm", ""},
		{"from a negative contact", "Coffee next week?", false, nil, []string{"assess", "--json", "--from", "Victor Krum", "--profile", "../../testdata/profile.json"}, 0, `"negative_history"`, ""},
	} {
		code, out, errs := assessCLI(t, c.stdin, c.tty, c.env, c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.err) {
			t.Errorf("%s: exit %d (want %d)\nstdout: %.300s\nstderr: %s", c.name, code, c.code, out, errs)
		}
		if c.env["NO_COLOR"] != "" && strings.Contains(out, "\x1b[") {
			t.Errorf("%s: colour despite NO_COLOR", c.name)
		}
		if strings.Count(strings.TrimSpace(errs), "\n") > 0 && !strings.Contains(errs, "\nUsage: ") {
			t.Errorf("%s: the error must be one line: %q", c.name, errs)
		}
	}
}

// TestCLIFiles: what every subcommand shares: flags before or after the
// FILE ("--" ends them, "-" is stdin), a byte-order mark skipped in every
// file read, the API's size limit, and usage errors (exit 2) with the
// usage for a flag that does not exist.
func TestCLIFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const bom = "\uFEFF"
	pitch := "We help companies like yours. Worth a 15-minute demo?"
	msg := write("msg.txt", pitch)
	bomMsg := write("bom.txt", bom+pitch)
	bomReq := write("req.json", bom+`{"text": "`+pitch+`", "lang": "de"}`)
	prof, _ := os.ReadFile("../../testdata/profile.json")
	bomProf := write("profile.json", bom+string(prof))
	bomRules := write("team.json", bom+`{"phrases": [{"id": "team.vendor", "label": "selling", "weight": 1, "message": "Our usual vendor pitch.", "phrases": ["synergy stack"]}]}`)
	bomLines := write("in.jsonl", bom+`{"text": "`+pitch+`"}`+"\n")
	big := write("big.txt", strings.Repeat("a ", 2<<20+1))
	huge := write("huge.txt", strings.Repeat("a", 6<<20))
	for _, c := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		out   string // must appear in stdout
		err   string // must appear in stderr
	}{
		{"flags after FILE", "", []string{"assess", msg, "--json"}, 0, `"verdict": "decline_firm"`, ""},
		{"flags around FILE", "", []string{"assess", "--from", "Lena", msg, "--json", "--now", "2026-01-01"}, 0, `"verdict": "decline_firm"`, ""},
		{"- is stdin, flags after it", pitch, []string{"assess", "-", "--json"}, 0, `"verdict": "decline_firm"`, ""},
		{"-- ends the flags", "", []string{"assess", "--json", "--", "--json"}, 1, "", "--json: no such file"},
		{"a flag's value may start with -", "", []string{"assess", "--json", "--from", "-x-", msg}, 0, `"verdict"`, ""},
		{"reply FILE --tone brief", "", []string{"reply", msg, "--tone", "brief"}, 0, "Hi", ""},
		{"lint FILE --json", "", []string{"lint", msg, "--json"}, 1, `"id"`, ""},
		{"assess with two FILEs", "", []string{"assess", msg, msg}, 2, "", "assess: expected one FILE, got 2 arguments"},
		{"assess --jsonl with two FILEs", "", []string{"assess", "--jsonl", msg, msg}, 2, "", "expected one FILE"},
		{"lint with two FILEs", "", []string{"lint", msg, msg}, 2, "", "lint: expected one FILE"},
		{"unknown flag prints the usage", "", []string{"reply", msg, "--tones", "brief"}, 2, "", "flag provided but not defined: -tones\nUsage: politely reply"},
		{"unknown flag of eval", "", []string{"eval", "--cvv", "3"}, 2, "", "Usage: politely eval"},
		{"a flag without its value", "", []string{"assess", msg, "--from"}, 2, "", "flag needs an argument: -from\nUsage: politely assess"},
		{"-h", "", []string{"assess", "-h"}, 0, "", "Usage: politely assess"},
		{"a text file with a byte-order mark", "", []string{"assess", "--json", bomMsg}, 0, `"start": 0,`, ""},
		{"a JSON request with a byte-order mark", "", []string{"assess", "--json", bomReq}, 0, `"title": "Verkaufsabsicht"`, ""},
		{"a JSON request on stdin with a byte-order mark", bom + `{"text": "` + pitch + `", "lang": "de"}`, []string{"assess", "--json"}, 0, `"title": "Verkaufsabsicht"`, ""},
		{"a profile with a byte-order mark", "Coffee next week?", []string{"assess", "--json", "--from", "Victor Krum", "--profile", bomProf}, 0, `"negative_history"`, ""},
		{"a rule pack with a byte-order mark", "our synergy stack", []string{"assess", "--json", "--rules", bomRules}, 0, `"text": "synergy stack"`, ""},
		{"--jsonl with a byte-order mark", "", []string{"assess", "--jsonl", bomLines}, 0, `"verdict":"decline_firm"`, ""},
		{"a message over the limit", "", []string{"assess", big}, 1, "", "the message is 4194306 bytes; the limit is 4194304 (4 MiB)"},
		{"a file far over the limit", "", []string{"assess", huge}, 1, "", huge + " is over 5242880 bytes; a message may be at most 4194304 (4 MiB)"},
		{"stdin far over the limit", strings.Repeat("a", 6<<20), []string{"reply"}, 2, "", "stdin is over 5242880 bytes"},
	} {
		code, out, errs := assessCLI(t, c.stdin, false, nil, c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.err) {
			t.Errorf("%s: exit %d (want %d)\nstdout: %.300s\nstderr: %.500s", c.name, code, c.code, out, errs)
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
