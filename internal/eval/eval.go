// Package eval scores the engine on a labeled corpus (one JSON object a line,
// in the schema of shared/corpus: text, flags, asks, signals, verdict).
package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"politely/internal/model"
	"politely/internal/rules"
)

// Judge is what is being scored: a request in, a result out.
type Judge func(model.Request) model.Result

// Item is one labeled message.
type Item struct {
	ID      string
	Text    string
	Source  string // where the message comes from (cross-validation groups by it)
	Lang    string
	Flags   []string
	Asks    []string
	Signals []string
	Verdict string
	// Unlabeled lists the kinds of label the item's line leaves out: a
	// written set may label only its flags, or only its asks and signals.
	// A kind left out is neither right nor wrong: it is not scored, and
	// training does not take it as "none of these". Zero: all labeled.
	Unlabeled Kinds
}

// Kinds is a set of the kinds of label a line may carry.
type Kinds uint8

// The kinds of label, as the fields of a line name them.
const (
	KindFlags Kinds = 1 << iota
	KindAsks
	KindSignals
	KindVerdict
)

// Has reports whether k holds every kind of x.
func (k Kinds) Has(x Kinds) bool { return k&x == x }

// Score counts agreement on one label.
type Score struct {
	TP, FP, FN int
}

// Precision, Recall and F1 are 0 when undefined.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }
func (s Score) Recall() float64    { return ratio(s.TP, s.TP+s.FN) }
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the outcome over a corpus.
type Report struct {
	Items        int
	Flags        map[string]*Score // the flags labeled in the corpus
	Asks         map[string]*Score
	Signals      map[string]*Score
	VerdictRight int
	Verdicts     int                       // the items that label a verdict
	Confusion    map[string]map[string]int // gold → predicted
	Misses       []Miss
}

// Miss is an item the engine got wrong (a flag or the verdict).
type Miss struct {
	ID, Gold, Got string
}

// FlagIDs are the flags a corpus labels (the ones read from text alone).
var FlagIDs = []string{"selling", "reputation", "premature_ask"}

// AskIDs and SignalIDs are the asks and signals a corpus labels.
var (
	AskIDs    = []string{"meeting", "referral", "introduction", "job", "advice", "mentorship", "purchase", "connect", "event", "collaboration", "feedback"}
	SignalIDs = []string{"personalized", "mutual_connection", "reciprocity", "prior_relationship", "follow_up"}
)

// MacroF1 averages F1 over the corpus flags.
func (r *Report) MacroF1() float64 { return macro(r.Flags, FlagIDs) }

// AsksF1 and SignalsF1 average F1 over the asks and the signals.
func (r *Report) AsksF1() float64    { return macro(r.Asks, AskIDs) }
func (r *Report) SignalsF1() float64 { return macro(r.Signals, SignalIDs) }

// macro averages F1 over ids; a label neither labeled nor predicted counts
// as 0, like any other label that was never got right.
func macro(m map[string]*Score, ids []string) float64 {
	sum := 0.0
	for _, id := range ids {
		if s := m[id]; s != nil {
			sum += s.F1()
		}
	}
	return sum / float64(len(ids))
}

// VerdictAccuracy is the share of items with the right verdict.
func (r *Report) VerdictAccuracy() float64 { return ratio(r.VerdictRight, r.Verdicts) }

