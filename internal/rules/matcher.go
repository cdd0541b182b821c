package rules

import (
	"fmt"
	"strings"

	ac "github.com/petar-dambovaliev/aho-corasick"

	"politely/internal/text"
)

// maxExpansions bounds what one phrase may expand to, so that a typo such as
// nested alternations cannot blow up the automaton.
const maxExpansions = 2048

// expand turns one phrase of the pack syntax into folded patterns.
//
//	{a|b|}   one of a, b or nothing
//	word*    any word that starts with "word" (only at the end of a phrase)
//	#        any number ("# minutes" matches "15 minutes" and "15-min")
//	a ~ b    a, then b at most nearWords words later in the same sentence
//	         ("interested in the ~ role" matches "interested in the Senior SDET role")
//
// Everything else is folded like the message (case, apostrophes,
// punctuation), so "I'm" in a phrase matches "I’m", "im" and "I'M".
func expand(phrase string) ([]pattern, error) {
	alts, err := alternatives(phrase)
	if err != nil {
		return nil, err
	}
	out := make([]pattern, 0, len(alts))
	for _, a := range alts {
		a = strings.TrimSpace(a)
		prefix := strings.HasSuffix(a, "*")
		a = strings.TrimSuffix(a, "*")
		if strings.Contains(a, "*") {
			return nil, fmt.Errorf("'*' may only end a phrase")
		}
		// "#" would fold to a separator; a digit folds to "#".
		norm := text.Fold(strings.ReplaceAll(a, "#", " 0 ")).Norm
		if strings.TrimSpace(norm) == "" {
			continue
		}
		if prefix {
			norm = strings.TrimRight(norm, " ")
		}
		out = append(out, pattern{s: norm, prefix: prefix})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("matches nothing")
	}
	return out, nil
}

// alternatives expands {a|b} groups, nested or not.
func alternatives(s string) ([]string, error) {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		if strings.ContainsAny(s, "}|") {
			return nil, fmt.Errorf("'}' or '|' outside a {…} group")
		}
		return []string{s}, nil
	}
	depth, end := 0, -1
	var parts []string
	last := open + 1
	for i := open; i < len(s) && end < 0; i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				parts = append(parts, s[last:i])
				end = i
			}
		case '|':
			if depth == 1 {
				parts = append(parts, s[last:i])
				last = i + 1
			}
		}
	}
	if end < 0 {
		return nil, fmt.Errorf("unclosed '{'")
	}
	rest, err := alternatives(s[end+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range parts {
		inner, err := alternatives(p)
		if err != nil {
			return nil, err
		}
		for _, in := range inner {
			for _, r := range rest {
				out = append(out, s[:open]+" "+in+" "+r)
				if len(out) > maxExpansions {
					return nil, fmt.Errorf("expands to more than %d phrases", maxExpansions)
				}
			}
		}
	}
	return out, nil
}

type pattern struct {
	s      string
	prefix bool
}

// nearWords is how many words may stand between the two sides of "a ~ b".
const nearWords = 4

// target is what one automaton pattern stands for.
type target struct {
	rule   int // index into Pack.rules, or -1 for a negation word
	prefix bool
	pair   int // for "a ~ b": which phrase (1-based); 0 for a plain phrase
	side   int // 1 for a, 2 for b
}

// matcher is the compiled automaton of a pack.
type matcher struct {
	auto     ac.AhoCorasick
	targets  [][]target // by automaton pattern id
	negation bool
	pairs    int
}

// split cuts a phrase at its "~" into the two sides of a near match.
func split(phrase string) ([]string, error) {
	parts := strings.Split(phrase, "~")
	switch {
	case len(parts) == 1:
		return parts, nil
	case len(parts) > 2:
		return nil, fmt.Errorf("only one '~' per phrase")
	case strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "":
		return nil, fmt.Errorf("'~' needs words on both sides")
	}
	return parts, nil
}

func compileMatcher(rules []Rule, negators []string) (*matcher, error) {
	ids := map[string]int{}
	var pats []string
	m := &matcher{}
	add := func(p pattern, t target) {
		id, ok := ids[p.s]
		if !ok {
			id = len(pats)
			ids[p.s] = id
			pats = append(pats, p.s)
			m.targets = append(m.targets, nil)
		}
		for _, have := range m.targets[id] {
			if have == t {
				return
			}
		}
		m.targets[id] = append(m.targets[id], t)
	}
	for i, r := range rules {
		for _, ph := range r.Phrases {
			sides, err := split(ph)
			if err != nil {
				return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("phrase %q: %v", ph, err)}
			}
			pair := 0
			if len(sides) == 2 {
				m.pairs++
				pair = m.pairs
			}
			for side, part := range sides {
				ps, err := expand(part)
				if err != nil {
					return nil, &Error{File: r.source, Rule: r.ID, Msg: fmt.Sprintf("phrase %q: %v", ph, err)}
				}
				for _, p := range ps {
					t := target{rule: i, prefix: p.prefix, pair: pair}
					if pair > 0 {
						t.side = side + 1
					}
					add(p, t)
				}
			}
		}
	}
	for _, n := range negators {
		ps, err := expand(n)
		if err != nil {
			return nil, &Error{File: "negation", Rule: n, Msg: err.Error()}
		}
		for _, p := range ps {
			add(p, target{rule: -1, prefix: p.prefix})
		}
		m.negation = true
	}
	b := ac.NewAhoCorasickBuilder(ac.Opts{MatchKind: ac.StandardMatch, DFA: true})
	m.auto = b.Build(pats)
	return m, nil
}

