// Package text folds a message into the form the rules match against and maps
// every folded byte back to the message as given.
//
// Folding lower-cases letters, joins apostrophes ("I’m" → "im"), drops
// zero-width characters, writes a Latin letter and its combining accent
// (decomposed Unicode, NFD) as the one accented letter NFC text has ("a" and
// U+0301 as "á": compose), turns every number into "#", keeps a few symbols
// ($ € £ ₹ ¥ % @) as tokens of their own and collapses everything else into a
// single space. The folded text starts and ends with a space, so a phrase
// padded with spaces can only match whole words. HTML (tags, entities,
// <script> and <style>) is read as a browser would show it.
package text

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Folded is a message in folded form with its map back to the original.
// A Folded can be refolded (Refold) to reuse its memory for the next text.
type Folded struct {
	Norm string // lower-case tokens separated by single spaces, padded with spaces

	buf   []byte  // the bytes behind Norm
	brk   []int32 // positions of the spaces in Norm that stand for a sentence break, ascending
	list  []Word  // the words of Norm, which map it back to the message
	nums  []Num
	num   []byte // the digits of every number, read when asked for (NumAt)
	words int
	ascii bool // the text folded has no byte over 0x7F
}

// Word is one word of Norm: Norm[Start:End], folded from Message[From:To].
// Mapping words rather than bytes back to the message keeps folding to one
// write per byte; every match is whole words anyway.
type Word struct {
	Start, End int32
	From, To   int32
}

// Num is a number found in the message, at folded position Pos (its "#"),
// written num[from:to] (digits, and the commas and dots between them).
type Num struct {
	Pos      int
	from, to int32
}

// Fold folds s. It never panics and accepts any bytes: invalid UTF-8 counts
// as one character per bad byte (as U+FFFD would).
func Fold(s string) *Folded {
	f := new(Folded)
	f.Refold(s)
	return f
}

