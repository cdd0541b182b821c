package reply_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"politely/internal/model"
	"politely/internal/reply"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenCases are the two requests every scenario, tone and language is
// written for: a named sender with the full profile, and an unknown sender
// with an empty one.
func goldenCases(t *testing.T) []struct {
	name string
	req  model.Request
} {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	return []struct {
		name string
		req  model.Request
	}{
		{"named, full profile", model.Request{
			Text:    "Hi Robin, I'm raising a seed round and would love 30 minutes to pick your brain on fundraising.\n\nBest,\nLena",
			Now:     now,
			Sender:  model.Sender{Name: "Lena Fischer", Headline: "Founder at Brightloop"},
			Profile: loadProfile(t),
		}},
		{"unknown sender, empty profile", model.Request{
			Text: "Hello! Would you be open to a quick call about opportunities at your company?",
			Now:  now,
		}},
	}
}

// TestGolden writes every scenario in every tone and language and compares
// with testdata/golden/LANG.txt; run with -update to accept changes, then
// review the diff.
func TestGolden(t *testing.T) {
	for _, lang := range reply.Langs() {
		var b strings.Builder
		for _, c := range goldenCases(t) {
			for _, tone := range reply.Tones() {
				for _, sc := range reply.Scenarios() {
					r := c.req
					r.Scenario, r.Tone, r.Lang = sc, tone, lang
					rep, err := reply.Write(r, model.Result{Verdict: model.DeclineDoorOpen, MinutesAsked: 30})
					if err != nil {
						t.Fatal(err)
					}
					again, _ := reply.Write(r, model.Result{Verdict: model.DeclineDoorOpen, MinutesAsked: 30})
					if again != rep {
						t.Errorf("%s/%s/%s: not deterministic", sc, tone, lang)
					}
					b.WriteString("=== " + sc + " / " + tone + " / " + c.name + "\n" + rep.Text + "\n\n")
				}
			}
		}
		path := filepath.Join("testdata", "golden", lang+".txt")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s missing: run go test ./internal/reply -update", path)
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != string(want) {
			t.Errorf("%s differs (run with -update and review the diff):\n%s", path, firstDiff(got, string(want)))
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n got: " + a + "\nwant: " + b
		}
	}
	return ""
}

func itoa(n int) string {
	s := ""
	for ; n > 0 || s == ""; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
