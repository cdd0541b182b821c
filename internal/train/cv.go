package train

import (
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"

	"politely/internal/assess"
	"politely/internal/eval"
	"politely/internal/model"
	"politely/internal/rules"
)

// Docs turns a corpus file's items into training messages. A corpus's
// messages are grouped by source; a written set (whose items share one
// source) is grouped by file, so that folds can still split the sets.
func Docs(file string, items []eval.Item, untuned bool) []Doc {
	out := make([]Doc, 0, len(items))
	for _, it := range items {
		gold := map[string]bool{}
		for _, l := range [][]string{it.Flags, it.Asks, it.Signals} {
			for _, id := range l {
				gold[id] = true
			}
		}
		gold[DoorOpen] = !it.Unlabeled.Has(eval.KindVerdict) && it.Verdict == "decline_door_open"
		g := Group(it.Source)
		if g == "" || !untuned && sameSource(items) {
			g = "file:" + filepath.Base(file)
		}
		lang := it.Lang
		if lang == "" {
			lang = "en"
		}
		out = append(out, Doc{ID: it.ID, Text: it.Text, Group: g, Untuned: untuned, Gold: gold, Verdict: it.Verdict, Lang: lang, Unlabeled: it.Unlabeled})
	}
	return out
}

// sameSource reports whether every item names one source (a written set).
func sameSource(items []eval.Item) bool {
	for _, it := range items {
		if it.Source != items[0].Source {
			return false
		}
	}
	return len(items) > 1
}

// CV is the outcome of a cross-validation: the report over every message
// scored by a model that never saw its source, and the same per language.
type CV struct {
	All    *eval.Report
	ByLang map[string]*eval.Report
	// Untuned is the report on the messages the rules were not tuned on
	// (nil when that is all of them or none).
	Untuned *eval.Report
	Folds   int
	// Spread is, by line (a language, "all", "untuned"), how far each
	// figure moves when the sources are drawn again (see Bootstrap).
	Spread map[string]Interval
	lines  lines
}

// lines are what a cross-validation judged, grouped as the lines of its
// report: every message, each language's, and the messages the rules were
// not tuned on when they are some but not all (else nil).
type lines struct {
	all     []pair
	byLang  map[string][]pair
	untuned []pair
}

func linesOf(judged []pair) lines {
	l := lines{all: judged, byLang: map[string][]pair{}}
	for _, x := range judged {
		l.byLang[x.doc.Lang] = append(l.byLang[x.doc.Lang], x)
		if x.doc.Untuned {
			l.untuned = append(l.untuned, x)
		}
	}
	if len(l.untuned) == len(judged) {
		l.untuned = nil
	}
	return l
}

// CrossValidate runs k-fold cross-validation grouped by source over docs:
// each fold's messages are judged by the pack with a model trained on the
// other folds plus extra (messages that are only ever trained on, such as
// the written sets). No source is in both a training fold and its test fold.
func CrossValidate(p *rules.Pack, docs, extra []Doc, opt Options, k int) (*CV, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, not %d", k)
	}
	if n := Sources(docs); k > n {
		return nil, fmt.Errorf("cross-validation into %d folds needs at least %d sources; the corpora hold %d", k, k, n)
	}
	if err := opt.Check(); err != nil {
		return nil, err
	}
	groups := make([]string, len(docs))
	for i, d := range docs {
		groups[i] = d.Group
	}
	folds := Folds(groups, k)
	both := append(append([]Doc{}, docs...), extra...)
	for range extra {
		folds = append(folds, -1) // in no test fold: always trained on
	}
	c := read(p, opt.Config, both)
	cv := &CV{ByLang: map[string]*eval.Report{}, Folds: k}
	var judged []pair
	for f := 0; f < k; f++ {
		rows, test := split(all(len(both)), folds, f)
		if len(test) == 0 {
			continue
		}
		m, err := c.train(p, rows, opt)
		if err != nil {
			return nil, err
		}
		fp, err := p.WithModel(m)
		if err != nil {
			return nil, err
		}
		for _, i := range test {
			judged = append(judged, pair{both[i], assess.Assess(fp, model.Request{Text: both[i].Text})})
		}
	}
	sort.SliceStable(judged, func(i, j int) bool { return judged[i].doc.ID < judged[j].doc.ID })
	cv.lines = linesOf(judged)
	cv.All = report(cv.lines.all)
	for l, xs := range cv.lines.byLang {
		cv.ByLang[l] = report(xs)
	}
	// The messages the rules were not tuned on, alone: there the rules'
	// own fit cannot flatter the figure.
	if cv.lines.untuned != nil {
		cv.Untuned = report(cv.lines.untuned)
	}
	return cv, nil
}

// Interval holds, for each figure of a report line (flags, asks and signals
// macro-F1, verdict accuracy), the 2.5th and 97.5th percentiles over the
// draws of a bootstrap, and how many sources the line holds.
type Interval struct {
	Lo, Hi  [4]float64
	Sources int
}

