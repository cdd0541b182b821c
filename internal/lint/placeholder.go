package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// placeholders finds what a template left unfilled: a name between
// brackets ("[Name]", "{{first_name}}", "【姓名】") or a word that stands
// for one ("XXX", "TODO"). They are data (data/common.json, and a
// language's own in data/LANG.json), read into this small finder rather
// than regular expressions: package regexp and the Unicode tables it
// brings were some 120 KB of the gzipped WebAssembly build the extension loads
// after every restart of its worker, for nine patterns this simple.
type placeholders struct {
	brackets []bracket
	words    []string // whole words, as ASCII letters, digits and '_' delimit them
}

// bracket is one kind of bracketed placeholder: open, then min to max
// characters, then close. The characters are any but a line break and the
// first character of open or close, or, where first and rest are set, the
// first from first and the others from rest.
type bracket struct {
	open, close string
	min, max    int
	first, rest runeSet
}

// runeSet is a set of characters written as in a regexp class without its
// brackets: "A-Za-z_" (nil: not set).
type runeSet [][2]rune

// parseSet reads a set; an empty string is no set.
func parseSet(s string) (runeSet, error) {
	var set runeSet
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		lo, hi := rs[i], rs[i]
		if i+2 < len(rs) && rs[i+1] == '-' {
			hi = rs[i+2]
			i += 2
		}
		if hi < lo {
			return nil, fmt.Errorf("range %c-%c runs backwards", lo, hi)
		}
		set = append(set, [2]rune{lo, hi})
	}
	return set, nil
}

func (s runeSet) has(r rune) bool {
	for _, g := range s {
		if g[0] <= r && r <= g[1] {
			return true
		}
	}
	return false
}

// parsePlaceholders reads the placeholders of one data file (where names
// it in errors); a file without them gives none.
func parsePlaceholders(v gjson.Result, where string) (placeholders, error) {
	var p placeholders
	for i, b := range v.Get("brackets").Array() {
		open, close := b.Get("open").String(), b.Get("close").String()
		br := bracket{open: open, close: close, min: int(b.Get("min").Int()), max: int(b.Get("max").Int())}
		var err error
		if br.first, err = parseSet(b.Get("first").String()); err == nil {
			br.rest, err = parseSet(b.Get("rest").String())
		}
		switch {
		case err != nil:
		case open == "" || close == "":
			err = fmt.Errorf("needs both open and close")
		case br.min < 0 || br.max < br.min || br.max > 200:
			err = fmt.Errorf("needs 0 <= min <= max <= 200 (min %d, max %d)", br.min, br.max)
		case (br.first == nil) != (br.rest == nil):
			err = fmt.Errorf("needs both first and rest, or neither")
		}
		if err != nil {
			return placeholders{}, fmt.Errorf("lint: %s placeholders.brackets[%d]: %v", where, i, err)
		}
		p.brackets = append(p.brackets, br)
	}
	for _, w := range v.Get("words").Array() {
		s := w.String()
		if s == "" || strings.IndexFunc(s, func(r rune) bool { return !WordByte(r) }) >= 0 {
			return placeholders{}, fmt.Errorf("lint: %s placeholders.words: %q is not one word of ASCII letters, digits or '_'", where, s)
		}
		p.words = append(p.words, s)
	}
	return p, nil
}

// WordByte reports whether r is an ASCII letter, digit or '_', what a
// regular expression's \w reads: a word placeholder is made of them
// ("XXX-XXX" is two, "TODOs" none), and the replies end a tag's name where
// the next one is not.
func WordByte[T byte | rune](r T) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}

// find returns the byte spans [start, end) of the placeholders in s, in
// order and never overlapping: at each place the first bracket kind that
// fits, else a word; the search goes on after the end of a placeholder.
// It never panics, whatever s holds.
func (p *placeholders) find(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if end := p.at(s, i); end > i {
			out = append(out, [2]int{i, end})
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return out
}

// at is the end of the placeholder starting at s[i], or -1.
func (p *placeholders) at(s string, i int) int {
	for k := range p.brackets {
		if end := p.brackets[k].at(s, i); end >= 0 {
			return end
		}
	}
	if len(p.words) == 0 || !WordByte(s[i]) || i > 0 && WordByte(s[i-1]) {
		return -1
	}
	end := i
	for end < len(s) && WordByte(s[end]) {
		end++
	}
	for _, w := range p.words {
		if s[i:end] == w {
			return end
		}
	}
	return -1
}

// at is the end of this kind of bracketed placeholder starting at s[i], or
// -1.
func (b *bracket) at(s string, i int) int {
	if !strings.HasPrefix(s[i:], b.open) {
		return -1
	}
	stop1, _ := utf8.DecodeRuneInString(b.open)
	stop2, _ := utf8.DecodeRuneInString(b.close)
	j, n := i+len(b.open), 0
	for j < len(s) && n <= b.max {
		if strings.HasPrefix(s[j:], b.close) && n >= b.min {
			return j + len(b.close)
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case b.first != nil && n == 0 && !b.first.has(r),
			b.rest != nil && n > 0 && !b.rest.has(r),
			b.first == nil && (r == '\n' || r == stop1 || r == stop2):
			return -1
		}
		j += size
		n++
	}
	return -1
}
