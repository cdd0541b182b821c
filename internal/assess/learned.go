package assess

import (
	"cmp"
	"math"
	"slices"

	"politely/internal/learn"
	"politely/internal/model"
	"politely/internal/rules"
)

// textEvidence is how many of the strongest words and phrases behind a
// learned finding are shown beside its rule hits.
const textEvidence = 3

// contribution is one feature's part in a learned label's score.
type contribution struct {
	feat        int32 // -1: a rule the model does not know, or a headline rule (name)
	first, last int32 // words of the folded text; -1 for a rule or a cue
	w           float64
	name        string
}

// learned scores the labels of the model: the rules found by scanMessage
// are already counted; the words, their pieces and the cues of structure are
// added here. Each learned label's evidence becomes the rule hits the model
// weighs in its favour plus the words that raised its score most, never on
// a negated phrase.
func (a *judge) learned() {
	m := a.mdl
	if m == nil {
		return
	}
	m.Text(&a.ms, a.r.Text, &a.f, a.lex, a.not)
	a.headline()
	a.probs = a.ms.Probs(a.probs)
	n := len(a.learnedAt)
	want, later, probs := a.want[:n], a.later[:n], a.probs[:n]
	for k := range a.learnedAt {
		l := &a.learnedAt[k]
		i, p := l.at, probs[k]
		a.prob[i], a.score[i] = p, p
		on := p >= l.thresh // thresholds are positive (on)
		if !on && l.hold && a.rule[i] >= l.ruleThresh {
			// The rules hold it on their own (ruled): the score says how
			// sure the model is, the threshold is met.
			a.score[i], on = math.Max(l.thresh, 1e-9), true
		}
		// The words behind a finding shown are sorted out now; those of
		// an ask or a cue only if a finding or a reason borrows its
		// evidence (settle), which few messages need.
		want[k], later[k] = on && l.finding, on && !l.finding
	}
	m.Rank(&a.ms, want)
	for k, w := range want {
		if !w {
			continue // most labels: none of their words are wanted
		}
		if i := a.learnedAt[k].at; !a.learnedEvidence(k, i) && a.pol.NeedEvidence > 0 {
			// A flag or signal nobody could point at in the text is not
			// shown: the score alone (bias, cues, function words) stays in
			// scores, below its threshold.
			a.score[i] = math.Min(a.score[i], math.Nextafter(a.thresh[i], 0))
		}
	}
}

// settle builds the evidence of learned label i where learned left it for
// later (an ask or a cue that holds), before anything reads or extends it:
// the same evidence, built when it is first needed.
func (a *judge) settle(i int) {
	if i < 0 || a.at[i] < 0 || !a.later[a.at[i]] {
		return
	}
	k := a.at[i]
	a.later[k] = false
	a.mdl.RankLabel(&a.ms, k)
	a.learnedEvidence(k, i) // not shown: whether it found any changes no score
}

// ruled reports whether the rules' stated weights make label i hold on
// their own (rules_hold), whatever the model weighs: against the label's
// own threshold, not the model's, which thresh holds for a learned label.
func (a *judge) ruled(i int) bool { return a.hold[i] && a.rule[i] >= a.ruleThresh[i] }

// headline adds the stated weights of the headline rules that fire in the
// sender's title to their labels' log-odds: the corpora carry no titles, so
// these weights are the pack's, not learned.
func (a *judge) headline() {
	if a.r.Sender.Headline == "" {
		return
	}
	a.g.Refold(a.r.Sender.Headline)
	rs := a.p.Rules()
	for _, h := range a.sc.Scan(a.p, &a.g) {
		r := &rs[h.Rule]
		if r.Scope != "headline" || a.counted[h.Rule] || r.LabelAt < 0 {
			continue
		}
		a.counted[h.Rule] = true
		if k := a.at[r.LabelAt]; k >= 0 {
			a.ms.Z[k] += r.Weight
		}
	}
}

