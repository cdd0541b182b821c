package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"politely/internal/text"
)

// TestGluedGroups: a {…} group written against an apostrophe is glued to
// it, as a message writes the words ("{we|they}'re" is "we're", not "we
// 're", which folds otherwise), so each form is found in the messages that
// write it, whatever their apostrophe, and the phrases find themselves as
// written.
func TestGluedGroups(t *testing.T) {
	const pack = `{"phrases": [{"id": "t.glued", "label": "selling", "phrases": [
		"{we|they}'re hiring", "{google|meta}'s team", "{I|we}'ve helped", "l'{équipe|agence} commerciale",
		"qu'{il|elle} vend", "{we|they}’re scaling ~ {fast|quickly}", "{we|}'re live"]}]}`
	user, err := Compile("glued.json", []byte(pack))
	if err != nil {
		t.Fatal(err)
	}
	if n := findsItself(t, user); n < 14 {
		t.Fatalf("only %d texts tried", n)
	}
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := def.Merge(user)
	if err != nil {
		t.Fatal(err)
	}
	i := p.ruleIndex("t.glued")
	for _, msg := range []string{
		"Good news: we're hiring!", "They’re hiring again.", "WE'RE HIRING", "I met Google's team", "meta’s team",
		"I've helped founders", "we’ve helped", "Je dirige l'équipe commerciale", "L’agence commerciale",
		"Elle dit qu'il vend bien", "qu’elle vend", "They're scaling really fast", "'re live",
	} {
		if !finds(p, i, msg) {
			t.Errorf("%q: the glued phrase is not found", msg)
		}
	}
	for _, msg := range []string{"we are hiring", "google team", "l'équipe"} {
		if finds(p, i, msg) {
			t.Errorf("%q: found", msg)
		}
	}
	for _, c := range []struct{ phrase, want string }{
		{"{we|they}'re hiring", " were hiring | theyre hiring "},
		{"l’{équipe|agence}", " léquipe | lagence "},
		{"{a|e}\u0301 x", " á x | é x "}, // a combining mark is part of the letter before it
	} {
		ps, err := expand(c.phrase, nil)
		if err != nil {
			t.Fatalf("%q: %v", c.phrase, err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.s)
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("expand(%q) = %q, want %q", c.phrase, strings.Join(got, "|"), c.want)
		}
	}
}

