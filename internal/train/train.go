// Package train fits politely's learned judgment: one L2-regularized
// logistic regression per label over the features of package learn.
//
// Rules tuned on a text look perfect on it, and a model fitted there would
// trust them blindly. So training runs in two stages, and the model that
// comes out is still one linear model per label:
//
//  1. words, their pieces and the cues of structure are fitted on every
//     message;
//  2. the phrase rules are fitted only on the messages the rules were not
//     tuned on ("untuned"), beside the stage-1 score, which for those
//     messages comes from models that never saw them (cross-fitting by
//     source).
//
// Stage 2's weight on the stage-1 score scales the word weights, so the two
// fold into one weight per feature. The threshold of each label is the one
// that maximizes F1 on scores of models that never saw the message.
//
// Training is deterministic: the same corpus and options give the same model,
// bit for bit, which a test of the committed model relies on.
package train

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/gonum/optimize"

	"politely/internal/eval"
	"politely/internal/learn"
	"politely/internal/rules"
	"politely/internal/text"
)

// Doc is one labeled message.
type Doc struct {
	ID      string
	Text    string
	Group   string          // its source: folds never split a group
	Untuned bool            // the rules were not tuned on it: fit their weights here
	Gold    map[string]bool // the labels that hold
	Verdict string
	Lang    string
	// Unlabeled is the kinds of label the message's line leaves out: a
	// label of such a kind is fitted without it, rather than with it as a
	// negative example.
	Unlabeled eval.Kinds
}

// Options are the settings of a training run; they are written into the
// model file's "about", so a model says how it was made.
type Options struct {
	Config  learn.Config
	Labels  []string  // the labels to learn
	MinDF   int       // a word feature must occur in this many messages
	L2      float64   // stage-1 penalty
	L2Grid  []float64 // stage-1 penalties to choose from per label by cross-fitting (empty: L2)
	L2Rules float64   // stage-2 penalty
	Folds   int       // cross-fitting folds
	Prune   float64   // weights smaller than this (in absolute value) are dropped
	Keep    int       // the most weights a label keeps, the strongest (0: all)
	Written float64   // how much a message of a written set counts (grouped by file; 0 means 1)
	Gain    float64   // log-odds per unit of weight of a rule the model does not know
	// FitAll lists the labels whose rule weights are fitted on every
	// message, not only the untuned ones: their rules hold up on text they
	// were not tuned on (measured by cross-validation for the signals and
	// the door_open cue, on train.jsonl alone too; the flags' rules do not:
	// fitted everywhere, the flags fell from 0.77 to 0.72).
	FitAll []string
	// MinUntuned is how many positive untuned messages a label needs for
	// its rules to be fitted; below, the label is fitted on words alone.
	MinUntuned int
	// Quantum is the step every weight is rounded to (0: learn.Unit). A
	// coarser step than the model's own holds fewer distinct numbers, so
	// the model file compresses to less in a WebAssembly build where
	// every kilobyte counts; cross-validation measures what it costs.
	Quantum float64
}

// Defaults are the settings of the committed model.
func Defaults(labels []string) Options {
	return Options{
		Config:     learn.Config{Words: 2, Prefixes: []int{5}, Suffixes: []int{4}},
		Labels:     labels,
		MinDF:      3,
		L2:         1e-3,
		L2Rules:    3e-3,
		Folds:      5,
		Prune:      1e-3,
		Keep:       1000,
		Gain:       1, // a fitted rule weighs on average 0.9 times its stated weight
		MinUntuned: 6,
		Quantum:    0.01,
		FitAll:     append(slices.Clone(eval.SignalIDs), DoorOpen),
	}
}

