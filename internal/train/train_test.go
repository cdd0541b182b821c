package train

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"politely/internal/eval"
	"politely/internal/model"
	"politely/internal/rules"
)

// corpusDir is where the real corpora live, beside the checkout; they are
// never copied into the project.
const corpusDir = "../../../shared/corpus"

func readCorpus(t *testing.T, file string, untuned bool) []Doc {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, err := eval.Read(f, eval.CorpusLabels)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return Docs(file, items, untuned)
}

// bare is the default pack without its model, as training starts from.
func bare(t *testing.T) *rules.Pack {
	t.Helper()
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	if p, err = p.WithModel(nil); err != nil {
		t.Fatal(err)
	}
	return p
}

// pitches is a small corpus of twelve sources: a pitch and a friendly note
// where the rules are fitted, and a soft pitch where they are not; with
// more, a fourth message in every third source, so that words differ in
// how many messages hold them.
func pitches(more bool) []Doc {
	var docs []Doc
	for i := range 12 {
		src := string(rune('a' + i))
		docs = append(docs,
			Doc{ID: src + "1", Text: "Hi, could we book a demo of our platform next week?", Group: src, Untuned: true, Gold: map[string]bool{"selling": true}},
			Doc{ID: src + "2", Text: "Hi, great to meet you at the meetup, let's stay in touch.", Group: src, Untuned: true, Gold: map[string]bool{}},
			Doc{ID: src + "3", Text: "Is this on your radar for next quarter?", Group: src, Gold: map[string]bool{"selling": true}},
		)
		if more && i%3 == 0 {
			docs = append(docs, Doc{ID: src + "4", Text: "Our platform helps teams like yours. Book a demo?", Group: src, Untuned: true, Gold: map[string]bool{"selling": true}})
		}
	}
	return docs
}

// TestReproduce trains on the corpora exactly as make train does and
// compares with the committed model byte for byte: the binary always holds
// what the data gives.
func TestReproduce(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("no ../shared/corpus beside the checkout")
	}
	docs := readCorpus(t, filepath.Join(corpusDir, "dev.jsonl"), false)
	docs = append(docs, readCorpus(t, filepath.Join(corpusDir, "train.jsonl"), true)...)
	written, _ := filepath.Glob("../../testdata/eval/*.jsonl")
	for _, w := range written {
		docs = append(docs, readCorpus(t, w, false)...)
	}
	p := bare(t)
	m, err := Train(p, docs, Defaults(Labels()))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../rules/pack/model.json")
	if err != nil {
		t.Fatal(err)
	}
	got := m.JSON(About(docs, Defaults(Labels())))
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("training does not reproduce internal/rules/pack/model.json (run make train): line %d differs:\n got %.200s\nwant %.200s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("training does not reproduce internal/rules/pack/model.json (run make train): %d lines, want %d", len(gl), len(wl))
	}
}

func TestFolds(t *testing.T) {
	groups := []string{"a", "a", "a", "b", "b", "c", "d", "d", "e"}
	f := Folds(groups, 3)
	for i := range groups {
		for j := range groups {
			if groups[i] == groups[j] && f[i] != f[j] {
				t.Fatalf("group %s split across folds %d and %d", groups[i], f[i], f[j])
			}
		}
	}
	if g := Folds(groups, 3); !equal(f, g) {
		t.Fatalf("folds differ between runs: %v %v", f, g)
	}
}

