package learn

import (
	"bytes"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"politely/internal/text"
)

// features lists the names Visit and Cues give for s.
func features(cfg Config, s string) []string {
	f := text.Fold(s)
	var out []string
	// A negation is "not" just before; enough to test the kind.
	negated := func(first int) bool {
		w := f.List()
		return first >= 1 && f.Norm[w[first-1].Start:w[first-1].End] == "not"
	}
	cfg.Visit(s, f, negated, func(kind byte, at, end, _, _ int) { out = append(out, Name(kind, f.Norm[at:end])) })
	Cues(s, f, func(name string) { out = append(out, Name(KindCue, name)) })
	return out
}

func TestFeatures(t *testing.T) {
	cfg := Config{Words: 3, Prefixes: []int{5}, Suffixes: []int{4}}
	for _, c := range []struct {
		text string
		cfg  Config
		want []string // each must be among the features
		not  []string // none may be
	}{
		{"Can I pick your brain?", cfg, []string{"w:pick your brain", "w:pick your", "w:brain", "s:question", "s:len<15"}, []string{"w:can i pick your"}},
		{"We help companies like yours grow.", cfg, []string{"w:we help", "w:companies like yours", "p:compa", "x:nies", "s:no-question", "s:we>i"}, nil},
		{"I am looking for my next role; my CV is attached.", cfg, []string{"s:i>we", "w:next role"}, []string{"s:we>i"}},
		{"我们公司专注于物流，我司价格优惠。", cfg, []string{"s:we>i"}, []string{"s:i>we"}}, // 我们 and 我司 are we
		{"我想请教我们的事，我很期待", cfg, []string{"s:i>we"}, []string{"s:we>i"}},     // two I, one we
		{"我想请教我们的事", cfg, nil, []string{"s:i>we", "s:we>i"}},               // one each
		{"Book a slot: https://calendly.com/x/15min", cfg, []string{"s:link", "s:booking"}, nil},
		{"Hi Anna, quick one. Are you hiring? Or are you not?", cfg, []string{"s:greet-name", "s:questions"}, nil},
		{"hi there, great to meet you", cfg, nil, []string{"s:greet-name"}},
		{"Earn $5,000 a week!! From your phone!", cfg, []string{"s:money", "s:exclaim", "w:$ #"}, []string{"w:#"}},
		{"你好，我在找工作，可以帮我内推吗？", cfg, []string{"s:han", "w:内 推", "w:帮 我 内", "s:question"}, nil},
		{"Investitionen", Config{CharMin: 3, CharMax: 4}, []string{"c:inv", "c:nves", "c:nen"}, []string{"c:in"}},
		{"investments investing", Config{Prefixes: []int{5}}, []string{"p:inves"}, []string{"w:investments"}},
		{"Great to meet Dana and the Acme team. Next week works.", cfg, []string{"w:great to", "w:team", "w:next week"}, []string{"w:dana", "w:acme", "w:acme team", "w:meet dana"}},
		{"Ich habe Ihr Profil gesehen und würde mich über einen Austausch freuen.", cfg, []string{"w:profil", "w:ihr profil"}, nil},
		{"We do not offer a free trial", cfg, []string{"n:offer", "n:offer a", "n:offer a free", "w:free trial", "w:we do not"}, []string{"w:offer a", "w:offer"}},
	} {
		got := features(c.cfg, c.text)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no feature %q in %q", c.text, w, got)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("%q: feature %q should not be there", c.text, w)
			}
		}
	}
}

// TestHashByName: a feature read from a model file by name finds the same
// feature found in a text.
func TestHashByName(t *testing.T) {
	msg := "Would love to pick your brain about kubernetes-native platforms"
	f := text.Fold(msg)
	cfg := Config{Words: 3, Prefixes: []int{5}, Suffixes: []int{4}, CharMin: 3, CharMax: 5}
	n := 0
	cfg.Visit(msg, f, nil, func(kind byte, at, end, _, _ int) {
		s := f.Norm[at:end]
		k, str, ok := ParseName(Name(kind, s))
		if !ok || k != kind || str != s || Hash(k, str) != hashIn(kind, f.Norm, at, end) {
			t.Fatalf("%s does not round-trip", Name(kind, s))
		}
		n++
	})
	if n < 30 {
		t.Fatalf("only %d features", n)
	}
}

