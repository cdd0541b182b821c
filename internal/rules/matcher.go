package rules

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"politely/internal/learn"
	"politely/internal/text"
)

// maxExpansions bounds what one phrase may expand to, so that a typo such as
// nested alternations cannot blow up the automaton. The other bounds keep
// expanding any phrase cheap, however it is written: each group inside
// another, and each group after another, expands its text again (a phrase
// 50,000 braces deep took 17 s), and the forms are written out in full.
// The default pack's phrases nest one deep, have at most five groups, and
// a group's forms come to 72 KB at most.
const (
	maxExpansions = 2048
	maxDepth      = 8       // groups inside groups
	maxGroups     = 256     // groups in one phrase
	maxExpanded   = 1 << 20 // bytes of the forms of one group
)

// expand turns one phrase of the pack syntax into folded patterns.
//
//	{a|b|}   one of a, b or nothing (whole words: a group glued to a word is refused;
//	         one written against an apostrophe is glued to it, "{we|they}'re" is
//	         "we're" or "they're")
//	word*    any word that starts with "word" (only at the end of a phrase)
//	#        any number ("# minutes" matches "15 minutes" and "15-min")
//	a ~ b    a, then b at most nearWords words later in the same sentence
//	         ("interested in the ~ role" matches "interested in the Senior SDET role")
//
// Everything else is folded like the message (case, apostrophes,
// punctuation), so "I'm" in a phrase matches "I’m", "im" and "I'M".
//
// scratch, when not nil, is memory reused from phrase to phrase: start-up
// folds some 27,000 expanded phrases, many of them accented or Han, each of
// which would otherwise allocate a folded text (and bytes) of its own. The
// patterns returned then live in scratch too, until the next call.
func expand(phrase string, scratch *phraseScratch) ([]pattern, error) {
	pats, _, err := expandForms(phrase, scratch)
	return pats, err
}

// expandForms is expand, also counting the forms left out because they
// fold to nothing ("{quick|} call" is "quick call" or "call", and "{x|}"
// alone is "x").
func expandForms(phrase string, scratch *phraseScratch) ([]pattern, int, error) {
	// Most phrases have no group: one alternative, the phrase itself,
	// with no list allocated for it.
	var one [1]string
	alts := append(one[:0], phrase)
	if !plain(phrase) {
		if strings.Count(phrase, "{") > maxGroups {
			return nil, 0, fmt.Errorf("more than %d {…} groups", maxGroups)
		}
		var err error
		if alts, err = alternatives(phrase); err != nil {
			return nil, 0, err
		}
	}
	empty := 0
	var out []pattern
	if scratch != nil {
		out = scratch.pats[:0]
	}
	for _, a := range alts {
		a = strings.TrimSpace(a)
		prefix := strings.HasSuffix(a, "*")
		a = strings.TrimSuffix(a, "*")
		if strings.Contains(a, "*") {
			return nil, 0, fmt.Errorf("'*' may only end a phrase")
		}
		norm := foldPhrase(a, scratch)
		if strings.TrimSpace(norm) == "" {
			empty++
			continue
		}
		if prefix {
			norm = strings.TrimRight(norm, " ")
			// A one-word prefix phrase is found by its first three bytes.
			if w := strings.TrimSpace(norm); !strings.Contains(w, " ") && len(w) < preLen {
				return nil, 0, fmt.Errorf("a one-word phrase needs at least three letters before '*'")
			}
		}
		out = append(out, pattern{s: norm, prefix: prefix})
	}
	if len(out) == 0 {
		return nil, 0, fmt.Errorf("matches nothing")
	}
	if scratch != nil {
		scratch.pats = out // grown: kept for the next phrase
	}
	return out, empty, nil
}

// phraseScratch is the memory expand reuses from phrase to phrase.
type phraseScratch struct {
	f    text.Folded
	pats []pattern
	// arena holds the folded phrases' bytes, chunk after chunk, each
	// phrase's string made over its own bytes, which are never written
	// again: one allocation a chunk rather than one a phrase. The index
	// keeps none of these strings past start-up (word and add copy what
	// they keep), so the chunks go with the scratch.
	arena []byte
}

// arenaChunk is the size of an arena chunk: some 1,300 folded phrases.
const arenaChunk = 32 << 10

// room returns the free end of the arena, with room for n bytes.
func (sc *phraseScratch) room(n int) []byte {
	if cap(sc.arena)-len(sc.arena) < n {
		sc.arena = make([]byte, 0, max(arenaChunk, n))
	}
	return sc.arena[len(sc.arena):len(sc.arena)]
}

// keep makes the bytes b, written at the arena's free end (room), a string
// and the arena's own.
func (sc *phraseScratch) keep(b []byte) string {
	n := len(sc.arena)
	if len(b) == 0 || n+len(b) > cap(sc.arena) || &b[0] != &sc.arena[:n+1][n] {
		return string(b) // not at the free end (it outgrew its room): a copy of its own
	}
	sc.arena = sc.arena[:n+len(b)]
	return unsafe.String(&b[0], len(b))
}

