package text

import (
	"slices"
	"unicode/utf8"
)

// UTF16 converts byte offsets into s to UTF-16 code-unit offsets (what
// JavaScript's String.slice uses), in place, in one pass over s whatever the
// order of offs. An offset inside a rune is moved to the rune's start; invalid
// bytes count as one unit each, like U+FFFD.
func UTF16(s string, offs []int) {
	// Most messages are ASCII up to their last evidence: offsets stay.
	end := 0
	for _, o := range offs {
		end = max(end, o)
	}
	// Up to the first byte past ASCII, an offset is its own count of units:
	// the walk below starts there, not at 0.
	ascii := ASCIIPrefix(s[:min(end, len(s))])
	if ascii == min(end, len(s)) {
		return
	}
	var buf [32]int // room for the offsets of most results, without an allocation
	idx := buf[:0]
	for i := range offs {
		idx = append(idx, i)
	}
	slices.SortFunc(idx, func(a, b int) int { return offs[a] - offs[b] })
	pos, units := ascii, ascii
	for _, k := range idx {
		target := offs[k]
		if target <= ascii {
			continue // left as it is
		}
		for pos < target && pos < len(s) {
			if pos+8 <= target && pos+8 <= len(s) && Load64(s[pos:])&0x8080808080808080 == 0 {
				pos, units = pos+8, units+8 // eight ASCII bytes at once
				continue
			}
			c := s[pos]
			if c < utf8.RuneSelf {
				pos++
				units++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[pos:])
			if pos+size > target {
				break
			}
			pos += size
			if r >= 0x10000 {
				units += 2
			} else {
				units++
			}
		}
		offs[k] = units
	}
}

// Slice16 returns the part of s between UTF-16 offsets a and b, as
// JavaScript's s.slice(a, b) would (for well-formed input).
func Slice16(s string, a, b int) string {
	i, j := -1, -1
	units := 0
	for pos, r := range s {
		if units == a && i < 0 {
			i = pos
		}
		if units == b && j < 0 {
			j = pos
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	if i < 0 && units == a {
		i = len(s)
	}
	if j < 0 && units == b {
		j = len(s)
	}
	if i < 0 || j < 0 || i > j {
		return ""
	}
	return s[i:j]
}

// Len16 is the length of s in UTF-16 code units.
func Len16(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// IsASCII reports whether s[i:j] is all ASCII. A piece of at most eight
// bytes, with eight to read from i (a word of a folded text, which ends in
// a space, most often is), takes one load and no loop: a loop as long as
// the word ends where the word's length decides, which the processor
// guesses wrong. It panics only where s[i:j] would.
func IsASCII(s string, i, j int) bool {
	if n := j - i; n <= 8 && i+8 <= len(s) {
		_ = s[i:j]
		return Load64(s[i:])&(0x8080808080808080>>(64-8*uint(n))) == 0
	}
	return ASCIIPrefix(s[i:j]) == j-i
}

// ASCIIPrefix returns the length of the ASCII bytes s starts with, reading
// eight bytes at a time: most messages are ASCII all through.
func ASCIIPrefix(s string) int {
	n := len(s)
	for ; len(s) >= 8; s = s[8:] {
		if Load64(s)&0x8080808080808080 != 0 {
			break
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return n - len(s) + i
		}
	}
	return n
}
