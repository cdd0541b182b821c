package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// triageCLI runs `politely triage` in-process; tty says whether stderr
// counts as a terminal.
func triageCLI(t *testing.T, tty bool, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		now:    func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC) },
		getenv: func(string) string { return "" },
		isTTY:  func(w io.Writer) bool { return tty && w == io.Writer(&errb) }}
	code := c.main(append([]string{"triage"}, args...))
	return code, out.String(), errb.String()
}

func TestTriageCLI(t *testing.T) {
	fixture := filepath.Join("..", "..", "testdata", "export")
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("hello\n"), 0o644)
	// The export as a spreadsheet re-saves it: Invitations.csv and
	// Connections.csv with ";", or Invitations.csv in UTF-16.
	semi, u16, alone, undated := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	for _, name := range []string{"messages.csv", "Connections.csv", "Invitations.csv"} {
		b, err := os.ReadFile(filepath.Join(fixture, name))
		if err != nil {
			t.Fatal(err)
		}
		data := string(b)
		if name != "messages.csv" {
			data = semicolons(data)
		}
		os.WriteFile(filepath.Join(semi, name), []byte(data), 0o644)
		data = string(b)
		if name == "Invitations.csv" {
			data = utf16le(data)
		}
		os.WriteFile(filepath.Join(u16, name), []byte(data), 0o644)
		if name == "messages.csv" {
			os.WriteFile(filepath.Join(alone, name), b, 0o644)
			os.WriteFile(filepath.Join(undated, name), b, 0o644)
		}
	}
	// Connections dated in another language: each is kept, undated, with a
	// warning; past the first twenty the warnings are counted apart from
	// the rows skipped.
	conns := "Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	for i := range 25 {
		conns += fmt.Sprintf("Ana%d,Lima,https://www.linkedin.com/in/ana%d,,Acme,CTO,15 juil. 2020\n", i, i)
	}
	os.WriteFile(filepath.Join(undated, "Connections.csv"), []byte(conns), 0o644)
	for _, c := range []struct {
		name string
		args []string
		code int
		out  string // must appear in stdout
		err  string // must appear in stderr
	}{
		{"--html a folder", []string{fixture, "--html", dir}, 2, "", "triage: --html " + dir + " is a directory; name the file to write"},
		{"--json in a missing folder", []string{fixture, "--json", "/nonexistent/dir/t.json"}, 2, "", "triage: --json /nonexistent/dir/t.json: the folder /nonexistent/dir does not exist"},
		{"side files re-saved with ;", []string{semi}, 0, "40 invitations (24 with a note assessed, 8 without, 8 sent)", ""},
		{"Invitations.csv in UTF-16", []string{u16}, 1, "", "Invitations.csv is UTF-16 (re-saved by a spreadsheet?)"},
		{"one unreadable row", []string{alone}, 0, "; 1 unreadable row skipped;", ""},
		{"no export", nil, 2, "", "Usage: politely triage"},
		{"two exports", []string{fixture, fixture}, 2, "", "Usage"},
		{"bad flag", []string{"--nope", fixture}, 2, "", "flag provided but not defined"},
		{"missing file", []string{filepath.Join(dir, "missing.zip")}, 1, "", "no such file"},
		{"not an export", []string{notes}, 1, "", "not a LinkedIn data export"},
		{"unknown me", []string{fixture, "--me", "Nobody"}, 1, "", `--me "Nobody" is not a participant`},
		{"both stdout", []string{fixture, "--csv", "-", "--json", "-"}, 2, "", "only one of"},
		{"summary only", []string{fixture}, 0, "nothing written", "messages.csv:"},
		{"broken rules", []string{fixture, "--rules", notes}, 1, "", "notes.txt"},
		{"flags after export", []string{fixture, "--me", "Sam Rivera", "--json", filepath.Join(dir, "t.json")}, 0, "me = Sam Rivera; 4 unreadable rows skipped; wrote", "Invitations.csv:25: has 6 fields"},
		{"invitations counted", []string{fixture}, 0, "40 invitations (24 with a note assessed, 8 without, 8 sent)", ""},
		{"undated connections kept", []string{undated}, 0, "; 1 unreadable row skipped;", "Connections.csv:5: Connected On \"15 juil. 2020\" is not a date; row kept without it\npolitely: Connections.csv:6:"},
		{"undated connections counted apart", []string{undated}, 0, "", "politely: ... and 6 more rows kept without an unreadable field\n"},
	} {
		code, out, errs := triageCLI(t, false, c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.err) {
			t.Errorf("%s: code %d (want %d)\nstdout %q\nstderr %q", c.name, code, c.code, out, errs)
		}
		if (c.name == "missing file" || c.name == "not an export") && strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%s: error is not one line: %q", c.name, errs)
		}
	}
}

func TestTriageOutputs(t *testing.T) {
	fixture := filepath.Join("..", "..", "testdata", "export")
	dir := t.TempDir()
	j, h, c := filepath.Join(dir, "t.json"), filepath.Join(dir, "t.html"), filepath.Join(dir, "t.csv")
	code, out, errs := triageCLI(t, true, fixture, "--profile", filepath.Join(fixture, "profile.json"), "--json", j, "--html", h, "--csv", c)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	if strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.HasPrefix(out, "triage: ") {
		t.Errorf("summary is not one line: %q", out)
	}
	// On a terminal the progress bar is drawn on stderr, never on stdout.
	if !strings.Contains(errs, "assessing") || strings.Contains(out, "assessing") {
		t.Errorf("progress: stdout %q stderr %q", out, errs)
	}
	var doc struct {
		Summary struct{ Messages, Requests int } `json:"summary"`
	}
	b, _ := os.ReadFile(j)
	if err := json.Unmarshal(b, &doc); err != nil || doc.Summary.Messages == 0 {
		t.Errorf("json: %v %+v", err, doc)
	}
	csvb, _ := os.ReadFile(c)
	if lines := strings.Count(string(csvb), "\n"); lines < doc.Summary.Requests {
		t.Errorf("csv has %d lines", lines)
	}
	if hb, _ := os.ReadFile(h); !bytes.Contains(hb, []byte("<table id=\"convs\">")) {
		t.Errorf("html report missing its table")
	}
	// Without a terminal there is no bar at all.
	_, _, errs = triageCLI(t, false, fixture, "--json", j)
	if strings.Contains(errs, "assessing") {
		t.Errorf("progress bar drawn without a terminal: %q", errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// semicolons re-saves CSV with ";" as a spreadsheet in a European locale
// does: the separators outside quotes change, the commas inside stay.
func semicolons(s string) string {
	var b strings.Builder
	quoted := false
	for _, r := range s {
		if r == '"' {
			quoted = !quoted
		}
		if r == ',' && !quoted {
			r = ';'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// utf16le is s as a spreadsheet's "Unicode text" re-save writes it.
func utf16le(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}
