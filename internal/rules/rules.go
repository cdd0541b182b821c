// Package rules loads and compiles rule packs.
// PLACEHOLDER: being written in the core issue; the signatures stay.
package rules

import "politely/internal/model"

// Pack is a compiled rule pack.
type Pack struct{}

// Default returns the embedded pack.
func Default() (*Pack, error) { return &Pack{}, nil }

// Compile compiles a user's pack.
func Compile(name string, data []byte) (*Pack, error) { return &Pack{}, nil }

// Merge returns p with q's rules added.
func (p *Pack) Merge(q *Pack) *Pack { return p }

// Catalog lists the pack's labels.
func (p *Pack) Catalog() model.Catalog { return model.Catalog{} }