// TestStrictPacks: a pack's misspelt or doubled keys, a rule on a verdict,
// phrases the index cannot take and a cue that a verdict would give
// without words are refused, with the file, the rule and the problem.
func TestStrictPacks(t *testing.T) {
	rule := func(extra string) string {
		return `{"phrases": [{"id": "a", "label": "selling", ` + extra + `"phrases": ["x y"]}]}`
	}
	phrase := func(ph string) string {
		return `{"phrases": [{"id": "a", "label": "selling", "phrases": [` + fmt.Sprintf("%q", ph) + `]}]}`
	}
	words := `{"title": "T", "why": "W"}`
	verdict := `{"id": "yes", "kind": "verdict", "title": "Yes", "why": "W", "i18n": {"zh": ` + words + `, "es": ` + words + `, "fr": ` + words + `, "de": ` + words + `, "pt": ` + words + `}}`
	for _, c := range []struct{ pack, want string }{
		// Misspelt and doubled keys.
		{rule(`"wieght": 2, `), `rule a: unknown key "wieght" (known: id, label, phrases, weight, message, negatable, scope, rapport, also, each, max, about)`},
		{rule(`"negateable": false, `), `rule a: unknown key "negateable"`},
		{rule(`"minutes": 15, `), `rule a: unknown key "minutes"`},
		{rule(`"weight": 1, "weight": 2, `), `rule a: key "weight" appears twice`},
		{rule(`"max": 3, `), `rule a: "max" is read only with "each": true`},
		{rule(`"each": false, "max": 3, `), `rule a: "max" is read only with "each": true`},
		{`{"durations": [{"id": "d", "minutes": 15, "per_units": true, "phrases": ["# mins"]}]}`, `rule d: unknown key "per_units" (known: id, phrases, minutes, per_unit`},
		{`{"negation": {"words": ["not"], "contrast": ["but"]}}`, `rule negation: unknown key "contrast" (known: words, offers, contrasts, about)`},
		{`{"negation": {"words": ["not"], "words": ["no"]}}`, `rule negation: key "words" appears twice`},
		{`{"phrases": [{"id": "a", "label": "selling", "phrases": ["x"]}], "phrases": [{"id": "b", "label": "selling", "phrases": ["y"]}]}`, `key "phrases" appears twice`},
		{`{"labels": [{"id": "c", "kind": "cue", "why": "W", "treshold": 2}]}`, `rule c: unknown key "treshold" (known: id, kind, title, why, reason, threshold, context, i18n, about)`},
		{`{"labels": [{"id": "c", "kind": "cue", "why": "W", "i18n": {"de": {"wyh": "W"}}}]}`, `rule c: i18n.de: unknown key "wyh" (known: title, why, reason, inline)`},
		{`{"labels": [{"id": "c", "kind": "cue", "why": "W", "i18n": {"de": "W"}}]}`, `rule c: i18n.de must be an object`},
		{`{"policy": {"min_words": 3, "min_words": 4}}`, "rule policy.min_words: set twice"},
		{`{"texts": [{"id": "and", "en": "and", "zh": "和", "es": "y", "fr": "et", "de": "und", "pt": "e", "pt_PT": "e"}]}`, `rule and: unknown key "pt_PT"`},
		// A rule on a verdict.
		{`{"labels": [` + verdict + `], "phrases": [{"id": "a", "label": "yes", "phrases": ["x"]}]}`, `rule a: label "yes" is a verdict`},
		{`{"labels": [` + verdict + `, {"id": "c", "kind": "cue", "why": "W"}],
			"phrases": [{"id": "a", "label": "c", "also": "yes", "phrases": ["x"]}]}`, `rule a: label "yes" is a verdict`},
		// Errors that name the file, and quote a long phrase in part.
		{`{"negation": {"words": ["!!!"]}}`, `rule negation.words: negation word "!!!": matches nothing`},
		{`{"negation": {"words": ["not"], "offers": ["{a|"]}}`, `rule negation.offers: offer "{a|": unclosed '{'`},
		// Phrases the index cannot take.
		{phrase("{x|} ~ y"), `phrase "{x|} ~ y": a side of '~' may not be nothing`},
		{phrase("y ~ {a {x|}|!!}"), `a side of '~' may not be nothing`},
		{phrase(strings.Repeat("{", 9) + "a" + strings.Repeat("}", 9)), "{…} groups nest more than 8 deep"},
		{phrase(strings.Repeat("{a} ", 257)), "more than 256 {…} groups"},
		{phrase(strings.Repeat("x", 1000) + strings.Repeat(" {a|b}", 11)), "bytes of phrases"},
		// A cue a verdict gives as its reason needs the words for it.
		{`{"labels": [{"id": "c", "kind": "cue"}], "policy": {"door_open_cues": ["c"]}}`, `rule c: policy.door_open_cues names this cue, so a verdict gives it as a reason: it needs a "why" (or a "reason" template)`},
		{`{"labels": [{"id": "c", "kind": "cue", "title": "C"}], "policy": {"firm_flags": ["c"]}}`, `rule c: policy.firm_flags names this cue`},
	} {
		_, err := Compile("mine.json", []byte(c.pack))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "rule pack mine.json: ") {
			t.Errorf("%.200s:\nerror %v\nwant it to name mine.json and contain %q", c.pack, err, c.want)
		}
	}
	// What the default pack's files hold stays legal, and so does a cue
	// with the words for its reason.
	for _, ok := range []string{
		`{"about": "x", "phrases": [{"id": "a", "label": "c", "about": "a note", "phrases": ["x"]}],
			"labels": [{"id": "c", "kind": "cue", "why": "W", "about": "a note"}], "policy": {"door_open_cues": ["c"]}}`,
		`{"labels": [{"id": "c", "kind": "cue", "reason": "it says {evidence}.", "i18n": {"zh": {"reason": "r"}, "es": {"reason": "r"}, "fr": {"reason": "r"}, "de": {"reason": "r"}, "pt": {"reason": "r"}}}], "policy": {"door_open_cues": ["c"]}}`,
		`{"labels": [{"id": "c", "kind": "cue"}], "policy": {"weak_cues": ["c"], "rules_hold": ["c"]}}`,
		rule(`"each": true, "weight": 0.5, "max": 1, `),
		phrase("{x|} y ~ z"),
		phrase(strings.Repeat("{", 8) + "a" + strings.Repeat("}", 8)),
	} {
		if _, err := Compile("mine.json", []byte(ok)); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// TestMergeErrorsNameFile: errors found only once a user's pack joins the
// default one name the user's file: a policy list's unknown label, a rule
// on a default verdict, a cue the default policy gives as a reason that
// the user's pack left without words.
func TestMergeErrorsNameFile(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ pack, want string }{
		{`{"policy": {"firm_flags": ["sellin"]}}`, `rule pack team.json: rule policy.firm_flags: unknown label "sellin"`},
		{`{"phrases": [{"id": "t.a", "label": "accept", "phrases": ["x"]}]}`, `rule pack team.json: rule t.a: label "accept" is a verdict`},
		{`{"labels": [{"id": "c", "kind": "cue"}], "policy": {"door_open_cues": ["c"]}}`, `rule pack team.json: rule c: policy.door_open_cues names this cue`},
	} {
		q, err := Compile("team.json", []byte(c.pack))
		if err == nil {
			_, err = def.Merge(q)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.pack, err, c.want)
		}
	}
	// A cue of the default policy's door_open_cues, defined again without
	// its words.
	pol := def.Policy()
	if len(pol.DoorOpenCues) == 0 {
		t.Fatal("no door-open cue in the default policy")
	}
	q, err := Compile("team.json", []byte(`{"labels": [{"id": "`+pol.DoorOpenCues[0]+`", "kind": "cue"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := def.Merge(q); err == nil || !strings.Contains(err.Error(), "rule pack team.json: rule "+pol.DoorOpenCues[0]+": policy.door_open_cues names this cue") {
		t.Errorf("a default door-open cue without words: %v", err)
	}
}

// TestLongPhraseError: a refused phrase is quoted in part, however long
// (a phrase of 690 KB made an error line as long).
func TestLongPhraseError(t *testing.T) {
	for _, c := range []struct{ phrase, want string }{
		{strings.Repeat("{a|b} ", 12) + strings.Repeat("word ", 20), "expands to more than 2048 phrases"},
		{strings.Repeat("{a|b} ", 12) + strings.Repeat("word ", 100000), "bytes of phrases"},
		{strings.Repeat("word ", 100000) + "*", "'*' may only end a phrase"},
	} {
		_, err := Compile("mine.json", []byte(`{"phrases": [{"id": "a", "label": "selling", "phrases": ["word* `+c.phrase+`"]}]}`))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `rule a: phrase "word* `) {
			t.Errorf("error %.300v, want %q", err, c.want)
			continue
		}
		if !strings.Contains(err.Error(), fmt.Sprintf("… (%d bytes)", len(c.phrase)+6)) || len(err.Error()) > 250 {
			t.Errorf("an error of %d bytes: %.300s", len(err.Error()), err)
		}
	}
	s := "l’équipe " + strings.Repeat("é", 100)
	if got := quoted(s); !strings.HasPrefix(got, `"l’équipe éé`) || !strings.HasSuffix(got, fmt.Sprintf(`é"… (%d bytes)`, len(s))) || len(got) > 110 {
		t.Errorf("quoted: %s", got)
	}
}

