package assess

import (
	"reflect"
	"strings"
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
		"Invest just $500, earn 20% weekly: $2k/month, 1.450€ or ¥ 300",
	} {
		f.Add(s)
	}
	p := pack(f)
	w := NewWorker(p) // one for the whole run: each text judged over the last one's result
	f.Fuzz(func(t *testing.T, s string) {
		res := Assess(p, model.Request{Text: s})
		if got := w.Assess(model.Request{Text: s}); !reflect.DeepEqual(got, res) {
			t.Fatalf("Worker.Assess =\n%+v\nAssess =\n%+v", got, res)
		}
		sameScores(t, p, s)
		// Explain judges the same text its own way: the same scores, and
		// every contribution's text is a piece of the message.
		for _, e := range Explain(p, model.Request{Text: s}, 8) {
			for _, c := range e.Top {
				if !strings.Contains(s, c.Text) {
					t.Fatalf("%s: contribution %q is not in the text", e.ID, c.Text)
				}
			}
			for _, sc := range res.Scores.List() {
				if sc.ID == e.ID && sc.Score != e.Score {
					t.Fatalf("%s: Explain scores %v, Assess %v", e.ID, e.Score, sc.Score)
				}
			}
		}
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
