package train

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"politely/internal/eval"
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
	items, err := eval.Read(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return Docs(file, items, untuned)
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
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	if p, err = p.WithModel(nil); err != nil {
		t.Fatal(err)
	}
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
