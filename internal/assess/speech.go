package assess

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The engine's sentences come from the pack in the request's language
// (rules.Speech); these helpers fill their slots.

// fillSlots replaces each slot of kv (slot, value, slot, value…) in tmpl.
func fillSlots(tmpl string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		tmpl = strings.ReplaceAll(tmpl, kv[i], kv[i+1])
	}
	return tmpl
}

// hours writes a number of hours as the language does: "1 hour", "2 hours",
// "1.5 hours"; "1,5 Stunden"; "1,5 heure" (French keeps the singular below
// two).
func (a *judge) hours(h float64) string {
	if h == 1 {
		return a.sp.Hour
	}
	n := strconv.FormatFloat(h, 'f', 1, 64)
	if h == math.Trunc(h) {
		n = strconv.FormatFloat(h, 'f', 0, 64)
	}
	n = strings.Replace(n, ".", a.sp.Decimal, 1)
	if h < 2 {
		return fillSlots(a.sp.HoursBelowTwo, "{n}", n)
	}
	return fillSlots(a.sp.Hours, "{n}", n)
}

// date writes a day as the language does: "2 January 2026", "2. Januar
// 2026", "1er janvier 2026", "2026年1月2日".
func (a *judge) date(t time.Time) string {
	d := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		d = a.sp.FirstDay
	}
	return fillSlots(a.sp.Date, "{d}", d, "{month}", a.sp.Months[t.Month()-1], "{m}", strconv.Itoa(int(t.Month())), "{y}", strconv.Itoa(t.Year()))
}

// lowerAt lower-cases the letter at b[at], where a sentence goes on after a
// colon in lower case. Only ASCII: every reason template starts with one.
func lowerAt(b []byte, at int) []byte {
	if at < len(b) && b[at] >= 'A' && b[at] <= 'Z' {
		b[at] += 'a' - 'A'
	}
	return b
}
