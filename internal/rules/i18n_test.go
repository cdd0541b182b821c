package rules

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

var (
	germanDu     = regexp.MustCompile(`\b(du|dich|dir|dein|deine|deinen|deiner)\b`)
	frenchSpace  = regexp.MustCompile(`[^\x{202f}][;:!?]|«[^\x{202f}]|[^\x{202f}]»`)
	chinesePunct = regexp.MustCompile(`\p{Han}[,:;!?()]|[,:;!?(]\p{Han}`)
	// Brazilian Portuguese quotes with “ ”, and the sender's gender is
	// unknown: "a pessoa", "quem escreve", never "o remetente", "ele" or "ela".
	portugueseQuote  = regexp.MustCompile(`[«»„"]`)
	portugueseGender = regexp.MustCompile(`(?i)\b(remetente|ele|ela|dele|dela|interessad[oa])\b`)
)

func TestLang(t *testing.T) {
	for _, c := range []struct{ ids, want string }{
		{"de", "de"}, {"de-AT", "de"}, {"zh_CN", "zh"}, {"zh-CN", "zh"}, {"ZH", "zh"}, {" fr ", "fr"},
		{"pt-BR", "pt"}, {"pt_BR", "pt"}, {"PT", "pt"}, {"pt-PT", "pt-PT"}, {"pt_PT", "pt-PT"}, {"PT-pt", "pt-PT"}, {"pt-AO", "pt"}, {"it-IT", "en"}, {"", "en"}, {"it,es", "es"}, {",de", "de"}, {"english", "en"},
	} {
		if got := Lang(strings.Split(c.ids, ",")...); got != c.want {
			t.Errorf("Lang(%q) = %q, want %q", c.ids, got, c.want)
		}
	}
}

// A label shown to the user without all its languages is refused, with the
// file, the label and the missing text.
func TestUntranslatedLabels(t *testing.T) {
	tr := func(skip string, fields string) string {
		var b []string
		for _, l := range Langs[1:] {
			if l != skip {
				b = append(b, `"`+l+`": {`+fields+`}`)
			}
		}
		return `{` + strings.Join(b, ", ") + `}`
	}
	tw := `"title": "T", "why": "W"`
	for _, c := range []struct{ pack, want string }{
		{`{"labels": [{"id": "x", "kind": "flag", "title": "X", "why": "Y"}]}`, `rule x: no translation i18n.zh.title`},
		{`{"labels": [{"id": "x", "kind": "flag", "title": "X", "why": "Y", "i18n": ` + tr("de", tw) + `}]}`, `rule x: no translation i18n.de.title`},
		{`{"labels": [{"id": "x", "kind": "ask", "title": "X", "why": "Y", "i18n": ` + tr("", `"title": "T"`) + `}]}`, `rule x: no translation i18n.zh.why`},
		{`{"labels": [{"id": "x", "kind": "flag", "title": "X", "why": "Y", "reason": "R", "i18n": ` + tr("", tw) + `}]}`, `rule x: no translation i18n.zh.reason`},
		{`{"labels": [{"id": "x", "kind": "cue", "why": "Y", "reason": "R", "i18n": ` + tr("fr", `"reason": "R"`) + `}]}`, `rule x: no translation i18n.fr.reason`},
		{`{"labels": [{"id": "x", "kind": "verdict", "title": "X", "why": "Y", "i18n": {"it": {}}}]}`, `rule x: i18n: unknown language "it"`},
		{`{"labels": [{"id": "x", "kind": "verdict", "title": "X", "why": "Y", "i18n": "de"}]}`, `"i18n" must be an object`},
		{`{"texts": [{"id": "plain", "en": "a", "zh": "b", "es": "c", "fr": "d"}]}`, `rule plain: no "de" text`},
		{`{"texts": [{"id": "plain", "en": "a", "zh": "b", "es": "c", "fr": "d", "de": "e"}]}`, `rule plain: no "pt" text`},
		{`{"texts": [{"id": "plainly", "en": "a"}]}`, `unknown text "plainly"`},
		{`{"texts": [{"id": "months", "en": "a", "zh": "b", "es": "c", "fr": "d", "de": "e", "pt": "f"}]}`, `en: 1 months, want 12`},
	} {
		_, err := Compile("mine.json", []byte(c.pack))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "mine.json") {
			t.Errorf("%s: error %v, want it to name mine.json and contain %q", c.pack, err, c.want)
		}
	}
	// The same label in every language is accepted.
	if _, err := Compile("mine.json", []byte(`{"labels": [{"id": "x", "kind": "flag", "title": "X", "why": "Y", "i18n": `+tr("", tw)+`}]}`)); err != nil {
		t.Fatal(err)
	}
}

