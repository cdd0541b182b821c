package learn

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"unsafe"
)

// Enc writes the parts of compiled tables as bytes, little-endian, each
// list after its length: the form of an image of a compiled pack, which a
// host keeps so that a restart reads its tables back instead of building
// them again (rules.Restore). The zero value is ready to use.
type Enc struct{ b []byte }

// Bytes is what was written.
func (e *Enc) Bytes() []byte { return e.b }

// U64 writes one number.
func (e *Enc) U64(v uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, v) }

// U64s writes a list of numbers.
func (e *Enc) U64s(vs []uint64) {
	e.U64(uint64(len(vs)))
	for _, v := range vs {
		e.U64(v)
	}
}

// I32s writes a list of numbers; nil and an empty list read back alike (nil).
func (e *Enc) I32s(vs []int32) {
	e.U64(uint64(len(vs)))
	for _, v := range vs {
		e.b = binary.LittleEndian.AppendUint32(e.b, uint32(v))
	}
}

// U16s writes a list of numbers.
func (e *Enc) U16s(vs []uint16) {
	e.U64(uint64(len(vs)))
	for _, v := range vs {
		e.b = binary.LittleEndian.AppendUint16(e.b, v)
	}
}

// Strings writes a list of strings: their lengths, then their bytes in one
// piece, which Dec reads back as one string that they all share.
func (e *Enc) Strings(ss []string) {
	lens := make([]int32, len(ss))
	n := 0
	for i, s := range ss {
		lens[i] = int32(len(s))
		n += len(s)
	}
	e.I32s(lens)
	e.U64(uint64(n))
	for _, s := range ss {
		e.b = append(e.b, s...)
	}
}

// Fixed writes a table of uint64 keys and values (the phrase index's words).
func (e *Enc) Fixed(t *Fixed[uint64, uint64]) {
	e.U64(t.none)
	e.U64(uint64(t.shift))
	e.U64(t.bmask)
	e.U16s(t.disp)
	e.U64(uint64(len(t.slots)))
	for _, s := range t.slots {
		e.U64(s.key)
		e.U64(s.val)
	}
}

// Filter writes a filter.
func (e *Enc) Filter(f Filter) {
	e.U64(uint64(f.shift))
	e.U64s(f.bits)
}

// ErrImage is the error a Dec reports for bytes that are not what an Enc
// wrote: cut short, or with a length or size no table has.
var ErrImage = errors.New("the image is damaged")

// Dec reads what an Enc wrote, in the same order. The first error sticks:
// every later read returns zeros, and Err says what went wrong. It never
// panics, whatever the bytes; a list's length is checked against the bytes
// left before anything is allocated for it.
type Dec struct {
	b   []byte
	err error
}

// NewDec reads b.
func NewDec(b []byte) *Dec { return &Dec{b: b} }

// Err is the first error met, or nil.
func (d *Dec) Err() error { return d.err }

// Done reports an error unless every byte was read.
func (d *Dec) Done() error {
	if d.err == nil && len(d.b) > 0 {
		d.Fail(fmt.Sprintf("%d bytes left over", len(d.b)))
	}
	return d.err
}

// Fail records that the image is damaged, saying how (the first call wins).
func (d *Dec) Fail(why string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrImage, why)
	}
}

// take returns the next n bytes, or nil once anything failed.
func (d *Dec) take(n uint64) []byte {
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.Fail("cut short")
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

// U64 reads one number.
func (d *Dec) U64() uint64 {
	if b := d.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// count reads a list's length, refusing one whose items, size bytes each,
// would not fit in the bytes left.
func (d *Dec) count(size uint64) int {
	n := d.U64()
	if d.err == nil && n > uint64(len(d.b))/size {
		d.Fail("a list longer than the bytes left")
		return 0
	}
	return int(n)
}

// list reads a list of items of size bytes each (nil when empty). On a
// little-endian machine (WebAssembly, x86-64, ARM64) the bytes are the
// items as they lie in memory and are copied whole: a start reads some
// 300,000 numbers, and a call a number was most of reading the index inside
// WebAssembly. Elsewhere each is made by item from its bytes.
func list[T uint16 | int32 | uint64](d *Dec, size uint64, item func(b []byte) T) []T {
	n := d.count(size)
	b := d.take(size * uint64(n))
	if n == 0 || b == nil {
		return nil
	}
	vs := make([]T, n)
	if nativeLittle {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&vs[0])), len(b)), b)
		return vs
	}
	for i := range vs {
		vs[i] = item(b[size*uint64(i):])
	}
	return vs
}

