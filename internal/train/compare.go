package train

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"politely/internal/model"
)

// Save writes what the cross-validation judged, one JSON object a line: a
// message's id and what was found (flags, signals, asks, verdict), no text.
// A later run compares itself with it (Against), message by message.
func (cv *CV) Save(w io.Writer) error {
	b := bufio.NewWriter(w)
	for _, x := range cv.judged {
		var flags, signals []string
		for _, f := range x.res.Flags {
			flags = append(flags, f.ID)
		}
		for _, s := range x.res.Signals {
			signals = append(signals, s.ID)
		}
		fmt.Fprintf(b, `{"id": %s, "flags": %s, "signals": %s, "asks": %s, "verdict": %s}`+"\n",
			strconv.Quote(x.doc.ID), list(flags), list(signals), list(x.res.Asks), strconv.Quote(x.res.Verdict))
	}
	return b.Flush()
}

func list(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
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
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if !gjson.Valid(line) {
			return nil, fmt.Errorf("line %d: not valid JSON", n)
		}
		g := gjson.Parse(line)
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
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(saved) != len(cv.judged) {
		return nil, fmt.Errorf("the saved run judged %d messages, this one %d: compare runs on the same corpora", len(saved), len(cv.judged))
	}
	lines := map[string][][2]pair{}
	for _, x := range cv.judged {
		old, ok := saved[x.doc.ID]
		if !ok {
			return nil, fmt.Errorf("the saved run did not judge %s: compare runs on the same corpora", x.doc.ID)
		}
		p := [2]pair{x, {x.doc, old}}
		lines["all"] = append(lines["all"], p)
		lines[x.doc.Lang] = append(lines[x.doc.Lang], p)
	}
	out := map[string]Diff{}
	for name, ps := range lines {
		out[name] = paired(ps, draws)
	}
	return out, nil
}

// figures are a report's four figures.
func figures(xs []pair) [4]float64 {
	r := report(xs)
	return [4]float64{r.MacroF1(), r.AsksF1(), r.SignalsF1(), r.VerdictAccuracy()}
}

func paired(ps [][2]pair, draws int) Diff {
	var groups [][][2]pair
	at := map[string]int{}
	for _, p := range ps {
		i, ok := at[p[0].doc.Group]
		if !ok {
			i = len(groups)
			at[p[0].doc.Group] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], p)
	}
	split := func(ps [][2]pair) (a, b []pair) {
		for _, p := range ps {
			a, b = append(a, p[0]), append(b, p[1])
		}
		return a, b
	}
	d := Diff{Messages: len(ps)}
	a, b := split(ps)
	fa, fb := figures(a), figures(b)
	for k := range d.Delta {
		d.Delta[k] = fa[k] - fb[k]
	}
	r := rand.New(rand.NewPCG(2, uint64(len(ps))))
	var deltas [4][]float64
	var sample [][2]pair
	for range draws {
		sample = sample[:0]
		for range groups {
			sample = append(sample, groups[r.IntN(len(groups))]...)
		}
		a, b := split(sample)
		fa, fb := figures(a), figures(b)
		for k := range deltas {
			deltas[k] = append(deltas[k], fa[k]-fb[k])
		}
	}
	for k := range deltas {
		slices.Sort(deltas[k])
		if n := len(deltas[k]); n > 0 {
			d.Lo[k], d.Hi[k] = deltas[k][n*25/1000], deltas[k][(n*975-1)/1000]
		}
	}
	return d
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
