package rules

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"politely/internal/text"
)

func TestDefaultCompiles(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rules()) < 50 {
		t.Fatalf("only %d rules", len(p.Rules()))
	}
	c := p.Catalog("")
	if len(c.Flags) != 8 || len(c.Signals) != 5 || len(c.Asks) != 11 || len(c.Verdicts) != 3 {
		t.Fatalf("catalog: %d flags, %d signals, %d asks, %d verdicts", len(c.Flags), len(c.Signals), len(c.Asks), len(c.Verdicts))
	}
}

func TestExpand(t *testing.T) {
	for _, c := range []struct {
		phrase string
		want   []string
	}{
		{"We help", []string{" we help "}},
		{"{a|b} c", []string{" a c ", " b c "}},
		{"{a|} c", []string{" a c ", " c "}},
		{"x {a|{b|c} d}", []string{" x a ", " x b d ", " x c d "}},
		{"outsourc*", []string{" outsourc"}},
		{"# minutes", []string{" # minutes "}},
		{"I’M in", []string{" im in "}},
		{"$ # hr", []string{" $ # hr "}},
		// A Han character is a word of its own: a group may touch one.
		{"{您|你}的", []string{" 您 的 ", " 你 的 "}},
	} {
		ps, err := expand(c.phrase, nil)
		if err != nil {
			t.Fatalf("%q: %v", c.phrase, err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.s)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("expand(%q) = %q, want %q", c.phrase, got, c.want)
		}
	}
}

func TestBrokenPacks(t *testing.T) {
	for _, c := range []struct{ pack, want string }{
		{`{`, "mine.json: not valid JSON"},
		{`[]`, "must be a JSON object"},
		{`{"rulez": []}`, `unknown key "rulez"`},
		{`{"phrases": [{"label": "selling", "phrases": ["x"]}]}`, `needs an "id"`},
		{`{"phrases": [{"id": "a", "phrases": ["x"]}]}`, `rule a: a phrase rule needs a "label"`},
		{`{"phrases": [{"id": "a", "label": "selling", "phrases": []}]}`, "rule a: \"phrases\" must be a non-empty array"},
		{`{"phrases": [{"id": "a", "label": "selling", "phrases": ["{x|y"]}]}`, `rule a: phrase "{x|y": unclosed '{'`},
		{`{"phrases": [{"id": "a", "label": "selling", "phrases": ["x*y"]}]}`, "'*' may only end a phrase"},
		{`{"phrases": [{"id": "a", "label": "selling", "phrases": ["bump{|ing} this"]}]}`, `phrase "bump{|ing} this": a {…} group touches a word`},
		{`{"phrases": [{"id": "a", "label": "selling", "phrases": ["{a|b}c"]}]}`, "a {…} group touches a word"},
		{`{"phrases": [{"id": "a", "label": "selling", "phrases": ["ab*"]}]}`, "at least three letters before '*'"},
		{`{"phrases": [{"id": "a", "label": "selling", "phrases": ["a ~ b ~ c"]}]}`, "only one '~'"},
		{`{"phrases": [{"id": "a", "label": "selling", "weight": "big", "phrases": ["x"]}]}`, `"weight" must be a number`},
		{`{"phrases": [{"id": "a", "label": "selling", "scope": "everywhere", "phrases": ["x"]}]}`, `scope "everywhere"`},
		{`{"labels": [{"id": "x", "kind": "colour", "title": "X", "why": "Y"}]}`, `kind "colour"`},
		{`{"labels": [{"id": "x", "kind": "flag"}]}`, `needs a "title" and a "why"`},
		{`{"policy": {"firm_flags": "selling"}}`, "policy.firm_flags: must be an array"},
		{`{"policy": {"speed": 3}}`, "policy.speed: unknown setting"},
		{`{"negation": {"words": [""]}}`, "negation word"},
		{`{"negation": {"words": ["not"], "contrasts": "but"}}`, `"contrasts" must be an array`},
		{`{"negation": {"words": ["not"], "contrasts": [" "]}}`, "every contrast"},
	} {
		_, err := Compile("mine.json", []byte(c.pack))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.pack, err, c.want)
		}
		if err != nil && !strings.Contains(err.Error(), "mine.json") {
			t.Errorf("%s: error %v does not name the file", c.pack, err)
		}
	}
}

