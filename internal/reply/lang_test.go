package reply

import (
	"regexp"
	"testing"

	"politely/internal/model"
)

// The reply's language: the request's, else the profile's, else the
// message's (detected), else the interface's, else English.
func TestReplyLanguage(t *testing.T) {
	for _, c := range []struct{ lang, profile, detected, ui, want string }{
		{"", "", "", "", "en"},
		{"", "", "de", "", "de"},
		{"", "", "de", "fr", "de"},
		{"", "", "", "zh-CN", "zh"},
		{"", "", "", "pt-BR", "pt"},
		{"", "", "pt", "de", "pt"},
		{"", "", "", "it-IT", "en"},
		{"", "es", "de", "fr", "es"},
		{"fr", "es", "de", "zh", "fr"},
		{"", "", "ja", "es", "es"},
		// European Portuguese: chosen, or told by the interface for a
		// Portuguese message (or none), never by the message itself.
		{"pt-PT", "", "", "", "pt-PT"},
		{"pt_pt", "", "", "", "pt-PT"},
		{"", "PT-pt", "de", "", "pt-PT"},
		{"", "", "pt", "pt-PT", "pt-PT"},
		{"", "", "pt", "pt_PT", "pt-PT"},
		{"", "", "", "pt-PT", "pt-PT"},
		{"", "", "pt", "pt-BR", "pt"},
		{"", "", "de", "pt-PT", "de"},
		{"", "", "pt", "en", "pt"},
		// A region the replies do not tell apart is its language.
		{"pt-BR", "", "", "", "pt"},
		{"", "de-AT", "", "", "de"},
		{"ZH-cn", "", "", "", "zh"},
	} {
		r := model.Request{Text: "Could we have a quick call next week?", Lang: c.lang, UILang: c.ui, Profile: model.Profile{Lang: c.profile}}
		got, err := Write(r, model.Result{Verdict: model.Accept, Asks: []string{"meeting"}, Lang: c.detected})
		if err != nil || got.Lang != c.want {
			t.Errorf("%+v: reply in %q (%v), want %q", c, got.Lang, err, c.want)
		}
	}
}

// The reply's tone: the request's, else the profile's, else the message's
// register where the reply is in its language (Sie, usted, 您 get a formal
// reply), else warm.
func TestReplyRegister(t *testing.T) {
	for _, c := range []struct{ text, detected, lang, tone, profile, want string }{
		{"Guten Tag, ich würde Sie gern auf einen Kaffee einladen. Hätten Sie Zeit?", "de", "", "", "", "formal"},
		{"Hallo, hättest du Zeit für einen Kaffee? Ich würde mich freuen, dich kennenzulernen.", "de", "", "", "", "warm"},
		{"Sie hat mir von dir erzählt. Hast du Zeit für einen Kaffee?", "de", "", "", "", "warm"},     // Sie opens a sentence: she
		{"Hallo Herr Weber,\nSie wurden mir empfohlen. Hätten Sie Zeit?", "de", "", "", "", "formal"}, // the second Sie counts
		{"Ich würde Ihnen gern unser Angebot zeigen.", "de", "", "warm", "", "warm"},                  // the request's tone wins
		{"Ich würde Ihnen gern unser Angebot zeigen.", "de", "", "", "brief", "brief"},                // so does the profile's
		{"Ich würde Ihnen gern unser Angebot zeigen.", "de", "en", "", "", "warm"},                    // a reply in English: no register
		{"Ich würde Ihnen gern unser Angebot zeigen.", "", "de", "", "", "formal"},                    // language unknown, reply in German
		{"Me gustaría invitarle a un café. ¿Tendría usted tiempo la próxima semana?", "es", "", "", "", "formal"},
		{"¿Tienes tiempo para un café? Me encantaría conocerte.", "es", "", "", "", "warm"},
		{"您好，想请您喝杯咖啡，不知您下周是否有空？", "zh", "", "", "", "formal"},
		{"你好，下周有空一起喝咖啡吗？", "zh", "", "", "", "warm"},
		{"您好，我们想邀请你们团队参加活动。", "zh", "", "", "", "formal"}, // 你们 is plural, not familiar
		{"Prezado Robin, gostaria de convidá-lo para um café. O senhor teria disponibilidade na próxima semana?", "pt", "", "", "", "formal"},
		{"Oi Robin, tudo bem? Queria te convidar para um café na semana que vem.", "pt", "", "", "", "warm"},
		{"Olá, Robin! Você teria 15 minutos para uma conversa rápida?", "pt", "", "", "", "warm"},                    // você: neutral in Brazil
		{"Prezada Ana, a senhora teria um horário? Posso te mandar o convite por aqui.", "pt", "", "", "", "formal"}, // two formal, one familiar
		{"Prezado Robin, posso te ligar amanhã?", "pt", "", "", "", "warm"},                                          // as formal as familiar
		{"Bonjour, auriez-vous le temps pour un café ?", "fr", "", "", "", "warm"},                                   // French: vous in every tone
		{"Could you spare some time for a coffee? Sie.", "en", "", "", "", "warm"},
		{"", "de", "", "", "", "warm"},
	} {
		r := model.Request{Text: c.text, Lang: c.lang, Tone: c.tone, Profile: model.Profile{Tone: c.profile}}
		got, err := Write(r, model.Result{Verdict: model.DeclineDoorOpen, Asks: []string{"meeting"}, Lang: c.detected})
		if err != nil || got.Tone != c.want {
			t.Errorf("%q (%s): tone %q (%v), want %q", c.text, c.detected, got.Tone, err, c.want)
		}
	}
}

