package rules

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"

	"politely/internal/learn"
	"politely/internal/text"
)

// defaultImage is the default pack and its image.
func defaultImage(t testing.TB) (*Pack, []byte) {
	t.Helper()
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	img := p.Image()
	if len(img) < imageHeader {
		t.Fatalf("the default pack's image is %d bytes", len(img))
	}
	return p, img
}

// The index read back from an image is the index built, to the last field:
// nothing the scan reads is left out of the image or read back otherwise.
func TestImage(t *testing.T) {
	p, img := defaultImage(t)
	q, stale, err := Restore(img)
	if err != nil || stale != nil {
		t.Fatalf("Restore(image) = %v, %v", stale, err)
	}
	if !reflect.DeepEqual(q.m, p.m) {
		t.Fatal("the index read from the image differs from the one built")
	}
	if again := q.Image(); string(again) != string(img) {
		t.Fatal("a restored pack's image differs from the image it was restored from")
	}
	var s1, s2 Scanner
	for _, m := range []string{"Hi, could you refer me? I attached my resume.", "We help companies like yours cut costs by 40%. Grab a slot on my calendly.", "不是推销，想请您内推"} {
		f := text.Fold(m)
		if a, b := s1.Scan(p, f), s2.Scan(q, f); !reflect.DeepEqual(a, b) {
			t.Fatalf("Scan(%q): built %v, restored %v", m, a, b)
		}
	}
}

// digest is the digest of the embedded pack's files.
func digest(t testing.TB) uint64 {
	files, err := embeddedFiles()
	if err != nil {
		t.Fatal(err)
	}
	return digestOf(files)
}

// resign gives a changed image the checksum of its new body, so that what
// is tested is the check behind the checksum.
func resign(img []byte) []byte {
	binary.LittleEndian.PutUint64(img[24:], uint64(crc32.ChecksumIEEE(img[imageHeader:])))
	return img
}

// An image that does not fit is not used, and says why; the pack is built
// as without one.
func TestRestoreStale(t *testing.T) {
	p, img := defaultImage(t)
	clone := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), img...)) }
	for _, c := range []struct {
		name string
		img  []byte
		want string
	}{
		{"none", nil, "no image given"},
		{"empty", []byte{}, "not an image"},
		{"short", img[:imageHeader-1], "not an image"},
		{"magic", clone(func(b []byte) []byte { b[0]++; return b }), "not an image"},
		{"format", clone(func(b []byte) []byte { b[8]++; return b }), "format 3, this build reads 2"},
		{"pack", clone(func(b []byte) []byte { b[16]++; return b }), "another rule pack"},
		{"flipped", clone(func(b []byte) []byte { b[len(b)/2] ^= 4; return b }), "checksum"},
		{"cut", resign(clone(func(b []byte) []byte { return b[:len(b)-9] })), "the image is damaged"},
		{"longer", resign(clone(func(b []byte) []byte { return append(b, 0) })), "left over"},
		{"edge", resign(clone(func(b []byte) []byte { return b })), ""},
	} {
		q, stale, err := Restore(c.img)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.want == "" {
			if stale != nil {
				t.Fatalf("%s: the image was not used: %v", c.name, stale)
			}
		} else if stale == nil || !strings.Contains(stale.Error(), c.want) {
			t.Fatalf("%s: stale = %v, want %q", c.name, stale, c.want)
		}
		if !reflect.DeepEqual(q.m, p.m) {
			t.Fatalf("%s: the pack differs from the default", c.name)
		}
	}
}

// A damaged image whose checksum still matches is refused by what it
// holds: a number the scan would follow out of its tables.
func TestRestoreChecks(t *testing.T) {
	p, _ := defaultImage(t)
	for _, c := range []struct {
		name   string
		change func(m *matcher)
	}{
		{"edge to no node", func(m *matcher) {
			for i, s := range m.edges.slots {
				if s != 0 {
					m.edges.slots[i] = s | childMask
					return
				}
			}
		}},
		{"edge count", func(m *matcher) { m.edges.n++ }},
		{"nodes", func(m *matcher) { m.nodes-- }},
		{"node order", func(m *matcher) { m.node[5], m.node[6] = m.node[6]+1, m.node[5] }},
		{"rule", func(m *matcher) { m.outs[0].rule = int32(len(p.rules)) }},
		{"pair", func(m *matcher) { m.outs[0].pair = int32(m.pairs + 1) }},
		{"prefix rule", func(m *matcher) { m.rootPres[0].t.rule = -4 }},
		{"prefix list", func(m *matcher) {
			for i, s := range m.roots.slots {
				if s.key != 0 {
					m.roots.slots[i].b = int32(len(m.rootPres) + 1)
					return
				}
			}
		}},
		{"full table", func(m *matcher) { m.roots.slots = m.roots.slots[:1] }},
		{"model word", func(m *matcher) { m.lex[1] = int32(len(p.model.Lexicon())) }},
		{"model words", func(m *matcher) { m.lex = m.lex[:5] }},
	} {
		// A copy of the index, changed, written as an image of the pack.
		q, _, _ := Restore(p.Image())
		c.change(q.m)
		img := q.Image()
		if _, err := readIndex(img, digest(t), p); !errors.Is(err, learn.ErrImage) {
			t.Fatalf("%s: readIndex = %v, want a damaged image", c.name, err)
		}
	}
}

// Only the embedded pack has an image: a merge or another model is a
// different index.
func TestImageOnlyDefault(t *testing.T) {
	p, _ := defaultImage(t)
	user, err := Compile("user.json", []byte(`{"phrases": [{"id": "x.y", "label": "selling", "weight": 1, "phrases": ["zebra stripes"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	merged, err := p.Merge(user)
	if err != nil {
		t.Fatal(err)
	}
	rulesOnly, err := p.WithModel(nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]*Pack{"user": user, "merged": merged, "rules only": rulesOnly} {
		if img := q.Image(); img != nil {
			t.Fatalf("%s: an image of %d bytes", name, len(img))
		}
	}
}

// Whatever the bytes of an image's index, with a checksum that matches
// them, reading it never panics, and an index it accepts scans without
// panicking. (Only the index is read for each input, not the whole pack as
// Restore compiles it, so that the fuzzer tries many inputs a second;
// TestRestoreStale covers Restore's own handling of a refused image.)
func FuzzRestore(f *testing.F) {
	p, img := defaultImage(f)
	want := digest(f)
	f.Add(uint32(40), byte(1), uint32(0), byte(0))
	f.Add(uint32(len(img)-3), byte(0xff), uint32(100), byte(7))
	f.Fuzz(func(t *testing.T, at1 uint32, x1 byte, at2 uint32, x2 byte) {
		b := append([]byte(nil), img...)
		body := b[imageHeader:]
		body[int(at1)%len(body)] ^= x1
		body[int(at2)%len(body)] ^= x2
		m, err := readIndex(resign(b), want, p)
		if err != nil {
			if !errors.Is(err, learn.ErrImage) {
				t.Fatalf("a damaged index refused with %v", err)
			}
			return
		}
		q := &Pack{labels: p.labels, rules: p.rules, policy: p.policy, model: p.model, m: m}
		var s Scanner
		for _, msg := range []string{"Hi, could you refer me? I attached my resume.", "We help companies like yours cut costs by 40%.", "不是推销，想请您内推", "not interested in a 15-minute call ~ sales"} {
			s.Scan(q, text.Fold(msg))
		}
	})
}
