package reply

import (
	"html"
	"strings"
	"unicode"

	"politely/internal/lint"
	"politely/internal/model"
)

// name is how the reply addresses the sender.
type name struct {
	first string // "Lena"; for a name in Chinese characters, the whole name
	full  string // "Lena Fischer"
}

// senderName finds the sender's name: from the request's sender when the
// host knows it, else from the signature at the end of the message ("Best,
// Lena" or a last line "Rohit"). The greeting at the top of a message names
// the recipient, not the sender, so it is never used. The user's own name is
// never taken for the sender's.
func senderName(r model.Request) name {
	n := parseName(r.Sender.Name)
	if n.first == "" {
		n = signedName(r.Text)
	}
	if n.first != "" && r.Profile.Name != "" {
		if own := parseName(r.Profile.Name); strings.EqualFold(own.first, n.first) {
			return name{}
		}
	}
	return n
}

// honorifics are left out of the first name ("Dr. Lena Fischer" is Lena).
var honorifics = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "prof": true,
	"sir": true, "herr": true, "frau": true, "sr": true, "sra": true, "srta": true, "don": true,
	"doña": true, "m": true, "mme": true, "mlle": true, "ing": true, "dra": true,
}

// parseName reads a display name such as "Dr. Lena Fischer, PhD 🚀" or
// "Fischer, Lena" into its first and full name; it returns the zero name
// when s does not look like a person's name (digits, too long, no letters,
// a word that is no name: "LinkedIn Member"), or gives only a surname
// after a title ("Mr. Smith": "Dear Smith" and "Hi Smith" both read wrong).
func parseName(s string) name {
	s = lastFirst(strings.TrimSpace(s))
	if i := strings.IndexAny(s, ",|(/·•"); i >= 0 {
		s = s[:i] // credentials, pronouns or a tagline follow
	}
	var words []string
	if strings.ContainsFunc(s, unicode.IsDigit) {
		return name{} // "Team 42" or a phone number is not a person's name
	}
	title := ""
	for _, f := range strings.Fields(s) {
		f = strings.TrimFunc(f, func(r rune) bool { return !isNameRune(r) || r == '-' || r == '\'' })
		if f == "" {
			continue
		}
		for _, r := range f {
			if !isNameRune(r) {
				return name{}
			}
		}
		f = strings.TrimSuffix(f, ".")
		if f == "" || len(words) == 0 && honorifics[strings.ToLower(f)] {
			if f != "" {
				title = strings.ToLower(f)
			}
			continue
		}
		if lw := strings.ToLower(f); notNames[lw] && !alsoNames[lw] {
			return name{}
		}
		words = append(words, titleCase(f))
	}
	if len(words) == 0 || len(words) > 4 {
		return name{}
	}
	if title != "" && !givenTitles[title] && len(words) == 1 && !han(words[0]) {
		return name{} // "Mr. Smith", "Frau Weber": a surname, no first name
	}
	full := strings.Join(words, " ")
	if len([]rune(full)) > 40 {
		return name{}
	}
	if han(full) {
		return name{first: full, full: full}
	}
	if len([]rune(words[0])) < 2 {
		return name{} // an initial is not a first name
	}
	return name{first: words[0], full: full}
}

// givenTitles come before a first name, not a surname ("Don José").
var givenTitles = map[string]bool{"don": true, "doña": true}

// lastFirst turns a name written "Last, First" ("Fischer, Lena") into
// "First Last". It reads so only a single surname (perhaps after particles:
// "van der Berg, Anna") followed by one or two words that look like given
// names: "Lena Fischer, PhD" and "Tanaka, MBA" keep their order.
func lastFirst(s string) string {
	i := strings.IndexByte(s, ',')
	if i < 0 {
		return s
	}
	last, rest := strings.Fields(s[:i]), s[i+1:]
	if j := strings.IndexAny(rest, ",|(/·•"); j >= 0 {
		rest = rest[:j]
	}
	given := strings.Fields(rest)
	if len(last) == 0 || len(given) == 0 || len(given) > 2 {
		return s
	}
	for _, w := range last[:len(last)-1] {
		if !particles[strings.ToLower(w)] {
			return s
		}
	}
	for _, w := range given {
		if credential(w) || notNames[strings.ToLower(strings.Trim(w, "."))] {
			return s
		}
	}
	return strings.Join(given, " ") + " " + strings.Join(last, " ")
}

