package text

import (
	"unicode"
	"unicode/utf8"
)

// A message may come in decomposed Unicode (NFD, as macOS and some
// keyboards write it): "rápida" as "ra" + U+0301 + "pida". Fold keeps
// accents, so the phrase "rápida" would miss it; compose writes such a
// letter and its mark as the one letter NFC has, from a small table of the
// Latin letters, with no normalization package. A text in NFC never holds a
// pair of the table (NFC would have made it one letter), so it folds as it
// always did.

// composition is a lower-case Latin letter that is a letter and a
// combining mark. upper: its upper-case form is the upper-case letter and
// the same mark, as NFC composes them (all but ǰ, which has none).
type composition struct {
	base, mark, comp rune
	upper            bool
}

// compositions are the Latin letters of U+00C0-U+024F that decompose
// canonically into a letter and one combining mark (U+0300-U+036F), in the
// lower case Fold writes, sorted by base and mark. Made from Unicode's data
// (Python's unicodedata): each is what NFC makes of its base and mark.
var compositions = [...]composition{
	{'a', 0x300, 'à', true}, {'a', 0x301, 'á', true}, {'a', 0x302, 'â', true}, {'a', 0x303, 'ã', true},
	{'a', 0x304, 'ā', true}, {'a', 0x306, 'ă', true}, {'a', 0x307, 'ȧ', true}, {'a', 0x308, 'ä', true},
	{'a', 0x30a, 'å', true}, {'a', 0x30c, 'ǎ', true}, {'a', 0x30f, 'ȁ', true}, {'a', 0x311, 'ȃ', true},
	{'a', 0x328, 'ą', true}, {'c', 0x301, 'ć', true}, {'c', 0x302, 'ĉ', true}, {'c', 0x307, 'ċ', true},
	{'c', 0x30c, 'č', true}, {'c', 0x327, 'ç', true}, {'d', 0x30c, 'ď', true}, {'e', 0x300, 'è', true},
	{'e', 0x301, 'é', true}, {'e', 0x302, 'ê', true}, {'e', 0x304, 'ē', true}, {'e', 0x306, 'ĕ', true},
	{'e', 0x307, 'ė', true}, {'e', 0x308, 'ë', true}, {'e', 0x30c, 'ě', true}, {'e', 0x30f, 'ȅ', true},
	{'e', 0x311, 'ȇ', true}, {'e', 0x327, 'ȩ', true}, {'e', 0x328, 'ę', true}, {'g', 0x301, 'ǵ', true},
	{'g', 0x302, 'ĝ', true}, {'g', 0x306, 'ğ', true}, {'g', 0x307, 'ġ', true}, {'g', 0x30c, 'ǧ', true},
	{'g', 0x327, 'ģ', true}, {'h', 0x302, 'ĥ', true}, {'h', 0x30c, 'ȟ', true}, {'i', 0x300, 'ì', true},
	{'i', 0x301, 'í', true}, {'i', 0x302, 'î', true}, {'i', 0x303, 'ĩ', true}, {'i', 0x304, 'ī', true},
	{'i', 0x306, 'ĭ', true}, {'i', 0x308, 'ï', true}, {'i', 0x30c, 'ǐ', true}, {'i', 0x30f, 'ȉ', true},
	{'i', 0x311, 'ȋ', true}, {'i', 0x328, 'į', true}, {'j', 0x302, 'ĵ', true}, {'j', 0x30c, 'ǰ', false},
	{'k', 0x30c, 'ǩ', true}, {'k', 0x327, 'ķ', true}, {'l', 0x301, 'ĺ', true}, {'l', 0x30c, 'ľ', true},
	{'l', 0x327, 'ļ', true}, {'n', 0x300, 'ǹ', true}, {'n', 0x301, 'ń', true}, {'n', 0x303, 'ñ', true},
	{'n', 0x30c, 'ň', true}, {'n', 0x327, 'ņ', true}, {'o', 0x300, 'ò', true}, {'o', 0x301, 'ó', true},
	{'o', 0x302, 'ô', true}, {'o', 0x303, 'õ', true}, {'o', 0x304, 'ō', true}, {'o', 0x306, 'ŏ', true},
	{'o', 0x307, 'ȯ', true}, {'o', 0x308, 'ö', true}, {'o', 0x30b, 'ő', true}, {'o', 0x30c, 'ǒ', true},
	{'o', 0x30f, 'ȍ', true}, {'o', 0x311, 'ȏ', true}, {'o', 0x31b, 'ơ', true}, {'o', 0x328, 'ǫ', true},
	{'r', 0x301, 'ŕ', true}, {'r', 0x30c, 'ř', true}, {'r', 0x30f, 'ȑ', true}, {'r', 0x311, 'ȓ', true},
	{'r', 0x327, 'ŗ', true}, {'s', 0x301, 'ś', true}, {'s', 0x302, 'ŝ', true}, {'s', 0x30c, 'š', true},
	{'s', 0x326, 'ș', true}, {'s', 0x327, 'ş', true}, {'t', 0x30c, 'ť', true}, {'t', 0x326, 'ț', true},
	{'t', 0x327, 'ţ', true}, {'u', 0x300, 'ù', true}, {'u', 0x301, 'ú', true}, {'u', 0x302, 'û', true},
	{'u', 0x303, 'ũ', true}, {'u', 0x304, 'ū', true}, {'u', 0x306, 'ŭ', true}, {'u', 0x308, 'ü', true},
	{'u', 0x30a, 'ů', true}, {'u', 0x30b, 'ű', true}, {'u', 0x30c, 'ǔ', true}, {'u', 0x30f, 'ȕ', true},
	{'u', 0x311, 'ȗ', true}, {'u', 0x31b, 'ư', true}, {'u', 0x328, 'ų', true}, {'w', 0x302, 'ŵ', true},
	{'y', 0x301, 'ý', true}, {'y', 0x302, 'ŷ', true}, {'y', 0x304, 'ȳ', true}, {'y', 0x308, 'ÿ', true},
	{'z', 0x301, 'ź', true}, {'z', 0x307, 'ż', true}, {'z', 0x30c, 'ž', true}, {'ä', 0x304, 'ǟ', true},
	{'å', 0x301, 'ǻ', true}, {'æ', 0x301, 'ǽ', true}, {'æ', 0x304, 'ǣ', true}, {'õ', 0x304, 'ȭ', true},
	{'ö', 0x304, 'ȫ', true}, {'ø', 0x301, 'ǿ', true}, {'ü', 0x300, 'ǜ', true}, {'ü', 0x301, 'ǘ', true},
	{'ü', 0x304, 'ǖ', true}, {'ü', 0x30c, 'ǚ', true}, {'ǫ', 0x304, 'ǭ', true}, {'ȧ', 0x304, 'ǡ', true},
	{'ȯ', 0x304, 'ȱ', true}, {'ʒ', 0x30c, 'ǯ', true},
}

