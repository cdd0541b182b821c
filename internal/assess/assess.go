// Package assess judges one networking request: the red flags it carries with
// the phrases behind them, the green signals, what the sender asks for and
// how much time, and a verdict with its reasons.
//
// It is pure: the request (including "now") and a compiled rule pack go in,
// a result comes out. The policy that turns findings into a verdict is data
// (the pack's policy); this file applies it in a fixed order.
package assess

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"politely/internal/model"
	"politely/internal/rules"
	"politely/internal/text"
)

// Assess judges r with the compiled pack p. It never panics on any text; the
// evidence offsets are UTF-16 code units into r.Text and always lie on
// character boundaries.
func Assess(p *rules.Pack, r model.Request) model.Result {
	a := newJudge(p, r)
	a.scanMessage()
	a.scanContext()
	a.derive()
	return a.result()
}

// judge holds the working state of one assessment.
type judge struct {
	p       *rules.Pack
	pol     rules.Policy
	r       model.Request
	f       *text.Folded
	score   []float64         // by label index
	hits    [][]hit           // by label index
	ctx     map[string]string // context flags: id → where it came from
	ctxEv   map[string][]hit
	asks    map[string]bool
	minute  float64 // largest stated duration
	implied float64
	rapport string // why there is rapport, if any
	known   bool   // rapport from knowing each other (not only a warm introduction)
}

// hit is one piece of evidence: a span of the text as given.
type hit struct {
	start, end int     // byte offsets into r.Text
	weak       bool    // from a vocabulary: shown only when stronger evidence leaves room
	weight     float64 // the rule's weight, to quote the strongest evidence in a reason
}

func newJudge(p *rules.Pack, r model.Request) *judge {
	n := len(p.Labels())
	return &judge{p: p, pol: p.Policy(), r: r, f: text.Fold(r.Text), score: make([]float64, n), hits: make([][]hit, n), asks: make(map[string]bool, 4)}
}

// scanMessage finds every phrase rule in the message and sums the weights,
// each rule counting once.
func (a *judge) scanMessage() {
	rs := a.p.Rules()
	counted := make([]bool, len(rs))
	var gained map[int]float64 // what each vocabulary rule has added so far
	type seen struct {
		rule int
		word string
	}
	var vocab map[seen]bool
	for _, h := range a.p.Scan(a.f) {
		rule := &rs[h.Rule]
		if rule.Scope != "message" {
			continue
		}
		s, e, ok := a.f.Span(h.Start, h.End)
		if !ok {
			continue
		}
		if rule.Label == "" { // a duration
			a.duration(rule, h)
			continue
		}
		add := 0.0
		switch {
		case rule.Each:
			// A vocabulary counts each distinct word once, up to its maximum.
			word := a.f.Norm[h.Start:h.End]
			if vocab == nil {
				vocab, gained = map[seen]bool{}, map[int]float64{}
			}
			if key := (seen{h.Rule, word}); !vocab[key] && gained[h.Rule]+rule.Weight <= rule.Max+1e-9 {
				vocab[key] = true
				add = rule.Weight
				gained[h.Rule] += add
			}
		case !counted[h.Rule]:
			add = rule.Weight
		}
		counted[h.Rule] = true
		for _, at := range [2]int{rule.LabelAt, rule.AlsoAt} {
			if at < 0 {
				continue
			}
			a.score[at] += add
			if rule.Weight > 0 {
				a.hits[at] = append(a.hits[at], hit{start: s, end: e, weak: rule.Each, weight: rule.Weight})
			}
		}
		if rule.Rapport && a.rapport == "" {
			a.rapport = "the message shows it: " + strings.TrimSpace(rule.Message)
		}
		if rule.Rapport && rule.Label != "mutual_connection" {
			a.known = true
		}
	}
}