const goodModel = `{"version": 2, "features": {"words": 2, "prefixes": [], "suffixes": [], "chars": [0, 0]},
 "weight_unit": 0.001, "rule_gain": 3,
 "labels": [{"id": "selling", "bias": -2, "threshold": 0.5, "weights": [0, 3000, 2, 500]}],
 "names": ["w:we help", "w:hello", "r:selling.we-help"]}`

func TestScore(t *testing.T) {
	m, err := Parse(gjson.Parse(goodModel))
	if err != nil {
		t.Fatal(err)
	}
	var s Scorer
	for _, c := range []struct {
		text string
		rule bool
		z    float64
	}{
		{"hello there", false, -2},
		{"we help teams; we help you", false, 1}, // a feature counts once
		{"we help teams", true, 1.5},
	} {
		m.Start(&s)
		m.Text(&s, c.text, text.Fold(c.text), nil, nil)
		if c.rule {
			m.Add(&s, int32(m.Feature("r:selling.we-help")), -1, -1)
		}
		if s.LogOdds(0) != c.z {
			t.Errorf("%q: log-odds %v, want %v", c.text, s.LogOdds(0), c.z)
		}
	}
}

// TestScoreVisit: a model of a config the lexicon does not cover (word
// 3-grams here) is scored through Visit, and scores the same way.
func TestScoreVisit(t *testing.T) {
	model := strings.NewReplacer(`"words": 2`, `"words": 3`, `"w:hello"`, `"w:pick your brain"`, `[0, 3000, 2, 500]`, `[0, 3000, 1, 500]`).Replace(goodModel)
	m, err := Parse(gjson.Parse(model))
	if err != nil {
		t.Fatal(err)
	}
	if m.lex != nil {
		t.Fatal("a lexicon for word 3-grams")
	}
	var s Scorer
	for _, c := range []struct {
		text string
		z    float64
	}{
		{"hello there", -2},
		{"can I pick your brain?", -1.5},
		{"we help teams; can I pick your brain", 1.5},
	} {
		m.Start(&s)
		m.Text(&s, c.text, text.Fold(c.text), nil, nil)
		if s.LogOdds(0) != c.z {
			t.Errorf("%q: log-odds %v, want %v", c.text, s.LogOdds(0), c.z)
		}
	}
}

// TestRefused: a broken, truncated or mismatched model is refused with what
// is wrong.
func TestRefused(t *testing.T) {
	for _, c := range []struct{ model, want string }{
		{`[]`, "must be an object"},
		{strings.Replace(goodModel, `"version": 2`, `"version": 9`, 1), "model version 9"},
		{strings.Replace(goodModel, `"version": 2`, `"version": 1`, 1), "model version 1"},
		{strings.Replace(goodModel, `[0, 3000, 2, 500]`, `[2, 3000, 0, 500]`, 1), "weights[2] is a gap of 0: features must ascend"},
		{strings.Replace(goodModel, `[0, 3000, 2, 500]`, `[2, 3000, -2, 500]`, 1), "weights[2] is a gap of -2"},
		{strings.Replace(goodModel, `[0, 3000, 2, 500]`, `[0, 3000, 3, 500]`, 1), "weight for feature 3, but there are 3 features"},
		{strings.Replace(goodModel, `[0, 3000, 2, 500]`, `[0, 3000, 2]`, 1), "odd length"},
		{strings.Replace(goodModel, `[0, 3000, 2, 500]`, `[0, 3000, 7, 500]`, 1), "feature 7, but there are 3"},
		{strings.Replace(goodModel, `"threshold": 0.5`, `"threshold": 1.5`, 1), "not a probability"},
		{strings.Replace(goodModel, `"w:hello"`, `"w:we help"`, 1), "listed twice"},
		{strings.Replace(goodModel, `"w:hello"`, `"hello"`, 1), "not a feature name"},
		{strings.Replace(goodModel, `"w:hello"`, "\"w:hel\xd4\"", 1), "names[1] is not valid UTF-8"},
		{strings.Replace(goodModel, `"id": "selling"`, "\"id\": \"sel\xffling\"", 1), "the id is not valid UTF-8"},
		{strings.Replace(goodModel, `"bias": -2`, `"bias": "x"`, 1), "must be numbers"},
		{strings.Replace(goodModel, `"rule_gain": 3`, `"rule_gain": -1`, 1), "rule_gain"},
		{strings.Replace(goodModel, `"names"`, `"nomen"`, 1), `"names" must be an array`},
		{strings.Replace(goodModel, `"prefixes": []`, `"prefixes": [0]`, 1), `out of range`},
		{strings.Replace(goodModel, `[0, 3000, 2, 500]`, `[0, 33000, 2, 500]`, 1), `weight 33 is out of range`},
	} {
		_, err := Parse(gjson.Parse(c.model))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want an error with %q, got %v", c.want, err)
		}
	}
}