// foldPhrase folds one expanded phrase as the message is folded. Plain
// lower-case words (most phrases) take a short path; anything else goes
// through text.Fold (in scratch, when given). "#" stands for a number, which
// text.Fold writes as "#".
func foldPhrase(a string, scratch *phraseScratch) string {
	// Words between single spaces, "#" a word of its own, padded: one pass,
	// since the pack has thousands of expanded phrases to fold at start-up,
	// written where the string will be (the arena). The pass writes as it
	// checks: the first byte it cannot write as it is sends the phrase to
	// the full fold, and what it wrote is left to be written over.
	var b []byte
	if scratch != nil {
		b = scratch.room(2*len(a) + 2) // a "#" becomes " # "
	}
	b = append(b, ' ')
	for i := 0; i < len(a); i++ {
		switch c := a[i]; {
		case c-'a' < 26:
			b = append(b, c)
		case c == ' ':
			if b[len(b)-1] != ' ' {
				b = append(b, ' ')
			}
		case c == '#':
			if b[len(b)-1] != ' ' {
				b = append(b, ' ')
			}
			b = append(b, '#', ' ')
		default:
			return foldFull(a, scratch)
		}
	}
	if b[len(b)-1] != ' ' {
		b = append(b, ' ')
	}
	if scratch != nil {
		return scratch.keep(b)
	}
	return string(b)
}

// foldFull folds a phrase that is not plain lower-case words with the
// message's own rules.
func foldFull(a string, scratch *phraseScratch) string {
	if strings.IndexByte(a, '#') >= 0 {
		a = strings.ReplaceAll(a, "#", " 0 ")
	}
	if scratch == nil {
		return text.Fold(a).Norm
	}
	scratch.f.Refold(a)
	// Norm shares the scratch's folding memory: its bytes go to the arena.
	return scratch.keep(append(scratch.room(len(scratch.f.Norm)), scratch.f.Norm...))
}

// group finds the first {…} group of s: where it opens and closes, and its
// parts (open < 0: none). It refuses what the syntax does not allow.
func group(s string) (open, end int, parts []string, err error) {
	open = strings.IndexByte(s, '{')
	if open < 0 {
		if strings.ContainsAny(s, "}|") {
			return -1, -1, nil, fmt.Errorf("'}' or '|' outside a {…} group")
		}
		return -1, -1, nil, nil
	}
	depth, last := 0, open+1
	end = -1
	parts = make([]string, 0, 4) // most groups have two to four parts: one allocation
	for i := open; i < len(s) && end < 0; i++ {
		switch s[i] {
		case '{':
			if depth++; depth > maxDepth {
				return 0, 0, nil, fmt.Errorf("{…} groups nest more than %d deep", maxDepth)
			}
		case '}':
			depth--
			if depth == 0 {
				parts = append(parts, s[last:i])
				end = i
			}
		case '|':
			if depth == 1 {
				parts = append(parts, s[last:i])
				last = i + 1
			}
		}
	}
	if end < 0 {
		return 0, 0, nil, fmt.Errorf("unclosed '{'")
	}
	// A group stands for whole words: glued to a word ("bump{|ing}") it
	// would expand to "bump ing", which no message holds, and the phrase
	// would silently never match.
	before, _ := utf8.DecodeLastRuneInString(s[:open])
	after, _ := utf8.DecodeRuneInString(s[end+1:])
	if inWord(before) || inWord(after) {
		return 0, 0, nil, fmt.Errorf("a {…} group touches a word: write whole words inside it ({bump|bumping}, not bump{|ing})")
	}
	return open, end, parts, nil
}

// alternatives expands {a|b} groups, nested or not. A group stands for
// whole words, set apart by a space on either side, except where it is
// written against an apostrophe (or another character that Fold reads as
// part of the word, text.Joins): "{we|they}'re" is "we're" or "they're", as
// a message writes it, not "we 're", which folds otherwise.
func alternatives(s string) ([]string, error) {
	open, end, parts, err := group(s)
	if err != nil {
		return nil, err
	}
	if open < 0 {
		return []string{s}, nil
	}
	before, _ := utf8.DecodeLastRuneInString(s[:open])
	after, _ := utf8.DecodeRuneInString(s[end+1:])
	glueBefore, glueAfter := text.Joins(before), text.Joins(after)
	pad := 2 // the spaces around a part
	if glueBefore {
		pad--
	}
	if glueAfter {
		pad--
	}
	// What follows the group, and each of its parts, is most often plain
	// words: itself, with no list made for it (its own slice of parts for
	// a part), since start-up expands some 27,000 phrases.
	var restOne [1]string
	rest := append(restOne[:0], s[end+1:])
	if !plain(rest[0]) {
		if rest, err = alternatives(rest[0]); err != nil {
			return nil, err
		}
	}
	inners := make([][]string, len(parts))
	n, size := 0, 0
	for i, p := range parts {
		inners[i] = parts[i : i+1 : i+1]
		if !plain(p) {
			if inners[i], err = alternatives(p); err != nil {
				return nil, err
			}
		}
		for _, in := range inners[i] {
			n += len(rest)
			size += len(rest) * (open + len(in) + pad)
		}
		if n > maxExpansions {
			return nil, fmt.Errorf("expands to more than %d phrases", maxExpansions)
		}
	}
	for _, r := range rest {
		size += n / len(rest) * len(r)
	}
	if size > maxExpanded {
		return nil, fmt.Errorf("expands to more than %d bytes of phrases", maxExpanded)
	}
	// Every expansion written into one string and sliced from it: one
	// allocation a group rather than one a phrase (start-up expands some
	// 27,000 phrases).
	var b strings.Builder
	b.Grow(size)
	ends := make([]int, 0, n)
	for _, inner := range inners {
		for _, in := range inner {
			for _, r := range rest {
				b.WriteString(s[:open])
				if !glueBefore {
					b.WriteByte(' ')
				}
				b.WriteString(in)
				if !glueAfter {
					b.WriteByte(' ')
				}
				b.WriteString(r)
				ends = append(ends, b.Len())
			}
		}
	}
	all, out, at := b.String(), make([]string, n), 0
	for i, end := range ends {
		out[i], at = all[at:end], end
	}
	return out, nil
}

