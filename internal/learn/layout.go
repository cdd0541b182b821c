package learn

import (
	"fmt"
	"slices"
)

// Fixed is a table of exact keys to values, built once with every key
// known, each key in a slot of its own (Layout): a look-up is one probe and
// no loop, and whether the key is there is a conditional move (for a value
// of a machine word: the phrase index packs its pair of numbers), where an
// open-addressing table's probe loop is a branch the text decides and a
// processor guesses wrong (cachegrind counted 1.2 a look-up of the phrase
// index's short words, probed for nearly every word of a message). A key
// and its value lie side by side. It serves the lexicon's pairs and pieces
// and the phrase index's short words. The zero value is an empty table.
type Fixed[K uint32 | uint64, V any] struct {
	slots []fixedSlot[K, V]
	none  V
	Layout
}

type fixedSlot[K uint32 | uint64, V any] struct {
	key K
	val V
}

// NewFixed lays out keys with their values, vals[i] for keys[i]; of a key
// given twice, the first is kept. Get answers none for a key not in it,
// key 0 included.
func NewFixed[K uint32 | uint64, V any](keys []K, vals []V, none V) (Fixed[K, V], error) {
	seen := make(map[K]bool, len(keys))
	var keep []int // the keys kept, by index
	hs := make([]uint64, 0, len(keys))
	for i, k := range keys {
		if !seen[k] {
			seen[k] = true
			keep = append(keep, i)
			hs = append(hs, Spread(uint64(k)))
		}
	}
	l, at, err := LayOut(hs)
	if err != nil {
		return Fixed[K, V]{}, err
	}
	t := Fixed[K, V]{slots: make([]fixedSlot[K, V], l.Size()), none: none, Layout: l}
	for i := range t.slots {
		t.slots[i].val = none // an empty slot answers none, even for key 0
	}
	for j, i := range keep {
		t.slots[at[j]] = fixedSlot[K, V]{keys[i], vals[i]}
	}
	return t, nil
}

// Get returns the value of key k, or none. It never panics.
func (t *Fixed[K, V]) Get(k K) V {
	if len(t.slots) == 0 {
		return t.none
	}
	// none is read before it is chosen: the compiler makes a choice
	// between two values at hand a conditional move, but a choice that
	// would read memory a branch (and so it did, here, for every table).
	// Written this way Get also stays within the compiler's budget for
	// inlining (78 of 80), which the scan's look-up of every word needs.
	none, s := t.none, t.slots[t.At(Spread(uint64(k)))]
	if s.key != k {
		s.val = none
	}
	return s.val
}

// getInt is t.Get(k) for a table of int32 values, the choice between the
// value found and none made by arithmetic, not left to the compiler:
// inlined into a loop that keeps many values in registers (the words loop
// of a model), Get's choice became a branch on whether the key is there,
// which the text decides and the processor guessed wrong for two probes in
// five. It never panics.
func getInt[K uint32 | uint64](t *Fixed[K, int32], k K) int32 {
	if len(t.slots) == 0 {
		return t.none
	}
	s := t.slots[t.At(Spread(uint64(k)))]
	miss := -int32(Bit(s.key != k)) // all ones when k is not there
	return s.val&^miss | t.none&miss
}

// Spread mixes a key's bits (half of MurmurHash3's finalizer: one
// multiplication): Layout's buckets are chosen by its low bits, and the
// phrase index's open-addressing tables hash with it too.
func Spread(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	return k ^ k>>33
}

// Layout places keys, each by its hash, in slots of their own: keys go to
// buckets by the low bits of their hash, and each bucket has a
// displacement that moves its keys to free slots (CHD, "hash, displace and
// compress", without the compressing).
type Layout struct {
	disp  []uint16 // by bucket
	shift uint     // 64 - log2 of the slots
	bmask uint64   // len(disp) - 1
}

// Size is how many slots the layout places keys in.
func (l *Layout) Size() int { return 1 << (64 - l.shift) }

// At is the slot of the key of hash h, which must be well mixed: its low
// bits choose the bucket.
func (l *Layout) At(h uint64) uint64 { return l.place(h, l.disp[h&l.bmask]) }

// place is the slot of the key of hash h in a bucket of displacement d:
// the multiplication after the displacement moves each key of the bucket
// its own way, where the displacement alone would move them all alike and
// never part two that meet.
func (l *Layout) place(h uint64, d uint16) uint64 {
	// shift is below 64 (a layout has at least two slots); saying so spares
	// the compiler's test for a shift of 64 or more, three instructions
	// of every look-up.
	return ((h ^ uint64(d)*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9) >> (l.shift & 63)
}

// LayOut places the keys of hashes hs (all different) in at most half of
// the slots, returning each one's slot. It fails only if some bucket finds
// no displacement, which random hashes make vanishingly rare (a bucket
// holds four keys on average, among 65,536 tries).
func LayOut(hs []uint64) (Layout, []uint64, error) {
	bits := uint(1)
	for 1<<bits < 2*len(hs) {
		bits++
	}
	nb := 1
	for nb*4 < len(hs) {
		nb *= 2
	}
	l := Layout{disp: make([]uint16, nb), shift: 64 - bits, bmask: uint64(nb - 1)}
	// The keys by bucket, in one list (a counting sort): from[b] is where
	// bucket b's keys start in byBucket, from[b+1] where they end.
	from := make([]int32, nb+1)
	for _, h := range hs {
		from[h&l.bmask+1]++
	}
	for b := range nb {
		from[b+1] += from[b]
	}
	byBucket, fill := make([]int32, len(hs)), slices.Clone(from[:nb])
	for i, h := range hs {
		byBucket[fill[h&l.bmask]] = int32(i)
		fill[h&l.bmask]++
	}
	bucket := func(b int) []int32 { return byBucket[from[b]:from[b+1]] }
	order := make([]int, nb)
	for i := range order {
		order[i] = i
	}
	// The fullest buckets first, while the most slots are free.
	slices.SortStableFunc(order, func(x, y int) int { return len(bucket(y)) - len(bucket(x)) })
	taken := make([]bool, l.Size())
	at := make([]uint64, len(hs))
	for _, bk := range order {
		ks := bucket(bk)
		if len(ks) == 0 {
			break
		}
		d, ok := 0, false
		for ; d < 1<<16 && !ok; d++ {
			ok = true
			for j, i := range ks {
				s := l.place(hs[i], uint16(d))
				if taken[s] {
					ok = false
					for _, i := range ks[:j] {
						taken[at[i]] = false
					}
					break
				}
				taken[s], at[i] = true, s
			}
		}
		if !ok {
			return Layout{}, nil, fmt.Errorf("no displacement places the %d keys of one bucket of a table", len(ks))
		}
		l.disp[bk] = uint16(d - 1)
	}
	return l, at, nil
}