// Every text the default pack shows is written in every language, and no
// translation was left as the English text.
func TestDefaultSpeaksEveryLanguage(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	en := p.Speech("en")
	for _, lang := range Langs[1:] {
		s := p.Speech(lang)
		if s.Lang != lang {
			t.Fatalf("Speech(%q).Lang = %q", lang, s.Lang)
		}
		for i, l := range p.Labels() {
			w, e := s.Labels[i], en.Labels[i]
			if l.Kind != KindCue && (w.Title == "" || w.Title == e.Title && lang != "de" || w.Inline == "") {
				t.Errorf("%s %s: title %q, inline %q", lang, l.ID, w.Title, w.Inline)
			}
			if e.Reason != "" && (w.Reason == "" || w.Reason == e.Reason) {
				t.Errorf("%s %s: reason %q", lang, l.ID, w.Reason)
			}
			if strings.Count(w.Reason, "{evidence}") != strings.Count(e.Reason, "{evidence}") || strings.Count(w.Reason, "{asks}") != strings.Count(e.Reason, "{asks}") {
				t.Errorf("%s %s: reason %q has other slots than %q", lang, l.ID, w.Reason, e.Reason)
			}
		}
	}
	// Each language's typography and register, as the replies keep them:
	// German says Sie, French sets a narrow no-break space before : ; ! ?
	// and inside « », Chinese uses full-width punctuation, Portuguese “ ”
	// and words that name no one's gender.
	for i, l := range p.Labels() {
		for _, lang := range Langs[1:] {
			w, e := p.Speech(lang).Labels[i], en.Labels[i]
			for _, s := range []string{w.Title, w.Why, w.Reason} {
				if s == e.Why { // a cue's explanation, never shown, stays English
					continue
				}
				if lang == "de" && germanDu.MatchString(s) || lang == "fr" && frenchSpace.MatchString(s) || lang == "zh" && chinesePunct.MatchString(s) ||
					lang == "pt" && (portugueseQuote.MatchString(s) || portugueseGender.MatchString(s)) {
					t.Errorf("%s %s: %q", lang, l.ID, s)
				}
			}
		}
	}
	for id, f := range p.Speech("pt").textFields() {
		if portugueseQuote.MatchString(*f) || portugueseGender.MatchString(*f) {
			t.Errorf("pt %s: %q", id, *f)
		}
	}
	c := p.Catalog("de-DE")
	if c.Lang != "de" || c.Verdicts[2].Title != "Klares Nein" || c.Flags[0].Title != "Verkaufsabsicht" {
		t.Errorf("German catalog: %s %+v %+v", c.Lang, c.Verdicts[2], c.Flags[0])
	}
	if c := p.Catalog("pt-BR"); c.Lang != "pt" || c.Verdicts[2].Title != "Um não firme" || c.Flags[0].Title != "Oferta comercial" {
		t.Errorf("Portuguese catalog: %s %+v %+v", c.Lang, c.Verdicts[2], c.Flags[0])
	}
	if c := p.Catalog("it"); c.Lang != "en" || c.Flags[0].Title != "Selling" {
		t.Errorf("a language politely does not speak: %s %+v", c.Lang, c.Flags[0])
	}
}

