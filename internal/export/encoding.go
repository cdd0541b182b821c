package export

import (
	"unicode/utf8"
)

// utf8BOM is the byte-order mark a spreadsheet's "CSV UTF-8" re-save puts
// before the header. It is skipped before parsing: left in place it would
// sit before a quoted header name and make the quote a stray one.
const utf8BOM = "\xEF\xBB\xBF"

// bomLen is the length of a UTF-8 byte-order mark at the start of b (0 or 3).
func bomLen(b []byte) int {
	if len(b) >= 3 && string(b[:3]) == utf8BOM {
		return 3
	}
	return 0
}

// cp1252Runes are the characters of Windows-1252's 0x80-0x9F bytes; the
// five bytes it leaves undefined stay the C1 controls they are in Latin-1,
// as browsers read them.
var cp1252Runes = func() (t [32]rune) {
	for i := range t {
		t[i] = rune(0x80 + i)
	}
	for r, b := range cp1252 {
		t[b-0x80] = r
	}
	return t
}()

// fieldText is a field's bytes as text. Exports are UTF-8, but a file
// re-saved by Excel's "CSV (Comma delimited)" is Windows-1252, where "é" is
// the lone byte 0xE9 that UTF-8 cannot read (it showed as "�"). Every byte
// that is not part of valid UTF-8 is therefore read as Windows-1252; valid
// UTF-8 is kept, so a UTF-8 file is unchanged and a Windows-1252 one reads
// right, whichever part of the file the re-save touched. The CSV syntax
// (quotes, separators, line breaks) is ASCII in both, so offsets stay those
// of the file.
func fieldText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]rune, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			r, size = rune(b[i]), 1
			if b[i] >= 0x80 && b[i] < 0xA0 {
				r = cp1252Runes[b[i]-0x80]
			}
		}
		out = append(out, r)
		i += size
	}
	return string(out)
}
