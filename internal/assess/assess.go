// Package assess judges one networking request: the red flags it carries with
// the phrases behind them, the green signals, what the sender asks for and
// how much time, and a verdict with its reasons.
//
// It is pure: the request (including "now") and a compiled rule pack go in,
// a result comes out. The policy that turns findings into a verdict is data
// (the pack's policy); this file applies it in a fixed order.
package assess

import (
	"math"
	"slices"
	"strings"

	"politely/internal/learn"
	"politely/internal/lint"
	"politely/internal/model"
	"politely/internal/rules"
	"politely/internal/text"
)

// Assess judges r with the compiled pack p. It never panics on any text; the
// evidence offsets are UTF-16 code units into r.Text and always lie on
// character boundaries. It is safe for concurrent use: each call borrows its
// working memory from the pack's pool and returns it, so a busy host folds
// and scans without allocating. The result is the caller's own, in fresh
// memory; a host that judges one request after another and is done with
// each result before the next saves that memory with a Worker.
func Assess(p *rules.Pack, r model.Request) model.Result {
	pool := p.Scratch()
	a, _ := pool.Get().(*judge)
	if a == nil || a.p != p {
		a = newJudge(p)
	}
	var fresh mem
	res := a.judge(r, &fresh)
	pool.Put(a)
	return res
}

// Worker judges one request after another with one pack, writing each
// result into memory it reuses for the next, as bufio.Scanner's Bytes does.
// A result's memory is a tenth of the judgment's time when it is fresh:
// memory no core has touched since the last collection, each line of it a
// wait. The result of Assess, and every slice in it, is valid until the
// Worker's next Assess; Clone what you keep. A Worker is not safe for
// concurrent use: keep one per goroutine, or a pool of them.
type Worker struct {
	a   *judge
	mem mem
}

// NewWorker returns a Worker judging with the compiled pack p.
func NewWorker(p *rules.Pack) *Worker { return &Worker{a: newJudge(p), mem: mem{reuse: true}} }

// Assess is the package's Assess, the same result field for field, written
// into w's memory. It never panics on any text.
func (w *Worker) Assess(r model.Request) model.Result { return w.a.judge(r, &w.mem) }

// mem is where a Worker's results live: each list is cut from the start of
// its slice again for the next result.
type mem struct {
	reuse    bool
	findings []model.Finding
	spans    []model.Span
	strs     []string
	values   []float64
	cues     []string
}

// cut returns n elements of *buf, one of m's lists, for a result: fresh
// ones unless m is a Worker's (the caller owns the result), else *buf's
// own, grown when it must. It never returns nil, even for none: a finding
// with no spans writes "evidence": [], from a fresh Worker as from any
// other (a nil list wrote null until the Worker's first span).
func cut[T any](m *mem, buf *[]T, n int) []T {
	if !m.reuse {
		return make([]T, n)
	}
	if cap(*buf) < n || *buf == nil {
		*buf = make([]T, n, max(n, 2*cap(*buf), 1))
	}
	return (*buf)[:n:n]
}

// judge runs the whole judgment of r, its result in m.
func (a *judge) judge(r model.Request, m *mem) model.Result {
	a.reset(r)
	a.scanMessage()
	a.learned()
	a.scanContext()
	a.derive()
	res := a.result(m)
	a.r = model.Request{} // keep no reference to the caller's text
	return res
}

