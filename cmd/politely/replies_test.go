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

	"politely/internal/model"
)

// replyCLI runs the command line with stdin and returns exit code, stdout, stderr.
func replyCLI(stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	c := &cli{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		now:    func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC) },
		getenv: func(string) string { return "" },
		isTTY:  func(io.Writer) bool { return false },
	}
	code := c.main(args)
	return code, out.String(), errb.String()
}

func TestReplyCommand(t *testing.T) {
	msg := "Hi Robin, could we grab a coffee next week to talk about your career path?\n\nBest,\nLena"
	code, out, errs := replyCLI(msg, "reply", "--scenario", "coffee", "--tone", "brief")
	if code != exitOK || !strings.HasPrefix(out, "Hi Lena,") || errs != "" {
		t.Fatalf("code %d, out %q, err %q", code, out, errs)
	}
	code, again, _ := replyCLI(msg, "reply", "--scenario", "coffee", "--tone", "brief", "-")
	if code != exitOK || again != out {
		t.Errorf("stdin as - differs: %q", again)
	}
	code, out, _ = replyCLI(msg, "reply", "--lang", "de", "--tone", "formal", "--from", "Lena Fischer", "--scenario", "firm")
	if code != exitOK || !strings.HasPrefix(out, "Guten Tag Lena Fischer,") && !strings.HasPrefix(out, "Hallo Lena Fischer,") {
		t.Errorf("de formal: %q", out)
	}
	// A profile signs the reply; a JSON request on stdin is read as one.
	dir := t.TempDir()
	prof := filepath.Join(dir, "p.json")
	os.WriteFile(prof, []byte(`{"signature": "Robin", "lang": "fr"}`), 0o644)
	code, out, _ = replyCLI(msg, "reply", "--profile", prof)
	if code != exitOK || !strings.HasSuffix(out, "\nRobin\n") || !strings.HasPrefix(out, "Bonjour Lena") {
		t.Errorf("profile: %q", out)
	}
	req, _ := json.Marshal(model.Request{Text: msg, Sender: model.Sender{Name: "Aiko Tanaka"}, Scenario: "accept"})
	code, out, _ = replyCLI(string(req), "reply")
	if code != exitOK || !strings.HasPrefix(out, "Hi Aiko,") && !strings.HasPrefix(out, "Hello Aiko,") {
		t.Errorf("json request: %q", out)
	}
	for _, c := range []struct {
		args []string
		in   string
		want string
	}{
		{[]string{"reply", "--lang", "xx"}, msg, `--lang: unsupported language "xx"; supported: en, zh, es, fr, de, pt, pt-PT`},
		{[]string{"reply", "--tone", "rude"}, msg, `--tone: unsupported tone "rude"`},
		{[]string{"reply", "--scenario", "ghost"}, msg, `--scenario: unsupported scenario "ghost"`},
		{[]string{"reply"}, "  \n", "no message to assess"},
		{[]string{"reply", "--now", "yesterday"}, msg, "--now"},
		{[]string{"reply", "a", "b"}, msg, "expected one FILE"},
	} {
		code, _, errs := replyCLI(c.in, c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: code %d, stderr %q", c.args, code, errs)
		}
	}
	if code, out, _ := replyCLI("", "reply", "--list"); code != exitOK || !strings.Contains(out, "follow_up_firm") || !strings.Contains(out, "not_for_me]") {
		t.Errorf("--list: %d %q", code, out)
	}
}

func TestLintCommand(t *testing.T) {
	code, out, _ := replyCLI("Hi [Name], I think maybe I can't. Sorry, so sorry!", "lint")
	if code != exitFailure {
		t.Fatalf("code %d", code)
	}
	for _, id := range []string{"placeholder", "hedging", "excessive_apology", "too_short", "missing_thanks"} {
		if !strings.Contains(out, " "+id+": ") {
			t.Errorf("%s missing from\n%s", id, out)
		}
	}
	code, out, _ = replyCLI("Hi [Name], thanks!", "lint", "--json")
	var issues []model.Issue
	if code != exitFailure || json.Unmarshal([]byte(out), &issues) != nil || len(issues) != 2 || issues[1].Text != "[Name]" || issues[1].Start != 3 {
		t.Errorf("--json: %d %q", code, out)
	}
	_, rep, _ := replyCLI("Could we grab coffee? Thanks, Lena", "reply", "--lang", "zh")
	code, out, _ = replyCLI(rep, "lint", "--lang", "zh", "--json")
	if code != exitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("a generated reply has findings: %d %s\n%s", code, out, rep)
	}
	code, out, _ = replyCLI(rep, "lint", "--lang", "zh")
	if code != exitOK || out != "no findings\n" {
		t.Errorf("clean text output: %q", out)
	}
	if code, _, errs := replyCLI("text", "lint", "--lang", "xx"); code != exitUsage || !strings.Contains(errs, "supported: en, zh, es, fr, de, pt") {
		t.Errorf("bad lang: %d %q", code, errs)
	}
	if code, _, errs := replyCLI(" \n", "lint"); code != exitUsage || !strings.Contains(errs, "empty") {
		t.Errorf("empty: %d %q", code, errs)
	}
}
