// Package learn holds politely's learned judgment: the features read off a
// message and the model that weighs them into a probability per label.
//
// A feature is a kind and a string: word n-grams and character n-grams of
// the folded text, the phrase rules of the pack that fire, and a few cues of
// structure (a link, question marks, length, "we" against "I"). Features are
// found by a 64-bit hash of kind and string, so scoring a message needs no
// string but the folded text itself, while training and explanations read
// the same features by name. The model (weights, bias and threshold per
// label) is data of the rule pack; package train writes it.
//
// Everything here is pure and never panics on any text.
package learn

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"politely/internal/text"
)

// Feature kinds, as they prefix a feature's name ("w:pick your brain").
const (
	KindWord   = 'w' // word n-gram of the folded text
	KindPrefix = 'p' // the first letters of a word
	KindSuffix = 'x' // the last letters of a word
	KindChar   = 'c' // a character n-gram inside a word
	KindRule   = 'r' // a phrase rule of the pack fired (by rule id)
	KindCue    = 's' // a cue of structure
	KindNot    = 'n' // a word n-gram right after a negation ("don't offer a | free trial")
)

// Config says which features a model reads. It is part of the model, so a
// model is always scored with the features it was trained on.
type Config struct {
	Words    int   // word n-grams of 1..Words words
	Prefixes []int // word prefixes of these lengths in runes, for longer words
	Suffixes []int // word suffixes of these lengths in runes, for longer words
	CharMin  int   // character n-grams inside words of CharMin..CharMax runes
	CharMax  int   // (0: none)
}

// Hash is a feature's key: a hash of its kind and string, the same for a
// name read from a model and for a piece of a folded text.
func Hash(kind byte, s string) uint64 {
	h := (uint64(kind)+1)*0x9e3779b97f4a7c15 ^ uint64(len(s))
	for len(s) >= 8 {
		h = mix(h ^ text.Load64(s))
		s = s[8:]
	}
	if len(s) > 0 {
		var t uint64
		for i := 0; i < len(s); i++ {
			t |= uint64(s[i]) << (8 * i)
		}
		h = mix(h ^ t)
	}
	return mix(h)
}

// hashIn is Hash(kind, s[i:j]), reading the last partial chunk with one
// load where eight bytes from its start lie inside s (the folded text ends
// with a space, so they mostly do): word n-grams are hashed by the hundred
// for every message.
func hashIn(kind byte, s string, i, j int) uint64 {
	h := (uint64(kind)+1)*0x9e3779b97f4a7c15 ^ uint64(j-i)
	for ; j-i >= 8; i += 8 {
		h = mix(h ^ text.Load64(s[i:]))
	}
	if n := j - i; n > 0 {
		h = mix(h ^ low(s, i, n))
	}
	return mix(h)
}

// low reads the n < 8 bytes s[i:i+n] as the low bytes of a number,
// little-endian, with one load where eight bytes from i lie inside s.
func low(s string, i, n int) uint64 {
	if i+8 <= len(s) {
		return text.Load64(s[i:]) & (1<<(8*n) - 1)
	}
	var v uint64
	for k := 0; k < n; k++ {
		v |= uint64(s[i+k]) << (8 * k)
	}
	return v
}

// mix scrambles a 64-bit value (the finalizer of MurmurHash3).
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// Name is how a feature is written in a model and shown to a person.
func Name(kind byte, s string) string { return string(kind) + ":" + s }

// ParseName splits a feature's name into its kind and string.
func ParseName(name string) (kind byte, s string, ok bool) {
	if len(name) < 3 || name[1] != ':' {
		return 0, "", false
	}
	switch name[0] {
	case KindWord, KindPrefix, KindSuffix, KindChar, KindRule, KindCue, KindNot:
		return name[0], name[2:], true
	}
	return 0, "", false
}

// Visit calls fn for every text feature of f (folded from raw) under the
// config: its kind, its string as f.Norm[at:end], and the words (indices
// into f.List()) it covers: word n-grams,
// then the pieces of words. A word n-gram that a negation just before
// cancels (negated reports it by its first word; nil: none) is of kind
// KindNot, so "no free trial" never weighs as "free trial". Names are left
// out: a capitalized word inside a sentence is a person, a company or a
// product, and a model that weighed "Dana" or "Acme" would have learned its
// corpus, not the request. Where capitals are common (German nouns, a
// title-cased text) they are not names, and every word counts. A feature
// found twice is visited twice.
func (c *Config) Visit(raw string, f *text.Folded, negated func(first int) bool, fn func(kind byte, at, end, first, last int)) {
	norm, words := f.Norm, f.List()
	names, _ := nameMarks(raw, f, nil, nil)
	name := -1 // the last word that is a name
	for k, w := range words {
		word := norm[w.Start:w.End]
		if len(names) > 0 && names[k] {
			name = k
			continue
		}
		// n-grams ending at word k: Norm holds the words with single
		// spaces between them, so every n-gram is a piece of it.
		for n := 1; n <= c.Words && n <= k+1 && k-n+1 > name; n++ {
			if n == 1 && word == "#" {
				// A number alone says little ("15-minute", "2 years",
				// "$5,000" alike): its neighbours say what it counts.
				continue
			}
			kind := byte(KindWord)
			if negated != nil && negated(k-n+1) {
				kind = KindNot
			}
			fn(kind, int(words[k-n+1].Start), int(w.End), k-n+1, k)
		}
		c.pieces(word, func(kind byte, i, j int) { fn(kind, int(w.Start)+i, int(w.Start)+j, k, k) })
		if c.CharMax > 0 && word != "#" && len(word) >= 4 {
			c.chars(word, int(w.Start), utf8.RuneCountInString(word), k, fn)
		}
	}
}