// Refold folds s into f, reusing the memory f holds from an earlier text, so
// that a caller folding many messages allocates nothing once warm. The
// earlier Norm and List must no longer be in use: they share that memory.
func (f *Folded) Refold(s string) {
	n := len(s) + 2
	if cap(f.buf) < n {
		// Room for the text as it is; folding seldom writes more.
		f.buf = make([]byte, 0, n)
	}
	f.brk, f.list, f.nums, f.num, f.words, f.ascii = f.brk[:0], f.list[:0], f.nums[:0], f.num[:0], 0, true
	w := folder{f: f, b: f.buf[:0], sep: true}
	w.emitSpace(true)
	html := -1 // whether s reads as HTML: unknown until a '<' or '&' asks
	gt := -1   // where the last '>' is, once it is HTML
	for i := 0; i < len(s); {
		c := s[i]
		// A run of ASCII letters inside a word, the bulk of any message,
		// then the space after it.
		if (c|0x20)-'a' < 26 && !w.num && (w.prevL || w.sep) {
			if !w.prevL {
				w.f.words++ // a new word
			}
			if w.sep {
				w.from = i
			}
			b, j, list := w.b, i, w.f.list
			for {
				// Eight bytes at a time while they last: lower-case them
				// all, keep those up to the first that is not a letter.
				for j+8 <= len(s) && cap(b)-len(b) >= 8 {
					v := Load64(s[j:])
					n := letters(v)
					binary.LittleEndian.PutUint64(b[len(b):len(b)+8], v|0x2020202020202020)
					b, j = b[:len(b)+n], j+n
					if n < 8 {
						break
					}
				}
				for ; j < len(s) && (s[j]|0x20)-'a' < 26; j++ {
					b = append(b, s[j]|0x20)
				}
				// "don't", "I'm": an apostrophe between letters joins them
				// (ascii), and the run of letters goes on.
				if j+1 < len(s) && s[j] == '\'' && (s[j+1]|0x20)-'a' < 26 {
					j++
					continue
				}
				// "word word", most of a message, then "word, word" and
				// "word. Word": close the word, write the space and go on
				// with the next one here, as the loop below would after
				// the space, or the mark and the space (gap bytes). A mark
				// that may end a sentence, followed by a space, ends it
				// (ends); a space is no such mark.
				gap := 0
				switch {
				case j+1 < len(s) && s[j] == ' ' && (s[j+1]|0x20)-'a' < 26:
					gap = 1
				case j+2 < len(s) && s[j+1] == ' ' && class[s[j]] != slow && (s[j+2]|0x20)-'a' < 26:
					gap = 2
				}
				if gap > 0 {
					list = append(list, Word{Start: int32(w.sepAt + 1), End: int32(len(b)), From: int32(w.from), To: int32(j)})
					b = append(b, ' ')
					w.sepAt = len(b) - 1
					if class[s[j]] == stop {
						w.markBreak(w.sepAt)
					}
					w.f.words++
					j += gap
					w.from = j
					continue
				}
				break
			}
			w.b, w.to, w.f.list = b, j, list
			w.sep, w.prevL = false, true
			i = j
			continue
		}
		if class[c] != slow && !w.num {
			// A space or punctuation outside a number: ascii's outcomes,
			// without its calls.
			brk := ends(c, s, i+1)
			w.prevL = false
			if !w.sep { // a word ends (emitSpace, written out); a second separator adds nothing
				w.f.list = append(w.f.list, Word{Start: int32(w.sepAt + 1), End: int32(len(w.b)), From: int32(w.from), To: int32(w.to)})
				w.b = append(w.b, ' ')
				w.sep, w.sepAt = true, len(w.b)-1
			}
			if brk {
				w.markBreak(w.sepAt)
			}
			i++
			continue
		}
		if c == '<' || c == '&' {
			if html < 0 {
				html = 0
				if looksHTML(s) {
					html, gt = 1, strings.LastIndexByte(s, '>')
				}
			}
			if html == 1 && c == '<' {
				if j, block := skipTag(s, i, gt); j > i {
					if block {
						w.separate(true)
					}
					i = j
					continue
				}
			}
			if html == 1 && c == '&' {
				if j, dec := entity(s, i); j > i {
					for _, r := range dec {
						w.rune(r, i, j, s, j)
					}
					i = j
					continue
				}
			}
		}
		if c < utf8.RuneSelf {
			w.rune(rune(c), i, i+1, s, i+1)
			i++
			continue
		}
		f.ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		w.rune(r, i, i+size, s, i+size)
		i += size
	}
	if html == 1 {
		// Tags are skipped whole: whatever bytes they hold, the loop
		// above never saw.
		f.ascii = ASCIIPrefix(s) == len(s)
	}
	w.flushNum()
	if !w.sep {
		w.emitSpace(true)
	} else {
		w.markBreak(len(w.b) - 1)
	}
	f.buf = w.b
	// The bytes are not written again until the next Refold, so the string
	// can share them.
	f.Norm = unsafe.String(unsafe.SliceData(w.b), len(w.b))
}

// Classes of bytes for Refold's fast path: a separator, one that also ends
// a sentence, or one that needs the full rules (letters, digits, apostrophes,
// symbols that stand as words, '<' and '&', and every byte of a multi-byte
// character).
const (
	slow = iota
	sep
	stop
)

// class is a read-only table of the ASCII bytes' classes.
var class = func() (t [256]uint8) {
	for c := 0; c < 128; c++ {
		t[c] = sep
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = slow, slow
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = slow
	}
	for _, c := range "'`$%@<&" {
		t[c] = slow
	}
	for _, c := range ".!?;\n\r" {
		t[c] = stop
	}
	return t
}()

// letters counts the ASCII letters at the start of the eight bytes in v
// (little-endian), without a branch per byte.
func letters(v uint64) int {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	y := (v | 0x20*ones) &^ high         // lower-cased, high bits cleared so nothing carries
	ge := (y + (0x80-'a')*ones) & high   // at least 'a'
	gt := (y + (0x80-'z'-1)*ones) & high // past 'z'
	isLetter := ge &^ gt &^ (v & high)
	return bits.TrailingZeros64(^isLetter&high) / 8
}

