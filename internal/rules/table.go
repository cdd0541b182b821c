package rules

import "politely/internal/learn"

// table is an open-addressing hash table from uint64 keys to two int32
// values, made for the phrase index: built once, then read for every word of
// every message. A key and its values share one 16-byte slot, so a probe
// touches one cache line; that matters more here than anything a Go map
// could save. The zero value is an empty table; key 0 cannot be stored.
type table struct {
	slots []slot
	n     int
}

type slot struct {
	key  uint64
	a, b int32
}

// get returns the values stored for k, or zeros.
func (t *table) get(k uint64) (a, b int32) {
	if len(t.slots) == 0 {
		return 0, 0
	}
	mask := uint64(len(t.slots) - 1)
	for i := learn.Spread(k) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		switch s.key {
		case k:
			return s.a, s.b
		case 0:
			return 0, 0
		}
	}
}

// put stores a and b for k, growing the table to stay at most half full.
func (t *table) put(k uint64, a, b int32) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := learn.Spread(k) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		switch s.key {
		case k:
			s.a, s.b = a, b
			return
		case 0:
			*s = slot{k, a, b}
			t.n++
			return
		}
	}
}

func (t *table) grow() {
	old := t.slots
	t.slots, t.n = make([]slot, max(64, 2*len(old))), 0
	for _, s := range old {
		if s.key != 0 {
			t.put(s.key, s.a, s.b)
		}
	}
}

// Bits of a node and of a word id in an edge slot, and of the flags it
// holds on the child.
const (
	nodeBits = 21
	idBits   = 19
	flagBits = 3
)

// Flags an edge holds on its child, above the child's bits, so that a scan
// walking the trie reads a node's phrases only where some end there and
// asks for the next word only where some go on (the root's words hold the
// same in their word table: rootOuts and the rest).
const (
	edgeOuts = 1 << nodeBits << iota // phrases end at the child
	edgePres                         // prefix phrases continue from it
	edgeKids                         // it has children
)

// edges maps a trie node and a word id to the child node and its flags,
// all packed in one 8-byte slot (parent node, word id, flags, child node),
// so that the table a scan probes for almost every word stays small enough
// for the CPU's cache. freeze refuses a pack too large for the packing.
type edges struct {
	slots []uint64
	mask  uint64 // len(slots) - 1
	n     int
}

const (
	childMask = 1<<nodeBits - 1
	valBits   = nodeBits + flagBits // a slot's child and flags
)

// get returns the child of node along word id with its flags (edgeOuts and
// the rest; its node: & childMask), or 0. It is small enough to be inlined
// into the scan, which calls it for most words.
func (e *edges) get(node, id int32) int32 {
	k := edgeKey(node, id)
	for i := learn.Spread(k) & e.mask; ; i = (i + 1) & e.mask {
		s := e.slots[i]
		if s>>valBits == k {
			return int32(s & (1<<valBits - 1))
		}
		if s == 0 {
			return 0
		}
	}
}

// size gives an empty table room for n edges before it grows (and slots,
// so that get needs no check).
func (e *edges) size(n int) {
	k := 64
	for 5*k < 8*n {
		k *= 2
	}
	e.slots, e.mask, e.n = make([]uint64, k), uint64(k-1), 0
}

// each calls fn with every edge: node, word id, child.
func (e *edges) each(fn func(node, id, child int32)) {
	for _, s := range e.slots {
		if s != 0 {
			fn(int32(s>>(valBits+idBits)), int32(s>>valBits&(1<<idBits-1)), int32(s&childMask))
		}
	}
}

// flag sets the flags of every edge, as flags gives them for its child.
func (e *edges) flag(flags func(child int32) int32) {
	for i, s := range e.slots {
		if s != 0 {
			c := s & childMask
			e.slots[i] = s>>valBits<<valBits | uint64(flags(int32(c))) | c
		}
	}
}

// put stores child under node and id, its flags none, growing the table to
// stay at most 5/8 full (a miss then reads about one cache line).
func (e *edges) put(node, id, child int32) {
	if 8*(e.n+1) > 5*len(e.slots) {
		// Room for one more: twice the slots (64 at first), every edge
		// put again.
		old := *e
		e.size(e.n + 1)
		old.each(e.put)
	}
	k := edgeKey(node, id)
	mask := uint64(len(e.slots) - 1)
	for i := learn.Spread(k) & mask; ; i = (i + 1) & mask {
		if s := e.slots[i]; s == 0 || s>>valBits == k {
			if s == 0 {
				e.n++
			}
			e.slots[i] = k<<valBits | uint64(child)
			return
		}
	}
}

// edgeKey is the key of the edge from node along word id.
func edgeKey(node, id int32) uint64 { return uint64(node)<<idBits | uint64(id) }
