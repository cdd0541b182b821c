package model

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sameAsList fails unless s encodes, alone and inside a result, to the
// bytes a []Score of the same pairs encodes to, and reads back the same.
func sameAsList(t *testing.T, s Scores) {
	t.Helper()
	got, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("%v: %v", s, err)
	}
	want, err := json.Marshal(s.List())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("Scores encode as\n%s\nwant, as a []Score,\n%s", got, want)
	}
	var back Scores
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	if !slices.Equal(back.IDs, s.IDs) || !slices.EqualFunc(back.Values, s.Values, func(a, b float64) bool { return a == b }) {
		t.Fatalf("%s read back as %v, want %v", got, back, s)
	}
}

// TestScoresJSON: Scores encode byte for byte as the []Score they replace,
// in every float format encoding/json uses and with ids that need escaping.
func TestScoresJSON(t *testing.T) {
	for _, c := range []struct {
		name string
		s    Scores
	}{
		{"labels", ScoresOf(Score{"selling", 0.612}, Score{"premature_ask", 0}, Score{"meeting", 1})},
		{"tiny and huge", ScoresOf(Score{"a", 1e-7}, Score{"b", 5e-324}, Score{"c", 1e21}, Score{"d", 1e20}, Score{"e", -0.001}, Score{"f", 1e-6})},
		{"odd ids", ScoresOf(Score{`<b>"x"</b>`, 0.5}, Score{"名前", 0.25}, Score{"a&b\u2028", 0.125}, Score{"", 0.1}, Score{"a<b", 0.2}, Score{"x&y", 0.3}, Score{"p>q", 0.4})},
		{"none", Scores{}},
	} {
		t.Run(c.name, func(t *testing.T) { sameAsList(t, c.s) })
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		n := rng.IntN(25)
		var s Scores
		for i := range n {
			s.IDs = append(s.IDs, string(rune('a'+i)))
			switch rng.IntN(3) {
			case 0:
				s.Values = append(s.Values, math.Round(rng.Float64()*1000)/1000) // what round3 gives
			case 1:
				s.Values = append(s.Values, rng.Float64())
			default:
				s.Values = append(s.Values, math.Float64frombits(rng.Uint64())) // anything finite
			}
			if v := s.Values[i]; math.IsNaN(v) || math.IsInf(v, 0) {
				s.Values[i] = 0
			}
		}
		sameAsList(t, s)
	}
	// A result without a model has no "scores" at all.
	if b, err := json.Marshal(Result{}); err != nil || containsKey(b, "scores") {
		t.Errorf("a result with no scores encodes as %s (%v)", b, err)
	}
	if _, err := json.Marshal(ScoresOf(Score{"x", math.NaN()})); err == nil {
		t.Error("a NaN score encoded")
	}
	for _, bad := range []string{`{}`, `[1]`, `[{"id": 1, "score": 0.5}]`, `[{"id": "x"}]`, `"x"`} {
		var s Scores
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("%s read as %v", bad, s)
		}
	}
}

func containsKey(b []byte, key string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return false
	}
	_, ok := m[key]
	return ok
}

// FuzzScores: any id and any finite number encode as a []Score does.
func FuzzScores(f *testing.F) {
	f.Add("selling", 0.612)
	f.Add("<&>", 1e-7)
	f.Add("\xff", 1e21)
	f.Fuzz(func(t *testing.T, id string, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		s := ScoresOf(Score{id, v}, Score{"x", -v})
		got, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(s.List())
		if string(got) != string(want) {
			t.Fatalf("%s, want %s", got, want)
		}
	})
}