// Bootstrap fills cv.Spread: each line's messages are grouped by source,
// and draws times as many sources as the line holds are drawn with
// replacement and scored again. Messages of one source are alike, so a
// line of 20 messages from 3 sources is surer of less than 20 would say;
// drawing sources, not messages, shows it. The draws are seeded: the same
// run prints the same intervals.
func (cv *CV) Bootstrap(draws int) {
	cv.Spread = map[string]Interval{"all": bootstrap(cv.lines.all, draws)}
	for l, xs := range cv.lines.byLang {
		cv.Spread[l] = bootstrap(xs, draws)
	}
	if cv.lines.untuned != nil {
		cv.Spread["untuned"] = bootstrap(cv.lines.untuned, draws)
	}
}

func bootstrap(xs []pair, draws int) Interval {
	lo, hi, sources := drawSources(xs, func(x pair) string { return x.doc.Group }, draws, 1, figures)
	return Interval{Lo: lo, Hi: hi, Sources: sources}
}

// drawSources is the bootstrap both Bootstrap and Against run: the items
// are grouped by source, and draws times as many sources as there are are
// drawn with replacement (seeded by seed and the number of items, so a run
// is repeatable) and measured by fn. It returns the 2.5th and 97.5th
// percentiles of each of fn's four figures, and the number of sources.
func drawSources[T any](xs []T, source func(T) string, draws int, seed uint64, fn func([]T) [4]float64) (lo, hi [4]float64, sources int) {
	var groups [][]T
	at := map[string]int{}
	for _, x := range xs {
		i, ok := at[source(x)]
		if !ok {
			i = len(groups)
			at[source(x)] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], x)
	}
	r := rand.New(rand.NewPCG(seed, uint64(len(xs))))
	var figs [4][]float64
	var sample []T
	for range draws {
		sample = sample[:0]
		for range groups {
			sample = append(sample, groups[r.IntN(len(groups))]...)
		}
		for k, v := range fn(sample) {
			figs[k] = append(figs[k], v)
		}
	}
	for k := range figs {
		slices.Sort(figs[k])
		if n := len(figs[k]); n > 0 {
			lo[k], hi[k] = figs[k][n*25/1000], figs[k][(n*975-1)/1000]
		}
	}
	return lo, hi, len(groups)
}

// figures are a report's four figures: flags, asks and signals macro-F1
// and verdict accuracy.
func figures(xs []pair) [4]float64 {
	r := report(xs)
	return [4]float64{r.MacroF1(), r.AsksF1(), r.SignalsF1(), r.VerdictAccuracy()}
}

type pair struct {
	doc Doc
	res model.Result
}

// report scores results already computed, with eval's own scoring.
func report(xs []pair) *eval.Report {
	items := make([]eval.Item, len(xs))
	results := make([]model.Result, len(xs))
	for i, x := range xs {
		items[i] = eval.Item{ID: x.doc.ID, Text: x.doc.Text, Verdict: x.doc.Verdict, Unlabeled: x.doc.Unlabeled}
		for _, id := range eval.FlagIDs {
			if x.doc.Gold[id] {
				items[i].Flags = append(items[i].Flags, id)
			}
		}
		for _, id := range eval.AskIDs {
			if x.doc.Gold[id] {
				items[i].Asks = append(items[i].Asks, id)
			}
		}
		for _, id := range eval.SignalIDs {
			if x.doc.Gold[id] {
				items[i].Signals = append(items[i].Signals, id)
			}
		}
		results[i] = x.res
	}
	return eval.Tally(items, results)
}

// Write prints the cross-validated report: the whole, then one line per
// language.
func (cv *CV) Write(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%d-fold cross-validation grouped by source: every message judged by a model that never saw its source\n\n", cv.Folds)
	cv.All.Write(w, verbose)
	langs := make([]string, 0, len(cv.ByLang))
	for l := range cv.ByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	fmt.Fprintf(w, "\n%-8s %6s %9s %9s %9s %9s\n", "lang", "items", "flags F1", "asks F1", "signal F1", "verdict")
	line := func(name string, r *eval.Report) {
		fmt.Fprintf(w, "%-8s %6d %9.3f %9.3f %9.3f %9.3f\n", name, r.Items, r.MacroF1(), r.AsksF1(), r.SignalsF1(), r.VerdictAccuracy())
	}
	for _, l := range langs {
		line(l, cv.ByLang[l])
	}
	line("all", cv.All)
	if cv.Untuned != nil {
		line("untuned", cv.Untuned)
	}
	if len(cv.Spread) == 0 {
		return
	}
	fmt.Fprintf(w, "\n95%% intervals, drawing the sources again:\n%-8s %7s %11s %11s %11s %11s\n", "lang", "sources", "flags F1", "asks F1", "signal F1", "verdict")
	for _, l := range append(langs, "all", "untuned") {
		iv, ok := cv.Spread[l]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "%-8s %7d", l, iv.Sources)
		for k := range iv.Lo {
			fmt.Fprintf(w, "  %.2f-%.2f", iv.Lo[k], iv.Hi[k])
		}
		fmt.Fprintln(w)
	}
}