// particles come before a surname ("van der Berg", "de la Cruz").
var particles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "la": true, "le": true, "da": true,
	"das": true, "do": true, "dos": true, "del": true, "di": true, "du": true, "ter": true, "ten": true,
}

// credentials follow a name after a comma ("Lena Fischer, MBA").
var credentials = map[string]bool{
	"phd": true, "md": true, "mba": true, "msc": true, "bsc": true, "ma": true, "ba": true, "cpa": true,
	"cfa": true, "pmp": true, "jr": true, "sr": true, "ii": true, "iii": true, "iv": true, "esq": true,
	"rn": true, "pe": true, "jd": true, "llm": true, "shrm": true, "cissp": true, "csm": true, "dds": true,
}

// credential reports whether w is a degree or certification: a known one,
// one with a capital inside ("PhD", "MSc"), or capitals with a hyphen
// ("SHRM-CP").
func credential(w string) bool {
	w = strings.Trim(w, ".")
	if credentials[strings.ToLower(w)] {
		return true
	}
	rs := []rune(w)
	inner := false
	for _, r := range rs[min(1, len(rs)):] {
		inner = inner || unicode.IsUpper(r)
	}
	return inner && (w != strings.ToUpper(w) || strings.Contains(w, "-"))
}

func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || r == '-' || r == '\'' || r == '\u2019' || r == '.'
}

func han(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && r != ' ' && r != '·' {
			return false
		}
	}
	return s != ""
}