// TestBuildRefused: what Parse cannot catch, because a trainer builds the
// model from its own lists: a label that weighs a feature twice.
func TestBuildRefused(t *testing.T) {
	labels := []Label{{ID: "selling", Bias: -1, Threshold: 0.5}}
	names := []string{"w:we help", "w:hello"}
	_, err := Build(Config{Words: 1}, labels, names, [][]Weight{{{0, 1}, {1, 2}, {0, 3}}}, 3)
	if err == nil || !strings.Contains(err.Error(), "feature w:we help has two weights") {
		t.Errorf("want an error for a feature weighed twice, got %v", err)
	}
	if _, err := Build(Config{Words: 1}, append(labels, Label{ID: "job", Threshold: 0.5}), names, [][]Weight{{{0, 1}}, {{0, 2}}}, 3); err != nil {
		t.Errorf("a feature weighed once for each of two labels: %v", err)
	}
}

func TestBind(t *testing.T) {
	m, err := Parse(gjson.Parse(goodModel))
	if err != nil {
		t.Fatal(err)
	}
	index := func(id string) int {
		if id == "selling" {
			return 4
		}
		return -1
	}
	if _, err := m.Bind([]string{"other.rule"}, index); err == nil || !strings.Contains(err.Error(), `rule "selling.we-help"`) {
		t.Errorf("a model weighing a rule the pack lacks: %v", err)
	}
	if _, err := m.Bind([]string{"selling.we-help"}, func(string) int { return -1 }); err == nil || !strings.Contains(err.Error(), `label "selling"`) {
		t.Errorf("a model scoring a label the pack lacks: %v", err)
	}
	b, err := m.Bind([]string{"x", "selling.we-help"}, index)
	if err != nil {
		t.Fatal(err)
	}
	if b.RuleFeature(1) != 2 || b.RuleFeature(0) != -1 || b.Labels[0].At != 4 || m.Labels[0].At != -1 {
		t.Errorf("bound rules %d %d, label at %d (original %d)", b.RuleFeature(0), b.RuleFeature(1), b.Labels[0].At, m.Labels[0].At)
	}
}

func BenchmarkText(b *testing.B) {
	m, err := Parse(gjson.Parse(goodModel))
	if err != nil {
		b.Fatal(err)
	}
	msg := "Hi Anna, we help companies like yours cut cloud costs by 30%. Worth a 15-minute call next week? https://calendly.com/x"
	f := text.Fold(msg)
	var s Scorer
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		m.Start(&s)
		m.Text(&s, msg, f, nil, nil)
	}
}

// BenchmarkParse reads the committed model, as every host does at start.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../rules/pack/model.json")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(gjson.GetBytes(data, "model")); err != nil {
			b.Fatal(err)
		}
	}
}

