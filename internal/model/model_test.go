package model

import (
	"reflect"
	"testing"
)

// A clone shares no list with its result: writing into one leaves the other
// as it was, and empty and nil lists keep their kind, so both encode alike.
func TestClone(t *testing.T) {
	r := Result{
		Verdict: Accept,
		Flags:   []Finding{{ID: "selling", Evidence: []Span{{Start: 1, End: 2, Text: "x"}}}},
		Signals: []Finding{},
		Asks:    []string{"meeting"},
		Reasons: []string{"why"},
		Cues:    nil,
		Scores:  ScoresOf(Score{ID: "selling", Score: 0.5}),
		Reply:   &Reply{Text: "hi"},
	}
	c := r.Clone()
	if !reflect.DeepEqual(c, r) {
		t.Fatalf("Clone = %+v, want %+v", c, r)
	}
	c.Flags[0].Evidence[0].Start, c.Flags[0].ID, c.Asks[0], c.Reasons[0] = 9, "other", "job", "other"
	c.Scores.Values[0], c.Reply.Text = 0.9, "bye"
	if r.Flags[0].Evidence[0].Start != 1 || r.Flags[0].ID != "selling" || r.Asks[0] != "meeting" || r.Reasons[0] != "why" || r.Scores.Values[0] != 0.5 || r.Reply.Text != "hi" {
		t.Fatalf("writing into the clone changed the result: %+v", r)
	}
}