// Load64 reads the first eight bytes of s, little-endian, in one load (the
// compiler merges the shifts): folding reads letters this way, and the
// phrase index reads a word's key off the folded text.
func Load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// folder is the state of one Fold call.
type folder struct {
	f      *Folded
	b      []byte
	sep    bool // the last byte written is a separator space
	sepAt  int
	num    bool // inside a number
	numPos int
	numB   int
	numAt  int  // where the number's digits start in f.num
	prevL  bool // the previous rune was a letter (for apostrophes)
	from   int  // where in the message the word being written starts
	to     int  // and where its last rune so far ends
}

// emitSpace writes a separator, closing the word before it.
func (w *folder) emitSpace(brk bool) {
	if !w.sep {
		w.f.list = append(w.f.list, Word{Start: int32(w.sepAt + 1), End: int32(len(w.b)), From: int32(w.from), To: int32(w.to)})
	}
	w.b = append(w.b, ' ')
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
func (w *folder) separate(brk bool) {
	w.flushNum()
	w.prevL = false
	if w.sep {
		if brk {
			w.markBreak(w.sepAt)
		}
		return
	}
	w.emitSpace(brk)
}

// emit writes the folding of the rune at message[a:b].
func (w *folder) emit(p []byte, a, b int) {
	if w.sep {
		w.from = a
	}
	w.b = append(w.b, p...)
	w.to = b
	w.sep = false
}

// token writes a symbol that stands as a word of its own.
func (w *folder) token(r rune, a, b int) {
	w.separate(false)
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], r)
	w.emit(buf[:n], a, b)
	w.f.words++
	w.separate(false)
}

func (w *folder) flushNum() {
	if !w.num {
		return
	}
	w.num = false
	// Most numbers are never asked for: their value is read by NumAt.
	w.f.nums = append(w.f.nums, Num{Pos: w.numPos, from: int32(w.numAt), to: int32(len(w.f.num))})
	// The "#" covers the whole number in the original.
	w.to = w.numB
}

// rune folds one rune that spans src[a:b]; next is where the following rune starts.
func (w *folder) rune(r rune, a, b int, s string, next int) {
	switch {
	case r >= '0' && r <= '9':
		if !w.num {
			if !w.sep {
				w.separate(false)
			}
			w.num, w.numAt = true, len(w.f.num)
			w.numPos = len(w.b)
			w.emit([]byte{'#'}, a, b)
			w.f.words++
		}
		w.f.num = append(w.f.num, byte(r))
		w.numB = b
		w.prevL = false
		return
	case (r == ',' || r == '.') && w.num && next < len(s) && s[next] >= '0' && s[next] <= '9':
		w.f.num = append(w.f.num, byte(r))
		return
	}
	afterNum := w.num
	if w.num {
		w.flushNum()
	}
	if r < utf8.RuneSelf {
		w.ascii(byte(r), a, b, s, next, afterNum)
		return
	}
	// Only runes past ASCII from here.
	switch {
	case r == '’' || r == 'ʼ' || r == '‘' || r == '´':
		// Joined inside a word ("don’t" → "dont"); a separator elsewhere.
		if w.prevL && next < len(s) && startsLetter(s[next:]) {
			return
		}
		w.separate(false)
	case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || (r >= '\ufe00' && r <= '\ufe0f'):
		// Invisible: dropped so that "sel\u200bling" still reads "selling".
	case r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
		// Chinese and Japanese have no spaces: each character is a word, so
		// a phrase such as "内推" is the two words "内 推".
		w.token(r, a, b)
		w.prevL = false
		return
	case r >= 0x300 && r <= 0x36f && w.compose(r, a, s):
		// NFD: the mark and the letter before it written as the one
		// letter NFC has ("a" and U+0301 as "á"), in the word as it is.
		w.to = b
		return
	case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
		if afterNum {
			w.separate(false) // "15min" reads "# min"
		}
		if w.sep || !w.prevL {
			w.f.words++
		}
		var buf [4]byte
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		w.emit(buf[:n], a, b)
		w.prevL = true
		return
	case r == '€' || r == '£' || r == '₹' || r == '¥':
		w.token(r, a, b)
	case r == '…' || r == '•' || r == '。' || r == '！' || r == '？':
		w.separate(true)
	default:
		w.separate(false)
	}
	w.prevL = false
}

