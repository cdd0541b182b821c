package main

import (
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
	code, stdout, errs = assessCLI(t, "", false, nil, "eval", "--cv", "3", "--untuned", set, set)
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
		{[]string{"eval", "--cv", "1", set}, 1, "at least 2 folds"},
	} {
		code, _, errs := assessCLI(t, "", false, nil, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	broken := filepath.Join(dir, "broken.json")
	data, _ := os.ReadFile(out)
	os.WriteFile(broken, data[:len(data)/2], 0o644)
	code, _, errs = assessCLI(t, "hello", false, nil, "assess", "--rules", broken, "-")
	if code != 1 || !strings.Contains(errs, "broken.json") {
		t.Errorf("a truncated model: exit %d %q", code, errs)
	}
}
