package model

import (
	"slices"
	"strings"
)

// LangTag reads a language tag as politely writes its languages: the tag
// itself ("pt_pt" and " PT-pt" are "pt-PT", "ZH" is "zh") and its language
// without the region ("pt" for "pt-PT", "zh" for "zh_CN"). The replies,
// the engine's texts and the lint each speak some of these languages; one
// reading of a tag serves them all, so that "pt_PT" means the same to each.
func LangTag(tag string) (canonical, lang string) {
	l, region, ok := strings.Cut(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"), "-")
	l = strings.ToLower(l)
	if !ok {
		return l, l
	}
	return l + "-" + strings.ToUpper(region), l
}

// Supported is the language of langs a tag asks for: itself when langs has
// it ("pt-PT"), else its language without the region ("pt-BR" is "pt",
// "de-AT" "de"); a tag of no language in langs is returned as LangTag writes
// it, for the caller to refuse by name.
func Supported(tag string, langs []string) string {
	c, l := LangTag(tag)
	if !slices.Contains(langs, c) && slices.Contains(langs, l) {
		return l
	}
	return c
}