// Edge cases of the register's matching: whole words, capitals,
// sentence starts, odd bytes.
func TestMirror(t *testing.T) {
	g := register{formal: cues("Sie", "usted", "您"), familiar: cues("du", "你")}
	for _, c := range []struct{ text, want string }{
		{"Haben Sie Zeit", "formal"},
		{"Sie", ""},
		{"\"Sie\" sagte es", ""},
		{"Wann haben Sie und du Zeit, Sie?", "formal"},
		{"Wiesie Siegfried", ""},
		{"dus du Sie", ""},
		{"ustedes", ""},
		{"USTED", "formal"},
		{"您您你", "formal"},
		{"\xff\xfeSie \xff", "formal"}, // a broken byte is no letter and ends no sentence
		{"a\xffSie", "formal"},
	} {
		if got := g.mirror(c.text); got != c.want {
			t.Errorf("mirror(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// Portuguese marks gender in the participles and adjectives of thanks and
// address (obrigado/obrigada, prezado/prezada) and neither the writer's nor
// the reader's gender is known: no phrasing of pt.json or pt-PT.json may use such a form,
// nor a masculine pronoun for the reader (convidá-lo); and the formal tone
// writes without você or te. Every phrasing is read, not only those some
// request happens to choose.
func TestPortugueseNeutral(t *testing.T) {
	d, err := data()
	if err != nil {
		t.Fatal(err)
	}
	gendered := regexp.MustCompile(`(?i)(?:^|\P{L})(obrigad[oa]s?|ocupad[oa]s?|prezad[oa]s?|bem-vind[oa]s?|grat[oa]s?|agradecid[oa]s?|car[oa]|senhor|senhora|ambos|ambas|nós dois|nós duas|sozinh[oa]|interessad[oa]|convidad[oa]|honrad[oa]|animad[oa]|lisonjead[oa]|encantad[oa]|dispost[oa]|sobrecarregad[oa]|afastad[oa]|focad[oa]|atarefad[oa]|cansad[oa]|[a-zà-ú]+-los?)(?:\P{L}|$)`)
	familiar := regexp.MustCompile(`(?i)(?:^|\P{L})(você|vocês|te|tu|teu|tua)(?:\P{L}|$)`)
	// European Portuguese says none of Brazil's words or forms: no você
	// (in Portugal it can read as curt), no Oi, no gerund after estar.
	brazilian := regexp.MustCompile(`(?i)(?:^|\P{L})(oi|você|vocês|time|contato|contatos|fato|registro|celular|a gente|pra|tá|tô|est(?:ar|ou|á|ás|amos|ão|ava|ive|eve) [a-zà-ú]+ndo)(?:\P{L}|$)`)
	for _, lang := range []string{"pt", "pt-PT"} {
		n := 0
		pt, err := d.lang(lang)
		if err != nil {
			t.Fatal(err)
		}
		for sc, tones := range pt.voices {
			for tone, v := range tones {
				parts := []part{v.greet, v.greetAnon, v.thanks, v.wish, v.signoff, v.pad}
				parts = append(parts, v.body...)
				for _, p := range parts {
					for _, vr := range p {
						n++
						if m := gendered.FindStringSubmatch(vr.text); m != nil {
							t.Errorf("%s %s/%s: %q marks a gender (%s)", lang, sc, tone, vr.text, m[1])
						}
						if m := familiar.FindStringSubmatch(vr.text); m != nil && tone == "formal" {
							t.Errorf("%s %s/formal: %q says %s", lang, sc, vr.text, m[1])
						}
						if m := brazilian.FindStringSubmatch(vr.text); m != nil && lang == "pt-PT" {
							t.Errorf("pt-PT %s/%s: %q says %s, as Brazil does", sc, tone, vr.text, m[1])
						}
					}
				}
			}
		}
		if n < 500 {
			t.Errorf("%s: only %d phrasings read", lang, n)
		}
	}
	for _, s := range []string{"Oi, tudo bem?", "Estou trabalhando nisso.", "Obrigado pelo contato.", "Você pode?"} {
		if !brazilian.MatchString(s) {
			t.Errorf("Brazilian form missed in %q", s)
		}
	}
	// The check itself finds what it must.
	for _, s := range []string{"Muito obrigado pela mensagem.", "Prezada Ana,", "Estou ocupada.", "Gostaria de convidá-lo."} {
		if !gendered.MatchString(s) {
			t.Errorf("gendered form missed in %q", s)
		}
	}
}
