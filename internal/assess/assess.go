// Package assess judges one networking request: red flags with evidence,
// green signals, asks, time asked and a verdict.
// PLACEHOLDER: being written in the core issue; the signature stays.
package assess

import (
	"politely/internal/model"
	"politely/internal/rules"
)

// Assess judges r with the compiled pack p. It never panics.
func Assess(p *rules.Pack, r model.Request) model.Result {
	return model.Result{Verdict: model.Accept, Flags: []model.Finding{}, Signals: []model.Finding{}, Asks: []string{}, Reasons: []string{}}
}
