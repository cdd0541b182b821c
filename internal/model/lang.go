package model

import "strings"

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
