package export

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"politely/internal/text"
)

// cp1252 maps Windows-1252's 0x80-0x9F bytes to the runes they show as; the
// other bytes up to 0xFF are Latin-1 and map to themselves.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
	'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cpByte is the byte a rune came from if the text was UTF-8 shown as
// Windows-1252 (or Latin-1).
func cpByte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// FixText repairs UTF-8 that was decoded as Windows-1252 on the way
// ("JosÃ© MarÃ­a" becomes "José María", "itâ€™s" becomes "it’s"). Only
// sequences that re-encode to valid multi-byte UTF-8 change, so correct text
// (including real Latin-1 letters such as "é") is left alone. Text encoded
// wrongly twice is repaired twice. It never panics.
func FixText(s string) string {
	for i := 0; i < 2 && suspect(s); i++ {
		s = fixOnce(s)
	}
	return s
}

// suspect reports a lead byte (Â..ô) followed by a continuation byte.
func suspect(s string) bool {
	prevLead := false
	for _, r := range s {
		b, ok := cpByte(r)
		if prevLead && ok && b >= 0x80 && b <= 0xBF {
			return true
		}
		prevLead = ok && b >= 0xC2 && b <= 0xF4
	}
	return false
}

func fixOnce(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); {
		if lead, ok := cpByte(rs[i]); ok && lead >= 0xC2 && lead <= 0xF4 {
			n := 2
			if lead >= 0xF0 {
				n = 4
			} else if lead >= 0xE0 {
				n = 3
			}
			if i+n <= len(rs) {
				buf := [4]byte{lead}
				good := true
				for k := 1; k < n && good; k++ {
					c, ok := cpByte(rs[i+k])
					good = ok && c >= 0x80 && c <= 0xBF
					buf[k] = c
				}
				if good {
					if r, size := utf8.DecodeRune(buf[:n]); r != utf8.RuneError && size == n {
						b.WriteRune(r)
						i += n
						continue
					}
				}
			}
		}
		b.WriteRune(rs[i])
		i++
	}
	return b.String()
}

// FixName repairs a name's encoding and spacing.
func FixName(s string) string {
	return strings.Join(strings.Fields(FixText(s)), " ")
}

// blockTags end a line when they open or close.
var blockTags = map[string]bool{
	"br": true, "p": true, "div": true, "li": true, "ul": true, "ol": true, "tr": true,
	"blockquote": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"table": true, "hr": true, "pre": true,
}

// inlineTags are dropped, keeping their text.
var inlineTags = map[string]bool{
	"a": true, "b": true, "i": true, "u": true, "em": true, "strong": true, "span": true,
	"font": true, "small": true, "sup": true, "sub": true, "td": true, "th": true, "img": true,
	"html": true, "body": true, "head": true, "tbody": true, "thead": true, "meta": true, "code": true,
	"style": true, "script": true, "title": true,
}

// HTMLText turns message HTML into plain text: block tags become line
// breaks, other known tags are dropped (a link keeps its address when the
// text does not show it), <script> and <style> lose their content up to
// their closing tag (without one they are text), and
// entities such as &nbsp; and &amp; are decoded. Text that holds no known tag
// or entity is returned unchanged, so "a <3 b" or "x < y" survive. It never
// panics.
func HTMLText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	found := false
	var href string
	linkStart := 0
	noScriptEnd, noStyleEnd := false, false
	// A tag needs a '>' after it: past the last one, no '<' opens a tag,
	// which spares a search to the end for each of them ("<b <b <b …").
	gt := strings.LastIndexByte(s, '>')
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		name, closing, end := "", false, -1
		if i < gt {
			name, closing, end = tagAt(s, i)
		}
		// A <script> or <style> loses its body only up to its closing tag:
		// one never closed is text that names the tag ("move the <script>
		// tag to the end"), and dropping it would drop the rest of the
		// message. Once a search for the closing tag fails, no later one
		// can succeed, so each is searched for once.
		skip := -1
		if end >= 0 && !closing && (name == "script" || name == "style") {
			if name == "script" && !noScriptEnd || name == "style" && !noStyleEnd {
				skip = text.IndexFold(s[end:], "</"+name)
			}
			if skip < 0 {
				noScriptEnd = noScriptEnd || name == "script"
				noStyleEnd = noStyleEnd || name == "style"
				end = -1
			}
		}
		if end < 0 {
			b.WriteByte('<')
			i++
			continue
		}
		found = true
		tag := s[i:end]
		i = end
		switch {
		case skip >= 0:
			i += skip
		case name == "a" && !closing:
			href, linkStart = attr(tag, "href"), b.Len()
		case name == "a" && closing:
			if strings.HasPrefix(href, "http") && !strings.Contains(b.String()[linkStart:], href) {
				b.WriteString(" (" + href + ")")
			}
			href = ""
		case name == "li":
			if !closing {
				b.WriteString("\n- ")
			}
		case blockTags[name]:
			b.WriteByte('\n')
		}
	}
	out := b.String()
	if strings.Contains(out, "&") {
		u := html.UnescapeString(out)
		found = found || u != out
		out = u
	}
	if !found {
		return s
	}
	return tidy(strings.ReplaceAll(out, "\u00a0", " "))
}