// composed is the letter that base (lower case) and the combining mark make,
// and whether base may have been written in upper case; 0 when none.
func composed(base, mark rune) (rune, bool) {
	lo, hi := 0, len(compositions)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		c := &compositions[m]
		if c.base < base || c.base == base && c.mark < mark {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(compositions) && compositions[lo].base == base && compositions[lo].mark == mark {
		return compositions[lo].comp, compositions[lo].upper
	}
	return 0, false
}

// compose writes the combining mark at s[a:] into the letter folded last,
// when the two make one letter (NFD: "a" then U+0301 is "á"), and reports
// whether it did. The letter must be the one the message wrote just before
// the mark, in either case (not one whose lower case merely looks like it,
// as "İ" folds to "i"), or a letter composed already from the marks before
// this one ("u", U+0308, U+0301 is "ǘ").
func (w *folder) compose(mark rune, a int, s string) bool {
	if !w.prevL || w.sep {
		return false
	}
	last, n := utf8.DecodeLastRune(w.b)
	c, upper := composed(last, mark)
	if c == 0 {
		// "I" and a dot above is "İ", which folds to "i" (its one
		// upper-case letter with no lower-case letter of the table).
		if mark == 0x307 && last == 'i' && s[a-1] == 'I' {
			return true
		}
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:a])
	switch {
	case prev == last: // as written, in lower case
	case upper && prev != unicode.ToLower(prev) && unicode.ToLower(prev) == last && unicode.ToUpper(last) == prev:
	case prev >= 0x300 && prev <= 0x36f: // its mark is part of last already
	default:
		return false
	}
	w.b = utf8.AppendRune(w.b[:len(w.b)-n], c)
	return true
}