// pieces visits the parts of a word that are features of their own: its
// prefixes and suffixes (i, j: byte offsets in word), for words of four
// bytes or more that are not a number.
func (c *Config) pieces(word string, fn func(kind byte, i, j int)) {
	if word == "#" || len(word) < 4 {
		return // a number, or too short to have parts worth reading
	}
	runes := utf8.RuneCountInString(word)
	for _, n := range c.Prefixes {
		if runes > n {
			fn(KindPrefix, 0, runeEnd(word, n))
		}
	}
	for _, n := range c.Suffixes {
		if runes > n {
			fn(KindSuffix, runeEnd(word, runes-n), len(word))
		}
	}
}

// nameMarks marks, by word, the names of the message (see Visit), in marks
// reused; none (an empty list) where more than one word in five is
// capitalized. caps is scratch, returned for the next call.
func nameMarks(raw string, f *text.Folded, marks []bool, caps []int32) ([]bool, []int32) {
	words := f.List()
	marks = slices.Grow(marks[:0], len(words))[:len(words)]
	clear(marks)
	// The words that may begin with a capital (an ASCII capital, or a
	// byte past ASCII) are listed first, without a branch: which words
	// do is a branch the text decides, which the processor often guesses
	// wrong.
	caps = slices.Grow(caps[:0], len(words))[:len(words)]
	n := 0
	for k := 1; k < len(words); k++ {
		c := byte('a')
		if at := int(words[k].From); at < len(raw) {
			c = raw[at]
		}
		caps[n] = int32(k)
		n += int(Bit(c-'A' < 26) | Bit(c >= utf8.RuneSelf))
	}
	caps = caps[:n]
	named := 0
	// The sentence breaks are walked in order beside the words, where
	// asking Break for each capitalized word searched them every time.
	brk, b := f.Breaks(), 0
	for _, k32 := range caps {
		k := int(k32)
		if !capitalized(raw, f, words[k]) {
			continue
		}
		// Not after a sentence break: one in the space between the word
		// before and this one. Those before that space are passed for
		// good, since the words come in order.
		for b < len(brk) && int(brk[b]) < int(words[k-1].End) {
			b++
		}
		if b < len(brk) && brk[b] < words[k].Start {
			continue
		}
		marks[k] = true
		named++
	}
	if named*5 > len(words) {
		return marks[:0], caps
	}
	return marks, caps
}