// ascii is rune for the ASCII characters other than digits: the same
// outcomes as its general switch, without its Unicode table lookups.
func (w *folder) ascii(c byte, a, b int, s string, next int, afterNum bool) {
	switch {
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		if afterNum {
			w.separate(false) // "15min" reads "# min"
		}
		if w.sep || !w.prevL {
			w.f.words++
		}
		w.emit([]byte{c | 0x20}, a, b)
		w.prevL = true
		return
	case c == '\'' || c == '`':
		if w.prevL && next < len(s) && startsLetter(s[next:]) {
			return
		}
		w.separate(false)
	case c == '$' || c == '%' || c == '@':
		w.token(rune(c), a, b)
	default:
		w.separate(ends(c, s, next))
	}
	w.prevL = false
}

// ends reports whether the separator c, followed by s[next:], ends a
// sentence: one of class stop, but not a dot inside a word ("node.js",
// "calendly.com").
func ends(c byte, s string, next int) bool {
	if class[c] != stop {
		return false
	}
	return c != '.' || next >= len(s) || s[next] == ' ' || s[next] == '\n' || s[next] == '\t' || s[next] == '\r'
}

// Joins reports whether r, neither a letter nor a digit, leaves the
// letters on either side of it one word as Fold reads them: an apostrophe
// ("we're" reads "were"), an invisible character (a soft hyphen, a
// zero-width space), or a combining mark, part of the letter before it.
// A phrase's {…} group written against one is glued to it, as the text is.
func Joins(r rune) bool {
	switch r {
	case '\'', '`', '’', 'ʼ', '‘', '´', '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return r >= '\ufe00' && r <= '\ufe0f' || unicode.Is(unicode.Mn, r)
}

func startsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// Span maps Norm[i:j] back to byte offsets in the message, from the start
// of the word holding Norm[i] to the end of the word holding Norm[j-1] (a
// match is whole words, so nothing is widened in practice), dropping the
// padding spaces. ok is false when Norm[i:j] holds no word.
func (f *Folded) Span(i, j int) (start, end int, ok bool) {
	for i < j && i < len(f.Norm) && f.Norm[i] == ' ' {
		i++
	}
	for j > i && f.Norm[j-1] == ' ' {
		j--
	}
	if i >= j {
		return 0, 0, false
	}
	a, b := f.wordAt(i), f.wordAt(j-1)
	if a < 0 || b < 0 {
		return 0, 0, false
	}
	return int(f.list[a].From), int(f.list[b].To), true
}

// wordAt returns the index of the word holding Norm[i], or -1.
func (f *Folded) wordAt(i int) int {
	k, _ := slices.BinarySearchFunc(f.list, int32(i), func(w Word, at int32) int { return cmp.Compare(w.End, at+1) })
	if k < len(f.list) && f.list[k].Start <= int32(i) {
		return k
	}
	return -1
}

// Break reports whether a sentence break lies in Norm[i:j].
func (f *Folded) Break(i, j int) bool {
	// The first break at i or after, by bisection written out: the scan
	// and the model ask this for many words, and slices.BinarySearch is a
	// call each time.
	b := f.brk
	lo, hi := 0, len(b)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(b[m]) < i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(b) && int(b[lo]) < j
}

// Breaks lists, ascending, the positions of the spaces in Norm that stand
// for a sentence break: for a caller that walks the words in order, where
// Break would search them for every question. The list is f's own, valid
// until the next Refold; it must not be written.
func (f *Folded) Breaks() []int32 { return f.brk }

// ASCII reports whether the text folded is all ASCII (no byte over 0x7F):
// every byte of it is a character, and its byte offsets are UTF-16 offsets
// as they are. Callers that would scan the message for that ask here.
func (f *Folded) ASCII() bool { return f.ascii }

// Words counts the words and numbers of the message.
func (f *Folded) Words() int { return f.words }

// List returns the words of Norm in order; a number is the word "#".
func (f *Folded) List() []Word { return f.list }

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
			return f.nums[m].value(f.num), true
		}
	}
	return 0, false
}