// TestDeepNesting: a phrase nested 50,000 braces deep is refused at once
// (it took 17 s to expand, quadratic in its depth), as are 50,000 groups
// in a row.
func TestDeepNesting(t *testing.T) {
	for _, ph := range []string{
		strings.Repeat("{", 50000) + "a" + strings.Repeat("}", 50000),
		strings.Repeat("{a} ", 50000),
	} {
		start := time.Now()
		_, err := Compile("mine.json", []byte(`{"phrases": [{"id": "a", "label": "selling", "phrases": ["`+ph+`"]}]}`))
		if err == nil || !strings.Contains(err.Error(), "mine.json: rule a: phrase ") {
			t.Errorf("%.20s…: %.200v", ph, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%.20s…: %v to refuse", ph, d)
		}
	}
}

// TestOversizedPack: a pack past what the phrase index holds is refused
// with its file and the rule where the index filled.
func TestOversizedPack(t *testing.T) {
	if testing.Short() {
		t.Skip("a pack of 525,000 words")
	}
	var b strings.Builder
	b.WriteString(`{"phrases": [{"id": "small", "label": "selling", "phrases": ["x"]}, {"id": "t.big", "label": "selling", "phrases": [`)
	for i := range 1<<idBits + 10 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		for n := i + 1; n > 0; n /= 26 {
			b.WriteByte(byte('a' + n%26)) // a word of letters only: a digit would fold to "#"
		}
		b.WriteByte('"')
	}
	b.WriteString(`]}]}`)
	_, err := Compile("big.json", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "rule pack big.json: rule t.big: the pack is too big") {
		t.Fatalf("error %v", err)
	}
}

// TestNFDScan: a message in decomposed Unicode (a letter, then its
// combining accent) finds the accented phrases of the default pack, and the
// hit maps back to the whole of the letters and their marks.
func TestNFDScan(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, c := range []struct{ nfc, nfd string }{
		{"¿podemos tener una llamada rápida?", "¿podemos tener una llamada ra\u0301pida?"},
		{"Ich würde mich über ein kurzes Gespräch freuen", "Ich wu\u0308rde mich u\u0308ber ein kurzes Gespra\u0308ch freuen"},
		{"Serait-il possible d'échanger quelques minutes ?", "Serait-il possible d'e\u0301changer quelques minutes ?"},
	} {
		a, b := p.Scan(text.Fold(c.nfc)), p.Scan(text.Fold(c.nfd))
		if len(a) == 0 || len(a) != len(b) {
			t.Errorf("%q: %d hits, %d in NFD", c.nfc, len(a), len(b))
			continue
		}
		for k := range a {
			if a[k].Rule != b[k].Rule {
				t.Errorf("%q: hit %d is rule %d, %d in NFD", c.nfc, k, a[k].Rule, b[k].Rule)
			}
			// The same words, each accent two bytes in NFC and three in NFD.
			got := c.nfd[b[k].From:b[k].To]
			want := c.nfc[a[k].From:a[k].To]
			if text.Fold(got).Norm != text.Fold(want).Norm || strings.Count(got, "\u0301")+strings.Count(got, "\u0308") != len(got)-len(want) {
				t.Errorf("%q: NFD hit %q, NFC %q", c.nfc, got, want)
			}
			found = found || strings.ContainsAny(got, "\u0301\u0308")
		}
	}
	if !found {
		t.Fatal("no hit holds an accent: the test reads nothing")
	}
}
