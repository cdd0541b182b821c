package reply_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"politely/internal/golden"
	"politely/internal/model"
	"politely/internal/reply"
)

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
		// The acknowledgement in neutral words, to someone the user
		// declines firmly.
		for _, c := range goldenCases(t) {
			for _, tone := range reply.Tones() {
				r := c.req
				r.Scenario, r.Tone, r.Lang = reply.Acknowledge, tone, lang
				rep, err := reply.Write(r, model.Result{Verdict: model.DeclineFirm})
				if err != nil {
					t.Fatal(err)
				}
				b.WriteString("=== " + reply.Acknowledge + " (decline_firm) / " + tone + " / " + c.name + "\n" + rep.Text + "\n\n")
			}
		}
		golden.Check(t, filepath.Join("testdata", "golden", lang+".txt"), []byte(b.String()))
	}
}
