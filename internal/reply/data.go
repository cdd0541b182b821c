package reply

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/tidwall/gjson"
)

//go:embed data/*.json
var files embed.FS

// known lists every slot a phrasing may use. The facts are the ones that
// come from the profile: a phrasing using them is preferred when they are
// filled (the reply should use what the user configured) and never chosen
// when they are not (the reply must not invent them).
var known = map[string]bool{
	"first": false, "full": false, "sig": false, "minutes": false,
	"event": true, "when": true, "resource": true, "url": true, "group": true,
	"group_url": true, "expert": true, "topic": true, "date": true, "company": true,
}

// variant is one phrasing of a sentence (or of a greeting or sign-off).
type variant struct {
	text  string
	slots []string
	facts int // how many profile facts it uses
}

// part is a sentence slot filled by one of several phrasings.
type part []variant

// voice is everything needed to write one scenario in one tone and language.
type voice struct {
	greet, greetAnon, thanks, wish, signoff, pad part
	body                                         []part
	// neutral and neutralPad replace body and pad where a reply must stay
	// neutral (acknowledging someone the user keeps away); most voices
	// have none.
	neutral    []part
	neutralPad part
}

// language is the compiled data of one language file.
type language struct {
	sep      string // between sentences: " ", or "" for Chinese
	months   []string
	date     string // "{month} {day}"
	dateYear string // "{month} {day}, {year}"
	dayOne   string // how the first of the month is written ("1er"), "" for "1"
	voices   map[string]map[string]*voice
	reg      register // how its messages address the reader (register.go)
}

// common is the language-independent data: scenario cues in every language.
type common struct {
	introOffer  []string
	nearMeeting float64 // a meeting score at which a message asks for one, though the ask does not hold
	sureEvent   float64 // an event score under which an event asked is only named
}

type compiled struct {
	langs  map[string]func() (*language, error) // each compiled when first asked for
	common common
}

// lang is language l's phrasings, compiled on first use: a reply is in one
// language, and compiling all six made the first reply after a start
// (inside WebAssembly) some 20 ms slower. The tests compile every one.
func (d *compiled) lang(l string) (*language, error) {
	f, ok := d.langs[l]
	if !ok {
		return nil, fmt.Errorf("reply: no language %q", l)
	}
	return f()
}

// data reads the embedded common phrasings once, and readies every
// language's. They are part of the binary, so an error is a defect the
// tests catch; Write reports it rather than panic.
var data = sync.OnceValues(func() (*compiled, error) {
	out := &compiled{langs: map[string]func() (*language, error){}}
	b, err := files.ReadFile("data/common.json")
	if err != nil {
		return nil, err
	}
	if !gjson.ValidBytes(b) {
		return nil, fmt.Errorf("reply: data/common.json is not valid JSON")
	}
	out.common.nearMeeting = gjson.GetBytes(b, "near_meeting").Float()
	out.common.sureEvent = gjson.GetBytes(b, "sure_event").Float()
	for _, s := range gjson.GetBytes(b, "intro_offer").Array() {
		out.common.introOffer = append(out.common.introOffer, normalize(s.String()))
	}
	for _, lang := range Langs() {
		out.langs[lang] = sync.OnceValues(func() (*language, error) { return compileLang(lang) })
	}
	return out, nil
})

