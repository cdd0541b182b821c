// Package reply writes the message politely suggests sending: a gracious
// answer chosen from the assessment, the sender, the thread and the user's
// profile, in one of several tones and languages.
//
// Phrasing is data (data/LANG.json, embedded): for every scenario, tone and
// language there are several phrasings of each sentence, and one is chosen
// by a hash of the request, so the same request always gets the same reply
// while different senders get different sentences. A phrasing that names a
// profile fact ({event}, {resource}, {expert}, {date}...) is used only when
// the profile holds that fact, and preferred when it does; nothing is
// invented. Write is pure: no clock, network or environment.
package reply

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"politely/internal/lint"
	"politely/internal/model"
)

// Scenario ids.
const (
	DoorOpen     = "door_open"
	Firm         = "firm"
	Coffee       = "coffee"
	Internal     = "internal"
	IntroOffer   = "intro_offer"
	Break        = "break"
	Capacity     = "capacity"
	Redirect     = "redirect"
	FollowUpFirm = "follow_up_firm"
	Reconnect    = "reconnect"
	AcceptIt     = "accept"
	Connect      = "connect"
	Acknowledge  = "acknowledge"
	Refer        = "refer"
	Introduce    = "introduce"
	Attend       = "attend"
	NotLooking   = "not_looking"
	NoReferral   = "no_referral"
	NoIntro      = "no_intro"
	NoPitch      = "no_pitch"
	NoJob        = "no_job"
	NoMentor     = "no_mentor"
	NoReview     = "no_review"
	NotForMe     = "not_for_me"
)

// Scenarios lists the scenario ids in a stable order.
func Scenarios() []string {
	return []string{DoorOpen, Firm, Coffee, Internal, IntroOffer, Break, Capacity, Redirect, FollowUpFirm, Reconnect, AcceptIt, Connect, Acknowledge, Refer, Introduce, Attend, NotLooking, NoReferral, NoIntro, NoPitch, NoJob, NoMentor, NoReview, NotForMe}
}

// Tones lists the tone ids in a stable order; the first is the default.
func Tones() []string { return []string{"warm", "formal", "brief"} }

// Langs lists the supported languages in a stable order; the first is the
// default: English, Chinese, Spanish, French, German, (Brazilian)
// Portuguese and European Portuguese. A regional variant ("pt-PT") is
// written in the variant's own words; the message's language never tells
// it (both read as "pt"), the user's choice or interface does.
func Langs() []string { return []string{"en", "zh", "es", "fr", "de", "pt", "pt-PT"} }

// Length limits of a reply, in lint.Words.
const (
	MinWords      = 25
	MaxWords      = 110
	MaxBriefWords = 59
)

// Write chooses a scenario (or honours r.Scenario) and writes the reply in
// r.Tone and r.Lang, else the profile's, else in the message's language
// (res.Lang), else the interface's (r.UILang), else English, and in the
// message's register where its language has a formal address (formal for a
// German Sie, a Spanish usted, a Chinese 您, a Portuguese o senhor or
// prezado), else warm. An unknown scenario, tone or language is a
// *model.FieldError listing the supported ones. Write never panics.
func Write(r model.Request, res model.Result) (model.Reply, error) {
	d, err := data()
	if err != nil {
		return model.Reply{}, err
	}
	tone, err := option(field("tone", r.Tone), first(r.Tone, r.Profile.Tone), Tones())
	if err != nil {
		return model.Reply{}, err
	}
	lang, err := option(field("lang", r.Lang), supported(first(r.Lang, r.Profile.Lang)), Langs())
	if err == nil && first(r.Lang, r.Profile.Lang) == "" {
		lang = defaultLang(res.Lang, r.UILang)
	}
	if err != nil {
		return model.Reply{}, err
	}
	l, err := d.lang(lang)
	if err != nil {
		return model.Reply{}, err
	}
	if first(r.Tone, r.Profile.Tone) == "" && (res.Lang == "" || base(res.Lang) == base(lang)) {
		// No tone chosen: a reply in the message's language answers in
		// its register (register.go).
		if t := l.reg.mirror(r.Text); t != "" {
			tone = t
		}
	}
	sc := strings.ToLower(strings.TrimSpace(r.Scenario))
	if sc == "" {
		sc = choose(r, res, d.common)
	} else if sc, err = option("scenario", sc, Scenarios()); err != nil {
		return model.Reply{}, err
	}
	w := writer{lang: l, v: l.voices[sc][tone], tone: tone}
	w.seed = seed(r, sc, tone, lang)
	w.slots = slots(r, res, sc, l)
	return model.Reply{Scenario: sc, Tone: tone, Lang: lang, Text: w.write()}, nil
}

