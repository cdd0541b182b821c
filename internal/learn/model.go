package learn

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/tidwall/gjson"

	"politely/internal/text"
)

// Version is the feature and file format this code reads. A model written
// for another one is refused: its hashes or cues would mean other things.
// Version 2 writes each label's features as gaps from the one before
// (version 1 wrote their numbers): small numbers that compress to three
// quarters, in a WebAssembly build where every kilobyte counts, and a
// retrained model whose feature list grew changes only a gap, not every
// number after it.
const Version = 2

// Model is one logistic regression per label over the features of Config.
// It is immutable after Parse and safe for concurrent use.
type Model struct {
	Config Config
	Labels []Label
	Names  []string // feature names, by feature index
	// RuleGain is the log-odds a phrase rule the model does not know (a
	// user's pack) adds to its label per unit of its stated weight.
	RuleGain float64

	// feats finds a feature by Hash of its kind and string: how training
	// names and Visit find them (scoring goes through the lexicon).
	feats table[uint64]
	// lanes is every feature's weight for every label, the form scoring
	// reads: chunks lanes per feature, each word of a lane holding four
	// labels' weights in 16-bit fields, 40 bytes a feature for 20 labels.
	// A field holds bias plus the weight in grains of grain steps each,
	// so that none is negative. A trained model's weights are hundredths
	// (ten steps) under ±3.2: a field then needs 10 of its 16 bits, and
	// Scorer.sum adds the words of block (64) features whole, four labels
	// an addition, in five registers, before it settles the fields into
	// each label's sum. It is the only copy of the weights: explanations
	// and the writer read them here too, and a weight of zero is no weight.
	lanes       []lane
	biases      []float64 // by label: its Bias, the log-odds Start gives each message in one copy
	chunks      int       // lanes a feature
	grain, bias int32
	block       int
	// show is 1 by feature for a phrase a person can read as evidence (not
	// a function word, cue, rule or piece of a word), else 0: a byte each,
	// as a bit each cost readyTop a shift by a variable, which x86 does
	// only through one register, and the first cache holds 6 KB as well.
	show   []uint8
	rules  []int32 // by rule index of the pack: its feature, or -1
	byRule map[string]int32
	lex    *lexicon       // the words of the model (nil: score through Visit)
	cues   [numCues]int32 // by cue number: its feature, or -1
}

// Label is one label's regression: the probability is
// 1/(1+exp(-(Bias + sum of the weights of the features present))), and the
// label holds at Threshold or above.
type Label struct {
	ID        string
	Bias      float64
	Threshold float64
	At        int // the label's index in its pack, set by the pack
}

// laneChunk is how many words of a row Scorer.sum adds at once, in as many
// variables: few enough to stay in registers.
const laneChunk = 5

// lane is a piece of a feature's row: the weights of perLane labels, four
// a word, 16 bits each.
type lane [laneChunk]uint64

const perLane = 4 * laneChunk

// Unit is the step of every weight: a thousandth, as the trainer writes
// them. Weights of a model are kept in whole steps, so a model scores the
// same whether built by the trainer or read from its file.
const Unit = 0.001

// maxSteps bounds a weight: ±32.767 is far beyond any weight a regularized
// model learns (e^32 is certainty).
const maxSteps = math.MaxInt16

// pack chooses how lanes hold the weights, whose steps have grain as their
// greatest common divisor and most as the largest size (0 and 0: no
// weight): the field of a weight w is w/grain plus bias, in [0, 2*bias),
// and block such fields add up in 16 bits. A model of whole hundredths
// under ±5.11 needs ten bits a weight and adds 64 features a block; one of
// weights in any steps up to maxSteps still works, a feature a block.
func (m *Model) pack(grain, most int64) {
	m.grain = int32(max(grain, 1))
	m.bias = 1
	for int64(m.bias) <= most/int64(m.grain) {
		m.bias *= 2
	}
	m.block = (1<<16 - 1) / int(2*m.bias-1)
}

// gcd is the greatest common divisor of a and b (gcd(0, b) is b).
func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// Weight is one feature's weight for one label, as the trainer writes it.
type Weight struct {
	Feature int
	Value   float64
}

