package assess

import (
	"testing"
	"unicode/utf8"

	"politely/internal/model"
	"politely/internal/text"
)

// FuzzAssess: any text gives a result whose evidence lies inside the text, on
// UTF-16 boundaries, and equals its slice; it never panics.
func FuzzAssess(f *testing.F) {
	for _, s := range []string{
		"We help companies like yours. Worth a 15-minute demo?",
		"<p>Hi&nbsp;there</p><script>x</script>&#x1F600; pick your brain?",
		"🎉 I'm not selling anything, no referral needed",
		"\xff\xfe\xfd could you refer me",
		"sel\u200bling 15-20 min call $25/hr",
		"a ~ b {x|y} # * \u202e",
	} {
		f.Add(s)
	}
	p := pack(f)
	f.Fuzz(func(t *testing.T, s string) {
		res := Assess(p, model.Request{Text: s})
		sameScores(t, p, s)
		if !utf8.ValidString(s) {
			return // offsets count each bad byte as one unit, as U+FFFD would
		}
		checkResult(t, s, res)
		n := text.Len16(s)
		for _, f := range res.Flags {
			for _, e := range f.Evidence {
				if e.End > n {
					t.Fatal("out of range")
				}
			}
		}
	})
}
