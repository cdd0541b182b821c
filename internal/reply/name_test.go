package reply

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// referenceLines is the htmlLines the hand-written passes replaced, kept as
// the tests' oracle.
func referenceLines(s string) string {
	s = scriptRe.ReplaceAllString(s, "")
	s = breakRe.ReplaceAllString(s, "\n")
	s = tagRe.ReplaceAllString(s, "")
	return strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " ")
}

var (
	scriptRe = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)\s*>`)
	breakRe  = regexp.MustCompile(`(?i)<(br|/p|/div|/li|p|div|li)\b[^>]*>`)
	tagRe    = regexp.MustCompile(`<[^>]*>`)
)

func TestHTMLLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Thanks!<br>Best,<br/>Lena", "Thanks!\nBest,\nLena"},
		{"<p>Hi</p><p>Best,<BR>Lena&nbsp;Fischer</P>", "\nHi\n\nBest,\nLena Fischer\n"},
		{"<div class=sig>Rohit</div>", "\nRohit\n"},
		{"<pre>x</pre><b>y</b>", "xy"},
		{"a<script>var x = '<br>';</script>b<style type=x>p{}</STYLE >c", "abc"},
		{"a<scripts>b</scripts>c", "abc"},
		{"a<script>never closed", "anever closed"},
		{"a<script>x</style>b", "ab"},
		{"a < b and c > d", "a  d"},
		{"a < b", "a < b"},
		{"<a <br>x", "<a \nx"},
		{"&lt;br&gt; &amp;", "<br> &"},
		{"", ""},
	} {
		if got := htmlLines(c.in); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
		if ref := referenceLines(c.in); ref != c.want {
			t.Errorf("%q: the reference gives %q, want %q", c.in, ref, c.want)
		}
	}
}

// FuzzHTMLLines: the same lines as the regular expressions, for any text.
// They fold case by Unicode, to which 'ſ' (U+017F) is an 's' ("<ſcript>");
// tags are ASCII, and the passes read them so.
func FuzzHTMLLines(f *testing.F) {
	for _, s := range []string{"Best,<br>Lena", "<p>a</p>", "<script>x</script>y", "<style>a</STYLE\n>b", "a<b<br>c>", "<li>x<div/>", "&amp;<x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, 'ſ') {
			return
		}
		if got, want := htmlLines(s), referenceLines(s); got != want {
			t.Errorf("%q: got %q, the regexps %q", s, got, want)
		}
	})
}

// BenchmarkHTMLLines: a signature's HTML, and the runs of '<' that made a
// pass quadratic (each '<' looked for the same '>' again: 200,000 of them
// took 0.33 s) against the regular expressions it replaced.
func BenchmarkHTMLLines(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"signature", strings.Repeat("<p>Thanks for reaching out about the role.</p>", 20) + "<p>Best,<br>Lena Fischer<br><b>Staff Engineer</b></p>"},
		{"lt-run", strings.Repeat("<", 64<<10) + ">"},
		{"unclosed-tags", strings.Repeat("<a ", 32<<10) + ">"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				htmlLines(c.text)
			}
		})
		b.Run(c.name+"/regexp", func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				referenceLines(c.text)
			}
		})
	}
}
