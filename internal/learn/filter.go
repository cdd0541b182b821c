package learn

// Filter is a set of hashed 64-bit keys in 2^17 bits (16 KB, so that it
// stays in the CPU's first cache): a cheap and almost always right "no"
// before a look-up in a much larger table. The phrase index keeps one of
// the pairs of words its phrases hold, the lexicon one of the pairs its
// model weighs; a pair that is in neither table is, nine times in ten, not
// in the filter either, and costs no probe. Has never reports false for a
// key that was added.
type Filter []uint64

// filterBits is the size of a Filter's hash: 2^17 bits.
const filterBits = 17

// NewFilter returns an empty filter.
func NewFilter() Filter { return make(Filter, 1<<filterBits/64) }

// spot is the bit of key k: one multiplication spreads it (Fibonacci
// hashing), the top bits are its place.
func spot(k uint64) uint64 { return k * 0x9E3779B97F4A7C15 >> (64 - filterBits) }

// Add puts key k in the filter.
func (f Filter) Add(k uint64) {
	b := spot(k)
	f[b>>6] |= 1 << (b & 63)
}

// Has reports whether key k may be in the filter (false: it is not).
func (f Filter) Has(k uint64) bool {
	b := spot(k)
	return f[b>>6]&(1<<(b&63)) != 0
}
