// Package model holds the data that flows between politely's parts: the
// request a host decodes, the assessment the engine returns, the reply and the
// lint findings. It has no behaviour beyond decoding and small helpers, so
// every other package can depend on it without cycles.
package model

import (
	"slices"
	"time"
)

// Request is one message to assess, with the context that changes the
// judgment. Every field but Text is optional.
type Request struct {
	ID      string    `json:"id,omitempty"` // echoed back by --jsonl; never judged
	Text    string    `json:"text"`
	Now     time.Time `json:"now"` // zero when the caller gave none; the engine never reads a clock
	Sender  Sender    `json:"sender"`
	Thread  []Turn    `json:"thread,omitempty"`
	Profile Profile   `json:"profile"`
	// Kind is "invitation" when Text is the note of a connection invitation
	// (which asks to connect whatever it says), "" or "message" otherwise.
	Kind string `json:"kind,omitempty"`

	// Overrides for the reply (POST /v1/reply, politely reply --scenario ...).
	// Empty means "choose from the assessment and the profile".
	Scenario string `json:"scenario,omitempty"`
	Tone     string `json:"tone,omitempty"`
	Lang     string `json:"lang,omitempty"`

	// UILang is the language of the user's interface (the extension's
	// locale): the titles, explanations and reasons of the result are
	// written in it, else in Lang, else in English. It never changes the
	// judgment, and a language politely does not speak falls back.
	UILang string `json:"ui_lang,omitempty"`
}

// Sender is who wrote the message, as far as the host page or export tells.
type Sender struct {
	Name       string `json:"name,omitempty"`
	Headline   string `json:"headline,omitempty"`
	ProfileURL string `json:"profile_url,omitempty"`
	Degree     int    `json:"degree,omitempty"` // 1, 2, 3; 0 when unknown ("1st" is accepted on input)
}

// Turn is one earlier message of the thread, oldest first.
type Turn struct {
	From string `json:"from"` // "me" or "them"
	Text string `json:"text"`
	At   string `json:"at,omitempty"`
}

// Profile is what the user told politely about themselves.
type Profile struct {
	Name                   string    `json:"name,omitempty"`
	Signature              string    `json:"signature,omitempty"`
	Company                string    `json:"company,omitempty"`
	CapacityHoursPerWeek   float64   `json:"capacity_hours_per_week,omitempty"`
	CommittedHoursThisWeek float64   `json:"committed_hours_this_week,omitempty"`
	BreakUntil             time.Time `json:"break_until,omitempty"`
	Expertise              []string  `json:"expertise,omitempty"`
	Contacts               []Contact `json:"contacts,omitempty"`
	Resources              []Link    `json:"resources,omitempty"`
	Events                 []Event   `json:"events,omitempty"`
	Groups                 []Group   `json:"groups,omitempty"`
	Experts                []Expert  `json:"experts,omitempty"`
	Tone                   string    `json:"tone,omitempty"`
	Lang                   string    `json:"lang,omitempty"`
}

// Contact is someone the user knows something about.
type Contact struct {
	Name     string `json:"name"`
	Note     string `json:"note,omitempty"`
	Negative bool   `json:"negative,omitempty"`
}

// Link is a resource the user is happy to point people to.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Event is an event the user will attend.
type Event struct {
	Name string `json:"name"`
	When string `json:"when,omitempty"`
}

// Group is a community the user takes part in.
type Group struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// Expert is a person the user may redirect questions to.
type Expert struct {
	Name   string   `json:"name"`
	Topics []string `json:"topics,omitempty"`
}

// Span is a piece of the request's text. Start and End are UTF-16 code-unit
// offsets into Request.Text exactly as given, so a browser can pass them to
// String.slice; Text equals that slice.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Finding is a red flag or a green signal with the evidence behind it.
type Finding struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Why   string `json:"why"`
	// Score is the learned probability that the label holds, 0 to 1; a
	// finding read from context (the profile, the thread) scores 1.
	Score    float64 `json:"score"`
	Evidence []Span  `json:"evidence"`
}