// plain reports whether s holds no group syntax, so that its one
// alternative is s itself.
func plain(s string) bool { return !strings.ContainsAny(s, "{|}") }

// inWord reports whether r belongs to a word that a {…} group would be
// glued to: a letter or a digit (a Han character is a word of its own, as
// folding reads it; no character at all, RuneError, is none).
func inWord(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unicode.Is(unicode.Han, r)
}

type pattern struct {
	s      string
	prefix bool
}

// nearWords is how many words may stand between the two sides of "a ~ b".
const nearWords = 4

// target is what one phrase stands for.
type target struct {
	rule   int32 // index into Pack.rules, -1 for a negation word, -2 for an offer
	pair   int32 // for "a ~ b": which phrase (1-based); 0 for a plain phrase
	side   int8  // 1 for a, 2 for b
	prefix bool
	neg    bool // the rule is negatable: a negation just before cancels it
	ask    bool // the rule finds an ask: an offer just before cancels it
}

// matcher is the compiled phrase index of a pack: a trie over interned words.
//
// Phrases match whole words (a prefix phrase matches the start of its last
// word), so the trie steps a word at a time: one table probe per word of the
// message, and a phrase costs nothing until its first word appears. A
// byte-level Aho-Corasick automaton over the same 9,000 expanded phrases
// (github.com/petar-dambovaliev/aho-corasick, tried first) took 700 ms and
// 340 MB to build and scanned at 17 MB/s; this builds in milliseconds, which
// matters for a WebAssembly worker that Chrome restarts at will.
//
// It is built with plain slices and maps, then frozen into the compact
// layout Scan reads: a scan is bound by memory, not arithmetic, so what one
// word costs is the number of cache lines it touches.
type matcher struct {
	// Built by add (ids, root, out and prefix only until freeze; edges,
	// built by add too, is what the scan reads).
	ids    table        // key(word) → id (from 1): a long word's key is a hash, checked against names
	names  []string     // id-1 → word
	root   []int32      // word id → child node of the root (0: none)
	nodes  int32        // how many nodes (node 0 is none, 1 the root)
	out    []nodeTarget // the phrases that end at a node, in the order added
	prefix []nodePrefix // the phrases whose last word is a prefix, by the node before it

	path    []pathStep                // the words of the phrase added last, and the nodes they reached
	rootPre map[string][]prefixTarget // first bytes → prefix phrases of one word
	pre3    [1 << 10]uint64           // bit per hashed rootPre key: a cheap and almost always right "no"
	pairs   int
	clash   error // two long words whose keys are one hash (word): freeze refuses the pack

	// Made by freeze.
	short learn.Fixed[uint64, uint64] // a word of at most 8 bytes, as its bytes → id and root node (packed), in one probe and no loop
	long  learn.Fixed[uint64, uint64] // a longer word, as a hash → id and root node (packed; checked against names)
	edges edges                       // node, word id → child node
	// A walk asks a filter before each probe of the edge table: starts
	// holds the pairs of word ids that begin some phrase of two words or
	// more (pairKey), deep the edges past the first step (edgeKey). They
	// replaced one filter of the pairs of words adjacent anywhere in a
	// phrase: such a pair need not follow the node a walk is at, and for
	// 45% of the first steps and 38% of the deeper ones it let on, the
	// probe found no edge, after a branch the processor guessed wrong.
	starts   learn.Filter
	deep     learn.Filter
	node     []int32 // node → where its phrases start in outs (node+1: where they end)
	preAt    table   // node → where its prefix phrases start and end in pres, for the few nodes with some
	outs     []target
	pres     []prefixTarget
	roots    table // first preLen bytes of a word, as key → where its prefix phrases start and end in rootPres
	rootPres []prefixTarget
	// lex is, by word id, the word's number in the lexicon of the pack's
	// model (-1: none). The model's words are words of the index too, so
	// the scan's one look-up a word serves the model as well.
	lex []int32
}

// Flags on the root node a word table holds, above the node's bits: whether
// phrases end at it, whether prefix phrases continue from it, and whether it
// has children. A common word ("a", "the") starts many phrases but ends
// none, and the scan then needs no look at its node. They are an edge's
// flags (edgeOuts and the rest) moved up to rootShift.
const (
	rootShift = 28
	rootOuts  = edgeOuts >> nodeBits << rootShift
	rootPres  = edgePres >> nodeBits << rootShift
	rootKids  = edgeKids >> nodeBits << rootShift
	rootMask  = 1<<nodeBits - 1
)

type prefixTarget struct {
	prefix string
	t      target
}

// nodeTarget and nodePrefix are what add files under a node, in one list
// each rather than one list a node: some 30,000 small lists, each an
// allocation, were a good part of compiling the phrases inside WebAssembly.
// freeze groups them by node.
type nodeTarget struct {
	node int32
	t    target
}

type nodePrefix struct {
	node int32
	pt   prefixTarget
}

func newMatcher() *matcher {
	// Sized for the default pack (some 6,200 words, 48,000 edges and 51,000
	// nodes in 2026-12), so that start-up does not spend its time growing
	// tables: a pack past these sizes grows them as it must.
	m := &matcher{rootPre: map[string][]prefixTarget{}}
	m.ids.slots = make([]slot, 1<<14)
	// The children of the trie go straight into the table the scan reads:
	// a map built first and copied in freeze was slow inside WebAssembly.
	m.edges.size(1 << 16)
	m.nodes = 2
	m.out = make([]nodeTarget, 0, 1<<15)
	return m
}

