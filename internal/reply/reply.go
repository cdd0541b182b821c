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
	"sync"
	"time"
	"unicode"

	"github.com/tidwall/gjson"

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
	// Which profile fact a reply offers is the same in every tone and
	// language; only the words that offer it vary with them.
	w.factSeed = seed(r, sc, "", "")
	w.slots = slots(r, res, sc, l)
	// An acknowledgement to someone the user keeps away, or said no to,
	// is neutral: no "good to hear from you", no "let's stay in touch".
	_, declined := lastTurn(r.Thread)
	w.neutral = sc == Acknowledge && (res.Verdict == model.DeclineFirm || declined)
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
//   - the user's last turn in the thread says no (lint.Declines: a later
//     yes supersedes it, a counter-offer is none): acknowledge when the
//     message asks nothing (thanks, "no worries, all the best"),
//     follow_up_firm when it is persistent, reconnect when the verdict is
//     now accept, else follow_up_firm;
//   - persistent, and the user never answered in the thread (a pushy
//     "following up again"): the firm reply below that claims no earlier
//     answer (no_pitch, firm or not_for_me). A persistent flag after a
//     thread whose last turn is no no is left to the verdict;
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
//     honest reason is whom you connect with); acknowledge, in neutral
//     words, for a message that asks nothing and is no scheme (a negative
//     contact's "congrats on the new role": nothing to pass on); not_for_me
//     for any other message (which asks no connection: "I'm not adding new
//     connections" would answer what it did not ask, and most LinkedIn
//     messages come from people already connected);
//   - otherwise (not now): door_open for a pitch softened to not now (a
//     vendor the user knows is offered nothing of the profile), break when
//     on a networking break, capacity when over capacity, redirect when
//     outside the user's expertise, internal for a colleague at the
//     profile's company, no_referral, no_intro or no_job for a stranger's
//     referral, introduction or job ask, not_looking for a recruiter's
//     role, no_mentor for a stranger's mentorship ask, no_review for a
//     stranger's work to review with no call asked, coffee when they ask
//     for a meeting or time (not the time of an event they invite to),
//     intro_offer when they offer to introduce the user and ask nothing of
//     their own, else door_open.
func Choose(r model.Request, res model.Result) string {
	d, err := data()
	if err != nil {
		return DoorOpen
	}
	return choose(r, res, d.common)
}

func choose(r model.Request, res model.Result, c common) string {
	answered, declined := lastTurn(r.Thread)
	// An event the message only names ("great meeting you at the Go
	// meetup") holds as an ask by the rules' bare nouns, but the model
	// scores it far below an invitation: for the reply, it is no ask.
	if v, ok := score(res, "event"); ok && v < c.sureEvent && res.Asked("event") {
		res.Asks = slices.DeleteFunc(slices.Clone(res.Asks), func(a string) bool { return a == "event" })
	}
	quiet := asksNothing(res, c)
	persistent := res.Has("persistent")
	pitch := res.Has("selling") && !res.Has("reputation") && !res.Has("negative_history")
	switch {
	case declined && quiet:
		// A thank-you or a goodbye after the user's no is answered in
		// kind, whatever flag it carries: there is nothing to say no to.
		return Acknowledge
	case declined && persistent:
		return FollowUpFirm
	case declined && res.Verdict == model.Accept:
		// Back after a no, and now worth a yes ("reach out again in a
		// few months").
		return Reconnect
	case declined:
		return FollowUpFirm
	case persistent && !answered:
		// Pushed again by someone the user never answered: firm, but
		// never "my answer is still no" for an answer never given.
		return firm(r, pitch)
	case res.Verdict == model.Accept:
		return accepted(r, res, c)
	case res.Verdict == model.DeclineFirm && (pitch || r.Kind == "invitation"):
		return firm(r, pitch)
	case res.Verdict == model.DeclineFirm && quiet && !res.Has("selling") && !res.Has("reputation"):
		// Congratulations or news from someone the user keeps away: no
		// ask, so nothing to pass on; a brief, neutral thank-you. A pitch
		// or a scheme asks even in no words the rules hold.
		return Acknowledge
	case res.Verdict == model.DeclineFirm:
		// A scheme or someone with a bad history, by message: the reason
		// is the request itself, whoever sent it.
		return NotForMe
	case res.Has("selling"):
		// A pitch softened to not now because the sender is known: the
		// door stays open, and nothing else (a call, a resource) is
		// offered to sell into.
		return DoorOpen
	case res.Has("burnout"):
		return Break
	case res.Has("over_capacity"):
		return Capacity
	case res.Has("outside_expertise"):
		return Redirect
	case colleague(r):
		return Internal
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
	case offersIntro(r.Text, c) && !asksOwn(res):
		// Thanks for an offer only when the offer is all there is: a
		// recruiter who offers the hiring manager asks about a role.
		return IntroOffer
	}
	return DoorOpen
}