// Build makes a model from its parts: a trainer's output or a parsed file.
// Weights are by model label. It checks that every feature is named once
// and every weight points at a feature.
func Build(cfg Config, labels []Label, names []string, weights [][]Weight, gain float64) (*Model, error) {
	if len(weights) != len(labels) {
		return nil, fmt.Errorf("%d weight lists for %d labels", len(weights), len(labels))
	}
	m := &Model{Config: cfg, Labels: labels, Names: names, RuleGain: gain, byRule: map[string]int32{}}
	m.feats = newTable[uint64](len(names))
	for i, n := range names {
		kind, s, ok := ParseName(n)
		if !ok {
			return nil, fmt.Errorf("feature %d %q: not a feature name (kind:text)", i, n)
		}
		if kind == KindRule {
			if _, dup := m.byRule[s]; dup {
				return nil, fmt.Errorf("feature %q is listed twice", n)
			}
			m.byRule[s] = int32(i)
			continue
		}
		if !m.feats.put(Hash(kind, s), int32(i)) {
			return nil, fmt.Errorf("feature %q is listed twice (or collides with %q)", n, names[m.feats.get(Hash(kind, s))])
		}
	}
	if len(labels) > math.MaxUint16 {
		return nil, fmt.Errorf("%d labels: at most %d", len(labels), math.MaxUint16)
	}
	m.chunks = (len(labels) + perLane - 1) / perLane
	// by is, per feature, the label that set its weight last, plus one: a
	// list that names a feature twice would otherwise keep the second.
	by := make([]int32, len(names))
	// The weights are checked, and their grain and largest size found,
	// before a lane is laid out.
	grain, most := int64(0), int64(0)
	for l, ws := range weights {
		if math.IsNaN(labels[l].Bias) || math.IsInf(labels[l].Bias, 0) {
			return nil, fmt.Errorf("label %s: bias is not a finite number", labels[l].ID)
		}
		if !(labels[l].Threshold > 0 && labels[l].Threshold < 1) {
			return nil, fmt.Errorf("label %s: threshold %v is not a probability between 0 and 1", labels[l].ID, labels[l].Threshold)
		}
		for _, w := range ws {
			if w.Feature < 0 || w.Feature >= len(names) {
				return nil, fmt.Errorf("label %s: weight for feature %d, but there are %d features", labels[l].ID, w.Feature, len(names))
			}
			if math.IsNaN(w.Value) || math.IsInf(w.Value, 0) {
				return nil, fmt.Errorf("label %s: feature %s: weight is not a finite number", labels[l].ID, names[w.Feature])
			}
			st := math.Round(w.Value / Unit)
			if math.Abs(st) > maxSteps {
				return nil, fmt.Errorf("label %s: feature %s: weight %v is out of range (±%v)", labels[l].ID, names[w.Feature], w.Value, maxSteps*Unit)
			}
			if by[w.Feature] == int32(l)+1 {
				return nil, fmt.Errorf("label %s: feature %s has two weights", labels[l].ID, names[w.Feature])
			}
			by[w.Feature] = int32(l) + 1
			grain, most = gcd(grain, int64(math.Abs(st))), max(most, int64(math.Abs(st)))
		}
	}
	m.pack(grain, most)
	m.biases = make([]float64, len(labels))
	for l := range labels {
		m.biases[l] = labels[l].Bias
	}
	m.lanes = make([]lane, len(names)*m.chunks)
	for i := range m.lanes {
		for j := range m.lanes[i] {
			m.lanes[i][j] = uint64(m.bias) * 0x0001_0001_0001_0001 // a weight of 0 for all four labels
		}
	}
	for l, ws := range weights {
		fields, stride, at := m.fields(l)
		for _, w := range ws {
			st := int32(math.Round(w.Value / Unit))
			fields[uint(w.Feature)*stride+at] = uint16(m.bias + st/m.grain)
		}
	}
	for i := range m.Labels {
		m.Labels[i].At = -1
	}
	m.show = make([]uint8, len(names))
	for f, r := range readable(names) {
		if r {
			m.show[f] = 1
		}
	}
	for i, name := range cueNames {
		m.cues[i] = m.feats.get(Hash(KindCue, name))
	}
	m.lex = newLexicon(m)
	return m, nil
}