// defaultLang is the reply's language when neither the request nor the
// profile names one: the message's own (detected), else the language of the
// user's interface, else the first of Langs. The interface also tells a
// regional variant of the message's language: a Portuguese message gets
// European Portuguese where the interface is pt-PT.
func defaultLang(detected, ui string) string {
	d, u := base(detected), supported(ui)
	if !slices.Contains(Langs(), u) {
		u = ""
	}
	if slices.Contains(Langs(), d) && base(u) != d {
		return d
	}
	if u != "" {
		return u
	}
	return Langs()[0]
}

// supported is the language of Langs a tag asks for (model.Supported).
func supported(tag string) string { return model.Supported(tag, Langs()) }

// base is a language tag without its region: "pt" for "pt-PT", "zh" for
// "zh_CN".
func base(tag string) string {
	_, l := model.LangTag(tag)
	return l
}

// field names where a tone or language came from: the request's override,
// else the profile.
func field(name, override string) string {
	if strings.TrimSpace(override) != "" {
		return name
	}
	return "profile." + name
}

func first(a, b string) string {
	if s := strings.ToLower(strings.TrimSpace(a)); s != "" {
		return s
	}
	return strings.ToLower(strings.TrimSpace(b))
}

// option validates an override; "" means the first (default) option.
func option(field, v string, all []string) (string, error) {
	if v == "" {
		return all[0], nil
	}
	for _, a := range all {
		if a == v {
			return v, nil
		}
	}
	kind := map[string]string{"lang": "language", "tone": "tone", "scenario": "scenario"}[strings.TrimPrefix(field, "profile.")]
	return "", &model.FieldError{Field: field, Msg: fmt.Sprintf("unsupported %s %q; supported: %s", kind, v, strings.Join(all, ", "))}
}

// Choose picks the scenario for a request from its assessment:
//   - the user declined earlier in the thread: reconnect when the verdict is
//     now accept, else follow_up_firm (so does the persistent flag);
//   - accept: connect when the only ask is to connect, or when an
//     invitation's note asks nothing (a stranger who asked for nothing more
//     is not offered a call); acknowledge when a message asks nothing at
//     all (thanks, congratulations, news: a call nobody asked for is no
//     answer to them), unless its learned meeting score nears an ask
//     (near_meeting: "would love to compare notes"); when no meeting or
//     time is asked, the favour itself: refer (a referral, send the role
//     and your CV), introduce (an introduction, once the other person
//     agrees), attend (an event); else accept;
//   - decline_firm: no_pitch for a pitch; else firm for an invitation (the
//     honest reason is whom you connect with), not_for_me for a message
//     (which asks no connection: "I'm not adding new connections" would
//     answer what it did not ask, and most LinkedIn messages come from
//     people already connected);
//   - otherwise (not now): break when on a networking break, capacity when
//     over capacity, redirect when outside the user's expertise, internal for
//     a colleague at the profile's company, intro_offer when they offer to
//     introduce the user, no_referral, no_intro or no_job for a stranger's
//     referral, introduction or job ask, not_looking for a recruiter's
//     role, no_mentor for a stranger's mentorship ask, no_review for a
//     stranger's work to review with no call asked, coffee when they ask
//     for a meeting or time (not the time of an event they invite to),
//     else door_open.
func Choose(r model.Request, res model.Result) string {
	d, err := data()
	if err != nil {
		return DoorOpen
	}
	return choose(r, res, d.common)
}

