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

// getInt answers what Get answers, for every key stored and for keys never
// stored, whatever none is, and for the empty table.
func TestGetInt(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, none := range []int32{-1, -7, 1 << 30} {
		for _, n := range []int{0, 1, 5, 3000} {
			keys, vals := make([]uint32, n), make([]int32, n)
			for i := range keys {
				keys[i], vals[i] = rng.Uint32()|1, rng.Int32()-1<<30
			}
			tab, err := NewFixed(keys, vals, none)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range append(keys, rng.Uint32(), rng.Uint32(), 0) {
				if got, want := getInt(&tab, k), tab.Get(k); got != want {
					t.Fatalf("none %d, %d keys: getInt(%#x) = %d, Get = %d", none, n, k, got, want)
				}
			}
		}
		empty := Fixed[uint64, int32]{none: none}
		if got := getInt(&empty, 1); got != none {
			t.Fatalf("the empty table: %d, want %d", got, none)
		}
	}
}
