package text

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hi there!", " hi there "},
		{"I'm sure you don't mind, it's 'fine'", " im sure you dont mind its fine "},
		{"I’m NOT selling—anything.", " im not selling anything "},
		{"15-min call, $25/hr", " # min call $ # hr "},
		{"15min", " # min "},
		{"sel\u200bling", " selling "},
		{"<p>Hi&nbsp;Chris,</p><script>alert(1)</script><b>white</b>-label", " hi chris white label "},
		{"calendly.com/x", " calendly com x "},
		{"Café ÉTÉ", " café été "},
		{"1,000.50 usd", " # usd "},
		{"a < b & c", " a b c "},
		{"", " "},
		{"🎉 Congrats", " congrats "},
		{"请帮我内推。谢谢", " 请 帮 我 内 推 谢 谢 "},
	} {
		if got := Fold(c.in).Norm; got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestWords: each word maps back to its bytes in the message, and sentence
// breaks ("|") fall where a stop and a space, or the end, come. The fold's
// paths for "word word" and "word, word" (taken inside a run of letters)
// and the byte-at-a-time rules outside them give the same words.
func TestWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hi Anna, I noticed. We help!", "Hi Anna I noticed | We help |"},
		{"one,two three;four", "one two three | four |"},
		{"node.js. Next: calendly.com/x", "node js | Next calendly com x |"},
		{"Done.\nNew line, ok", "Done | New line ok |"},
		{"abcdefghijklmnopq, rstuvwxyz. Ab", "abcdefghijklmnopq rstuvwxyz | Ab |"},
		{"a. b, c! d? e", "a | b c | d | e |"},
		{"Hi 15, ok", "Hi # ok |"},
		{"x , y", "x y |"},
		{"I'm sure you don't mind, it's 'fine'", "I'm sure you don't mind it's fine |"},
		{"rock 'n' roll", "rock n roll |"},
	} {
		f := Fold(c.in)
		var parts []string
		words := f.List()
		for k, w := range words {
			word := c.in[w.From:w.To]
			if f.Norm[w.Start:w.End] == "#" {
				word = "#"
			}
			parts = append(parts, word)
			next := len(f.Norm)
			if k+1 < len(words) {
				next = int(words[k+1].Start)
			}
			if f.Break(int(w.End), next) {
				parts = append(parts, "|")
			}
		}
		if got := strings.Join(parts, " "); got != c.want {
			t.Errorf("Fold(%q): %q, want %q", c.in, got, c.want)
		}
	}
}

func TestUTF16(t *testing.T) {
	s := "a🎉é\xffb"
	offs := []int{0, 1, 5, 7, 8, 9}
	UTF16(s, offs)
	want := []int{0, 1, 3, 4, 5, 6}
	for i := range offs {
		if offs[i] != want[i] {
			t.Fatalf("UTF16 = %v, want %v", offs, want)
		}
	}
	if got := Slice16("a🎉b", 1, 3); got != "🎉" {
		t.Fatalf("Slice16 = %q", got)
	}
}

func TestSpanMapsBack(t *testing.T) {
	for _, s := range []string{"Hi <b>Chris</b>&nbsp;— we help companies", "🎉 WE  HELP\ncompanies", "we’re 15-min away"} {
		f := Fold(s)
		for i := 0; i < len(f.Norm); i++ {
			for j := i + 1; j <= len(f.Norm); j++ {
				a, b, ok := f.Span(i, j)
				if ok && (a < 0 || b > len(s) || a >= b) {
					t.Fatalf("%q: Span(%d,%d) = %d,%d", s, i, j, a, b)
				}
			}
		}
	}
}

// FuzzFold: folding never panics, maps inside the input, and is padded.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Hi there!", "<p>a&amp;b</p><script>x", "15,000.5 $ 🎉", "\xff\xfe", "&#x1F600;&bogus;",
		"ra\u0301pida U\u0308\u0301ber", "I\u0307 a'\u0301 5\u0301 \u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fd := Fold(s)
		if len(fd.Norm) == 0 || fd.Norm[0] != ' ' || fd.Norm[len(fd.Norm)-1] != ' ' {
			t.Fatalf("not padded: %q", fd.Norm)
		}
		if a, b, ok := fd.Span(0, len(fd.Norm)); ok && (a < 0 || b > len(s) || a > b) {
			t.Fatalf("span %d-%d outside %d", a, b, len(s))
		}
		// Refolding memory that held another text gives the same fold.
		var g Folded
		g.Refold("<p>An earlier, longer message: 1,500 words &amp; more.</p> " + s + s)
		g.Refold(s)
		if g.Norm != fd.Norm || !slices.Equal(g.List(), fd.List()) || g.Words() != fd.Words() || g.ASCII() != fd.ASCII() {
			t.Fatalf("refold of %q: %q %v, want %q %v", s, g.Norm, g.List(), fd.Norm, fd.List())
		}
		if ascii := ASCIIPrefix(s) == len(s); fd.ASCII() != ascii {
			t.Fatalf("%q: ASCII() = %v, want %v", s, fd.ASCII(), ascii)
		}
		for _, w := range fd.List() {
			if w.From < 0 || w.To > int32(len(s)) || w.From >= w.To || w.Start >= w.End || fd.Norm[w.Start-1] != ' ' || fd.Norm[w.End] != ' ' {
				t.Fatalf("%q: bad word %+v", s, w)
			}
		}
	})
}