func choose(r model.Request, res model.Result, c common) string {
	declined := false
	for _, t := range r.Thread {
		if t.From == "me" && lint.Declines(t.Text) {
			declined = true
		}
	}
	// An event the message only names ("great meeting you at the Go
	// meetup") holds as an ask by the rules' bare nouns, but the model
	// scores it far below an invitation: for the reply, it is no ask.
	if v, ok := score(res, "event"); ok && v < c.sureEvent && res.Asked("event") {
		res.Asks = slices.DeleteFunc(slices.Clone(res.Asks), func(a string) bool { return a == "event" })
	}
	switch {
	case declined && res.Verdict == model.Accept && !res.Has("persistent"):
		return Reconnect
	case declined || res.Has("persistent"):
		return FollowUpFirm
	case res.Verdict == model.Accept:
		return accepted(r, res, c)
	case res.Verdict == model.DeclineFirm && res.Has("selling") && !res.Has("reputation") && !res.Has("negative_history"):
		// A pitch: the honest reason is how you buy, not whom you know.
		return NoPitch
	case res.Verdict == model.DeclineFirm && r.Kind == "invitation":
		return Firm
	case res.Verdict == model.DeclineFirm:
		// A scheme or someone with a bad history, by message: the reason
		// is the request itself, whoever sent it.
		return NotForMe
	case res.Has("burnout"):
		return Break
	case res.Has("over_capacity"):
		return Capacity
	case res.Has("outside_expertise"):
		return Redirect
	case colleague(r):
		return Internal
	case offersIntro(r.Text, c):
		return IntroOffer
	case res.Has("premature_ask") && res.Asked("referral"):
		// A stranger's referral: "not now" would promise one later. The
		// honest reason is whom you refer, and the posting is the way in.
		return NoReferral
	case res.Has("premature_ask") && res.Asked("introduction"):
		// The same for an introduction: whom you introduce, and a direct
		// note as the way in; never a promise made for someone else.
		return NoIntro
	case res.Cued("recruiter"):
		// A role offered, not a favour asked: the honest answer is that
		// you are not looking, not that calls do not fit.
		return NotLooking
	case res.Has("premature_ask") && res.Asked("job"):
		// A stranger's job application, often with a call to "discuss how
		// I can contribute": the call is not the point, the job is. The
		// honest reason is how applications reach you, and the posting is
		// the way in; "check back in a few months" would promise a job
		// later, and declining the call would answer what they did not
		// mean.
		return NoJob
	case res.Has("premature_ask") && res.Asked("mentorship"):
		// A stranger asking to be mentored, calls and all: the honest
		// reason is mentoring itself, and the lighter alternative a
		// resource, an event or one question by message.
		return NoMentor
	case res.Has("premature_ask") && res.Asked("feedback") && !res.Asked("meeting") && res.MinutesAsked == 0:
		// A stranger's work to review (a CV, a product): the reason is the
		// review; with a call asked, coffee declines the call.
		return NoReview
	case res.Asked("meeting") || res.MinutesAsked > 0 && !res.Asked("event"):
		// The minutes of an event (a panel, a podcast) are no coffee
		// asked: declining one is the door_open reply.
		return Coffee
	}
	return DoorOpen
}

// accepted chooses the reply to a request worth a yes: what it answers is
// what they asked.
func accepted(r model.Request, res model.Result, c common) string {
	switch {
	case onlyConnect(r, res):
		return Connect
	case len(res.Asks) == 0 && res.MinutesAsked == 0 && !nearMeeting(res, c):
		return Acknowledge
	case res.MinutesAsked == 0 && favourOnly(res, "referral", "job"):
		return Refer
	case res.MinutesAsked == 0 && favourOnly(res, "introduction"):
		return Introduce
	case favourOnly(res, "event"):
		return Attend // the minutes asked, if any, are the event's
	}
	return AcceptIt
}

// onlyConnect reports whether connecting is all the sender asks for: no
// meeting, no minutes, no other ask. The note of an invitation asks to
// connect even when its words do not say so, or name an event.
func onlyConnect(r model.Request, res model.Result) bool {
	if res.MinutesAsked > 0 {
		return false
	}
	if r.Kind == "invitation" {
		// A note that names the event where you met ("great meeting you
		// at the Go meetup") reads as an event asked; on an invitation
		// it is the reason to connect, not an invitation to attend.
		for _, a := range res.Asks {
			if a != "connect" && a != "event" {
				return false
			}
		}
		return true
	}
	return len(res.Asks) == 1 && res.Asks[0] == "connect"
}

// score is the learned score of label id in res; false without a model,
// whose rules alone give no score to weigh.
func score(res model.Result, id string) (float64, bool) { return res.Scores.Get(id) }

// nearMeeting reports whether the model scores a meeting near an ask though
// none holds.
func nearMeeting(res model.Result, c common) bool {
	v, ok := score(res, "meeting")
	return ok && v >= c.nearMeeting
}