// judge holds the working state of one assessment. Everything is indexed by
// label (or rule) position in the pack, so the hot path does no map lookups.
type judge struct {
	p          *rules.Pack
	pol        rules.Policy
	ix         index
	r          model.Request
	f          text.Folded // the message
	g          text.Folded // another text: a turn of the user's, a contact note
	sc         rules.Scanner
	score      []float64 // by label
	hits       [][]hit   // by label
	ctx        []string  // by label: where a context flag came from ("" when it does not hold)
	ctxEv      [][]hit   // by label: evidence pinned to a context flag
	ctxUsed    bool      // some ctx or ctxEv is set, to clear
	shownAt    []int     // the labels shown as findings (flags and signals), in pack order
	askAt      []int     // the asks, in pack order
	asks       []bool    // by label
	flag       []bool    // by label: a red flag (of the findings shown, the rest are signals)
	thresh     []float64 // by label: the score at which it holds
	spUI       string    // the request languages a.sp was found for (reset)
	spLang     string
	ruleThresh []float64  // by label: the pack's threshold, which the rules' weights meet (ruled)
	rules      []ruleInfo // by rule
	rapportWhy []string   // by rule: why its phrase shows rapport ("" when it does not)
	counted    []bool     // by rule: its weight has been added
	vocab      []vocabWord
	minute     float64 // largest stated duration
	implied    float64
	rapport    string // why there is rapport, if any
	known      bool   // rapport from knowing each other (not only a warm introduction)
	// The learned model, when the pack has one.
	mdl       *learn.Model
	ms        learn.Scorer
	learnedAt []learnedLabel // by model label: what learned reads of its label
	probs     []float64      // by model label: the learned probability (learned's scratch)
	want      []bool         // by model label: a finding shown holds, and its strongest words are wanted
	later     []bool         // by model label: an ask or cue holds, its evidence not built yet (settle)
	at        []int          // by label: its index in the model, -1 when not learned
	prob      []float64      // by label: the learned probability (only learned labels)
	rule      []float64      // by label: the rules' stated weights (only learned labels)
	hold      []bool         // by label: the rules alone can make it hold
	derived   []bool         // by label: the policy derives it from other findings too
	scoreIDs  []string       // by model label: its id, shared by every result's Scores
	not       rules.Marks    // by word of the message: a negation cancels the words from it (the scan's marks, kept while it scans other texts)
	lex       []int32        // by word of the message: its number in the model's lexicon (-1: none)
	// Scratch for result and reason.
	tmp, kept []hit
	offs, u16 []int
	line      []byte                         // the reasons being written
	slab      []byte                         // kept text (keep): written once, shared by the reasons' strings
	ends      []int                          // where each reason ends in line
	signs     map[string]string              // the lines naming green signals made so far, to be reused
	quote     []byte                         // the evidence quoted in it
	fill      []byte                         // its template being filled
	favours   []byte                         // the favours asked, as words
	tmpls     map[*rules.Speech][]reasonTmpl // by language, by label: its reason template, cut at its slots

	// The labels' words and the engine's sentences in the request's language.
	sp *rules.Speech
}

// vocabWord is one distinct word a vocabulary rule has counted.
type vocabWord struct {
	rule int
	word string
	add  float64
}

// hit is one piece of evidence: a span of the text as given. Its fields go
// largest first, so that it takes 32 bytes, not 40: the sorts of a
// finding's hits move them about.
type hit struct {
	start, end int     // byte offsets into r.Text
	weight     float64 // the rule's weight, to quote the strongest evidence in a reason
	rule       int32   // the rule behind it; -1 for words the model weighs and for context
	weak       bool    // from a vocabulary: shown only when stronger evidence leaves room
}

// index holds the positions of the labels the judge reads by name and of the
// policy's lists, resolved once per pack (-1: not in the pack).
type index struct {
	selling, jobSeeking, premature, recruiter, reputation, job, meeting, advice, mentorship, feedback, outside, persistent, followUp int

	favour, sellingFavour, rapportSignals, firm, softenFirm, doorFlags, doorCues, weakCues,
	meetingAsks, softFavour, softCancelledBy, softWith, sellingAsks, recruiterAsks, voidAfterDecline []int
}

