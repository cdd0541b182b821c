package learn

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// words is the bytes of little-endian words, as an Enc writes them.
func words(ws ...uint64) []byte {
	var b []byte
	for _, w := range ws {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return b
}

// A Dec refuses bytes no Enc wrote with ErrImage and what is wrong, without
// allocating what a length claims before the bytes are there.
func TestDecRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
		read func(d *Dec)
		want string
	}{
		{"nothing", nil, func(d *Dec) { d.U64() }, "cut short"},
		{"a short word", []byte{1, 2, 3}, func(d *Dec) { d.U64() }, "cut short"},
		{"a huge list", words(1 << 60), func(d *Dec) { d.U64s() }, "longer than the bytes left"},
		{"a list past the end", words(3, 1, 2), func(d *Dec) { d.U64s() }, "longer than the bytes left"},
		{"huge strings", words(1, 1<<62), func(d *Dec) { d.Strings() }, "cut short"},
		{"left over", words(1, 2), func(d *Dec) { d.U64() }, "left over"},
		{"a filter of the wrong size", words(64-7, 1, 0), func(d *Dec) { d.Filter() }, "filter of the wrong size"},
		{"a table of a wrong slot count", append(words(0, 62, 0, 1), append([]byte{0, 0}, words(3, 1, 2, 3, 4, 5, 6)...)...), func(d *Dec) { d.Fixed() }, "impossible layout"},
	} {
		d := NewDec(c.b)
		c.read(d)
		err := d.Done()
		if !errors.Is(err, ErrImage) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// What an Enc writes a Dec reads back, the empty table and lists included,
// whether the lists are copied whole (a little-endian machine) or number
// by number (any other).
func TestEncDec(t *testing.T) {
	defer func(was bool) { nativeLittle = was }(nativeLittle)
	for _, nativeLittle = range []bool{true, false} {
		encDec(t)
	}
}

func encDec(t *testing.T) {
	fx, err := NewFixed([]uint64{3, 9, 27}, []uint64{1, 2, 3}, 0)
	if err != nil {
		t.Fatal(err)
	}
	f := NewFilterOf(8)
	f.Add(42)
	var e Enc
	e.U64(7)
	e.U64s([]uint64{1, 1 << 63})
	e.I32s([]int32{-1, 5})
	e.I32s(nil)
	e.U16s([]uint16{9})
	e.Strings([]string{"", "wörd"})
	e.Fixed(&fx)
	e.Fixed(&Fixed[uint64, uint64]{})
	e.Filter(f)
	d := NewDec(e.Bytes())
	if d.U64() != 7 || d.U64s()[1] != 1<<63 || d.I32s()[0] != -1 || d.I32s() != nil || d.U16s()[0] != 9 || d.Strings()[1] != "wörd" {
		t.Fatalf("a list read back differs (copied whole: %v)", nativeLittle)
	}
	got, empty, g := d.Fixed(), d.Fixed(), d.Filter()
	if err := d.Done(); err != nil {
		t.Fatal(err)
	}
	if got.Get(9) != 2 || got.Get(4) != 0 || empty.Get(9) != 0 || !g.Has(42) {
		t.Fatal("a table read back answers otherwise")
	}
}