// learnedEvidence rebuilds the evidence of learned label i (model label k)
// and reports whether any piece of it stands on its own: a rule's phrase or
// words that weigh for the label (otherwise the whole message stands in).
func (a *judge) learnedEvidence(k, i int) bool {
	// Where the rules alone make the label hold, their phrases are its
	// evidence whatever the model weighs them.
	ruled := a.ruled(i)
	kept := a.hits[i][:0]
	for _, h := range a.hits[i] {
		if w, known := a.weight(k, a.mdl.RuleFeature(int(h.rule))); !known || w > 0 || ruled && h.weight > 0 {
			if known {
				h.weight = 1 + w // a rule's phrase is quoted before a single word
			}
			kept = append(kept, h)
		}
	}
	// The strongest readable words for the label, as the scorer kept them
	// while it added them up. A negated phrase is never among them: it is
	// a feature of its own kind, never shown. A word that weighs little
	// ("get", "still") is shown only where nothing else points at the
	// finding: highlighted beside a rule's phrase it reads as a reason,
	// and it is not one. Whether a finding has evidence at all does not
	// depend on it, so it changes what is highlighted, never a verdict.
	for j, c := range a.ms.Top[k] {
		w := a.ms.TopW[k][j]
		if w <= 0 || w < a.pol.EvidenceWeight && len(kept) > 0 {
			break // strongest first: the rest weigh less still
		}
		if s, e, ok := a.wordSpan(a.withNumber(c.First, c.Last)); ok {
			kept = append(kept, hit{start: s, end: e, weight: w, rule: -1})
		}
	}
	found := len(kept) > 0
	if !found {
		// Held by the cues and the words together, none standing out: the
		// message as a whole is the evidence.
		if s, e, ok := a.wordSpan(0, int32(len(a.f.List())-1)); ok {
			kept = append(kept, hit{start: s, end: e, rule: -1})
		}
	}
	a.hits[i] = kept
	return found
}

// weight is feature f's weight for model label k; known is false when f is
// -1 (a rule the model does not know).
func (a *judge) weight(k int, f int) (w float64, known bool) {
	if f < 0 {
		return 0, false
	}
	w, _ = a.mdl.Weight(f, k)
	return w, true
}

// contributions lists the features found in the message with their weight
// for model label k, strongest (in absolute value) first, for Explain.
func (a *judge) contributions(k int) []contribution {
	var out []contribution
	for _, f := range a.ms.Found() {
		w, _ := a.weight(k, int(f.Feature))
		if w != 0 {
			out = append(out, contribution{f.Feature, f.First, f.Last, w, ""})
		}
	}
	// The rules that add their stated weight: those the model does not
	// know (RuleGain per unit), and those of the headline (their weight).
	at := a.mdl.Labels[k].At
	for ri, r := range a.p.Rules() {
		if !a.counted[ri] || r.LabelAt != at && r.AlsoAt != at {
			continue
		}
		switch {
		case r.Scope == "headline":
			out = append(out, contribution{-1, -1, -1, r.Weight, learn.Name(learn.KindRule, r.ID) + " (headline, stated)"})
		case r.Scope == "message" && a.mdl.RuleFeature(ri) < 0 && r.Weight != 0:
			out = append(out, contribution{-1, -1, -1, a.mdl.RuleGain * a.stated(ri, r.Weight), learn.Name(learn.KindRule, r.ID) + " (stated)"})
		}
	}
	// Of equal weights, a rule the model does not know first, then the
	// words and cues by name, then the model's rules in the pack's order.
	// The words' numbers follow how common each is (train), not their
	// names: an explanation should not change with the numbering.
	names := a.mdl.Names
	slices.SortStableFunc(out, func(x, y contribution) int {
		if c := cmp.Compare(abs(y.w), abs(x.w)); c != 0 {
			return c
		}
		rank := a.tieRank(x)
		if c := cmp.Compare(rank, a.tieRank(y)); c != 0 {
			return c
		}
		if rank == tieWord {
			return cmp.Compare(names[x.feat], names[y.feat])
		}
		return cmp.Compare(x.feat, y.feat)
	})
	return out
}

// The kinds of contribution, in the order explanations list those of equal
// weight.
const (
	tieStated = iota // a rule the model does not know: its stated weight
	tieWord          // a word, a piece or a cue
	tieRule          // a rule the model weighs
)

