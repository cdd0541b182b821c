package rules

// table is an open-addressing hash table from uint64 keys to int32 values,
// made for the phrase index: built once, then read for every word of every
// message. Keys are hashed by the caller (FNV-1a for words) or mixed here;
// it is several times cheaper per lookup than a Go map on this hot path.
// The zero value is an empty table; key 0 cannot be stored.
type table struct {
	keys []uint64
	vals []int32
	n    int
}

// mix spreads the bits of a key whose low bits may be alike.
func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

// get returns the value stored for k, or 0.
func (t *table) get(k uint64) int32 {
	if len(t.keys) == 0 {
		return 0
	}
	mask := uint64(len(t.keys) - 1)
	for i := mix(k) & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

// put stores v for k, growing the table to stay at most half full.
func (t *table) put(k uint64, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	for i := mix(k) & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			t.vals[i] = v
			return
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.n++
			return
		}
	}
}

func (t *table) grow() {
	old, oldVals := t.keys, t.vals
	size := 2 * len(old)
	if size < 64 {
		size = 64
	}
	t.keys, t.vals, t.n = make([]uint64, size), make([]int32, size), 0
	for i, k := range old {
		if k != 0 {
			t.put(k, oldVals[i])
		}
	}
}