// Feature returns the index of a feature by name, or -1.
func (m *Model) Feature(name string) int {
	kind, s, ok := ParseName(name)
	if !ok {
		return -1
	}
	if kind == KindRule {
		if f, ok := m.byRule[s]; ok {
			return int(f)
		}
		return -1
	}
	return int(m.feats.get(Hash(kind, s)))
}

// Weight is feature f's weight for model label l; known is false when f
// has none for it (a weight of zero is none).
func (m *Model) Weight(f, l int) (w float64, known bool) {
	s := m.weight(int32(f), l)
	return float64(s) * Unit, s != 0
}

// Bind returns a copy of the model bound to a pack: rules lists the pack's
// rule ids by index (a rule the model names becomes that feature) and label
// gives a label's index in the pack (-1: none). It refuses a model that
// names a label the pack lacks or a rule no rule of the pack carries: such
// a model was trained on other rules and would weigh the wrong evidence.
func (m *Model) Bind(rules []string, label func(id string) int) (*Model, error) {
	c := *m
	c.Labels = slices.Clone(m.Labels)
	for i := range c.Labels {
		if c.Labels[i].At = label(c.Labels[i].ID); c.Labels[i].At < 0 {
			return nil, fmt.Errorf("the model scores label %q, which the pack does not define", c.Labels[i].ID)
		}
	}
	c.rules = make([]int32, len(rules))
	seen := make([]bool, len(m.Names))
	for i, id := range rules {
		f, ok := m.byRule[id]
		if !ok {
			f = -1
		} else {
			seen[f] = true
		}
		c.rules[i] = f
	}
	var missing []string
	for id, f := range m.byRule {
		if !seen[f] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("the model weighs rule %q, which the pack does not have (%d such rules; retrain with make train)", missing[0], len(missing))
	}
	return &c, nil
}

// RuleFeature returns the feature of the pack's rule i, or -1.
func (m *Model) RuleFeature(i int) int {
	if i < 0 || i >= len(m.rules) {
		return -1
	}
	return int(m.rules[i])
}

// Found is a feature present in a message, at its first place: words
// first..last of the folded text (-1 for a cue, or a rule the caller places).
type Found struct {
	Feature     int32
	First, Last int32
}

// Scorer is the working memory of scoring: reuse one for many messages. It
// is not safe for concurrent use.
type Scorer struct {
	// Z is, by model label, the log-odds but for the features' weights:
	// the bias and what callers add. LogOdds is the whole.
	Z     []float64
	steps []int64 // by model label: the sum of the weights of found[:summed], in steps (65,536 features at the largest weight overflow 32 bits)
	// found lists the features counted in the message, each once, in the
	// order found, in found[:n] (the slice's length is its room); the
	// weights of the first summed are in steps. Weights are added up when
	// a score is asked (LogOdds), all at once (sum).
	found  []Found
	n      int
	summed int
	lanes  []lane // the model's rows (Model.lanes), their lanes a feature, and how they add up
	chunks int
	grain  int64
	bias   int64
	block  int
	shown  []Found // the readable features of found[:ranked], in order: Rank's candidates
	ranked int
	// Top and TopW are what Rank found, by model label.
	Top      [][TopN]Found
	TopW     [][TopN]float64
	topSteps [][TopN]int32 // TopW in steps, as Rank compares them
	filled   []int32       // the labels ranked since Rank last cleared them
	// stamp is, by feature, the message that counted it last (gen): a
	// byte each, so that it stays in the core's first cache, where every
	// word asks it up to four times. It is cleared every 255 messages.
	stamp []uint8
	gen   uint8
	names []bool  // by word of the message: a name (see Config.Visit)
	caps  []int32 // nameMarks' list of the words that may be names
}

// TopN is how many of the strongest readable features Rank keeps.
const TopN = 3

