package model

import (
	"errors"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	r, err := Decode([]byte(`{"id": 7, "text": "hi \u00e9", "kind": "Invitation", "now": "2026-11-22T10:00:00Z", "sender": {"name": "Ana", "degree": "2nd"},
		"thread": [{"from": "Me", "text": "hello"}], "profile": {"capacity_hours_per_week": 3, "break_until": "2027-01-15",
		"contacts": [{"name": "Bo", "negative": true}], "experts": [{"name": "Cy", "topics": ["seo"]}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "7" || r.Text != "hi é" || r.Kind != "invitation" || r.Now.Year() != 2026 || r.Sender.Degree != 2 || r.Thread[0].From != "me" ||
		r.Profile.CapacityHoursPerWeek != 3 || r.Profile.BreakUntil.Month() != 1 || !r.Profile.Contacts[0].Negative || r.Profile.Experts[0].Topics[0] != "seo" {
		t.Fatalf("%+v", r)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`{"text": "hi"`, ErrInvalidJSON.Error()},
		{`[1]`, "must be a JSON object"},
		{`{"text": 5}`, `field "text": must be a string`},
		{`{"text": "x", "sender": []}`, `field "sender": must be an object`},
		{`{"text": "x", "sender": {"degree": 9}}`, `field "sender.degree"`},
		{`{"text": "x", "thread": [{"from": "bot", "text": "x"}]}`, `field "thread.0.from"`},
		{`{"text": "x", "profile": {"contacts": [{"name": 1}]}}`, `field "profile.contacts.0.name"`},
		{`{"text": "x", "profile": {"capacity_hours_per_week": "lots"}}`, `field "profile.capacity_hours_per_week": must be a number`},
		{`{"text": "x", "profile": {"break_until": "soon"}}`, `field "profile.break_until": must be a date`},
		{`{"text": "x", "now": "yesterday"}`, `field "now"`},
		{`{"text": "x", "kind": "post"}`, `field "kind": must be "message" or "invitation"`},
		{`{"text": "   "}`, ErrEmptyText.Error()},
		{`{}`, ErrEmptyText.Error()},
		{`{"text": "x", "a": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, ErrTooDeep.Error()},
	} {
		_, err := Decode([]byte(c.body))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.body, err, c.want)
		}
	}
	var fe *FieldError
	if _, err := Decode([]byte(`{"text": 1}`)); !errors.As(err, &fe) || fe.Field != "text" {
		t.Errorf("want a *FieldError for text, got %v", err)
	}
}

func TestDecodeInvalidUTF8(t *testing.T) {
	r, err := Decode([]byte("{\"text\": \"a\xffb\"}"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != "a\uFFFDb" {
		t.Fatalf("%q", r.Text)
	}
}

// FuzzDecode: any bytes give a request or a clear error; never a panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"text": "hi"}`, `{"text": "x", "thread": [{"from": "me"}]}`, `{"profile": {"contacts": [1]}}`, `nul`, "{\"text\": \"\xff\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Decode(b)
		if err == nil && strings.TrimSpace(r.Text) == "" {
			t.Fatal("empty text accepted")
		}
	})
}