// duration reads how many minutes a phrase asks for.
func (a *judge) duration(rule *rules.Rule, h rules.Hit) {
	if !rule.PerUnit {
		a.implied = math.Max(a.implied, rule.Minutes)
		return
	}
	// The unit follows the number: take the last "#" inside the match.
	k := strings.LastIndexByte(a.f.Norm[h.Start:h.End], '#')
	if k < 0 {
		return
	}
	if v, ok := a.f.NumAt(h.Start + k); ok && v > 0 && (a.pol.MaxMinutes == 0 || v*rule.Minutes <= a.pol.MaxMinutes) {
		a.minute = math.Max(a.minute, v*rule.Minutes)
	}
}

// scanContext reads the thread and the profile.
func (a *judge) scanContext() {
	r := a.r
	// Rapport from the thread: the user has written to them before.
	declinedAt := -1
	for i, t := range r.Thread {
		if t.From != "me" {
			continue
		}
		if a.rapport == "" {
			a.rapport = "you have written to them before in this thread"
		}
		a.known = true
		if a.mine(t.Text, "declined") {
			declinedAt = i
		}
	}
	if declinedAt >= 0 {
		// Asking again after a no; a message that only thanks or says goodbye is not.
		a.context("persistent", "you already declined earlier in this thread, and they wrote again")
	}
	// negative_history: the sender matches a contact marked negative, or one
	// whose note records a bad experience.
	if c, why := a.badContact(); why != "" {
		a.context("negative_history", why)
		a.pinName(c.Name, "negative_history")
	}
	// burnout: the user is on a networking break.
	if b := r.Profile.BreakUntil; !b.IsZero() && !r.Now.IsZero() && r.Now.Before(b) {
		a.context("burnout", "your profile says you are on a networking break until "+b.Format("2 January 2006"))
	}
}

// context records a flag read from context and where it came from. The maps
// are made on first use: most messages have no context flag.
func (a *judge) context(id, why string) {
	if a.ctx == nil {
		a.ctx = map[string]string{}
	}
	a.ctx[id] = why
}

// evidence pins a span of the text to a context flag.
func (a *judge) evidence(id string, h hit) {
	if a.ctxEv == nil {
		a.ctxEv = map[string][]hit{}
	}
	a.ctxEv[id] = append(a.ctxEv[id], h)
}

// mine reports whether s (a turn the user wrote, or a note) carries a rule
// of the given label in the matching scope.
func (a *judge) mine(s, label string) bool {
	f := text.Fold(s)
	rs := a.p.Rules()
	for _, h := range a.p.Scan(f) {
		if rs[h.Rule].Label == label {
			return true
		}
	}
	return false
}

// badContact finds the profile contact the sender is, if it is a negative one.
func (a *judge) badContact() (model.Contact, string) {
	if len(a.r.Profile.Contacts) == 0 {
		return model.Contact{}, ""
	}
	name := normName(a.r.Sender.Name)
	for _, c := range a.r.Profile.Contacts {
		cn := normName(c.Name)
		if cn == "" || (name != cn && !(name == "" && a.signedBy(cn))) {
			continue
		}
		if c.Negative {
			why := "your profile marks " + c.Name + " as a contact to decline"
			if c.Note != "" {
				why += " (note: " + c.Note + ")"
			}
			return c, why
		}
		if c.Note != "" && a.mine(c.Note, "bad_note") {
			return c, "your note on " + c.Name + " records a bad experience: " + c.Note
		}
	}
	return model.Contact{}, ""
}

// signedBy reports whether the message ends with the given (folded) name,
// for messages pasted without a sender.
func (a *judge) signedBy(name string) bool {
	n := a.f.Norm
	tail := n[max(0, len(n)-len(name)-40):]
	return strings.Contains(tail, " "+name+" ")
}

// pinName marks where the sender's name appears in the text, as evidence of
// a context flag; none is fine (the why says where the flag came from).
func (a *judge) pinName(name, flag string) {
	folded := " " + normName(name) + " "
	if folded == "  " {
		return
	}
	if i := strings.Index(a.f.Norm, folded); i >= 0 {
		if s, e, ok := a.f.Span(i, i+len(folded)); ok {
			a.evidence(flag, hit{start: s, end: e})
		}
	}
}

