package learn

import (
	"math/rand/v2"
	"testing"
)

// A Fixed table finds every key it was built with, with its value, and
// nothing else, for tables of every size the packs make (an empty one, a
// user's pack of three words, the default pack's thousands); of a key given
// twice, the first value is kept; key 0, never stored, answers none.
func TestFixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	none := [2]int32{-1, -1}
	for _, n := range []int{0, 1, 3, 4, 5, 100, 6300, 40000} {
		keys := make([]uint64, 0, n+1)
		vals := make([][2]int32, 0, n+1)
		seen := map[uint64]bool{}
		for len(keys) < n {
			k := rng.Uint64() >> uint(rng.IntN(56)) // short keys too, as short words make
			if k == 0 || seen[k] {
				continue
			}
			seen[k] = true
			keys, vals = append(keys, k), append(vals, [2]int32{rng.Int32(), rng.Int32()})
		}
		if n > 0 {
			keys, vals = append(keys, keys[0]), append(vals, [2]int32{7, 7}) // a second value for the first key: not kept
		}
		tab, err := NewFixed(keys, vals, none)
		if err != nil {
			t.Fatalf("%d keys: %v", n, err)
		}
		for i, k := range keys[:n] {
			if got := tab.Get(k); got != vals[i] {
				t.Fatalf("%d keys: Get(%#x) = %v, want %v", n, k, got, vals[i])
			}
		}
		for range 1000 {
			if k := rng.Uint64(); !seen[k] {
				if got := tab.Get(k); got != none {
					t.Fatalf("%d keys: Get(%#x), never stored, = %v", n, k, got)
				}
			}
		}
		if got := tab.Get(0); got != none {
			t.Fatalf("%d keys: Get(0), never stored, = %v", n, got)
		}
	}
	var empty Fixed[uint64, [2]int32]
	if got := empty.Get(1); got != [2]int32{} {
		t.Fatal("the empty table finds a key")
	}
}
