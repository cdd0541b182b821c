// Package text folds a message into the form the rules match against and maps
// every folded byte back to the message as given.
//
// Folding lower-cases letters, joins apostrophes ("I’m" → "im"), drops
// zero-width characters, turns every number into "#", keeps a few symbols
// ($ € £ ₹ ¥ % @) as tokens of their own and collapses everything else into a
// single space. The folded text starts and ends with a space, so a phrase
// padded with spaces can only match whole words. HTML (tags, entities,
// <script> and <style>) is read as a browser would show it.
package text

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Folded is a message in folded form with its map back to the original.
type Folded struct {
	Norm string // lower-case tokens separated by single spaces, padded with spaces

	from  []int32 // from[i]: byte offset in the message where the rune behind Norm[i] starts
	to    []int32 // to[i]: byte offset where it ends
	brk   []int32 // positions of the spaces in Norm that stand for a sentence break, ascending
	nums  []Num
	words int
}

// Num is a number found in the message, at folded position Pos (its "#").
type Num struct {
	Pos int
	Val float64
}

// Fold folds s. It never panics and accepts any bytes: invalid UTF-8 counts
// as one character per bad byte (as U+FFFD would).
func Fold(s string) *Folded {
	f := &Folded{}
	n := len(s) + 2
	b := make([]byte, 0, n)
	f.from = make([]int32, 0, n)
	f.to = make([]int32, 0, n)
	w := folder{f: f, b: b, sepAt: 0, sep: true}
	w.emitSpace(0, 0, true)
	isHTML := looksHTML(s)
	for i := 0; i < len(s); {
		c := s[i]
		if isHTML && c == '<' {
			if j, block := skipTag(s, i); j > i {
				if block {
					w.separate(i, j, true)
				}
				i = j
				continue
			}
		}
		if isHTML && c == '&' {
			if j, dec := entity(s, i); j > i {
				for _, r := range dec {
					w.rune(r, i, j, s, j)
				}
				i = j
				continue
			}
		}
		if c < utf8.RuneSelf {
			// Fast path for a run of ASCII letters inside a word, the bulk
			// of any message.
			if c == ' ' && !w.num {
				if !w.sep { // a word ends; a second separator adds nothing
					w.prevL = false
					w.emitSpace(i, i+1, false)
				}
				i++
				continue
			}
			if lower := c | 0x20; lower >= 'a' && lower <= 'z' && !w.num && (w.prevL || w.sep) {
				if !w.prevL {
					w.f.words++ // a new word
				}
				w.b = append(w.b, lower)
				w.f.from = append(w.f.from, int32(i))
				w.f.to = append(w.f.to, int32(i+1))
				w.sep, w.prevL = false, true
				i++
				continue
			}
			w.rune(rune(c), i, i+1, s, i+1)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w.rune(r, i, i+size, s, i+size)
		i += size
	}
	w.flushNum()
	if !w.sep {
		w.emitSpace(len(s), len(s), true)
	} else {
		w.markBreak(len(w.b) - 1)
	}
	// The bytes are never written again, so the string can share them.
	f.Norm = unsafe.String(unsafe.SliceData(w.b), len(w.b))
	return f
}

// folder is the state of one Fold call.
type folder struct {
	f      *Folded
	b      []byte
	sep    bool // the last byte written is a separator space
	sepAt  int
	num    bool // inside a number
	numBuf []byte
	numPos int
	numA   int
	numB   int
	prevL  bool // the previous rune was a letter (for apostrophes)
}

func (w *folder) emitSpace(a, b int, brk bool) {
	w.b = append(w.b, ' ')
	w.f.from = append(w.f.from, int32(a))
	w.f.to = append(w.f.to, int32(b))
	w.sep = true
	w.sepAt = len(w.b) - 1
	if brk {
		w.markBreak(w.sepAt)
	}
}

// markBreak records that the space at pos ends a sentence.
func (w *folder) markBreak(pos int) {
	if n := len(w.f.brk); n == 0 || w.f.brk[n-1] != int32(pos) {
		w.f.brk = append(w.f.brk, int32(pos))
	}
}

// separate writes one space for a run of separators, remembering a break.
func (w *folder) separate(a, b int, brk bool) {
	w.flushNum()
	w.prevL = false
	if w.sep {
		if brk {
			w.markBreak(w.sepAt)
		}
		return
	}
	w.emitSpace(a, b, brk)
}

func (w *folder) emit(p []byte, a, b int) {
	for range p {
		w.f.from = append(w.f.from, int32(a))
		w.f.to = append(w.f.to, int32(b))
	}
	w.b = append(w.b, p...)
	w.sep = false
}

// token writes a symbol that stands as a word of its own.
func (w *folder) token(r rune, a, b int) {
	w.separate(a, a, false)
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], r)
	w.emit(buf[:n], a, b)
	w.f.words++
	w.separate(b, b, false)
}