func normName(s string) string { return strings.TrimSpace(text.Fold(s).Norm) }

// derive applies the policy: asks, rapport, premature asks, capacity and
// expertise, in that order, since each reads the ones before.
func (a *judge) derive() {
	labels := a.p.Labels()
	for i := range labels {
		if l := &labels[i]; l.Kind == rules.KindAsk && a.on(i) {
			a.asks[l.ID] = true
		}
	}
	if !a.holds("selling") && a.holds("job_seeking") && !a.asks["job"] {
		a.asks["job"] = true
		a.addHits("job", a.hitsOf("job_seeking"))
	}
	// Asking you to buy, try or invest makes it a pitch.
	for _, id := range a.pol.SellingAsks {
		if a.asks[id] && !a.holds("selling") {
			a.setScore("selling", a.threshold("selling"))
			a.addHits("selling", a.hitsOf(id))
		}
	}
	// Minutes: the largest stated duration, else the typical length of what
	// is asked, else a default when a meeting is asked with no hint.
	if a.minute == 0 && a.anyAsk(a.pol.MeetingAsks) {
		a.minute = a.implied
		if a.minute == 0 && a.asks["meeting"] {
			a.minute = a.pol.DefaultMinutes
		}
	}
	if !a.anyAsk(a.pol.MeetingAsks) && !a.anyAsk(a.pol.SellingAsks) {
		a.minute = 0 // a duration that is not asked of the user ("we cut it to 30 minutes")
	}
	for _, s := range a.pol.RapportSignals {
		if a.holds(s) && a.rapport == "" {
			a.rapport = "the message shows you know each other"
		}
	}
	a.premature()
	a.capacity()
	a.expertise()
}

// premature raises premature_ask for a significant favour asked without
// rapport. A pitch counts only for the favours that a pitch can still ask
// of you (an introduction, a referral); the rest of a pitch is selling.
func (a *judge) premature() {
	direct := a.holds("premature_ask")
	favours := a.pol.FavourAsks
	if a.holds("selling") {
		favours = a.pol.SellingFavourAsks
	}
	var asked []string
	for _, id := range favours {
		if a.asks[id] {
			asked = append(asked, id)
		}
	}
	if a.holds("reputation") && !direct {
		// A scheme's "ask" is part of the scheme, not a favour to weigh.
		asked = nil
	}
	if a.holds("recruiter") && !a.holds("job_seeking") {
		// A recruiter offering you a role asks no favour by it, nor by
		// asking whether you know someone for it.
		for _, id := range a.pol.RecruiterAsks {
			asked = remove(asked, id)
		}
	}
	// Advice or feedback asked in an exchange between peers (they offer
	// something back, or you share a community) is fair, unless they also
	// want a meeting for it.
	if (a.anyHoldsAll(a.pol.SoftCancelledBy) && !a.asks["meeting"]) || a.anyAsk(a.pol.SoftWithAsks) {
		for _, id := range a.pol.SoftFavourAsks {
			asked = remove(asked, id)
		}
	}
	if a.rapport != "" || (len(asked) == 0 && !direct) {
		a.setScore("premature_ask", 0)
		a.setHits("premature_ask", nil)
		return
	}
	for _, id := range asked {
		a.addHits("premature_ask", a.hitsOf(id))
	}
	a.setScore("premature_ask", math.Max(a.scoreOf("premature_ask"), a.threshold("premature_ask")))
}

// capacity raises over_capacity when the time asked would take the user past
// their weekly budget.
func (a *judge) capacity() {
	p := a.r.Profile
	if p.CapacityHoursPerWeek <= 0 || a.minute <= 0 {
		return
	}
	asked := a.minute / 60
	if p.CommittedHoursThisWeek+asked > p.CapacityHoursPerWeek {
		a.context("over_capacity", fmt.Sprintf("this asks for about %s, and you have already committed %s of the %s a week you set aside for networking",
			hours(asked), hours(p.CommittedHoursThisWeek), hours(p.CapacityHoursPerWeek)))
	}
}