// Check reports the first setting that makes no sense, as "name: why" with
// the name the options are written under (String): fewer than 2 folds, a
// negative penalty, count or weight, or character n-grams whose bounds are
// out of order. Train refuses such options; a command line checks them
// before it reads anything.
func (o Options) Check() error {
	for _, c := range []struct {
		name string
		bad  bool
		want string
	}{
		{"folds", o.Folds < 2, "at least 2"},
		{"l2", o.L2 < 0 || math.IsNaN(o.L2), "0 or more"},
		{"l2-rules", o.L2Rules < 0 || math.IsNaN(o.L2Rules), "0 or more"},
		{"min-df", o.MinDF < 0, "0 or more (0 counts as 1)"},
		{"keep", o.Keep < 0, "0 (all) or more"},
		{"written", o.Written < 0 || math.IsNaN(o.Written), "0 (counts as 1) or more"},
		{"prune", o.Prune < 0 || math.IsNaN(o.Prune), "0 or more"},
		{"min-untuned", o.MinUntuned < 0, "0 or more"},
		{"words", o.Config.Words < 0, "0 or more"},
		{"chars", o.Config.CharMin < 0 || o.Config.CharMax < o.Config.CharMin || o.Config.CharMax > 0 && o.Config.CharMin < 1, "MIN,MAX with 1 <= MIN <= MAX"},
	} {
		if c.bad {
			return fmt.Errorf("%s: must be %s", c.name, c.want)
		}
	}
	for _, l2 := range o.L2Grid {
		if !(l2 > 0) {
			return fmt.Errorf("l2-grid: %g is not a positive number", l2)
		}
	}
	return nil
}

// features is one message read for training.
type features struct {
	text  []int32 // text features (vocabulary ids), each once, sorted
	rules []int   // rules of the pack fired, each once (pack rule index)
}

// corpus is the messages read once, shared by every fit of a run.
type corpus struct {
	docs  []Doc
	feats []features
	vocab []string // text feature names by id
}

// read featurizes docs: every text feature found, and the pack's rules.
func read(p *rules.Pack, cfg learn.Config, docs []Doc) *corpus {
	c := &corpus{docs: docs, feats: make([]features, len(docs))}
	ids := map[string]int32{}
	var sc rules.Scanner
	rs := p.Rules()
	for i, d := range docs {
		f := text.Fold(d.Text)
		var fs []int32
		add := func(name string) {
			id, ok := ids[name]
			if !ok {
				id = int32(len(c.vocab))
				ids[name] = id
				c.vocab = append(c.vocab, name)
			}
			fs = append(fs, id)
		}
		var fired []int
		for _, h := range sc.Scan(p, f) {
			if r := rs[h.Rule]; r.Scope == "message" && r.Label != "" {
				fired = append(fired, h.Rule)
			}
		}
		// After the scan, which finds the negations.
		cfg.Visit(d.Text, f, sc.Negated, func(kind byte, at, end, _, _ int) { add(learn.Name(kind, f.Norm[at:end])) })
		learn.Cues(d.Text, f, func(name string) { add(learn.Name(learn.KindCue, name)) })
		slices.Sort(fs)
		c.feats[i].text = slices.Compact(fs)
		slices.Sort(fired)
		c.feats[i].rules = slices.Compact(fired)
	}
	return c
}

// Train fits a model for opt.Labels on docs, with the rules of pack p.
func Train(p *rules.Pack, docs []Doc, opt Options) (*learn.Model, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("no messages to train on")
	}
	if err := opt.Check(); err != nil {
		return nil, err
	}
	for _, id := range opt.Labels {
		if p.Index(id) < 0 {
			return nil, fmt.Errorf("label %q is not in the pack", id)
		}
	}
	c := read(p, opt.Config, docs)
	return c.train(p, all(len(docs)), opt)
}

// split parts rows by fold: out are the rows whose fold (folds[k] for
// rows[k]) is f, in the others.
func split(rows, folds []int, f int) (in, out []int) {
	for k, i := range rows {
		if folds[k] == f {
			out = append(out, i)
		} else {
			in = append(in, i)
		}
	}
	return in, out
}

