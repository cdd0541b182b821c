package assess

import (
	"cmp"
	"slices"
	"strings"

	"politely/internal/model"
)

// verdict applies the policy in a fixed order: firm flags first (a pitch from
// someone the user knows is softened to "not now"), then flags and cues that
// leave the door open, else accept. Each step says why in plain words.
func (a *judge) verdict(res *model.Result) (string, []string) {
	var reasons []string
	title := func(id string) string {
		if l, ok := a.p.Label(id); ok && l.Title != "" {
			return l.Title
		}
		return id
	}
	firm, softened := "", false
	for _, id := range a.pol.FirmFlags {
		if !a.holds(id) {
			continue
		}
		if id == "selling" && (a.anyHolds(a.pol.SoftenFirmBy) != "" || a.known) {
			softened = true
			continue
		}
		if firm == "" {
			firm = id
		}
		reasons = append(reasons, title(id)+": "+a.reason(id))
	}
	if firm != "" {
		return model.DeclineFirm, reasons
	}
	if softened {
		reasons = append(reasons, title("selling")+": "+a.reason("selling")+" You know each other, so \"not now\" keeps the relationship.")
	}
	door := false
	for _, id := range a.pol.DoorOpenFlags {
		if a.holds(id) {
			door = true
			reasons = append(reasons, title(id)+": "+a.reason(id))
		}
	}
	if len(reasons) > 0 {
		door = true // a softened pitch
	}
	if !door {
		for _, id := range a.pol.DoorOpenCues {
			weak := slices.Contains(a.pol.WeakCues, id) && a.goodSignals(res) > 0
			if a.holds(id) && !weak && !(id == "recruiter" && a.known) {
				door = true
				reasons = append(reasons, sentence(a.reason(id)))
			}
		}
	}
	if door {
		return model.DeclineDoorOpen, reasons
	}
	if len(res.Signals) == 0 && len(res.Asks) == 0 && a.f.Words() < int(a.pol.MinWords) {
		// "Hi", "Hello there": nothing to say yes to, and nothing against them.
		return model.DeclineDoorOpen, append(reasons, "The message is too short to say what they want: a connection here is the most it needs.")
	}
	var good []string
	for _, s := range res.Signals {
		good = append(good, strings.ToLower(s.Title))
	}
	switch {
	case len(good) > 0:
		reasons = append(reasons, "No red flags, and good signs: "+strings.Join(good, ", ")+".")
	default:
		reasons = append(reasons, "No red flags: a plain, honest request.")
	}
	return model.Accept, reasons
}

// reason says in one sentence why a flag or cue holds: where a context flag
// came from, or the label's reason template filled with the asks and the
// first phrases of evidence.
func (a *judge) reason(id string) string {
	if src, ok := a.ctx[id]; ok {
		return sentence(src)
	}
	l, _ := a.p.Label(id)
	tmpl := l.Reason
	if tmpl == "" {
		return sentence(l.Why)
	}
	var quotes []string
	// Quote the two strongest phrases, in the order they appear.
	strongest := spans(append([]hit{}, a.hitsOf(id)...), 1<<30)
	slices.SortStableFunc(strongest, func(x, y hit) int { return cmp.Compare(y.weight, x.weight) })
	for _, h := range spans(strongest[:min(2, len(strongest))], 2) {
		quotes = append(quotes, "“"+strings.Join(strings.Fields(a.r.Text[h.start:h.end]), " ")+"”")
	}
	ev := strings.Join(quotes, ", ")
	out := strings.ReplaceAll(tmpl, "{evidence}", ev)
	out = strings.ReplaceAll(out, " ()", "")
	var asked []string
	for _, x := range a.pol.FavourAsks {
		if a.asks[x] {
			if l, ok := a.p.Label(x); ok {
				asked = append(asked, strings.ToLower(l.Title))
			}
		}
	}
	if len(asked) == 0 {
		asked = []string{"a favour"}
	}
	out = strings.ReplaceAll(out, "{asks}", andList(asked))
	return sentence(out)
}

func andList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// goodSignals counts the signals that speak for the sender; a follow-up
// nudge is a signal but says nothing for them.
func (a *judge) goodSignals(res *model.Result) int {
	n := 0
	for _, s := range res.Signals {
		if s.ID != "follow_up" {
			n++
		}
	}
	return n
}
