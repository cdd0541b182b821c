package rules

import (
	"math/rand/v2"
	"testing"
)

// A perfect table finds every key it was built with, with its values, and
// nothing else, for tables of every size the packs make (an empty one, a
// user's pack of three words, the default pack's thousands).
func TestPerfect(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 3, 4, 5, 100, 6300, 40000} {
		keys := make([]uint64, 0, n)
		a, b := make([]int32, 0, n), make([]int32, 0, n)
		seen := map[uint64]bool{}
		for len(keys) < n {
			k := rng.Uint64() >> uint(rng.IntN(56)) // short keys too, as short words make
			if k == 0 || seen[k] {
				continue
			}
			seen[k] = true
			keys, a, b = append(keys, k), append(a, rng.Int32()), append(b, rng.Int32())
		}
		p, err := buildPerfect(keys, a, b)
		if err != nil {
			t.Fatalf("%d keys: %v", n, err)
		}
		for i, k := range keys {
			if x, y := p.get(k); x != a[i] || y != b[i] {
				t.Fatalf("%d keys: get(%#x) = %d, %d, want %d, %d", n, k, x, y, a[i], b[i])
			}
		}
		for range 1000 {
			if k := rng.Uint64(); !seen[k] {
				if x, y := p.get(k); x != 0 || y != 0 {
					t.Fatalf("%d keys: get(%#x), never stored, = %d, %d", n, k, x, y)
				}
			}
		}
	}
	var empty perfect
	if x, y := empty.get(1); x != 0 || y != 0 {
		t.Fatal("the empty table finds a key")
	}
}
