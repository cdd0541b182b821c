package triage

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"politely/internal/engine"
	"politely/internal/export"
	"politely/internal/export/gen"
	"politely/internal/golden"
	"politely/internal/model"
)

const fixture = "../../testdata/export"

func profile(t *testing.T) model.Profile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixture, "profile.json"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.DecodeProfile(b)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// triageRun triages path into a temp folder and returns the JSON and HTML output,
// the summary and the malformed rows.
func triageRun(t *testing.T, path string, opt Options) (js, page []byte, sum Summary, bad []export.RowError) {
	t.Helper()
	ex, err := export.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	eng, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opt.JSON, opt.HTML, opt.CSV = filepath.Join(dir, "t.json"), filepath.Join(dir, "t.html"), filepath.Join(dir, "t.csv")
	opt.Bad = func(r export.RowError) { bad = append(bad, r) }
	sum, err = Run(ex, eng, opt)
	if err != nil {
		t.Fatal(err)
	}
	js, _ = os.ReadFile(opt.JSON)
	page, _ = os.ReadFile(opt.HTML)
	return
}

func TestGolden(t *testing.T) {
	js, _, sum, bad := triageRun(t, fixture, Options{Profile: profile(t)})
	golden.Check(t, filepath.Join(fixture, "triage.golden.json"), js)
	// Facts about the fixture that do not depend on the rules.
	if sum.Me != gen.Me {
		t.Errorf("me = %q, want %q", sum.Me, gen.Me)
	}
	// The generator writes one broken row into messages.csv and three into
	// Invitations.csv (a stray quote, a missing field, a date that is not one).
	files := map[string]int{}
	for _, r := range bad {
		if r.Line < 2 {
			t.Errorf("malformed row without its line: %v", r)
		}
		files[r.File]++
	}
	if len(bad) != 4 || files["messages.csv"] != 1 || files["Invitations.csv"] != 3 {
		t.Errorf("malformed rows: %v, want the broken rows", bad)
	}
	if sum.SkippedRows == 0 || sum.Connections == 0 || sum.Invitations == 0 || sum.InvitationRequests == 0 ||
		sum.InvitationsNoNote == 0 || sum.InvitationsSent == 0 ||
		sum.Invitations != sum.InvitationRequests+sum.InvitationsNoNote+sum.InvitationsSent {
		t.Errorf("summary: %+v", sum)
	}
	var out struct {
		Summary       map[string]json.RawMessage `json:"summary"`
		Conversations []map[string]json.RawMessage
	}
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"messages", "conversations", "requests", "unanswered", "by_flag", "minutes_requested", "invitations", "invitation_requests"} {
		if _, ok := out.Summary[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}
	if len(out.Conversations) != sum.Conversations+sum.InvitationRequests {
		t.Fatalf("%d rows listed, summary says %d conversations and %d invitations with a note", len(out.Conversations), sum.Conversations, sum.InvitationRequests)
	}
	for _, c := range out.Conversations {
		for _, k := range []string{"id", "with", "last_at", "answered", "verdict", "flags", "reply"} {
			if _, ok := c[k]; !ok {
				t.Errorf("conversation lacks %q: %s", k, c["id"])
			}
		}
	}
}

// The rows below come straight from the fixture: a mis-encoded name is
// repaired, HTML is text, the follow-up after a no is seen, and unanswered
// conversations come first.
func TestFixtureFacts(t *testing.T) {
	js, page, sum, _ := triageRun(t, fixture, Options{Profile: profile(t)})
	var out struct {
		Conversations []Conversation `json:"conversations"`
	}
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	seenAnswered, followUps, groups, requests, invitations, multiline := false, 0, 0, 0, 0, 0
	for _, c := range out.Conversations {
		if strings.ContainsAny(c.With+c.Text, "Ã") || strings.Contains(c.Text, "<p>") || strings.Contains(c.Text, "<br>") || strings.Contains(c.Text, "&nbsp;") {
			t.Errorf("unrepaired text in %s: %q %q", c.ID, c.With, c.Text)
		}
		if c.Answered {
			seenAnswered = true
		} else if seenAnswered {
			t.Errorf("unanswered %s listed after an answered one", c.ID)
		}
		if c.FollowUpAfterDecline {
			followUps++
		}
		if c.Kind == "group" {
			groups++
		}
		if c.Kind == "invitation" {
			invitations++
			if strings.Contains(c.Text, "\n") {
				multiline++
			}
		}
		if c.Kind == "request" || c.Kind == "invitation" {
			requests++
			if c.Text == "" || c.Verdict == "" || c.Reply == "" || c.Rapport == nil || c.AskedAt == "" {
				t.Errorf("request %s not assessed: %+v", c.ID, c)
			}
		}
	}
	if followUps == 0 || groups == 0 || requests != sum.Requests || invitations != sum.InvitationRequests || multiline == 0 {
		t.Errorf("follow-ups %d, groups %d, requests %d (summary %d), invitations %d (summary %d), %d of them on several lines",
			followUps, groups, requests, sum.Requests, invitations, sum.InvitationRequests, multiline)
	}
	if !bytes.Contains(page, []byte("Content-Security-Policy")) || !bytes.Contains(page, []byte("<svg")) {
		t.Errorf("report lacks its CSP or charts")
	}
}

