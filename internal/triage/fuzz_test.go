package triage

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzSegments: whatever the offsets, the pieces put back together are the
// text, and the rendered row never carries raw markup from the text.
func FuzzSegments(f *testing.F) {
	f.Add("Hi 👋 <b>demo</b> call", 3, 9, 2, 40)
	f.Add("é\xffx", 0, 2, -1, 1)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		ev := []Evidence{{ID: "a", Start: s1, End: e1}, {ID: "b", Signal: true, Start: s2, End: e2}}
		var b strings.Builder
		for _, s := range segments(text, ev) {
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Fatalf("segments of %q rebuild %q", text, b.String())
		}
		var row bytes.Buffer
		htmlRow(&row, Conversation{ID: text, With: text, Text: text, Reply: text, Evidence: ev, Kind: "request"})
		// Whatever the text holds, the row has its seven cells and no tag
		// that only the text could have brought.
		low := bytes.ToLower(row.Bytes())
		if bytes.Count(low, []byte("<td")) != 7 || bytes.Count(low, []byte("</tr>")) != 1 {
			t.Fatalf("row structure broken by %q:\n%s", text, row.Bytes())
		}
		for _, tag := range []string{"<script", "<img", "<a ", "<iframe", "<svg", "<style", "<tr>"} {
			if bytes.Contains(low, []byte(tag)) {
				t.Fatalf("text %q brought %s into the row", text, tag)
			}
		}
	})
}
