package train

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"politely/internal/eval"
	"politely/internal/model"
)

// Save writes what the cross-validation judged, one JSON object a line: a
// message's id and what was found (flags, signals, asks, verdict), no text.
// A later run compares itself with it (Against), message by message.
func (cv *CV) Save(w io.Writer) error {
	b := bufio.NewWriter(w)
	for _, x := range cv.lines.all {
		var flags, signals []string
		for _, f := range x.res.Flags {
			flags = append(flags, f.ID)
		}
		for _, s := range x.res.Signals {
			signals = append(signals, s.ID)
		}
		fmt.Fprintf(b, `{"id": %s, "flags": %s, "signals": %s, "asks": %s, "verdict": %s}`+"\n",
			quote(x.doc.ID), list(flags), list(signals), list(x.res.Asks), quote(x.res.Verdict))
	}
	return b.Flush()
}

// quote writes s as a JSON string (an id may hold any character).
func quote(s string) string {
	q, _ := json.Marshal(s) // a string always marshals
	return string(q)
}

func list(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// Diff is how much this run's figures exceed a saved run's on the same
// messages (flags, asks and signals macro-F1, verdict accuracy), and the
// 95% interval of that difference when the sources are drawn again, both
// runs scored on each draw alike: a paired comparison, far narrower than
// the two runs' own intervals, since the messages both get right or both
// get wrong move neither side.
type Diff struct {
	Delta, Lo, Hi [4]float64
	Messages      int
}

// Against reads a run saved by Save and compares this run with it on the
// messages both judged, by line (a language, "all"). It fails when the
// saved run names a message this one did not judge, or lacks one.
func (cv *CV) Against(r io.Reader, draws int) (map[string]Diff, error) {
	saved := map[string]model.Result{}
	err := eval.Lines(r, func(g gjson.Result) error {
		var res model.Result
		for _, f := range g.Get("flags").Array() {
			res.Flags = append(res.Flags, model.Finding{ID: f.String()})
		}
		for _, s := range g.Get("signals").Array() {
			res.Signals = append(res.Signals, model.Finding{ID: s.String()})
		}
		for _, a := range g.Get("asks").Array() {
			res.Asks = append(res.Asks, a.String())
		}
		res.Verdict = g.Get("verdict").String()
		saved[g.Get("id").String()] = res
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(saved) != len(cv.lines.all) {
		return nil, fmt.Errorf("the saved run judged %d messages, this one %d: compare runs on the same corpora", len(saved), len(cv.lines.all))
	}
	for _, x := range cv.lines.all {
		if _, ok := saved[x.doc.ID]; !ok {
			return nil, fmt.Errorf("the saved run did not judge %s: compare runs on the same corpora", x.doc.ID)
		}
	}
	// Each message of a line beside what the saved run judged it.
	with := func(xs []pair) [][2]pair {
		ps := make([][2]pair, len(xs))
		for i, x := range xs {
			ps[i] = [2]pair{x, {x.doc, saved[x.doc.ID]}}
		}
		return ps
	}
	out := map[string]Diff{"all": paired(with(cv.lines.all), draws)}
	for l, xs := range cv.lines.byLang {
		out[l] = paired(with(xs), draws)
	}
	return out, nil
}

func paired(ps [][2]pair, draws int) Diff {
	// Both runs are measured on the same draw: the difference moves only
	// with the messages they judge differently.
	delta := func(ps [][2]pair) (d [4]float64) {
		a, b := make([]pair, len(ps)), make([]pair, len(ps))
		for i, p := range ps {
			a[i], b[i] = p[0], p[1]
		}
		fa, fb := figures(a), figures(b)
		for k := range d {
			d[k] = fa[k] - fb[k]
		}
		return d
	}
	lo, hi, _ := drawSources(ps, func(p [2]pair) string { return p[0].doc.Group }, draws, 2, delta)
	return Diff{Delta: delta(ps), Lo: lo, Hi: hi, Messages: len(ps)}
}

// WriteDiff prints a comparison made by Against: the "all" line first,
// then the languages.
func WriteDiff(w io.Writer, name string, diffs map[string]Diff) {
	fmt.Fprintf(w, "\nthis run minus %s, on the same messages (95%% interval drawing the sources again, both runs alike):\n%-8s %6s %19s %19s %19s %19s\n", name, "lang", "items", "flags F1", "asks F1", "signal F1", "verdict")
	names := []string{"all"}
	for l := range diffs {
		if l != "all" {
			names = append(names, l)
		}
	}
	slices.Sort(names[1:])
	for _, l := range names {
		d := diffs[l]
		fmt.Fprintf(w, "%-8s %6d", l, d.Messages)
		for k := range d.Delta {
			fmt.Fprintf(w, "  %+.3f (%+.3f %+.3f)", d.Delta[k], d.Lo[k], d.Hi[k])
		}
		fmt.Fprintln(w)
	}
}
