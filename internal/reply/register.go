package reply

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// register is how a language's messages address the reader: the words of
// the formal address (German Sie, Spanish usted, Chinese 您, Portuguese o
// senhor and prezado) and of the familiar one (du, tú, 你, tu and te; the
// Brazilian você, neutral, is neither), from the language file's
// "register".
//
// Where the warm tone of a language is familiar, a stranger who wrote Sie
// and gets du back has been answered rudely, whatever the reply says. So
// when neither the request nor the profile names a tone, a reply in the
// message's own language mirrors its register: formal when the message
// uses the formal address more often than the familiar one, else the
// default. A tone the user chose always wins.
type register struct {
	formal, familiar []cue
}

// cue is one word of a register, read once when the language loads.
type cue struct {
	word  string
	cased bool // written with a capital: matched as written, never at a sentence's start
}

// cues makes the cues of one side of a register; an empty word is none.
func cues(words ...string) []cue {
	var out []cue
	for _, w := range words {
		if w != "" {
			out = append(out, cue{w, w != strings.ToLower(w)})
		}
	}
	return out
}

// mirror returns "formal" when text addresses its reader formally more
// often than familiarly, else "". A word written with a capital (German
// "Sie", "Ihnen") is matched as written and not at the start of a sentence,
// where every word has one ("Sie" is also "she"); any other word is
// matched in any case. Han words are matched anywhere, other words only
// whole. It never panics.
func (g register) mirror(text string) string {
	if len(g.formal) == 0 || text == "" {
		return ""
	}
	lower := strings.ToLower(text)
	n := 0
	for _, c := range g.formal {
		n += occurrences(text, lower, c)
	}
	for _, c := range g.familiar {
		n -= occurrences(text, lower, c)
	}
	if n > 0 {
		return "formal"
	}
	return ""
}

// occurrences counts cue c in text (lower: text in lower case, for a word
// matched in any case), as mirror matches it.
func occurrences(text, lower string, c cue) int {
	s, w, cased := lower, c.word, c.cased
	if cased {
		s = text
	}
	n := 0
	for i := 0; ; {
		a := wholeWord(s, w, i)
		if a < 0 {
			return n
		}
		i = a + len(w)
		if cased && sentenceStart(s, a) {
			continue
		}
		n++
	}
}

// wholeWord returns where w next stands in s as a whole word (alone), at
// or after byte i, or -1; an empty w is never found.
func wholeWord(s, w string, i int) int {
	for w != "" {
		j := strings.Index(s[i:], w)
		if j < 0 {
			break
		}
		if a := i + j; alone(s, a, a+len(w)) {
			return a
		}
		i += j + 1
	}
	return -1
}

// alone reports whether s[a:b] is a whole word: no letter joins it on either
// side, except where the word's own edge is Han (written without spaces).
func alone(s string, a, b int) bool {
	first, _ := utf8.DecodeRuneInString(s[a:])
	last, _ := utf8.DecodeLastRuneInString(s[:b])
	if a > 0 && !unicode.Is(unicode.Han, first) {
		if r, _ := utf8.DecodeLastRuneInString(s[:a]); unicode.IsLetter(r) || unicode.IsMark(r) {
			return false
		}
	}
	if b < len(s) && !unicode.Is(unicode.Han, last) {
		if r, _ := utf8.DecodeRuneInString(s[b:]); unicode.IsLetter(r) || unicode.IsMark(r) {
			return false
		}
	}
	return true
}

// sentenceStart reports whether the word at s[a:] opens a sentence or a
// line: only spaces, quotes or brackets lie between it and the start of the
// text or the last full stop, question or exclamation mark, colon or line
// break.
func sentenceStart(s string, a int) bool {
	for a > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:a])
		switch {
		case r == '\n' || r == '\r' || r == '.' || r == '!' || r == '?' || r == ':' || r == '…':
			return true
		case r == ' ' || r == '\t' || r == '\u00a0' || unicode.Is(unicode.Quotation_Mark, r) || r == '(' || r == '[':
			a -= size
		default:
			return false
		}
	}
	return true
}