// Bit is 1 for true and 0 for false, without a branch: a sum of bits
// replaces a test the text decides, which the processor guesses wrong.
func Bit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// capitalized reports whether word w begins with a capital, and is not "I"
// or "I'm": a name, where no sentence break comes before it (nameMarks).
func capitalized(raw string, f *text.Folded, w text.Word) bool {
	if int(w.From) >= len(raw) {
		return false
	}
	c := raw[w.From]
	if c < 'A' || c > 'Z' {
		if c < utf8.RuneSelf {
			return false
		}
		r, _ := utf8.DecodeRuneInString(raw[w.From:])
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return c != 'I' || !(w.End-w.Start == 1 || f.Norm[w.Start] == 'i' && (f.Norm[w.Start:w.End] == "im" || f.Norm[w.Start:w.End] == "ive" || f.Norm[w.Start:w.End] == "id" || f.Norm[w.Start:w.End] == "ill"))
}

// chars visits the character n-grams of a word of more than CharMin runes.
func (c *Config) chars(word string, at, runes, k int, fn func(kind byte, at, end, first, last int)) {
	if runes <= c.CharMin {
		return
	}
	for i := 0; i < len(word); {
		j, n := i, 0
		for j < len(word) && n < c.CharMax {
			_, size := utf8.DecodeRuneInString(word[j:])
			j += size
			n++
			if n >= c.CharMin && !(i == 0 && j == len(word)) {
				fn(KindChar, at+i, at+j, k, k)
			}
		}
		_, size := utf8.DecodeRuneInString(word[i:])
		i += size
	}
}

// runeEnd is the byte offset after the first n runes of s.
func runeEnd(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// Cue names, stable: models name them.
const (
	CueLink      = "link"      // a web address
	CueBooking   = "booking"   // a scheduling link (calendly and the like)
	CueQuestion  = "question"  // one question mark
	CueQuestions = "questions" // two or more
	CueNoQuest   = "no-question"
	CueShort     = "len<15" // words
	CueMedium    = "len<40"
	CueLong      = "len<100"
	CueVeryLong  = "len>=100"
	CueWe        = "we>i"       // more we/our/us than I/my/me
	CueI         = "i>we"       // more I/my/me than we/our/us
	CueGreetName = "greet-name" // opens with a greeting and a name ("Hi Anna,")
	CueMoney     = "money"      // a currency sign or code
	CueExclaim   = "exclaim"    // two or more exclamation marks
	CueHan       = "han"        // written in Chinese or Japanese characters
)

// Cues by number, as a model keeps their features: cueNames[cue] is the name.
const (
	cueLink = iota
	cueBooking
	cueQuestion
	cueQuestions
	cueNoQuest
	cueShort
	cueMedium
	cueLong
	cueVeryLong
	cueWe
	cueI
	cueGreetName
	cueMoney
	cueExclaim
	cueHan
	numCues
)

var cueNames = [numCues]string{
	cueLink: CueLink, cueBooking: CueBooking, cueQuestion: CueQuestion, cueQuestions: CueQuestions,
	cueNoQuest: CueNoQuest, cueShort: CueShort, cueMedium: CueMedium, cueLong: CueLong,
	cueVeryLong: CueVeryLong, cueWe: CueWe, cueI: CueI, cueGreetName: CueGreetName,
	cueMoney: CueMoney, cueExclaim: CueExclaim, cueHan: CueHan,
}

// cueWord is what a folded word tells the cues: part of an address ("https:
// //cal.com/x" is " https cal com x "), a currency, or a pronoun.
type cueWord uint8

const (
	cwNone cueWord = iota
	cwLink
	cwMoney
	cwWe
	cwI
	// cwPlural makes the I word right before it a we: Chinese writes "we"
	// as 我们 and "our company" as 我司, and each character is a word.
	cwPlural
)

var cueWords = map[string]cueWord{
	"http": cwLink, "https": cwLink, "www": cwLink,
	"$": cwMoney, "€": cwMoney, "£": cwMoney, "¥": cwMoney, "₹": cwMoney, "usd": cwMoney, "eur": cwMoney,
	"we": cwWe, "our": cwWe, "us": cwWe, "weve": cwWe, "were": cwWe, "ours": cwWe, "wir": cwWe, "unser": cwWe,
	"unsere": cwWe, "nous": cwWe, "notre": cwWe, "nos": cwWe, "nosotros": cwWe, "nuestro": cwWe, "nuestra": cwWe,
	"i": cwI, "my": cwI, "me": cwI, "ive": cwI, "im": cwI, "mine": cwI, "ich": cwI, "mein": cwI, "meine": cwI,
	"mich": cwI, "je": cwI, "moi": cwI, "mon": cwI, "ma": cwI, "mes": cwI, "yo": cwI, "mi": cwI, "mis": cwI, "我": cwI,
	"们": cwPlural, "司": cwPlural,
}

// cueCount adds up the cue words of a message.
type cueCount struct {
	we, i       int
	link, money bool
	afterI      int // 1 + the index of the last I word, 0: none yet
}

// add counts cue word w, word k of the message.
func (c *cueCount) add(w cueWord, k int) {
	switch w {
	case cwLink:
		c.link = true
	case cwMoney:
		c.money = true
	case cwWe:
		c.we++
	case cwI:
		c.i++
		c.afterI = k + 1
	case cwPlural:
		if c.afterI == k { // 我 right before: 我们, 我司
			c.i--
			c.we++
			c.afterI = 0
		}
	}
}

// Cues visits the structural cues of a message: raw is the text as given,
// f its folded form. Each cue is visited at most once.
func Cues(raw string, f *text.Folded, fn func(name string)) {
	c := countCues(f)
	c.emit(raw, f, func(cue int) { fn(cueNames[cue]) })
}

// countCues counts the cue words of f (the lexicon counts them on its way).
func countCues(f *text.Folded) (c cueCount) {
	for k, w := range f.List() {
		c.add(cueWords[f.Norm[w.Start:w.End]], k)
	}
	return c
}

// emit visits the cues of a message whose words c counted, by number.
func (c *cueCount) emit(raw string, f *text.Folded, fn func(cue int)) {
	norm := f.Norm
	if c.link {
		fn(cueLink)
		for _, b := range bookingHosts {
			if containsWord(norm, b) {
				fn(cueBooking)
				break
			}
		}
	}
	// The full-width marks and Han need a byte past ASCII: most messages
	// have none, and the fold knows it.
	wide := !f.ASCII()
	switch q := strings.Count(raw, "?") + countIf(wide, raw, "？"); {
	case q == 0:
		fn(cueNoQuest)
	case q == 1:
		fn(cueQuestion)
	default:
		fn(cueQuestions)
	}
	switch n := f.Words(); {
	case n < 15:
		fn(cueShort)
	case n < 40:
		fn(cueMedium)
	case n < 100:
		fn(cueLong)
	default:
		fn(cueVeryLong)
	}
	switch {
	case c.we > c.i:
		fn(cueWe)
	case c.i > c.we:
		fn(cueI)
	}
	if greetsByName(raw, f) {
		fn(cueGreetName)
	}
	if c.money {
		fn(cueMoney)
	}
	if strings.Count(raw, "!")+countIf(wide, raw, "！") >= 2 {
		fn(cueExclaim)
	}
	if wide && han(raw) {
		fn(cueHan)
	}
}

// countIf is strings.Count where some, else 0.
func countIf(some bool, s, sub string) int {
	if !some {
		return 0
	}
	return strings.Count(s, sub)
}

// bookingHosts are scheduling services whose links ask for a meeting, as
// they read folded.
var bookingHosts = []string{"calendly", "cal com", "savvycal", "zcal", "youcanbook", "hubspot com meetings", "meetings hubspot", "chilipiper", "tidycal", "acuityscheduling", "doodle com"}

// greeting reports whether w opens a message as a greeting; a name right
// after one is a greeting by name. A switch, not a map: every message asks,
// and hashing its first word cost more than comparing it.
func greeting(w string) bool {
	switch w {
	case "hi", "hello", "hey", "dear", "hallo", "bonjour", "hola", "olá", "ola", "guten", "liebe", "lieber", "sehr", "ciao", "salut":
		return true
	}
	return false
}

// greetsByName reports whether the message opens with a greeting followed by
// a capitalized word ("Hi Anna", "Dear Dr. Chen").
func greetsByName(raw string, f *text.Folded) bool {
	words := f.List()
	if len(words) < 2 || !greeting(f.Norm[words[0].Start:words[0].End]) {
		return false
	}
	next := words[1]
	if f.Norm[next.Start:next.End] == "tag" || f.Norm[next.Start:next.End] == "geehrte" || f.Norm[next.Start:next.End] == "geehrter" {
		if len(words) < 3 {
			return false
		}
		next = words[2]
	}
	r, _ := utf8.DecodeRuneInString(raw[next.From:])
	return r >= 'A' && r <= 'Z' || r >= 0xC0 && r <= 0xDE
}

func containsWord(norm, w string) bool { return strings.Contains(norm, " "+w+" ") }

// hasHigh reports whether s has a byte of 0xE3 or more, eight bytes at a
// time: such a byte has its top bit set, and its low seven bits plus 0x1D
// reach the top bit too (0x63 + 0x1D = 0x80); no sum carries into the next
// byte.
func hasHigh(s string) bool {
	const low7, add, top = 0x7f7f7f7f7f7f7f7f, 0x1d1d1d1d1d1d1d1d, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if v := text.Load64(s[i:]); (v&low7+add)&v&top != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0xE3 {
			return true
		}
	}
	return false
}

// han reports whether a fifth or more of the letters are Han or kana: of the
// runes that are not spaces, those below U+3000 count as letters, and Han and
// kana count as both. It answers as hanRunes does, rune by rune, but takes
// eight ASCII bytes at a time: a message with one emoji and 300 KB of English
// came here, and decoding it rune by rune cost 15 cycles a byte.
func han(s string) bool {
	// Han and kana are three bytes from 0xE3 on: most messages have none.
	if !hasHigh(s) {
		return false
	}
	const top, above = 0x8080808080808080, 0x5f5f5f5f5f5f5f5f
	n, h := 0, 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight ASCII bytes: those over ' ' count. Adding 0x5F sets
			// the top bit of a byte from 0x21 on and carries out of none.
			if v := text.Load64(s[i:]); v&top == 0 {
				n += bits.OnesCount64((v + above) & top)
				i += 8
				continue
			}
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c > ' ' {
				n++
			}
			i++
			continue
		}
		// As range would: a broken sequence is one RuneError, a byte wide.
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case hanRune(r):
			h++
			n++
		case r < 0x3000:
			n++
		}
	}
	return h > 0 && h*5 >= n
}

// hanRune reports whether r is Han or kana.
func hanRune(r rune) bool {
	return r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf
}
