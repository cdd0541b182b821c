package triage

import (
	"bytes"
	"html"
	"net/url"
	"strconv"
	"strings"
)

// htmlRow writes one table row of the report. It is written by hand rather
// than with html/template because it runs once per conversation and the
// template's reflection cost most of the report's time; every piece of text
// goes through html.EscapeString (which also escapes both quote characters,
// so it is safe inside attributes), and a link is written only for an
// http(s) URL.
func htmlRow(b *bytes.Buffer, c Conversation) {
	e := html.EscapeString
	w := b.WriteString
	w(`<tr data-id="` + e(c.ID) + `" data-kind="` + e(c.Kind) + `" data-verdict="` + e(c.Verdict) + `" data-folder="` + e(c.Folder) +
		`" data-flags=" ` + e(strings.Join(c.Flags, " ")) + ` " data-answered="` + strconv.FormatBool(c.Answered) + "\">\n")

	w(`<td data-sort="` + e(c.With) + `">`)
	if u := safeURL(c.WithURL); u != "" {
		w(`<a href="` + e(u) + `" rel="noopener noreferrer" target="_blank">` + e(c.With) + `</a>`)
	} else {
		w(e(c.With))
	}
	w("\n" + `<div class="muted small">`)
	switch c.Kind {
	case "request":
		w("wrote to you")
	case "invitation":
		w("invited you to connect, with a note")
	case "group":
		w("group conversation")
	default:
		w("you wrote first")
	}
	if c.Kind == "invitation" {
		if c.Answered {
			w(" · now a connection")
		}
	} else {
		w(" · " + strconv.Itoa(c.Messages) + " msg")
	}
	if c.Folder != "" {
		w(" · " + e(strings.ToLower(c.Folder)))
	}
	if r := c.Rapport; r != nil {
		if r.Connected {
			w(" · connected")
			if r.ConnectedSince != "" {
				w(" since " + e(day(r.ConnectedSince)))
			}
		}
		if r.WroteBefore {
			w(" · you wrote to them before")
		}
	}
	if c.FollowUpAfterDecline {
		w(` · <span class="tag warn">follow-up after your no</span>`)
	}
	w("</div></td>\n")

	w(`<td data-sort="` + e(c.LastAt) + `">` + e(day(c.LastAt)) + "</td>\n")
	if c.Answered {
		w(`<td data-sort="1">yes</td>` + "\n")
	} else {
		w(`<td data-sort="0"><span class="tag warn">no</span></td>` + "\n")
	}
	w(`<td data-sort="` + strconv.Itoa(verdictRank(c.Verdict)) + `">`)
	if c.Verdict != "" {
		w(`<span class="verdict v-` + e(c.Verdict) + `">` + e(verdictLabel(c.Verdict)) + `</span>`)
	} else {
		w(`<span class="muted">—</span>`)
	}
	w("</td>\n")

	w(`<td data-sort="` + strconv.Itoa(len(c.Flags)) + `">`)
	for _, f := range c.Flags {
		w(`<span class="chip">` + e(f) + `</span> `)
	}
	for _, s := range c.Signals {
		w(`<span class="chip sig">` + e(s) + `</span> `)
	}
	w("</td>\n")

	w(`<td class="msg">`)
	if c.Text != "" {
		w(`<details><summary>`)
		if len(c.Asks) > 0 {
			w("asks: " + e(strings.Join(c.Asks, ", ")))
			if c.MinutesAsked > 0 {
				w(" · " + strconv.Itoa(c.MinutesAsked) + " min")
			}
		} else {
			w("message")
		}
		w(`</summary><div class="text">`)
		for _, s := range segments(c.Text, c.Evidence) {
			if s.IDs == "" {
				w(e(s.Text))
				continue
			}
			class := "flag"
			if s.Signal {
				class = "sig"
			}
			w(`<mark class="` + class + `" title="` + e(s.IDs) + `">` + e(s.Text) + `</mark>`)
		}
		w(`</div>`)
		if len(c.Reasons) > 0 {
			w(`<ul class="reasons">`)
			for _, r := range c.Reasons {
				w("<li>" + e(r) + "</li>")
			}
			w(`</ul>`)
		}
		w(`</details>`)
	}
	if c.Error != "" {
		w(`<p class="tag warn">` + e(c.Error) + `</p>`)
	}
	w("</td>\n")

	w(`<td class="reply">`)
	if c.Reply != "" {
		w(`<div class="reply-text">` + e(c.Reply) + `</div><button type="button" class="copy">Copy</button>`)
	}
	w("</td>\n</tr>\n")
}

// safeURL returns u when it is an absolute http(s) URL, else "".
func safeURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
		return ""
	}
	return p.String()
}