// European Portuguese (pt-PT) is Portuguese written in Portugal: the words
// it writes differ from Brazil's where Portugal says them otherwise, and
// none of Brazil's forms is left in what it shows (você, contato, equipe,
// ruim, a gerund after estar). Where it writes nothing, Brazil's text
// stands, and a text it writes is never Brazil's own again.
func TestEuropeanPortuguese(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	brazilian := regexp.MustCompile(`(?i)\b(você|vocês|contato|contatos|equipe|ruim|registra|olhada)\b|\b(está|estou|estão|estar) \p{L}+ndo\b`)
	pt, eu := p.Speech("pt"), p.Speech("pt-PT")
	if eu.Lang != "pt-PT" {
		t.Fatalf("Speech(pt-PT).Lang = %q", eu.Lang)
	}
	differs := 0
	for i, l := range p.Labels() {
		w, b := eu.Labels[i], pt.Labels[i]
		for _, s := range []string{w.Title, w.Why, w.Reason, w.Inline} {
			if s != p.Speech("en").Labels[i].Why && (brazilian.MatchString(s) || portugueseQuote.MatchString(s) || portugueseGender.MatchString(s)) {
				t.Errorf("pt-PT %s: %q", l.ID, s)
			}
		}
		if w != b {
			differs++
		}
	}
	for id, f := range eu.textFields() {
		if brazilian.MatchString(*f) || portugueseQuote.MatchString(*f) || portugueseGender.MatchString(*f) {
			t.Errorf("pt-PT %s: %q", id, *f)
		}
	}
	if differs < 10 {
		t.Errorf("pt-PT differs from pt in %d labels: its translations were not read", differs)
	}
	if eu.Months[0] != pt.Months[0] {
		t.Errorf("pt-PT months %q: written as pt writes them, they should be pt's", eu.Months)
	}
	// The files: a pt-PT text is never pt's own again.
	for _, name := range []string{"pack/labels.json", "pack/texts.json"} {
		b, err := packFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var walk func(v gjson.Result)
		walk = func(v gjson.Result) {
			if v.IsObject() && v.Get("pt-PT").Exists() && v.Get("pt-PT").Raw == v.Get("pt").Raw {
				t.Errorf("%s: a pt-PT text repeats pt's: %s", name, v.Get("pt-PT").Raw)
			}
			if v.IsObject() && v.Get("pt-PT").IsObject() {
				v.Get("pt-PT").ForEach(func(k, x gjson.Result) bool {
					if x.String() == v.Get("pt").Get(k.String()).String() {
						t.Errorf("%s: pt-PT %s repeats pt's %q", name, k.String(), x.String())
					}
					return true
				})
			}
			if v.IsObject() || v.IsArray() { // ForEach gives a plain value itself
				v.ForEach(func(_, x gjson.Result) bool {
					walk(x)
					return true
				})
			}
		}
		walk(gjson.ParseBytes(b))
	}
	// A user's pack may leave pt-PT out: Brazil's words stand for it.
	c, err := Compile("mine.json", []byte(`{"labels": [{"id": "x", "kind": "flag", "title": "X", "why": "Y", "i18n": {"zh": {"title": "甲", "why": "乙"}, "es": {"title": "T", "why": "W"}, "fr": {"title": "T", "why": "W"}, "de": {"title": "T", "why": "W"}, "pt": {"title": "Contato", "why": "W"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range c.Labels() {
		if l.ID == "x" && (c.Speech("pt-PT").Labels[i].Title != "Contato" || c.Speech("pt-PT").Labels[i].Inline != "contato") {
			t.Errorf("pt-PT left out: %+v, want pt's", c.Speech("pt-PT").Labels[i])
		}
	}
	if c := p.Catalog("pt-PT"); c.Lang != "pt-PT" || c.Flags[0].Why == p.Catalog("pt").Flags[0].Why {
		t.Errorf("European Portuguese catalog: %s %+v", c.Lang, c.Flags[0])
	}
}
