package learn

import (
	"fmt"
	"math"
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
func notBefore(f *text.Folded) []bool {
	w := f.List()
	marks := make([]bool, len(w))
	for first := 1; first < len(w); first++ {
		p := f.Norm[w[first-1].Start:w[first-1].End]
		marks[first] = p == "not" || p == "no"
	}
	return marks
}

// namesBySearch is nameMarks as first written: Break searched for each
// capitalized word, where nameMarks walks the breaks beside the words.
func namesBySearch(raw string, f *text.Folded) []bool {
	words := f.List()
	marks := make([]bool, len(words))
	caps := 0
	for k := 1; k < len(words); k++ {
		if capitalized(raw, f, words[k]) && !f.Break(int(words[k-1].End), int(words[k].Start)) {
			marks[k] = true
			caps++
		}
	}
	if caps*5 > len(words) {
		return marks[:0]
	}
	return marks
}

// same scores msg through the lexicon and through Visit and reports the
// first difference: the two must find the same features in the same order.
func same(m *Model, msg string) string {
	slow := *m
	slow.lex = nil
	f := text.Fold(msg)
	var a, b Scorer
	m.Start(&a)
	m.Text(&a, msg, f, nil, notBefore(f))
	slow.Start(&b)
	slow.Text(&b, msg, f, nil, notBefore(f))
	a.sum()
	b.sum()
	names, _ := nameMarks(msg, f, nil, nil)
	switch {
	case !slices.Equal(names, namesBySearch(msg, f)):
		return "names differ from a search of the breaks for each"
	case !slices.Equal(a.Found(), b.Found()):
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

// TestWeight: the weights the model holds (its rows, the only copy) are the
// pack file's, label by label and feature by feature, and no others.
func TestWeight(t *testing.T) {
	m := packModel(t)
	data, err := os.ReadFile("../rules/pack/model.json")
	if err != nil {
		t.Fatal(err)
	}
	want := make([]map[int]float64, len(m.Labels))
	// The file's weights are whole steps of its weight_unit, a whole
	// number of the model's Unit.
	per := math.Round(gjson.Get(string(data), "model.weight_unit").Float() / Unit)
	for l, lab := range gjson.Get(string(data), "model.labels").Array() {
		want[l] = map[int]float64{}
		ws, f := lab.Get("weights").Array(), 0
		for i := 0; i+1 < len(ws); i += 2 {
			f += int(ws[i].Int())
			want[l][f] = float64(ws[i+1].Int()) * per * Unit
		}
	}
	for f := range m.Names {
		for l := range m.Labels {
			v, ok := want[l][f]
			if w, known := m.Weight(f, l); w != v || known != ok {
				t.Fatalf("Weight(%s, %s) = %v, %v; the file has %v, %v", m.Names[f], m.Labels[l].ID, w, known, v, ok)
			}
		}
	}
}

// TestJSON: a model written and read back is the same file, to the byte.
func TestJSON(t *testing.T) {
	m := packModel(t)
	first := m.JSON("about")
	back, err := Parse(gjson.Get(string(first), "model"))
	if err != nil {
		t.Fatal(err)
	}
	if second := back.JSON("about"); string(second) != string(first) {
		t.Fatal("the model read back writes another file")
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
		probs := fresh.Probs(nil)
		for l := range m.Labels {
			if a, b := reused.LogOdds(l), fresh.LogOdds(l); a != b {
				t.Fatalf("message %d, label %s: reused %v, fresh %v", i, m.Labels[l].ID, a, b)
			}
			// Probs is every label's probability at once, as Prob of
			// LogOdds gives each.
			if probs[l] != Prob(fresh.LogOdds(l)) {
				t.Fatalf("message %d, label %s: Probs %v, Prob of LogOdds %v", i, m.Labels[l].ID, probs[l], Prob(fresh.LogOdds(l)))
			}
		}
		if len(probs) != len(m.Labels) {
			t.Fatalf("Probs gave %d, want %d", len(probs), len(m.Labels))
		}
	}
}

// TestLaneSums: the lanes' fields add up exactly, across the blocks sum
// adds whole, for weights of any grain and size (pack): the extremes of a
// step, hundredths as the trainer writes them, a size right at the bias
// where a field needs one bit more, and a grain of fifteen steps; for an
// odd number of labels (the last fields are padding).
func TestLaneSums(t *testing.T) {
	for _, c := range []struct {
		name         string
		hi, lo, tiny int32 // labels a, b and c's weights, in steps (c's on every third feature)
		block        int
	}{
		{"extremes", maxSteps, -maxSteps, -1, 1},
		{"hundredths", 5110, -5110, -10, 64},
		{"at the bias", 640, -630, 10, 257},
		{"grain", 300, -600, 150, 4369},
	} {
		n := 3*c.block + 10
		names := make([]string, n)
		var ws [3][]Weight
		for f := range names {
			names[f] = fmt.Sprintf("w:f%d", f)
			ws[0] = append(ws[0], Weight{f, float64(c.hi) * Unit})
			ws[1] = append(ws[1], Weight{f, float64(c.lo) * Unit})
			if f%3 == 0 {
				ws[2] = append(ws[2], Weight{f, float64(c.tiny) * Unit})
			}
		}
		labels := []Label{{ID: "a", Threshold: 0.5}, {ID: "b", Threshold: 0.5}, {ID: "c", Threshold: 0.5}}
		m, err := Build(Config{Words: 1}, labels, names, ws[:], 1)
		if err != nil {
			t.Fatal(err)
		}
		if m.block != c.block {
			t.Errorf("%s: a block of %d features, want %d", c.name, m.block, c.block)
		}
		var s Scorer
		m.Start(&s)
		for f := range names {
			m.Add(&s, int32(f), -1, -1)
		}
		want := []int64{int64(n) * int64(c.hi), int64(n) * int64(c.lo), int64((n+2)/3) * int64(c.tiny)}
		for l, w := range want {
			if got := s.LogOdds(l); got != float64(w)*Unit {
				t.Errorf("%s: label %s: log-odds %v, want %v", c.name, labels[l].ID, got, float64(w)*Unit)
			}
		}
		for l, w := range []int32{c.hi, c.lo, c.tiny} {
			if got := m.weight(0, l); got != w {
				t.Errorf("%s: label %s: weight %d, want %d", c.name, labels[l].ID, got, w)
			}
		}
	}
}

// TestLexiconOrder: the lexicon numbers its words the same way every time
// it is built, the cue words the model does not weigh included (they were
// numbered in a map's order, which changes from run to run).
func TestLexiconOrder(t *testing.T) {
	m := packModel(t)
	first := newLexicon(m).names
	for range 8 {
		if again := newLexicon(m).names; !slices.Equal(again, first) {
			t.Fatalf("the lexicon numbers its words differently from one build to the next")
		}
	}
}

// TestPairKeyNone: the key of a pair after no word (-1), which the words
// loop looks up without a test of the word before, is the key of no pair a
// lexicon may hold (maxLexicon).
func TestPairKeyNone(t *testing.T) {
	for _, b := range []int32{0, 1, 4097, maxLexicon - 1} {
		for _, neg := range []bool{false, true} {
			none := pairKey(-1, b, neg)
			for a := int32(0); a < maxLexicon; a++ {
				if pairKey(a, b, neg) == none {
					t.Fatalf("pairKey(%d, %d, %v) = pairKey(-1, …): a lexicon of %d words may hold it", a, b, neg, maxLexicon)
				}
			}
		}
	}
}
