package lint

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// referenceFindAll and referenceHedges are the ways findAll and hedging
// worked before they were made linear, kept as the tests' oracle.
func referenceFindAll(d *doc, list []phrase) []span {
	var out []span
	for _, ph := range list {
	next:
		for _, sp := range d.find(ph) {
			for _, o := range out {
				if sp.s < o.e && o.s < sp.e {
					continue next
				}
			}
			out = append(out, sp)
		}
	}
	slices.SortFunc(out, func(a, b span) int {
		if a.s != b.s {
			return a.s - b.s
		}
		return a.e - b.e
	})
	return out
}

func referenceHedges(d *doc, t *table) []span {
	found := referenceFindAll(d, t.hedgeAlways)
	soft := referenceFindAll(d, t.hedge)
	dec := referenceFindAll(d, t.decline)
	for _, s := range d.sentences() {
		in := func(sp span) bool { return sp.s >= s.s && sp.e <= s.e }
		if !slices.ContainsFunc(dec, in) {
			continue
		}
	next:
		for _, sp := range soft {
			if !in(sp) {
				continue
			}
			for _, o := range found {
				if sp.s < o.e && o.s < sp.e {
					continue next
				}
			}
			found = append(found, sp)
		}
	}
	return found
}

// draft is a random text of every list's phrases, words, punctuation and
// line breaks: overlapping phrases, hedges in and out of declining
// sentences.
func draft(rng *rand.Rand, lists map[string][]string) string {
	var b strings.Builder
	keys := []string{"thanks", "apology", "reasons", "decline", "promise", "hedge_always", "hedge"}
	for range rng.IntN(60) {
		switch rng.IntN(6) {
		case 0, 1, 2:
			l := lists[keys[rng.IntN(len(keys))]]
			if len(l) > 0 {
				b.WriteString(strings.TrimSuffix(l[rng.IntN(len(l))], "*"))
			}
		case 3:
			b.WriteString([]string{"the", "call", "Sam", "week", "x"}[rng.IntN(5)])
		case 4:
			b.WriteString([]string{". ", "! ", "\n", ", ", "? "}[rng.IntN(5)])
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// TestLinearAsBefore: the linear findAll and hedging find what the
// quadratic ones did, on random drafts in every language.
func TestLinearAsBefore(t *testing.T) {
	ts, err := tables()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, lang := range Langs() {
		tb := ts[lang]
		lists := rawLists(t, lang)
		for trial := range 400 {
			text := draft(rng, lists)
			d := newDoc(text)
			for name, l := range map[string][]phrase{"thanks": tb.thanks, "apology": tb.apology, "decline": tb.decline, "hedge": tb.hedge, "promise": tb.promise} {
				if got, want := d.findAll(l), referenceFindAll(d, l); !slices.Equal(got, want) {
					t.Fatalf("%s %d %s: %q\nfound %v, before %v", lang, trial, name, text, got, want)
				}
			}
			c := checker{d: d, t: tb}
			c.hedging()
			var got, want []int
			for _, is := range c.out {
				got = append(got, is.Start, is.End)
			}
			for _, sp := range referenceHedges(d, tb) {
				want = append(want, d.u16[sp.s], d.u16[sp.e])
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s %d: %q\nhedges %v, before %v", lang, trial, text, got, want)
			}
		}
	}
}

// rawLists reads the phrases of a language's data file as written.
func rawLists(t *testing.T, lang string) map[string][]string {
	b, err := files.ReadFile("data/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	gjson.ParseBytes(b).ForEach(func(k, v gjson.Result) bool {
		for _, p := range v.Array() {
			out[k.String()] = append(out[k.String()], p.String())
		}
		return true
	})
	return out
}

// BenchmarkCheckLong: drafts of 256 KB (the API's largest body) that once
// took seconds: every span compared with every one before it.
func BenchmarkCheckLong(b *testing.B) {
	for _, w := range []string{"sorry ", "maybe I think ", "I can't, I think maybe. ", "Thanks! Because I can't. "} {
		text := strings.Repeat(w, (256<<10)/len(w))
		b.Run(strings.TrimSpace(w), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := Check(text, "en"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
