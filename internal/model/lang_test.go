package model

import "testing"

func TestLangTag(t *testing.T) {
	for _, c := range []struct{ tag, canonical, lang string }{
		{"pt-PT", "pt-PT", "pt"}, {"pt_pt", "pt-PT", "pt"}, {" PT-pt ", "pt-PT", "pt"}, {"ZH", "zh", "zh"}, {"zh_CN", "zh-CN", "zh"},
		{"de-at", "de-AT", "de"}, {"pt-", "pt-", "pt"}, {"", "", ""}, {"english", "english", "english"},
	} {
		if c2, l := LangTag(c.tag); c2 != c.canonical || l != c.lang {
			t.Errorf("LangTag(%q) = %q, %q; want %q, %q", c.tag, c2, l, c.canonical, c.lang)
		}
	}
}