// Start readies s for a message: every log-odds at its bias, no feature.
func (m *Model) Start(s *Scorer) {
	if len(s.stamp) != len(m.Names)+1 || len(s.Z) != len(m.Labels) {
		s.stamp, s.Z, s.gen = make([]uint8, len(m.Names)+1), make([]float64, len(m.Labels)), 0
		s.steps = make([]int64, len(m.Labels))
	}
	clear(s.steps)
	s.n, s.summed, s.ranked, s.lanes, s.chunks = 0, 0, 0, m.lanes, m.chunks
	s.grain, s.bias, s.block = int64(m.grain), int64(m.bias), m.block
	if s.gen++; s.gen == 0 {
		clear(s.stamp)
		s.gen = 1
	}
	// stamp[0] stands for no feature (-1): always counted already, so
	// that Add needs no test of f.
	s.stamp[0] = s.gen
	copy(s.Z, m.biases)
	s.shown = s.shown[:0]
}

// Add counts feature f (once per message) at words first..last; f < 0 (no
// feature) is nothing.
func (m *Model) Add(s *Scorer, f int32, first, last int) {
	s.reserve(1)
	s.add(f, first, last)
}

// add is Add where the caller has made room (reserve).
func (s *Scorer) add(f int32, first, last int) {
	s.n = count(s.found, s.stamp, s.gen, s.n, f, first, last)
}

// count writes feature f, found on words first to last, after the n
// features of found (which has room for it), and returns their count: n+1,
// or n if stamp says this message (gen) counted f already. The words loop
// holds a scorer's parts in locals and calls it up to four times a word:
// through the scorer, every call read them all again after its writes,
// which cost more than the counting.
//
// It decides without a branch: whether a word's pieces are features, and
// new ones, is what a message's text decides, and a processor guesses it
// wrong about one time in three.
func count(found []Found, stamp []uint8, gen uint8, n int, f int32, first, last int) int {
	found[n] = Found{f, int32(first), int32(last)}
	k := uint32(f + 1) // stamp[0]: no feature
	fresh := 0
	if stamp[k] != gen {
		fresh = 1
	}
	stamp[k] = gen
	return n + fresh
}

// reserve makes room for n more features.
func (s *Scorer) reserve(n int) {
	for s.n+n > len(s.found) {
		s.grow()
	}
}

// grow makes room for more features: a message of many words can hold
// thousands.
//
//go:noinline
func (s *Scorer) grow() {
	s.found = append(s.found, make([]Found, max(64, len(s.found)))...)
}

// Found lists the features present, each once, in the order found (for
// explanations); valid until the next Start.
func (s *Scorer) Found() []Found { return s.found[:s.n] }

// sum adds the weights of the features counted since the last sum to
// steps: the lanes' words of up to block features are added whole, four
// fields an addition with no carry from one field into the next (pack),
// then each field is settled into its label's sum, less the bias every
// feature added to it, in steps. Whole steps add up exactly, in any order,
// so the sums are the same to the bit however they are cut.
func (s *Scorer) sum() {
	for fs := s.found[s.summed:s.n]; len(fs) > 0; {
		block := fs[:min(len(fs), s.block)]
		fs = fs[len(block):]
		bias := int64(len(block)) * s.bias
		grain := s.grain
		for c := range s.chunks {
			a0, a1, a2, a3, a4 := addRows(s.lanes, s.chunks, c, block)
			for j, a := range [laneChunk]uint64{a0, a1, a2, a3, a4} {
				at := c*perLane + 4*j
				if at+4 <= len(s.steps) {
					// Four labels whole, written out: a loop of four with
					// a test a field cost more than the additions.
					st := s.steps[at : at+4 : at+4]
					st[0] += (int64(a&0xffff) - bias) * grain
					st[1] += (int64(a>>16&0xffff) - bias) * grain
					st[2] += (int64(a>>32&0xffff) - bias) * grain
					st[3] += (int64(a>>48) - bias) * grain
					continue
				}
				for q := range 4 {
					if l := at + q; l < len(s.steps) {
						s.steps[l] += (int64(a>>(16*q)&0xffff) - bias) * grain
					}
				}
			}
		}
	}
	s.summed = s.n
}