func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// train fits on the docs at rows (indices into c.docs).
func (c *corpus) train(p *rules.Pack, rows []int, opt Options) (*learn.Model, error) {
	// The vocabulary: text features in at least MinDF of these messages.
	df := make([]int, len(c.vocab))
	for _, r := range rows {
		for _, f := range c.feats[r].text {
			df[f]++
		}
	}
	var keep []int32 // the vocabulary ids kept
	for id, n := range df {
		if n >= max(opt.MinDF, 1) {
			keep = append(keep, int32(id))
		}
	}
	// By name, so that the model file does not depend on the order the
	// messages were read in.
	slices.SortFunc(keep, func(a, b int32) int { return strings.Compare(c.vocab[a], c.vocab[b]) })
	col := make([]int32, len(c.vocab)) // vocabulary id → column, -1 when left out
	for i := range col {
		col[i] = -1
	}
	names := make([]string, len(keep))
	for j, id := range keep {
		col[id], names[j] = int32(j), c.vocab[id]
	}
	ntext := len(names) // the text features come first, then the rules
	x := make([][]int32, len(rows))
	for i, r := range rows {
		for _, f := range c.feats[r].text {
			if col[f] >= 0 {
				x[i] = append(x[i], col[f])
			}
		}
		slices.Sort(x[i])
	}
	// The rules, as features named by id after the text features: those
	// that fire in some message of the training set. A rule that fires in
	// none would be fitted to nothing and weigh nothing; left out of the
	// model, it adds its stated weight, as a rule of a user's pack does,
	// so that a phrase written for messages the corpora lack still counts.
	// One that fires only where rules are not fitted (a tuned message)
	// stays in with no weight: there the data has spoken, though it
	// cannot be trusted to set a weight.
	rs := p.Rules()
	fired := make([]bool, len(rs))
	for _, r := range rows {
		for _, ri := range c.feats[r].rules {
			fired[ri] = true
		}
	}
	ruleCol := map[int]int{}
	for i, r := range rs {
		if fired[i] && r.Scope == "message" && r.Label != "" && (slices.Contains(opt.Labels, r.Label) || slices.Contains(opt.Labels, r.Also) || isCue(p, r.Label)) {
			ruleCol[i] = len(names)
			names = append(names, learn.Name(learn.KindRule, r.ID))
		}
	}
	groups := make([]string, len(rows))
	for i, r := range rows {
		groups[i] = c.docs[r].Group
	}
	folds := Folds(groups, opt.Folds)

	labels := make([]learn.Label, len(opt.Labels))
	weights := make([][]learn.Weight, len(opt.Labels))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for k, id := range opt.Labels {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			labels[k], weights[k] = c.fitLabel(p, id, rows, x, ntext, ruleCol, folds, opt)
		}()
	}
	wg.Wait()
	// Only the features some label weighs, and every rule, are written: a
	// rule left out would count as a user's rule of unknown worth.
	used := make([]bool, len(names))
	for _, ws := range weights {
		for _, w := range ws {
			used[w.Feature] = true
		}
	}
	for j := ntext; j < len(names); j++ {
		used[j] = true
	}
	// The text features are numbered commonest first (by how many of the
	// messages hold them, then by name): a feature's number is where its
	// row of weights lies, and a message's features are mostly the common
	// ones, so their rows share fewer cache lines. Only the numbers change:
	// the fit above is the same.
	order := make([]int, 0, len(names))
	for j := range names {
		if used[j] {
			order = append(order, j)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if a >= ntext || b >= ntext {
			return cmp.Compare(a, b) // the rules last, as they were
		}
		return cmp.Compare(df[keep[b]], df[keep[a]])
	})
	renum := make([]int, len(names))
	kept := make([]string, len(order))
	for i, j := range order {
		renum[j], kept[i] = i, names[j]
	}
	for _, ws := range weights {
		for i := range ws {
			ws[i].Feature = renum[ws[i].Feature]
		}
	}
	return learn.Build(opt.Config, labels, kept, weights, opt.Gain)
}

