package text

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestCompose: a Latin letter and a combining mark (NFD) fold as the one
// letter NFC makes of them, in either case, and every other letter and
// mark fold as they always did, so a text in NFC folds as before. The pairs
// NFC composes come from Unicode's data (testdata/compose.txt); of those,
// the letters of U+00C0-U+024F (the table's) fold composed.
func TestCompose(t *testing.T) {
	f, err := os.Open("testdata/compose.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type made struct {
		c      rune
		direct bool // c decomposes into just this pair
	}
	nfc := map[[2]rune]made{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		var r [3]rune
		fields := strings.Fields(sc.Text())
		for i, h := range fields[:3] {
			n, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatal(err)
			}
			r[i] = rune(n)
		}
		nfc[[2]rune{r[0], r[1]}] = made{r[2], len(fields) > 3 && fields[3] == "="}
	}
	if len(nfc) < 500 {
		t.Fatalf("only %d pairs read", len(nfc))
	}
	composedN := 0
	for x := rune('A'); x < 0x250; x++ {
		if !unicode.IsLetter(x) {
			continue
		}
		for m := rune(0x300); m < 0x370; m++ {
			s := string(x) + string(m)
			got := Fold(s).Norm
			to, ok := nfc[[2]rune{x, m}]
			c := to.c
			switch {
			case ok && to.direct && c >= 0xc0 && c < 0x250:
				composedN++
				if want := Fold(string(c)).Norm; got != want {
					t.Errorf("%U %U folds to %+q, NFC's %U to %+q", x, m, got, c, want)
				}
			case !ok:
				// Not a pair NFC composes: a text in NFC may hold it, and
				// it folds as it always did.
				if want := " " + string(unicode.ToLower(x)) + string(m) + " "; got != want {
					t.Errorf("%U %U (NFC) folds to %+q, want %+q as before", x, m, got, want)
				}
			}
		}
	}
	if composedN != 2*len(compositions)-1 { // every letter in both cases, ǰ in lower case only
		t.Errorf("%d pairs composed, the table has %d letters", composedN, len(compositions))
	}
	for _, c := range []struct{ in, want string }{
		{"ra\u0301pida", " rápida "},
		{"U\u0308\u0301BER", " ǘber "},           // two marks, one after the other
		{"Gespra\u0308ch", " gespräch "},         // inside a word
		{"cafe\u0301. Ok", " café ok "},          // at its end
		{"\u0301a", " \u0301a "},                 // a mark after nothing
		{"a \u0301", " a \u0301 "},               // after a space
		{"a'\u0301", " a \u0301 "},               // after an apostrophe
		{"5\u0301", " # \u0301 "},                // after a number
		{"x\u0301", " x\u0301 "},                 // a pair no letter is
		{"İ\u0301 K\u0301", " i\u0301 k\u0301 "}, // (NFC) letters whose lower case only looks like a table's base
		{"I\u0307 i\u0307 İ", " i i\u0307 i "},   // "İ" folds to "i", NFC or not
		{"J\u030c j\u030c", " j\u030c ǰ "},       // ǰ has no upper case: J and the caron stay two
		{"a&#x301; &lt;b&gt;", " á b "},          // a mark written as a character reference
	} {
		if got := Fold(c.in).Norm; got != c.want {
			t.Errorf("Fold(%+q) = %+q, want %+q", c.in, got, c.want)
		}
	}
}

// TestComposeSpans: a word with a composed letter maps back to the whole of
// its letters and their marks in the message, in bytes and in UTF-16 units,
// however the word is found (inside, at its end, at the end of the text).
func TestComposeSpans(t *testing.T) {
	for _, c := range []struct {
		in, word, want string
		from16, to16   int
	}{
		{"una llamada ra\u0301pida, gracias", "rápida", "ra\u0301pida", 12, 19},
		{"Un cafe\u0301", "café", "cafe\u0301", 3, 8},
		{"🎉 U\u0308\u0301ber alles", "ǘber", "U\u0308\u0301ber", 3, 9},
		{"Re\u0301sume\u0301", "résumé", "Re\u0301sume\u0301", 0, 8},
	} {
		f := Fold(c.in)
		i := strings.Index(f.Norm, " "+c.word+" ")
		if i < 0 {
			t.Errorf("%q: %q not in %q", c.in, c.word, f.Norm)
			continue
		}
		a, b, ok := f.Span(i+1, i+1+len(c.word))
		if !ok || c.in[a:b] != c.want {
			t.Errorf("%q: %q maps to %d-%d, want %q", c.in, c.word, a, b, c.want)
			continue
		}
		offs := []int{a, b}
		UTF16(c.in, offs)
		if offs[0] != c.from16 || offs[1] != c.to16 {
			t.Errorf("%q: UTF-16 %v, want [%d %d]", c.in, offs, c.from16, c.to16)
		}
	}
}

// TestJoins: Joins names exactly the characters, neither letters nor
// digits, that leave "x" and "y" one word around them, as Fold reads them
// (a phrase's {…} group written against one is glued to it).
func TestJoins(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xd800 && r < 0xe000 || unicode.IsLetter(r) || unicode.IsDigit(r) {
			continue
		}
		f := Fold("x" + string(r) + "y")
		if one := len(f.List()) == 1 && strings.HasPrefix(f.Norm, " x") && strings.HasSuffix(f.Norm, "y "); one != Joins(r) {
			t.Errorf("%U: Joins %v, but %q folds to %q", r, Joins(r), "x"+string(r)+"y", f.Norm)
		}
	}
}