func (w *folder) flushNum() {
	if !w.num {
		return
	}
	w.num = false
	clean := strings.ReplaceAll(string(w.numBuf), ",", "")
	v, _ := strconv.ParseFloat(strings.TrimRight(clean, "."), 64)
	w.f.nums = append(w.f.nums, Num{Pos: w.numPos, Val: v})
	// The "#" covers the whole number in the original.
	w.f.to[w.numPos] = int32(w.numB)
}

// rune folds one rune that spans src[a:b]; next is where the following rune starts.
func (w *folder) rune(r rune, a, b int, s string, next int) {
	switch {
	case r >= '0' && r <= '9':
		if !w.num {
			if !w.sep {
				w.separate(a, a, false)
			}
			w.num, w.numBuf, w.numA = true, w.numBuf[:0], a
			w.numPos = len(w.b)
			w.emit([]byte{'#'}, a, b)
			w.f.words++
		}
		w.numBuf = append(w.numBuf, byte(r))
		w.numB = b
		w.prevL = false
		return
	case (r == ',' || r == '.') && w.num && next < len(s) && s[next] >= '0' && s[next] <= '9':
		w.numBuf = append(w.numBuf, byte(r))
		return
	}
	afterNum := w.num
	if w.num {
		w.flushNum()
	}
	switch {
	case r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '`' || r == '´':
		// Joined inside a word ("don’t" → "dont"); a separator elsewhere.
		if w.prevL && next < len(s) && startsLetter(s[next:]) {
			return
		}
		w.separate(a, b, false)
	case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || (r >= '\ufe00' && r <= '\ufe0f'):
		// Invisible: dropped so that "sel\u200bling" still reads "selling".
	case r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
		// Chinese and Japanese have no spaces: each character is a word, so
		// a phrase such as "内推" is the two words "内 推".
		w.token(r, a, b)
		w.prevL = false
		return
	case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
		if afterNum {
			w.separate(a, a, false) // "15min" reads "# min"
		}
		if w.sep || !w.prevL {
			w.f.words++
		}
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			w.emit([]byte{byte(r)}, a, b)
		} else {
			r = unicode.ToLower(r)
			var buf [4]byte
			n := utf8.EncodeRune(buf[:], r)
			w.emit(buf[:n], a, b)
		}
		w.prevL = true
		return
	case r == '$' || r == '€' || r == '£' || r == '₹' || r == '¥' || r == '%' || r == '@':
		w.token(r, a, b)
	case r == '.' || r == '!' || r == '?' || r == ';' || r == '…' || r == '•' || r == '\n' || r == '\r' || r == '。' || r == '！' || r == '？':
		// A dot inside a word ("node.js", "calendly.com") is not a sentence end.
		brk := true
		if r == '.' && next < len(s) && s[next] != ' ' && s[next] != '\n' && s[next] != '\t' && s[next] != '\r' {
			brk = false
		}
		w.separate(a, b, brk)
	default:
		w.separate(a, b, false)
	}
	w.prevL = false
}

func startsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// Span maps a match Norm[i:j] back to byte offsets in the original, dropping
// the padding spaces of a whole-word phrase. ok is false for an empty match.
func (f *Folded) Span(i, j int) (start, end int, ok bool) {
	for i < j && f.Norm[i] == ' ' {
		i++
	}
	for j > i && f.Norm[j-1] == ' ' {
		j--
	}
	if i >= j {
		return 0, 0, false
	}
	return int(f.from[i]), int(f.to[j-1]), true
}

// WordEnd extends a match that ends inside a word (a prefix phrase such as
// "sell*") to the end of that word.
func (f *Folded) WordEnd(j int) int {
	for j < len(f.Norm) && f.Norm[j] != ' ' {
		j++
	}
	return j
}

// Break reports whether a sentence break lies in Norm[i:j].
func (f *Folded) Break(i, j int) bool {
	k, _ := slices.BinarySearch(f.brk, int32(i))
	return k < len(f.brk) && int(f.brk[k]) < j
}

// Words counts the words and numbers of the message.
func (f *Folded) Words() int { return f.words }

// NumAt returns the number whose "#" is at folded position pos.
func (f *Folded) NumAt(pos int) (float64, bool) {
	lo, hi := 0, len(f.nums)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case f.nums[m].Pos < pos:
			lo = m + 1
		case f.nums[m].Pos > pos:
			hi = m
		default:
			return f.nums[m].Val, true
		}
	}
	return 0, false
}