// firm is the firm reply that names no earlier answer: no_pitch for a
// pitch (the honest reason is how you buy, not whom you know), firm for
// an invitation (whom you connect with), else not_for_me.
func firm(r model.Request, pitch bool) string {
	switch {
	case pitch:
		return NoPitch
	case r.Kind == "invitation":
		return Firm
	}
	return NotForMe
}

// lastTurn reads the user's turns of a thread: answered when there is one,
// declined when the last says no. Only the last counts: a later "Sure,
// Thursday works!" takes back an earlier no.
func lastTurn(thread []model.Turn) (answered, declined bool) {
	for i := len(thread) - 1; i >= 0; i-- {
		if thread[i].From == "me" {
			return true, lint.Declines(thread[i].Text)
		}
	}
	return false, false
}

// asksNothing reports whether a message asks for nothing: no ask, no
// minutes, and a learned meeting score short of one.
func asksNothing(res model.Result, c common) bool {
	return len(res.Asks) == 0 && res.MinutesAsked == 0 && !nearMeeting(res, c)
}

// asksOwn reports whether the sender asks something of their own. An
// offer to "connect you with" someone reads as a connect ask, so that one
// is no ask of theirs.
func asksOwn(res model.Result) bool {
	for _, a := range res.Asks {
		if a != "connect" {
			return true
		}
	}
	return res.MinutesAsked > 0
}