func newJudge(p *rules.Pack) *judge {
	n, pol := len(p.Labels()), p.Policy()
	list := func(ids []string) []int {
		out := make([]int, 0, len(ids))
		for _, id := range ids {
			out = append(out, p.Index(id))
		}
		return out
	}
	a := &judge{
		p: p, pol: pol,
		ix: index{
			selling: p.Index("selling"), jobSeeking: p.Index("job_seeking"), premature: p.Index("premature_ask"),
			recruiter: p.Index("recruiter"), reputation: p.Index("reputation"), job: p.Index("job"),
			meeting: p.Index("meeting"), advice: p.Index("advice"), mentorship: p.Index("mentorship"), feedback: p.Index("feedback"),
			outside: p.Index("outside_expertise"), persistent: p.Index("persistent"), followUp: p.Index("follow_up"),
			favour: list(pol.FavourAsks), sellingFavour: list(pol.SellingFavourAsks), rapportSignals: list(pol.RapportSignals),
			firm: list(pol.FirmFlags), softenFirm: list(pol.SoftenFirmBy), doorFlags: list(pol.DoorOpenFlags),
			doorCues: list(pol.DoorOpenCues), weakCues: list(pol.WeakCues), meetingAsks: list(pol.MeetingAsks),
			softFavour: list(pol.SoftFavourAsks), softCancelledBy: list(pol.SoftCancelledBy), softWith: list(pol.SoftWithAsks),
			sellingAsks: list(pol.SellingAsks), recruiterAsks: list(pol.RecruiterAsks), voidAfterDecline: list(pol.VoidAfterDecline),
		},
		score: make([]float64, n), hits: make([][]hit, n), ctx: make([]string, n), ctxEv: make([][]hit, n),
		asks: make([]bool, n), counted: make([]bool, len(p.Rules())), rules: ruleInfos(p.Rules()),
		flag: make([]bool, n), thresh: make([]float64, n), ruleThresh: make([]float64, n),
	}
	// What the loops over labels read, by position: the shown findings
	// and the asks are listed so that a loop visits them only.
	for i, l := range p.Labels() {
		// A pack refuses a threshold of 0 or less, and a model too; a pack
		// built in code gets the least positive one, so that on needs one
		// comparison, not two, and a score of 0 still never holds.
		th := max(l.Threshold, math.SmallestNonzeroFloat64)
		a.thresh[i], a.ruleThresh[i] = th, th
		switch l.Kind {
		case rules.KindFlag, rules.KindSignal:
			a.flag[i] = l.Kind == rules.KindFlag
			a.shownAt = append(a.shownAt, i)
		case rules.KindAsk:
			a.askAt = append(a.askAt, i)
		}
	}
	// Written once per judge, not once per message that shows rapport.
	a.rapportWhy = make([]string, len(p.Rules()))
	for i, r := range p.Rules() {
		if r.Rapport {
			a.rapportWhy[i] = "the message shows it: " + strings.TrimSpace(r.Message)
		}
	}
	a.at = make([]int, n)
	for i := range a.at {
		a.at[i] = -1
	}
	if m := p.Model(); m != nil {
		a.mdl, a.prob, a.rule, a.hold = m, make([]float64, n), make([]float64, n), make([]bool, n)
		a.derived = make([]bool, n)
		for _, id := range pol.RulesHold {
			if i := p.Index(id); i >= 0 {
				a.hold[i] = true
			}
		}
		for _, id := range pol.DeriveLearned {
			if i := p.Index(id); i >= 0 {
				a.derived[i] = true
			}
		}
		a.learnedAt = make([]learnedLabel, len(m.Labels))
		for k, l := range m.Labels {
			i := l.At
			a.at[i], a.thresh[i] = k, l.Threshold
			a.scoreIDs = append(a.scoreIDs, l.ID)
			kind := p.Labels()[i].Kind
			a.learnedAt[k] = learnedLabel{at: i, thresh: a.thresh[i], ruleThresh: a.ruleThresh[i], hold: a.hold[i],
				finding: kind == rules.KindFlag || kind == rules.KindSignal}
		}
		a.want, a.later = make([]bool, len(m.Labels)), make([]bool, len(m.Labels))
	}
	return a
}

// learnedLabel is what learned reads, for every message, of the pack's
// label behind a model label: read from the judge's lists by label,
// through the label's index, each cost a bounds check and a load.
type learnedLabel struct {
	at                 int // the label's index in the pack
	thresh, ruleThresh float64
	hold               bool // the rules alone can make it hold
	finding            bool // a flag or signal, shown with spans
}

// ruleInfo is what scanMessage reads of a rule for each hit, packed small:
// a message brings a few dozen hits of rules spread over the whole pack.
type ruleInfo struct {
	labelAt, alsoAt int32
	weight, max     float64
	message         bool // scope "message"
	duration        bool // a duration rule (no label)
	each            bool // a vocabulary
	rapport         bool // shows rapport
	knows           bool // shows the two know each other (rapport, not only a mutual connection)
}

func ruleInfos(rs []rules.Rule) []ruleInfo {
	out := make([]ruleInfo, len(rs))
	for i, r := range rs {
		out[i] = ruleInfo{
			labelAt: int32(r.LabelAt), alsoAt: int32(r.AlsoAt), weight: r.Weight, max: r.Max,
			message: r.Scope == "message", duration: r.Label == "", each: r.Each,
			rapport: r.Rapport, knows: r.Rapport && r.Label != "mutual_connection",
		}
	}
	return out
}