// favourOnly reports whether the asks are the first of ids, with perhaps
// others of ids or a connection: a referral with the job it is for, an
// introduction, an event. Anything more (a meeting, advice) wants the
// conversation the accept reply offers.
func favourOnly(res model.Result, ids ...string) bool {
	if !res.Asked(ids[0]) {
		return false
	}
	for _, a := range res.Asks {
		if a != "connect" && !slices.Contains(ids, a) {
			return false
		}
	}
	return true
}

// colleague reports whether the sender works at the user's company, as far
// as the sender's headline tells.
func colleague(r model.Request) bool {
	c := normalize(r.Profile.Company)
	if len([]rune(c)) < 2 {
		return false
	}
	return containsWord(normalize(r.Sender.Headline), c)
}

// offersIntro reports whether the message offers to introduce the user to
// someone ("happy to introduce you to", "想把你介绍给").
func offersIntro(text string, c common) bool {
	t := normalize(text)
	for _, p := range c.introOffer {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}

// normalize lowers a text and straightens its quotes and spaces for the
// plain substring tests of this package.
func normalize(s string) string {
	return quotes.Replace(strings.ToLower(s))
}

// quotes folds curly apostrophes, no-break spaces and line breaks. A
// Replacer is immutable and safe for concurrent use; building it once saves
// its set-up on every call (a few percent of a whole-inbox triage).
var quotes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u00a0", " ", "\n", " ")

// containsWord reports whether w occurs in s as a whole word (wholeWord): a
// company or topic inside a longer word is not it, except in Han text,
// written without spaces.
func containsWord(s, w string) bool { return wholeWord(s, w, 0) >= 0 }

// seed hashes what makes a request distinct for choosing phrasings: the
// sender and the text, plus the choice of scenario, tone and language.
func seed(r model.Request, sc, tone, lang string) uint64 {
	h := fnv.New64a()
	for _, s := range []string{r.Sender.Name, r.Text, sc, tone, lang} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// minutes is the bounded next step of an accept: what they asked for,
// within 15 to 30 minutes, else 20.
func minutes(asked int) int {
	switch {
	case asked <= 0:
		return 20
	case asked < 15:
		return 15
	case asked > 30:
		return 30
	}
	return asked
}

// slots collects the values a phrasing may name. Facts come only from the
// profile (and the company only when the sender is a colleague there).
func slots(r model.Request, res model.Result, sc string, l *language) map[string]string {
	s := map[string]string{"minutes": strconv.Itoa(minutes(res.MinutesAsked))}
	if n := senderName(r); n.first != "" {
		s["first"], s["full"] = n.first, n.full
	}
	p := r.Profile
	if sig := strings.TrimSpace(first2(p.Signature, p.Name)); sig != "" {
		s["sig"] = sig
	}
	for _, e := range p.Events {
		if strings.TrimSpace(e.Name) == "" || past(e.When, r) {
			continue
		}
		s["event"], s["when"] = clean(e.Name), clean(e.When)
		break
	}
	for _, x := range p.Resources {
		if strings.TrimSpace(x.Title) != "" {
			s["resource"], s["url"] = clean(x.Title), clean(x.URL)
			break
		}
	}
	for _, g := range p.Groups {
		if strings.TrimSpace(g.Name) != "" {
			s["group"], s["group_url"] = clean(g.Name), clean(g.URL)
			break
		}
	}
	if name, topic := expertFor(r); name != "" {
		s["expert"], s["topic"] = name, topic
	}
	if !p.BreakUntil.IsZero() && (r.Now.IsZero() || p.BreakUntil.After(r.Now)) {
		s["date"] = l.formatDate(p.BreakUntil.Year(), int(p.BreakUntil.Month()), p.BreakUntil.Day(), r.Now.IsZero() || r.Now.Year() != p.BreakUntil.Year())
	}
	if colleague(r) {
		s["company"] = clean(p.Company)
	}
	return s
}

func first2(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// clean trims a profile value and folds line breaks, so a fact never breaks
// the layout of a sentence.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// past reports whether an event's "when" is a date before now.
func past(when string, r model.Request) bool {
	t, err := model.ParseTime(when)
	return err == nil && !r.Now.IsZero() && t.Before(r.Now.AddDate(0, 0, -1))
}

// expertFor finds an expert from the profile whose topic the message is
// about; the redirect names no one otherwise.
func expertFor(r model.Request) (string, string) {
	text := normalize(r.Text)
	for _, e := range r.Profile.Experts {
		if strings.TrimSpace(e.Name) == "" {
			continue
		}
		for _, t := range e.Topics {
			if t = strings.TrimSpace(t); len([]rune(t)) >= 2 && containsWord(text, normalize(t)) {
				return clean(e.Name), clean(t)
			}
		}
	}
	return "", ""
}

func (l *language) formatDate(y, m, d int, withYear bool) string {
	f := l.date
	if withYear {
		f = l.dateYear
	}
	day := strconv.Itoa(d)
	if d == 1 && l.dayOne != "" {
		day = l.dayOne
	}
	return strings.NewReplacer("{month}", l.months[m-1], "{day}", day, "{m}", strconv.Itoa(m), "{year}", strconv.Itoa(y)).Replace(f)
}

// writer renders one reply.
type writer struct {
	lang  *language
	v     *voice
	tone  string
	seed  uint64
	slots map[string]string
}

// pick chooses a phrasing of p: among those whose slots are all filled, the
// ones naming the most profile facts, and among them one by hash. ok is
// false when no phrasing fits (the sentence is then left out).
func (w *writer) pick(p part, salt int, facts bool) (string, bool) {
	best, n := -1, 0
	var fits []variant
	for _, v := range p {
		if !w.fits(v) || (!facts && v.facts > 0) {
			continue
		}
		switch {
		case v.facts > best:
			best, fits = v.facts, []variant{v}
		case v.facts == best:
			fits = append(fits, v)
		}
	}
	n = len(fits)
	if n == 0 {
		return "", false
	}
	h := w.seed ^ (uint64(salt+1) * 0x9e3779b97f4a7c15)
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	v := fits[h%uint64(n)]
	return w.fill(v), true
}

func (w *writer) fits(v variant) bool {
	for _, s := range v.slots {
		if w.slots[s] == "" {
			return false
		}
	}
	return true
}

func (w *writer) fill(v variant) string {
	t := v.text
	for _, s := range v.slots {
		t = strings.ReplaceAll(t, "{"+s+"}", w.slots[s])
	}
	return t
}

// write assembles greeting, thanks, body, wish and sign-off, then keeps the
// length within the limits: courtesy sentences are added to a reply that
// would read as a brush-off, and profile details are dropped from one that
// would run too long.
func (w *writer) write() string {
	max := MaxWords
	if w.tone == "brief" {
		max = MaxBriefWords
	}
	var text string
	for _, facts := range []bool{true, false} {
		for pads := 0; pads <= 2; pads++ {
			text = w.render(facts, pads)
			if lint.Words(text) >= MinWords {
				break
			}
		}
		if lint.Words(text) <= max {
			break
		}
	}
	return text
}

func (w *writer) render(facts bool, pads int) string {
	greet, ok := w.pick(w.v.greet, 0, facts)
	if !ok {
		greet, _ = w.pick(w.v.greetAnon, 0, facts)
	}
	var body []string
	add := func(p part, salt int) {
		if s, ok := w.pick(p, salt, facts); ok {
			body = append(body, s)
		}
	}
	add(w.v.thanks, 1)
	for i, p := range w.v.body {
		add(p, 10+i)
	}
	for i := 0; i < pads && i < len(w.v.pad); i++ {
		// Pads are taken in turn from a hashed start so that two are never the same.
		j := (int(w.seed>>40) + i) % len(w.v.pad)
		body = append(body, w.fill(w.v.pad[j]))
	}
	add(w.v.wish, 2)
	text := greet + "\n\n" + w.join(body)
	if sig := w.slots["sig"]; sig != "" {
		if _, _, ok := closing(strings.SplitN(sig, "\n", 2)[0]); ok {
			text += "\n\n" + sig // the signature brings its own closing ("Best,\nRobin")
		} else if sign, ok := w.pick(w.v.signoff, 3, facts); ok {
			text += "\n\n" + sign
		}
	}
	return text
}

// join puts sentences together with the language's separator; in a language
// written without spaces, a sentence that ends in a URL or a Latin word still
// gets one, so that the link stays clickable.
func (w *writer) join(ss []string) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			sep := w.lang.sep
			prev := ss[i-1]
			if f := strings.Fields(prev); len(f) > 0 && strings.Contains(f[len(f)-1], "://") {
				sep = "\n" // a link ends its line, so nothing runs into it
			} else if sep == "" && prev != "" && prev[len(prev)-1] < 0x80 && prev[len(prev)-1] != '.' {
				sep = " "
			}
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}