func compileLang(lang string) (*language, error) {
	name := "data/" + lang + ".json"
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if !gjson.ValidBytes(b) {
		return nil, fmt.Errorf("reply: %s is not valid JSON", name)
	}
	v := gjson.ParseBytes(b)
	l := &language{
		sep:      v.Get("sep").String(),
		date:     v.Get("date").String(),
		dateYear: v.Get("date_year").String(),
		dayOne:   v.Get("day_one").String(),
		voices:   map[string]map[string]*voice{},
	}
	if !v.Get("sep").Exists() {
		l.sep = " "
	}
	words := func(key string) (out []string) {
		for _, w := range v.Get(key).Array() {
			out = append(out, w.String())
		}
		return out
	}
	l.reg = register{formal: cues(words("register.formal")...), familiar: cues(words("register.familiar")...)}
	l.months = words("months")
	if len(l.months) != 12 || l.date == "" || l.dateYear == "" {
		return nil, fmt.Errorf("reply: %s needs 12 months, date and date_year", name)
	}
	var perr error
	compilePart := func(where string, r gjson.Result) part {
		var p part
		for _, s := range r.Array() {
			t := s.String()
			vr := variant{text: t}
			for _, slot := range slotsOf(t) {
				fact, ok := known[slot]
				if !ok && perr == nil {
					perr = fmt.Errorf("reply: %s %s: unknown slot {%s} in %q", name, where, slot, t)
				}
				vr.slots = append(vr.slots, slot)
				if fact {
					vr.facts++
				}
			}
			p = append(p, vr)
		}
		return p
	}
	// Each object is read once into a map: a gjson path is found by
	// reading the document from its start, and asking for every scenario
	// and tone by path read the whole file some 400 times, which made the
	// first reply after a start (inside WebAssembly) 46 ms slower.
	tones, scenarios := fields(v.Get("tones")), map[string]map[string]gjson.Result{}
	for sc, r := range fields(v.Get("scenarios")) {
		scenarios[sc] = fields(r)
	}
	for _, tone := range Tones() {
		base, ok := tones[tone]
		if !ok {
			return nil, fmt.Errorf("reply: %s has no tone %q", name, tone)
		}
		baseParts := fields(base)
		for _, sc := range Scenarios() {
			s, ok := scenarios[sc][tone]
			if !ok {
				return nil, fmt.Errorf("reply: %s has no %s.%s", name, sc, tone)
			}
			parts := fields(s)
			where := sc + "." + tone
			pick := func(key string) part {
				if r, ok := parts[key]; ok {
					return compilePart(where+"."+key, r)
				}
				return compilePart("tones."+tone+"."+key, baseParts[key])
			}
			vc := &voice{
				greet: pick("greet"), greetAnon: pick("greet_anon"), thanks: pick("thanks"),
				wish: pick("wish"), signoff: pick("signoff"), pad: pick("pad"),
			}
			for i, b := range parts["body"].Array() {
				vc.body = append(vc.body, compilePart(fmt.Sprintf("%s.body.%d", where, i), b))
			}
			if n, ok := parts["neutral"]; ok {
				nf := fields(n)
				for i, b := range nf["body"].Array() {
					vc.neutral = append(vc.neutral, compilePart(fmt.Sprintf("%s.neutral.body.%d", where, i), b))
				}
				vc.neutralPad = compilePart(where+".neutral.pad", nf["pad"])
				if len(vc.neutral) == 0 || len(vc.neutralPad) == 0 {
					return nil, fmt.Errorf("reply: %s %s: neutral needs body and pad", name, where)
				}
			}
			if err := vc.check(); err != nil {
				return nil, fmt.Errorf("reply: %s %s: %v", name, where, err)
			}
			if l.voices[sc] == nil {
				l.voices[sc] = map[string]*voice{}
			}
			l.voices[sc][tone] = vc
		}
	}
	return l, perr
}

// slotsOf lists the slots of a phrasing in order: each {name} of lower-case
// letters and underscores (what the regular expression `\{([a-z_]+)\}`
// finds, read without one: the phrasings are thousands).
func slotsOf(t string) []string {
	var out []string
	for i := 0; i < len(t); i++ {
		if t[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(t) && (t[j] >= 'a' && t[j] <= 'z' || t[j] == '_') {
			j++
		}
		if j > i+1 && j < len(t) && t[j] == '}' {
			out = append(out, t[i+1:j])
			i = j
		}
	}
	return out
}

// fields reads the members of a JSON object, once; none when r is no
// object. A key written twice keeps its first value, as a gjson path finds.
func fields(r gjson.Result) map[string]gjson.Result {
	m := map[string]gjson.Result{}
	if !r.IsObject() {
		return m
	}
	r.ForEach(func(k, v gjson.Result) bool {
		if _, ok := m[k.String()]; !ok {
			m[k.String()] = v
		}
		return true
	})
	return m
}

// check makes sure a reply can always be written without profile facts and
// without a name: every part has a phrasing that needs neither.
func (v *voice) check() error {
	need := map[string]part{"greet_anon": v.greetAnon, "thanks": v.thanks, "wish": v.wish, "pad": v.pad}
	for i, b := range v.body {
		need[fmt.Sprintf("body.%d", i)] = b
	}
	for i, b := range v.neutral {
		need[fmt.Sprintf("neutral.body.%d", i)] = b
	}
	if len(v.neutral) > 0 {
		need["neutral.pad"] = v.neutralPad
	}
	for k, p := range need {
		ok := false
		for _, vr := range p {
			plain := true
			for _, s := range vr.slots {
				if s != "minutes" {
					plain = false
				}
			}
			ok = ok || plain
		}
		if !ok {
			return fmt.Errorf("%s has no phrasing that works without a name or profile facts", k)
		}
	}
	if len(v.body) == 0 || len(v.greet) == 0 || len(v.signoff) == 0 {
		return fmt.Errorf("needs body, greet and signoff")
	}
	for _, vr := range v.signoff {
		if !strings.Contains(vr.text, "{sig}") {
			return fmt.Errorf("signoff %q lacks {sig}", vr.text)
		}
	}
	return nil
}