// reset readies a judge for the next request.
func (a *judge) reset(r model.Request) {
	a.r = r
	if a.sp == nil || r.UILang != a.spUI || r.Lang != a.spLang {
		// A host's requests come in one language after another: the tags
		// are read again only when they change.
		a.sp, a.spUI, a.spLang = a.p.Speech(rules.Lang(r.UILang, r.Lang)), r.UILang, r.Lang
	}
	a.f.Refold(r.Text)
	clear(a.score)
	clear(a.asks)
	clear(a.counted)
	for i, h := range a.hits {
		if len(h) > 0 { // no store (and no write barrier) for the many left empty
			a.hits[i] = h[:0]
		}
	}
	if a.ctxUsed { // most messages come without a context flag
		clear(a.ctx)
		for i := range a.ctxEv {
			a.ctxEv[i] = a.ctxEv[i][:0]
		}
		a.ctxUsed = false
	}
	a.vocab = a.vocab[:0]
	a.minute, a.implied, a.rapport, a.known = 0, 0, "", false
	if a.mdl != nil {
		a.mdl.Start(&a.ms)
		clear(a.rule)
	}
}

// scanMessage finds every phrase rule in the message and sums the weights,
// each rule counting once.
func (a *judge) scanMessage() {
	hits := a.sc.Scan(a.p, &a.f)
	a.not = a.sc.Negations(a.not)
	a.lex = a.sc.Lexicon(a.p, a.lex) // the model's numbers of the words the scan looked up
	for _, h := range hits {
		rule := &a.rules[h.Rule]
		if !rule.message {
			continue
		}
		s, e := h.From, h.To
		if rule.duration {
			a.duration(&a.p.Rules()[h.Rule], h)
			continue
		}
		add := 0.0
		switch {
		case rule.each:
			// A vocabulary counts each distinct word once, up to its maximum.
			if word := a.f.Norm[h.Start:h.End]; a.countWord(h.Rule, word, rule) {
				add = rule.weight
			}
		case !a.counted[h.Rule]:
			add = rule.weight
		}
		first := !a.counted[h.Rule]
		a.counted[h.Rule] = true
		if first && a.mdl != nil && (rule.labelAt < 0 || a.at[rule.labelAt] < 0) {
			// A cue's rule (a recruiter's offer): the model weighs it for
			// the labels it learns, the cue itself stays with the rules.
			if f := a.mdl.RuleFeature(h.Rule); f >= 0 {
				a.mdl.Add(&a.ms, int32(f), -1, -1)
			}
		}
		for _, at := range [2]int32{rule.labelAt, rule.alsoAt} {
			if at < 0 {
				continue
			}
			if k := a.at[at]; k >= 0 {
				// A learned label: the model weighs the rule (once), or a
				// rule it does not know adds its stated weight: a
				// vocabulary's for each word it counts, up to its maximum.
				switch {
				case first:
					a.mdl.Rule(&a.ms, h.Rule, k, rule.weight)
				case rule.each && add != 0 && a.mdl.RuleFeature(h.Rule) < 0:
					a.mdl.Rule(&a.ms, h.Rule, k, add)
				}
				a.rule[at] += add
			} else {
				a.score[at] += add
			}
			if rule.weight > 0 || a.at[at] >= 0 {
				a.hits[at] = append(a.hits[at], hit{start: s, end: e, weak: rule.each, weight: rule.weight, rule: int32(h.Rule)})
			}
		}
		if rule.rapport && a.rapport == "" {
			a.rapport = a.rapportWhy[h.Rule]
		}
		if rule.knows {
			a.known = true
		}
	}
}