// addRows adds up lane c of the rows of the features of block, word by
// word. It is a function of its own so that the compiler keeps its sums in
// registers: written out in sum, among sum's other variables, they went to
// memory and back for every feature.
//
//go:noinline
func addRows(lanes []lane, chunks, c int, block []Found) (a0, a1, a2, a3, a4 uint64) {
	for _, f := range block {
		r := &lanes[int(f.Feature)*chunks+c]
		a0 += r[0]
		a1 += r[1]
		a2 += r[2]
		a3 += r[3]
		a4 += r[4]
	}
	return
}

// weight is feature f's weight for label l in steps, read from its row.
func (m *Model) weight(f int32, l int) int32 {
	fields, stride, at := m.fields(l)
	return m.steps(int32(fields[uint(f)*stride+at]))
}

// steps is the weight in steps a field holds: bias plus the weight in
// grains (pack).
func (m *Model) steps(field int32) int32 { return (field - m.bias) * m.grain }

// Rank files, for every model label l with want[l], the strongest readable
// features found with a positive weight for it in s.Top[l], strongest first,
// with their weights in s.TopW[l] (0 past the last); of equal weights, the
// one of more words, then the one found first (rankKey). Other labels get
// none. Only the labels a caller shows need them, so they are sorted out
// once scoring is done rather than while adding every weight.
func (m *Model) Rank(s *Scorer, want []bool) {
	m.readyTop(s)
	// Only the labels ranked before hold anything: those are cleared, not
	// every label's (1.4 KB a message for twenty).
	for _, l := range s.filled {
		s.Top[l], s.TopW[l], s.topSteps[l] = [TopN]Found{}, [TopN]float64{}, [TopN]int32{}
	}
	s.filled = s.filled[:0]
	for l, w := range want {
		if w && l < len(m.Labels) {
			m.rank(s, l)
		}
	}
}

// RankLabel is Rank for label l alone, leaving the other labels' as they
// are: for a caller that needs a label's words only now and then, after
// Rank has filed those of the labels it shows.
func (m *Model) RankLabel(s *Scorer, l int) {
	m.readyTop(s)
	if l >= 0 && l < len(m.Labels) {
		m.rank(s, l)
	}
}

// readyTop gives s a place for the strongest features of each of m's labels,
// and lists the readable features found since it last did: placed in the
// text, and words a person can read as a reason.
func (m *Model) readyTop(s *Scorer) {
	if len(s.Top) != len(m.Labels) {
		s.Top, s.TopW = make([][TopN]Found, len(m.Labels)), make([][TopN]float64, len(m.Labels))
		s.topSteps, s.filled = make([][TopN]int32, len(m.Labels)), s.filled[:0]
	}
	// The readable ones are kept without a branch, as Add counts: each is
	// written after those kept, and the count raised only if it reads.
	// The slices are read into locals first: through s, the compiler
	// loads them again after every write, which doubled the loop.
	fresh := s.found[s.ranked:s.n]
	n := len(s.shown)
	shown := slices.Grow(s.shown, len(fresh))[:n+len(fresh)]
	show := m.show
	for _, f := range fresh {
		shown[n] = f
		n += int(show[uint32(f.Feature)]) & int(uint32(^f.First)>>31) // readable, and placed in the text
	}
	s.shown, s.ranked = shown[:n], s.n
}

// rank files label l's strongest features (Rank).
//
// Each candidate becomes one number that orders as the ranking does
// (rankKey), and the three largest are kept
// with max and min, which the compiler makes conditional moves: whether a
// word outweighs the third strongest so far is a branch a processor
// guesses wrong all through a message. TestRankKeys holds it to the insertion
// it replaced.
func (m *Model) rank(s *Scorer, l int) {
	var a, b, c uint64 // the three largest keys, a >= b >= c (0: none)
	fields, stride, at := m.fields(l)
	bias, shown := m.bias, s.shown
	for i := range shown {
		f := &shown[i]
		k := rankKey(int32(fields[uint(f.Feature)*stride+at]), bias, f, i)
		hi, lo := max(a, k), min(a, k)
		a, b, c = hi, max(b, lo), max(c, min(b, lo))
	}
	s.filled = append(s.filled, int32(l))
	t, tw := &s.Top[l], &s.topSteps[l]
	for p, k := range [TopN]uint64{a, b, c} {
		t[p], tw[p] = Found{}, 0
		if k != 0 {
			t[p], tw[p] = shown[uint32(^k)], m.steps(int32(k>>40))
		}
	}
	for j, v := range tw {
		s.TopW[l][j] = float64(v) * Unit
	}
}

