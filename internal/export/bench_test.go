package export

import (
	"html"
	"strings"
	"testing"
)

// htmlCases are message bodies as exports hold them: a short HTML message,
// and hostile ones: many scripts, which a search that copied the rest of the
// message for every script made quadratic, and many tags never closed by a
// '>', each of which once searched to the end of the message.
var htmlCases = []struct{ name, text string }{
	{"message", strings.Repeat(`<p>Hi Sam,&nbsp;quick question about <a href="https://x.example/a">your post</a>.</p><p>Best,<br>Ana</p>`, 4)},
	{"scripts", "<p>x</p>" + strings.Repeat("<script>a</script>", 20000)},
	{"unclosed-scripts", strings.Repeat("<script>a", 20000)},
	{"unclosed-tags", strings.Repeat("<b ", 120000)},
}

// BenchmarkHTMLText measures reading a message's HTML as text (MB/s).
func BenchmarkHTMLText(b *testing.B) { benchHTML(b, HTMLText) }

// BenchmarkBaselineUnescape is the standard library's html.UnescapeString
// over the same texts: a floor for a pass that also reads tags.
func BenchmarkBaselineUnescape(b *testing.B) { benchHTML(b, html.UnescapeString) }

// benchHTML runs read over every case of htmlCases, in MB/s of input.
func benchHTML(b *testing.B, read func(string) string) {
	for _, c := range htmlCases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			b.ReportAllocs()
			for b.Loop() {
				read(c.text)
			}
		})
	}
}