// countWord reports whether a vocabulary rule counts word: a word it has not
// counted yet, while the rule stays within its maximum. A message holds few
// vocabulary words, so a list beats a map.
func (a *judge) countWord(ri int, word string, rule *ruleInfo) bool {
	gained := 0.0
	for _, v := range a.vocab {
		if v.rule != ri {
			continue
		}
		if v.word == word {
			return false
		}
		gained += v.add
	}
	if gained+rule.weight > rule.max+1e-9 {
		return false
	}
	a.vocab = append(a.vocab, vocabWord{ri, word, rule.weight})
	return true
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
	r := &a.r
	// Rapport from the thread: the user has written to them before.
	last := -1
	for i, t := range r.Thread {
		if t.From != "me" {
			continue
		}
		if a.rapport == "" {
			a.rapport = "you have written to them before in this thread"
		}
		a.known = true
		last = i
	}
	// Only the user's last turn says where things stand: a no that a later
	// "Sure, Thursday works" took back is no longer a no.
	declined := last >= 0 && a.declines(r.Thread[last].Text)
	// Asking again needs an ask, a pitch or a nudge: a message that only
	// thanks, wishes well or congratulates is not persistence, whatever the
	// thread holds. Only a message that could be persistent is asked, and
	// before a no voids its nudge.
	p := a.ix.persistent
	could := declined || p >= 0 && a.on(p)
	again := could && a.asksAgain()
	if declined {
		// A nudge after a no is not a follow-up worth a warmer answer.
		for _, i := range a.ix.voidAfterDecline {
			if i >= 0 {
				a.score[i] = 0 // not shown; its learned probability stays in the scores
			}
		}
	}
	switch {
	case could && !again && p >= 0:
		a.score[p] = 0
	case declined && again:
		a.context("persistent", a.sp.CtxDeclined)
	}
	// negative_history: the sender matches a contact marked negative, or one
	// whose note records a bad experience.
	if c, why := a.badContact(); why != "" {
		a.context("negative_history", why)
		a.pinName(c.Name, "negative_history")
	}
	// burnout: the user is on a networking break.
	if b := r.Profile.BreakUntil; !b.IsZero() && !r.Now.IsZero() && r.Now.Before(b) {
		a.context("burnout", fillSlots(a.sp.CtxBreak, "{date}", a.date(b)))
	}
}

// context records a flag read from context and where it came from.
func (a *judge) context(id, why string) {
	if i := a.p.Index(id); i >= 0 {
		a.ctx[i], a.ctxUsed = why, true
	}
}

// evidence pins a span of the text to a context flag.
func (a *judge) evidence(id string, h hit) {
	if i := a.p.Index(id); i >= 0 {
		a.ctxEv[i], a.ctxUsed = append(a.ctxEv[i], h), true
	}
}

// declines reports whether s, a turn the user wrote, says no. The reply
// writer asks lint.Declines, so that the judgment and the reply
// agree: whole words in the turn's own language, and a no followed by
// another time ("not on Tuesday, but Wednesday works") is a counter-offer,
// while one followed by a wish ("…, but I wish you the best") stays a no.
// The pack's own no phrases (scope "mine") count too, unless a contrast
// follows them.
func (a *judge) declines(s string) bool {
	if lint.Declines(s) {
		return true
	}
	end := a.lastMine(s, "declined")
	return end >= 0 && !a.sc.ContrastAfter(&a.g, end)
}

// asksAgain reports whether the message asks something of the user, pitches
// to them or nudges for an answer: what makes a message after a no
// persistence rather than thanks. It reads the scores as derive will (on),
// before derive, and before a no voids the nudge.
func (a *judge) asksAgain() bool {
	for _, i := range a.askAt {
		if a.on(i) {
			return true
		}
	}
	for _, i := range [...]int{a.ix.selling, a.ix.reputation, a.ix.followUp} {
		if i >= 0 && a.on(i) {
			return true
		}
	}
	return false
}

// mine reports whether s (a turn the user wrote, or a note) carries a rule
// of the given label in the matching scope.
func (a *judge) mine(s, label string) bool { return a.lastMine(s, label) >= 0 }

// lastMine scans s into a.g and gives where, in its folded text, the last
// phrase of a rule of the given label ends (-1: none).
func (a *judge) lastMine(s, label string) int {
	a.g.Refold(s)
	rs := a.p.Rules()
	end := -1
	for _, h := range a.sc.Scan(a.p, &a.g) {
		if rs[h.Rule].Label == label {
			end = h.End
		}
	}
	return end
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
			why := fillSlots(a.sp.CtxNegative, "{name}", c.Name)
			if c.Note != "" {
				why += fillSlots(a.sp.CtxNote, "{note}", c.Note)
			}
			return c, why
		}
		if c.Note != "" && a.mine(c.Note, "bad_note") {
			return c, fillSlots(a.sp.CtxBadNote, "{name}", c.Name, "{note}", c.Note)
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
			a.evidence(flag, hit{start: s, end: e, rule: -1})
		}
	}
}

func normName(s string) string { return strings.TrimSpace(text.Fold(s).Norm) }

