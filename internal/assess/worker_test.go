package assess

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"politely/internal/model"
)

// requests is every request the tests judge whole: the bundled requests
// (profiles, threads, contacts, headlines), the sample messages and the
// written sets' messages.
func requests(t *testing.T) []model.Request {
	data, err := os.ReadFile("../../testdata/requests.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Request
	for line := range strings.Lines(string(data)) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		r, err := model.Decode([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	for _, m := range append(messages(t), written(t)...) {
		out = append(out, model.Request{Text: m})
	}
	return out
}

// A Worker gives what Assess gives, field for field, though each result is
// written over the one before; a Clone taken before the next keeps it.
func TestWorker(t *testing.T) {
	p := pack(t)
	w := NewWorker(p)
	rs := requests(t)
	var kept []model.Result
	for _, r := range rs {
		want := Assess(p, r)
		got := w.Assess(r)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Worker.Assess(%.60q) =\n%+v\nwant\n%+v", r.Text, got, want)
		}
		kept = append(kept, got.Clone())
	}
	for i, r := range rs {
		if want := Assess(p, r); !reflect.DeepEqual(kept[i], want) {
			t.Fatalf("the clone of the result of %.60q changed after later ones:\n%+v\nwant\n%+v", r.Text, kept[i], want)
		}
	}
	// Without the clone, a later result writes over an earlier one: the
	// contract the Worker's doc states, shown so that nobody relies on more.
	first := w.Assess(rs[0])
	values := first.Scores.Values
	before := append([]float64(nil), values...)
	for _, r := range rs[1:] {
		w.Assess(r)
		if !reflect.DeepEqual(values, before) {
			return
		}
	}
	t.Fatal("no later result reused the first one's scores: is the Worker reusing its memory?")
}

// A Worker whose requests change language on every one gives what a Worker
// that judges only that language gives, in the JSON every host writes: the
// reason templates it keeps cut for one language are never used in another.
// (Assess would not tell: its judges are reused as well.)
func TestWorkerLanguages(t *testing.T) {
	p := pack(t)
	langs := []string{"", "de", "zh", "es", "fr", "pt", "pt-PT"}
	rs := requests(t)
	want := make([][]byte, len(rs))
	for j, ui := range langs {
		one := NewWorker(p)
		for i := j; i < len(rs); i += len(langs) {
			r := rs[i]
			r.UILang = ui
			want[i] = mustJSON(t, one.Assess(r))
		}
	}
	w := NewWorker(p)
	for i, r := range rs {
		r.UILang = langs[i%len(langs)]
		if got := mustJSON(t, w.Assess(r)); !bytes.Equal(got, want[i]) {
			t.Fatalf("Worker.Assess(%.60q, ui %q) =\n%s\nwant\n%s", r.Text, r.UILang, got, want[i])
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A fresh Worker writes what Assess writes, in JSON, for every request: a
// finding with no spans (a context flag) has "evidence": [], not null.
func TestWorkerFresh(t *testing.T) {
	p := pack(t)
	for _, r := range requests(t) {
		if got, want := mustJSON(t, NewWorker(p).Assess(r)), mustJSON(t, Assess(p, r)); !bytes.Equal(got, want) {
			t.Fatalf("a fresh Worker's Assess(%.60q) =\n%s\nwant\n%s", r.Text, got, want)
		}
	}
}
