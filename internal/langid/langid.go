// Package langid tells the language of a message from its text, so that a
// reply can be written in it when the user's profile names no language. It
// is a small data table (langid.json: scripts and the commonest short words
// of each language), not a model: the reply languages are few and far
// apart, a networking message is a few sentences, and the table adds a few
// kilobytes to the WebAssembly build where a maintained detector's n-gram
// profiles would add megabytes.
package langid

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

//go:embed langid.json
var data []byte

// MaxBytes is how much of a message is read: its language shows in the
// first lines, and a long message costs no more than a short one.
const MaxBytes = 4 << 10

type script struct {
	lang     string
	from, to []rune
}

type table struct {
	langs   []string         // the languages of words, in file order
	words   map[string]uint8 // word → bit set of langs
	letters map[rune]uint8   // letter → bit set of langs
	scripts []script
}

var tab = load()

func load() *table {
	root := gjson.ParseBytes(data)
	t := &table{words: map[string]uint8{}, letters: map[rune]uint8{}}
	root.Get("words").ForEach(func(k, v gjson.Result) bool {
		bit := uint8(1) << len(t.langs)
		t.langs = append(t.langs, k.String())
		for _, w := range v.Array() {
			t.words[w.String()] |= bit
		}
		return true
	})
	root.Get("letters").ForEach(func(k, v gjson.Result) bool {
		for i, l := range t.langs {
			if l == k.String() {
				for _, r := range v.String() {
					t.letters[r] |= 1 << i
				}
			}
		}
		return true
	})
	for _, s := range root.Get("scripts").Array() {
		sc := script{lang: s.Get("lang").String()}
		for _, r := range s.Get("ranges").Array() {
			a, b, _ := strings.Cut(r.String(), "-")
			x, err1 := strconv.ParseUint(a, 16, 32)
			y, err2 := strconv.ParseUint(b, 16, 32)
			if err1 != nil || err2 != nil {
				panic("langid: bad range " + r.String()) // the embedded table is checked by its test
			}
			sc.from, sc.to = append(sc.from, rune(x)), append(sc.to, rune(y))
		}
		t.scripts = append(t.scripts, sc)
	}
	return t
}

// Detect returns the language of text: one of "en", "zh", "es", "fr", "de",
// "pt", or "" when it cannot tell (too little text, a tie, or a language politely
// does not write, such as Japanese or Russian). It never panics.
func Detect(text string) string {
	if len(text) > MaxBytes {
		text = text[:MaxBytes]
	}
	var score [8]int
	var scripts [16]int
	latin := 0
	var word [32]byte
	n := 0
	flush := func() {
		if n > 0 && n <= len(word) {
			if bits := tab.words[string(word[:n])]; bits != 0 { // no allocation: the map lookup converts in place
				for i := range tab.langs {
					if bits&(1<<i) != 0 {
						score[i]++
					}
				}
			}
		}
		n = 0
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'):
			latin++
			if n < len(word) {
				word[n] = byte(r) | 0x20
			}
			n++
		case r >= 0xC0 && r < 0x250 && unicode.IsLetter(r): // Latin letters with accents
			latin++
			r = unicode.ToLower(r)
			if bits := tab.letters[r]; bits != 0 {
				for k := range tab.langs {
					if bits&(1<<k) != 0 {
						score[k]++
					}
				}
			}
			if n+utf8.RuneLen(r) <= len(word) {
				utf8.EncodeRune(word[n:], r)
			}
			n += utf8.RuneLen(r)
		default:
			flush()
			if bits := tab.letters[r]; bits != 0 && r >= 0xA0 { // ¿ and ¡
				for k := range tab.langs {
					if bits&(1<<k) != 0 {
						score[k]++
					}
				}
			}
			if r >= 0x370 {
				for k, s := range tab.scripts {
					if s.has(r) && k < len(scripts) {
						scripts[k]++
						break
					}
				}
			}
		}
	}
	flush()
	// Scripts: a message mostly in one script other than Latin is in its
	// language. Kana beside Han characters make it Japanese, not Chinese.
	best, total := -1, 0
	for k, c := range scripts {
		total += c
		if c > 0 && (best < 0 || c > scripts[best]) {
			best = k
		}
	}
	if best >= 0 && total >= latin/2 {
		lang := tab.scripts[best].lang
		for k, s := range tab.scripts {
			if s.lang == "ja" && scripts[k] > 0 {
				lang = "ja"
			}
		}
		if lang == "zh" {
			return "zh"
		}
		return ""
	}
	// Words: the language with the most, at least two and clearly ahead.
	first, second := -1, 0
	for k := range tab.langs {
		if first < 0 || score[k] > score[first] {
			if first >= 0 {
				second = score[first]
			}
			first = k
		} else if score[k] > second {
			second = score[k]
		}
	}
	if first < 0 || score[first] < 2 || score[first]*2 < second*3 {
		return ""
	}
	return tab.langs[first]
}

func (s *script) has(r rune) bool {
	for k := range s.from {
		if s.from[k] <= r && r <= s.to[k] {
			return true
		}
	}
	return false
}