// A user's pack adds a phrase to a default label without touching Go, and an
// unknown label is refused once merged.
func TestUserPack(t *testing.T) {
	def, _ := Default()
	user, err := Compile("team.json", []byte(`{"phrases": [{"id": "team.vendor", "label": "selling", "phrases": ["synergy stack"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := def.Merge(user)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range p.Scan(text.Fold("Have you heard of the Synergy-Stack?")) {
		found = found || p.Rules()[h.Rule].ID == "team.vendor"
	}
	if !found {
		t.Fatal("the user's phrase did not match")
	}
	bad, _ := Compile("team.json", []byte(`{"phrases": [{"id": "team.x", "label": "sellin", "phrases": ["x"]}]}`))
	if _, err := def.Merge(bad); err == nil || !strings.Contains(err.Error(), `unknown label "sellin"`) || !strings.Contains(err.Error(), "team.json") {
		t.Fatalf("merge of an unknown label: %v", err)
	}
	dup, _ := Compile("team.json", []byte(`{"phrases": [{"id": "selling.we-help", "label": "selling", "phrases": ["x"]}]}`))
	if _, err := def.Merge(dup); err == nil || !strings.Contains(err.Error(), "duplicate rule id") {
		t.Fatalf("duplicate id: %v", err)
	}
}

func TestScan(t *testing.T) {
	p, _ := Default()
	for _, c := range []struct {
		text, rule string
		want       bool
	}{
		{"We help companies like yours.", "selling.we-help", true},
		{"I’m NOT trying to sell you anything", "selling.disclaimer", true},
		{"Still very interested in the Senior Product Designer role", "ask.job", true},
		{"interested in the. Role", "ask.job", false},
		{"Crypto-currency gains", "reputation.crypto", true},
		{"no experience needed", "reputation.mlm", true},
		{"I don't want a free trial", "ask.purchase", false},
	} {
		found := false
		for _, h := range p.Scan(text.Fold(c.text)) {
			if p.Rules()[h.Rule].ID == c.rule {
				found = true
			}
		}
		if found != c.want {
			t.Errorf("%q: %s found = %v, want %v", c.text, c.rule, found, c.want)
		}
	}
}

// An offer ("if you ever want an intro") cancels the ask right after it, and
// only asks: a pitch after it still counts.
func TestOffers(t *testing.T) {
	p, _ := Default()
	has := func(msg, rule string) bool {
		for _, h := range p.Scan(text.Fold(msg)) {
			if p.Rules()[h.Rule].ID == rule {
				return true
			}
		}
		return false
	}
	if has("If you ever want an intro to their design leads, let me know.", "ask.introduction") {
		t.Error("an offered introduction read as an ask")
	}
	if !has("Could you make an intro to their design leads?", "ask.introduction") {
		t.Error("an asked introduction was missed")
	}
}

// One Scanner kept across texts and packs finds what a fresh scan finds:
// nothing of a near pair seen in one text leaks into the next, and a pack
// with more pairs than the last gets room for them.
func TestScannerReuse(t *testing.T) {
	def, _ := Default()
	user, err := Compile("team.json", []byte(`{"phrases": [
		{"id": "team.a", "label": "selling", "phrases": ["alpha ~ omega", "beta ~ gamma", "delta ~ epsilon"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	more, err := def.Merge(user)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Alpha and then", "omega: the first side was in the text before.", "so then omega", "alpha, beta. omega gamma",
		"I saw the role you posted; a senior role at the company.", "Not selling anything, just a quick call?",
		"Delta is far from the other word in this sentence, far far away, epsilon.", "",
	}
	var sc Scanner
	for round := 0; round < 3; round++ {
		for _, p := range []*Pack{def, more} {
			for _, s := range texts {
				f := text.Fold(s)
				if got, want := sc.Scan(p, f), p.Scan(f); !slices.Equal(got, want) {
					t.Fatalf("round %d, %q: reused scanner %v, fresh %v", round, s, got, want)
				}
			}
		}
	}
}

// A model that does not fit the pack it is merged into is refused with the
// file and what is wrong; the default pack binds its own.
func TestModelRefused(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if def.Model() == nil || def.Model().RuleFeature(0) < -1 {
		t.Fatal("the default pack has no model")
	}
	model := func(label, rule string) string {
		return `{"model": {"version": 2, "features": {"words": 1, "prefixes": [], "suffixes": [], "chars": [0, 0]}, "weight_unit": 0.001, "rule_gain": 3,
			"labels": [{"id": "` + label + `", "bias": -1, "threshold": 0.5, "weights": [0, 100]}], "names": ["r:` + rule + `"]}}`
	}
	for _, c := range []struct{ pack, want string }{
		{model("selling", "no.such.rule"), `mine.json: rule model: the model weighs rule "no.such.rule"`},
		{model("nope", "selling.we-help"), `mine.json: rule model: the model scores label "nope"`},
		{model("over_capacity", "selling.we-help"), `may not score`},
		{`{"model": {"version": 1}}`, `mine.json: rule model: model version 1`},
	} {
		q, err := Compile("mine.json", []byte(c.pack))
		if err == nil {
			_, err = def.Merge(q)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want an error with %q, got %v", c.want, err)
		}
	}
	ok, err := Compile("mine.json", []byte(model("selling", "selling.we-help")))
	if err != nil {
		t.Fatal(err)
	}
	if m, err := def.Merge(ok); err != nil || m.Model() == nil || m.Model().RuleFeature(m.ruleIndex("selling.we-help")) != 0 {
		t.Errorf("a fitting model: %v", err)
	}
}

// ruleIndex is the position of a rule by id, for tests.
func (p *Pack) ruleIndex(id string) int {
	for i, r := range p.rules {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// foldPhrase's one-pass path folds as the fields of the phrase, "#" apart.
func TestFoldPhraseSimple(t *testing.T) {
	for _, a := range []string{"", " ", "a", "we help", "  we   help  ", "# minutes", "#", "a#b", "##", " # # ", "up to #k"} {
		var b strings.Builder
		b.WriteByte(' ')
		for _, w := range strings.Fields(strings.ReplaceAll(a, "#", " # ")) {
			b.WriteString(w)
			b.WriteByte(' ')
		}
		if got := foldPhrase(a, nil); got != b.String() {
			t.Errorf("foldPhrase(%q) = %q, want %q", a, got, b.String())
		}
	}
}

// Folding memory reused from phrase to phrase (as compiling does) folds
// every phrase of the default pack as a fresh fold would.
func TestExpandScratch(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var scratch phraseScratch
	type kept struct {
		side string
		pats []pattern
	}
	var all []kept
	for _, r := range p.Rules() {
		for _, ph := range r.Phrases {
			sides, _ := split(ph)
			for _, side := range sides {
				a, errA := expand(side, nil)
				b, errB := expand(side, &scratch)
				if !reflect.DeepEqual(a, b) || (errA == nil) != (errB == nil) {
					t.Fatalf("%s: %q folds to %v afresh, %v in reused memory", r.ID, side, a, b)
				}
				all = append(all, kept{side, append([]pattern(nil), b...)})
			}
		}
	}
	// The folded strings lie in the scratch's arena: none may be written
	// over by the phrases after it.
	for _, k := range all {
		if want, _ := expand(k.side, nil); !reflect.DeepEqual(k.pats, want) {
			t.Fatalf("%q: %v once every phrase was folded, %v afresh", k.side, k.pats, want)
		}
	}
}

// TestWordIDs: a word keeps its id, a long word is told from another whose
// key its own hash gave and freeze then refuses the pack, naming both, and a
// name is the word's own copy.
func TestWordIDs(t *testing.T) {
	m := newMatcher()
	short, long := m.word("the"), m.word("recruiting")
	if short != 1 || long != 2 || m.word("the") != 1 || m.word("recruiting") != 2 {
		t.Fatalf("ids %d %d, then %d %d", short, long, m.word("the"), m.word("recruiting"))
	}
	// Another long word under the key of "recruiting", as a hash may give.
	k, _ := key("outsourcing")
	m.ids.put(k, long, 0)
	if id := m.word("outsourcing"); id == long || m.names[id-1] != "outsourcing" {
		t.Fatalf("a long word under another's key got id %d (%q)", id, m.names[id-1])
	}
	// A word over bytes written again later, as a phrase's are in the
	// arena: its name must not follow them.
	b := []byte("pitching")
	id := m.word(unsafe.String(&b[0], len(b)))
	b[0] = 'x'
	if m.names[id-1] != "pitching" {
		t.Fatalf("the name changed with the bytes it came from: %q", m.names[id-1])
	}
	if err := m.freeze(); err == nil || !strings.Contains(err.Error(), `"outsourcing" and "recruiting" share a hash`) {
		t.Fatalf("freeze after two long words under one key: %v", err)
	}
}

// TestKeep: bytes not written at the arena's free end, or grown past the
// room asked for, are copied, never taken as the arena's own.
func TestKeep(t *testing.T) {
	var sc phraseScratch
	a := sc.keep(append(sc.room(3), "abc"...))
	b := sc.keep([]byte("xyz")) // elsewhere
	c := sc.keep(append(sc.room(3), "ijk"...))
	if a != "abc" || b != "xyz" || c != "ijk" || len(sc.arena) != 6 {
		t.Fatalf("kept %q %q %q, arena %q", a, b, c, sc.arena)
	}
	sc.arena = make([]byte, 0, 4)
	d := sc.keep(append(sc.room(2), "defgh"...)) // past the chunk's end: moved
	e := sc.keep(append(sc.room(4), "lmno"...))
	if d != "defgh" || e != "lmno" || len(sc.arena) != 4 || a != "abc" || c != "ijk" {
		t.Fatalf("kept %q %q, arena %q, earlier %q %q", d, e, sc.arena, a, c)
	}
}

// FuzzExpand: any phrase a user's pack may hold expands or is refused with
// an error; it never panics, never expands past maxExpansions, and every
// pattern is folded text between spaces.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{"{a|b} c", "bump{|ing}", "{您|你}的", "x {a|{b|c} d}", "sell*", "# min", "{", "}{|", "a\xff{b}",
		"{we|they}'re {here|}", "l’{a|{b|}}'{c|d}", "{a|e}\u0301 x", "{{{{{{{{{a}}}}}}}}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, errG := alternatives(s)
		want, errW := referenceAlternatives(s)
		if !slices.Equal(got, want) || (errG == nil) != (errW == nil) {
			t.Fatalf("%q expands to %q (%v), the reference to %q (%v)", s, got, errG, want, errW)
		}
		ps, err := expand(s, nil)
		if err != nil {
			return
		}
		if len(ps) > maxExpansions {
			t.Fatalf("%q: %d patterns", s, len(ps))
		}
		for _, p := range ps {
			if !strings.HasPrefix(p.s, " ") {
				t.Fatalf("%q: pattern %q does not start with a space", s, p.s)
			}
		}
	})
}

// referenceAlternatives is alternatives as it was written first, each
// expansion concatenated on its own: TestAlternatives and FuzzExpand hold
// the one-string version to the same expansions in the same order. A group
// is set apart by a space on either side, but for a side written against an
// apostrophe (text.Joins), where it is glued.
func referenceAlternatives(s string) ([]string, error) {
	open, end, parts, err := group(s)
	if err != nil {
		return nil, err
	}
	if open < 0 {
		return []string{s}, nil
	}
	rest, err := referenceAlternatives(s[end+1:])
	if err != nil {
		return nil, err
	}
	left, right := " ", " "
	if r, _ := utf8.DecodeLastRuneInString(s[:open]); text.Joins(r) {
		left = ""
	}
	if r, _ := utf8.DecodeRuneInString(s[end+1:]); text.Joins(r) {
		right = ""
	}
	var out []string
	size := 0
	for _, p := range parts {
		inner, err := referenceAlternatives(p)
		if err != nil {
			return nil, err
		}
		for _, in := range inner {
			for _, r := range rest {
				out = append(out, s[:open]+left+in+right+r)
				size += len(out[len(out)-1])
				if len(out) > maxExpansions {
					return nil, fmt.Errorf("expands to more than %d phrases", maxExpansions)
				}
			}
		}
	}
	if size > maxExpanded {
		return nil, fmt.Errorf("expands to more than %d bytes of phrases", maxExpanded)
	}
	return out, nil
}

// TestAlternatives: every phrase of the default pack expands as the
// reference does.
func TestAlternatives(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range p.Rules() {
		for _, ph := range r.Phrases {
			sides, _ := split(ph)
			for _, side := range sides {
				got, errG := alternatives(side)
				want, errW := referenceAlternatives(side)
				if !slices.Equal(got, want) || (errG == nil) != (errW == nil) {
					t.Fatalf("%s: %q expands to %q (%v), the reference to %q (%v)", r.ID, side, got, errG, want, errW)
				}
				n += len(got)
			}
		}
	}
	if n < 20000 {
		t.Fatalf("only %d expansions", n)
	}
}

// TestWalkFilters: the filters a walk asks before each probe of the edge
// table never turn away an edge of the default pack (that would lose every
// phrase through it), and turn away most pairs that are no edge.
func TestWalkFilters(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m := p.m
	// A node's word, for the root's children: the key starts asks for.
	first := map[int32]int32{}
	for i, w := range m.names {
		var root int32
		if k, long := key(w); long {
			_, root = unpack(m.long.Get(k))
		} else {
			_, root = unpack(m.short.Get(k))
		}
		if root != 0 {
			first[root&rootMask] = int32(i + 1)
		}
	}
	n, firsts := 0, 0
	m.edges.each(func(node, id, child int32) {
		n++
		if a, ok := first[node]; ok {
			firsts++
			if !m.starts.Has(pairKey(a, id)) {
				t.Errorf("the first step from word %d along %d is turned away", a, id)
			}
		} else if !m.deep.Has(edgeKey(node, id)) {
			t.Errorf("the edge from node %d along %d is turned away", node, id)
		}
	})
	if n == 0 || firsts == 0 || firsts == n {
		t.Fatalf("%d edges, %d first steps: the test reads the pack wrongly", n, firsts)
	}
	// Of edges that are not there, most are turned away.
	let := 0
	for i := int32(1); i <= 1000; i++ {
		if m.deep.Has(edgeKey(i, 1<<idBits-i)) {
			let++
		}
	}
	if let > 300 {
		t.Errorf("the filter of deep edges lets %d of 1,000 absent edges through", let)
	}
}

// TestEveryPhraseFindsItself: every phrase of the default pack, in every
// form its groups expand to, is found in a text that says just that (a
// prefix phrase's word lengthened, a number for "#", the two sides of a
// near pair one after the other). A phrase that cannot find its own words
// is dead weight no test of messages would notice; four such were found
// once, groups glued to a word.
func TestEveryPhraseFindsItself(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if n := findsItself(t, p); n < 10000 {
		t.Fatalf("only %d texts tried: the pack's phrases were not all read", n)
	}
}

// findsItself checks that every phrase of p, in every form, is found in
// the text that writes that form (written: a group's part in its place,
// with nothing added around it, so that "{we|they}'re" is said "we're",
// not as the index reads the phrase), and returns how many texts it tried.
func findsItself(t *testing.T, p *Pack) int {
	t.Helper()
	say := func(phrase string) string {
		s := strings.TrimSpace(phrase)
		if strings.HasSuffix(s, "*") {
			s = strings.TrimSuffix(s, "*") + "xyz"
		}
		return strings.ReplaceAll(s, "#", "15")
	}
	n := 0
	for ri, r := range p.Rules() {
		for _, ph := range r.Phrases {
			sides, err := split(ph)
			if err != nil {
				t.Fatal(err)
			}
			var forms [][]string // by side, the forms it expands to, as written
			for _, side := range sides {
				forms = append(forms, writtenAll(t, side))
			}
			var texts []string
			if len(forms) == 1 {
				for _, f := range forms[0] {
					texts = append(texts, say(f))
				}
			} else { // every form of each side, beside the other's first
				for _, f := range forms[0] {
					texts = append(texts, say(f)+" "+say(forms[1][0]))
				}
				for _, f := range forms[1][1:] {
					texts = append(texts, say(forms[0][0])+" "+say(f))
				}
			}
			for _, s := range texts {
				n++
				if !finds(p, ri, s) {
					t.Errorf("rule %s: phrase %q is not found in %q", r.ID, ph, s)
				}
			}
		}
	}
	return n
}

// writtenAll is every form the phrases stand for, as a message writes it:
// each {…} group replaced by one of its parts and nothing added around it
// but a space between two groups side by side (a group is whole words);
// the empty forms left out. It is not how the index expands a phrase:
// that is what findsItself holds the index to.
func writtenAll(t *testing.T, phrases ...string) []string {
	t.Helper()
	var written func(s string) []string
	written = func(s string) []string {
		open, end, parts, err := group(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if open < 0 {
			return []string{s}
		}
		rest, sep := written(s[end+1:]), ""
		if strings.HasPrefix(s[end+1:], "{") {
			sep = " "
		}
		var out []string
		for _, p := range parts {
			for _, in := range written(p) {
				for _, r := range rest {
					out = append(out, s[:open]+in+sep+r)
				}
			}
		}
		return out
	}
	var out []string
	for _, ph := range phrases {
		out = append(out, slices.DeleteFunc(written(ph), func(s string) bool { return strings.TrimSpace(s) == "" })...)
	}
	return out
}

// TestEveryNegationCancels: each negation word of the default pack, in every
// form, cancels a negatable phrase right after it, and each contrast word
// between them gives the phrase back; each offer cancels an ask after it.
// A word of negation.json that never cancels would go unnoticed by the
// tests of single messages, which try a few.
func TestEveryNegationCancels(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// A plain two-word phrase of a rule that negation cancels, and one of
	// an ask (which offers cancel).
	pick := func(ok func(r Rule) bool) (int, string) {
		for i, r := range p.Rules() {
			if !ok(r) || r.Scope != "message" {
				continue
			}
			for _, ph := range r.Phrases {
				if !strings.ContainsAny(ph, "{~*#") && strings.Count(ph, " ") == 1 {
					return i, ph
				}
			}
		}
		t.Fatal("no plain two-word phrase to try")
		return -1, ""
	}
	negRule, negPhrase := pick(func(r Rule) bool { return r.Negatable })
	askRule, askPhrase := pick(func(r Rule) bool { return r.LabelAt >= 0 && p.Labels()[r.LabelAt].Kind == KindAsk })
	if !finds(p, negRule, negPhrase) || !finds(p, askRule, askPhrase) {
		t.Fatalf("%q or %q is not found alone", negPhrase, askPhrase)
	}
	contrasts := expandAll(t, p.contrasts...)
	for _, n := range expandAll(t, p.negators...) {
		if finds(p, negRule, n+" "+negPhrase) {
			t.Errorf("negation %q does not cancel %q", n, negPhrase)
		}
		for _, c := range contrasts {
			if !finds(p, negRule, n+" "+c+" "+negPhrase) {
				t.Errorf("contrast %q after negation %q does not give back %q", c, n, negPhrase)
			}
		}
	}
	for _, o := range expandAll(t, p.offers...) {
		if finds(p, askRule, o+" "+askPhrase) {
			t.Errorf("offer %q does not cancel the ask %q", o, askPhrase)
		}
	}
}

// expandAll is every form the phrases expand to ({a|b|} groups), the empty
// ones left out.
func expandAll(t *testing.T, phrases ...string) []string {
	var out []string
	for _, ph := range phrases {
		all, err := alternatives(ph)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, slices.DeleteFunc(all, func(s string) bool { return strings.TrimSpace(s) == "" })...)
	}
	return out
}

// finds reports whether rule i of p is found in the text s.
func finds(p *Pack, i int, s string) bool {
	return slices.ContainsFunc(p.Scan(text.Fold(s)), func(h Hit) bool { return h.Rule == i })
}