// pathStep is a word of a phrase being added and the trie node it reaches.
type pathStep struct {
	word string
	node int32
}

// node 1 is the root; 0 means "no node".
const rootNode = 1

// word is w's id, a new one if w is new. The ids are found by the key the
// frozen index finds words by, not through a map of strings: every word of
// some 27,000 expanded phrases is looked up at start-up, and inside
// WebAssembly a map hashes strings without the processor's help.
func (m *matcher) word(w string) int32 {
	k, long := key(w)
	have, _ := m.ids.get(k)
	if have != 0 && (!long || m.names[have-1] == w) {
		return have
	}
	if have != 0 && m.clash == nil {
		// Two long words share a hash: the pack is refused (freeze) rather
		// than miss one of them in every message. The second is given an
		// id, not kept, so that building goes on to the refusal.
		m.clash = fmt.Errorf("the words %q and %q share a hash; rename one", w, m.names[have-1])
	}
	// The name is a copy: w lies in a phrase's folded bytes, which the
	// index does not keep (phraseScratch).
	m.names = append(m.names, strings.Clone(w))
	id := int32(len(m.names))
	if have == 0 {
		m.ids.put(k, id, 0)
	}
	return id
}

// key is how the frozen index finds a folded word. A word of at most 8 bytes
// is its own key, little-endian: no folded word holds a NUL byte, so the key
// is exact and needs no second look. A longer word is hashed eight bytes at a
// time, and a hit is checked against the word itself.
func key(w string) (k uint64, long bool) {
	if len(w) <= 8 {
		return head(w, 0), false
	}
	// Eight bytes at a time, the last eight overlapping the chunk before
	// them: no loop over single bytes.
	n := len(w)
	h := uint64(n)
	for i := 0; i+8 < n; i += 8 {
		h = learn.Spread(h ^ text.Load64(w[i:]))
	}
	if h = learn.Spread(h ^ text.Load64(w[n-8:])); h == 0 {
		h = 1 // 0 marks an empty slot
	}
	return h, true
}

// head reads the first eight bytes of norm[s:], padded with zeros past the
// end: a word's short key and the prefix keys are its low bytes.
func head(norm string, s int) uint64 {
	if s+8 <= len(norm) {
		return text.Load64(norm[s:])
	}
	var k uint64
	for i := len(norm) - 1; i >= s; i-- {
		k = k<<8 | uint64(norm[i])
	}
	return k
}

// longWord finds a word of more than eight bytes, returning its id and the
// trie node it starts (0 when no phrase uses it). A shorter word is read
// off its first eight bytes in the short words' table, which the scan does
// in place.
func (m *matcher) longWord(w string) (id, root int32) {
	k, _ := key(w)
	id, root = unpack(m.long.Get(k))
	if id > 0 && m.names[id-1] != w {
		return 0, 0
	}
	return id, root
}

func (m *matcher) child(node int32, w string, create bool) int32 {
	id := m.word(w)
	if node == rootNode {
		for int(id) >= len(m.root) {
			m.root = append(m.root, 0)
		}
		if c := m.root[id]; c != 0 || !create {
			return c
		}
		m.root[id] = m.newNode()
		return m.root[id]
	}
	if c := m.edges.get(node, id); c != 0 || !create {
		return c
	}
	c := m.newNode()
	m.edges.put(node, id, c)
	return c
}

func (m *matcher) newNode() int32 {
	m.nodes++
	return m.nodes - 1
}

// pairKey is the key of word a followed by word b in the filter of the
// pairs that begin phrases (starts). Both ids fit in idBits.
func pairKey(a, b int32) uint64 { return uint64(a)<<idBits | uint64(b) }

