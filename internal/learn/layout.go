package learn

import (
	"fmt"
	"slices"
)

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
	return ((h ^ uint64(d)*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9) >> l.shift
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