// derive applies the policy: asks, rapport, premature asks, capacity and
// expertise, in that order, since each reads the ones before.
func (a *judge) derive() {
	ix := &a.ix
	for _, i := range a.askAt {
		if a.on(i) {
			a.asks[i] = true
		}
	}
	if (!a.learns(ix.job) || a.derives(ix.job)) && !a.holds(ix.selling) && a.holds(ix.jobSeeking) && !a.asked(ix.job) {
		a.asks[ix.job] = true
		a.addHits(ix.job, ix.jobSeeking)
	}
	// Asking you to buy, try or invest makes it a pitch.
	for _, id := range ix.sellingAsks {
		if a.asked(id) && !a.holds(ix.selling) && (!a.learns(ix.selling) || a.derives(ix.selling)) {
			a.setScore(ix.selling, a.threshold(ix.selling))
			a.addHits(ix.selling, id)
		}
	}
	// Minutes: the largest stated duration, else the typical length of what
	// is asked, else a default when a meeting is asked with no hint.
	if a.minute == 0 && a.anyAsk(ix.meetingAsks) {
		a.minute = a.implied
		if a.minute == 0 && a.asked(ix.meeting) {
			a.minute = a.pol.DefaultMinutes
		}
	}
	if !a.anyAsk(ix.meetingAsks) && !a.anyAsk(ix.sellingAsks) {
		a.minute = 0 // a duration that is not asked of the user ("we cut it to 30 minutes")
	}
	if a.rapport == "" && a.anyHolds(ix.rapportSignals) {
		a.rapport = "the message shows you know each other"
	}
	a.premature()
	a.capacity()
	a.expertise()
}

// premature raises premature_ask for a significant favour asked without
// rapport. A pitch counts only for the favours that a pitch can still ask
// of you (an introduction, a referral); the rest of a pitch is selling.
func (a *judge) premature() {
	ix := &a.ix
	direct := a.holds(ix.premature)
	favours := ix.favour
	if a.holds(ix.selling) {
		favours = ix.sellingFavour
	}
	var buf [16]int
	asked := buf[:0]
	for _, id := range favours {
		if a.asked(id) {
			asked = append(asked, id)
		}
	}
	if a.holds(ix.reputation) && !direct {
		// A scheme's "ask" is part of the scheme, not a favour to weigh.
		asked = asked[:0]
	}
	if a.holds(ix.recruiter) && !a.holds(ix.jobSeeking) {
		// A recruiter offering you a role asks no favour by it, nor by
		// asking whether you know someone for it.
		asked = without(asked, ix.recruiterAsks)
	}
	// Advice or feedback asked in an exchange between peers (they offer
	// something back, or you share a community) is fair, unless they also
	// want a meeting for it.
	if (a.anyHolds(ix.softCancelledBy) && !a.asked(ix.meeting)) || a.anyAsk(ix.softWith) {
		asked = without(asked, ix.softFavour)
	}
	if ix.premature < 0 {
		return
	}
	// Rapport (the thread, a phrase that shows it, a prior relationship)
	// is what makes a favour no longer premature, whatever its words.
	if a.learns(ix.premature) && a.rapport == "" && (a.holds(ix.premature) || !a.derives(ix.premature) ||
		a.score[ix.premature] < a.pol.DeriveSupport*a.thresh[ix.premature]) {
		// The model's own judgment. A favour asked without rapport still
		// makes a premature ask (derive_learned, below) where the model
		// sees some sign of one (derive_support: its score at least that
		// share of its threshold).
		if a.holds(ix.premature) {
			// The favours asked are the best evidence of a premature ask:
			// their phrases ("refer me") are quoted before its words.
			for _, id := range asked {
				a.addHits(ix.premature, id)
			}
		}
		return
	}
	if a.rapport != "" || (len(asked) == 0 && !direct) {
		a.score[ix.premature] = 0
		a.hits[ix.premature] = a.hits[ix.premature][:0]
		return
	}
	for _, id := range asked {
		a.addHits(ix.premature, id)
	}
	a.score[ix.premature] = math.Max(a.score[ix.premature], a.threshold(ix.premature))
}

// capacity raises over_capacity when the time asked would take the user past
// their weekly budget.
func (a *judge) capacity() {
	p := &a.r.Profile
	if p.CapacityHoursPerWeek <= 0 || a.minute <= 0 {
		return
	}
	asked := a.minute / 60
	if p.CommittedHoursThisWeek+asked > p.CapacityHoursPerWeek {
		a.context("over_capacity", fillSlots(a.sp.CtxCapacity, "{asked}", a.hours(asked),
			"{committed}", a.hours(p.CommittedHoursThisWeek), "{capacity}", a.hours(p.CapacityHoursPerWeek)))
	}
}