// nativeLittle is whether this machine keeps numbers little-endian, as an
// image does.
var nativeLittle = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// U64s reads a list of numbers.
func (d *Dec) U64s() []uint64 { return list(d, 8, binary.LittleEndian.Uint64) }

// I32s reads a list of numbers (nil when empty).
func (d *Dec) I32s() []int32 {
	return list(d, 4, func(b []byte) int32 { return int32(binary.LittleEndian.Uint32(b)) })
}

// U16s reads a list of numbers.
func (d *Dec) U16s() []uint16 { return list(d, 2, binary.LittleEndian.Uint16) }

// Strings reads a list of strings. They share one string's bytes: one
// allocation for all of them, where a string each was thousands.
func (d *Dec) Strings() []string {
	lens := d.I32s()
	all := string(d.take(d.U64()))
	if d.err != nil || len(lens) == 0 {
		return nil
	}
	ss := make([]string, len(lens))
	at := 0
	for i, n := range lens {
		if n < 0 || int(n) > len(all)-at {
			d.Fail("strings longer than their bytes")
			return nil
		}
		ss[i] = all[at : at+int(n)]
		at += int(n)
	}
	if at != len(all) {
		d.Fail("bytes left over after the strings")
		return nil
	}
	return ss
}

// Fixed reads a table of uint64 keys and values, checking that its layout
// is one Get can probe: as many slots as the shift says, and a power of two
// of buckets.
func (d *Dec) Fixed() Fixed[uint64, uint64] {
	var t Fixed[uint64, uint64]
	t.none = d.U64()
	shift, bmask := d.U64(), d.U64()
	t.disp = d.U16s()
	n := d.count(16)
	b := d.take(16 * uint64(n))
	if d.err != nil {
		return Fixed[uint64, uint64]{}
	}
	if n == 0 && len(t.disp) == 0 {
		return Fixed[uint64, uint64]{none: t.none} // an empty table
	}
	if shift < 1 || shift > 63 || n != 1<<(64-shift) || bits.OnesCount64(bmask+1) != 1 || uint64(len(t.disp)) != bmask+1 {
		d.Fail("a table of words with an impossible layout")
		return Fixed[uint64, uint64]{}
	}
	t.shift, t.bmask = uint(shift), bmask
	t.slots = make([]fixedSlot[uint64, uint64], n)
	for i := range t.slots {
		t.slots[i] = fixedSlot[uint64, uint64]{binary.LittleEndian.Uint64(b[16*i:]), binary.LittleEndian.Uint64(b[16*i+8:])}
	}
	return t
}

// Slots calls fn with the value of every slot of t, for a reader to check
// the values it got back (an empty slot holds none).
func (t *Fixed[K, V]) Slots(fn func(v V)) {
	for _, s := range t.slots {
		fn(s.val)
	}
}

// Filter reads a filter, checking that its bits are as many as its shift
// says.
func (d *Dec) Filter() Filter {
	shift := d.U64()
	ws := d.U64s()
	if d.err != nil {
		return Filter{}
	}
	if shift < 64-40 || shift > 64-6 || uint64(len(ws)) != 1<<(64-shift)/64 {
		d.Fail("a filter of the wrong size")
		return Filter{}
	}
	return Filter{bits: ws, shift: uint(shift)}
}
