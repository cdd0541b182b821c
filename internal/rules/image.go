package rules

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/crc64"
	"math/bits"

	"politely/internal/learn"
)

// An image is the embedded pack's phrase index as built, in bytes: a host
// that keeps one starts again by reading the index back (Restore) rather
// than building it, which is most of compiling the pack. Chrome stops the
// extension's service worker whenever it is idle, and each restart compiled
// the pack inside WebAssembly while the user waited; the extension now keeps
// the image in its own storage. The rest of the pack (labels, rules, the
// model, the texts) is compiled as always: it is the smaller part.
//
// Layout: a header of four little-endian words (magic, format, the digest of
// the pack files it was built from, the CRC-32 of the body), then the body
// (learn.Enc). An image fits only the pack and the build that wrote it: the
// digest ties it to the pack, the format to how the index is laid out, and a
// host keys what it keeps by its build besides (the extension by a digest of
// app.wasm), since a change to how the index is built need not change either.
const (
	imageMagic  = 0x0a6567616d69796c // "lyimage\n": politely's image
	imageFormat = 2
	imageHeader = 32
)

// Image returns the pack's phrase index as bytes for Restore, or nil for a
// pack that is not the embedded one (a user's pack, a merge, another
// model): only the embedded pack can be restored.
func (p *Pack) Image() []byte {
	if !p.embedded {
		return nil
	}
	// The digest is taken here and in Restore, not by every compile of the
	// pack: only a host that keeps an image needs it.
	files, err := embeddedFiles()
	if err != nil {
		return nil
	}
	var e learn.Enc
	m := p.m
	e.Strings(m.names)
	e.U64(uint64(m.nodes))
	e.U64(uint64(m.pairs))
	e.Fixed(&m.short)
	e.Fixed(&m.long)
	e.U64(m.edges.mask)
	e.U64(uint64(m.edges.n))
	e.U64s(m.edges.slots)
	e.Filter(m.starts)
	e.Filter(m.deep)
	e.I32s(m.node)
	putTable(&e, &m.preAt)
	putTargets(&e, m.outs)
	putPrefixes(&e, m.pres)
	putTable(&e, &m.roots)
	putPrefixes(&e, m.rootPres)
	e.U64s(m.pre3[:])
	e.I32s(m.lex)
	body := e.Bytes()
	out := make([]byte, imageHeader, imageHeader+len(body))
	binary.LittleEndian.PutUint64(out, imageMagic)
	binary.LittleEndian.PutUint64(out[8:], imageFormat)
	binary.LittleEndian.PutUint64(out[16:], digestOf(files))
	binary.LittleEndian.PutUint64(out[24:], uint64(crc32.ChecksumIEEE(body)))
	return append(out, body...)
}

// ErrNoImage is why Restore built the index when it was given no image.
var ErrNoImage = errors.New("no image given")

// Restore compiles the embedded pack as Default does, reading its phrase
// index from img, an Image of the same pack, instead of building it. An
// image that is empty, damaged, or written by another pack or format is not
// used: Restore then builds the index as Default does and says why in stale
// (nil when the image was used). The pack is the same either way; err is
// only Default's. It never panics.
func Restore(img []byte) (p *Pack, stale, err error) {
	files, err := embeddedFiles()
	if err != nil {
		return nil, nil, err
	}
	d, err := embedded(files)
	if err != nil {
		return nil, nil, err
	}
	d.stale = ErrNoImage
	if img != nil {
		d.image, d.digest = img, digestOf(files)
	}
	p, err = d.compile()
	if err != nil {
		return nil, nil, err
	}
	return p, d.stale, nil
}

