package text

import (
	"strings"
	"unicode/utf8"
)

// Valid returns s with every ill-formed piece of UTF-8 replaced by U+FFFD,
// one replacement for each maximal subpart, as a browser's TextDecoder and
// the Encoding Standard decode bytes: "\xff\xfe" is two characters, the cut
// sequence "\xe2\x82" one, the encoded surrogate "\xed\xa0\x80" three.
// strings.ToValidUTF8 would make each run of bad bytes a single character,
// and every evidence offset after it would then disagree with the text a
// browser shows. A valid s is returned as it is. Never panics.
func Valid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		if _, size := utf8.DecodeRuneInString(s[i:]); size > 1 {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		b.WriteString("\uFFFD")
		i += subpart(s[i:])
	}
	return b.String()
}

// subpart is the length of the maximal subpart at the start of s, which
// does not begin with a well-formed character: its lead byte and the
// continuation bytes that could still have made a character of it (Unicode
// 15, table 3-7). At least 1.
func subpart(s string) int {
	lo, hi, more := byte(0x80), byte(0xBF), 0
	switch c := s[0]; {
	case c >= 0xC2 && c <= 0xDF:
		more = 1
	case c == 0xE0:
		lo, more = 0xA0, 2
	case c == 0xED:
		hi, more = 0x9F, 2
	case c >= 0xE1 && c <= 0xEF:
		more = 2
	case c == 0xF0:
		lo, more = 0x90, 3
	case c == 0xF4:
		hi, more = 0x8F, 3
	case c >= 0xF1 && c <= 0xF3:
		more = 3
	}
	n := 1
	for ; n <= more && n < len(s); n++ {
		if c := s[n]; c < lo || c > hi {
			break
		}
		lo, hi = 0x80, 0xBF // only the second byte has a narrower range
	}
	return n
}
