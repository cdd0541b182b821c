package assess

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"politely/internal/golden"
	"politely/internal/model"
)

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
		golden.Check(t, filepath.Join("testdata", "golden", name+".json"), got)
	}
}
