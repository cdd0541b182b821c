package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"politely/internal/model"
	"politely/internal/text"
)

// ANSI styles for a terminal; plain text elsewhere and under NO_COLOR.
const (
	styleRed   = "\x1b[1;31m"
	styleGreen = "\x1b[1;32m"
	styleBold  = "\x1b[1m"
	styleDim   = "\x1b[2m"
	styleOff   = "\x1b[0m"
)

// writeAssessment prints a result for a person: the message with its evidence
// highlighted, the verdict and reasons, each flag and signal with why it
// matters and the exact phrases, the asks and time, and the reply.
func writeAssessment(w io.Writer, r model.Request, res model.Result, color bool) {
	st := func(style, s string) string {
		if !color {
			return s
		}
		return style + s + styleOff
	}
	verdictTitle := map[string]string{model.Accept: "accept — worth a yes", model.DeclineDoorOpen: "decline_door_open — not now, but…", model.DeclineFirm: "decline_firm — a polite, firm no"}
	vs := styleGreen
	if res.Verdict != model.Accept {
		vs = styleRed
	}
	fmt.Fprintf(w, "%s %s\n", st(styleBold, "Recommendation:"), st(vs, verdictTitle[res.Verdict]))
	for _, reason := range res.Reasons {
		fmt.Fprintf(w, "  · %s\n", reason)
	}
	section := func(title, mark, style string, fs []model.Finding) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", st(styleBold, title))
		for _, f := range fs {
			fmt.Fprintf(w, "  %s %s (%s)\n", st(style, mark), st(styleBold, f.Title), f.ID)
			fmt.Fprintf(w, "    %s\n", f.Why)
			for _, ev := range f.Evidence {
				fmt.Fprintf(w, "    %s %s\n", st(styleDim, fmt.Sprintf("%5d–%-5d", ev.Start, ev.End)), st(style, "“"+oneLine(ev.Text)+"”"))
			}
		}
	}
	section("Red flags", "✗", styleRed, res.Flags)
	section("Green signals", "✓", styleGreen, res.Signals)
	fmt.Fprintf(w, "\n%s ", st(styleBold, "They ask for:"))
	if len(res.Asks) == 0 {
		fmt.Fprint(w, "nothing specific")
	} else {
		fmt.Fprint(w, strings.Join(res.Asks, ", "))
	}
	if res.MinutesAsked > 0 {
		fmt.Fprintf(w, " — about %d minutes of your time", res.MinutesAsked)
	}
	fmt.Fprintln(w)
	if color {
		fmt.Fprintf(w, "\n%s\n%s\n", st(styleBold, "The message, highlighted:"), highlight(r.Text, res))
	}
	if res.Reply != nil {
		fmt.Fprintf(w, "\n%s %s\n", st(styleBold, "Suggested reply"), st(styleDim, fmt.Sprintf("(%s, %s, %s):", res.Reply.Scenario, res.Reply.Tone, res.Reply.Lang)))
		for _, line := range strings.Split(res.Reply.Text, "\n") {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
}

// highlight colours the evidence inside the message (red flags over green
// signals where they overlap).
func highlight(msg string, res model.Result) string {
	type mark struct {
		a, b  int
		style string
	}
	var marks []mark
	for _, f := range res.Signals {
		for _, e := range f.Evidence {
			marks = append(marks, mark{e.Start, e.End, styleGreen})
		}
	}
	for _, f := range res.Flags {
		for _, e := range f.Evidence {
			marks = append(marks, mark{e.Start, e.End, styleRed})
		}
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].a < marks[j].a })
	var b strings.Builder
	pos := 0
	for _, m := range marks {
		if m.a < pos {
			continue
		}
		b.WriteString(text.Slice16(msg, pos, m.a))
		b.WriteString(m.style + text.Slice16(msg, m.a, m.b) + styleOff)
		pos = m.b
	}
	b.WriteString(text.Slice16(msg, pos, text.Len16(msg)))
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