// readIndex reads the phrase index of p from img, or says why it cannot.
// Beyond the checksum it checks every number the scan follows (node, word,
// phrase and rule), so that no image, however made, can send a scan out of
// its tables.
func readIndex(img []byte, digest uint64, p *Pack) (*matcher, error) {
	if len(img) < imageHeader || binary.LittleEndian.Uint64(img) != imageMagic {
		return nil, fmt.Errorf("%w: not an image", learn.ErrImage)
	}
	if f := binary.LittleEndian.Uint64(img[8:]); f != imageFormat {
		return nil, fmt.Errorf("the image is of format %d, this build reads %d", f, imageFormat)
	}
	if binary.LittleEndian.Uint64(img[16:]) != digest {
		return nil, errors.New("the image was made from another rule pack")
	}
	body := img[imageHeader:]
	if binary.LittleEndian.Uint64(img[24:]) != uint64(crc32.ChecksumIEEE(body)) {
		return nil, fmt.Errorf("%w: its checksum does not match", learn.ErrImage)
	}
	d := learn.NewDec(body)
	m := &matcher{}
	m.names = d.Strings()
	m.nodes = int32(d.U64())
	m.pairs = int(d.U64())
	m.short = d.Fixed()
	m.long = d.Fixed()
	m.edges.mask = d.U64()
	m.edges.n = int(d.U64())
	m.edges.slots = d.U64s()
	m.starts = d.Filter()
	m.deep = d.Filter()
	m.node = d.I32s()
	m.preAt = getTable(d)
	m.outs = getTargets(d)
	m.pres = getPrefixes(d)
	m.roots = getTable(d)
	m.rootPres = getPrefixes(d)
	if pre3 := d.U64s(); len(pre3) == len(m.pre3) {
		copy(m.pre3[:], pre3)
	} else {
		d.Fail("the prefix filter is of the wrong size")
	}
	m.lex = d.I32s()
	if err := d.Done(); err != nil {
		return nil, err
	}
	if err := m.check(p); err != nil {
		return nil, fmt.Errorf("%w: %v", learn.ErrImage, err)
	}
	return m, nil
}

// check tells whether every number a scan of m follows stays in m's tables
// and p's rules.
func (m *matcher) check(p *Pack) error {
	// Every pair has a phrase on each side; the scan keeps a slot a pair.
	if m.nodes < 2 || m.nodes >= 1<<nodeBits || len(m.names) >= 1<<idBits || m.pairs < 0 || m.pairs > len(m.outs)+len(m.pres)+len(m.rootPres) {
		return errors.New("impossible sizes")
	}
	if len(m.node) != int(m.nodes)+1 || m.node[0] != 0 || int(m.node[m.nodes]) != len(m.outs) {
		return errors.New("the nodes' phrases do not add up")
	}
	for i := 1; i < len(m.node); i++ {
		if m.node[i] < m.node[i-1] {
			return errors.New("the nodes' phrases are out of order")
		}
	}
	node := func(n int64) bool { return n >= 0 && n < int64(m.nodes) }
	if e := m.edges; len(e.slots) == 0 || bits.OnesCount(uint(len(e.slots))) != 1 || e.mask != uint64(len(e.slots)-1) || e.n < 0 || e.n >= len(e.slots) {
		return errors.New("an impossible edge table")
	}
	n := 0
	for _, s := range m.edges.slots {
		if s != 0 {
			n++
			if !node(int64(s & childMask)) {
				return errors.New("an edge to no node")
			}
		}
	}
	if n != m.edges.n {
		return errors.New("the edges do not add up")
	}
	ok := true
	word := func(v uint64) {
		id, root := unpack(v)
		ok = ok && id >= 0 && int(id) <= len(m.names) && node(int64(root&rootMask))
	}
	m.short.Slots(word)
	m.long.Slots(word)
	if !ok {
		return errors.New("a word out of range")
	}
	for _, t := range []struct {
		t    *table
		list int
	}{{&m.preAt, len(m.pres)}, {&m.roots, len(m.rootPres)}} {
		if len(t.t.slots) > 0 && bits.OnesCount(uint(len(t.t.slots))) != 1 {
			return errors.New("an impossible table")
		}
		keys := 0
		for _, s := range t.t.slots {
			if s.key != 0 {
				keys++
				if s.a < 0 || s.a > s.b || int(s.b) > t.list {
					return errors.New("a list of prefix phrases out of range")
				}
			}
		}
		// A probe stops at an empty slot: there must be one.
		if keys != t.t.n || len(t.t.slots) > 0 && keys >= len(t.t.slots) {
			return errors.New("a table that does not add up")
		}
	}
	target := func(t target) bool {
		return t.rule >= -3 && int(t.rule) < len(p.rules) && t.pair >= 0 && int(t.pair) <= m.pairs && t.side >= 0 && t.side <= 2
	}
	for _, t := range m.outs {
		ok = ok && target(t)
	}
	for _, ps := range [][]prefixTarget{m.pres, m.rootPres} {
		for _, pt := range ps {
			ok = ok && target(pt.t)
		}
	}
	if !ok {
		return errors.New("a phrase of no rule")
	}
	if m.lex != nil || p.model != nil {
		lexicon := 0
		if p.model != nil {
			lexicon = len(p.model.Lexicon())
		}
		if len(m.lex) != len(m.names)+1 {
			return errors.New("the model's words do not match the index")
		}
		for _, l := range m.lex {
			if l < -1 || int(l) >= lexicon {
				return errors.New("a word of no model")
			}
		}
	}
	return nil
}