// tagAt reads a known tag at s[i] ('<'): its lower-case name, whether it
// closes, and the offset after '>' (-1 when it is not a known tag).
func tagAt(s string, i int) (name string, closing bool, end int) {
	j := i + 1
	if j < len(s) && s[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9') {
		k++
	}
	name = strings.ToLower(s[j:k])
	if name == "" || !(blockTags[name] || inlineTags[name]) {
		return "", false, -1
	}
	if k < len(s) && s[k] != '>' && s[k] != ' ' && s[k] != '/' && s[k] != '\t' && s[k] != '\n' {
		return "", false, -1
	}
	gt := strings.IndexByte(s[k:], '>')
	if gt < 0 {
		return "", false, -1
	}
	return name, closing, k + gt + 1
}

// attr reads a quoted attribute value from a tag.
func attr(tag, name string) string {
	i := text.IndexFold(tag, name+"=")
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+1:]
	if v == "" {
		return ""
	}
	if q := v[0]; q == '"' || q == '\'' {
		if j := strings.IndexByte(v[1:], q); j >= 0 {
			return html.UnescapeString(v[1 : j+1])
		}
		return ""
	}
	if j := strings.IndexAny(v, " >"); j >= 0 {
		v = v[:j]
	}
	return v
}

// tidy trims each line's trailing space and keeps at most one blank line.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(l) == "" {
			blank++
			if blank > 1 {
				continue
			}
			l = ""
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// systemExact are whole contents LinkedIn writes itself (compared lower-case,
// without a final period).
var systemExact = map[string]bool{
	"message request accepted":         true,
	"you accepted the message request": true,
	"this message has been deleted":    true,
	"this message was deleted":         true,
	"message deleted":                  true,
	"you are now connected":            true,
	"you’re now connected":             true,
	"you're now connected":             true,
}

// systemSuffix are endings of LinkedIn's own rows ("Ana accepted your
// message request"), each with the verb that follows who did it.
var systemSuffix = [][2]string{
	{"accepted your message request", " accepted "}, {"joined the conversation", " joined "},
	{"left the conversation", " left "}, {"to the conversation", " added "},
	{"from the conversation", " removed "}, {"the conversation", " named "},
}

// systemRow says why a row is not a message ("" when it is one).
func systemRow(m Message) string {
	if m.From == "" {
		return "system row (no sender)"
	}
	orig := strings.TrimSpace(m.Content)
	c := strings.ToLower(orig)
	if c == "" && strings.TrimSpace(m.Subject) == "" {
		return "empty message"
	}
	c = strings.TrimSuffix(c, ".")
	if systemExact[c] {
		return "system row (" + c + ")"
	}
	// LinkedIn's rows are short, one line, never ask anything, and begin
	// with who did it: "Ben Ode added Cy Park to the conversation", "You
	// left the conversation". A person writing "Sure, I've added Maria to
	// the conversation." is not one.
	if len(c) < 120 && !strings.ContainsAny(c, "\n?!") {
		for _, suf := range systemSuffix {
			if !strings.HasSuffix(c, suf[0]) {
				continue
			}
			if k := text.IndexFold(orig, suf[1]); k > 0 && actor(orig[:k], m) {
				return "system row (" + c + ")"
			}
		}
	}
	return ""
}

// actor reports whether s, the words before the verb of what looks like
// one of LinkedIn's own rows, names who did it: "You", a participant of the
// row, or words shaped like a name (capitalised, no sentence punctuation,
// no "I").
func actor(s string, m Message) bool {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "you") {
		return true
	}
	name := strings.Join(strings.Fields(s), " ")
	if strings.EqualFold(name, m.From) {
		return true
	}
	for _, to := range m.To {
		if strings.EqualFold(name, to) {
			return true
		}
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || w == "I" || strings.HasPrefix(w, "I'") || strings.HasPrefix(w, "I’") ||
			strings.ContainsAny(w, ",;:!?()\"") {
			return false
		}
	}
	return true
}
