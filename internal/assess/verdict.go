package assess

import (
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
	firm := ""
	for _, id := range a.pol.FirmFlags {
		if !a.holds(id) {
			continue
		}
		if id == "selling" {
			if a.anyHolds(a.pol.SoftenFirmBy) != "" || a.known {
				reasons = append(reasons, "They are pitching something, but you know each other, so \"not now\" keeps the relationship.")
				continue
			}
		}
		if firm == "" {
			firm = id
		}
		reasons = append(reasons, title(id)+": "+sentence(a.whyShort(id)))
	}
	if firm != "" {
		return model.DeclineFirm, reasons
	}
	door := false
	for _, id := range a.pol.DoorOpenFlags {
		if a.holds(id) {
			door = true
			reasons = append(reasons, title(id)+": "+sentence(a.whyShort(id)))
		}
	}
	if len(reasons) > 0 {
		door = true // a softened pitch
	}
	if !door {
		for _, id := range a.pol.DoorOpenCues {
			if a.holds(id) {
				door = true
				if l, ok := a.p.Label(id); ok {
					reasons = append(reasons, l.Why)
				}
			}
		}
	}
	if door {
		return model.DeclineDoorOpen, reasons
	}
	var good []string
	for _, s := range res.Signals {
		good = append(good, strings.ToLower(s.Title))
	}
	switch {
	case len(good) > 0:
		reasons = append(reasons, "No red flags, and it is "+strings.Join(good, ", ")+": worth a yes.")
	default:
		reasons = append(reasons, "No red flags: a plain, honest request.")
	}
	return model.Accept, reasons
}

// whyShort is the context source of a flag when it has one, else its title's
// explanation.
func (a *judge) whyShort(id string) string {
	if src, ok := a.ctx[id]; ok {
		return src
	}
	if l, ok := a.p.Label(id); ok {
		return l.Why
	}
	return id
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
