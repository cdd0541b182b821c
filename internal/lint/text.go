package lint

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"politely/internal/text"
)

// doc is a text prepared for matching: its runes folded to lower case (curly
// quotes made straight), with the byte and UTF-16 offset of every rune so
// that a match on folded runes maps back to the text exactly as given.
type doc struct {
	text  string
	fold  []rune
	bytes []int // bytes[i] is the byte offset of rune i; bytes[len(fold)] == len(text)
	u16   []int // the same in UTF-16 code units
}

func newDoc(text string) *doc {
	d := &doc{text: text}
	n := utf8.RuneCountInString(text)
	d.fold = make([]rune, 0, n)
	d.bytes = make([]int, 0, n+1)
	d.u16 = make([]int, 0, n+1)
	u := 0
	for i, r := range text {
		d.fold = append(d.fold, fold(r))
		d.bytes = append(d.bytes, i)
		d.u16 = append(d.u16, u)
		if r >= 0x10000 {
			u += 2
		} else {
			u++
		}
	}
	d.bytes = append(d.bytes, len(text))
	d.u16 = append(d.u16, u)
	return d
}

// fold lowers a rune and maps the typographic variants people type (or their
// phones type for them) to the plain characters the phrase lists use.
func fold(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u02bc', '\u2032', '`', '\u00b4':
		return '\''
	case '\u00a0', '\u2007', '\u202f':
		return ' '
	case '\u2010', '\u2011':
		return '-'
	}
	return unicode.ToLower(r)
}

// span is a run of runes [s, e) of a doc.
type span struct{ s, e int }

func (d *doc) slice(sp span) string { return d.text[d.bytes[sp.s]:d.bytes[sp.e]] }

// isWord reports whether r is part of a word for boundary checks: a letter,
// a digit or a mark. ASCII, most of any reply, is answered without the
// Unicode tables: searching them, here and in isCJK, took about a third of
// writing a reply (TestRuneClasses holds both to the tables for every rune).
func isWord(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return uint32(r|0x20)-'a' < 26 || uint32(r)-'0' < 10
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// cjkFirst is the lowest rune of the scripts isCJK reads (Hangul's first
// jamo): below it the four tables need not be searched.
const cjkFirst = 0x1100

// isCJK reports whether r is written without spaces between words.
func isCJK(r rune) bool {
	return r >= cjkFirst && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// phrase is one compiled entry of a phrase list.
type phrase struct {
	runes  []rune
	prefix bool // a trailing '*': the last word may continue
	bound  bool // check word boundaries (false for CJK phrases)
}

func compilePhrase(p string) phrase {
	p = strings.TrimSpace(p)
	var ph phrase
	if strings.HasSuffix(p, "*") {
		ph.prefix = true
		p = strings.TrimSuffix(p, "*")
	}
	for _, r := range p {
		ph.runes = append(ph.runes, fold(r))
	}
	ph.bound = true
	if len(ph.runes) > 0 && (isCJK(ph.runes[0]) || isCJK(ph.runes[len(ph.runes)-1])) {
		ph.bound = false
	}
	return ph
}

// find returns every non-overlapping match of the phrase in d.
func (d *doc) find(ph phrase) []span {
	var out []span
	n := len(d.fold)
	if len(ph.runes) == 0 {
		return nil
	}
	for i := 0; i < n; i++ {
		if d.fold[i] != ph.runes[0] {
			continue
		}
		if ph.bound && i > 0 && isWord(d.fold[i-1]) && isWord(ph.runes[0]) {
			continue
		}
		j, k := i, 0
		for k < len(ph.runes) && j < n {
			pr := ph.runes[k]
			if pr == ' ' {
				if !unicode.IsSpace(d.fold[j]) {
					break
				}
				for j < n && unicode.IsSpace(d.fold[j]) {
					j++
				}
				k++
				continue
			}
			if d.fold[j] != pr {
				break
			}
			j++
			k++
		}
		if k < len(ph.runes) {
			continue
		}
		if ph.prefix {
			for j < n && (isWord(d.fold[j]) || (d.fold[j] == '\'' && j+1 < n && isWord(d.fold[j+1]))) {
				j++
			}
		} else if ph.bound && j < n && isWord(d.fold[j]) && isWord(ph.runes[len(ph.runes)-1]) {
			continue
		}
		out = append(out, span{i, j})
		i = j - 1
	}
	return out
}

// findAll matches a list of phrases, dropping matches that overlap an
// earlier (longer or first-listed) one so that "tut mir sehr leid" and
// "tut mir leid" count once. The result is sorted by position.
//
// The spans kept are disjoint and sorted, so a match is checked against
// them by bisection and a phrase's new spans are merged in at once: each
// match compared with every one before it made a 256 KB draft of "sorry"
// take 0.24 s (TestLinearAsBefore holds it to that way).
func (d *doc) findAll(list []phrase) []span {
	var out, add []span
	for _, ph := range list {
		add = add[:0]
		for _, sp := range d.find(ph) {
			if !overlaps(out, sp) {
				add = append(add, sp)
			}
		}
		if len(add) > 0 {
			out = mergeSpans(out, add)
		}
	}
	return out
}

// overlaps reports whether sp overlaps a span of spans, which are disjoint
// and sorted.
func overlaps(spans []span, sp span) bool {
	i := sort.Search(len(spans), func(k int) bool { return spans[k].e > sp.s })
	return i < len(spans) && spans[i].s < sp.e
}

// mergeSpans merges two sorted lists of spans, disjoint from each other,
// into a new sorted one.
func mergeSpans(a, b []span) []span {
	out := make([]span, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].s < a[0].s {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// sentences splits d into sentences: a line break ends one, and so does
// sentence punctuation followed by white space (so "e.g." or "3.5" inside a
// sentence do not). Leading and trailing white space is trimmed.
func (d *doc) sentences() []span {
	var out []span
	n := len(d.fold)
	start := 0
	emit := func(s, e int) {
		for s < e && unicode.IsSpace(d.fold[s]) {
			s++
		}
		for e > s && unicode.IsSpace(d.fold[e-1]) {
			e--
		}
		if e > s {
			out = append(out, span{s, e})
		}
	}
	for i := 0; i < n; i++ {
		r := d.fold[i]
		switch {
		case r == '\n' || r == '\r':
			emit(start, i)
			start = i + 1
		case r == '。' || r == '！' || r == '？' || r == '；':
			emit(start, i+1)
			start = i + 1
		case r == '.' || r == '!' || r == '?' || r == '…':
			j := i + 1
			for j < n && (d.fold[j] == '.' || d.fold[j] == '!' || d.fold[j] == '?' || d.fold[j] == '"' || d.fold[j] == '\'' || d.fold[j] == ')' || d.fold[j] == '»') {
				j++
			}
			if j == n || unicode.IsSpace(d.fold[j]) {
				emit(start, j)
				start = j
				i = j - 1
			}
		}
	}
	emit(start, n)
	return out
}

// Words counts the words of text the way the length rules do. In languages
// written with spaces a word is a run of letters or digits (inner apostrophes
// and hyphens included). Chinese, Japanese and Korean characters are counted
// at 1.7 characters a word, the average length of a modern Chinese word, so
// the same limits (25-110 words) fit a reply of about 43-187 Han characters.
// The total is rounded to the nearest whole word.
func Words(text string) int {
	// Only the folded runes are counted: the offsets a doc keeps for
	// matches are not made (a reply is counted up to six times as it is
	// written).
	text = valid(text)
	d := &doc{text: text, fold: make([]rune, 0, utf8.RuneCountInString(text))}
	for _, r := range text {
		d.fold = append(d.fold, fold(r))
	}
	units, _ := wordUnits(d, -1)
	return (units + wordUnits17/2) / wordUnits17
}

// Word weights in seventeenths: a spaced word is 17, a CJK character 10.
const (
	wordUnits17 = 17
	cjkUnits    = 10
)

// wordUnits sums word weights over d; when limit >= 0 it also returns the
// rune index of the first word that takes the total above limit words (or
// -1 when none does).
func wordUnits(d *doc, limit int) (int, int) {
	total, over := 0, -1
	n := len(d.fold)
	for i := 0; i < n; {
		r := d.fold[i]
		switch {
		case isCJK(r):
			total += cjkUnits
			if over < 0 && limit >= 0 && (total+wordUnits17/2)/wordUnits17 > limit {
				over = i
			}
			i++
		case isWord(r):
			s := i
			for i < n && !isCJK(d.fold[i]) && (isWord(d.fold[i]) || (d.fold[i] == '\'' || d.fold[i] == '-') && i+1 < n && isWord(d.fold[i+1]) && !isCJK(d.fold[i+1])) {
				i++
			}
			total += wordUnits17
			if over < 0 && limit >= 0 && (total+wordUnits17/2)/wordUnits17 > limit {
				over = s
			}
		default:
			i++
		}
	}
	return total, over
}

// valid replaces ill-formed UTF-8 as a browser decodes it (text.Valid), so
// that an issue's UTF-16 span points where the page shows its text.
func valid(s string) string { return text.Valid(s) }
