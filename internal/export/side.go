package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Connection is one row of Connections.csv.
type Connection struct {
	Name     string
	URL      string
	Company  string
	Position string
	Since    time.Time // zero when the date is missing or unreadable
	Line     int
}

// Invitation is one row of Invitations.csv.
type Invitation struct {
	From, To       string
	FromURL, ToURL string
	At             time.Time
	Message        string
	Incoming       bool
	Line           int
}

// Connections reads Connections.csv, skipping LinkedIn's preamble lines before
// the header. A missing file is not an error (fn is never called).
// A row whose Connected On cannot be read is kept without its date (Since
// zero) and reported through bad as kept: the connection is what matters.
func (e *Export) Connections(fn func(Connection), bad func(RowError)) error {
	return e.side2("connections.csv", "Connections.csv", []string{"FIRST NAME", "LAST NAME"}, bad, func(get func(string) string, line int, warn func(string)) string {
		c := Connection{
			Name:     FixName(get("FIRST NAME") + " " + get("LAST NAME")),
			URL:      strings.TrimSpace(get("URL")),
			Company:  FixName(get("COMPANY")),
			Position: FixName(get("POSITION")),
			Line:     line,
		}
		if c.Name == "" && c.URL == "" {
			return "has neither a name nor a URL"
		}
		if d := strings.TrimSpace(get("CONNECTED ON")); d != "" {
			if t, err := ParseDate(d); err == nil {
				c.Since = t
			} else {
				warn(fmt.Sprintf("Connected On %q is not a date", clip(d, 40)))
			}
		}
		fn(c)
		return ""
	})
}

// Invitations reads Invitations.csv. A missing file is not an error.
func (e *Export) Invitations(fn func(Invitation), bad func(RowError)) error {
	return e.side2("invitations.csv", "Invitations.csv", []string{"FROM", "TO", "DIRECTION"}, bad, func(get func(string) string, line int, _ func(string)) string {
		inv := Invitation{
			From: FixName(get("FROM")), To: FixName(get("TO")),
			FromURL: strings.TrimSpace(get("INVITERPROFILEURL")), ToURL: strings.TrimSpace(get("INVITEEPROFILEURL")),
			Message:  HTMLText(FixText(get("MESSAGE"))),
			Incoming: strings.EqualFold(strings.TrimSpace(get("DIRECTION")), "INCOMING"),
			Line:     line,
		}
		if d := strings.TrimSpace(get("DIRECTION")); !inv.Incoming && !strings.EqualFold(d, "OUTGOING") {
			return fmt.Sprintf("Direction %q is neither INCOMING nor OUTGOING", clip(d, 40))
		}
		if d := strings.TrimSpace(get("SENT AT")); d != "" {
			t, err := ParseDate(d)
			if err != nil {
				return fmt.Sprintf("Sent At %q is not a date", clip(d, 40))
			}
			inv.At = t
		}
		fn(inv)
		return ""
	})
}

// maxSideFile bounds Connections.csv and Invitations.csv, which are read
// whole into memory: LinkedIn's cap of 30,000 connections is a few MB, and
// years of invitations some tens of MB. A larger file is no export's, or a
// zip entry that would expand without end.
var maxSideFile int64 = 256 << 20

// side2 reads one side file: finds the header (within the first lines, after
// any preamble), then calls row for every record; row returns why a record
// is malformed ("" when it was used), and may warn about a field it did
// without. As for messages.csv, the header tells the separator (a
// spreadsheet set to a European locale re-saves with ";"), a byte-order mark
// is skipped, and a UTF-16 re-save is an error saying so. A file without the
// header is reported through bad and skipped.
//
// The file is read into memory so that the reader can go back after a
// broken row: a quote left open costs that row, not every row after it.
func (e *Export) side2(key, name string, need []string, bad func(RowError), row func(get func(string) string, line int, warn func(string)) string) error {
	open := e.side[key]
	if open == nil {
		return nil
	}
	report := func(r RowError) {
		if bad != nil {
			bad(r)
		}
	}
	rc, err := open()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	data, err := io.ReadAll(io.LimitReader(rc, maxSideFile+1))
	rc.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > maxSideFile {
		return fmt.Errorf("%s: %s is larger than %d MB, more than any export's; remove it or pass messages.csv alone", e.Path, name, maxSideFile>>20)
	}
	if isUTF16(data) {
		return fmt.Errorf("%s: %s is UTF-16 (re-saved by a spreadsheet?); use LinkedIn's original file or save it as CSV UTF-8", e.Path, name)
	}
	src := bytes.NewReader(data)
	start, size := int64(bomLen(data)), int64(len(data))
	var c *csvReader
	var idx map[string]int
	width := 0
	for _, delim := range []byte{',', ';'} {
		c = newCSVReader(src, start, size, 1)
		c.delim = delim
		if idx, width = findHeader(c, need); idx != nil {
			break
		}
	}
	if idx == nil {
		// The messages still make a report; the file is only context.
		report(RowError{File: name, Msg: fmt.Sprintf("no header with %s in its first lines", strings.Join(need, ", ")), WholeFile: true})
		return nil
	}
	for {
		rec, err := c.next()
		if err == io.EOF {
			return nil
		}
		var se *syntaxError
		if errors.As(err, &se) {
			report(RowError{File: name, Line: rec.line, Msg: se.msg})
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if len(rec.fields) != width {
			report(RowError{File: name, Line: rec.line, Msg: fmt.Sprintf("has %d fields, the header has %d", len(rec.fields), width)})
			continue
		}
		get := func(col string) string {
			if i, ok := idx[col]; ok {
				return rec.fields[i]
			}
			return ""
		}
		warn := func(msg string) { report(RowError{File: name, Line: rec.line, Msg: msg, Kept: true}) }
		if msg := row(get, rec.line, warn); msg != "" {
			report(RowError{File: name, Line: rec.line, Msg: msg})
		}
	}
}

// findHeader reads records until one names every column of need, within
// the first lines (LinkedIn puts a preamble before Connections.csv's). It
// returns the header's index and width, or nil when there is none.
func findHeader(c *csvReader, need []string) (map[string]int, int) {
	for tries := 0; tries <= 20; tries++ {
		rec, err := c.next()
		if err == io.EOF {
			return nil, 0
		}
		if err != nil {
			continue
		}
		h := headerIndex(rec.fields)
		ok := true
		for _, n := range need {
			_, has := h[n]
			ok = ok && has
		}
		if ok {
			return h, len(rec.fields)
		}
	}
	return nil, 0
}