// expertise raises outside_expertise when they ask for advice and the topic is
// one the profile sends to an expert, or none of the user's expertise appears.
func (a *judge) expertise() {
	p := a.r.Profile
	if !(a.asks["advice"] || a.asks["mentorship"] || a.asks["feedback"]) || a.holds("selling") || a.holds("reputation") {
		return
	}
	for _, x := range p.Experts {
		for _, topic := range x.Topics {
			if s, e, ok := a.find(topic); ok {
				a.context("outside_expertise", fmt.Sprintf("they ask about %s, a topic your profile sends to %s", topic, x.Name))
				a.evidence("outside_expertise", hit{start: s, end: e})
			}
		}
	}
	if _, ok := a.ctx["outside_expertise"]; ok || len(p.Expertise) == 0 {
		return
	}
	for _, topic := range p.Expertise {
		if a.mentions(topic) {
			return
		}
	}
	a.context("outside_expertise", "they ask for advice, and none of your expertise ("+strings.Join(p.Expertise, ", ")+") appears in the message")
}

// mentions reports whether the message touches a topic of the user's: the
// whole phrase, or one of its longer words at the start of a word ("platform
// engineering" is touched by "our platform team"; "kubernetes" by
// "Kubernetes-native").
func (a *judge) mentions(topic string) bool {
	if _, _, ok := a.find(topic); ok {
		return true
	}
	for _, w := range strings.Fields(normName(topic)) {
		if len(w) >= 6 && strings.Contains(a.f.Norm, " "+w[:len(w)-1]) {
			return true
		}
	}
	return false
}

// find locates a profile phrase (a topic) in the message, whole words only.
func (a *judge) find(phrase string) (int, int, bool) {
	n := normName(phrase)
	if n == "" {
		return 0, 0, false
	}
	i := strings.Index(a.f.Norm, " "+n+" ")
	if i < 0 {
		return 0, 0, false
	}
	return a.f.Span(i, i+len(n)+2)
}

func (a *judge) holds(id string) bool {
	if _, ok := a.ctx[id]; ok {
		return true
	}
	i := a.p.Index(id)
	return i >= 0 && a.on(i)
}

// on reports whether the label at index i holds from the text alone.
func (a *judge) on(i int) bool {
	return a.score[i] > 0 && a.score[i] >= a.p.Labels()[i].Threshold
}

func (a *judge) threshold(id string) float64 {
	if l, ok := a.p.Label(id); ok {
		return l.Threshold
	}
	return 1
}

func (a *judge) scoreOf(id string) float64 {
	if i := a.p.Index(id); i >= 0 {
		return a.score[i]
	}
	return 0
}

func (a *judge) setScore(id string, v float64) {
	if i := a.p.Index(id); i >= 0 {
		a.score[i] = v
	}
}

func (a *judge) hitsOf(id string) []hit {
	if i := a.p.Index(id); i >= 0 {
		return a.hits[i]
	}
	return nil
}

func (a *judge) addHits(id string, hs []hit) {
	if i := a.p.Index(id); i >= 0 {
		a.hits[i] = append(a.hits[i], hs...)
	}
}

func (a *judge) setHits(id string, hs []hit) {
	if i := a.p.Index(id); i >= 0 {
		a.hits[i] = hs
	}
}

func (a *judge) anyAsk(ids []string) bool {
	for _, id := range ids {
		if a.asks[id] {
			return true
		}
	}
	return false
}

func (a *judge) anyHolds(ids []string) string {
	for _, id := range ids {
		if a.holds(id) {
			return id
		}
	}
	return ""
}

func (a *judge) anyHoldsAll(ids []string) bool { return a.anyHolds(ids) != "" }

func remove(list []string, x string) []string {
	out := list[:0:0]
	for _, s := range list {
		if s != x {
			out = append(out, s)
		}
	}
	return out
}