// fields views the lanes as the 16-bit fields they are made of: label l's
// field of feature f is fields[f*stride+at], in lane l/perLane, word
// l%perLane/4 of it, bits from 16*(l%4) of the word. Every weight is read
// and written this way: Rank reads one label's weight of many features
// with one load, where taking it out of its word needed a shift by a
// variable, which x86 does only through one register (the loop then kept
// its variables in memory).
func (m *Model) fields(l int) (fields []uint16, stride, at uint) {
	ch, j, q := l/perLane, l%perLane/4, l%4
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		q = 3 - q // field q is the word's bits from 16*q, the other end first
	}
	n := len(m.lanes) * laneChunk * 4
	if n == 0 {
		return nil, 0, 0
	}
	fields = unsafe.Slice((*uint16)(unsafe.Pointer(&m.lanes[0][0])), n)
	return fields, uint(m.chunks * laneChunk * 4), uint(ch*laneChunk*4 + j*4 + q)
}

// rankKey orders candidate f, the i-th shown, by its field w, which holds
// bias plus its weight in grains: the heavier first, and of equal weights
// the one of more words (a word and the pair it is always part of weigh
// the same, and "15 min" says more than "min"), then the one found first.
// The field is in the top bits, the words the feature spans below it, and
// the complement of i at the bottom. A weight of zero or below (a field of
// bias or less) is key 0: never ranked. Fields order as weights do, so the
// loop need not turn each into its weight.
func rankKey(w, bias int32, f *Found, i int) uint64 {
	k := uint64(w)<<40 | uint64(uint8(f.Last-f.First))<<32 | uint64(^uint32(i))
	return k & uint64(int64(bias-w)>>63) // all ones where w > bias, else zero
}

// Marks are, by word of a text, the words a negation cancels phrases from:
// the rules' scan writes them (rules.Marks), the model's words read them.
type Marks []bool

// Has reports whether word first is marked; a word past the marks is not
// (a text with no negation has none). It never panics.
func (m Marks) Has(first int) bool { return uint(first) < uint(len(m)) && m[first] }

// Text adds the text features and cues of a message: raw as given, f
// folded, and not marking, by word of f, where a negation cancels the
// words from it (Config.Visit's negated; nil or short: none negated). lex
// is nil, or the lexicon number of every word of f (see Lexicon; -1: not
// in it), found by the caller: the same features are found either way.
// The marks are read in place, not through a function: the words loop asks
// them twice a word, and a call through a function value there cost more
// than the question.
func (m *Model) Text(s *Scorer, raw string, f *text.Folded, lex []int32, not Marks) {
	var c cueCount
	if m.lex != nil {
		c = m.words(s, raw, f, lex, not)
	} else {
		var negated func(first int) bool
		if len(not) > 0 {
			negated = not.Has
		}
		m.Config.Visit(raw, f, negated, func(kind byte, at, end, first, last int) {
			m.Add(s, m.feats.get(hashIn(kind, f.Norm, at, end)), first, last)
		})
		c = countCues(f)
	}
	c.emit(raw, f, func(cue int) { m.Add(s, m.cues[cue], -1, -1) })
}

// LogOdds is model label l's log-odds: the bias, what callers added and
// the weights of the features found.
func (s *Scorer) LogOdds(l int) float64 {
	s.settle()
	return logOdds(s.Z[l], s.steps[l])
}