// fitLabel fits one label: stage 1 on words, stage 2 on rules, the
// threshold from scores of models that never saw the message.
func (c *corpus) fitLabel(p *rules.Pack, id string, rows []int, x [][]int32, ncol int, ruleCol map[int]int, folds []int, opt Options) (learn.Label, []learn.Weight) {
	n := len(rows)
	y := make([]float64, n)
	sw := make([]float64, n)
	var untuned []int
	pos := 0
	kind := kindOf(id)
	var labeled []int // the rows whose line labels this kind of label
	for i, r := range rows {
		d := &c.docs[r]
		if d.Unlabeled.Has(kind) {
			continue // weight 0: neither a positive nor a negative example
		}
		labeled = append(labeled, i)
		if d.Gold[id] {
			y[i] = 1
		}
		sw[i] = 1
		if opt.Written > 0 && strings.HasPrefix(d.Group, "file:") {
			sw[i] = opt.Written
		}
		if d.Untuned || slices.Contains(opt.FitAll, id) {
			untuned = append(untuned, i)
			if d.Gold[id] {
				pos++
			}
		}
	}
	// Stage 1 on every message, and cross-fitted: each message scored by a
	// model fitted on the other folds. Stage-1 models keep their strongest
	// word weights only, here and in every fold, so that what is
	// calibrated below is what the file holds. The penalty is the one of
	// opt.L2Grid (or opt.L2) whose cross-fitted scores lose least: a rare
	// label wants a stronger one than a common label.
	oof, l2 := c.stage1(x, ncol, y, sw, folds, opt)
	w1, b1 := fit(x, nil, ncol, y, sw, all(n), l2)
	prune(w1, opt.Keep)
	// Where the pack lets the rules alone make the label hold (the
	// policy's rules_hold), those messages are positive whatever the
	// model says: the threshold is chosen for the two together.
	forced := make([]bool, n)
	if li := p.Index(id); li >= 0 && slices.Contains(p.Policy().RulesHold, id) {
		need := p.Labels()[li].Threshold
		for i, r := range rows {
			sum := 0.0
			for _, ri := range c.feats[r].rules {
				if rr := p.Rules()[ri]; rr.Label == id || rr.Also == id {
					sum += rr.Weight
				}
			}
			forced[i] = sum >= need
		}
	}
	label := learn.Label{ID: id}
	var ws []learn.Weight
	// The rules of this label, and whether there is enough to fit them.
	var mine []int
	for ri := range p.Rules() {
		r := p.Rules()[ri]
		// Its own rules, and the cues every label may read (a recruiter
		// offering a role is not a pitch).
		if _, ok := ruleCol[ri]; ok && (r.Label == id || r.Also == id || isCue(p, r.Label)) {
			mine = append(mine, ri)
		}
	}
	slices.Sort(mine)
	if pos < opt.MinUntuned || len(untuned) == 0 {
		// Words alone: the threshold from the cross-fitted scores.
		label.Bias = b1
		label.Threshold = bestThreshold(oof, y, forced, labeled, id == DoorOpen)
		for j, v := range w1 {
			if math.Abs(v) >= opt.Prune {
				ws = append(ws, learn.Weight{Feature: j, Value: v})
			}
		}
		return label, strongest(ws, 0, opt.Quantum)
	}
	// Stage 2: column 0 is the stage-1 score, then one column per rule.
	rx := make([][]int32, n)
	rv := make([][]float64, n)
	ruleAt := map[int]int32{}
	for k, ri := range mine {
		ruleAt[ri] = int32(k + 1)
	}
	for _, i := range untuned {
		rx[i] = []int32{0}
		rv[i] = []float64{oof[i]}
		for _, ri := range c.feats[rows[i]].rules {
			if k, ok := ruleAt[ri]; ok {
				rx[i] = append(rx[i], k)
				rv[i] = append(rv[i], 1)
			}
		}
	}
	w2, b2 := fit(rx, rv, len(mine)+1, y, sw, untuned, opt.L2Rules)
	// Its threshold from stage 2 cross-fitted over the untuned messages.
	ug := make([]string, len(untuned))
	for k, i := range untuned {
		ug[k] = c.docs[rows[i]].Group
	}
	uf := Folds(ug, opt.Folds)
	prob := make([]float64, n)
	for f := 0; f < opt.Folds; f++ {
		in, out := split(untuned, uf, f)
		if len(out) == 0 {
			continue
		}
		wf, bf := fit(rx, rv, len(mine)+1, y, sw, in, opt.L2Rules)
		for _, i := range out {
			prob[i] = bf + dotv(wf, rx[i], rv[i])
		}
	}
	label.Threshold = bestThreshold(prob, y, forced, untuned, id == DoorOpen)
	a := w2[0]
	label.Bias = b2 + a*b1
	for j, v := range w1 {
		if v *= a; math.Abs(v) >= opt.Prune {
			ws = append(ws, learn.Weight{Feature: j, Value: v})
		}
	}
	for k, ri := range mine {
		if v := w2[k+1]; math.Abs(v) >= opt.Prune {
			ws = append(ws, learn.Weight{Feature: ruleCol[ri], Value: v})
		}
	}
	return label, strongest(ws, 0, opt.Quantum)
}

