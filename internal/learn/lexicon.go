package learn

import (
	"slices"
	"strings"

	"politely/internal/text"
)

// A lexicon lets Text score a message with one hash and one look-up per
// word, where Visit hashes and looks up four pieces (the word, the pair it
// ends, its prefix and its suffix): every word that the model's n-grams use,
// and every word a cue counts, is listed once with its own features and the
// features of its prefix and suffix, and a pair of words is found by their
// numbers. It is built for the usual config (n-grams of one or two words, at
// most one prefix and one suffix length, no character n-grams); a model of
// another config is scored through Visit. Both ways find the same features
// in the same order (TestLexicon), so scores are the same to the bit.
type lexicon struct {
	words []lexWord
	slots []slot // Hash(KindWord, word) → index in words
	mask  uint64
	pairs []slot // mix(pairKey) → feature
	pmask uint64
}

// lexWord is one word of the lexicon.
type lexWord struct {
	uni, not int32 // the word alone as a feature, plain and negated (-1: none)
	pre, suf int32 // the features of its prefix and suffix (-1: none)
	cue      cueWord
}

// pairKey numbers a pair of lexicon words, negated or not.
func pairKey(a, b int32, negated bool) uint64 {
	k := uint64(a)<<33 | uint64(b)<<1
	if negated {
		k |= 1
	}
	return mix(k)
}

// newLexicon builds the lexicon of model m, or nil when its config is not
// the usual one.
func newLexicon(m *Model) *lexicon {
	c := &m.Config
	if c.Words > 2 || c.CharMax > 0 || len(c.Prefixes) > 1 || len(c.Suffixes) > 1 {
		return nil
	}
	x := &lexicon{}
	index := map[string]int32{}
	add := func(w string) int32 {
		if i, ok := index[w]; ok {
			return i
		}
		i := int32(len(x.words))
		index[w] = i
		e := lexWord{uni: -1, not: -1, pre: -1, suf: -1}
		c.pieces(w, func(kind byte, i, j int) {
			f := m.find(Hash(kind, w[i:j]))
			if kind == KindPrefix {
				e.pre = f
			} else {
				e.suf = f
			}
		})
		x.words = append(x.words, e)
		return i
	}
	type pair struct {
		key  uint64
		feat int32
	}
	var pairs []pair
	for f, name := range m.Names {
		kind, s, _ := ParseName(name)
		if kind != KindWord && kind != KindNot {
			continue
		}
		ws := strings.Split(s, " ")
		if len(ws) > c.Words || slices.Contains(ws, "") {
			continue // never found in a text under this config
		}
		switch len(ws) {
		case 1:
			if ws[0] == "#" {
				continue // a number alone is never a feature (Visit)
			}
			e := &x.words[add(ws[0])]
			if kind == KindWord {
				e.uni = int32(f)
			} else {
				e.not = int32(f)
			}
		case 2:
			a, b := add(ws[0]), add(ws[1])
			pairs = append(pairs, pair{pairKey(a, b, kind == KindNot), int32(f)})
		}
	}
	for w, cw := range cueWords {
		x.words[add(w)].cue = cw
	}
	x.slots, x.mask = table(len(x.words))
	for w, i := range index {
		put(x.slots, x.mask, Hash(KindWord, w), i)
	}
	x.pairs, x.pmask = table(len(pairs))
	for _, p := range pairs {
		put(x.pairs, x.pmask, p.key, p.feat)
	}
	return x
}

// table makes an empty open-addressing table for n keys, a quarter full.
func table(n int) ([]slot, uint64) {
	size := 16
	for size < 4*n {
		size *= 2
	}
	s := make([]slot, size)
	for i := range s {
		s[i].feat = -1
	}
	return s, uint64(size - 1)
}

// put adds key h with value v to a table made by table; false when h is
// there already.
func put(slots []slot, mask uint64, h uint64, v int32) bool {
	for i := h & mask; ; i = (i + 1) & mask {
		switch s := &slots[i]; {
		case s.feat < 0:
			s.key, s.feat = h, v
			return true
		case s.key == h:
			return false
		}
	}
}

// get returns the value of key h, or -1.
func get(slots []slot, mask uint64, h uint64) int32 {
	for i := h & mask; ; i = (i + 1) & mask {
		s := &slots[i]
		if s.feat < 0 || s.key == h {
			return s.feat
		}
	}
}

// words adds the word features of f as Visit finds them, through the
// lexicon, and counts the cue words on the way.
func (m *Model) words(s *Scorer, raw string, f *text.Folded, negated func(first int) bool) (c cueCount) {
	x := m.lex
	norm, words := f.Norm, f.List()
	s.names = nameMarks(raw, f, s.names)
	prev := int32(-1) // the lexicon word before, -1: none, or a name
	for k, w := range words {
		at, end := int(w.Start), int(w.End)
		e := get(x.slots, x.mask, hashIn(KindWord, norm, at, end))
		if e >= 0 {
			c.add(x.words[e].cue)
		}
		if len(s.names) > 0 && s.names[k] {
			prev = -1
			continue
		}
		if e < 0 {
			// No n-gram of the model has this word: only its pieces may
			// be features.
			prev = -1
			m.Config.pieces(norm[at:end], func(kind byte, i, j int) {
				m.Add(s, m.find(hashIn(kind, norm, at+i, at+j)), k, k)
			})
			continue
		}
		lw := &x.words[e]
		if lw.uni >= 0 || lw.not >= 0 {
			feat := lw.uni
			if negated != nil && negated(k) {
				feat = lw.not
			}
			m.Add(s, feat, k, k)
		}
		if prev >= 0 {
			m.Add(s, get(x.pairs, x.pmask, pairKey(prev, e, negated != nil && negated(k-1))), k-1, k)
		}
		m.Add(s, lw.pre, k, k)
		m.Add(s, lw.suf, k, k)
		prev = e
	}
	return c
}
