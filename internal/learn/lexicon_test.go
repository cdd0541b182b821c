package learn

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"politely/internal/text"
)

// packModel is the model of the embedded pack, read from its file.
func packModel(t testing.TB) *Model {
	data, err := os.ReadFile("../rules/pack/model.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(gjson.Get(string(data), "model"))
	if err != nil {
		t.Fatal(err)
	}
	if m.lex == nil {
		t.Fatal("the pack's model has no lexicon: its config is not the usual one")
	}
	return m
}

// notBefore is a negation for tests: "not" or "no" just before.
func notBefore(f *text.Folded) func(first int) bool {
	return func(first int) bool {
		w := f.List()
		if first < 1 || first > len(w) {
			return false
		}
		p := f.Norm[w[first-1].Start:w[first-1].End]
		return p == "not" || p == "no"
	}
}

// same scores msg through the lexicon and through Visit and reports the
// first difference: the two must find the same features in the same order.
func same(m *Model, msg string) string {
	slow := *m
	slow.lex = nil
	f := text.Fold(msg)
	a, b := Scorer{Record: true}, Scorer{Record: true}
	m.Start(&a)
	m.Text(&a, msg, f, nil, notBefore(f))
	slow.Start(&b)
	slow.Text(&b, msg, f, nil, notBefore(f))
	switch {
	case !slices.Equal(a.Found, b.Found):
		return "features found differ"
	case !slices.Equal(a.Z, b.Z) || !slices.Equal(a.steps, b.steps):
		return "log-odds differ"
	}
	all := make([]bool, len(m.Labels))
	for l := range all {
		all[l] = true
	}
	m.Rank(&a, all)
	slow.Rank(&b, all)
	if !slices.Equal(a.Top, b.Top) || !slices.Equal(a.TopW, b.TopW) {
		return "strongest features differ"
	}
	return ""
}

// TestLexicon: scoring through the lexicon is scoring through Visit, on
// every sample message and written case, and on odd text.
func TestLexicon(t *testing.T) {
	m := packModel(t)
	msgs := []string{
		"", " ", "#", "1 2 3", "We do not offer a free trial, no demo needed.",
		"Hi Dana, Acme and Globex are NOT hiring. US teams, US!", "ÉCOLE école Straße",
		"你好，我在找工作，可以帮我内推吗？", "https://calendly.com/x/15min $500 €5 usd",
		"I I I we we", strings.Repeat("pick your brain ", 50),
	}
	files, _ := filepath.Glob("../../testdata/messages/*")
	for _, p := range files {
		data, _ := os.ReadFile(p)
		msgs = append(msgs, string(data))
	}
	sets, _ := filepath.Glob("../../testdata/eval/*.jsonl")
	for _, p := range sets {
		data, _ := os.ReadFile(p)
		for _, line := range strings.Split(string(data), "\n") {
			if t := gjson.Get(line, "text"); t.Exists() {
				msgs = append(msgs, t.String())
			}
		}
	}
	if len(msgs) < 200 {
		t.Fatalf("only %d messages", len(msgs))
	}
	for _, msg := range msgs {
		if d := same(m, msg); d != "" {
			t.Errorf("%.60q: %s", msg, d)
		}
	}
}

// FuzzLexicon: on any text, the lexicon finds what Visit finds.
func FuzzLexicon(f *testing.F) {
	m := packModel(f)
	f.Add("We do not offer a free trial")
	f.Add("Hi Anna, can I pick your brain? https://calendly.com/x")
	f.Add("Ich würde mich über einen Austausch freuen, NICHT wahr")
	f.Fuzz(func(t *testing.T, msg string) {
		if d := same(m, msg); d != "" {
			t.Fatalf("%q: %s", msg, d)
		}
	})
}

// TestWeight: Weight finds a feature's weight for one label, and none where
// the feature has no weight for it (not the next label's).
func TestWeight(t *testing.T) {
	m := packModel(t)
	for f := range m.Names {
		want := map[int]float64{}
		for _, lw := range m.Weights(f) {
			want[int(lw.Label)] = lw.Weight
		}
		for l := range m.Labels {
			w, known := m.Weight(f, l)
			if v, ok := want[l]; w != v || known != ok {
				t.Fatalf("Weight(%s, %s) = %v, %v; want %v, %v", m.Names[f], m.Labels[l].ID, w, known, v, ok)
			}
		}
	}
}

// TestScorerReuse: one Scorer reused for a thousand messages, past every
// wrap of the byte that marks a feature counted, scores each as a fresh
// Scorer does.
func TestScorerReuse(t *testing.T) {
	m := packModel(t)
	msgs := []string{"Can I pick your brain over coffee?", "We help companies like yours grow revenue.", "Hi Dana, are you hiring?", ""}
	var reused Scorer
	for i := range 1000 {
		msg := msgs[i%len(msgs)]
		f := text.Fold(msg)
		var fresh Scorer
		m.Start(&reused)
		m.Text(&reused, msg, f, nil, nil)
		m.Start(&fresh)
		m.Text(&fresh, msg, f, nil, nil)
		for l := range m.Labels {
			if a, b := reused.LogOdds(l), fresh.LogOdds(l); a != b {
				t.Fatalf("message %d, label %s: reused %v, fresh %v", i, m.Labels[l].ID, a, b)
			}
		}
	}
}