// prune zeroes all but the keep weights largest in absolute value (and any
// that would round to zero in the file); keep 0 keeps every one.
func prune(w []float64, keep int) {
	for j, v := range w {
		if math.Round(v*1000) == 0 {
			w[j] = 0
		}
	}
	if keep <= 0 || keep >= len(w) {
		return
	}
	mags := make([]float64, len(w))
	for j, v := range w {
		mags[j] = math.Abs(v)
	}
	slices.Sort(mags)
	cut := mags[len(mags)-keep]
	n := 0
	for j, v := range w {
		// Ties at the cut keep the lower feature numbers: the same every run.
		if a := math.Abs(v); a < cut || a == cut && n >= keep {
			w[j] = 0
		} else {
			n++
		}
	}
}

// strongest keeps the keep weights largest in absolute value (all when
// keep is 0), rounded to whole steps of quantum (learn.Unit when 0), in
// feature order.
func strongest(ws []learn.Weight, keep int, quantum float64) []learn.Weight {
	// A whole number of the model's steps (one at least), so that the
	// file holds the weights exactly.
	steps := max(1, math.Round(quantum/learn.Unit))
	slices.SortStableFunc(ws, func(p, q learn.Weight) int {
		if c := cmp.Compare(math.Abs(q.Value), math.Abs(p.Value)); c != 0 {
			return c
		}
		return cmp.Compare(p.Feature, q.Feature)
	})
	if keep > 0 && len(ws) > keep {
		ws = ws[:keep]
	}
	out := ws[:0]
	for _, w := range ws {
		// In whole steps of the quantum, written in whole steps of the
		// model's unit: the same number read back from the file.
		if w.Value = math.Round(w.Value/(steps*learn.Unit)) * steps * learn.Unit; w.Value != 0 {
			out = append(out, w)
		}
	}
	slices.SortFunc(out, func(p, q learn.Weight) int { return cmp.Compare(p.Feature, q.Feature) })
	return out
}

// stage1 returns the cross-fitted stage-1 log-odds of every row and the
// penalty they were fitted with: the one of the grid with the least
// weighted log-loss out of fold.
func (c *corpus) stage1(x [][]int32, ncol int, y, sw []float64, folds []int, opt Options) ([]float64, float64) {
	n := len(y)
	grid := opt.L2Grid
	if len(grid) == 0 {
		grid = []float64{opt.L2}
	}
	var best []float64
	bestL2, bestLoss := grid[0], math.Inf(1)
	for _, l2 := range grid {
		oof := make([]float64, n)
		for f := 0; f < opt.Folds; f++ {
			in, out := split(all(n), folds, f)
			if len(out) == 0 {
				continue
			}
			wf, bf := fit(x, nil, ncol, y, sw, in, l2)
			prune(wf, opt.Keep)
			for _, i := range out {
				oof[i] = bf + dot(wf, x[i])
			}
		}
		loss := 0.0
		for i, z := range oof {
			loss += sw[i] * (math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - y[i]*z)
		}
		if loss < bestLoss-1e-9 {
			best, bestL2, bestLoss = oof, l2, loss
		}
	}
	return best, bestL2
}

// isCue reports whether a label is one of the pack's internal cues that
// the model does not learn itself (recruiter, job seeking, vague, generic).
func isCue(p *rules.Pack, id string) bool {
	l, ok := p.Label(id)
	return ok && l.Kind == rules.KindCue && id != DoorOpen
}