// titleCase capitalizes a name typed all in lower or upper case ("rohit",
// "ROHIT" → "Rohit") and leaves any other casing ("McKenzie", "DeShawn").
func titleCase(w string) string {
	rs := []rune(w)
	if w == strings.ToUpper(w) && len(rs) > 1 {
		w = strings.ToLower(w)
		rs = []rune(w)
	}
	if w != strings.ToLower(w) {
		return w
	}
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// closings are the sign-off words that come before a name at the end of a
// message, in every supported language.
var closings = []string{
	"best", "best regards", "kind regards", "warm regards", "regards", "warmly", "cheers",
	"thanks", "thank you", "many thanks", "thanks again", "sincerely", "yours", "all the best",
	"best wishes", "talk soon", "take care", "respectfully", "with gratitude", "gratefully",
	"saludos", "un saludo", "saludos cordiales", "atentamente", "un abrazo", "gracias",
	"cordialement", "bien à vous", "bien cordialement", "merci", "amitiés",
	"viele grüße", "beste grüße", "liebe grüße", "mit freundlichen grüßen", "freundliche grüße", "lg", "vg", "danke", "gruß",
	"祝好", "此致", "谢谢", "敬上",
	"abraços", "um abraço", "forte abraço", "abs", "atenciosamente", "att", "cordialmente", "saudações",
	"obrigado", "obrigada", "muito obrigado", "muito obrigada", "até mais",
}

// notNames are words that end messages without being a name.
var notNames = map[string]bool{
	"thanks": true, "thank": true, "cheers": true, "regards": true, "best": true, "founder": true,
	"ceo": true, "cto": true, "recruiter": true, "team": true, "host": true, "manager": true,
	"director": true, "engineer": true, "hello": true, "hi": true, "hey": true, "ps": true,
	"sent": true, "linkedin": true, "sincerely": true, "warmly": true, "yours": true,
	"looking": true, "forward": true, "hope": true, "talk": true, "soon": true, "see": true,
	"please": true, "let": true, "again": true, "all": true, "good": true, "great": true,
	"the": true, "p.s": true, "cheers!": true, "dear": true, "re": true, "fyi": true,
	"abraços": true, "abraço": true, "abs": true, "att": true, "atenciosamente": true, "cordialmente": true,
	"saudações": true, "obrigado": true, "obrigada": true, "olá": true, "oi": true,
	"member": true, "user": true,
}

// alsoNames are words of notNames that are people's names too ("Hope
// Solo", "George Best"): in a display name they are read as names.
var alsoNames = map[string]bool{"hope": true, "best": true, "good": true, "see": true, "soon": true}

// orgWords mark a line as a company or school rather than a person.
var orgWords = map[string]bool{
	"lab": true, "labs": true, "inc": true, "llc": true, "ltd": true, "gmbh": true, "software": true,
	"solutions": true, "group": true, "team": true, "university": true, "college": true, "agency": true,
	"partners": true, "capital": true, "consulting": true, "media": true, "ai": true, "technologies": true,
	"systems": true, "studio": true, "ventures": true, "recruiting": true, "partner": true, "school": true,
}

// signedName looks for the sender's signature in the last lines of text:
// a name after a closing ("Best,\nLena", "Best, Lena"), or a last line that
// is only a name ("Rohit", "- Dev") possibly followed by a title line. It
// errs on the side of no name: a wrong name is worse than none.
func signedName(text string) name {
	if strings.Contains(text, "<") || strings.Contains(text, "&") {
		text = htmlLines(text)
	}
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) < 2 {
		return name{}
	}
	from := len(lines) - 4
	if from < 1 {
		from = 1
	}
	// A closing followed by a name, on the same line or the next.
	for i := len(lines) - 1; i >= from-1 && i >= 0; i-- {
		c, rest, ok := closing(lines[i])
		if !ok {
			continue
		}
		_ = c
		if rest != "" {
			if n := nameLine(rest); n.first != "" {
				return n
			}
			continue
		}
		if i+1 < len(lines) {
			if n := nameLine(lines[i+1]); n.first != "" {
				return n
			}
		}
	}
	// A bare name as the last line, or before a one-line title.
	if n := nameLine(lines[len(lines)-1]); n.first != "" {
		return n
	}
	if len(lines) >= 3 && !sentence(lines[len(lines)-1]) {
		if n := nameLine(lines[len(lines)-2]); n.first != "" && sentence(lines[len(lines)-3]) {
			return n
		}
	}
	return name{}
}

// closing splits "Best, Lena" into the closing and the rest. The closing
// is compared in place (EqualFold on as many bytes), not in a lower-cased
// copy: some capitals lower-case to another number of bytes, and the rest
// must be cut where the closing ends in the line itself.
func closing(line string) (string, string, bool) {
	for _, c := range closings {
		if len(line) < len(c) || !strings.EqualFold(line[:len(c)], c) {
			continue
		}
		rest := line[len(c):]
		if rest != "" && !strings.ContainsAny(rest[:1], ",!.—–-:， ") {
			continue
		}
		rest = strings.TrimLeft(rest, ",!.—–-:， ")
		if strings.ContainsAny(rest, ".?!") || len(strings.Fields(rest)) > 3 {
			continue
		}
		return c, strings.TrimSpace(rest), true
	}
	return "", "", false
}

// nameLine reads a line that is only a name: one to three capitalized words
// (or a Chinese name), optionally after a dash.
func nameLine(line string) name {
	line = strings.TrimSpace(strings.TrimLeft(line, "-–—~ "))
	if line == "" || strings.ContainsAny(line, ",:;!?@0123456789|/()") {
		return name{}
	}
	words := strings.Fields(line)
	if len(words) > 3 {
		return name{}
	}
	if han(line) {
		if n := len([]rune(line)); n >= 2 && n <= 4 {
			return name{first: line, full: line}
		}
		return name{}
	}
	for _, w := range words {
		rs := []rune(w)
		if !unicode.IsUpper(rs[0]) {
			return name{}
		}
		lw := strings.ToLower(strings.Trim(w, "."))
		if notNames[lw] || orgWords[lw] {
			return name{}
		}
	}
	return parseName(line)
}