// putTable and getTable write and read a table: its count, then each slot
// as its key and its two values in one word.
func putTable(e *learn.Enc, t *table) {
	e.U64(uint64(t.n))
	vs := make([]uint64, 0, 2*len(t.slots))
	for _, s := range t.slots {
		vs = append(vs, s.key, uint64(uint32(s.a))|uint64(uint32(s.b))<<32)
	}
	e.U64s(vs)
}

func getTable(d *learn.Dec) table {
	n := int(d.U64())
	vs := d.U64s()
	if len(vs)%2 != 0 {
		d.Fail("a table of half slots")
		return table{}
	}
	if len(vs) == 0 {
		return table{n: n}
	}
	t := table{slots: make([]slot, len(vs)/2), n: n}
	for i := range t.slots {
		t.slots[i] = slot{vs[2*i], int32(uint32(vs[2*i+1])), int32(vs[2*i+1] >> 32)}
	}
	return t
}

// A target is three numbers: its rule, its pair, and its side with its
// flags above it.
func putTargets(e *learn.Enc, ts []target) {
	vs := make([]int32, 0, 3*len(ts))
	for _, t := range ts {
		vs = append(vs, t.rule, t.pair, targetFlags(t))
	}
	e.I32s(vs)
}

func targetFlags(t target) int32 {
	f := int32(uint8(t.side))
	for i, b := range []bool{t.prefix, t.neg, t.ask} {
		if b {
			f |= 1 << (8 + i)
		}
	}
	return f
}

func asTarget(rule, pair, f int32) target {
	return target{rule: rule, pair: pair, side: int8(f), prefix: f&(1<<8) != 0, neg: f&(1<<9) != 0, ask: f&(1<<10) != 0}
}

func getTargets(d *learn.Dec) []target {
	vs := d.I32s()
	if len(vs)%3 != 0 {
		d.Fail("a list of phrases cut short")
		return nil
	}
	ts := make([]target, len(vs)/3)
	for i := range ts {
		ts[i] = asTarget(vs[3*i], vs[3*i+1], vs[3*i+2])
	}
	return ts
}

func putPrefixes(e *learn.Enc, ps []prefixTarget) {
	ss := make([]string, len(ps))
	ts := make([]target, len(ps))
	for i, p := range ps {
		ss[i], ts[i] = p.prefix, p.t
	}
	e.Strings(ss)
	putTargets(e, ts)
}

func getPrefixes(d *learn.Dec) []prefixTarget {
	ss, ts := d.Strings(), getTargets(d)
	if len(ss) != len(ts) {
		d.Fail("prefix phrases without their rules")
		return nil
	}
	if len(ss) == 0 {
		return nil
	}
	ps := make([]prefixTarget, len(ss))
	for i := range ps {
		ps[i] = prefixTarget{ss[i], ts[i]}
	}
	return ps
}

// digestOf is the digest an image names its pack by: a CRC-64 of the pack
// files' names and bytes.
func digestOf(files []packFile) uint64 {
	h := crc64.New(crc64.MakeTable(crc64.ECMA))
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.name, len(f.data))
		h.Write(f.data)
	}
	return h.Sum64()
}
