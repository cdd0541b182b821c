package learn

// Filter is a set of hashed 64-bit keys in 2^k bits: a cheap and almost
// always right "no" before a look-up in a much larger table. The lexicon
// keeps one of the pairs of words its model weighs; the phrase index one
// of the pairs that begin its phrases and one of its deeper edges. A key
// that is in no table is, most times, not in the filter either, and costs
// no probe. Has never reports false for a key that was added. The zero
// value is not a filter: make one with NewFilter.
type Filter struct {
	bits  []uint64
	shift uint // 64 - k
}

// filterBits is the size of NewFilter's filters: 2^17 bits, 16 KB, which
// stays in the CPU's first cache.
const filterBits = 17

// NewFilter returns an empty filter of 2^17 bits.
func NewFilter() Filter { return NewFilterOf(filterBits) }

// NewFilterOf returns an empty filter of 2^k bits (6 ≤ k ≤ 40).
func NewFilterOf(k uint) Filter {
	k = min(max(k, 6), 40)
	return Filter{bits: make([]uint64, 1<<k/64), shift: 64 - k}
}

// spot is the bit of key k: one multiplication spreads it (Fibonacci
// hashing), the top bits are its place. The shift is below 64, and saying
// so spares the compiler's test for a larger one.
func (f Filter) spot(k uint64) uint64 { return k * 0x9E3779B97F4A7C15 >> (f.shift & 63) }

// Add puts key k in the filter.
func (f Filter) Add(k uint64) {
	b := f.spot(k)
	f.bits[b>>6] |= 1 << (b & 63)
}

// Has reports whether key k may be in the filter (false: it is not).
func (f Filter) Has(k uint64) bool {
	b := f.spot(k)
	return f.bits[b>>6]&(1<<(b&63)) != 0
}