func hours(h float64) string {
	if h == math.Trunc(h) {
		if h == 1 {
			return "1 hour"
		}
		return fmt.Sprintf("%.0f hours", h)
	}
	return fmt.Sprintf("%.1f hours", h)
}

// result builds the findings (each with its evidence in UTF-16 offsets) and
// the verdict.
func (a *judge) result() model.Result {
	res := model.Result{Flags: []model.Finding{}, Signals: []model.Finding{}, Asks: []string{}, Reasons: []string{}, MinutesAsked: int(math.Round(a.minute))}
	type pending struct {
		find *model.Finding
		hits []hit
	}
	var all []pending
	labels := a.p.Labels()
	for i := range labels {
		l := &labels[i]
		if l.Kind != rules.KindFlag && l.Kind != rules.KindSignal {
			continue
		}
		if _, ctx := a.ctx[l.ID]; !ctx && !a.on(i) {
			continue
		}
		why := l.Why
		if src, ok := a.ctx[l.ID]; ok {
			why = l.Why + " (From your context: " + src + ".)"
		}
		f := model.Finding{ID: l.ID, Title: l.Title, Why: why, Evidence: []model.Span{}}
		hs := append(append([]hit{}, a.hits[i]...), a.ctxEv[l.ID]...)
		all = append(all, pending{&f, hs})
		if l.Kind == rules.KindFlag {
			res.Flags = append(res.Flags, f)
		} else {
			res.Signals = append(res.Signals, f)
		}
	}
	// Evidence: dedupe, keep the first few by position, convert to UTF-16 in
	// one pass over the text for all findings together.
	limit := int(a.pol.MaxEvidence)
	if limit <= 0 {
		limit = 6
	}
	var offs []int
	kept := make([][]hit, len(all))
	for i, pd := range all {
		kept[i] = spans(pd.hits, limit)
		for _, h := range kept[i] {
			offs = append(offs, h.start, h.end)
		}
	}
	u16 := append([]int(nil), offs...)
	text.UTF16(a.r.Text, u16)
	k := 0
	for i := range all {
		ev := make([]model.Span, 0, len(kept[i]))
		for range kept[i] {
			ev = append(ev, model.Span{Start: u16[k], End: u16[k+1], Text: a.r.Text[offs[k]:offs[k+1]]})
			k += 2
		}
		all[i].find.Evidence = ev
	}
	// The findings were copied into res before their evidence was set.
	fi, si := 0, 0
	for _, pd := range all {
		if l, _ := a.p.Label(pd.find.ID); l.Kind == rules.KindFlag {
			res.Flags[fi] = *pd.find
			fi++
		} else {
			res.Signals[si] = *pd.find
			si++
		}
	}
	for i := range labels {
		if l := &labels[i]; l.Kind == rules.KindAsk && a.asks[l.ID] {
			res.Asks = append(res.Asks, l.ID)
		}
	}
	res.Verdict, res.Reasons = a.verdict(&res)
	return res
}

// spans sorts hits by position, drops those inside another, and keeps limit,
// preferring phrases to single vocabulary words.
func spans(hs []hit, limit int) []hit {
	strong := 0
	for _, h := range hs {
		if !h.weak {
			strong++
		}
	}
	if strong > 0 && len(hs) > limit {
		kept := hs[:0:0]
		for _, h := range hs {
			if !h.weak || strong < limit {
				if h.weak {
					strong++
				}
				kept = append(kept, h)
			}
		}
		hs = kept
	}
	slices.SortFunc(hs, func(x, y hit) int {
		if x.start != y.start {
			return x.start - y.start
		}
		return y.end - x.end
	})
	out := hs[:0:0]
	for _, h := range hs {
		if n := len(out); n > 0 && h.start < out[n-1].end {
			if h.end > out[n-1].end {
				out[n-1].end = h.end // overlapping phrases read as one span
			}
			continue
		}
		out = append(out, h)
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
