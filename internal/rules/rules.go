// Package rules loads, checks and compiles rule packs.
//
// A pack is JSON, read with gjson. The default pack is embedded from pack/,
// one file per rule kind (labels, phrases, durations, negation, policy); a
// user's pack is one file holding any of those keys. Packs merge in order and
// compile once into one multi-pattern automaton, so a message is scanned in a
// single pass whatever the number of phrases. Adding a phrase never touches Go.
package rules

import (
	"embed"
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tidwall/gjson"

	"politely/internal/learn"
	"politely/internal/model"
)

//go:embed pack/*.json
var packFS embed.FS

// Label kinds.
const (
	KindFlag    = "flag"    // a red flag shown to the user
	KindSignal  = "signal"  // a green signal shown to the user
	KindAsk     = "ask"     // something the sender asks for
	KindCue     = "cue"     // an internal cue the policy reads; never shown
	KindVerdict = "verdict" // a verdict's title and explanation
)

// Label is one flag, signal, ask, cue or verdict.
type Label struct {
	ID        string
	Kind      string
	Title     string
	Why       string
	Reason    string           // a verdict reason template: {evidence} and {asks} are filled in
	Threshold float64          // the summed rule weight at which it holds (default 1)
	Context   bool             // read from context (profile, thread), not only from text
	I18n      map[string]Words // the texts in the other languages of Langs
	source    string           // the pack file that defined it, for errors
}

// Rule is one phrase rule: any of its phrases found in the text adds Weight
// to Label, once per rule.
type Rule struct {
	ID        string
	Label     string
	Weight    float64
	Phrases   []string
	Negatable bool    // a negation just before the phrase cancels it
	Scope     string  // "message" (default), "mine" (the user's own earlier turns), "note" (contact notes) or "headline" (the sender's title)
	Rapport   bool    // the phrase shows rapport (a warm introduction, knowing each other)
	Also      string  // a second label the rule counts for ("an investment scheme is also a pitch")
	Each      bool    // a vocabulary: every distinct word or phrase found adds Weight, up to Max
	Max       float64 // the most a vocabulary rule adds
	AlsoAt    int     // index of Also in Pack.Labels(), -1 when none
	Minutes   float64 // duration rules: fixed minutes ("coffee"), or minutes per unit when PerUnit
	PerUnit   bool    // duration rules: multiply the number in the phrase ("# minutes")
	Message   string  // why this rule fired, for the evidence
	LabelAt   int     // index of Label in Pack.Labels(), -1 for a duration
	source    string
}

// Policy is how flags, signals and asks become a verdict.
type Policy struct {
	FavourAsks        []string // asks that are premature without rapport
	SellingFavourAsks []string // favour asks that still count when the message is a pitch
	RapportSignals    []string // signals that show rapport
	FirmFlags         []string // flags that call for a firm no
	SoftenFirmBy      []string // signals that turn a pitch from a known person into "not now"
	DoorOpenFlags     []string // flags that call for "not now, but..."
	DoorOpenCues      []string // cues that call for "not now, but..." even without a flag
	WeakCues          []string // door-open cues that any green signal outweighs (a generic note)
	MeetingAsks       []string // asks that take the user's time (for minutes and capacity)
	SoftFavourAsks    []string // favours (advice, feedback) that an exchange makes fair
	SoftCancelledBy   []string // signals that make a soft favour fair, unless a meeting is asked too
	SoftWithAsks      []string // asks that make a soft favour part of something else (a podcast's questions)
	SellingAsks       []string // asks that make a message a pitch (a purchase)
	RecruiterAsks     []string // asks that are part of a recruiter's offer, not favours (a job, "do you know someone")
	// VoidAfterDecline lists the signals a message no longer shows once the
	// user has declined in the thread: a nudge after a no is persistence,
	// not a follow-up on a note that went unanswered.
	VoidAfterDecline []string
	DefaultMinutes   float64 // time assumed for a meeting ask with no duration
	MaxMinutes       float64 // a stated duration above this is not a meeting ("15 hours/week")
	MinWords         float64 // a message with no ask and no signal needs this many words to be a yes
	NegationWindow   float64 // words between a negation and the phrase it cancels
	MaxEvidence      float64 // evidence spans kept per finding
	// RulesHold lists the learned labels that also hold when their rules'
	// stated weights reach the label's threshold, as before the model.
	RulesHold []string
	// DeriveLearned lists the learned labels the policy still derives from
	// other findings: premature_ask from a favour asked without rapport,
	// selling from a purchase asked, job from a job seeker's note.
	DeriveLearned []string
	// DeriveSupport is the share of its threshold a learned label's score
	// needs before the policy derives it from other findings.
	DeriveSupport float64
	// NeedEvidence: a learned flag or signal holds only with a phrase of
	// the text behind it, a rule's or words that weigh for it (1: yes).
	NeedEvidence float64
	// EvidenceWeight is the least weight (log-odds) of a word shown as a
	// learned finding's evidence beside stronger evidence; the strongest
	// word is shown whatever it weighs when nothing else points at the
	// finding.
	EvidenceWeight float64
}

