package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"politely/internal/model"
)

// Langs are the languages every text a user sees is written in: the
// labels' titles, explanations and reasons, and the engine's own sentences
// around them. The first is the base, written in a label's own fields; the
// others come from its "i18n" object. They are the reply languages
// (Portuguese is Brazilian, pt-PT European), so the extension can speak
// the same language as the reply it writes. A new language goes at the
// end: the order is the catalog's and the tests'.
var Langs = []string{"en", "zh", "es", "fr", "de", "pt", "pt-PT"}

// variant returns the language a regional variant among Langs is written
// as (pt for pt-PT): a variant writes only the texts that differ (a
// European Portuguese "contacto" where Brazil writes "contato"), and the
// rest is its language's, which comes before it in Langs. false: a
// language of its own.
func variant(lang string) (string, bool) {
	c, l := model.LangTag(lang)
	return l, c != l
}

// Words are a label's texts in one language.
type Words struct {
	Title  string
	Why    string
	Reason string // the verdict reason template, "" when none
	Inline string // the title inside a sentence: "a referral", "eine Empfehlung", "内推"
}

// Speech is everything the engine writes in one language: the labels' words
// by label position and the sentences of texts.json.
type Speech struct {
	Lang   string
	Labels []Words

	FullStop        string // ends a sentence the engine completes
	TitleSep        string // "Selling: …"
	LowerAfterTitle bool   // the reason after a title goes on in lower case (French, Spanish, Portuguese)
	ListSep, And    string // "a, b and c"
	QuoteOpen       string
	QuoteClose      string
	Favour          string // {asks} when no favour is named
	Softened        string
	TooShort        string
	Plain           string
	GoodSigns       string // {signals}
	FromContext     string // {src}
	CtxDeclined     string
	CtxNegative     string // {name}
	CtxNote         string // {note}
	CtxBadNote      string // {name}, {note}
	CtxBreak        string // {date}
	CtxCapacity     string // {asked}, {committed}, {capacity}
	CtxExpert       string // {topic}, {name}
	CtxNoExpertise  string // {expertise}
	Hour            string
	Hours           string // {n}
	HoursBelowTwo   string // {n}
	Decimal         string
	Date            string // {d}, {month}, {m}, {y}
	FirstDay        string
	Months          []string
}

// textFields names the fields of a Speech as texts.json spells them.
func (s *Speech) textFields() map[string]*string {
	return map[string]*string{
		"full_stop": &s.FullStop, "title_sep": &s.TitleSep, "list_sep": &s.ListSep, "and": &s.And,
		"quote_open": &s.QuoteOpen, "quote_close": &s.QuoteClose, "a_favour": &s.Favour,
		"softened": &s.Softened, "too_short": &s.TooShort, "plain": &s.Plain, "good_signs": &s.GoodSigns,
		"from_context": &s.FromContext, "ctx_declined": &s.CtxDeclined, "ctx_negative": &s.CtxNegative,
		"ctx_note": &s.CtxNote, "ctx_bad_note": &s.CtxBadNote, "ctx_break": &s.CtxBreak,
		"ctx_capacity": &s.CtxCapacity, "ctx_expert": &s.CtxExpert, "ctx_no_expertise": &s.CtxNoExpertise,
		"hour": &s.Hour, "hours": &s.Hours, "hours_below_two": &s.HoursBelowTwo, "decimal": &s.Decimal,
		"date": &s.Date, "first_day": &s.FirstDay,
	}
}

// Two texts are not plain strings.
const (
	textAfterTitle = "after_title" // "upper" or "lower"
	textMonths     = "months"      // twelve names separated by |
)

// Lang returns the first of ids that names one of Langs ("de-AT", "zh_CN"
// and "ZH" name "de" and "zh"; "pt_PT" names "pt-PT", "pt-BR" names "pt"),
// else the base language. A browser reports whatever language its user
// chose, so an unknown one falls back rather than fails.
func Lang(ids ...string) string {
	for _, id := range ids {
		if id == "" {
			continue // most requests name no language: no need to read it
		}
		c, l := model.LangTag(id)
		if slices.Contains(Langs, c) {
			return c
		}
		if slices.Contains(Langs, l) {
			return l
		}
	}
	return Langs[0]
}

// Speech returns the pack's texts in lang (as Lang reads it).
func (p *Pack) Speech(lang string) *Speech {
	lang = Lang(lang)
	for i := range p.speech {
		if p.speech[i].Lang == lang {
			return &p.speech[i]
		}
	}
	return &p.speech[0]
}