// Probs writes every model label's probability (Prob of its LogOdds) into
// dst, by model label, and returns it; dst is grown as needed. A caller
// wanting them all asks once: the weights are settled once, not asked
// about for each label.
func (s *Scorer) Probs(dst []float64) []float64 {
	s.settle()
	dst = slices.Grow(dst[:0], len(s.Z))[:len(s.Z)]
	steps := s.steps[:len(s.Z)]
	for l, z := range s.Z {
		dst[l] = Prob(logOdds(z, steps[l]))
	}
	return dst
}

// settle adds up the weights of the features counted since the last sum.
func (s *Scorer) settle() {
	if s.summed < s.n {
		s.sum()
	}
}

// logOdds is a label's log-odds from its Z and its sum of weights in steps.
func logOdds(z float64, steps int64) float64 { return z + float64(steps)*Unit }

// Rule adds the pack's rule i, fired in the message. A rule the model does
// not know adds RuleGain times its stated weight to its label instead;
// label is that label's model index (-1: none modeled).
func (m *Model) Rule(s *Scorer, i int, label int, weight float64) {
	if f := m.RuleFeature(i); f >= 0 {
		m.Add(s, int32(f), -1, -1)
		return
	}
	if label >= 0 {
		s.Z[label] += m.RuleGain * weight
	}
}