// The same export with its rows mixed across conversations gives the same
// conversations: the index does not rely on the file being sorted.
func TestUnsortedExport(t *testing.T) {
	var got [2][]Conversation
	for i, inter := range []bool{false, true} {
		dir := t.TempDir()
		if _, err := gen.Write(dir, gen.Options{Seed: 3, Messages: 400, Interleave: inter}); err != nil {
			t.Fatal(err)
		}
		js, _, _, _ := triageRun(t, dir, Options{})
		var out struct {
			Conversations []Conversation `json:"conversations"`
		}
		if err := json.Unmarshal(js, &out); err != nil {
			t.Fatal(err)
		}
		sort.Slice(out.Conversations, func(a, b int) bool { return out.Conversations[a].ID < out.Conversations[b].ID })
		got[i] = out.Conversations
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("sorted and interleaved exports triage differently")
	}
}

func TestMe(t *testing.T) {
	_, _, sum, _ := triageRun(t, fixture, Options{Me: "sam  rivera"})
	if sum.Me != gen.Me {
		t.Errorf("--me by name gave %q", sum.Me)
	}
	_, _, sum, _ = triageRun(t, fixture, Options{Me: gen.MeURL + "/"})
	if sum.Me != gen.Me {
		t.Errorf("--me by URL gave %q", sum.Me)
	}
	ex, err := export.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	eng, _ := engine.New()
	_, err = Run(ex, eng, Options{Me: "Nobody Here"})
	if err == nil || !strings.Contains(err.Error(), "Sam Rivera") {
		t.Errorf("unknown --me: %v", err)
	}
}

func TestZipMatchesFolder(t *testing.T) {
	zp := filepath.Join(t.TempDir(), "Basic_LinkedInDataExport.zip")
	csv := func(name string) bool { return strings.HasSuffix(name, ".csv") }
	if err := gen.Zip(fixture, zp, zip.Deflate, csv); err != nil {
		t.Fatal(err)
	}
	a, _, _, _ := triageRun(t, fixture, Options{Profile: profile(t)})
	b, _, _, _ := triageRun(t, zp, Options{Profile: profile(t)})
	if !bytes.Equal(a, b) {
		t.Errorf("zip and folder give different JSON")
	}
}

func TestSegments(t *testing.T) {
	type seg = segment
	for _, tc := range []struct {
		text string
		ev   []Evidence
		want []segment
	}{
		{"hello", nil, []seg{{Text: "hello"}}},
		{"buy now please", []Evidence{{ID: "selling", Start: 0, End: 7}}, []seg{{"buy now", "selling", false}, {Text: " please"}}},
		{"👋 demo call", []Evidence{{ID: "selling", Start: 3, End: 7}}, []seg{{Text: "👋 "}, {"demo", "selling", false}, {Text: " call"}}},
		{"é<b>x</b>", []Evidence{{ID: "s", Signal: true, Start: 1, End: 4}}, []seg{{Text: "é"}, {"<b>", "s", true}, {Text: "x</b>"}}},
		{"abcdef", []Evidence{{ID: "a", Start: 0, End: 4}, {ID: "b", Start: 2, End: 6}}, []seg{{"ab", "a", false}, {"cd", "a b", false}, {"ef", "b", false}}},
		{"abc", []Evidence{{ID: "x", Start: -5, End: 99}}, []seg{{"abc", "x", false}}},
		{"abc", []Evidence{{ID: "x", Start: 2, End: 1}}, []seg{{Text: "abc"}}},
		{"👋x", []Evidence{{ID: "x", Start: 1, End: 3}}, []seg{{Text: "👋"}, {"x", "x", false}}},
	} {
		if got := segments(tc.text, tc.ev); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("segments(%q, %v) = %+v, want %+v", tc.text, tc.ev, got, tc.want)
		}
	}
}

