package learn

import (
	"maps"
	"slices"
	"strings"

	"politely/internal/text"
)

// A lexicon lets Text score a message with one look-up per word, where
// Visit hashes and looks up four pieces (the word, the pair it ends, its
// prefix and its suffix): every word that the model's n-grams use, and
// every word a cue counts, is listed once with its own features and the
// features of its prefix and suffix, and a pair of words is found by their
// numbers. Its keys are exact (the bytes of a short word themselves), so
// the common word costs one load and one multiplication, and its tables
// are small enough to stay in a core's cache. It is built for the usual
// config (n-grams of one or two words, at most one prefix and one suffix
// length, no character n-grams); a model of another config is scored
// through Visit. Both ways find the same features in the same order
// (TestLexicon, FuzzLexicon), so scores are the same to the bit.
type lexicon struct {
	words []lexWord
	names []string      // by number: the word itself
	index table[uint64] // key(word) → index in words
	// pairs is probed for every pair of words, with no filter before it:
	// whether a pair is a feature is a test the text decides, and the
	// filter's branch, guessed wrong, cost more than the probe it spared.
	pairs  Fixed[uint32, int32] // pairKey → feature, -1: none
	pieces Fixed[uint64, int32] // key(prefix or suffix) → feature, for words not in words
	// prefix and suffix are the runes of the config's one prefix and one
	// suffix (-1: none).
	prefix, suffix int
}

// lexWord is one word of the lexicon.
type lexWord struct {
	uni, not int32 // the word alone as a feature, plain and negated (-1: none)
	pre, suf int32 // the features of its prefix and suffix (-1: none)
	cue      cueWord
}

// maxLexicon bounds the words of a lexicon, so that a pair of word numbers
// and its negation fit 32 bits, and the number -1 (no word) makes keys no
// pair has: -1 in 15 bits is the number past the last word.
const maxLexicon = 1<<15 - 1

// pairKey numbers a pair of lexicon words, negated or not.
func pairKey(a, b int32, negated bool) uint32 {
	k := uint32(a)<<17 | uint32(b)<<1
	if negated {
		k |= 1
	}
	return k
}

// key is the lexicon's key of kind's piece s[i:j]: up to seven bytes, the
// bytes themselves with their count and the kind in the top byte (no two
// pieces share one, and no hashing is needed); a hash for longer ones, its
// top byte all ones.
func key(kind byte, s string, i, j int) uint64 {
	n := j - i
	if n >= 8 {
		return hashIn(kind, s, i, j) | 0xff<<56
	}
	return low(s, i, n) | (uint64(n)|uint64(kind&0x0f)<<3)<<56
}

// table is an open-addressing table from exact keys to values (≥ 0), at
// most half full, found by Fibonacci hashing: one multiplication. A key and
// its value lie side by side: one trip to memory finds both.
type table[K uint32 | uint64] struct {
	slots []entry[K]
	shift uint
}

type entry[K uint32 | uint64] struct {
	key K
	val int32 // -1: empty
}

func newTable[K uint32 | uint64](n int) table[K] {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	t := table[K]{slots: make([]entry[K], 1<<bits), shift: 64 - bits}
	for i := range t.slots {
		t.slots[i].val = -1
	}
	return t
}

// put adds key k with value v; false when k is there already.
func (t *table[K]) put(k K, v int32) bool {
	mask := uint64(len(t.slots) - 1)
	for i := (uint64(k) * 0x9e3779b97f4a7c15) >> t.shift; ; i = (i + 1) & mask {
		switch e := &t.slots[i]; {
		case e.val < 0:
			e.key, e.val = k, v
			return true
		case e.key == k:
			return false
		}
	}
}

// get returns the value of key k, or -1.
func (t *table[K]) get(k K) int32 {
	mask := uint64(len(t.slots) - 1)
	for i := (uint64(k) * 0x9e3779b97f4a7c15) >> t.shift; ; i = (i + 1) & mask {
		if e := t.slots[i]; e.val < 0 || e.key == k {
			return e.val
		}
	}
}

// fixedOf lays out entries as a Fixed table answering -1 for no feature.
func fixedOf[K uint32 | uint64](es []entry[K]) (Fixed[K, int32], error) {
	keys, vals := make([]K, len(es)), make([]int32, len(es))
	for i, e := range es {
		keys[i], vals[i] = e.key, e.val
	}
	return NewFixed(keys, vals, int32(-1))
}

