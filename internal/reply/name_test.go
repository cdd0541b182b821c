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
	s = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)\s*>`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`(?i)<(br|/p|/div|/li|p|div|li)\b[^>]*>`).ReplaceAllString(s, "\n")
	s = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, "")
	return strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " ")
}

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
