package reply

import (
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
		{"", "", "", "pt-BR", "en"},
		{"", "es", "de", "fr", "es"},
		{"fr", "es", "de", "zh", "fr"},
		{"", "", "ja", "es", "es"},
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
		{"您好，我们想邀请你们团队参加活动。", "zh", "", "", "", "formal"},                          // 你们 is plural, not familiar
		{"Bonjour, auriez-vous le temps pour un café ?", "fr", "", "", "", "warm"}, // French: vous in every tone
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
