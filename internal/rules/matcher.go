package rules

import (
	"fmt"
	"strings"

	"politely/internal/text"
)

// maxExpansions bounds what one phrase may expand to, so that a typo such as
// nested alternations cannot blow up the automaton.
const maxExpansions = 2048

// expand turns one phrase of the pack syntax into folded patterns.
//
//	{a|b|}   one of a, b or nothing
//	word*    any word that starts with "word" (only at the end of a phrase)
//	#        any number ("# minutes" matches "15 minutes" and "15-min")
//	a ~ b    a, then b at most nearWords words later in the same sentence
//	         ("interested in the ~ role" matches "interested in the Senior SDET role")
//
// Everything else is folded like the message (case, apostrophes,
// punctuation), so "I'm" in a phrase matches "I’m", "im" and "I'M".
func expand(phrase string) ([]pattern, error) {
	alts, err := alternatives(phrase)
	if err != nil {
		return nil, err
	}
	out := make([]pattern, 0, len(alts))
	for _, a := range alts {
		a = strings.TrimSpace(a)
		prefix := strings.HasSuffix(a, "*")
		a = strings.TrimSuffix(a, "*")
		if strings.Contains(a, "*") {
			return nil, fmt.Errorf("'*' may only end a phrase")
		}
		norm := foldPhrase(a)
		if strings.TrimSpace(norm) == "" {
			continue
		}
		if prefix {
			norm = strings.TrimRight(norm, " ")
		}
		out = append(out, pattern{s: norm, prefix: prefix})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("matches nothing")
	}
	return out, nil
}

// check reads a phrase's syntax without expanding it, so that a broken pack
// is refused while it is read, with the file and the rule.
func check(phrase string) error {
	sides, err := split(phrase)
	if err != nil {
		return err
	}
	for _, side := range sides {
		alts, err := alternatives(side)
		if err != nil {
			return err
		}
		for _, a := range alts {
			if t := strings.TrimSpace(a); strings.Contains(strings.TrimSuffix(t, "*"), "*") {
				return fmt.Errorf("'*' may only end a phrase")
			}
		}
	}
	return nil
}