// looksHTML reports whether s reads as HTML: a tag such as <p> or </b>, or an
// entity such as &nbsp; or &#39;.
func looksHTML(s string) bool {
	for i := strings.IndexAny(s, "<&"); i >= 0 && i < len(s); {
		if s[i] == '<' && i+1 < len(s) {
			c := s[i+1]
			if (c == '/' || c == '!' || (c|0x20 >= 'a' && c|0x20 <= 'z')) && strings.IndexByte(s[i:], '>') > 0 {
				return true
			}
		}
		if s[i] == '&' {
			if j, _ := entity(s, i); j > i {
				return true
			}
		}
		k := strings.IndexAny(s[i+1:], "<&")
		if k < 0 {
			break
		}
		i += k + 1
	}
	return false
}

// blockTags break a sentence where they stand; other tags are invisible.
var blockTags = map[string]bool{"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true, "tr": true, "td": true, "th": true, "table": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true, "hr": true, "section": true, "article": true}

// skipTag returns where the tag at s[i] ends (past any <script> or <style>
// body and past comments) and whether it breaks the text like a block.
// It returns i when s[i] does not start a tag.
func skipTag(s string, i int) (int, bool) {
	if strings.HasPrefix(s[i:], "<!--") {
		if k := strings.Index(s[i+4:], "-->"); k >= 0 {
			return i + 4 + k + 3, false
		}
		return len(s), false
	}
	j := i + 1
	if j < len(s) && (s[j] == '/' || s[j] == '!') {
		j++
	}
	k := j
	for k < len(s) && (s[k]|0x20 >= 'a' && s[k]|0x20 <= 'z' || s[k] >= '0' && s[k] <= '9') {
		k++
	}
	if k == j && !(j > i+1 && s[j-1] == '!') {
		return i, false
	}
	end := strings.IndexByte(s[k:], '>')
	if end < 0 {
		return i, false
	}
	name := strings.ToLower(s[j:k])
	stop := k + end + 1
	if (name == "script" || name == "style") && s[i+1] != '/' {
		closing := "</" + name
		if c := indexFold(s[stop:], closing); c >= 0 {
			if e := strings.IndexByte(s[stop+c:], '>'); e >= 0 {
				return stop + c + e + 1, true
			}
		}
		return len(s), true
	}
	return stop, blockTags[name]
}

func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// entity decodes the character reference at s[i] ("&amp;", "&#39;", "&#x2019;").
func entity(s string, i int) (int, string) {
	end := strings.IndexByte(s[i:min(len(s), i+32)], ';')
	if end < 2 {
		return i, ""
	}
	ref := s[i : i+end+1]
	for _, c := range ref[1 : len(ref)-1] {
		if !(c == '#' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return i, ""
		}
	}
	name := ref[1 : len(ref)-1]
	if name[0] == '#' {
		digits, base := name[1:], 10
		if len(digits) > 0 && digits[0]|0x20 == 'x' {
			digits, base = digits[1:], 16
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil || n == 0 || n > unicode.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
			return i, ""
		}
		return i + len(ref), string(rune(n))
	}
	dec, ok := entities[name]
	if !ok {
		return i, ""
	}
	return i + len(ref), dec
}

// entities are the named character references that messages copied from
// web pages and exports carry. The full HTML table (package html) would add
// some 25 KB to the WebAssembly build for names no message uses; an unknown
// name is left as text, which loses nothing.
var entities = map[string]string{
	"amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ",
	"rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "sbquo": "‚", "bdquo": "„", "laquo": "«", "raquo": "»",
	"lsaquo": "‹", "rsaquo": "›", "mdash": "—", "ndash": "–", "hellip": "…", "bull": "•", "middot": "·", "prime": "′",
	"copy": "©", "reg": "®", "trade": "™", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶",
	"deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "iexcl": "¡", "iquest": "¿", "shy": "\u00ad", "zwj": "\u200d", "zwnj": "\u200c",
	"aacute": "á", "agrave": "à", "acirc": "â", "auml": "ä", "atilde": "ã", "aring": "å", "aelig": "æ", "ccedil": "ç",
	"eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "iacute": "í", "igrave": "ì", "icirc": "î", "iuml": "ï",
	"ntilde": "ñ", "oacute": "ó", "ograve": "ò", "ocirc": "ô", "ouml": "ö", "otilde": "õ", "oslash": "ø", "szlig": "ß",
	"uacute": "ú", "ugrave": "ù", "ucirc": "û", "uuml": "ü", "yacute": "ý", "yuml": "ÿ",
	"Aacute": "Á", "Agrave": "À", "Auml": "Ä", "Eacute": "É", "Egrave": "È", "Ntilde": "Ñ", "Ouml": "Ö", "Uuml": "Ü", "Ccedil": "Ç",
}
