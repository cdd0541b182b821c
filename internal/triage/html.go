package triage

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf16"

	"politely/internal/model"
)

// The report is one file with its CSS and JS inline and its charts as inline
// SVG, so it opens offline. Message text only ever reaches it escaped (by
// html/template in the head, by html.EscapeString in rows and charts); the Content-Security-Policy allows just
// this file's own script and style (by hash) and no network at all, so even
// markup that slipped through could not run or load anything.

//go:embed report.tmpl
var reportTmpl string

//go:embed report.css
var reportCSS string

//go:embed report.js
var reportJS string

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{"day": day}).Parse(reportTmpl))

func day(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format("2 Jan 2006")
	}
	return s
}

// verdictRank orders verdicts by firmness for sorting.
func verdictRank(v string) int {
	switch v {
	case model.Accept:
		return 1
	case model.DeclineDoorOpen:
		return 2
	case model.DeclineFirm:
		return 3
	}
	return 0
}

func verdictLabel(v string) string {
	switch v {
	case model.Accept:
		return "Accept"
	case model.DeclineDoorOpen:
		return "Decline, door open"
	case model.DeclineFirm:
		return "Decline firmly"
	}
	return ""
}

type page struct {
	Sum     Summary
	CSS     template.CSS
	JS      template.JS
	CSP     string
	Hours   float64
	Charts  []chart
	FlagIDs []string
	Folders []string
}

type chart struct {
	Title, Note string
	SVG         template.HTML
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// htmlOut streams the report: the head and summary, then one table row per
// conversation, then the script.
type htmlOut struct {
	sum  Summary
	prof model.Profile
	p    page
}

func (h *htmlOut) head(w io.Writer) error {
	sum := h.sum
	h.p = page{Sum: sum, CSS: template.CSS(reportCSS), JS: template.JS(reportJS),
		CSP:   "default-src 'none'; style-src " + hash(reportCSS) + "; script-src " + hash(reportJS) + "; img-src data:; base-uri 'none'; form-action 'none'",
		Hours: math.Round(float64(sum.MinutesRequested)/6) / 10}
	for id := range sum.ByFlag {
		h.p.FlagIDs = append(h.p.FlagIDs, id)
	}
	sort.Strings(h.p.FlagIDs)
	for f := range sum.ByFolder {
		h.p.Folders = append(h.p.Folders, f)
	}
	sort.Strings(h.p.Folders)
	h.p.Charts = charts(sum, h.prof)
	return tmpl.ExecuteTemplate(w, "head", h.p)
}

func (h *htmlOut) tail(w io.Writer) error { return tmpl.ExecuteTemplate(w, "tail", h.p) }

// segment is a piece of a message between evidence boundaries.
type segment struct {
	Text   string
	IDs    string // flags and signals covering it, space-separated ("" for plain text)
	Signal bool   // only signals cover it
}

// segments cuts text at the UTF-16 evidence offsets so the template can
// escape each piece and wrap the highlighted ones in <mark>. Offsets outside
// the text or inside a surrogate pair are clamped or moved to the next
// character; it never panics.
func segments(text string, ev []Evidence) []segment {
	n16 := 0
	for _, r := range text {
		n16 += u16len(r)
	}
	bounds := map[int]bool{0: true, n16: true}
	var spans []Evidence
	for _, e := range ev {
		s, en := max(0, min(e.Start, n16)), max(0, min(e.End, n16))
		if s < en {
			bounds[s], bounds[en] = true, true
			e.Start, e.End = s, en
			spans = append(spans, e)
		}
	}
	if len(spans) == 0 {
		return []segment{{Text: text}}
	}
	cuts := make([]int, 0, len(bounds))
	for b := range bounds {
		cuts = append(cuts, b)
	}
	sort.Ints(cuts)
	// Map each cut to a byte offset: the first rune starting at or after it.
	at := make(map[int]int, len(cuts))
	u, k := 0, 0
	for i, r := range text {
		for k < len(cuts) && cuts[k] <= u {
			at[cuts[k]] = i
			k++
		}
		u += u16len(r)
	}
	for ; k < len(cuts); k++ {
		at[cuts[k]] = len(text)
	}
	var out []segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		piece := text[at[a]:at[b]]
		if piece == "" {
			continue
		}
		var ids []string
		signal := true
		for _, e := range spans {
			if e.Start <= a && e.End >= b {
				if !contains(ids, e.ID) {
					ids = append(ids, e.ID)
				}
				signal = signal && e.Signal
			}
		}
		out = append(out, segment{Text: piece, IDs: strings.Join(ids, " "), Signal: len(ids) > 0 && signal})
	}
	return out
}