// Pack is a compiled rule pack. It is immutable and safe for concurrent use.
type Pack struct {
	labels    []Label
	byID      map[string]int
	rules     []Rule
	negators  []string
	offers    []string
	contrasts []string
	wordFiles [3][]string // the file each negation word, offer and contrast came from (negationLists)
	policy    Policy
	policySet map[string]string // the policy settings a pack file set, each to the file that set it last
	m         *matcher
	model     *learn.Model // the learned weights, bound to these rules (unbound in a user's pack); nil: rules alone
	modelFile string       // where the model came from, for errors
	scratch   sync.Pool
	speech    []Speech                     // by language, in the order of Langs
	texts     map[string]map[string]string // texts.json by id and language, for Merge
	embedded  bool                         // the embedded pack as Default or Restore compiles it: the one pack with an image
}

// Default returns the embedded pack, compiled.
func Default() (*Pack, error) {
	files, err := embeddedFiles()
	if err != nil {
		return nil, err
	}
	d, err := embedded(files)
	if err != nil {
		return nil, err
	}
	return d.compile()
}

// packFile is one file of the embedded pack.
type packFile struct {
	name string
	data []byte
}

// embeddedFiles reads the embedded pack's files, in the order of their
// names.
func embeddedFiles() ([]packFile, error) {
	ents, err := packFS.ReadDir("pack")
	if err != nil {
		return nil, err
	}
	files := make([]packFile, 0, len(ents))
	for _, e := range ents {
		b, err := packFS.ReadFile(path.Join("pack", e.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, packFile{"pack/" + e.Name(), b})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

// embedded is the draft of the embedded pack's files.
func embedded(files []packFile) (*draft, error) {
	d := &draft{embedded: true}
	for _, f := range files {
		if err := d.add(f.name, f.data); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Compile checks and compiles one pack file on its own. Errors name the file,
// the rule and what is wrong. Labels it references must be defined in it; use
// Merge to add rules to the default pack's labels.
func Compile(name string, data []byte) (*Pack, error) {
	var d draft
	d.partial = true
	if err := d.add(name, data); err != nil {
		return nil, err
	}
	return d.compile()
}

// Merge returns a new pack with q's labels, rules, negations and policy
// settings added to p's (q wins where both define the same label or setting).
func (p *Pack) Merge(q *Pack) (*Pack, error) {
	d := p.draft()
	d.labels = append(d.labels, q.labels...)
	d.rules = append(d.rules, q.rules...)
	d.negators = append(d.negators, q.negators...)
	d.offers = append(d.offers, q.offers...)
	d.contrasts = append(d.contrasts, q.contrasts...)
	for k := range d.wordFiles {
		d.wordFiles[k] = append(d.wordFiles[k], q.wordFiles[k]...)
	}
	d.overlay(q.policy, q.policySet)
	if q.model != nil {
		d.model, d.modelFile = q.model, q.modelFile
	}
	d.texts = map[string]map[string]string{}
	for _, t := range []map[string]map[string]string{p.texts, q.texts} {
		for id, byLang := range t {
			d.texts[id] = byLang
		}
	}
	return d.compile()
}

// Labels lists the pack's labels in pack order.
func (p *Pack) Labels() []Label { return p.labels }

// Index returns the position of a label in Labels(), or -1.
func (p *Pack) Index(id string) int {
	if i, ok := p.byID[id]; ok {
		return i
	}
	return -1
}

// Label returns the label with the given id.
func (p *Pack) Label(id string) (Label, bool) {
	i, ok := p.byID[id]
	if !ok {
		return Label{}, false
	}
	return p.labels[i], true
}

// Scratch is a pool of working memory for the code that runs this pack
// (package assess keeps its judges there), so that assessing many messages
// reuses buffers instead of allocating them for each. What it holds belongs
// to that code; the pack itself never reads it. Pools are safe for
// concurrent use, and a Pack is only ever used through its pointer.
func (p *Pack) Scratch() *sync.Pool { return &p.scratch }

// Rules lists the compiled rules.
func (p *Pack) Rules() []Rule { return p.rules }

// Model returns the learned model bound to the pack's rules, or nil when
// the pack has none (its labels then hold by summed rule weights alone).
func (p *Pack) Model() *learn.Model { return p.model }

// WithModel returns a copy of the pack that judges with m (nil: rules alone),
// as cross-validation does with a model trained on part of a corpus. It
// refuses a model that does not fit the pack's rules and labels.
func (p *Pack) WithModel(m *learn.Model) (*Pack, error) {
	d := p.draft()
	d.model, d.modelFile = m, "model"
	return d.compile()
}

// draft returns copies of the pack's parts, to compile again with changes
// (a pack is immutable: nothing of it may be changed through the draft).
func (p *Pack) draft() draft {
	d := draft{labels: slices.Clone(p.labels), rules: slices.Clone(p.rules),
		negators: slices.Clone(p.negators), offers: slices.Clone(p.offers), contrasts: slices.Clone(p.contrasts),
		policy: p.policy, policySet: maps.Clone(p.policySet), texts: p.texts, model: p.model, modelFile: p.modelFile}
	for k := range d.wordFiles {
		d.wordFiles[k] = slices.Clone(p.wordFiles[k])
	}
	return d
}

// Policy returns the verdict policy.
func (p *Pack) Policy() Policy { return p.policy }

// Catalog lists the flags, signals, asks and verdicts for a UI, with their
// titles and explanations in lang (as Lang reads it; the base language when
// it names none of Langs).
func (p *Pack) Catalog(lang string) model.Catalog {
	s := p.Speech(lang)
	c := model.Catalog{Lang: s.Lang, Flags: []model.Label{}, Signals: []model.Label{}, Asks: []model.Label{}, Verdicts: []model.Label{}}
	for i, l := range p.labels {
		ml := model.Label{ID: l.ID, Title: s.Labels[i].Title, Why: s.Labels[i].Why}
		switch l.Kind {
		case KindFlag:
			c.Flags = append(c.Flags, ml)
		case KindSignal:
			c.Signals = append(c.Signals, ml)
		case KindAsk:
			c.Asks = append(c.Asks, ml)
		case KindVerdict:
			c.Verdicts = append(c.Verdicts, ml)
		}
	}
	return c
}

// draft collects pack files before compiling.
type draft struct {
	partial   bool
	labels    []Label
	rules     []Rule
	negators  []string
	offers    []string
	contrasts []string
	wordFiles [3][]string
	policy    Policy
	policySet map[string]string
	model     *learn.Model
	modelFile string
	texts     map[string]map[string]string
	// embedded marks the embedded pack's draft (see Image). image, when not
	// nil, is the index to read rather than build, digest the digest of
	// the pack files it must name, and stale why it was not read.
	embedded bool
	image    []byte
	digest   uint64
	stale    error
}

// Error is a problem in a pack: which file, which rule, what is wrong.
type Error struct {
	File, Rule, Msg string
}

func (e *Error) Error() string {
	if e.Rule == "" {
		return fmt.Sprintf("rule pack %s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("rule pack %s: rule %s: %s", e.File, e.Rule, e.Msg)
}

var knownKeys = map[string]bool{"labels": true, "phrases": true, "durations": true, "negation": true, "policy": true, "texts": true, "model": true, "about": true, "version": true}

func (d *draft) add(file string, data []byte) error {
	if !gjson.ValidBytes(data) {
		return &Error{File: file, Msg: "not valid JSON"}
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return &Error{File: file, Msg: "the pack must be a JSON object"}
	}
	// The top-level values read in one pass: asking for each key in turn
	// would step over the model's bulk once for every key.
	var err error
	top := map[string]gjson.Result{}
	root.ForEach(func(k, v gjson.Result) bool {
		if !knownKeys[k.String()] {
			err = &Error{File: file, Msg: fmt.Sprintf("unknown key %q (known: labels, phrases, durations, negation, policy, texts, model)", k.String())}
			return false
		}
		if _, twice := top[k.String()]; twice {
			// Only one of the two would be read: the other's rules would
			// be silently lost.
			err = &Error{File: file, Msg: fmt.Sprintf("key %q appears twice: only one would be read, so write its entries in one", k.String())}
			return false
		}
		top[k.String()] = v
		return true
	})
	if err != nil {
		return err
	}
	if err := d.addLabels(file, top["labels"]); err != nil {
		return err
	}
	if err := d.addRules(file, top["phrases"], false); err != nil {
		return err
	}
	if err := d.addRules(file, top["durations"], true); err != nil {
		return err
	}
	if err := d.addNegation(file, top["negation"]); err != nil {
		return err
	}
	if mv := top["model"]; mv.Exists() {
		m, err := learn.Parse(mv)
		if err != nil {
			return &Error{File: file, Rule: "model", Msg: err.Error()}
		}
		d.model, d.modelFile = m, file
	}
	if err := d.addTexts(file, top["texts"]); err != nil {
		return err
	}
	return d.addPolicy(file, top["policy"])
}

func (d *draft) compile() (*Pack, error) {
	p := &Pack{byID: map[string]int{}, policy: d.policy, policySet: d.policySet, negators: d.negators, offers: d.offers, contrasts: d.contrasts, wordFiles: d.wordFiles}
	// A later label with the same id replaces the earlier one in place.
	for _, l := range d.labels {
		if i, ok := p.byID[l.ID]; ok {
			p.labels[i] = l
			continue
		}
		p.byID[l.ID] = len(p.labels)
		p.labels = append(p.labels, l)
	}
	seen := map[string]bool{}
	for _, r := range d.rules {
		if seen[r.ID] {
			return nil, &Error{File: r.source, Rule: r.ID, Msg: "duplicate rule id"}
		}
		seen[r.ID] = true
		// A user pack may add rules to the default labels; Merge checks again.
		if _, ok := p.byID[r.Label]; r.Label != "" && !ok && !d.partial {
			return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("unknown label %q", r.Label)}
		}
		p.rules = append(p.rules, r)
	}
	for i := range p.rules {
		r := &p.rules[i]
		r.LabelAt = p.Index(r.Label)
		r.AlsoAt = p.Index(r.Also)
		if r.Also != "" && r.AlsoAt < 0 && !d.partial {
			return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("unknown label %q in \"also\"", r.Also)}
		}
		// A verdict is the policy's to give: a rule's weight on one would
		// be read by nothing.
		for _, at := range [2]int{r.LabelAt, r.AlsoAt} {
			if at >= 0 && p.labels[at].Kind == KindVerdict {
				return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("label %q is a verdict: a rule counts for a flag, signal, ask or cue, and the policy gives the verdict", p.labels[at].ID)}
			}
		}
	}
	lists, _ := p.policy.fields()
	for key, list := range lists {
		for _, id := range *list {
			if _, ok := p.byID[id]; !ok && !d.partial {
				return nil, &Error{File: or(p.policySet[key], "policy"), Rule: "policy." + key, Msg: fmt.Sprintf("unknown label %q", id)}
			}
		}
	}
	// The verdict explains each flag and cue of these lists that holds
	// with its reason template or its "why": a cue needs neither to be
	// found, but named here without them it would give an empty reason.
	for _, key := range reasonLists {
		for _, id := range *lists[key] {
			i, ok := p.byID[id]
			if !ok {
				continue
			}
			if l := p.labels[i]; strings.TrimSpace(l.Why) == "" && strings.TrimSpace(l.Reason) == "" {
				return nil, &Error{File: or(l.source, p.policySet[key]), Rule: l.ID, Msg: fmt.Sprintf(`policy.%s names this %s, so a verdict gives it as a reason: it needs a "why" (or a "reason" template)`, key, l.Kind)}
			}
		}
	}
	switch {
	case d.model != nil && d.partial:
		// A user's pack keeps its model unbound, for Merge to bind to the
		// rules it joins.
		p.model, p.modelFile = d.model, d.modelFile
	case d.model != nil:
		if err := p.bind(d.model, d.modelFile); err != nil {
			return nil, err
		}
	}
	if err := p.speak(d.texts, d.partial); err != nil {
		return nil, err
	}
	if d.image != nil {
		// An image of this very pack spares building the index (Restore).
		p.m, d.stale = readIndex(d.image, d.digest, p)
	}
	if p.m == nil {
		m, err := compileMatcher(p)
		if err != nil {
			return nil, err
		}
		p.m = m
	}
	p.embedded = d.embedded
	return p, nil
}

// reasonLists are the policy lists whose labels a verdict gives as its
// reasons, a line each (assess's verdict: firm flags, then the flags and
// cues that leave the door open).
var reasonLists = [...]string{"firm_flags", "door_open_flags", "door_open_cues"}

// overlay copies the settings q set onto d.policy.
func (d *draft) overlay(q Policy, set map[string]string) {
	dl, dn := d.policy.fields()
	ql, qn := q.fields()
	for k := range set {
		if p, ok := dl[k]; ok {
			*p = *ql[k]
		}
		if p, ok := dn[k]; ok {
			*p = *qn[k]
		}
	}
	if d.policySet == nil {
		d.policySet = map[string]string{}
	}
	for k, file := range set {
		d.policySet[k] = file
	}
}

// fields names the policy's settings as they are spelled in a pack.
func (q *Policy) fields() (map[string]*[]string, map[string]*float64) {
	return map[string]*[]string{
			"favour_asks":            &q.FavourAsks,
			"selling_favour_asks":    &q.SellingFavourAsks,
			"soft_favour_asks":       &q.SoftFavourAsks,
			"soft_cancelled_by":      &q.SoftCancelledBy,
			"soft_cancelled_by_asks": &q.SoftWithAsks,
			"selling_asks":           &q.SellingAsks,
			"recruiter_asks":         &q.RecruiterAsks,
			"void_after_decline":     &q.VoidAfterDecline,
			"rapport_signals":        &q.RapportSignals,
			"firm_flags":             &q.FirmFlags,
			"soften_firm_by":         &q.SoftenFirmBy,
			"door_open_flags":        &q.DoorOpenFlags,
			"door_open_cues":         &q.DoorOpenCues,
			"weak_cues":              &q.WeakCues,
			"meeting_asks":           &q.MeetingAsks,
			"rules_hold":             &q.RulesHold,
			"derive_learned":         &q.DeriveLearned,
		}, map[string]*float64{
			"default_minutes": &q.DefaultMinutes,
			"max_minutes":     &q.MaxMinutes,
			"min_words":       &q.MinWords,
			"negation_window": &q.NegationWindow,
			"max_evidence":    &q.MaxEvidence,
			"need_evidence":   &q.NeedEvidence,
			"derive_support":  &q.DeriveSupport,
			"evidence_weight": &q.EvidenceWeight,
		}
}

var kinds = map[string]bool{KindFlag: true, KindSignal: true, KindAsk: true, KindCue: true, KindVerdict: true}

func (d *draft) addLabels(file string, v gjson.Result) error {
	if !v.Exists() {
		return nil
	}
	if !v.IsArray() {
		return &Error{File: file, Msg: `"labels" must be an array`}
	}
	for i, l := range v.Array() {
		id := l.Get("id").String()
		where := fmt.Sprintf("labels[%d]", i)
		if id != "" {
			where = id
		}
		if !l.IsObject() || id == "" {
			return &Error{File: file, Rule: where, Msg: `a label needs an "id"`}
		}
		if err := checkKeys(file, where, "", l, labelKeys); err != nil {
			return err
		}
		kind := l.Get("kind").String()
		if !kinds[kind] {
			return &Error{File: file, Rule: where, Msg: fmt.Sprintf("kind %q is not one of flag, signal, ask, cue, verdict", kind)}
		}
		if kind != KindCue && (l.Get("title").String() == "" || l.Get("why").String() == "") {
			return &Error{File: file, Rule: where, Msg: `a shown label needs a "title" and a "why"`}
		}
		th := 1.0
		if t := l.Get("threshold"); t.Exists() {
			if t.Type != gjson.Number || t.Num <= 0 {
				return &Error{File: file, Rule: where, Msg: `"threshold" must be a positive number`}
			}
			th = t.Num
		}
		lab := Label{ID: id, Kind: kind, Title: l.Get("title").String(), Why: l.Get("why").String(), Threshold: th, Context: l.Get("context").Bool(), Reason: l.Get("reason").String(), source: file}
		if err := addI18n(file, &lab, l.Get("i18n")); err != nil {
			return err
		}
		d.labels = append(d.labels, lab)
	}
	return nil
}

var scopes = map[string]bool{"message": true, "mine": true, "note": true, "headline": true}

func (d *draft) addRules(file string, v gjson.Result, durations bool) error {
	if !v.Exists() {
		return nil
	}
	key := "phrases"
	if durations {
		key = "durations"
	}
	if !v.IsArray() {
		return &Error{File: file, Msg: fmt.Sprintf("%q must be an array", key)}
	}
	for i, r := range v.Array() {
		id := r.Get("id").String()
		where := fmt.Sprintf("%s[%d]", key, i)
		if id != "" {
			where = id
		}
		if !r.IsObject() || id == "" {
			return &Error{File: file, Rule: where, Msg: `a rule needs an "id"`}
		}
		known := phraseKeys
		if durations {
			known = durationKeys
		}
		if err := checkKeys(file, where, "", r, known); err != nil {
			return err
		}
		rule := Rule{ID: id, Label: r.Get("label").String(), Weight: 1, Negatable: true, Scope: "message", Message: r.Get("message").String(), source: file}
		if w := r.Get("weight"); w.Exists() {
			if w.Type != gjson.Number {
				return &Error{File: file, Rule: where, Msg: `"weight" must be a number`}
			}
			rule.Weight = w.Num
		}
		if n := r.Get("negatable"); n.Exists() {
			rule.Negatable = n.Bool()
		}
		if s := r.Get("scope"); s.Exists() {
			if !scopes[s.String()] {
				return &Error{File: file, Rule: where, Msg: fmt.Sprintf("scope %q is not one of message, mine, note, headline", s.String())}
			}
			rule.Scope = s.String()
		}
		rule.Rapport = r.Get("rapport").Bool()
		rule.Also = r.Get("also").String()
		rule.Each = r.Get("each").Bool()
		mx := r.Get("max")
		rule.Max = mx.Num
		if rule.Each && (rule.Max <= 0 || rule.Weight <= 0) {
			return &Error{File: file, Rule: where, Msg: `a vocabulary rule ("each": true) needs a positive "weight" and "max"`}
		}
		if mx.Exists() && !rule.Each {
			return &Error{File: file, Rule: where, Msg: `"max" is read only with "each": true (a vocabulary rule, each distinct phrase found adding "weight" up to "max"); without it a rule adds its weight once`}
		}
		if durations {
			rule.Minutes = r.Get("minutes").Num
			rule.PerUnit = r.Get("per_unit").Bool()
			if rule.Minutes <= 0 {
				return &Error{File: file, Rule: where, Msg: `a duration needs "minutes" > 0`}
			}
		} else if rule.Label == "" {
			return &Error{File: file, Rule: where, Msg: `a phrase rule needs a "label"`}
		}
		ph := r.Get("phrases")
		phs := ph.Array()
		if !ph.IsArray() || len(phs) == 0 {
			return &Error{File: file, Rule: where, Msg: `"phrases" must be a non-empty array of strings`}
		}
		for j, p := range phs {
			if p.Type != gjson.String {
				return &Error{File: file, Rule: where, Msg: fmt.Sprintf("phrases[%d] is not a string", j)}
			}
			// The syntax is read once, when the phrase index is built, which
			// refuses a broken phrase with the same file, rule and reason.
			rule.Phrases = append(rule.Phrases, p.String())
		}
		d.rules = append(d.rules, rule)
	}
	return nil
}

// negationLists are the lists of the "negation" object, and what one of
// each is called in an error. Negation words cancel a phrase after them;
// offers ("if you ever want an intro") cancel an ask right after them (the
// sender gives, not asks); contrasts ("but", "aber", "mais") end a
// negation's reach: in "we don't know each other, but could you refer me?"
// the ask stands.
var (
	negationLists = [3]string{"words", "offers", "contrasts"}
	negationWhat  = [3]string{"negation word", "offer", "contrast"}
)

func (d *draft) addNegation(file string, v gjson.Result) error {
	if !v.Exists() {
		return nil
	}
	if !v.IsObject() || !v.Get("words").IsArray() {
		return &Error{File: file, Msg: `"negation" must be an object with a "words" array`}
	}
	if err := checkKeys(file, "negation", "", v, negationKeys); err != nil {
		return err
	}
	for kind, dst := range [3]*[]string{&d.negators, &d.offers, &d.contrasts} {
		if err := d.phraseList(file, v, kind, dst); err != nil {
			return err
		}
	}
	return nil
}

// phraseList appends to dst the phrases of v's array negationLists[kind],
// each a non-empty string, noting the file of each; a key that is absent
// adds none.
func (d *draft) phraseList(file string, v gjson.Result, kind int, dst *[]string) error {
	key, what := negationLists[kind], negationWhat[kind]
	o := v.Get(key)
	if !o.Exists() {
		return nil
	}
	if !o.IsArray() {
		return &Error{File: file, Rule: "negation", Msg: fmt.Sprintf("%q must be an array", key)}
	}
	xs := o.Array()
	d.wordFiles[kind] = slices.Grow(d.wordFiles[kind], len(xs))
	for _, x := range xs {
		if x.Type != gjson.String || strings.TrimSpace(x.String()) == "" {
			return &Error{File: file, Rule: "negation", Msg: "every " + what + " must be a non-empty string"}
		}
		*dst = append(*dst, x.String())
		d.wordFiles[kind] = append(d.wordFiles[kind], file)
	}
	return nil
}

// The keys a rule, a label and the negation object may hold. "about" is a
// note for whoever reads the pack, as at the top of a file.
var (
	phraseKeys   = []string{"id", "label", "phrases", "weight", "message", "negatable", "scope", "rapport", "also", "each", "max", "about"}
	durationKeys = []string{"id", "phrases", "minutes", "per_unit", "label", "weight", "message", "negatable", "scope", "rapport", "also", "each", "max", "about"}
	labelKeys    = []string{"id", "kind", "title", "why", "reason", "threshold", "context", "i18n", "about"}
	wordsKeys    = []string{"title", "why", "reason", "inline"} // a label's texts in one language of its "i18n"
	negationKeys = []string{"words", "offers", "contrasts", "about"}
	textKeys     = append([]string{"id", "about"}, Langs...) // an entry of "texts"
)

// checkKeys refuses a key of the object v that is not one of known (a
// misspelt "wieght" would be silently ignored) or that v holds twice (only
// one would be read), naming the file, where in it (a rule, a label) and,
// when not "", the object inside that (in).
func checkKeys(file, where, in string, v gjson.Result, known []string) error {
	var seen uint64 // by index in known: at most 64 keys
	var err error
	v.ForEach(func(k, _ gjson.Result) bool {
		i := slices.Index(known, k.Str)
		var msg string
		switch {
		case i < 0:
			msg = fmt.Sprintf("unknown key %q (known: %s)", k.Str, strings.Join(known, ", "))
		case seen>>i&1 != 0:
			msg = fmt.Sprintf("key %q appears twice: only one would be read, so write it once", k.Str)
		default:
			seen |= 1 << i
			return true
		}
		if in != "" {
			msg = in + ": " + msg
		}
		err = &Error{File: file, Rule: where, Msg: msg}
		return false
	})
	return err
}

func (d *draft) addPolicy(file string, v gjson.Result) error {
	if !v.Exists() {
		return nil
	}
	if !v.IsObject() {
		return &Error{File: file, Msg: `"policy" must be an object`}
	}
	var q Policy
	set := map[string]string{}
	lists, nums := q.fields()
	var err error
	v.ForEach(func(k, x gjson.Result) bool {
		key := k.String()
		if _, twice := set[key]; twice {
			err = &Error{File: file, Rule: "policy." + key, Msg: "set twice in one file: write it once"}
			return false
		}
		if dst, ok := lists[key]; ok {
			if !x.IsArray() {
				err = &Error{File: file, Rule: "policy." + key, Msg: "must be an array of ids"}
				return false
			}
			for _, e := range x.Array() {
				*dst = append(*dst, e.String())
			}
		} else if dst, ok := nums[key]; ok {
			if x.Type != gjson.Number || x.Num < 0 {
				err = &Error{File: file, Rule: "policy." + key, Msg: "must be a number ≥ 0"}
				return false
			}
			*dst = x.Num
		} else {
			err = &Error{File: file, Rule: "policy." + key, Msg: "unknown setting"}
			return false
		}
		set[key] = file
		return true
	})
	if err != nil {
		return err
	}
	d.overlay(q, set)
	return nil
}

// bind attaches a model to the compiled labels and rules. The model may
// score only the labels read from the text (flags, signals, asks, cues):
// the context flags stay with the profile and the thread.
func (p *Pack) bind(m *learn.Model, file string) error {
	ids := make([]string, len(p.rules))
	for i, r := range p.rules {
		ids[i] = r.ID
	}
	b, err := m.Bind(ids, p.Index)
	if err != nil {
		return &Error{File: file, Rule: "model", Msg: err.Error()}
	}
	for _, l := range b.Labels {
		if k := p.labels[l.At]; k.Context || k.Kind == KindVerdict {
			return &Error{File: file, Rule: "model", Msg: fmt.Sprintf("the model scores %q, a %s the model may not score (only flags, signals, asks and cues read from text)", l.ID, k.Kind)}
		}
	}
	p.model, p.modelFile = b, file
	return nil
}