// Hit is one rule found in a folded text: Norm[Start:End] (padding spaces
// included), with End extended to the word's end for prefix phrases.
type Hit struct {
	Rule       int
	Start, End int
}

// Scan finds every rule of the pack in f, in order of where they end, leaving
// out those cancelled by a negation just before them ("not selling").
// It never panics.
func (p *Pack) Scan(f *text.Folded) []Hit {
	var hits []Hit
	var negEnds []int
	window := int(p.policy.NegationWindow)
	if window <= 0 {
		window = 3
	}
	var left map[int][2]int // pair → the latest first side seen: start, end
	it := p.m.auto.IterOverlapping(f.Norm)
	for m := it.Next(); m != nil; m = it.Next() {
		for _, t := range p.m.targets[m.Pattern()] {
			if t.rule < 0 {
				negEnds = append(negEnds, m.End())
				continue
			}
			start, end := m.Start(), m.End()
			if t.prefix {
				end = f.WordEnd(end)
			}
			switch t.side {
			case 1:
				if left == nil {
					left = map[int][2]int{}
				}
				left[t.pair] = [2]int{start, end}
				continue
			case 2:
				l, ok := left[t.pair]
				if !ok || l[1] > start+1 || !near(f, l[1], start) {
					continue
				}
				start = l[0]
			}
			if p.rules[t.rule].Negatable && negated(f, negEnds, start, window) {
				continue
			}
			hits = append(hits, Hit{Rule: t.rule, Start: start, End: end})
		}
	}
	return hits
}

// near reports whether at most nearWords words and no sentence break lie
// between a side ending at e and one starting at s.
func near(f *text.Folded, e, s int) bool {
	lo, hi := e-1, s+1
	if lo < 0 || hi > len(f.Norm) || lo > hi {
		return false
	}
	return strings.Count(f.Norm[lo:hi], " ")-1 <= nearWords && !f.Break(lo, hi)
}

// negated reports whether a negation word ends at most window words before
// start, within the same sentence.
func negated(f *text.Folded, negEnds []int, start, window int) bool {
	for k := len(negEnds) - 1; k >= 0; k-- {
		e := negEnds[k]
		if e > start+1 {
			continue // overlaps the phrase itself ("no experience needed")
		}
		lo, hi := e-1, start+1
		if lo < 0 || hi > len(f.Norm) || lo > hi {
			return false
		}
		words := strings.Count(f.Norm[lo:hi], " ") - 1
		if words > window {
			return false
		}
		return !f.Break(lo, hi)
	}
	return false
}