// value reads the number: thousands separators go, and a trailing dot
// ("15.") is a sentence end.
func (n Num) value(digits []byte) float64 {
	var buf [32]byte
	d := buf[:0]
	for _, c := range digits[n.from:n.to] {
		if c != ',' {
			d = append(d, c)
		}
	}
	for len(d) > 0 && d[len(d)-1] == '.' {
		d = d[:len(d)-1]
	}
	v, _ := strconv.ParseFloat(string(d), 64)
	return v
}

// Visible is s as a reader of the page sees it, read as Fold reads HTML:
// when s looks like HTML, tags (and script and style bodies, and comments)
// are left out, a block tag such as <br> or </p> stands as a space, and
// character references are decoded; "a < b" stays text. Any other s is
// returned as it is. Never panics.
func Visible(s string) string {
	if !looksHTML(s) {
		return s
	}
	gt := strings.LastIndexByte(s, '>')
	var b strings.Builder
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if j, block := skipTag(s, i, gt); j > i {
				if block {
					b.WriteByte(' ') // a line or a paragraph parts two words
				}
				i = j
				continue
			}
		case '&':
			if j, dec := entity(s, i); j > i {
				b.WriteString(dec)
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// looksHTML reports whether s reads as HTML: a tag such as <p> or </b>, or an
// entity such as &nbsp; or &#39;.
func looksHTML(s string) bool {
	// "A '>' later" is asked of every '<': the last '>' answers it for all,
	// where a search from each would be quadratic in "<a<a<a…".
	gt := strings.LastIndexByte(s, '>')
	for i := strings.IndexAny(s, "<&"); i >= 0 && i < len(s); {
		if s[i] == '<' && i+1 < len(s) {
			c := s[i+1]
			if (c == '/' || c == '!' || (c|0x20 >= 'a' && c|0x20 <= 'z')) && gt > i {
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
// gt is where the last '>' of s is: a tag that starts past it cannot end.
func skipTag(s string, i, gt int) (int, bool) {
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
	if k > gt {
		return i, false // no '>' to end it
	}
	end := strings.IndexByte(s[k:], '>')
	name := strings.ToLower(s[j:k])
	stop := k + end + 1
	if (name == "script" || name == "style") && s[i+1] != '/' {
		closing := "</" + name
		if c := IndexFold(s[stop:], closing); c >= 0 {
			if e := strings.IndexByte(s[stop+c:], '>'); e >= 0 {
				return stop + c + e + 1, true
			}
		}
		return len(s), true
	}
	return stop, blockTags[name]
}

// IndexFold returns the byte offset in s of the first run of len(sub) bytes
// that equals sub in any case (strings.EqualFold), or -1. It reads s in
// place, so the offset is s's own: a search in a lower-cased copy is not,
// since lower-casing changes some characters' length (an invalid byte, "Ⱥ").
// For an ASCII sub, only ASCII matches: a character that folds to an ASCII
// letter ("K", the Kelvin sign) is longer than the letter. It never panics.
func IndexFold(s, sub string) int {
	// A sub that starts with an ASCII byte no case folds ("<", "/") can
	// only match where that byte is: jump from one to the next.
	jump := sub != "" && sub[0] < utf8.RuneSelf && (sub[0]|0x20)-'a' >= 26
	for i := 0; i+len(sub) <= len(s); i++ {
		if jump {
			j := strings.IndexByte(s[i:len(s)-len(sub)+1], sub[0])
			if j < 0 {
				return -1
			}
			i += j
		}
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
