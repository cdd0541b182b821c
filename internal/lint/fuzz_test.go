package lint

import (
	"sort"
	"testing"
)

// FuzzCheck: Check never panics, and every finding has offsets on UTF-16
// boundaries inside the text with Issue.Text equal to that slice, in order.
func FuzzCheck(f *testing.F) {
	for _, c := range cases {
		f.Add(c.text, c.lang)
	}
	for lang, text := range clean {
		f.Add(text, lang)
	}
	f.Add("\xff\xfe[Name] sorry sorry 🙏🏽", "en")
	f.Add("\u200b\u200d谢谢\u00a0", "zh")
	f.Add("", "")
	f.Add("{{", "xx")
	f.Fuzz(func(t *testing.T, text, lang string) {
		got, err := Check(text, lang)
		if err != nil {
			return // only an unsupported language errs; TestLang checks the error
		}
		if !sort.SliceIsSorted(got, func(i, j int) bool { return got[i].Start < got[j].Start }) {
			t.Fatalf("findings out of order: %v", got)
		}
		for _, is := range got {
			if is.ID == "" || is.Message == "" {
				t.Fatalf("empty id or message: %+v", is)
			}
			checkSpan(t, text, is)
		}
		_ = Words(text)
		_ = Declines(text)
	})
}

func BenchmarkCheck(b *testing.B) {
	text := clean["en"] + "\n\nP.S. I'm so sorry, and sorry again: I can't because of work, and also travel, plus family. Let's definitely catch up soon!"
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(text, "en"); err != nil {
			b.Fatal(err)
		}
	}
}
