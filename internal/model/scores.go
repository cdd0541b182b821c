package model

import (
	"encoding/json"
	"fmt"

	"github.com/tidwall/gjson"
)

// Scores is the learned probability of every label a model scores (flags,
// signals and asks, held or not), in pack order. It encodes as the JSON
// array [{"id", "score"}, ...], byte for byte what a []Score encodes as;
// the zero value (a pack without a model) is left out of a result.
//
// It holds numbers, not Score values: IDs is one list the engine shares
// with every result of a pack (read, never written to), and a result's own
// part is a list of numbers with no pointer in it, which the garbage
// collector need not scan nor a copy guard. Twenty id-and-score pairs a
// message, each id a pointer, cost some 4% of the judgment's time.
type Scores struct {
	IDs    []string  // by label: shared, never written to
	Values []float64 // by label
}

// ScoresOf makes Scores from pairs: for a host or a test that builds a
// result by hand.
func ScoresOf(list ...Score) Scores {
	s := Scores{IDs: make([]string, len(list)), Values: make([]float64, len(list))}
	for i, x := range list {
		s.IDs[i], s.Values[i] = x.ID, x.Score
	}
	return s
}

// Len is how many labels are scored.
func (s Scores) Len() int { return min(len(s.IDs), len(s.Values)) }

// At is the i-th label's id and score.
func (s Scores) At(i int) Score { return Score{ID: s.IDs[i], Score: s.Values[i]} }

// Get is the score of label id; false when the model does not score it.
func (s Scores) Get(id string) (float64, bool) {
	for i := range s.Len() {
		if s.IDs[i] == id {
			return s.Values[i], true
		}
	}
	return 0, false
}

// List is the scores as id-and-score pairs, in a new list.
func (s Scores) List() []Score {
	out := make([]Score, s.Len())
	for i := range out {
		out[i] = s.At(i)
	}
	return out
}

// IsZero reports whether nothing is scored (encoding/json's omitzero).
func (s Scores) IsZero() bool { return s.Len() == 0 }

// MarshalJSON writes the scores as the []Score they stand for: encoding/json
// writes them, so ids and numbers are written as everywhere else (a copy of
// its float formatting here cost more to keep right than the microsecond a
// response it saved). It fails only on a score that is not a finite number.
func (s Scores) MarshalJSON() ([]byte, error) { return json.Marshal(s.List()) }

// UnmarshalJSON reads the array MarshalJSON writes (null: none). Other
// shapes are refused, an item without an id or a number included.
func (s *Scores) UnmarshalJSON(b []byte) error {
	v := gjson.ParseBytes(b)
	if v.Type == gjson.Null {
		*s = Scores{}
		return nil
	}
	if !v.IsArray() {
		return fmt.Errorf("scores: want an array of {id, score}")
	}
	var out Scores
	var bad error
	v.ForEach(func(_, x gjson.Result) bool {
		id, sc := x.Get("id"), x.Get("score")
		if !x.IsObject() || id.Type != gjson.String || sc.Type != gjson.Number {
			bad = fmt.Errorf("scores[%d]: want {id, score}", len(out.IDs))
			return false
		}
		out.IDs, out.Values = append(out.IDs, id.String()), append(out.Values, sc.Num)
		return true
	})
	if bad != nil {
		return bad
	}
	*s = out
	return nil
}