// sentence reports whether a line reads as prose rather than a signature.
func sentence(line string) bool {
	return len(strings.Fields(line)) > 4 || strings.ContainsAny(line[len(line)-1:], ".!?")
}

// FirstName is the name a reply to r greets the sender by: from r.Sender.Name
// when set, else from the signature at the end of the message; "" when
// unknown.
func FirstName(r model.Request) string { return senderName(r).first }

// htmlLines turns a message copied as HTML into plain lines, enough to find
// the signature: scripts and styles go with their content, line-breaking
// tags become line breaks, other tags go, and entities are decoded. It is
// written out in three passes, one for each of the regular expressions it
// replaced, with the same results (TestHTMLLines, FuzzHTMLLines): package
// regexp was some 120 KB of the gzipped WebAssembly build the extension loads.
func htmlLines(s string) string {
	s = dropScripts(s)
	s = replaceTags(s, func(name string) (string, bool) {
		if breaking(name) {
			return "\n", true
		}
		return "", false
	})
	s = replaceTags(s, func(string) (string, bool) { return "", true })
	return strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " ")
}

// breakTags are the tags that end a line, as a signature's lines are
// written in HTML.
var breakTags = []string{"br", "/p", "/div", "/li", "p", "div", "li"}

// breaking reports whether the tag whose text follows '<' (up to its '>')
// starts with a line-breaking tag's name, in any case, as a whole word.
func breaking(tag string) bool {
	for _, b := range breakTags {
		if hasPrefixFold(tag, b) && !(len(tag) > len(b) && lint.WordByte(tag[len(b)])) {
			return true
		}
	}
	return false
}

// replaceTags replaces each '<' up to the next '>' by what with says of the
// text between them (ok false: leave the tag as it is).
func replaceTags(s string, with func(tag string) (string, bool)) string {
	var b strings.Builder
	last := 0 // the end of the text copied so far
	gt := -1  // the first '>' after the current '<', found once for a run of them ("<<<<>")
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		if gt <= i {
			k := strings.IndexByte(s[i+1:], '>')
			if k < 0 {
				break // no '>' after this '<', nor after any later one
			}
			gt = i + 1 + k
		}
		if r, ok := with(s[i+1 : gt]); ok {
			b.WriteString(s[last:i])
			b.WriteString(r)
			last = gt + 1
			i = gt
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// dropScripts removes every <script> or <style> element with its content:
// from the opening tag's name to the first closing </script> or </style>,
// whichever comes first. An element never closed stays (its tags go later
// as any tag's do).
func dropScripts(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		n := elementName(s[i+1:], false)
		if n == 0 {
			continue
		}
		end := closeTag(s, i+1+n)
		if end < 0 {
			break // closed nowhere after this one, so after no later one either
		}
		b.WriteString(s[last:i])
		last = end
		i = end - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// elementName is the length of "script" or "style" (after a '/' when
// closing) at the start of s, in any case, as a whole word; 0 when neither.
func elementName(s string, closing bool) int {
	k := 0
	if closing {
		if !strings.HasPrefix(s, "/") {
			return 0
		}
		k = 1
	}
	for _, name := range [...]string{"script", "style"} {
		if hasPrefixFold(s[k:], name) {
			if n := k + len(name); closing || !(len(s) > n && lint.WordByte(s[n])) {
				return n
			}
		}
	}
	return 0
}

// closeTag is the end of the first closing </script> or </style> (spaces
// allowed before its '>') at or after from, or -1.
func closeTag(s string, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		n := elementName(s[i+1:], true)
		if n == 0 {
			continue
		}
		j := i + 1 + n
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == '\f') {
			j++
		}
		if j < len(s) && s[j] == '>' {
			return j + 1
		}
	}
	return -1
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix,
// in any case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if c := s[i]; c != prefix[i] && !('A' <= c && c <= 'Z' && c+'a'-'A' == prefix[i]) {
			return false
		}
	}
	return true
}