// Score is one label's learned probability.
type Score struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

// Verdicts, in order of firmness.
const (
	Accept          = "accept"
	DeclineDoorOpen = "decline_door_open"
	DeclineFirm     = "decline_firm"
)

// Result is the assessment of one request.
type Result struct {
	Verdict      string    `json:"verdict"`
	Flags        []Finding `json:"flags"`
	Signals      []Finding `json:"signals"`
	Asks         []string  `json:"asks"`
	MinutesAsked int       `json:"minutes_asked"`
	Reasons      []string  `json:"reasons"`
	// Cues lists the cues that left the door open (a verdict of
	// decline_door_open with no flag behind it): "recruiter" (a role
	// offered), "vague", "generic", "door_open" (the learned cue), in pack
	// order, so that a reply can answer what the message is.
	Cues []string `json:"cues,omitempty"`
	// Scores lists the probability of every label the model scores (flags,
	// signals and asks, held or not), in pack order.
	Scores Scores `json:"scores,omitzero"`
	Lang   string `json:"lang,omitempty"` // the message's language as detected from its text (by the engine); absent when unclear
	Reply  *Reply `json:"reply,omitempty"`
}

// Has reports whether the result carries the flag or signal id.
func (r *Result) Has(id string) bool {
	for _, f := range r.Flags {
		if f.ID == id {
			return true
		}
	}
	for _, s := range r.Signals {
		if s.ID == id {
			return true
		}
	}
	return false
}

// Cued reports whether the cue id left the door open (Cues).
func (r *Result) Cued(id string) bool { return slices.Contains(r.Cues, id) }

// Asked reports whether the sender asks for the given ask id.
func (r *Result) Asked(id string) bool {
	for _, a := range r.Asks {
		if a == id {
			return true
		}
	}
	return false
}

// Clone returns a copy of r that shares no list with it: what a caller
// keeps of a result written into reused memory (assess.Worker). Strings are
// shared, as they never change; the scores' ids are the pack's. Empty lists
// stay empty and nil ones nil, so the copy encodes as r does.
func (r Result) Clone() Result {
	c := r
	c.Flags, c.Signals = cloneFindings(r.Flags), cloneFindings(r.Signals)
	c.Asks, c.Reasons, c.Cues = slices.Clone(r.Asks), slices.Clone(r.Reasons), slices.Clone(r.Cues)
	c.Scores.Values = slices.Clone(r.Scores.Values)
	if r.Reply != nil {
		rep := *r.Reply
		c.Reply = &rep
	}
	return c
}

func cloneFindings(fs []Finding) []Finding {
	out := slices.Clone(fs)
	for i := range out {
		out[i].Evidence = slices.Clone(out[i].Evidence)
	}
	return out
}

// Reply is the message politely suggests sending.
type Reply struct {
	Scenario string `json:"scenario"`
	Tone     string `json:"tone"`
	Lang     string `json:"lang"`
	Text     string `json:"text"`
}

// Issue is one lint finding on a draft reply.
type Issue struct {
	ID      string `json:"id"`
	Message string `json:"message"`
	Start   int    `json:"start"` // UTF-16 offsets into the draft
	End     int    `json:"end"`
	Text    string `json:"text"`
}

// Label names one flag, signal or ask for a UI.
type Label struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Why   string `json:"why,omitempty"`
}

// Catalog is what a UI needs to label an assessment (GET /v1/rules).
type Catalog struct {
	Lang      string   `json:"lang"` // the language of the titles and explanations
	Flags     []Label  `json:"flags"`
	Signals   []Label  `json:"signals"`
	Asks      []Label  `json:"asks"`
	Verdicts  []Label  `json:"verdicts"`
	Scenarios []string `json:"scenarios"`
	Tones     []string `json:"tones"`
	Langs     []string `json:"langs"`
}
