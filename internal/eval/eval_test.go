package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"politely/internal/engine"
	"politely/internal/model"
)

func TestScore(t *testing.T) {
	s := Score{TP: 3, FP: 1, FN: 2}
	if s.Precision() != 0.75 || s.Recall() != 0.6 || s.F1() < 0.666 || s.F1() > 0.667 {
		t.Fatalf("%v %v %v", s.Precision(), s.Recall(), s.F1())
	}
	if (Score{}).F1() != 0 {
		t.Fatal("empty F1")
	}
}

func TestRun(t *testing.T) {
	items, err := Read(strings.NewReader(`{"id":"a","text":"sell","flags":["selling"],"verdict":"decline_firm"}
{"id":"b","text":"hi","flags":[],"verdict":"accept"}
`), CorpusLabels)
	if err != nil {
		t.Fatal(err)
	}
	// A judge that calls everything selling: one right, one wrong.
	rep := Run(items, func(r model.Request) model.Result {
		return model.Result{Verdict: model.DeclineFirm, Flags: []model.Finding{{ID: "selling"}}}
	})
	if rep.Flags["selling"].TP != 1 || rep.Flags["selling"].FP != 1 || rep.VerdictRight != 1 || len(rep.Misses) != 2 {
		t.Fatalf("%+v %+v", rep.Flags["selling"], rep.Misses)
	}
	if _, err := Read(strings.NewReader("{bad\n"), CorpusLabels); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("bad line: %v", err)
	}
}

// TestDevCorpus is the quality gate of the issue: on the labeled dev corpus,
// macro-F1 ≥ 0.85 and verdict accuracy ≥ 0.80. It is skipped where the
// corpus is not beside the checkout.
func TestDevCorpus(t *testing.T) {
	f, err := os.Open("../../../shared/corpus/dev.jsonl")
	if err != nil {
		t.Skip("no dev corpus:", err)
	}
	defer f.Close()
	items, err := Read(f, CorpusLabels)
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	rep := Run(items, e.Judge)
	t.Logf("macro-F1 %.3f, verdict accuracy %.3f on %d messages", rep.MacroF1(), rep.VerdictAccuracy(), rep.Items)
	if rep.MacroF1() < 0.85 || rep.VerdictAccuracy() < 0.80 {
		var b strings.Builder
		rep.Write(&b, true)
		t.Fatalf("below the gate:\n%s", b.String())
	}
}

// TestWrittenSets scores the sets written for this project (testdata/eval):
// messages no rule was copied from. They guard against regressions with a
// gate a little below the dev corpus's, and the log shows the figures.
func TestWrittenSets(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/eval/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no written sets in testdata/eval")
	}
	e, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		items, err := Read(f, CorpusLabels)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rep := Run(items, e.Judge)
		t.Logf("%s: macro-F1 %.3f, verdict accuracy %.3f on %d messages", filepath.Base(name), rep.MacroF1(), rep.VerdictAccuracy(), rep.Items)
		if rep.MacroF1() < 0.75 || rep.VerdictAccuracy() < 0.75 {
			t.Errorf("%s below the gate: macro-F1 %.3f, verdict accuracy %.3f", name, rep.MacroF1(), rep.VerdictAccuracy())
		}
	}
}

// TestPartial: a line may label some kinds only; the kinds it leaves out
// are not scored, and a line with no label at all is refused.
func TestPartial(t *testing.T) {
	items, err := Read(strings.NewReader(`{"text":"sell","flags":["selling"]}
{"text":"intro?","asks":["introduction"],"signals":[]}
`), CorpusLabels)
	if err != nil {
		t.Fatal(err)
	}
	if items[0].Unlabeled != KindAsks|KindSignals|KindVerdict || items[1].Unlabeled != KindFlags|KindVerdict {
		t.Fatalf("unlabeled %v %v", items[0].Unlabeled, items[1].Unlabeled)
	}
	// A judge that finds selling and a referral ask everywhere.
	rep := Run(items, func(r model.Request) model.Result {
		return model.Result{Verdict: model.DeclineFirm, Flags: []model.Finding{{ID: "selling"}}, Asks: []string{"referral"}}
	})
	if s := rep.Flags["selling"]; s.TP != 1 || s.FP != 0 {
		t.Errorf("selling %+v, want 1 right and no false alarm (the second line labels no flags)", s)
	}
	if s := rep.Asks["referral"]; s.FP != 1 {
		t.Errorf("referral %+v, want one false alarm (only the second line labels asks)", s)
	}
	if rep.Verdicts != 0 || rep.VerdictAccuracy() != 0 || len(rep.Misses) != 0 {
		t.Errorf("verdicts %d, misses %v: no line labels a verdict", rep.Verdicts, rep.Misses)
	}
	if _, err := Read(strings.NewReader(`{"text":"hi"}`), CorpusLabels); err == nil || !strings.Contains(err.Error(), "no labels") {
		t.Errorf("a line with no labels: %v", err)
	}
}

// TestReadRefuses: a label that is wrong is an error naming the line and
// the field, never scored as "none of these"; a byte-order mark is not one.
func TestReadRefuses(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"text":"x","flags":["bogus_flag"]}`, `line 1: field "flags.0": unknown flag "bogus_flag"`},
		{`{"text":"x","asks":["meeting","coffee"]}`, `line 1: field "asks.1": unknown ask "coffee"`},
		{`{"text":"x","signals":["warm"]}`, `line 1: field "signals.0": unknown signal "warm"`},
		{"\n" + `{"text":"x","verdict":"maybe"}`, `line 2: field "verdict": "maybe" is not a verdict (accept, decline_door_open, decline_firm)`},
		{`{"text":"x","verdict":5}`, `line 1: field "verdict": 5 is not a verdict`},
		{`{"text":"x","verdict":null}`, `line 1: field "verdict": null is not a verdict`},
		{`{"text":"x","flags":"selling"}`, `line 1: field "flags": must be an array of flag ids, not "selling"`},
		{`{"text":"x","flags":null}`, `line 1: field "flags": must be an array of flag ids, not null`},
		{`{"text":"x","flags":[1,2]}`, `line 1: field "flags.0": must be a flag id (a string), not 1`},
		{"\uFEFF" + `{"text":"x","flags":["selling"]}`, ""},
		{"\n\uFEFF" + `{"text":"x","flags":["selling"]}`, "line 2: not valid JSON"}, // a mark only starts a file
	} {
		_, err := Read(strings.NewReader(c.in), CorpusLabels)
		if got := fmt.Sprint(err); c.want == "" && err != nil || c.want != "" && !strings.HasPrefix(got, c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

// FuzzRead: reading a corpus never panics; what it accepts has a text and
// some label on every item, and what it refuses names a line.
func FuzzRead(f *testing.F) {
	f.Add(`{"text":"sell","flags":["selling"],"verdict":"decline_firm"}` + "\n" + `{"text":"hi","asks":[]}`)
	f.Add(`{"text":"hi"}`)
	f.Add("{bad\n\n")
	f.Add(`{"text":"x","flags":"selling","asks":{"a":1},"signals":null}`)
	f.Fuzz(func(t *testing.T, data string) {
		items, err := Read(strings.NewReader(data), CorpusLabels)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "line ") && !strings.Contains(err.Error(), "token too long") {
				t.Fatalf("an error that names no line: %v", err)
			}
			return
		}
		for _, it := range items {
			if it.Text == "" || it.Unlabeled.Has(KindFlags|KindAsks|KindSignals|KindVerdict) {
				t.Fatalf("accepted an item with no text or no label: %+v", it)
			}
		}
		Tally(items, make([]model.Result, len(items)))
	})
}