// tieRank is c's kind (tieStated, tieWord, tieRule).
func (a *judge) tieRank(c contribution) int {
	if c.feat < 0 {
		return tieStated
	}
	// The model's names all parse: the pack refuses one that does not.
	if kind, _, _ := learn.ParseName(a.mdl.Names[c.feat]); kind == learn.KindRule {
		return tieRule
	}
	return tieWord
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// wordSpan maps words first..last of the folded text to byte offsets in the
// message.
func (a *judge) wordSpan(first, last int32) (int, int, bool) {
	words := a.f.List()
	if first < 0 || last < first || int(last) >= len(words) {
		return 0, 0, false
	}
	return int(words[first].From), int(words[last].To), true
}

// withNumber widens a lone currency or percent sign (words first..last of
// the folded text) to the amount it stands by in the message, so that the
// highlight reads "$500", "$2k" or "20%" rather than a bare "$": the sign is
// what the model weighs, the amount is what a reader recognises. A currency
// sign takes the number after it ("$500"), or else the one before it
// ("500 €"); a percent sign the one before it. The number must touch the
// sign or be one space away, and takes a unit of one or two letters that
// touches it ("2k", "3bn"). Anything else leaves the words as they are.
func (a *judge) withNumber(first, last int32) (int32, int32) {
	words, norm := a.f.List(), a.f.Norm
	if first != last || first < 0 || int(first) >= len(words) {
		return first, last
	}
	is := func(k int32, s string) bool {
		return k >= 0 && int(k) < len(words) && norm[words[k].Start:words[k].End] == s
	}
	// near: words k and k+1 touch or stand one space apart in the message.
	near := func(k int32, space bool) bool {
		from, to := int(words[k].To), int(words[k+1].From)
		return from == to || space && to == from+1 && a.r.Text[from] == ' '
	}
	unit := func(k int32) int32 {
		if u := k + 1; int(u) < len(words) && near(k, false) {
			if w := words[u]; w.End-w.Start <= 2 && isLetters(norm[w.Start:w.End]) {
				return u
			}
		}
		return k
	}
	switch norm[words[first].Start:words[first].End] {
	case "$", "€", "£", "₹", "¥":
		if is(first+1, "#") && near(first, true) {
			return first, unit(first + 1)
		}
		if is(first-1, "#") && near(first-1, true) {
			return first - 1, first
		}
	case "%":
		if is(first-1, "#") && near(first-1, true) {
			return first - 1, first
		}
	}
	return first, last
}

// isLetters reports whether s is ASCII letters only.
func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// Explanation says why the model scored a label as it did.
type Explanation struct {
	ID        string
	Kind      string  // the label's kind (rules.KindFlag, KindAsk...)
	Score     float64 // the probability
	Threshold float64
	Holds     bool
	Ruled     bool // the rules' stated weights hold it on their own, whatever the score
	Bias      float64
	Top       []Contribution // the strongest features found, by absolute weight
}

// Contribution is one feature's weight in a score, with the words it was
// found on ("" for a rule or a cue).
type Contribution struct {
	Feature string
	Weight  float64
	Text    string
}

// Explain judges r like Assess and returns, for every label the model
// scores, its probability and the top features behind it. Nil when the
// pack has no model.
func Explain(p *rules.Pack, r model.Request, top int) []Explanation {
	m := p.Model()
	if m == nil {
		return nil
	}
	a := newJudge(p)
	a.reset(r)
	a.scanMessage()
	a.learned()
	out := make([]Explanation, len(m.Labels))
	for k, l := range m.Labels {
		e := Explanation{ID: l.ID, Kind: p.Labels()[l.At].Kind, Score: round3(a.prob[l.At]), Threshold: l.Threshold, Holds: a.on(l.At), Bias: l.Bias,
			Ruled: a.ruled(l.At)}
		cs := a.contributions(k)
		for _, c := range cs[:min(top, len(cs))] {
			t := ""
			if s, e, ok := a.wordSpan(c.first, c.last); ok {
				t = r.Text[s:e]
			}
			name := c.name
			if c.feat >= 0 {
				name = m.Names[c.feat]
			}
			e.Top = append(e.Top, Contribution{name, c.w, t})
		}
		out[k] = e
	}
	return out
}

// stated is what rule ri added by its stated weight w in the last judgment:
// w, or for a vocabulary the weight of every distinct word it counted.
func (a *judge) stated(ri int, w float64) float64 {
	if !a.rules[ri].each {
		return w
	}
	sum := 0.0
	for _, v := range a.vocab {
		if v.rule == ri {
			sum += v.add
		}
	}
	return sum
}
