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