// u16len is how many UTF-16 code units JavaScript counts for r (an invalid
// byte decodes to U+FFFD, one unit).
func u16len(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// charts draws the summary as inline SVG.
func charts(sum Summary, prof model.Profile) []chart {
	months := monthRange(sum.ByMonth, 24)
	var counts, hours []float64
	for _, m := range months {
		counts = append(counts, float64(sum.ByMonth[m]))
		hours = append(hours, float64(sum.MinutesByMonth[m])/60)
	}
	var out []chart
	out = append(out, chart{Title: "Requests per month", SVG: bars(months, counts, 0, "", "")})
	budget := prof.CapacityHoursPerWeek * 52 / 12
	note := "No weekly budget in the profile (capacity_hours_per_week); pass --profile to compare."
	if budget > 0 {
		note = fmt.Sprintf("Dashed line: your budget of %g h a week (%.1f h a month).", prof.CapacityHoursPerWeek, budget)
	}
	out = append(out, chart{Title: "Hours requested per month", Note: note, SVG: bars(months, hours, budget, "h", "budget")})
	var ids []string
	var vals []float64
	for id := range sum.ByFlag {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool {
		if sum.ByFlag[ids[a]] != sum.ByFlag[ids[b]] {
			return sum.ByFlag[ids[a]] > sum.ByFlag[ids[b]]
		}
		return ids[a] < ids[b]
	})
	for _, id := range ids {
		vals = append(vals, float64(sum.ByFlag[id]))
	}
	fnote := ""
	if len(ids) == 0 {
		fnote = "No red flags found."
	}
	out = append(out, chart{Title: "Red flags", Note: fnote, SVG: hbars(ids, vals, "bar flag")})
	inv := []float64{float64(sum.InvitationRequests), float64(sum.InvitationsNoNote), float64(sum.InvitationsSent)}
	inote := "Received invitations with a note are assessed like messages; the others are only counted."
	if sum.Invitations == 0 {
		inote = "No Invitations.csv in the export, or no invitation in it."
	}
	out = append(out, chart{Title: "Invitations", Note: inote, SVG: hbars([]string{"with a note", "without a note", "sent by you"}, inv, "bar")})
	out = append(out, chart{Title: "Accept / decline per quarter", Note: "Recommended verdicts for the requests received in each quarter; the figure on a bar is the share to accept.", SVG: quarters(sum.VerdictsByQuarter)})
	return out
}

// monthRange lists every month from the first to the last with data (at
// most the last n).
func monthRange(by map[string]int, n int) []string {
	if len(by) == 0 {
		return nil
	}
	var ks []string
	for k := range by {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	first, err1 := time.Parse("2006-01", ks[0])
	last, err2 := time.Parse("2006-01", ks[len(ks)-1])
	if err1 != nil || err2 != nil {
		return ks
	}
	var out []string
	for t := first; !t.After(last); t = t.AddDate(0, 1, 0) {
		out = append(out, t.Format("2006-01"))
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}

const chartW, chartH = 480, 180

func esc(s string) string { return html.EscapeString(s) }

// bars draws a vertical bar chart with an optional dashed reference line.
func bars(labels []string, vals []float64, line float64, unit, lineName string) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" role="img" class="chart">`, chartW, chartH)
	if len(vals) == 0 {
		b.WriteString(`<text x="10" y="20" class="muted">No requests.</text></svg>`)
		return template.HTML(b.String())
	}
	top := line
	for _, v := range vals {
		top = math.Max(top, v)
	}
	if top == 0 {
		top = 1
	}
	left, bottom, plotH := 36.0, float64(chartH-24), float64(chartH-40)
	bw := (float64(chartW) - left - 16) / float64(len(vals))
	fmt.Fprintf(&b, `<text x="2" y="14" class="axis">%s</text>`, esc(fmtNum(top)+unit))
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%d" y2="%g" class="base"/>`, left, bottom, chartW, bottom)
	for i, v := range vals {
		h := v / top * plotH
		x := left + float64(i)*bw
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="bar"><title>%s: %s</title></rect>`,
			x+1, bottom-h, math.Max(bw-2, 1), h, esc(labels[i]), esc(fmtNum(v)+unit))
		// About eight labels fit under the chart without touching.
		if i%int(math.Ceil(float64(len(vals))/8)) == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="axis" text-anchor="middle">%s</text>`, x+bw/2, chartH-8, esc(shortMonth(labels[i])))
		}
	}
	if line > 0 {
		y := bottom - line/top*plotH
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%d" y2="%.1f" class="budget"><title>%s: %s</title></line>`, left, y, chartW, y, esc(lineName), esc(fmtNum(line)+unit))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// hbars draws one horizontal bar per label, of the given CSS class ("bar
// flag" is red: only red flags should look alarming).
func hbars(labels []string, vals []float64, class string) template.HTML {
	h := 22*len(labels) + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" role="img" class="chart">`, chartW, max(h, 30))
	top := 1.0
	for _, v := range vals {
		top = math.Max(top, v)
	}
	for i, v := range vals {
		y := 4 + 22*i
		w := v / top * (chartW - 200)
		fmt.Fprintf(&b, `<text x="0" y="%d" class="label">%s</text><rect x="150" y="%d" width="%.1f" height="16" class="%s"/><text x="%.1f" y="%d" class="axis">%s</text>`,
			y+13, esc(labels[i]), y, math.Max(w, 1), class, 154+w, y+13, esc(fmtNum(v)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// quarters draws stacked bars of verdicts per quarter.
func quarters(by map[string]map[string]int) template.HTML {
	var qs []string
	for q := range by {
		qs = append(qs, q)
	}
	sort.Strings(qs)
	if len(qs) > 12 {
		qs = qs[len(qs)-12:]
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" role="img" class="chart">`, chartW, chartH)
	if len(qs) == 0 {
		b.WriteString(`<text x="10" y="20" class="muted">No requests.</text></svg>`)
		return template.HTML(b.String())
	}
	top := 1
	for _, q := range qs {
		n := 0
		for _, v := range by[q] {
			n += v
		}
		top = max(top, n)
	}
	left, bottom, plotH := 36.0, float64(chartH-24), float64(chartH-56)
	bw := (float64(chartW) - left - 4) / float64(len(qs))
	fmt.Fprintf(&b, `<text x="2" y="30" class="axis">%d</text>`, top)
	for i, v := range []string{model.Accept, model.DeclineDoorOpen, model.DeclineFirm} {
		x := left + float64(i)*140
		fmt.Fprintf(&b, `<rect x="%.0f" y="2" width="10" height="10" class="v-%s"/><text x="%.0f" y="11" class="label">%s</text>`, x, v, x+14, esc(verdictLabel(v)))
	}
	for i, q := range qs {
		x, y := left+float64(i)*bw, bottom
		acc, dec := by[q][model.Accept], by[q][model.DeclineDoorOpen]+by[q][model.DeclineFirm]
		for _, v := range []string{model.Accept, model.DeclineDoorOpen, model.DeclineFirm} {
			h := float64(by[q][v]) / float64(top) * plotH
			y -= h
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="v-%s"><title>%s %s: %d</title></rect>`,
				x+2, y, math.Max(bw-4, 1), h, v, esc(q), esc(verdictLabel(v)), by[q][v])
		}
		ratio := ""
		if acc+dec > 0 {
			ratio = fmt.Sprintf("%.0f%%", 100*float64(acc)/float64(acc+dec))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="axis">%s</text><text x="%.1f" y="%.1f" class="axis">%s</text>`,
			x+2, chartH-8, esc(q), x+2, y-3, esc(ratio))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func fmtNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func shortMonth(m string) string {
	if t, err := time.Parse("2006-01", m); err == nil {
		return t.Format("Jan 06")
	}
	return m
}
