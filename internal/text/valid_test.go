package text

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestValid(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"café 🎉", "café 🎉"},
		{"", ""},
		{"\xff\xfe hi", "\uFFFD\uFFFD hi"},
		{"a\xe2\x82b", "a\uFFFDb"},             // a cut three-byte character: one
		{"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"}, // an encoded surrogate: ED's second byte is at most 9F
		{"\xe0\x80\x80", "\uFFFD\uFFFD\uFFFD"}, // overlong: E0's second byte is at least A0
		{"\xf0\x9f\x8e", "\uFFFD"},             // a cut emoji
		{"\xf0\x9f\x8e\xf0\x9f\x8e\x89", "\uFFFD🎉"},
		{"\xf4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"}, // past U+10FFFF
		{"\xc0\xaf", "\uFFFD\uFFFD"},                     // overlong slash
		{"\x80\x80", "\uFFFD\uFFFD"},
		{"x\xc3", "x\uFFFD"},
	} {
		if got := Valid(c.in); got != c.want {
			t.Errorf("Valid(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestValidDecoder holds Valid to the Encoding Standard's UTF-8 decoder,
// written as the standard states it (a byte at a time, with the bounds of
// the next byte), on random bytes drawn to make cut, overlong and surrogate
// sequences common.
func TestValidDecoder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	pick := []byte{0x00, 'a', 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff}
	for range 100000 {
		b := make([]byte, rnd.IntN(12))
		for i := range b {
			b[i] = pick[rnd.IntN(len(pick))]
		}
		if got, want := Valid(string(b)), standard(b); got != want {
			t.Fatalf("Valid(%q) = %q, the standard decodes %q", b, got, want)
		}
	}
}

// standard is the Encoding Standard's UTF-8 decoder with replacement.
func standard(in []byte) string {
	var out strings.Builder
	var cp rune
	needed, seen := 0, 0
	lower, upper := byte(0x80), byte(0xBF)
	for i := 0; i < len(in); i++ {
		b := in[i]
		if needed == 0 {
			switch {
			case b <= 0x7F:
				out.WriteByte(b)
			case b >= 0xC2 && b <= 0xDF:
				needed, cp = 1, rune(b&0x1F)
			case b >= 0xE0 && b <= 0xEF:
				if b == 0xE0 {
					lower = 0xA0
				}
				if b == 0xED {
					upper = 0x9F
				}
				needed, cp = 2, rune(b&0xF)
			case b >= 0xF0 && b <= 0xF4:
				if b == 0xF0 {
					lower = 0x90
				}
				if b == 0xF4 {
					upper = 0x8F
				}
				needed, cp = 3, rune(b&0x7)
			default:
				out.WriteRune(utf8.RuneError)
			}
			continue
		}
		if b < lower || b > upper {
			cp, needed, seen, lower, upper = 0, 0, 0, 0x80, 0xBF
			out.WriteRune(utf8.RuneError)
			i-- // the byte is read again
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(b&0x3F)
		if seen++; seen == needed {
			out.WriteRune(cp)
			cp, needed, seen = 0, 0, 0
		}
	}
	if needed != 0 {
		out.WriteRune(utf8.RuneError)
	}
	return out.String()
}

func FuzzValid(f *testing.F) {
	f.Add([]byte("a\xe2\x82b\xed\xa0\x80\xf0\x9f\x8e"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := Valid(string(b))
		if !utf8.ValidString(got) || got != standard(b) {
			t.Fatalf("Valid(%q) = %q, the standard decodes %q", b, got, standard(b))
		}
	})
}