// expertise raises outside_expertise when they ask for advice and the topic is
// one the profile sends to an expert, or none of the user's expertise appears.
func (a *judge) expertise() {
	p, ix := &a.r.Profile, &a.ix
	if !(a.asked(ix.advice) || a.asked(ix.mentorship) || a.asked(ix.feedback)) || a.holds(ix.selling) || a.holds(ix.reputation) {
		return
	}
	for _, x := range p.Experts {
		for _, topic := range x.Topics {
			if s, e, ok := a.find(topic); ok {
				a.context("outside_expertise", fillSlots(a.sp.CtxExpert, "{topic}", topic, "{name}", x.Name))
				a.evidence("outside_expertise", hit{start: s, end: e, rule: -1})
			}
		}
	}
	if i := a.ix.outside; (i >= 0 && a.ctx[i] != "") || len(p.Expertise) == 0 {
		return
	}
	for _, topic := range p.Expertise {
		if a.mentions(topic) {
			return
		}
	}
	a.context("outside_expertise", fillSlots(a.sp.CtxNoExpertise, "{expertise}", strings.Join(p.Expertise, a.sp.ListSep)))
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

// holds reports whether the label at index i holds, from the text or from
// context; false for -1 (a label the pack lacks).
func (a *judge) holds(i int) bool {
	return i >= 0 && (a.ctx[i] != "" || a.on(i))
}

// derives reports whether the policy derives the learned label at index i
// from other findings too (policy.derive_learned), as it does for a label
// the rules alone judge: a favour asked without rapport is a premature ask.
func (a *judge) derives(i int) bool { return i >= 0 && a.derived[i] }

// learns reports whether the label at index i is scored by the model.
func (a *judge) learns(i int) bool { return i >= 0 && a.at[i] >= 0 }

// on reports whether the label at index i holds from the text alone. Every
// threshold is positive (newJudge), so a score of 0 never holds.
func (a *judge) on(i int) bool {
	return a.score[i] >= a.thresh[i]
}

// asked reports whether the ask at index i is asked.
func (a *judge) asked(i int) bool { return i >= 0 && a.asks[i] }

func (a *judge) threshold(i int) float64 {
	if i < 0 {
		return 1
	}
	return a.p.Labels()[i].Threshold
}

func (a *judge) setScore(i int, v float64) {
	if i >= 0 {
		a.score[i] = v
	}
}

// addHits adds the evidence of label from to label to: the phrases of its
// rules ("refer me" for a premature ask), not the words its own model
// weighed ("team" weighs for a job asked, and is no reason to call the ask
// premature), unless those words are all it has.
func (a *judge) addHits(to, from int) {
	if to < 0 || from < 0 {
		return
	}
	a.settle(to)
	a.settle(from)
	n := len(a.hits[to])
	for _, h := range a.hits[from] {
		if h.rule >= 0 {
			a.hits[to] = append(a.hits[to], h)
		}
	}
	if len(a.hits[to]) == n {
		a.hits[to] = append(a.hits[to], a.hits[from]...)
	}
}

func (a *judge) anyAsk(ids []int) bool {
	for _, id := range ids {
		if a.asked(id) {
			return true
		}
	}
	return false
}

func (a *judge) anyHolds(ids []int) bool {
	for _, id := range ids {
		if a.holds(id) {
			return true
		}
	}
	return false
}

// without drops from list every entry of drop, in place.
func without(list, drop []int) []int {
	out := list[:0]
	for _, x := range list {
		if !slices.Contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}

// result builds the findings (each with its evidence in UTF-16 offsets) and
// the verdict.
func (a *judge) result(m *mem) model.Result {
	res := model.Result{Flags: []model.Finding{}, Signals: []model.Finding{}, Asks: []string{}, Reasons: []string{}, MinutesAsked: int(math.Round(a.minute))}
	labels := a.p.Labels()
	limit := int(a.pol.MaxEvidence)
	if limit <= 0 {
		limit = 6
	}
	// Evidence of every finding: dedupe, keep the first few by position,
	// then convert to UTF-16 in one pass over the text for all together.
	nflags, nsignals := 0, 0
	a.kept, a.offs = a.kept[:0], a.offs[:0]
	for _, i := range a.shownAt {
		if a.ctx[i] == "" && !a.on(i) {
			continue
		}
		if a.flag[i] {
			nflags++
		} else {
			nsignals++
		}
		a.tmp = append(append(a.tmp[:0], a.hits[i]...), a.ctxEv[i]...)
		kept := spans(a.tmp, limit)
		// Each finding's spans follow a marker holding their count.
		a.kept = append(a.kept, hit{start: i, end: len(kept)})
		a.kept = append(a.kept, kept...)
		for _, h := range kept {
			a.offs = append(a.offs, h.start, h.end)
		}
	}
	a.u16 = append(a.u16[:0], a.offs...)
	if !a.f.ASCII() { // a.f is a.r.Text folded: an ASCII text's byte offsets are UTF-16 offsets
		text.UTF16(a.r.Text, a.u16)
	}
	if nflags+nsignals > 0 {
		// One list for both.
		all := cut(m, &m.findings, nflags+nsignals)
		res.Flags, res.Signals = all[:0:nflags], all[nflags:nflags]
	}
	ev := cut(m, &m.spans, len(a.offs)/2)
	k := 0
	for at := 0; at < len(a.kept); {
		i, n := a.kept[at].start, a.kept[at].end
		w := &a.sp.Labels[i]
		why := w.Why
		if src := a.ctx[i]; src != "" {
			why = w.Why + fillSlots(a.sp.FromContext, "{src}", src)
		}
		f := model.Finding{ID: labels[i].ID, Title: w.Title, Why: why, Score: a.probability(i), Evidence: ev[k/2 : k/2+n : k/2+n]}
		for j := range n {
			f.Evidence[j] = model.Span{Start: a.u16[k], End: a.u16[k+1], Text: a.r.Text[a.offs[k]:a.offs[k+1]]}
			k += 2
		}
		if a.flag[i] {
			res.Flags = append(res.Flags, f)
		} else {
			res.Signals = append(res.Signals, f)
		}
		at += 1 + n
	}
	nasks := 0
	for _, i := range a.askAt {
		if a.asks[i] {
			nasks++
		}
	}
	// The asks and the reasons (one or two) share one list.
	strs := cut(m, &m.strs, nasks+2)
	if nasks > 0 {
		res.Asks = strs[:0:nasks]
		for _, i := range a.askAt {
			if a.asks[i] {
				res.Asks = append(res.Asks, labels[i].ID)
			}
		}
	}
	res.Cues = m.cues[:0] // nil unless a Worker's
	res.Verdict, res.Reasons = a.verdict(&res, strs[nasks:nasks])
	if m.reuse && cap(res.Cues) > cap(m.cues) {
		m.cues = res.Cues // grown: kept for the next result
	}
	if len(res.Cues) == 0 {
		res.Cues = nil // omitted, as a fresh result leaves it
	}
	if a.mdl != nil {
		// The ids are the judge's list, shared; a result owns only its
		// numbers.
		labels := a.mdl.Labels
		res.Scores = model.Scores{IDs: a.scoreIDs, Values: cut(m, &m.values, len(labels))}
		for k := range labels {
			res.Scores.Values[k] = round3(a.prob[labels[k].At])
		}
	}
	return res
}

// probability is what a finding reports as its score: the learned
// probability, or 1 for a finding read from context or from rules alone.
func (a *judge) probability(i int) float64 {
	if a.ctx[i] != "" || a.at[i] < 0 {
		return 1
	}
	return round3(a.prob[i])
}

// round3 keeps three decimals: enough to read, and the same on every host.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// before orders hits by start, the longer first.
func before(x, y hit) bool { return x.start < y.start || x.start == y.start && x.end > y.end }

// spans sorts hits by position, drops those inside another, and keeps limit,
// preferring phrases to single vocabulary words. It works in place: hs is
// the caller's scratch.
func spans(hs []hit, limit int) []hit {
	strong := 0
	if len(hs) > limit { // only then may vocabulary words give way
		for _, h := range hs {
			if !h.weak {
				strong++
			}
		}
	}
	if strong > 0 {
		kept := hs[:0]
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
	// By start, the longer first; equal hits in the order given. A stable
	// sort by merging: a text repeating a phrase thousands of times, with
	// the hits of another label appended after its own, made an insertion
	// sort quadratic (21 s for 256 KB of "内推").
	if len(hs) <= 12 {
		// A finding's few hits, most of them in order already: an
		// insertion sort, with no call a comparison.
		for i := 1; i < len(hs); i++ {
			for j := i; j > 0 && before(hs[j], hs[j-1]); j-- {
				hs[j], hs[j-1] = hs[j-1], hs[j]
			}
		}
	} else {
		slices.SortStableFunc(hs, func(x, y hit) int {
			if before(x, y) {
				return -1
			}
			if before(y, x) {
				return 1
			}
			return 0
		})
	}
	out := hs[:0]
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
