package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"politely/internal/model"
	"politely/internal/text"
)

// looksJSON reports whether t, which starts with "{", means to be a JSON
// object: its first key's quote follows the brace. A message that only
// starts with a brace ("{first_name}, hi!") does not.
func looksJSON(t []byte) bool {
	rest := bytes.TrimLeft(t[1:], " \t\r\n")
	return len(rest) > 0 && (rest[0] == '"' || rest[0] == '}')
}

// reqOpts are the context flags shared by the commands that build a request
// (assess, reply): --profile FILE, --from NAME, --headline TITLE and --now TIME.
type reqOpts struct {
	Profile  string // path of a profile JSON file; "" for none
	From     string // sender's name
	Headline string // sender's headline (their job title as LinkedIn shows it)
	Now      string // RFC 3339 or a plain date; "" means the clock
}

// request builds a request from the input: a JSON request object (as in
// --jsonl) when the input is one, else the message text as is. Flags fill
// what the input leaves empty, except --from, --headline and --profile, which win because
// the user typed them. The engine reads no clock, so now comes from here.
func (c *cli) request(raw []byte, o reqOpts) (model.Request, error) {
	var r model.Request
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '{' {
		var err error
		if r, err = model.Decode(t); err != nil && (!errors.Is(err, model.ErrInvalidJSON) || looksJSON(t)) {
			// A broken request (a trailing comma, a missing quote) read as
			// a message would lose its sender, thread and profile, and be
			// judged on its own syntax: it is refused instead.
			if errors.Is(err, model.ErrInvalidJSON) {
				return r, errors.New(`the input starts like a JSON request ({"…) but is not valid JSON; fix it, or give the message as plain text`)
			}
			return r, err
		}
	}
	// A message that only starts like JSON ("{first_name}, hi!") is text.
	if r.Text == "" {
		r.Text = text.Valid(string(raw))
		if model.Blank(r.Text) {
			return r, model.ErrEmptyText
		}
		// The limit model.Decode sets on a request's text, which the API
		// and --jsonl apply too.
		if len(r.Text) > model.MaxText {
			return r, fmt.Errorf("the message is %d bytes; the limit is %d (%d MiB)", len(r.Text), model.MaxText, model.MaxText>>20)
		}
	}
	if o.Profile != "" {
		p, err := c.profile(o.Profile)
		if err != nil {
			return r, err
		}
		r.Profile = p
	}
	if o.From != "" {
		r.Sender.Name = strings.TrimSpace(o.From)
	}
	if o.Headline != "" {
		r.Sender.Headline = strings.TrimSpace(o.Headline)
	}
	switch {
	case o.Now != "":
		t, err := model.ParseTime(o.Now)
		if err != nil {
			return r, fmt.Errorf("--now: %w (use 2026-11-22 or 2026-11-22T10:00:00Z)", err)
		}
		r.Now = t
	case r.Now.IsZero():
		r.Now = c.now().UTC()
	}
	return r, nil
}