// TestCheck: options that make no sense are refused by name, by Train and
// CrossValidate too, rather than panicking deep inside a fit; Folds itself
// takes any k.
func TestCheck(t *testing.T) {
	for _, c := range []struct {
		set  func(*Options)
		want string
	}{
		{func(o *Options) {}, ""},
		{func(o *Options) { o.MinDF, o.Keep, o.Written, o.L2 = 0, 0, 0, 0 }, ""},
		{func(o *Options) { o.Config.CharMin, o.Config.CharMax = 3, 5 }, ""},
		{func(o *Options) { o.Folds = 0 }, "folds: must be at least 2"},
		{func(o *Options) { o.Folds = -1 }, "folds: must be at least 2"},
		{func(o *Options) { o.Folds = 1 }, "folds: must be at least 2"},
		{func(o *Options) { o.L2 = -1 }, "l2: must be 0 or more"},
		{func(o *Options) { o.L2 = math.NaN() }, "l2: must be 0 or more"},
		{func(o *Options) { o.L2Rules = -1 }, "l2-rules: must be 0 or more"},
		{func(o *Options) { o.MinDF = -1 }, "min-df: must be 0 or more (0 counts as 1)"},
		{func(o *Options) { o.Keep = -1 }, "keep: must be 0 (all) or more"},
		{func(o *Options) { o.Written = -0.5 }, "written: must be 0 (counts as 1) or more"},
		{func(o *Options) { o.Config.CharMin, o.Config.CharMax = 5, 3 }, "chars: must be MIN,MAX with 1 <= MIN <= MAX"},
		{func(o *Options) { o.Config.CharMin, o.Config.CharMax = 0, 3 }, "chars: must be MIN,MAX with 1 <= MIN <= MAX"},
		{func(o *Options) { o.L2Grid = []float64{0.1, 0} }, "l2-grid: 0 is not a positive number"},
	} {
		o := Defaults([]string{"selling"})
		c.set(&o)
		if err := o.Check(); fmt.Sprint(err) != c.want && (err != nil || c.want != "") {
			t.Errorf("%v: %v, want %q", o, err, c.want)
		}
		if c.want == "" {
			continue
		}
		if _, err := Train(bare(t), pitches(false), o); err == nil || err.Error() != c.want {
			t.Errorf("Train with %v: %v, want %q", o, err, c.want)
		}
		if _, err := CrossValidate(bare(t), pitches(false), nil, o, 2); err == nil || err.Error() != c.want {
			t.Errorf("CrossValidate with %v: %v, want %q", o, err, c.want)
		}
	}
	for _, k := range []int{-1, 0, 1} {
		if f := Folds([]string{"a", "b"}, k); !equal(f, []int{0, 0}) {
			t.Errorf("Folds(k=%d) = %v", k, f)
		}
	}
	if _, err := CrossValidate(bare(t), pitches(false), nil, Defaults([]string{"selling"}), 13); err == nil || err.Error() != "cross-validation into 13 folds needs at least 13 sources; the corpora hold 12" {
		t.Errorf("more folds than sources: %v", err)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGroup(t *testing.T) {
	for _, c := range [][2]string{
		{"owner/repo:path/file.md", "owner/repo"},
		{"https://www.example.com/post/1", "example.com"},
		{"example.org", "example.org"},
	} {
		if got := Group(c[0]); got != c[1] {
			t.Errorf("Group(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestUnfittedRule: a rule is a feature of the model only where it fires
// in some message of the training set. One that fires in none is left out,
// so that it adds its stated weight instead of the nothing a weight fitted
// to no message would be; one that fires only in tuned messages, where
// rules are not fitted, stays in with no weight.
func TestUnfittedRule(t *testing.T) {
	p := bare(t)
	m, err := Train(p, pitches(false), Defaults([]string{"selling"}))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		rule string
		in   bool
	}{{"selling.demo", true}, {"selling.sdr", true}, {"selling.we-serve", false}} {
		if got := slices.Contains(m.Names, "r:"+c.rule); got != c.in {
			t.Errorf("%s is a feature: %v, want %v", c.rule, got, c.in)
		}
	}
}

// TestCommonestFirst: the model numbers its text features by how many of
// the messages hold them, the commonest first and ties by name, and its
// rules after them, so that the rows a message adds up lie close together.
func TestCommonestFirst(t *testing.T) {
	p := bare(t)
	docs := pitches(true)
	opt := Defaults([]string{"selling"})
	m, err := Train(p, docs, opt)
	if err != nil {
		t.Fatal(err)
	}
	c := read(p, opt.Config, docs)
	df := map[string]int{}
	for _, f := range c.feats {
		for _, id := range f.text {
			df[c.vocab[id]]++
		}
	}
	counts, rulesAt := map[int]bool{}, -1
	for i, n := range m.Names {
		if strings.HasPrefix(n, "r:") {
			if rulesAt < 0 {
				rulesAt = i
			}
			continue
		}
		if rulesAt >= 0 {
			t.Fatalf("text feature %q (%d) comes after the rule %q", n, i, m.Names[rulesAt])
		}
		counts[df[n]] = true
		if i == 0 {
			continue
		}
		if prev := m.Names[i-1]; df[prev] < df[n] || df[prev] == df[n] && prev > n {
			t.Fatalf("%q (in %d messages) comes after %q (in %d)", n, df[n], prev, df[prev])
		}
	}
	if len(counts) < 3 || rulesAt < 0 {
		t.Fatalf("the test needs text features of several counts and a rule: counts %v, first rule at %d", counts, rulesAt)
	}
}

// TestUnlabeled: a message whose line leaves a kind of label out is no
// negative example of that kind. Words found only in such messages get no
// weight for a flag when the flags are unlabeled, and a negative one when
// the same messages label "no flag".
func TestUnlabeled(t *testing.T) {
	p := bare(t)
	weight := func(unlabeled eval.Kinds) (float64, bool) {
		var docs []Doc
		for i := range 12 {
			src := string(rune('a' + i))
			docs = append(docs,
				Doc{ID: src + "1", Text: "Hi, could we book a demo of our platform next week?", Group: src, Gold: map[string]bool{"selling": true}},
				Doc{ID: src + "2", Text: "Hi, great to meet you at the meetup, let's stay in touch.", Group: src, Gold: map[string]bool{}},
				Doc{ID: src + "3", Text: "Would you mentor me on zebra migration research?", Group: src, Gold: map[string]bool{"mentorship": true}, Unlabeled: unlabeled},
			)
		}
		m, err := Train(p, docs, Defaults([]string{"selling", "mentorship"}))
		if err != nil {
			t.Fatal(err)
		}
		f := m.Feature("w:zebra")
		if f < 0 {
			return 0, false
		}
		return m.Weight(f, 0)
	}
	if w, known := weight(eval.KindFlags | eval.KindSignals | eval.KindVerdict); known && w != 0 {
		t.Errorf("a word of messages with no flags labeled weighs %v for selling, want 0", w)
	}
	if w, known := weight(0); !known || w >= 0 {
		t.Errorf("a word of messages labeled with no flag weighs %v (known %v) for selling, want < 0", w, known)
	}
}

func TestKindOf(t *testing.T) {
	for id, want := range map[string]eval.Kinds{"selling": eval.KindFlags, "referral": eval.KindAsks, "follow_up": eval.KindSignals, DoorOpen: eval.KindVerdict} {
		if got := kindOf(id); got != want {
			t.Errorf("kindOf(%q) = %v, want %v", id, got, want)
		}
	}
}

// TestBootstrap: the intervals are the same run after run, hold the figure
// itself, and collapse to it where a line has one source (drawing it again
// can only give the same messages).
func TestBootstrap(t *testing.T) {
	var xs []pair
	for i := range 40 {
		src := string(rune('a' + i%8))
		d := Doc{ID: fmt.Sprint(i), Group: src, Lang: "en", Gold: map[string]bool{"selling": i%2 == 0}, Verdict: "accept"}
		res := model.Result{Verdict: "accept"}
		if i%3 == 0 { // right on some, wrong on others
			res.Flags = []model.Finding{{ID: "selling"}}
		}
		xs = append(xs, pair{d, res})
	}
	a, b := bootstrap(xs, 200), bootstrap(xs, 200)
	if a != b {
		t.Fatalf("two runs differ: %+v %+v", a, b)
	}
	point := report(xs).MacroF1()
	if a.Sources != 8 || a.Lo[0] > point || a.Hi[0] < point || a.Lo[0] == a.Hi[0] {
		t.Fatalf("flags interval %.3f-%.3f over %d sources, figure %.3f", a.Lo[0], a.Hi[0], a.Sources, point)
	}
	for i := range xs {
		xs[i].doc.Group = "one"
	}
	if one := bootstrap(xs, 50); one.Sources != 1 || one.Lo != one.Hi || math.Abs(one.Lo[0]-point) > 1e-12 {
		t.Fatalf("one source: %+v, figure %.3f", one, point)
	}
}

// TestAgainst: a run compared with itself differs by nothing; a run that
// gets one more message right differs by that; and a saved run of other
// messages, or a broken line, is an error that says so.
func TestAgainst(t *testing.T) {
	var judged []pair
	for i := range 12 {
		d := Doc{ID: fmt.Sprint("m\x01\"é", i), Group: fmt.Sprint(i % 4), Lang: "en", Gold: map[string]bool{"selling": i < 6}, Verdict: "decline_firm"}
		res := model.Result{Verdict: "accept"}
		if i < 3 {
			res = model.Result{Verdict: "decline_firm", Flags: []model.Finding{{ID: "selling"}}}
		}
		judged = append(judged, pair{d, res})
	}
	base := &CV{lines: linesOf(judged)}
	var saved bytes.Buffer
	if err := base.Save(&saved); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(saved.String()), "\n") {
		if !gjson.Valid(line) {
			t.Fatalf("Save wrote a line that is no JSON: %s", line)
		}
	}
	same, err := base.Against(bytes.NewReader(saved.Bytes()), 100)
	if err != nil {
		t.Fatal(err)
	}
	if d := same["all"]; d.Delta != [4]float64{} || d.Lo != [4]float64{} || d.Hi != [4]float64{} || d.Messages != 12 {
		t.Fatalf("a run against itself: %+v", d)
	}
	improved := slices.Clone(judged)
	improved[3].res = model.Result{Verdict: "decline_firm", Flags: []model.Finding{{ID: "selling"}}}
	better := &CV{lines: linesOf(improved)}
	diff, err := better.Against(bytes.NewReader(saved.Bytes()), 100)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff["all"]; d.Delta[0] <= 0 || d.Delta[3] <= 0 || d.Hi[0] < d.Delta[0] || d.Lo[0] < 0 {
		t.Fatalf("one more right: %+v", d)
	}
	for _, bad := range []struct{ saved, want string }{
		{strings.Replace(saved.String(), `é3"`, `é99"`, 1), "did not judge"},
		{strings.SplitAfterN(saved.String(), "\n", 2)[1], "judged 11 messages"},
		{"{bad\n", "line 1"},
	} {
		if _, err := base.Against(strings.NewReader(bad.saved), 10); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("want an error with %q, got %v", bad.want, err)
		}
	}
}