func dot(w []float64, xs []int32) float64 {
	s := 0.0
	for _, j := range xs {
		s += w[j]
	}
	return s
}

func dotv(w []float64, xs []int32, vs []float64) float64 {
	s := 0.0
	for k, j := range xs {
		s += w[j] * vs[k]
	}
	return s
}

// fit minimizes the weighted mean log-loss plus l2/2·|w|² over the rows in
// use, with gonum's L-BFGS. vals nil means every feature present is 1. It
// returns the weights and the bias (not penalized).
func fit(xs [][]int32, vals [][]float64, ncol int, y, sw []float64, use []int, l2 float64) ([]float64, float64) {
	total := 0.0
	for _, i := range use {
		total += sw[i]
	}
	if total == 0 {
		return make([]float64, ncol), 0
	}
	z := make([]float64, len(y))
	eval := func(grad, w []float64) float64 {
		b := w[ncol]
		loss := 0.0
		if grad != nil {
			clear(grad)
		}
		for _, i := range use {
			s := b
			if vals == nil {
				s += dot(w, xs[i])
			} else {
				s += dotv(w, xs[i], vals[i])
			}
			z[i] = s
			// log(1+e^s) - y·s, computed without overflow.
			l := math.Max(s, 0) + math.Log1p(math.Exp(-math.Abs(s))) - y[i]*s
			loss += sw[i] * l
			if grad != nil {
				g := sw[i] * (1/(1+math.Exp(-s)) - y[i]) / total
				for k, j := range xs[i] {
					if vals == nil {
						grad[j] += g
					} else {
						grad[j] += g * vals[i][k]
					}
				}
				grad[ncol] += g
			}
		}
		loss /= total
		reg := 0.0
		for j := range ncol {
			reg += w[j] * w[j]
			if grad != nil {
				grad[j] += l2 * w[j]
			}
		}
		return loss + l2/2*reg
	}
	prob := optimize.Problem{
		Func: func(w []float64) float64 { return eval(nil, w) },
		Grad: func(grad, w []float64) { eval(grad, w) },
	}
	res, err := optimize.Minimize(prob, make([]float64, ncol+1), &optimize.Settings{GradientThreshold: 1e-7, MajorIterations: 400}, &optimize.LBFGS{})
	if res == nil {
		panic(fmt.Sprintf("train: optimizer failed: %v", err)) // only on a programming error: the loss is smooth and convex
	}
	return res.X[:ncol], res.X[ncol]
}

// bestThreshold is the probability cut that maximizes F1 over the rows,
// given their log-odds and those the rules make positive anyway (forced);
// with no positive example it is 0.5. For a cue of
// the verdict it maximizes accuracy instead: the verdict is right or wrong
// on every message, not only on the positive ones.
func bestThreshold(z, y []float64, forced []bool, rows []int, accuracy bool) float64 {
	type point struct{ t, f float64 }
	var curve []point
	bestF := -1.0
	for k := 5; k <= 95; k++ {
		t := float64(k) / 100
		tp, fp, fn := 0.0, 0.0, 0.0
		for _, i := range rows {
			got := learn.Prob(z[i]) >= t || forced[i]
			switch {
			case got && y[i] == 1:
				tp++
			case got:
				fp++
			case y[i] == 1:
				fn++
			}
		}
		if tp == 0 {
			continue
		}
		f := 2 * tp / (2*tp + fp + fn)
		if accuracy {
			f = 1 - (fp+fn)/float64(len(rows))
		}
		curve = append(curve, point{t, f})
		bestF = max(bestF, f)
	}
	if len(curve) == 0 {
		return 0.5
	}
	// The middle of the cuts within Plateau of the best: the curve is flat
	// near its top and noisy on a few hundred messages, and its first peak
	// is often at the low edge, where short messages tip over.
	var near []float64
	for _, p := range curve {
		if p.f >= bestF-Plateau {
			near = append(near, p.t)
		}
	}
	return near[len(near)/2]
}