// Prob is the logistic function.
func Prob(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Parse reads a model from the "model" object of a pack file. Errors say
// what is wrong; the pack adds the file name.
func Parse(v gjson.Result) (*Model, error) {
	if !v.IsObject() {
		return nil, fmt.Errorf(`"model" must be an object`)
	}
	if ver := v.Get("version"); ver.Int() != Version {
		return nil, fmt.Errorf("model version %s, but this build reads version %d (retrain with politely train)", ver.Raw, Version)
	}
	var cfg Config
	fv := v.Get("features")
	if !fv.IsObject() {
		return nil, fmt.Errorf(`"features" must be an object`)
	}
	cfg.Words = int(fv.Get("words").Int())
	for _, x := range fv.Get("prefixes").Array() {
		cfg.Prefixes = append(cfg.Prefixes, int(x.Int()))
	}
	for _, x := range fv.Get("suffixes").Array() {
		cfg.Suffixes = append(cfg.Suffixes, int(x.Int()))
	}
	if c := fv.Get("chars").Array(); len(c) == 2 {
		cfg.CharMin, cfg.CharMax = int(c[0].Int()), int(c[1].Int())
	}
	bad := cfg.Words < 0 || cfg.Words > 5 || cfg.CharMin < 0 || cfg.CharMax < cfg.CharMin || cfg.CharMax > 8
	for _, n := range slices.Concat(cfg.Prefixes, cfg.Suffixes) {
		bad = bad || n < 1 || n > 8
	}
	if bad {
		return nil, fmt.Errorf(`"features" out of range: words 0-5, prefixes and suffixes 1-8, chars [min, max] within 0-8`)
	}
	names := v.Get("names")
	if !names.IsArray() {
		return nil, fmt.Errorf(`"names" must be an array of feature names`)
	}
	var ns []string
	var err error
	names.ForEach(func(_, x gjson.Result) bool {
		if x.Type != gjson.String {
			err = fmt.Errorf("names[%d] is not a string", len(ns))
			return false
		}
		if !utf8.ValidString(x.String()) {
			// It could not be written back as it was read (JSON writes
			// such bytes as U+FFFD), and no text holds it.
			err = fmt.Errorf("names[%d] is not valid UTF-8", len(ns))
			return false
		}
		ns = append(ns, x.String())
		return true
	})
	if err != nil {
		return nil, err
	}
	unit := 1.0
	if u := v.Get("weight_unit"); u.Exists() {
		if u.Type != gjson.Number || !(u.Num > 0) {
			return nil, fmt.Errorf(`"weight_unit" must be a positive number`)
		}
		unit = u.Num
	}
	ls := v.Get("labels")
	if !ls.IsArray() {
		return nil, fmt.Errorf(`"labels" must be a non-empty array`)
	}
	var labels []Label
	var weights [][]Weight
	seen := map[string]bool{}
	ls.ForEach(func(_, l gjson.Result) bool {
		id := l.Get("id").String()
		if !utf8.ValidString(id) {
			err = fmt.Errorf("labels[%d]: the id is not valid UTF-8", len(labels))
			return false
		}
		if id == "" || seen[id] {
			err = fmt.Errorf("labels[%d]: a missing or repeated id %q", len(labels), id)
			return false
		}
		seen[id] = true
		bias, th := l.Get("bias"), l.Get("threshold")
		if bias.Type != gjson.Number || th.Type != gjson.Number {
			err = fmt.Errorf("label %s: \"bias\" and \"threshold\" must be numbers", id)
			return false
		}
		ws := l.Get("weights")
		if !ws.IsArray() {
			err = fmt.Errorf("label %s: \"weights\" must be an array of feature, weight pairs", id)
			return false
		}
		list, n, ok := integers(ws.Raw, unit)
		if !ok {
			// Not plain integers (a hand-edited file, say): read it the
			// slow way, number by number.
			list, n = nil, 0
			var feat gjson.Result
			ws.ForEach(func(_, x gjson.Result) bool {
				if x.Type != gjson.Number {
					err = fmt.Errorf("label %s: weights[%d] is not a number", id, n)
					return false
				}
				if n%2 == 0 {
					feat = x
				} else {
					if feat.Num != math.Trunc(feat.Num) {
						err = fmt.Errorf("label %s: weights[%d] is not a feature index", id, n-1)
						return false
					}
					list = append(list, Weight{int(feat.Num), x.Num * unit})
				}
				n++
				return true
			})
		}
		if err == nil && n%2 != 0 {
			err = fmt.Errorf("label %s: \"weights\" has an odd length (a feature without its weight: truncated?)", id)
		}
		for i, f := 0, 0; err == nil && i < len(list); i++ {
			// Each feature is written as its gap from the one before (the
			// first from 0).
			gap := list[i].Feature
			if gap < 0 || gap == 0 && i > 0 {
				err = fmt.Errorf("label %s: weights[%d] is a gap of %d: features must ascend", id, 2*i, gap)
			}
			f += gap
			list[i].Feature = f
		}
		if err != nil {
			return false
		}
		labels = append(labels, Label{ID: id, Bias: bias.Num, Threshold: th.Num})
		weights = append(weights, list)
		return true
	})
	if err != nil {
		return nil, err
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf(`"labels" must be a non-empty array`)
	}
	gain := v.Get("rule_gain")
	if gain.Type != gjson.Number || gain.Num < 0 {
		return nil, fmt.Errorf(`"rule_gain" must be a number ≥ 0`)
	}
	return Build(cfg, labels, ns, weights, gain.Num)
}

// integers reads a JSON array of plain integers (feature, weight, ...),
// weights times unit, as the trainer writes it: the model's bulk, read at
// every start of every host, where a generic number parser is slow. ok is
// false on anything else (a fraction, an exponent, a string, a nested
// value), for the caller to read it the general way. n counts the numbers.
func integers(raw string, unit float64) (list []Weight, n int, ok bool) {
	if len(raw) < 2 || raw[0] != '[' || raw[len(raw)-1] != ']' {
		return nil, 0, false
	}
	list = make([]Weight, 0, strings.Count(raw, ",")/2+1)
	feat := 0
	for i := 1; i < len(raw)-1; {
		c := raw[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		neg := c == '-'
		if neg {
			i++
		}
		start, v := i, 0
		for i < len(raw)-1 && raw[i] >= '0' && raw[i] <= '9' && i-start < 12 {
			v = v*10 + int(raw[i]-'0')
			i++
		}
		if i == start || (i < len(raw)-1 && raw[i] >= '0' && raw[i] <= '9') {
			return nil, 0, false
		}
		if neg {
			v = -v
		}
		if n%2 == 0 {
			if neg {
				return nil, 0, false
			}
			feat = v
		} else {
			list = append(list, Weight{feat, float64(v) * unit})
		}
		n++
		for i < len(raw)-1 && (raw[i] == ' ' || raw[i] == '\n' || raw[i] == '\t' || raw[i] == '\r') {
			i++
		}
		if i < len(raw)-1 {
			if raw[i] != ',' {
				return nil, 0, false
			}
			i++
		}
	}
	return list, n, true
}