// Lines calls fn with every line of r that is not blank, parsed: one JSON
// object a line. A UTF-8 byte-order mark before the first line, which some
// editors write, is skipped. A line that is not valid JSON, or that fn
// refuses, is an error naming the line.
func Lines(r io.Reader, fn func(g gjson.Result) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		if !gjson.Valid(line) {
			return fmt.Errorf("line %d: not valid JSON", n)
		}
		if err := fn(gjson.Parse(line)); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

// Labels are the label ids a corpus line may name, by kind.
type Labels struct {
	Flags, Asks, Signals []string
}

// CorpusLabels are the ids this package scores (FlagIDs, AskIDs,
// SignalIDs): what a corpus labels when no rule pack says more.
var CorpusLabels = Labels{FlagIDs, AskIDs, SignalIDs}

// PackLabels are the flags, asks and signals rule pack p defines: a corpus
// may name any of them, the context flags and a user's labels included,
// though only CorpusLabels are scored.
func PackLabels(p *rules.Pack) Labels {
	var l Labels
	for _, x := range p.Labels() {
		switch x.Kind {
		case rules.KindFlag:
			l.Flags = append(l.Flags, x.ID)
		case rules.KindAsk:
			l.Asks = append(l.Asks, x.ID)
		case rules.KindSignal:
			l.Signals = append(l.Signals, x.ID)
		}
	}
	return l
}

// Verdicts are the values a line's "verdict" may take.
var Verdicts = []string{model.Accept, model.DeclineDoorOpen, model.DeclineFirm}

// Read parses a corpus. A malformed line is an error naming the line and,
// when a label is wrong, its field: a label list that is not an array of
// strings, an id known lists no label of that kind, or a verdict that is
// none of Verdicts. A mislabeled line would otherwise be scored or trained
// on as if it said "none of these".
func Read(rd io.Reader, known Labels) ([]Item, error) {
	var items []Item
	err := Lines(rd, func(g gjson.Result) error {
		it := Item{ID: g.Get("id").String(), Text: g.Get("text").String(),
			Source: g.Get("source").String(), Lang: g.Get("lang").String()}
		if it.Text == "" {
			return errors.New(`no "text"`)
		}
		var err error
		if it.Flags, err = labelList(g, "flags", "flag", known.Flags); err != nil {
			return err
		}
		if it.Asks, err = labelList(g, "asks", "ask", known.Asks); err != nil {
			return err
		}
		if it.Signals, err = labelList(g, "signals", "signal", known.Signals); err != nil {
			return err
		}
		if v := g.Get("verdict"); v.Exists() {
			if v.Type != gjson.String || !slices.Contains(Verdicts, v.Str) {
				return fmt.Errorf(`field "verdict": %s is not a verdict (%s)`, clip(v.Raw), strings.Join(Verdicts, ", "))
			}
			it.Verdict = v.Str
		}
		for _, k := range []struct {
			field string
			kind  Kinds
		}{{"flags", KindFlags}, {"asks", KindAsks}, {"signals", KindSignals}, {"verdict", KindVerdict}} {
			if !g.Get(k.field).Exists() {
				it.Unlabeled |= k.kind
			}
		}
		if it.Unlabeled.Has(KindFlags | KindAsks | KindSignals | KindVerdict) {
			return errors.New(`no labels ("flags", "asks", "signals" or "verdict")`)
		}
		items = append(items, it)
		return nil
	})
	return items, err
}

// labelList reads the label ids of field, an array of strings each of
// which known holds; a field left out gives none and no error.
func labelList(g gjson.Result, field, kind string, known []string) ([]string, error) {
	v := g.Get(field)
	if !v.Exists() {
		return nil, nil
	}
	if !v.IsArray() {
		return nil, fmt.Errorf(`field %q: must be an array of %s ids, not %s`, field, kind, clip(v.Raw))
	}
	var ids []string
	for i, x := range v.Array() {
		if x.Type != gjson.String {
			return nil, fmt.Errorf(`field "%s.%d": must be a %s id (a string), not %s`, field, i, kind, clip(x.Raw))
		}
		if !slices.Contains(known, x.Str) {
			return nil, fmt.Errorf(`field "%s.%d": unknown %s %q (known: %s)`, field, i, kind, x.Str, strings.Join(known, ", "))
		}
		ids = append(ids, x.Str)
	}
	return ids, nil
}

// clip shortens a raw JSON value for an error message.
func clip(raw string) string {
	if r := []rune(raw); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return raw
}

// Run scores judge on items.
func Run(items []Item, judge Judge) *Report {
	results := make([]model.Result, len(items))
	for i, it := range items {
		results[i] = judge(model.Request{Text: it.Text})
	}
	return Tally(items, results)
}

// Tally scores results already computed: results[i] judges items[i].
func Tally(items []Item, results []model.Result) *Report {
	rep := &Report{Flags: map[string]*Score{}, Asks: map[string]*Score{}, Signals: map[string]*Score{}, Confusion: map[string]map[string]int{}}
	for _, id := range FlagIDs {
		rep.Flags[id] = &Score{}
	}
	for i, it := range items {
		res := results[i]
		rep.Items++
		var gotFlags, gotSignals []string
		for _, f := range res.Flags {
			gotFlags = append(gotFlags, f.ID)
		}
		for _, s := range res.Signals {
			gotSignals = append(gotSignals, s.ID)
		}
		if !it.Unlabeled.Has(KindFlags) {
			for _, id := range FlagIDs {
				if count(rep.Flags[id], has(it.Flags, id), has(gotFlags, id)) {
					rep.Misses = append(rep.Misses, Miss{it.ID, flagState(id, has(it.Flags, id)), flagState(id, has(gotFlags, id))})
				}
			}
		}
		if !it.Unlabeled.Has(KindAsks) {
			tally(rep.Asks, it.Asks, res.Asks)
		}
		if !it.Unlabeled.Has(KindSignals) {
			tally(rep.Signals, it.Signals, gotSignals)
		}
		if it.Unlabeled.Has(KindVerdict) {
			continue
		}
		rep.Verdicts++
		if rep.Confusion[it.Verdict] == nil {
			rep.Confusion[it.Verdict] = map[string]int{}
		}
		rep.Confusion[it.Verdict][res.Verdict]++
		if res.Verdict == it.Verdict {
			rep.VerdictRight++
		} else {
			rep.Misses = append(rep.Misses, Miss{it.ID, it.Verdict, res.Verdict})
		}
	}
	return rep
}

func flagState(id string, on bool) string {
	if on {
		return "+" + id
	}
	return "-" + id
}

// count adds one decision and reports whether it was wrong.
func count(s *Score, gold, got bool) bool {
	switch {
	case gold && got:
		s.TP++
	case got:
		s.FP++
		return true
	case gold:
		s.FN++
		return true
	}
	return false
}

func tally(m map[string]*Score, gold, got []string) {
	for _, id := range union(gold, got) {
		if m[id] == nil {
			m[id] = &Score{}
		}
		count(m[id], has(gold, id), has(got, id))
	}
}

func has(list []string, id string) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range append(append([]string{}, a...), b...) {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Write prints the report as a table.
func (r *Report) Write(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%d messages\n\n%-18s %9s %9s %9s %5s %5s %5s\n", r.Items, "flag", "precision", "recall", "F1", "tp", "fp", "fn")
	for _, id := range FlagIDs {
		s := r.Flags[id]
		fmt.Fprintf(w, "%-18s %9.3f %9.3f %9.3f %5d %5d %5d\n", id, s.Precision(), s.Recall(), s.F1(), s.TP, s.FP, s.FN)
	}
	fmt.Fprintf(w, "%-18s %29.3f\n\n", "macro-F1", r.MacroF1())
	for _, part := range []struct {
		name string
		m    map[string]*Score
	}{{"signal", r.Signals}, {"ask", r.Asks}} {
		ids := make([]string, 0, len(part.m))
		for id := range part.m {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			s := part.m[id]
			fmt.Fprintf(w, "%-6s %-11s %9.3f %9.3f %9.3f %5d %5d %5d\n", part.name, id, s.Precision(), s.Recall(), s.F1(), s.TP, s.FP, s.FN)
		}
		if part.name == "signal" {
			fmt.Fprintf(w, "%-18s %29.3f\n\n", "signals macro-F1", r.SignalsF1())
		} else {
			fmt.Fprintf(w, "%-18s %29.3f\n\n", "asks macro-F1", r.AsksF1())
		}
	}
	fmt.Fprintf(w, "verdict accuracy   %.3f (%d/%d)\n", r.VerdictAccuracy(), r.VerdictRight, r.Verdicts)
	verdicts := []string{model.Accept, model.DeclineDoorOpen, model.DeclineFirm}
	fmt.Fprintf(w, "%-18s", "gold \\ predicted")
	for _, v := range verdicts {
		fmt.Fprintf(w, " %17s", v)
	}
	fmt.Fprintln(w)
	for _, g := range verdicts {
		fmt.Fprintf(w, "%-18s", g)
		for _, v := range verdicts {
			fmt.Fprintf(w, " %17d", r.Confusion[g][v])
		}
		fmt.Fprintln(w)
	}
	if verbose {
		fmt.Fprintln(w, "\nmisses (id gold got):")
		for _, m := range r.Misses {
			fmt.Fprintf(w, "  %s %s %s\n", m.ID, m.Gold, m.Got)
		}
	}
}