// freeze lays the built index out for Scan: word tables that hold each
// word's root node, packed edges, and every node's phrases in flat arrays.
func (m *matcher) freeze() error {
	if m.clash != nil {
		return m.clash
	}
	if m.nodes >= 1<<nodeBits || len(m.names) >= 1<<idBits {
		return fmt.Errorf("the phrases make %d trie nodes and %d distinct words; the index holds at most %d and %d", m.nodes, len(m.names), 1<<nodeBits-1, 1<<idBits-1)
	}
	// The word each of the root's children is reached by: an edge from one
	// of them along b begins a phrase "a b".
	by := make([]int32, m.nodes)
	for id, c := range m.root {
		if c != 0 {
			by[c] = int32(id)
		}
	}
	m.starts, m.deep = learn.NewFilter(), learn.NewFilterOf(deepBits)
	hasKids := make([]bool, m.nodes)
	m.edges.each(func(node, id, c int32) {
		hasKids[node] = true
		if by[node] != 0 {
			m.starts.Add(pairKey(by[node], id))
		} else {
			m.deep.Add(edgeKey(node, id))
		}
	})
	keys := make([]string, 0, len(m.rootPre))
	for k := range m.rootPre {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		start := len(m.rootPres)
		m.rootPres = append(m.rootPres, m.rootPre[k]...)
		pk, _ := key(k)
		m.roots.put(pk, int32(start), int32(len(m.rootPres)))
	}
	m.rootPre = nil
	// Every node's phrases, grouped by node in the order they were added,
	// a phrase found twice at a node (two expansions of one rule alike)
	// kept once.
	// A node's offsets are four bytes, sixteen to a cache line: the few
	// prefix phrases (a score or so) are found through a small table of
	// their own rather than widen every node.
	m.node = make([]int32, m.nodes+1)
	pre := make([]int32, m.nodes+1)
	for _, o := range m.out {
		m.node[o.node+1]++
	}
	for _, p := range m.prefix {
		pre[p.node+1]++
	}
	for n := int32(1); n <= m.nodes; n++ {
		m.node[n] += m.node[n-1]
		pre[n] += pre[n-1]
	}
	m.outs, m.pres = make([]target, len(m.out)), make([]prefixTarget, len(m.prefix))
	fill := make([]int32, m.nodes)
	for _, o := range m.out {
		m.outs[m.node[o.node]+fill[o.node]] = o.t
		fill[o.node]++
	}
	clear(fill)
	for _, p := range m.prefix {
		m.pres[pre[p.node]+fill[p.node]] = p.pt
		fill[p.node]++
	}
	for n := int32(1); n < m.nodes; n++ {
		if pre[n] < pre[n+1] {
			m.preAt.put(uint64(n), pre[n], pre[n+1])
		}
	}
	m.dedupe()
	// What the scan needs to know of a node before reading it, on every
	// edge to it (edgeOuts and the rest) and on every word it starts from
	// the root (rootOuts and the rest).
	holds := func(c int32) int32 {
		f := int32(0)
		if m.node[c] < m.node[c+1] {
			f |= edgeOuts
		}
		if pre[c] < pre[c+1] {
			f |= edgePres
		}
		if hasKids[c] {
			f |= edgeKids
		}
		return f
	}
	m.edges.flag(holds)
	// The short words are laid out together once all are known (Fixed).
	var shortKeys []uint64
	var shortWords []uint64
	// The longer words, by the hash of their bytes, also in a Fixed table
	// (word has refused two that share a hash: clash).
	var longKeys, longWords []uint64
	for i, w := range m.names {
		id := int32(i + 1)
		root := int32(0)
		if int(id) < len(m.root) && m.root[id] != 0 {
			n := m.root[id]
			root = n | holds(n)>>nodeBits<<rootShift
		}
		if k, long := key(w); long {
			longKeys, longWords = append(longKeys, k), append(longWords, wordInfo{id, root}.pack())
		} else {
			shortKeys, shortWords = append(shortKeys, k), append(shortWords, wordInfo{id, root}.pack())
		}
	}
	var err error
	if m.short, err = learn.NewFixed(shortKeys, shortWords, 0); err != nil {
		return err
	}
	if m.long, err = learn.NewFixed(longKeys, longWords, 0); err != nil {
		return err
	}
	// What only building needs goes: the scan reads the frozen arrays.
	m.ids, m.root, m.out, m.prefix, m.path = table{}, nil, nil, nil, nil
	return nil
}

// dedupe drops a phrase found twice at one node from outs (two expansions
// of a rule that fold alike, "{I'm|Im} in"), keeping the first, and moves
// every node's offsets to match. A node holds few phrases: a scan of its
// own is cheap.
func (m *matcher) dedupe() {
	w := int32(0)
	for n := int32(0); n < m.nodes; n++ {
		from, to := m.node[n], m.node[n+1]
		m.node[n] = w
		for i := from; i < to; i++ {
			if !slices.Contains(m.outs[m.node[n]:w], m.outs[i]) {
				m.outs[w] = m.outs[i]
				w++
			}
		}
	}
	m.node[m.nodes] = w
	m.outs = m.outs[:w:w]
}

// add files one folded phrase under its target.
func (m *matcher) add(p pattern, t target) {
	// The words between spaces, without a list of them: start-up adds
	// some 20,000 expanded phrases. A prefix phrase's last word is the
	// prefix.
	s := p.s
	node, last, k := int32(rootNode), "", 0
	step := func(w string) {
		// The expansions of a phrase come one after another and share
		// their first words ("we help {teams|companies}"): the nodes of
		// the words the last one shared are known without a look-up.
		if k < len(m.path) && m.path[k].word == w {
			node = m.path[k].node
		} else {
			node = m.child(node, w, true)
			m.path = append(m.path[:k], pathStep{w, node})
		}
		k++
	}
	for {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			break
		}
		w, rest, _ := strings.Cut(s, " ")
		if last != "" {
			step(last)
		}
		last, s = w, rest
	}
	if !p.prefix && last != "" {
		step(last)
	}
	if !p.prefix {
		m.out = append(m.out, nodeTarget{node, t})
		return
	}
	pt := prefixTarget{prefix: strings.Clone(last), t: t} // kept: a copy (word)
	if node == rootNode {
		k := pt.prefix[:preLen] // expand refuses a shorter one
		m.rootPre[k] = append(m.rootPre[k], pt)
		b := preHash(k)
		m.pre3[b>>6] |= 1 << (b & 63)
		return
	}
	m.prefix = append(m.prefix, nodePrefix{node, pt})
}

// A one-word prefix phrase ("sell*") is indexed by its first preLen bytes,
// which are the low bytes of a word's key (preMask).
const (
	preLen  = 3
	preMask = 1<<(8*preLen) - 1
)

// preHash hashes the first three bytes of a word (as in its key) to a bit
// of pre3.
func preHash(w string) uint {
	k, _ := key(w[:preLen])
	return preHashKey(k)
}

// preHashKey is preHash for a word whose first eight bytes are h.
func preHashKey(h uint64) uint {
	return uint(uint32(h&preMask)*0x9E3779B1) >> (32 - 16)
}

