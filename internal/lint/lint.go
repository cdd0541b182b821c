// Package lint checks a draft reply against the advice politely follows.
// PLACEHOLDER: being written in the replies issue; the signature stays.
package lint

import "politely/internal/model"

// Check returns the findings for a draft in lang ("" means English).
func Check(text, lang string) ([]model.Issue, error) { return nil, nil }