// addI18n reads a label's "i18n" object. A label a user sees must be
// written in every language: a title and why for flags, signals, asks and
// verdicts, and its reason template wherever the base has one. A missing
// translation is refused here, with the file and the label, rather than
// shown in English in the middle of a German panel.
func addI18n(file string, l *Label, v gjson.Result) error {
	if v.Exists() && !v.IsObject() {
		return &Error{File: file, Rule: l.ID, Msg: `"i18n" must be an object of languages`}
	}
	var bad error
	v.ForEach(func(k, _ gjson.Result) bool {
		if Lang(k.String()) != k.String() || k.String() == Langs[0] {
			bad = &Error{File: file, Rule: l.ID, Msg: fmt.Sprintf("i18n: unknown language %q (translations: %s)", k.String(), strings.Join(Langs[1:], ", "))}
			return false
		}
		return true
	})
	if bad != nil {
		return bad
	}
	l.I18n = map[string]Words{}
	for _, lang := range Langs[1:] {
		t := v.Get(lang)
		if t.Exists() && !t.IsObject() {
			return &Error{File: file, Rule: l.ID, Msg: fmt.Sprintf(`i18n.%s must be an object of texts (%s)`, lang, strings.Join(wordsKeys, ", "))}
		}
		if err := checkKeys(file, l.ID, "i18n."+lang, t, wordsKeys); err != nil {
			return err
		}
		w := Words{Title: t.Get("title").String(), Why: t.Get("why").String(), Reason: t.Get("reason").String(), Inline: t.Get("inline").String()}
		if base, ok := variant(lang); ok {
			// What the variant does not write is its language's.
			b := l.I18n[base]
			w = Words{Title: or(w.Title, b.Title), Why: or(w.Why, b.Why), Reason: or(w.Reason, b.Reason), Inline: or(w.Inline, b.Inline)}
			if t.Get("title").Exists() && !t.Get("inline").Exists() {
				w.Inline = "" // its own title makes its own inline form
			}
		}
		need := []struct{ field, base, got string }{{"reason", l.Reason, w.Reason}}
		if l.Kind != KindCue {
			need = append(need, struct{ field, base, got string }{"title", l.Title, w.Title}, struct{ field, base, got string }{"why", l.Why, w.Why})
		}
		for _, n := range need {
			if n.base != "" && strings.TrimSpace(n.got) == "" {
				return &Error{File: file, Rule: l.ID, Msg: fmt.Sprintf("no translation i18n.%s.%s: a label is written in every language (%s)", lang, n.field, strings.Join(Langs, ", "))}
			}
		}
		l.I18n[lang] = w
	}
	return nil
}

// addTexts reads texts.json: the engine's sentences, each in every language.
func (d *draft) addTexts(file string, v gjson.Result) error {
	if !v.Exists() {
		return nil
	}
	if !v.IsArray() {
		return &Error{File: file, Msg: `"texts" must be an array`}
	}
	known := (&Speech{}).textFields()
	for i, t := range v.Array() {
		id := t.Get("id").String()
		if _, ok := known[id]; !ok && id != textAfterTitle && id != textMonths {
			return &Error{File: file, Rule: fmt.Sprintf("texts[%d]", i), Msg: fmt.Sprintf("unknown text %q", id)}
		}
		if err := checkKeys(file, id, "", t, textKeys); err != nil {
			return err
		}
		if d.texts == nil {
			d.texts = map[string]map[string]string{}
		}
		byLang := map[string]string{}
		for _, lang := range Langs {
			s := t.Get(lang)
			if base, ok := variant(lang); ok && !s.Exists() {
				byLang[lang] = byLang[base] // written as its language writes it
				continue
			}
			if s.Type != gjson.String || s.String() == "" {
				return &Error{File: file, Rule: id, Msg: fmt.Sprintf("no %q text: every text is written in every language (%s)", lang, strings.Join(Langs, ", "))}
			}
			byLang[lang] = s.String()
		}
		for _, lang := range Langs { // in order, so that the error names the first
			s := byLang[lang]
			if id == textAfterTitle && s != "upper" && s != "lower" {
				return &Error{File: file, Rule: id, Msg: fmt.Sprintf("%s: %q is not \"upper\" or \"lower\"", lang, s)}
			}
			if n := len(strings.Split(s, "|")); id == textMonths && n != 12 {
				return &Error{File: file, Rule: id, Msg: fmt.Sprintf("%s: %d months, want 12 separated by |", lang, n)}
			}
		}
		d.texts[id] = byLang
	}
	return nil
}

// speak builds the pack's Speech in every language. A complete pack (not a
// user's partial one) must hold every text the engine writes.
func (p *Pack) speak(texts map[string]map[string]string, partial bool) error {
	p.texts = texts
	p.speech = make([]Speech, len(Langs))
	for k, lang := range Langs {
		s := &p.speech[k]
		s.Lang = lang
		s.Labels = make([]Words, len(p.labels))
		for i, l := range p.labels {
			w := Words{Title: l.Title, Why: l.Why, Reason: l.Reason, Inline: strings.ToLower(l.Title)}
			if t, ok := l.I18n[lang]; ok && lang != Langs[0] {
				w = t
				if w.Inline == "" {
					w.Inline = lowerFirst(w.Title)
				}
				// A cue's explanation is never shown; its English one stands in.
				if w.Why == "" {
					w.Why = l.Why
				}
			}
			s.Labels[i] = w
		}
		for id, f := range s.textFields() {
			*f = texts[id][lang]
			if *f == "" && !partial {
				return &Error{File: "texts", Rule: id, Msg: fmt.Sprintf("missing text %q in %s", id, lang)}
			}
		}
		s.LowerAfterTitle = texts[textAfterTitle][lang] == "lower"
		if m := texts[textMonths][lang]; m != "" {
			s.Months = strings.Split(m, "|")
		} else if !partial {
			return &Error{File: "texts", Rule: textMonths, Msg: "missing months in " + lang}
		}
	}
	return nil
}

// or is a, or b when a is empty.
func or(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// lowerFirst lower-cases the first letter only, so that a German noun
// further on keeps its capital ("Gemeinsamer Kontakt" → "gemeinsamer Kontakt").
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