// Plateau is how far below the best F1 a threshold may be and still count
// as near the top.
const Plateau = 0.01

// Folds assigns every row to one of k folds so that no group is split:
// groups go, largest first, to the fold with the fewest rows so far (ties
// by name, so the split is the same every run). A k below 1 counts as 1:
// every row in fold 0.
func Folds(groups []string, k int) []int {
	k = max(k, 1)
	size := map[string]int{}
	for _, g := range groups {
		size[g]++
	}
	names := make([]string, 0, len(size))
	for g := range size {
		names = append(names, g)
	}
	sort.Slice(names, func(i, j int) bool {
		if size[names[i]] != size[names[j]] {
			return size[names[i]] > size[names[j]]
		}
		return names[i] < names[j]
	})
	load := make([]int, k)
	fold := map[string]int{}
	for _, g := range names {
		f := 0
		for i := 1; i < k; i++ {
			if load[i] < load[f] {
				f = i
			}
		}
		fold[g] = f
		load[f] += size[g]
	}
	out := make([]int, len(groups))
	for i, g := range groups {
		out[i] = fold[g]
	}
	return out
}

// Sources counts the groups of docs: the most folds a cross-validation of
// them can have, each fold holding some source.
func Sources(docs []Doc) int {
	seen := map[string]bool{}
	for _, d := range docs {
		seen[d.Group] = true
	}
	return len(seen)
}

// Group is the source a message is grouped by: the repository or web site
// ("owner/repo:path" → "owner/repo", "https://site/page" → "site").
func Group(source string) string {
	if i := strings.Index(source, "://"); i >= 0 {
		s := source[i+3:]
		if j := strings.IndexByte(s, '/'); j >= 0 {
			s = s[:j]
		}
		return strings.TrimPrefix(s, "www.")
	}
	if i := strings.IndexByte(source, ':'); i >= 0 {
		return source[:i]
	}
	return source
}

// kindOf is the kind of label id is, as a corpus line labels it.
func kindOf(id string) eval.Kinds {
	switch {
	case slices.Contains(eval.FlagIDs, id):
		return eval.KindFlags
	case slices.Contains(eval.AskIDs, id):
		return eval.KindAsks
	case slices.Contains(eval.SignalIDs, id):
		return eval.KindSignals
	}
	return eval.KindVerdict // door_open, whose gold is the verdict
}

// Labels are the labels politely learns: the flags, asks and signals a
// corpus labels (the context flags stay with the profile and the thread).
func Labels() []string {
	return slices.Concat(eval.FlagIDs, eval.AskIDs, eval.SignalIDs, []string{DoorOpen})
}

// DoorOpen is the learned cue that a message is a "not now": a corpus
// labels no cue, so its gold is the verdict decline_door_open.
const DoorOpen = "door_open"

// About is the model file's "about": how it was made.
func About(docs []Doc, opt Options) string {
	untuned := 0
	for _, d := range docs {
		if d.Untuned {
			untuned++
		}
	}
	return fmt.Sprintf("The learned judgment: one logistic regression per label, written by politely train (make train) from %d labeled messages, %d of them untuned (where rule weights are fitted). Options: %s. Do not edit: retrain.", len(docs), untuned, opt)
}

// String spells the options as the model file records them.
func (o Options) String() string {
	return fmt.Sprintf("words 1-%d, prefixes %v, suffixes %v, chars %d-%d, min-df %d, l2 %s, l2-rules %g, folds %d, prune %g, keep %d, written %g, gain %g, min-untuned %d, quantum %g, rules fitted on all for %v",
		o.Config.Words, o.Config.Prefixes, o.Config.Suffixes, o.Config.CharMin, o.Config.CharMax, o.MinDF, l2String(o), o.L2Rules, o.Folds, o.Prune, o.Keep, o.Written, o.Gain, o.MinUntuned, o.Quantum, o.FitAll)
}

func l2String(o Options) string {
	if len(o.L2Grid) == 0 {
		return fmt.Sprint(o.L2)
	}
	return fmt.Sprintf("per label from %v", o.L2Grid)
}
