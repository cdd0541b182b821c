package assess

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"politely/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden assesses every bundled message and request and compares the
// result with testdata/golden/NAME.json. After an intended change, run
// `go test ./internal/assess -update` and review the diff.
func TestGolden(t *testing.T) {
	p := pack(t)
	cases := map[string]model.Request{}
	files, _ := filepath.Glob("../../testdata/messages/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		cases["message-"+name] = model.Request{Text: string(b), Now: now}
	}
	f, err := os.Open("../../testdata/requests.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		r, err := model.Decode(sc.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		cases["request-"+r.ID] = r
	}
	if len(cases) < 10 {
		t.Fatalf("only %d cases", len(cases))
	}
	for name, r := range cases {
		got, err := json.MarshalIndent(Assess(p, r), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", "golden", name+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run go test ./internal/assess -update)", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test ./internal/assess -update and review the diff): %s", name, path, firstDiff(want, got))
		}
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d: want %q, got %q", i+1, strings.TrimSpace(a), strings.TrimSpace(b))
		}
	}
	return "same lines"
}
