// Package reply writes the message politely suggests sending.
// PLACEHOLDER: being written in the replies issue; the signatures stay.
package reply

import "politely/internal/model"

// Write chooses a scenario (or honours r.Scenario) and writes the reply.
func Write(r model.Request, res model.Result) (model.Reply, error) {
	return model.Reply{Scenario: "door_open", Tone: "warm", Lang: "en", Text: "Thank you for reaching out."}, nil
}

// Scenarios lists the scenario ids.
func Scenarios() []string { return []string{"door_open"} }

// Tones lists the tone ids.
func Tones() []string { return []string{"warm"} }

// Langs lists the supported languages.
func Langs() []string { return []string{"en"} }
