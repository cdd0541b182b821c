package assess

import (
	"cmp"
	"math"
	"slices"

	"politely/internal/learn"
)

// textEvidence is how many of the strongest words and phrases behind a
// learned finding are shown beside its rule hits.
const textEvidence = 3

// contribution is one feature's part in a learned label's score.
type contribution struct {
	feat        int32
	first, last int32 // words of the folded text; -1 for a rule or a cue
	w           float64
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
	m.Text(&a.ms, a.r.Text, &a.f)
	both := a.pol.RulesHold > 0
	for k, l := range m.Labels {
		a.prob[l.At] = learn.Prob(a.ms.Z[k])
		a.score[l.At] = a.prob[l.At]
		if both && a.rule[l.At] >= a.p.Labels()[l.At].Threshold && !a.on(l.At) {
			// The rules hold it on their own: the score says how sure the
			// model is, the threshold is met.
			a.score[l.At] = math.Max(a.thresh[l.At], 1e-9)
		}
		if a.on(l.At) {
			a.learnedEvidence(k, l.At)
		}
	}
}

// learnedEvidence rebuilds the evidence of learned label i (model label k).
func (a *judge) learnedEvidence(k, i int) {
	kept := a.hits[i][:0]
	for _, h := range a.hits[i] {
		if w, known := a.weight(k, a.mdl.RuleFeature(int(h.rule))); !known || w > 0 {
			if known {
				h.weight = w
			}
			kept = append(kept, h)
		}
	}
	top := a.contributions(k, true)
	n := 0
	for _, c := range top {
		if n == textEvidence {
			break
		}
		if a.sc.Negated(&a.f, int(c.first)) {
			continue
		}
		if s, e, ok := a.wordSpan(c.first, c.last); ok {
			kept = append(kept, hit{start: s, end: e, weight: c.w, rule: -1})
			n++
		}
	}
	if len(kept) == 0 {
		// Held by the cues and the words together, none standing out: the
		// message as a whole is the evidence.
		if s, e, ok := a.wordSpan(0, int32(len(a.f.List())-1)); ok {
			kept = append(kept, hit{start: s, end: e, rule: -1})
		}
	}
	a.hits[i] = kept
}

// weight is feature f's weight for model label k; known is false when f is
// -1 (a rule the model does not know).
func (a *judge) weight(k int, f int) (w float64, known bool) {
	if f < 0 {
		return 0, false
	}
	labs, ws := a.mdl.Weights(f)
	for j, l := range labs {
		if int(l) == k {
			return ws[j], true
		}
	}
	return 0, true
}

// contributions lists the features found in the message with their weight
// for model label k, strongest first; text only keeps the words and their
// pieces (what can be shown as a span). The list is the judge's scratch.
func (a *judge) contributions(k int, text bool) []contribution {
	out := a.top[:0]
	for _, f := range a.ms.Found {
		if text && f.First < 0 {
			continue
		}
		w, _ := a.weight(k, int(f.Feature))
		if text && w <= 0 {
			continue
		}
		if w != 0 {
			out = append(out, contribution{f.Feature, f.First, f.Last, w})
		}
	}
	slices.SortStableFunc(out, func(x, y contribution) int {
		if c := cmp.Compare(abs(y.w), abs(x.w)); c != 0 {
			return c
		}
		return cmp.Compare(x.feat, y.feat)
	})
	a.top = out
	return out
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