// newLexicon builds the lexicon of model m, or nil when its config is not
// the usual one.
func newLexicon(m *Model) *lexicon {
	c := &m.Config
	if c.Words > 2 || c.CharMax > 0 || len(c.Prefixes) > 1 || len(c.Suffixes) > 1 {
		return nil
	}
	x := &lexicon{prefix: -1, suffix: -1}
	if len(c.Prefixes) == 1 {
		x.prefix = c.Prefixes[0]
	}
	if len(c.Suffixes) == 1 {
		x.suffix = c.Suffixes[0]
	}
	index := map[string]int32{}
	add := func(w string) int32 {
		if i, ok := index[w]; ok {
			return i
		}
		i := int32(len(x.words))
		index[w] = i
		e := lexWord{uni: -1, not: -1, pre: -1, suf: -1}
		c.pieces(w, func(kind byte, i, j int) {
			f := m.feats.get(Hash(kind, w[i:j]))
			if kind == KindPrefix {
				e.pre = f
			} else {
				e.suf = f
			}
		})
		x.words = append(x.words, e)
		x.names = append(x.names, w)
		return i
	}
	// The tables are sized once every name is read.
	type entry32 = entry[uint32]
	type entry64 = entry[uint64]
	var pairs []entry32
	var pieces []entry64
	for f, name := range m.Names {
		kind, s, _ := ParseName(name)
		if kind == KindPrefix || kind == KindSuffix {
			pieces = append(pieces, entry64{key(kind, s, 0, len(s)), int32(f)})
		}
		if kind != KindWord && kind != KindNot {
			continue
		}
		w0, w1, two := strings.Cut(s, " ")
		if w0 == "" || two && (c.Words < 2 || w1 == "" || strings.Contains(w1, " ")) || !two && c.Words < 1 {
			continue // never found in a text under this config
		}
		switch {
		case !two:
			if w0 == "#" {
				continue // a number alone is never a feature (Visit)
			}
			e := &x.words[add(w0)]
			if kind == KindWord {
				e.uni = int32(f)
			} else {
				e.not = int32(f)
			}
		default:
			pairs = append(pairs, entry32{pairKey(add(w0), add(w1), kind == KindNot), int32(f)})
		}
	}
	// In a fixed order, so that a cue word the model does not weigh gets
	// the same number in every run (a map's order changes from run to run).
	for _, w := range slices.Sorted(maps.Keys(cueWords)) {
		x.words[add(w)].cue = cueWords[w]
	}
	if len(x.words) > maxLexicon {
		return nil
	}
	x.index = newTable[uint64](len(x.words))
	for w, i := range index {
		x.index.put(key(KindWord, w, 0, len(w)), i)
	}
	var err1, err2 error
	x.pairs, err1 = fixedOf(pairs)
	x.pieces, err2 = fixedOf(pieces)
	if err1 != nil || err2 != nil {
		return nil // scored through Visit: the same features, found more slowly
	}
	return x
}

// Lexicon lists the words of the model's lexicon by number, or nil when
// the model is scored through Visit. A caller that has already looked up
// every word of a text (the rules' scan) can give Text their numbers and
// spare it a look-up a word.
func (m *Model) Lexicon() []string {
	if m.lex == nil {
		return nil
	}
	return m.lex.names
}

// words adds the word features of f as Visit finds them, through the
// lexicon, and counts the cue words on the way. lex, when it has a number
// for every word of f, is their lexicon numbers (-1: not in it); not marks
// the negated words (Text).
func (m *Model) words(s *Scorer, raw string, f *text.Folded, lex []int32, not Marks) (c cueCount) {
	x := m.lex
	norm, words := f.Norm, f.List()
	if len(lex) != len(words) {
		lex = nil
	}
	s.names, s.caps = nameMarks(raw, f, s.names, s.caps)
	prev := int32(-1) // the lexicon word before, -1: none, or a name
	// A word adds at most four features: itself, a pair, a prefix, a
	// suffix. Room for all is made first: a call that may grow the list,
	// inside the loop, made the compiler keep the loop's variables in
	// memory rather than registers.
	s.reserve(4 * len(words))
	found, stamp, gen, n := s.found, s.stamp, s.gen, s.n
	for k, w := range words {
		at, end := int(w.Start), int(w.End)
		var e int32
		if lex != nil {
			e = lex[k]
		} else {
			e = x.index.get(key(KindWord, norm, at, end))
		}
		if e < 0 {
			// No n-gram of the model has this word: only its pieces may
			// be features. (The one test of e a word takes: a second,
			// for its cue, was a branch the text decides.)
			prev = -1
			if len(s.names) > 0 && s.names[k] {
				continue
			}
			if size := end - at; size >= 4 && text.IsASCII(norm, at, end) {
				// An ASCII word, most of them: a rune is a byte, and its
				// pieces are where pieces would find them, without a call
				// for each.
				if x.prefix >= 0 && size > x.prefix {
					n = count(found, stamp, gen, n, getInt(&x.pieces, key(KindPrefix, norm, at, at+x.prefix)), k, k)
				}
				if x.suffix >= 0 && size > x.suffix {
					n = count(found, stamp, gen, n, getInt(&x.pieces, key(KindSuffix, norm, end-x.suffix, end)), k, k)
				}
				continue
			}
			s.n = n
			m.Config.pieces(norm[at:end], func(kind byte, i, j int) {
				s.add(x.pieces.Get(key(kind, norm, at+i, at+j)), k, k)
			})
			n = s.n
			continue
		}
		lw := &x.words[e]
		c.add(lw.cue, k)
		if len(s.names) > 0 && s.names[k] {
			prev = -1
			continue
		}
		if lw.uni >= 0 || lw.not >= 0 {
			feat := lw.uni
			if not.Has(k) {
				feat = lw.not
			}
			n = count(found, stamp, gen, n, feat, k, k)
		}
		// No test of prev: with none (-1) the key is one no pair has
		// (maxLexicon), and the pair no feature, as count takes it.
		n = count(found, stamp, gen, n, getInt(&x.pairs, pairKey(prev, e, not.Has(k-1))), k-1, k)
		n = count(found, stamp, gen, n, lw.pre, k, k)
		n = count(found, stamp, gen, n, lw.suf, k, k)
		prev = e
	}
	s.n = n
	return c
}