// accepted chooses the reply to a request worth a yes: what it answers is
// what they asked.
func accepted(r model.Request, res model.Result, c common) string {
	switch {
	case onlyConnect(r, res):
		return Connect
	case asksNothing(res, c):
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

// colleague reports whether the sender works at the user's company now, as
// far as the sender's headline tells: the company, whole, is the
// organisation of a current role ("SRE at Northwind", "Ingenieurin bei
// Northwind GmbH"), not of a former one ("Ex-Northwind | Founder at Acme",
// "Former SRE at Northwind, now at Contoso"), nor the start of a longer
// name ("Recruiter at Apple Leisure Group" is not at Apple).
func colleague(r model.Request) bool {
	c := orgName(normalize(r.Profile.Company))
	if len([]rune(c)) < 2 {
		return false
	}
	for _, seg := range roles(normalize(r.Sender.Headline)) {
		if han(c) {
			// Han text has no spaces to find a name's end by: the
			// company anywhere in a current role, not after 前 or 原
			// ("former").
			if i := wholeWord(seg, c, 0); i >= 0 && !strings.HasSuffix(seg[:i], "前") && !strings.HasSuffix(seg[:i], "原") {
				return true
			}
			continue
		}
		for _, o := range orgs(seg) {
			if o == c {
				return true
			}
		}
	}
	return false
}

// roleBreaks end one role of a headline and start the next; "now" and
// "currently" start the current one after a former ("…, now at Contoso").
var roleBreaks = strings.NewReplacer("|", "\x00", ",", "\x00", ";", "\x00", "·", "\x00", "•", "\x00",
	"(", "\x00", ")", "\x00", "/", "\x00", " - ", "\x00", " – ", "\x00", " — ", "\x00", ". ", "\x00",
	"，", "\x00", "、", "\x00", "｜", "\x00", " now ", "\x00", " currently ", "\x00")

// formers open a role the sender no longer holds.
var formers = []string{"former ", "formerly ", "ex-", "ex ", "previously ", "past ", "retired ", "alumni ", "alumnus ", "alumna ",
	"ehemals ", "ehemalige ", "ehemaliger ", "früher ", "ancien ", "ancienne ", "anciennement ", "antiguo ", "antigua ",
	"anteriormente ", "antes ", "曾", "前", "原"}

// roles splits a (normalized) headline into the roles the sender holds now.
func roles(h string) []string {
	var out []string
	for _, seg := range strings.Split(roleBreaks.Replace(" "+h+" "), "\x00") {
		seg = strings.TrimSpace(seg)
		former := false
		for _, f := range formers {
			former = former || strings.HasPrefix(seg+" ", f)
		}
		if seg != "" && !former {
			out = append(out, seg)
		}
	}
	return out
}

// orgMarks come before the organisation of a role: "at", "@", "bei",
// "chez", "en", "na", "no", "em".
var orgMarks = []string{" at ", "@", " bei ", " chez ", " en ", " na ", " no ", " em "}

// orgs lists what may be the organisation of one role: the rest of it
// after each mark, as orgName reads it.
func orgs(role string) []string {
	role = " " + role + " "
	var out []string
	for _, m := range orgMarks {
		for i := strings.Index(role, m); i >= 0; {
			out = append(out, orgName(role[i+len(m):]))
			j := strings.Index(role[i+1:], m)
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	return out
}

// legalForms end a company's name without changing whom it names.
var legalForms = map[string]bool{
	"inc": true, "llc": true, "ltd": true, "limited": true, "gmbh": true, "ag": true, "sa": true, "sas": true,
	"sarl": true, "bv": true, "nv": true, "plc": true, "corp": true, "corporation": true, "co": true,
	"srl": true, "spa": true, "ltda": true, "sl": true, "oy": true, "ab": true, "kg": true, "se": true,
}

// orgName is a company's name as compared: its words without punctuation
// around them, and without a trailing legal form ("Northwind GmbH").
func orgName(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' })
	}
	words = slices.DeleteFunc(words, func(w string) bool { return w == "" })
	for len(words) > 1 && legalForms[strings.ReplaceAll(words[len(words)-1], ".", "")] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
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
// sender and the text, plus the choice of scenario, tone and language
// (empty for the seed that chooses which fact to offer).
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
	// A vendor, even one the user knows, is offered nothing of the
	// user's own: no event to meet at, resource or group to sell into.
	vendor := res.Has("selling")
	for _, e := range p.Events {
		if vendor || strings.TrimSpace(e.Name) == "" || past(e.When, r) {
			continue
		}
		s["event"], s["when"] = clean(e.Name), clean(e.When)
		break
	}
	expert, topic := expertFor(r)
	if expert != "" {
		s["expert"], s["topic"] = expert, topic
	}
	for _, x := range p.Resources {
		if vendor || strings.TrimSpace(x.Title) == "" || sc == Redirect && (expert != "" || !about(x.Title, topics(r))) {
			// A redirect points to the expert first, and to a resource
			// only when it is about what the message asks: an unrelated
			// one helps no one.
			continue
		}
		s["resource"], s["url"] = clean(x.Title), clean(x.URL)
		break
	}
	for _, g := range p.Groups {
		if !vendor && strings.TrimSpace(g.Name) != "" {
			s["group"], s["group_url"] = clean(g.Name), clean(g.URL)
			break
		}
	}
	if !p.BreakUntil.IsZero() && (r.Now.IsZero() || p.BreakUntil.After(r.Now)) {
		s["date"] = l.formatDate(p.BreakUntil.Year(), int(p.BreakUntil.Month()), p.BreakUntil.Day(), r.Now.IsZero() || r.Now.Year() != p.BreakUntil.Year())
	}
	if colleague(r) {
		s["company"] = clean(p.Company)
	}
	return s
}

// about reports whether a title names one of the topics, as a whole word.
func about(title string, topics []string) bool {
	t := normalize(title)
	for _, x := range topics {
		if containsWord(t, x) {
			return true
		}
	}
	return false
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

// past reports whether an event's "when" is over by now: an ISO date, a
// day of a month ("March 12, 2027", "12. März 2027", "2027年3月12日"), a
// month ("March 2027", "marzo de 2027") or a year ("2027", "spring 2027"),
// each over once its last day is (with a day's grace, as for a date). A
// "when" that names no year ("every March") is never over.
func past(when string, r model.Request) bool {
	if r.Now.IsZero() {
		return false
	}
	last, ok := lastDay(when)
	return ok && last.Before(r.Now.AddDate(0, 0, -1))
}

// lastDay is the last day an event's "when" covers; false when it names
// no year.
func lastDay(when string) (time.Time, bool) {
	if t, err := model.ParseTime(when); err == nil {
		return t, true
	}
	y, m, d := 0, 0, 0
	toks := tokens(strings.ToLower(when))
	for i, t := range toks {
		n, err := strconv.Atoi(t)
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		switch {
		case err != nil:
			if k := month(t); k > 0 {
				m = k
			}
		case len(t) == 4 && n >= 1900 && n < 2200:
			y = n
		case next == "月" && n >= 1 && n <= 12:
			m = n
		case len(t) <= 2 && n >= 1 && n <= 31:
			d = n
		}
	}
	if y == 0 {
		return time.Time{}, false
	}
	switch {
	case m == 0:
		return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), true
	case d == 0 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day():
		return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC), true
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// tokens splits a text into runs of digits, runs of letters, and single
// Han characters ("2027年3月" is 2027, 年, 3, 月).
func tokens(s string) []string {
	var out []string
	kind := func(r rune) int {
		switch {
		case unicode.Is(unicode.Han, r):
			return 3
		case unicode.IsDigit(r):
			return 1
		case unicode.IsLetter(r) || unicode.IsMark(r):
			return 2
		}
		return 0
	}
	start, prev := 0, 0
	for i, r := range s + " " {
		k := kind(r)
		if k != prev || k == 3 {
			if prev != 0 {
				out = append(out, s[start:i])
			}
			start = i
		}
		prev = k
	}
	return out
}

// month is the month a word names in any of the languages (1-12), or an
// abbreviation of three letters or more that names only one ("Sept",
// "mär", "janv"); 0 otherwise.
func month(w string) int {
	if len([]rune(w)) < 3 {
		return 0
	}
	found := 0
	for i, names := range monthNames() {
		for _, n := range names {
			if n == w {
				return i + 1
			}
			if strings.HasPrefix(n, w) {
				if found != 0 && found != i+1 {
					return 0 // "jui": juin or juillet
				}
				found = i + 1
			}
		}
	}
	return found
}

// monthNames are the lower-case names of each month in every language's
// data file (months), read once; Chinese months ("3月") are read as numbers.
var monthNames = sync.OnceValue(func() [12][]string {
	var out [12][]string
	for _, lang := range Langs() {
		b, err := files.ReadFile("data/" + lang + ".json")
		if err != nil {
			continue
		}
		for i, m := range gjson.GetBytes(b, "months").Array() {
			if n := strings.ToLower(m.String()); i < 12 && !slices.Contains(out[i], n) && !strings.ContainsFunc(n, unicode.IsDigit) {
				out[i] = append(out[i], n)
			}
		}
	}
	return out
})

// expertFor finds an expert from the profile whose topic the message is
// about; the redirect names no one otherwise, nor the sender themselves
// (offering someone an introduction to themselves).
func expertFor(r model.Request) (string, string) {
	text := normalize(r.Text)
	for _, e := range r.Profile.Experts {
		if strings.TrimSpace(e.Name) == "" || sameName(senderName(r), parseName(e.Name)) {
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

// topics are the experts' topics the message names, whoever the expert.
func topics(r model.Request) []string {
	text := normalize(r.Text)
	var out []string
	for _, e := range r.Profile.Experts {
		for _, t := range e.Topics {
			if t = normalize(strings.TrimSpace(t)); len([]rune(t)) >= 2 && containsWord(text, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// sameName reports whether a sender may be the person named: the same full
// name, the same first and last name ("Lena M. Fischer"), or, when only a
// first name is known (a signature "Lena"), the same first name: offering
// a sender an introduction to themselves is worse than naming no one.
func sameName(sender, other name) bool {
	if sender.first == "" || other.first == "" {
		return false
	}
	if strings.EqualFold(sender.full, other.full) {
		return true
	}
	if !strings.EqualFold(sender.first, other.first) {
		return false
	}
	s, o := strings.Fields(sender.full), strings.Fields(other.full)
	return len(s) == 1 || strings.EqualFold(s[len(s)-1], o[len(o)-1])
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
	lang     *language
	v        *voice
	tone     string
	seed     uint64 // chooses the words
	factSeed uint64 // chooses the fact, whatever the tone and language
	slots    map[string]string
	neutral  bool // the voice's neutral body and pads, where it has them
}

// pick chooses a phrasing of p: among those whose slots are all filled, the
// ones naming the most profile facts; among them the facts to name (an
// event, a resource or a group) by a hash without the tone and language,
// and their words by one with them. ok is false when no phrasing fits (the
// sentence is then left out).
func (w *writer) pick(p part, salt int, facts bool) (string, bool) {
	best := -1
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
	if len(fits) == 0 {
		return "", false
	}
	var keys []string
	for _, v := range fits {
		if k := v.factKey(); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) > 1 {
		// Sorted, so that every language, whatever the order of its
		// phrasings, names the same fact for the same request.
		slices.Sort(keys)
		k := keys[mix(w.factSeed, salt)%uint64(len(keys))]
		fits = slices.DeleteFunc(fits, func(v variant) bool { return v.factKey() != k })
	}
	v := fits[mix(w.seed, salt)%uint64(len(fits))]
	return w.fill(v), true
}

// mix spreads a seed and a salt over 64 bits (splitmix64's finalizer).
func mix(seed uint64, salt int) uint64 {
	h := seed ^ (uint64(salt+1) * 0x9e3779b97f4a7c15)
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	return h
}

// factKey names the profile facts a phrasing uses ("event when"), sorted.
func (v variant) factKey() string {
	var fs []string
	for _, s := range v.slots {
		if known[s] && !slices.Contains(fs, s) {
			fs = append(fs, s)
		}
	}
	slices.Sort(fs)
	return strings.Join(fs, " ")
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
	parts, padding := w.v.body, w.v.pad
	if w.neutral && len(w.v.neutral) > 0 {
		parts, padding = w.v.neutral, w.v.neutralPad
	}
	add(w.v.thanks, 1)
	for i, p := range parts {
		add(p, 10+i)
	}
	for i := 0; i < pads && i < len(padding); i++ {
		// Pads are taken in turn from a hashed start so that two are never the same.
		j := (int(w.seed>>40) + i) % len(padding)
		body = append(body, w.fill(padding[j]))
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