// foldPhrase folds one expanded phrase as the message is folded. Plain
// lower-case words (most phrases) take a short path; anything else goes
// through text.Fold. "#" stands for a number, which text.Fold writes as "#".
func foldPhrase(a string) string {
	simple := true
	for i := 0; i < len(a) && simple; i++ {
		c := a[i]
		simple = c == ' ' || c == '#' || c >= 'a' && c <= 'z'
	}
	if !simple {
		return text.Fold(strings.ReplaceAll(a, "#", " 0 ")).Norm
	}
	var b strings.Builder
	b.Grow(len(a) + 2)
	b.WriteByte(' ')
	for _, w := range strings.Fields(strings.ReplaceAll(a, "#", " # ")) {
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()
}

// alternatives expands {a|b} groups, nested or not.
func alternatives(s string) ([]string, error) {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		if strings.ContainsAny(s, "}|") {
			return nil, fmt.Errorf("'}' or '|' outside a {…} group")
		}
		return []string{s}, nil
	}
	depth, end := 0, -1
	var parts []string
	last := open + 1
	for i := open; i < len(s) && end < 0; i++ {
		switch s[i] {
		case '{':
			depth++
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
		return nil, fmt.Errorf("unclosed '{'")
	}
	rest, err := alternatives(s[end+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range parts {
		inner, err := alternatives(p)
		if err != nil {
			return nil, err
		}
		for _, in := range inner {
			for _, r := range rest {
				out = append(out, s[:open]+" "+in+" "+r)
				if len(out) > maxExpansions {
					return nil, fmt.Errorf("expands to more than %d phrases", maxExpansions)
				}
			}
		}
	}
	return out, nil
}

type pattern struct {
	s      string
	prefix bool
}

// nearWords is how many words may stand between the two sides of "a ~ b".
const nearWords = 4

// target is what one phrase stands for.
type target struct {
	rule   int // index into Pack.rules, or -1 for a negation word
	prefix bool
	pair   int // for "a ~ b": which phrase (1-based); 0 for a plain phrase
	side   int // 1 for a, 2 for b
}

// matcher is the compiled phrase index of a pack: a trie over interned words.
//
// Phrases match whole words (a prefix phrase matches the start of its last
// word), so the trie steps a word at a time: one map lookup per word of the
// message, and a phrase costs nothing until its first word appears. A
// byte-level Aho-Corasick automaton over the same 9,000 expanded phrases
// (github.com/petar-dambovaliev/aho-corasick, tried first) took 700 ms and
// 340 MB to build and scanned at 17 MB/s; this builds in milliseconds, which
// matters for a WebAssembly worker that Chrome restarts at will.
type matcher struct {
	words   map[string]int32          // word → id
	byHash  table                     // FNV-1a of a word → id (-1: two words share it), the fast path of Scan
	names   []string                  // id → word, to confirm a hash match
	root    []int32                   // word id → child node of the root (0: none)
	edges   table                     // node<<32 | word id → child node
	out     [][]target                // node → phrases that end there
	prefix  [][]prefixTarget          // node → phrases whose last word is a prefix
	rootPre map[string][]prefixTarget // first bytes → prefix phrases of one word
	preLen  int                       // bytes of a word used to index rootPre
	pre2    [1 << 10]uint64           // bit per first two bytes of a rootPre key: a cheap "no" for most words
	pairs   int
}

type prefixTarget struct {
	prefix string
	t      target
}

func newMatcher() *matcher {
	return &matcher{words: map[string]int32{}, out: [][]target{nil, nil}, prefix: [][]prefixTarget{nil, nil}, rootPre: map[string][]prefixTarget{}, preLen: 3}
}

// node 1 is the root; 0 means "no node".
const rootNode = 1

func (m *matcher) word(w string) int32 {
	id, ok := m.words[w]
	if !ok {
		id = int32(len(m.words) + 1)
		m.words[w] = id
		m.names = append(m.names, w)
		h := fnv(w)
		if m.byHash.get(h) != 0 {
			m.byHash.put(h, -1) // two words share a hash: Scan falls back to the map
		} else {
			m.byHash.put(h, id)
		}
	}
	return id
}

// lookup finds a word's id (0 when no phrase uses it), hashing instead of
// comparing strings in a map: most words of a message are in no phrase.
func (m *matcher) lookup(w string, h uint64) int32 {
	id := m.byHash.get(h)
	switch {
	case id > 0 && m.names[id-1] == w:
		return id
	case id < 0:
		return m.words[w]
	}
	return 0
}

// fnv is the 64-bit FNV-1a hash.
func fnv(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
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
	k := uint64(node)<<32 | uint64(id)
	if c := m.edges.get(k); c != 0 || !create {
		return c
	}
	c := m.newNode()
	m.edges.put(k, c)
	return c
}

func (m *matcher) newNode() int32 {
	m.out = append(m.out, nil)
	m.prefix = append(m.prefix, nil)
	return int32(len(m.out) - 1)
}

// add files one folded phrase under its target.
func (m *matcher) add(p pattern, t target) {
	words := strings.Fields(p.s)
	last := len(words)
	if p.prefix {
		last--
	}
	node := int32(rootNode)
	for _, w := range words[:last] {
		node = m.child(node, w, true)
	}
	if !p.prefix {
		for _, have := range m.out[node] {
			if have == t {
				return
			}
		}
		m.out[node] = append(m.out[node], t)
		return
	}
	pt := prefixTarget{prefix: words[last], t: t}
	if node == rootNode {
		k := pt.prefix
		if len(k) > m.preLen {
			k = k[:m.preLen]
		}
		m.rootPre[k] = append(m.rootPre[k], pt)
		b := two(k)
		m.pre2[b>>6] |= 1 << (b & 63)
		return
	}
	m.prefix[node] = append(m.prefix[node], pt)
}

// two packs the first two bytes of a word into 16 bits.
func two(w string) uint {
	if len(w) < 2 {
		return 0
	}
	return uint(w[0])<<8 | uint(w[1])
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

func compileMatcher(rules []Rule, negators, offers []string) (*matcher, error) {
	m := newMatcher()
	for i, r := range rules {
		for _, ph := range r.Phrases {
			sides, err := split(ph)
			if err != nil {
				return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("phrase %q: %v", ph, err)}
			}
			pair := 0
			if len(sides) == 2 {
				m.pairs++
				pair = m.pairs
			}
			for side, part := range sides {
				ps, err := expand(part)
				if err != nil {
					return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("phrase %q: %v", ph, err)}
				}
				for _, p := range ps {
					t := target{rule: i, prefix: p.prefix, pair: pair}
					if pair > 0 {
						t.side = side + 1
					}
					m.add(p, t)
				}
			}
		}
	}
	for kind, words := range [][]string{negators, offers} {
		for _, n := range words {
			ps, err := expand(n)
			if err != nil {
				return nil, &Error{File: "negation", Rule: n, Msg: err.Error()}
			}
			for _, p := range ps {
				m.add(p, target{rule: -1 - kind, prefix: p.prefix})
			}
		}
	}
	return m, nil
}

// Hit is one rule found in a folded text: Norm[Start:End], from the start of
// its first word to the end of its last.
type Hit struct {
	Rule       int
	Start, End int
}

// Scan finds every rule of the pack in f, in order of where they start,
// leaving out those cancelled by a negation just before them ("not
// selling"). It never panics.
func (p *Pack) Scan(f *text.Folded) []Hit {
	m := p.m
	norm := f.Norm
	window := int(p.policy.NegationWindow)
	if window <= 0 {
		window = 3
	}
	// Word boundaries, found once: word k is norm[starts[k]:ends[k]].
	est := len(norm)/5 + 1
	starts, ends := make([]int, 0, est), make([]int, 0, est)
	ids := make([]int32, 0, est)
	for i := 0; i < len(norm); {
		if norm[i] == ' ' {
			i++
			continue
		}
		h := uint64(14695981039346656037)
		j := i
		for j < len(norm) && norm[j] != ' ' {
			h ^= uint64(norm[j])
			h *= 1099511628211
			j++
		}
		starts, ends = append(starts, i), append(ends, j)
		ids = append(ids, m.lookup(norm[i:j], h))
		i = j
	}
	hits := make([]Hit, 0, 16)
	var negEnds, offerEnds []int
	var left map[int][2]int // pair → the latest first side: start, end
	emit := func(t target, start, end int) {
		switch t.rule {
		case -1:
			negEnds = append(negEnds, end)
			return
		case -2:
			offerEnds = append(offerEnds, end)
			return
		}
		switch t.side {
		case 1:
			if left == nil {
				left = map[int][2]int{}
			}
			left[t.pair] = [2]int{start, end}
			return
		case 2:
			l, ok := left[t.pair]
			if !ok || l[1] > start || !near(f, l[1], start) {
				return
			}
			start = l[0]
		}
		r := &p.rules[t.rule]
		if r.Negatable && negated(f, negEnds, start, window) {
			return
		}
		if r.LabelAt >= 0 && p.labels[r.LabelAt].Kind == KindAsk && negated(f, offerEnds, start, window) {
			return
		}
		hits = append(hits, Hit{Rule: t.rule, Start: start, End: end})
	}
	for k := range starts {
		w := norm[starts[k]:ends[k]]
		if b := two(w); len(w) >= m.preLen && m.pre2[b>>6]&(1<<(b&63)) != 0 {
			for _, pt := range m.rootPre[w[:m.preLen]] {
				if strings.HasPrefix(w, pt.prefix) {
					emit(pt.t, starts[k], ends[k])
				}
			}
		}
		node := int32(0)
		if id := ids[k]; id > 0 && int(id) < len(m.root) {
			node = m.root[id]
		}
		for j := k; node != 0; {
			for _, t := range m.out[node] {
				emit(t, starts[k], ends[j])
			}
			j++
			if j >= len(starts) {
				break
			}
			for _, pt := range m.prefix[node] {
				if strings.HasPrefix(norm[starts[j]:ends[j]], pt.prefix) {
					emit(pt.t, starts[k], ends[j])
				}
			}
			if ids[j] == 0 {
				break
			}
			node = m.edges.get(uint64(node)<<32 | uint64(ids[j]))
		}
	}
	return hits
}

// near reports whether at most nearWords words and no sentence break lie
// between a side ending at e and one starting at s.
func near(f *text.Folded, e, s int) bool {
	if e > s || s > len(f.Norm) {
		return false
	}
	return strings.Count(f.Norm[e:s], " ")-1 <= nearWords && !f.Break(e, s)
}

// negated reports whether a negation word ends at most window words before
// start, within the same sentence.
func negated(f *text.Folded, negEnds []int, start, window int) bool {
	for k := len(negEnds) - 1; k >= 0; k-- {
		e := negEnds[k]
		if e > start {
			continue // part of the phrase itself ("no experience needed")
		}
		if strings.Count(f.Norm[e:start], " ")-1 > window {
			return false
		}
		return !f.Break(e, start)
	}
	return false
}
