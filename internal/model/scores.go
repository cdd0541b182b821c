package model

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

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

// MarshalJSON writes the scores as a []Score encodes: ids as JSON strings,
// numbers as encoding/json formats a float64 (TestScoresJSON holds the two
// to the same bytes). It never fails on a finite score.
func (s Scores) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+s.Len()*32)
	b = append(b, '[')
	for i := range s.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, s.IDs[i])
		b = append(b, `,"score":`...)
		var err error
		if b, err = appendFloat(b, s.Values[i]); err != nil {
			return nil, err
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// appendString appends s as a JSON string: a label id is plain letters and
// underscores, written as it is; anything else is left to encoding/json,
// whose escaping (HTML characters included) a []Score would get.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendFloat appends f as encoding/json writes a float64: the shortest
// decimal that reads back the same, in exponent form below 1e-6 or from
// 1e21 on, with a two-digit exponent trimmed of its zero.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("json: unsupported score %v", f)
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// 1e-07 is written 1e-7.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

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