// The fast reading of the weights agrees with gjson's, and leaves anything
// but plain integers to it.
func TestIntegers(t *testing.T) {
	for _, c := range []struct {
		raw string
		ok  bool
	}{
		{"[]", true}, {"[0, 3000, 2, -500]", true}, {"[\n 7,\t-1 ]", true},
		{"[0, 1.5]", false}, {"[0, 1e3]", false}, {"[-1, 2]", false}, {`[0, "x"]`, false}, {"[0, [1]]", false},
	} {
		list, n, ok := integers(c.raw, 0.001)
		if ok != c.ok {
			t.Errorf("%s: ok %v, want %v", c.raw, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		all := gjson.Parse(c.raw).Array()
		if n != len(all) {
			t.Errorf("%s: %d numbers, gjson reads %d", c.raw, n, len(all))
		}
		for i, w := range list {
			if w.Feature != int(all[2*i].Int()) || w.Value != all[2*i+1].Float()*0.001 {
				t.Errorf("%s: pair %d is %+v", c.raw, i, w)
			}
		}
	}
	m, err := Parse(gjson.Parse(strings.Replace(goodModel, `[0, 3000, 2, 500]`, `[0, 3000.0, 2, 5e2]`, 1)))
	if err != nil || !weighs(m, 0, 0, 3) || !weighs(m, 2, 0, 0.5) {
		t.Errorf("a model with decimal weights reads as the integer one: %v", err)
	}
}

// FuzzHash: hashing a piece in place is hashing the piece, wherever it lies.
func FuzzHash(f *testing.F) {
	f.Add("  we help companies like yours ", 3, 10)
	f.Add("abc", 0, 3)
	f.Fuzz(func(t *testing.T, s string, i, j int) {
		if i < 0 || j < i || j > len(s) {
			return
		}
		if Hash(KindWord, s[i:j]) != hashIn(KindWord, s, i, j) {
			t.Fatalf("hashIn(%q, %d, %d) differs from Hash(%q)", s, i, j, s[i:j])
		}
	})
}

// FuzzParse: any JSON is a model or an error, never a panic.
func FuzzParse(f *testing.F) {
	f.Add(goodModel)
	f.Add(strings.Replace(goodModel, `[0, 3000, 2, 500]`, `[0, 3000, 99999999999, 5]`, 1))
	f.Add(`{"version": 2, "features": {"words": 9}}`)
	f.Fuzz(func(t *testing.T, data string) {
		m, err := Parse(gjson.Parse(data))
		if err != nil {
			return
		}
		var s Scorer
		m.Start(&s)
		m.Text(&s, "we help companies like yours", text.Fold("we help companies like yours"), nil, nil)
		// What is read can be written, and what is written reads back
		// to the same file.
		first := m.JSON("")
		back, err := Parse(gjson.Get(string(first), "model"))
		if err != nil {
			t.Fatalf("the model written does not read back: %v", err)
		}
		if second := back.JSON(""); string(second) != string(first) {
			t.Fatalf("the model read back writes another file:\n%s\n%s", first, second)
		}
	})
}

// TestReadable: a phrase is shown as evidence only when a word of it is not
// a function word, in every language the replies speak.
func TestReadable(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{"w:pick your brain", true}, {"w:of the", false}, {"w:te", false}, {"w:de la", false},
		{"w:nuestra plataforma", true}, {"w:você", false}, {"w:für sie", false}, {"w:très", false},
		{"w:内 推", true}, {"w:的", false}, {"w:#", false}, {"s:link", false}, {"p:sell", false},
		{"w:best", false}, {"w:best solutions", true}, {"w:viele grüße", false}, {"w:abraços", false},
	} {
		if got := readable([]string{c.name})[0]; got != c.want {
			t.Errorf("readable(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRank: the strongest readable features, heaviest first; of equal
// weights the one of more words, then the one found first; none that weighs
// against the label, and no function word.
func TestRank(t *testing.T) {
	names := []string{"w:min", "w:# min", "w:quick", "w:worth a", "w:call", "w:the", "w:cloud"}
	ws := []Weight{{0, 0.277}, {1, 0.277}, {2, 0.2}, {3, 0.259}, {4, -0.3}, {5, 2}, {6, 0.2}}
	m, err := Build(Config{Words: 2}, []Label{{ID: "selling", Threshold: 0.5}}, names, [][]Weight{ws}, 3)
	if err != nil {
		t.Fatal(err)
	}
	f := text.Fold("worth a quick 15 min call on the cloud")
	var s Scorer
	m.Start(&s)
	m.Text(&s, "worth a quick 15 min call on the cloud", f, nil, nil)
	m.Rank(&s, []bool{true})
	var got []string
	for j, c := range s.Top[0] {
		if s.TopW[0][j] > 0 {
			got = append(got, f.Norm[f.List()[c.First].Start:f.List()[c.Last].End])
		}
	}
	if want := []string{"# min", "min", "worth a"}; !slices.Equal(got, want) {
		t.Errorf("Rank = %q, want %q", got, want)
	}
	// RankLabel files the same for the label asked, after a Rank that
	// left it out.
	top, topW := s.Top[0], s.TopW[0]
	m.Rank(&s, []bool{false})
	if s.TopW[0] != [TopN]float64{} {
		t.Errorf("Rank left %v for a label not wanted", s.TopW[0])
	}
	m.RankLabel(&s, 0)
	if s.Top[0] != top || s.TopW[0] != topW {
		t.Errorf("RankLabel = %v %v, Rank %v %v", s.Top[0], s.TopW[0], top, topW)
	}
}

// weighs reports whether feature f weighs w for label l.
func weighs(m *Model, f, l int, w float64) bool {
	v, known := m.Weight(f, l)
	return known && v == w
}

// TestStep: the file's weight unit is the coarsest step every weight is a
// whole number of, and the file reads back to the same weights.
func TestStep(t *testing.T) {
	names := []string{"w:a", "w:b"}
	for _, c := range []struct {
		a, b float64
		unit string
	}{
		{0.12, -0.3, `"weight_unit": 0.01,`}, {0.12, 0.005, `"weight_unit": 0.005,`},
		{0.002, 0.004, `"weight_unit": 0.002,`}, {0.12, 0.001, `"weight_unit": 0.001,`},
	} {
		m, err := Build(Config{Words: 1}, []Label{{ID: "selling", Threshold: 0.5}}, names, [][]Weight{{{0, c.a}, {1, c.b}}}, 1)
		if err != nil {
			t.Fatal(err)
		}
		data := m.JSON("test")
		if !bytes.Contains(data, []byte(c.unit)) {
			t.Errorf("%v, %v: want %s in\n%s", c.a, c.b, c.unit, data)
		}
		back, err := Parse(gjson.GetBytes(data, "model"))
		if err != nil {
			t.Fatal(err)
		}
		for f := range names {
			if w, _ := back.Weight(f, 0); w != []float64{c.a, c.b}[f] {
				t.Errorf("%v, %v: feature %d reads back as %v", c.a, c.b, f, w)
			}
		}
	}
}

// beats reports whether feature f of weight v ranks before g of weight w,
// as the insertion rank compared them: the heavier, and of equal weights
// the one of more words.
func beats(v int32, f Found, w int32, g Found) bool {
	return v > w || v == w && f.Last-f.First > g.Last-g.First
}

// referenceRank is the insertion rank replaced, kept as TestRankKeys' oracle.
func referenceRank(vs []int32, shown []Found) (t [TopN]Found, tw [TopN]int32) {
	for i, f := range shown {
		v := vs[i]
		if v <= 0 || !beats(v, f, tw[TopN-1], t[TopN-1]) {
			continue
		}
		p := TopN - 1
		for ; p > 0 && beats(v, f, tw[p-1], t[p-1]); p-- {
			t[p], tw[p] = t[p-1], tw[p-1]
		}
		t[p], tw[p] = f, v
	}
	return t, tw
}

// TestRankKeys: the conditional-move rank files the same features as the
// insertion it replaced, ties (equal weights, equal spans) included, for
// weights across their whole range.
func TestRankKeys(t *testing.T) {
	// Fields hold a weight in steps plus keyBias, above any step's size
	// (maxSteps), so that weights of the whole range fit.
	const keyBias = 1 << 15
	m := &Model{Labels: []Label{{ID: "x"}}, chunks: 1, grain: 1, bias: keyBias}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n := rng.IntN(40)
		m.lanes = make([]lane, n)
		vs := make([]int32, n)
		shown := make([]Found, n)
		for i := range n {
			switch rng.IntN(4) {
			case 0:
				vs[i] = int32(rng.IntN(2*maxSteps+1)) - maxSteps // anywhere
			default:
				vs[i] = int32(rng.IntN(7)) - 2 // small, and many ties
			}
			m.lanes[i][0] = uint64(uint16(vs[i] + keyBias))
			first := int32(rng.IntN(50))
			shown[i] = Found{Feature: int32(i), First: first, Last: first + int32(rng.IntN(2))}
		}
		s := &Scorer{shown: shown}
		m.readyTop(s)
		m.rank(s, 0)
		wantT, wantW := referenceRank(vs, shown)
		if s.Top[0] != wantT || s.topSteps[0] != wantW {
			t.Fatalf("trial %d: got %v %v, want %v %v (weights %v)", trial, s.Top[0], s.topSteps[0], wantT, wantW, vs)
		}
	}
}

// TestHasHigh: the eight-bytes-at-a-time look for a byte of 0xE3 or more
// answers as a byte-by-byte one, for every byte at every place of a string
// of two words and a tail, among neighbours just below the mark.
func TestHasHigh(t *testing.T) {
	for _, fill := range []byte{'a', 0x7f, 0xe2, 0x80} {
		for b := range 256 {
			for at := range 19 {
				s := bytes.Repeat([]byte{fill}, 19)
				s[at] = byte(b)
				want := slices.ContainsFunc(s, func(c byte) bool { return c >= 0xe3 })
				if got := hasHigh(string(s)); got != want {
					t.Fatalf("hasHigh(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}

// hanRunes is han as it was written first, rune by rune: the reference.
func hanRunes(s string) bool {
	n, h := 0, 0
	for _, r := range s {
		switch {
		case hanRune(r):
			h++
			n++
		case r > ' ' && r < 0x3000:
			n++
		}
	}
	return h > 0 && h*5 >= n
}

// TestHan: han answers as the rune-by-rune reference, for Han, kana and
// Latin mixed in every proportion around the fifth, at every alignment, with
// broken sequences, controls and spaces among them.
func TestHan(t *testing.T) {
	pieces := []string{"a", " ", "\t", "\x7f", "!", "é", "中", "か", "ㄅ", "\u3000", "😀", "\xe4", "\xe4\xb8", "\xff", "\u2fff", "\u4dbf", "\u9fff"}
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := han(s), hanRunes(s); got != want {
			t.Fatalf("trial %d: han(%q) = %v, want %v", trial, s, got, want)
		}
	}
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"hello there", false},
		{"中文", true},
		{"abcd中", true},     // one in five
		{"abcde中", false},   // one in six
		{"a b c d 中", true}, // spaces are no letters
		{"abcd😀中", true},    // an emoji counts as neither
		{"abcdefgh abcdefgh abcdefgh 中中中中中中 ", true},
		// Eight ASCII bytes at a time, from the lowest letter to the
		// highest, and spaces that are none.
		{"!!!!!!!!!!中", false},
		{"\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f中", false},
		{"                中", true},
	} {
		if got := han(c.s); got != c.want {
			t.Errorf("han(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// TestFilter: a filter never turns away a key it holds, at every size, and
// turns away most that it does not hold.
func TestFilter(t *testing.T) {
	for _, k := range []uint{0, 6, 10, 17, 18} {
		f := NewFilterOf(k)
		if k == 17 {
			f = NewFilter()
		}
		bits := 64 * len(f.bits)
		n := bits / 16 // a sixteenth of the bits: about 6% set
		for i := range n {
			f.Add(uint64(i) * 7919)
		}
		for i := range n {
			if !f.Has(uint64(i) * 7919) {
				t.Fatalf("2^%d bits: key %d added, not found", k, i)
			}
		}
		let := 0
		for i := range 10000 {
			if f.Has(uint64(i)*7919 + 1<<40) {
				let++
			}
		}
		if let > 1500 {
			t.Errorf("2^%d bits (%d keys): %d of 10,000 absent keys let through", k, n, let)
		}
	}
}