// TestASCII: whether a text is all ASCII, as the fold saw it, tags
// included, and whatever its entities decode to.
func TestASCII(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"", true},
		{"Plain text, 15 min? Yes!", true},
		{"Café", false},
		{"你好", false},
		{"\xff", false},
		{"<p>caf&eacute;</p>", true},
		{`<p title="é">cafe</p>`, false},
		{"<p>a</p> é", false},
		{"a < b & c", true},
	} {
		if got := Fold(c.in).ASCII(); got != c.want {
			t.Errorf("Fold(%q).ASCII() = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestEntities(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<p>a&amp;b&nbsp;c&#39;d&#x2019;e&rsquo;f&bogus;g&#0;</p>", " a b cdef bogus g # "},
		{"<p>caf&eacute;</p>", " café "},
	} {
		if got := Fold(c.in).Norm; got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLetters(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"abcdefgh", 8}, {"ABCDefgh", 8}, {"abc defg", 3}, {"@abcdefg", 0}, {"za[`{Z@z", 2},
		{"ab\xc3\xa9cdef", 2}, {"abcdefg1", 7}, {"\x80bcdefgh", 0}, {"abcdefg\xfa", 7},
	} {
		if got := letters(Load64(c.in)); got != c.want {
			t.Errorf("letters(%q) = %d, want %d", c.in, got, c.want)
		}
	}
	// Every byte value in every position agrees with the byte-wise test.
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			buf := []byte("abcdefgh")
			buf[pos] = byte(c)
			want := 0
			for want < 8 && (buf[want]|0x20)-'a' < 26 {
				want++
			}
			if got := letters(Load64(string(buf))); got != want {
				t.Fatalf("letters(%q) = %d, want %d", buf, got, want)
			}
		}
	}
}

// IsASCII answers what ASCIIPrefix answers, for every piece of texts of
// every length, past-ASCII bytes anywhere, and pieces near the end.
func TestIsASCII(t *testing.T) {
	for _, s := range []string{"", "a", "hello world", " selling more ", "café au lait ", "abcdefgh\xc3\xa9", "\xff", "abcdefghijklmnopq rs ", " über 你好 ok "} {
		for i := 0; i <= len(s); i++ {
			for j := i; j <= len(s); j++ {
				if got, want := IsASCII(s, i, j), ASCIIPrefix(s[i:j]) == j-i; got != want {
					t.Fatalf("IsASCII(%q, %d, %d) = %v, want %v", s, i, j, got, want)
				}
			}
		}
	}
}

// IndexFold finds a sub in any case at the offset of s itself, and agrees
// with trying every offset in turn.
func TestIndexFold(t *testing.T) {
	for _, c := range []struct {
		s, sub string
		want   int
	}{
		{"a</SCRIPT>b", "</script", 1},
		{"ȺȺ</Script>", "</script", 4},         // a capital that lower-cases longer comes before
		{"\xff\xff</script", "</script", 2},    // so do bad bytes
		{"</ſcript></script>", "</script", 10}, // "ſ" folds to "s" but is two bytes
		{"<a \u212A href=x>", "href=", 7},      // the Kelvin sign is no "k"
		{`<a HREF="x">`, "href=", 3},
		{"</scrip", "</script", -1},
		{"x</script", "</script", 1}, // at the very end
		{"", "", 0},
		{"abc", "", 0},
		{"<<<<", "</", -1},
	} {
		if got := IndexFold(c.s, c.sub); got != c.want {
			t.Errorf("IndexFold(%q, %q) = %d, want %d", c.s, c.sub, got, c.want)
		}
	}
	every := func(s, sub string) int {
		for i := 0; i+len(sub) <= len(s); i++ {
			if strings.EqualFold(s[i:i+len(sub)], sub) {
				return i
			}
		}
		return -1
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"<", "/", "s", "S", "cript", "CRIPT", "ſ", "\u212A", "Ⱥ", "\xff", " ", "h", "REF="}
	for range 20000 {
		var s, sub strings.Builder
		for range rng.IntN(12) {
			s.WriteString(pieces[rng.IntN(len(pieces))])
		}
		for range 1 + rng.IntN(3) {
			sub.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if got, want := IndexFold(s.String(), sub.String()), every(s.String(), sub.String()); got != want {
			t.Fatalf("IndexFold(%q, %q) = %d, want %d", s.String(), sub.String(), got, want)
		}
	}
}

// TestVisible: a quote reads as the page shows the message: tags left out
// (a line's tag parts words, an inline one does not), entities read, and a
// "<" that opens no tag kept.
func TestVisible(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"could you <i>refer</i> me", "could you refer me"},
		{"re<b>fer</b> me", "refer me"},
		{"line one<br>line two", "line one line two"},
		{"one</p><p class=\"x\">two", "one two"},
		{"Q&amp;A and &lt;3", "Q&A and <3"},
		{"a < b and 2<3", "a < b and 2<3"},
		{"an <unclosed tag", "an <unclosed tag"},
		{"plain text", "plain text"},
	} {
		if got := strings.Join(strings.Fields(Visible(c.in)), " "); got != c.want {
			t.Errorf("Visible(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