// split cuts a phrase at its "~" into the two sides of a near match.
func split(phrase string) ([]string, error) {
	parts := strings.Split(phrase, "~")
	switch {
	case len(parts) == 1:
		return parts, nil
	case len(parts) > 2:
		return nil, fmt.Errorf("only one '~' per phrase")
	case strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "":
		return nil, fmt.Errorf("'~' needs words on both sides")
	}
	return parts, nil
}

// quoted is a phrase quoted for an error, cut after its first 80 bytes or so
// (at the start of a character): a phrase of 690 KB once made an error line
// as long.
func quoted(ph string) string {
	const most = 80
	if len(ph) <= most {
		return strconv.Quote(ph)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(ph[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", strconv.Quote(ph[:cut]), len(ph))
}

func compileMatcher(p *Pack) (*matcher, error) {
	m := newMatcher()
	var scratch phraseScratch
	// too is why the index can take no more, once a rule, a negation word
	// or the model's words have made it so, for an error that names them.
	too := func() error {
		if m.clash != nil {
			return m.clash
		}
		if m.nodes >= 1<<nodeBits || len(m.names) >= 1<<idBits {
			return fmt.Errorf("the pack is too big: its phrases make %d trie nodes and %d distinct words so far, and the index holds at most %d and %d", m.nodes, len(m.names), 1<<nodeBits-1, 1<<idBits-1)
		}
		return nil
	}
	for i, r := range p.rules {
		ask := r.LabelAt >= 0 && p.labels[r.LabelAt].Kind == KindAsk
		for _, ph := range r.Phrases {
			// One side, most phrases: no list made for it.
			var one [1]string
			sides := append(one[:0], ph)
			if strings.IndexByte(ph, '~') >= 0 {
				var err error
				if sides, err = split(ph); err != nil {
					return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("phrase %s: %v", quoted(ph), err)}
				}
			}
			pair := 0
			if len(sides) == 2 {
				m.pairs++
				pair = m.pairs
			}
			for side, part := range sides {
				ps, empty, err := expandForms(part, &scratch)
				if err == nil && empty > 0 && pair > 0 {
					// A near pair needs both sides: the form with nothing
					// on one side would be the other side alone, which
					// the pair cannot find.
					err = fmt.Errorf("a side of '~' may not be nothing, as %q may be: the pair would be the other side alone, which it cannot find; write that as a phrase of its own", strings.TrimSpace(part))
				}
				if err != nil {
					return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("phrase %s: %v", quoted(ph), err)}
				}
				for _, pt := range ps {
					t := target{rule: int32(i), prefix: pt.prefix, pair: int32(pair), neg: r.Negatable, ask: ask}
					if pair > 0 {
						t.side = int8(side + 1)
					}
					m.add(pt, t)
				}
			}
		}
		if err := too(); err != nil {
			return nil, &Error{File: r.source, Rule: r.ID, Msg: err.Error()}
		}
	}
	for kind, words := range [][]string{p.negators, p.offers, p.contrasts} {
		for k, n := range words {
			ps, err := expand(n, &scratch)
			if err != nil {
				err = fmt.Errorf("%s %s: %v", negationWhat[kind], quoted(n), err)
			} else {
				for _, pt := range ps {
					m.add(pt, target{rule: int32(-1 - kind), prefix: pt.prefix})
				}
				err = too()
			}
			if err != nil {
				file := "negation"
				if k < len(p.wordFiles[kind]) {
					file = p.wordFiles[kind][k]
				}
				return nil, &Error{File: file, Rule: "negation." + negationLists[kind], Msg: err.Error()}
			}
		}
	}
	var lex []int32 // by lexicon number: the word's id
	if p.model != nil {
		for _, w := range p.model.Lexicon() {
			lex = append(lex, m.word(w))
		}
		if err := too(); err != nil {
			return nil, &Error{File: p.modelFile, Rule: "model", Msg: err.Error()}
		}
	}
	if err := m.freeze(); err != nil {
		// Not the pack's size nor a clash of words, which the steps
		// above would have named: the tables of its words.
		return nil, &Error{File: p.lastFile(), Rule: "*", Msg: err.Error()}
	}
	if lex != nil {
		m.lex = make([]int32, len(m.names)+1)
		for i := range m.lex {
			m.lex[i] = -1
		}
		for n, id := range lex {
			m.lex[id] = int32(n)
		}
	}
	return m, nil
}

// lastFile is the pack file that added the last rule, for an error of the
// whole index: in a merge, the user's own.
func (p *Pack) lastFile() string {
	if len(p.rules) == 0 || p.rules[len(p.rules)-1].source == "" {
		return "pack"
	}
	return p.rules[len(p.rules)-1].source
}

// Hit is one rule found in a folded text: Norm[Start:End], from the start of
// its first word to the end of its last, folded from Message[From:To].
type Hit struct {
	Rule       int
	Start, End int
	From, To   int
}

// Scan finds every rule of the pack in f, in order of where they start,
// leaving out those cancelled by a negation just before them ("not
// selling"). It never panics. A caller scanning many texts should keep a
// Scanner instead, which reuses its memory.
func (p *Pack) Scan(f *text.Folded) []Hit {
	var sc Scanner
	return append([]Hit(nil), sc.Scan(p, f)...)
}

// Scanner is the working memory of Scan. The zero value is ready to use; a
// Scanner is not safe for concurrent use.
type Scanner struct {
	info   []wordInfo
	todo   []int32     // the words that start a phrase or may (Scan)
	cands  []candidate // words that may start a one-word prefix phrase ("sell*")
	hits   []Hit
	negs   []int      // the last words of negations
	not    Marks      // by word, when negs is not empty: a negation just before cancels a phrase starting there
	offers []int      // the last words of offers ("happy to introduce")
	buts   []int      // the first words of contrasts ("but"), which end a negation's reach
	left   []sideSeen // pair → the latest first side of "a ~ b" seen, if seen in this scan
	gen    uint32     // which scan this is, to tell this scan's sides from older ones
	p      *Pack
	f      *text.Folded
	window int
}

// wordInfo is what the index knows of word k of a text.
type wordInfo struct {
	id   int32 // its id (0: in no phrase)
	root int32 // the trie node it starts (0: none)
}

// pack is w in one word, as the word tables (short and long) hold it:
// Fixed answers a word-sized value with a conditional move, and a pair of
// values with a branch the text decides.
func (w wordInfo) pack() uint64 { return uint64(uint32(w.id)) | uint64(uint32(w.root))<<32 }

// unpack is the id and root node a packed word holds.
func unpack(v uint64) (id, root int32) { return int32(uint32(v)), int32(v >> 32) }

// candidate is a word whose first bytes start some one-word prefix phrases:
// rootPres[from:to].
type candidate struct{ k, from, to int32 }

type sideSeen struct {
	gen         uint32
	first, last int32 // word indices
}

// Scan is Pack.Scan reusing s's memory: the hits it returns are valid until
// the next call.
func (s *Scanner) Scan(p *Pack, f *text.Folded) []Hit {
	m := p.m
	norm := f.Norm
	s.p, s.f = p, f
	s.window = int(p.policy.NegationWindow)
	if s.window <= 0 {
		s.window = 3
	}
	s.hits, s.negs, s.offers, s.buts = s.hits[:0], s.negs[:0], s.offers[:0], s.buts[:0]
	if s.gen++; s.gen == 0 || len(s.left) <= m.pairs {
		// First use, a new pack, or the stamp wrapped: start afresh.
		s.left, s.gen = make([]sideSeen, m.pairs+1), 1
	}
	// Every word's id and the trie node it starts, found once, and whether
	// it may start a prefix phrase; all read off its first eight bytes.
	words := f.List()
	info, cands := slices.Grow(s.info[:0], len(words))[:len(words)], s.cands[:0]
	todo, n := slices.Grow(s.todo[:0], len(words))[:len(words)], 0
	short := m.short // a copy the loop can keep in registers
	for k := range words {
		st, en := int(words[k].Start), int(words[k].End)
		// head and the short words' look-up written out for the common
		// case, a word of at most eight bytes not at the very end: calls
		// per word cost more than the look-up itself.
		var h uint64
		if st+8 <= len(norm) {
			h = text.Load64(norm[st:])
		} else {
			h = head(norm, st)
		}
		var id, root int32
		if n := en - st; n <= 8 {
			id, root = unpack(short.Get(h & (1<<(8*n) - 1))) // 1<<64 is 0 in Go: all eight bytes
		} else {
			id, root = m.longWord(norm[st:en])
		}
		info[k] = wordInfo{id, root}
		// Whether the word may start a one-word prefix phrase: the filter
		// of prefixes says, for a word long enough for one, known or not
		// (a flag of the known words, asked first, made whether a word is
		// known one more branch the text decides). The one branch left is
		// almost never taken.
		b := preHashKey(h)
		cand := m.pre3[b>>6] >> (b & 63) & learn.Bit(en-st >= preLen)
		if cand != 0 {
			if from, to := m.roots.get(h & preMask); from < to {
				cands = append(cands, candidate{int32(k), from, to})
			}
		}
		// The words the loop below visits: those that start a phrase or
		// may. Listed without a branch, where a test of each word in that
		// loop was one the text decides.
		todo[n] = int32(k)
		n += int(learn.Bit(root != 0) | cand)
	}
	todo = todo[:n]
	// A last candidate no word is, so that the loop below needs no test
	// of whether any are left.
	cands = append(cands, candidate{k: -1})
	s.info, s.cands, s.todo = info, cands, todo
	for _, k32 := range todo {
		k := int(k32)
		if int(cands[0].k) == k {
			w := norm[words[k].Start:words[k].End]
			for i := cands[0].from; i < cands[0].to; i++ {
				if pt := &m.rootPres[i]; strings.HasPrefix(w, pt.prefix) {
					s.emit(&pt.t, k, k)
				}
			}
			cands = cands[1:]
		}
		r := info[k].root
		if r == 0 {
			continue
		}
		// The node the word starts, known by its flags before it is read.
		node := r & rootMask
		if r&rootOuts != 0 {
			for i := m.node[node]; i < m.node[node+1]; i++ {
				s.out(&m.outs[i], k, k)
			}
		}
		j := k + 1
		if j >= len(words) {
			continue
		}
		if r&rootPres != 0 {
			s.pres(m, node, k, j)
		}
		// A phrase of several words walks on only where some phrase begins
		// with this word and the next (starts): the three tests in one, as
		// each alone is a branch the text decides.
		next := info[j].id
		if learn.Bit(r&rootKids != 0)&learn.Bit(next != 0)&learn.Bit(m.starts.Has(pairKey(info[k].id, next))) == 0 {
			continue
		}
		// Deeper: one node at a time while the next word continues a
		// phrase from the node (deep). The edge's flags say what the node
		// holds before it is read: most nodes on the way end no phrase.
		for e := m.edges.get(node, info[j].id); e != 0; {
			node = e & childMask
			if e&edgeOuts != 0 {
				for i := m.node[node]; i < m.node[node+1]; i++ {
					s.out(&m.outs[i], k, j)
				}
			}
			j++
			if j >= len(words) {
				break
			}
			if e&edgePres != 0 {
				s.pres(m, node, k, j)
			}
			if e&edgeKids == 0 || !m.deep.Has(edgeKey(node, info[j].id)) {
				break
			}
			e = m.edges.get(node, info[j].id)
		}
	}
	s.markNegated()
	s.p, s.f = nil, nil
	return s.hits
}

// Lexicon fills dst with the lexicon number (learn.Model.Lexicon) of every
// word of the text last scanned with pack p, -1 where the model's lexicon
// lacks it, and returns it; nil when p's model has no lexicon.
func (s *Scanner) Lexicon(p *Pack, dst []int32) []int32 {
	lex := p.m.lex
	if lex == nil {
		return nil
	}
	dst = slices.Grow(dst[:0], len(s.info))[:len(s.info)]
	for k, w := range s.info {
		dst[k] = lex[w.id]
	}
	return dst
}

// markNegated notes, for every word of the text being scanned, whether a
// negation cancels a phrase starting there (as negated decides it for the
// rules), so that Negated answers the learned features (a question for
// every word n-gram) by one look, not a search. The words are walked in
// order beside the sorted negations: linear, however many there are.
func (s *Scanner) markNegated() {
	s.not = s.not[:0]
	if len(s.negs) == 0 {
		return
	}
	slices.Sort(s.negs)
	words := s.f.List()
	s.not = slices.Grow(s.not, len(words))[:len(words)]
	k := 0 // the negations ending before word j are s.negs[:k]
	for j := range words {
		for k < len(s.negs) && s.negs[k] < j {
			k++
		}
		s.not[j] = s.negated(s.negs[:k], j)
	}
}

// out records a phrase that ends at a node, found on words first to last.
func (s *Scanner) out(t *target, first, last int) {
	if t.side == 1 {
		// The first side of a near pair, often a common word ("a ~ role"):
		// noted without a call.
		s.left[t.pair] = sideSeen{s.gen, int32(first), int32(last)}
		return
	}
	s.emit(t, first, last)
}

// pres tries the prefix phrases that continue from node on word j.
func (s *Scanner) pres(m *matcher, node int32, k, j int) {
	from, to := m.preAt.get(uint64(node))
	words := s.f.List()
	w := s.f.Norm[words[j].Start:words[j].End]
	for i := from; i < to; i++ {
		if pt := &m.pres[i]; strings.HasPrefix(w, pt.prefix) {
			s.emit(&pt.t, k, j)
		}
	}
}

// emit records one phrase found on words first to last: a negation or offer
// for the phrases after it, the first side of a near pair, or a hit.
func (s *Scanner) emit(t *target, first, last int) {
	switch t.rule {
	case -1:
		s.negs = append(s.negs, last)
		return
	case -2:
		s.offers = append(s.offers, last)
		return
	case -3:
		s.buts = append(s.buts, first)
		return
	}
	switch t.side {
	case 1:
		s.left[t.pair] = sideSeen{s.gen, int32(first), int32(last)}
		return
	case 2:
		l := s.left[t.pair]
		if l.gen != s.gen || !s.near(int(l.last), first) {
			return
		}
		first = int(l.first)
	}
	if t.neg && s.negated(s.negs, first) {
		return
	}
	if t.ask && s.negated(s.offers, first) {
		return
	}
	words := s.f.List()
	a, b := &words[first], &words[last]
	s.hits = append(s.hits, Hit{Rule: int(t.rule), Start: int(a.Start), End: int(b.End), From: int(a.From), To: int(b.To)})
}

// near reports whether at most nearWords words and no sentence break lie
// between a side whose last word is a and one whose first word is b.
func (s *Scanner) near(a, b int) bool {
	words := s.f.List()
	return a < b && b-a-1 <= nearWords && !s.f.Break(int(words[a].End), int(words[b].Start))
}

// negated reports whether a negation (whose last words are in lasts) ends at
// most window words before the word first, within the same sentence.
func (s *Scanner) negated(lasts []int, first int) bool {
	for k := len(lasts) - 1; k >= 0; k-- {
		n := lasts[k]
		if n >= first {
			continue // part of the phrase itself ("no experience needed")
		}
		if first-n-1 > s.window {
			return false
		}
		// The contrasts were found in order: the first after the negation
		// is the one that may stand before the phrase.
		if i, _ := slices.BinarySearch(s.buts, n+1); i < len(s.buts) && s.buts[i] < first {
			return false // "…, but" ends its reach
		}
		words := s.f.List()
		return !s.f.Break(int(words[n].End), int(words[first].Start))
	}
	return false
}

// Negated reports whether, in the text of the last Scan, a negation ends
// just before word first ("not looking to sell"), as it would cancel a
// negatable phrase starting there. Learned evidence asks it, so that a
// negated phrase is never shown as evidence. Scan has marked the words of
// that text already (markNegated), so this is one look.
func (s *Scanner) Negated(first int) bool { return s.not.Has(first) }

// Marks are, by word of a text, the words a negation cancels phrases from:
// the model's own type, which its words loop reads as they are.
type Marks = learn.Marks

// Negations appends to dst[:0] the marks Negated reads for the text of the
// last Scan (none when no word is negated), for a caller that keeps asking
// about one text while the scanner reads others.
func (s *Scanner) Negations(dst Marks) Marks { return append(dst[:0], s.not...) }

// deepBits sizes the filter of the edges past a walk's first step: 2^18
// bits (32 KB) for the default pack's 40,500, about one key in seven of
// those not added let through.
const deepBits = 18
