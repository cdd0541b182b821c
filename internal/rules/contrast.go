package rules

import "politely/internal/text"

// ContrastAfter reports whether, in f, the text of the last Scan, a
// contrast ("but", "aber", "pero", "但是") begins at or after byte end of the
// folded text (a Hit's End). A turn that says "not on Tuesday, but
// Wednesday works" offers another time rather than saying no, and the
// judgment reads it so. Scan lists the contrasts in order, so only the
// last one is read.
func (s *Scanner) ContrastAfter(f *text.Folded, end int) bool {
	if len(s.buts) == 0 {
		return false
	}
	words := f.List()
	b := s.buts[len(s.buts)-1]
	return b < len(words) && int(words[b].Start) >= end
}
