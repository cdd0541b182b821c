package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// train writes a model a pack can load, eval --cv cross-validates by source,
// and both refuse bad settings and missing files in one line.
func TestTrainCLI(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "model.json")
	set := "../../testdata/eval/handwritten.jsonl"
	bogus := filepath.Join(dir, "bogus.jsonl")
	os.WriteFile(bogus, []byte(`{"text":"Hi","flags":[]}`+"\n"+`{"text":"Buy now","flags":["bogus_flag"]}`+"\n"), 0o644)
	maybe := filepath.Join(dir, "maybe.jsonl")
	os.WriteFile(maybe, []byte(`{"text":"Hi","verdict":"maybe"}`+"\n"), 0o644)
	code, stdout, errs := assessCLI(t, "", false, nil, "train", "--untuned", set, "-o", out, set)
	if code != 0 || !strings.Contains(stdout, "20 labels") {
		t.Fatalf("train: exit %d\n%s%s", code, stdout, errs)
	}
	// The model, loaded as a user's pack, replaces the default one: the
	// scores differ.
	msg := "We help companies like yours. Worth a 15-minute demo?"
	_, def, _ := assessCLI(t, msg, false, nil, "assess", "--json", "-")
	code, stdout, errs = assessCLI(t, msg, false, nil, "assess", "--json", "--rules", out, "-")
	if code != 0 || !strings.Contains(stdout, `"scores"`) || stdout == def {
		t.Fatalf("assess with the trained model: exit %d\n%s%s", code, stdout, errs)
	}
	// Three sources: the untuned set by its source, the others by file.
	a, b := "../../testdata/eval/written-a.jsonl", "../../testdata/eval/written-b.jsonl"
	code, stdout, errs = assessCLI(t, "", false, nil, "eval", "--cv", "3", "--untuned", set, set, a, b)
	if code != 0 || !strings.Contains(stdout, "3-fold cross-validation grouped by source") || !strings.Contains(stdout, "asks macro-F1") {
		t.Fatalf("eval --cv: exit %d\n%s%s", code, stdout, errs)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train"}, 2, "at least one CORPUS"},
		{[]string{"train", "--chars", "3", set}, 2, "--chars wants MIN,MAX"},
		{[]string{"train", "--quantum", "0.0015", set}, 2, "--quantum wants a positive multiple of 0.001"},
		{[]string{"eval", "--cv", "2", "--quantum", "0", set}, 2, "--quantum wants a positive multiple"},
		{[]string{"train", "--l2-grid", "0,x", set}, 2, "not a positive number"},
		{[]string{"train", "-o", out, filepath.Join(dir, "none.jsonl")}, 1, "no such file"},
		// Settings that make no sense are refused before any work.
		{[]string{"train", "-o", out, "--folds", "0", set}, 2, "--folds: must be at least 2"},
		{[]string{"train", "-o", out, "--folds", "-1", set}, 2, "--folds: must be at least 2"},
		{[]string{"eval", "--cv", "2", "--folds", "1", set}, 2, "--folds: must be at least 2"},
		{[]string{"eval", "--cv", "1", set}, 2, "--cv wants 0 (no cross-validation) or 2 folds or more, got 1"},
		{[]string{"eval", "--cv", "-1", set}, 2, "--cv wants 0"},
		{[]string{"eval", "--cv", "4", "--draws", "0", set, a, b}, 2, "--cv 4: the corpora hold 3 sources, and every fold needs one (use --cv 3 or fewer)"},
		{[]string{"eval", "--cv", "2", set}, 2, "--cv 2: the corpora hold 1 source, and every fold needs one (cross-validation needs corpora from 2 sources or more)"},
		{[]string{"train", "-o", out, "--untuned", "/nonexistent.jsonl", set}, 1, "politely: --untuned /nonexistent.jsonl: no such file or directory"},
		{[]string{"eval", "--cv", "2", "--draws", "-1", set}, 2, "--draws wants 0"},
		{[]string{"eval", "--untuned", set, "--save", out, set}, 2, "--save, --untuned only with --cv K"},
		{[]string{"train", "--l2", "-1", set}, 2, "--l2: must be 0 or more"},
		{[]string{"train", "--l2-rules", "-0.5", set}, 2, "--l2-rules: must be 0 or more"},
		{[]string{"train", "--min-df", "-1", set}, 2, "--min-df: must be 0 or more"},
		{[]string{"train", "--keep", "-1", set}, 2, "--keep: must be 0 (all) or more"},
		{[]string{"train", "--written", "-1", set}, 2, "--written: must be 0 (counts as 1) or more"},
		{[]string{"train", "--chars", "5,3", set}, 2, "--chars: must be MIN,MAX with 1 <= MIN <= MAX"},
		{[]string{"train", "--chars", "0,3", set}, 2, "--chars: must be MIN,MAX with 1 <= MIN <= MAX"},
		{[]string{"train", "--chars", "a,b", set}, 2, "--chars wants MIN,MAX"},
		{[]string{"train", "-o", dir, set}, 2, "-o " + dir + " is a directory"},
		{[]string{"train", "-o", "/nonexistent/dir/m.json", set}, 2, "the folder /nonexistent/dir does not exist"},
		{[]string{"eval", "--cv", "2", "--save", dir, set}, 2, "--save " + dir + " is a directory"},
		// --untuned marks a corpus given: it must be one of them.
		{[]string{"train", "-o", out, "--untuned", "/nonexistent.jsonl", set}, 1, "no such file"},
		{[]string{"train", "-o", out, "--untuned", dir, set}, 1, "is a directory"},
		{[]string{"train", "-o", out, "--untuned", a, set}, 2, "--untuned " + a + " is not among the corpora"},
		{[]string{"eval", "--cv", "2", "--untuned", a, set}, 2, "is not among the corpora"},
		// A label the pack does not know names its file, line and field.
		{[]string{"train", "-o", out, bogus}, 1, bogus + `: line 2: field "flags.0": unknown flag "bogus_flag"`},
		{[]string{"eval", bogus}, 1, bogus + `: line 2: field "flags.0": unknown flag "bogus_flag"`},
		{[]string{"eval", "--cv", "2", bogus}, 1, bogus + `: line 2: field "flags.0": unknown flag "bogus_flag"`},
		{[]string{"eval", maybe}, 1, maybe + `: line 1: field "verdict": "maybe" is not a verdict`},
	} {
		code, _, errs := assessCLI(t, "", false, nil, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	// A byte-order mark, and flags after the corpus: the same model.
	withBOM := filepath.Join(dir, "bom.jsonl")
	corpus, _ := os.ReadFile(set)
	os.WriteFile(withBOM, append([]byte("\uFEFF"), corpus...), 0o644)
	again := filepath.Join(dir, "again.json")
	code, _, errs = assessCLI(t, "", false, nil, "train", withBOM, "--untuned", withBOM, "-o", again)
	if want, _ := os.ReadFile(out); code != 0 || !bytes.Equal(mustRead(t, again), want) {
		t.Errorf("a corpus with a byte-order mark, flags after it: exit %d %s", code, errs)
	}
	broken := filepath.Join(dir, "broken.json")
	data, _ := os.ReadFile(out)
	os.WriteFile(broken, data[:len(data)/2], 0o644)
	code, _, errs = assessCLI(t, "hello", false, nil, "assess", "--rules", broken, "-")
	if code != 1 || !strings.Contains(errs, "broken.json") {
		t.Errorf("a truncated model: exit %d %q", code, errs)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