// Message text is escaped: a message holding markup shows as text.
func TestReportEscapes(t *testing.T) {
	dir := t.TempDir()
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & <b>bold</b>`
	csv := "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n" +
		"c1,,Eve <i>Evil</i>,javascript:alert(3),Sam Roe,https://www.linkedin.com/in/sam,2026-01-02 10:00:00 UTC,,\"" + strings.ReplaceAll(hostile, `"`, `""`) + "\",INBOX\n" +
		"c2,,Sam Roe,https://www.linkedin.com/in/sam,Ana,,2026-01-03 10:00:00 UTC,,hi,SENT\n" +
		"c3,,Sam Roe,https://www.linkedin.com/in/sam,Bo,,2026-01-03 10:00:00 UTC,,hi,SENT\n"
	if err := os.WriteFile(filepath.Join(dir, "messages.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	_, page, sum, _ := triageRun(t, dir, Options{})
	if sum.Me != "Sam Roe" || sum.Requests != 1 {
		t.Fatalf("summary %+v", sum)
	}
	for _, bad := range []string{"<script>alert", "<img src=x", "onerror=alert(2)>", "<i>Evil", "javascript:alert"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("report contains raw %q", bad)
		}
	}
	if !bytes.Contains(page, []byte("&lt;i&gt;Evil")) {
		t.Errorf("sender name not shown escaped")
	}
	if bytes.Count(page, []byte("<script>")) != 1 {
		t.Errorf("report has %d scripts, want only its own", bytes.Count(page, []byte("<script>")))
	}
}

// A failed write leaves the previous output in place.
func TestAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	os.WriteFile(p, []byte("old"), 0o644)
	err := writeAtomic(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk full")
	})
	b, _ := os.ReadFile(p)
	entries, _ := os.ReadDir(dir)
	if err == nil || string(b) != "old" || len(entries) != 1 {
		t.Errorf("err %v, content %q, files %d", err, b, len(entries))
	}
	if err := writeAtomic(filepath.Join(dir, "missing", "x.json"), func(io.Writer) error { return nil }); err == nil {
		t.Errorf("writing into a missing folder succeeded")
	}
}

// An output that cannot be written is refused before any work, in an
// error that names the path the user gave, never a temporary file's.
func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	os.WriteFile(file, nil, 0o644)
	for _, c := range []struct{ path, want string }{
		{"", ""},
		{"-", ""},
		{filepath.Join(dir, "r.html"), ""},
		{file, ""}, // replaced when the run ends
		{dir, dir + " is a directory; name the file to write"},
		{dir + "/", dir + "/ is a directory; name the file to write"},
		{filepath.Join(dir, "missing", "r.html"), filepath.Join(dir, "missing", "r.html") + ": the folder " + filepath.Join(dir, "missing") + " does not exist"},
		{filepath.Join(file, "r.html"), filepath.Join(file, "r.html") + ": the folder " + file + " does not exist"},
	} {
		if err := CheckOutput(c.path); fmt.Sprint(err) != c.want && (err != nil || c.want != "") {
			t.Errorf("CheckOutput(%q) = %v, want %q", c.path, err, c.want)
		}
		if c.want == "" {
			continue
		}
		if _, err := Run(nil, nil, Options{HTML: c.path}); err == nil || err.Error() != c.want {
			t.Errorf("Run with --html %q: %v, want %q", c.path, err, c.want)
		}
	}
}

// Stopping leaves no output and no temporary file behind.
func TestStop(t *testing.T) {
	ex, err := export.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	eng, _ := engine.New()
	dir := t.TempDir()
	old := spoolDir
	spoolDir = dir
	defer func() { spoolDir = old }()
	for _, after := range []int{0, 1} { // in the first pass, in the second
		calls := 0
		_, err = Run(ex, eng, Options{HTML: filepath.Join(dir, "r.html"), Stop: func() bool { calls++; return calls > after }})
		entries, _ := os.ReadDir(dir)
		if !errors.Is(err, ErrStopped) || len(entries) != 0 {
			t.Errorf("stop after %d polls: %v, files %v", after, err, entries)
		}
	}
}
