package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Message is one message of messages.csv, cleaned: names repaired, content
// as plain text, URL lists split.
type Message struct {
	Conversation string
	Title        string
	From         string
	FromURL      string
	To           []string // names; paired with ToURLs when the counts agree
	ToURLs       []string
	At           time.Time
	Subject      string
	Content      string
	Folder       string
	Line         int   // line of the row in messages.csv (1-based)
	Off, End     int64 // byte range of the row in messages.csv
}

// RowError is a row that was skipped because it cannot be read, or with
// WholeFile a side file skipped whole (it has no header to read it by), or
// with Kept a row that was used without the field Msg names.
type RowError struct {
	File      string
	Line      int // 0 with WholeFile
	Msg       string
	WholeFile bool
	Kept      bool
}

func (e RowError) Error() string {
	switch {
	case e.WholeFile:
		return fmt.Sprintf("%s: %s; file skipped", e.File, e.Msg)
	case e.Kept:
		return fmt.Sprintf("%s:%d: %s; row kept without it", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s; row skipped", e.File, e.Line, e.Msg)
}

// Handler receives what a pass over messages.csv finds. Every field may be
// nil. Returning an error from Message stops the pass with that error.
type Handler struct {
	Message func(Message) error
	Bad     func(RowError)             // malformed row, skipped
	Skip    func(line int, why string) // system row or draft, skipped
}

// columns maps the header names that matter to their index (-1: absent).
type columns struct {
	conv, title, from, fromURL, to, toURLs, date, subject, content, folder, draft int
	n                                                                             int
}

var required = []string{"CONVERSATION ID", "FROM", "DATE", "CONTENT"}

func (e *Export) readHeader() error {
	var start [3]byte
	n, _ := e.msgs.ReadAt(start[:], 0)
	if isUTF16(start[:n]) {
		return fmt.Errorf("%s: %w: %s is UTF-16 (re-saved by a spreadsheet?); use LinkedIn's original file or save it as CSV UTF-8", e.Path, ErrNotExport, e.msgName)
	}
	bom := int64(bomLen(start[:n]))
	// A spreadsheet set to a European locale re-saves CSV with ";": the
	// header tells which one this file uses.
	var rec record
	var err error
	for _, d := range []byte{',', ';'} {
		c := newCSVReader(e.msgs, bom, e.msgSize, 1)
		c.delim = d
		rec, err = c.next()
		if err != nil {
			return fmt.Errorf("%s: %w: %s has no readable header line", e.Path, ErrNotExport, e.msgName)
		}
		if _, ok := headerIndex(rec.fields)["CONVERSATION ID"]; ok {
			e.delim = d
			break
		}
	}
	idx := headerIndex(rec.fields)
	col := func(name string) int {
		if i, ok := idx[name]; ok {
			return i
		}
		return -1
	}
	var missing []string
	for _, name := range required {
		if col(name) < 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: %w: %s's header lacks %s (is it LinkedIn's messages.csv?)", e.Path, ErrNotExport, e.msgName, strings.Join(missing, ", "))
	}
	e.cols = columns{
		conv: col("CONVERSATION ID"), title: col("CONVERSATION TITLE"), from: col("FROM"),
		fromURL: col("SENDER PROFILE URL"), to: col("TO"), toURLs: col("RECIPIENT PROFILE URLS"),
		date: col("DATE"), subject: col("SUBJECT"), content: col("CONTENT"), folder: col("FOLDER"),
		draft: col("IS MESSAGE DRAFT"), n: len(rec.fields),
	}
	e.bodyOff, e.bodyLine = rec.end, rec.line+rec.lines
	return nil
}

// rowStart tells whether a line of messages.csv can begin a row: its first
// fields hold something like a conversation id and a date where the header
// puts them, or it is a whole row on one line. After a broken row the
// reader resumes at such a line, so one broken message (a quote left open
// in a multi-line CONTENT) is one warning, not one per line it spans.
func (e *Export) rowStart(line []byte, whole bool) bool {
	fields, complete := splitLine(line, e.delim, whole)
	if complete && len(fields) == e.cols.n {
		return true
	}
	// The last field of an open quote or a cut line is not all there.
	known := len(fields)
	if !complete {
		known--
	}
	if e.cols.conv >= known || e.cols.date >= known || !idLike(fields[e.cols.conv]) {
		return false
	}
	_, err := ParseDate(fields[e.cols.date])
	return err == nil
}

// idLike is a conversation id as exports write them ("2-YmQ4...==", "c1"):
// one token without spaces or quotes.
func idLike(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && len(s) <= 200 && !strings.ContainsAny(s, " \t\"")
}

// splitLine splits one physical line into fields, unquoting them; complete
// is false when a quoted field runs past the line or the line was cut, and
// so its last field is only a start. A line that is not CSV (text after a
// closing quote) gives the fields before the fault, incomplete.
func splitLine(line []byte, delim byte, whole bool) (fields []string, complete bool) {
	if whole {
		line = trimEOL(line)
	}
	var f []byte
	for i := 0; ; {
		f = f[:0]
		if i < len(line) && line[i] == '"' {
			i++
			closed := false
			for i < len(line) {
				if line[i] == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						f = append(f, '"')
						i += 2
						continue
					}
					closed = true
					i++
					break
				}
				f = append(f, line[i])
				i++
			}
			fields = append(fields, string(f))
			switch {
			case !closed:
				return fields, false
			case i == len(line):
				return fields, whole
			case line[i] != delim:
				return fields, false
			}
			i++
			continue
		}
		j := bytes.IndexByte(line[i:], delim)
		if j < 0 {
			return append(fields, string(line[i:])), whole
		}
		fields = append(fields, string(line[i:i+j]))
		i += j + 1
	}
}

// isUTF16 reports whether a file starting with b is UTF-16: it starts with
// a UTF-16 byte-order mark, as a spreadsheet's "Unicode text" re-save does.
func isUTF16(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}

// headerIndex maps upper-cased, trimmed header names (BOM removed) to columns.
func headerIndex(fields []string) map[string]int {
	idx := make(map[string]int, len(fields))
	for i, f := range fields {
		f = strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(f, "\uFEFF")))
		if _, dup := idx[f]; !dup {
			idx[f] = i
		}
	}
	return idx
}

// Scan reads every row of messages.csv in file order. progress, when not
// nil, is called with the byte offset reached every few hundred rows.
func (e *Export) Scan(h Handler, progress func(off int64)) error {
	return e.scan(e.bodyOff, e.msgSize, e.bodyLine, h, progress)
}

// ReadRange reads the rows in [off, end) of messages.csv; line is the line of
// off. Callers get off, end and line from earlier Messages.
func (e *Export) ReadRange(off, end int64, line int, h Handler) error {
	if off < e.bodyOff || end > e.msgSize || off > end {
		return fmt.Errorf("export: range [%d, %d) is outside %s", off, end, e.msgName)
	}
	return e.scan(off, end, line, h, nil)
}

func (e *Export) scan(off, end int64, line int, h Handler, progress func(int64)) error {
	c := newCSVReader(e.msgs, off, end, line)
	c.delim = e.delim
	c.rowStart = e.rowStart
	for n := 0; ; n++ {
		if progress != nil && n%512 == 0 {
			progress(c.off)
		}
		rec, err := c.next()
		if err == io.EOF {
			if progress != nil {
				progress(end)
			}
			return nil
		}
		var se *syntaxError
		if errors.As(err, &se) {
			if h.Bad != nil {
				h.Bad(RowError{File: e.msgName, Line: rec.line, Msg: se.msg})
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", e.msgName, err)
		}
		m, why, bad := e.message(rec)
		switch {
		case bad != "":
			if h.Bad != nil {
				h.Bad(RowError{File: e.msgName, Line: rec.line, Msg: bad})
			}
		case why != "":
			if h.Skip != nil {
				h.Skip(rec.line, why)
			}
		case h.Message != nil:
			if err := h.Message(m); err != nil {
				return err
			}
		}
	}
}

// message turns a record into a Message; why names a row that is not a
// message (system row, draft), bad a row that cannot be read.
func (e *Export) message(rec record) (m Message, why, bad string) {
	c := &e.cols
	if len(rec.fields) != c.n {
		return m, "", fmt.Sprintf("has %d fields, the header has %d", len(rec.fields), c.n)
	}
	get := func(i int) string {
		if i < 0 {
			return ""
		}
		return rec.fields[i]
	}
	m = Message{
		Conversation: strings.TrimSpace(get(c.conv)),
		Title:        FixName(get(c.title)),
		From:         FixName(get(c.from)),
		FromURL:      strings.TrimSpace(get(c.fromURL)),
		Subject:      FixText(get(c.subject)),
		Folder:       strings.ToUpper(strings.TrimSpace(get(c.folder))),
		Line:         rec.line, Off: rec.off, End: rec.end,
	}
	if m.Conversation == "" {
		return m, "", "has no CONVERSATION ID"
	}
	at, err := ParseDate(get(c.date))
	if err != nil {
		return m, "", fmt.Sprintf("DATE %q is not a date", clip(get(c.date), 40))
	}
	m.At = at
	if d := strings.ToLower(strings.TrimSpace(get(c.draft))); d == "yes" || d == "true" || d == "1" {
		return m, "draft (never sent)", ""
	}
	m.Content = HTMLText(FixText(get(c.content)))
	m.To, m.ToURLs = splitRecipients(get(c.to), get(c.toURLs))
	if why := systemRow(m); why != "" {
		return m, why, ""
	}
	return m, "", ""
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// splitRecipients splits the TO names and the RECIPIENT PROFILE URLS list.
// URLs are separated by ";" or ","; names are split by "," (or ";") only when
// there are several URLs, because one name may itself hold a comma
// ("Doe, Jane").
func splitRecipients(to, urls string) ([]string, []string) {
	us := splitList(urls, ";,")
	to = FixName(to)
	if to == "" {
		return nil, us
	}
	if len(us) <= 1 && !strings.Contains(to, ";") {
		return []string{to}, us
	}
	return splitList(to, ";,"), us
}

func splitList(s, seps string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dateLayouts are the DATE forms seen in exports, the usual one first.
var dateLayouts = []string{
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"1/2/06, 3:04 PM",
	"1/2/2006, 3:04 PM",
	"1/2/06 3:04 PM",
	"1/2/2006 15:04",
	"02-Jan-06",
	"02 Jan 2006",
	"2 Jan 2006",
	"Jan 2, 2006",
	"2006-01-02",
}

// ParseDate reads the date forms used across the export files, as UTC. A
// date before 1970 is no date an export holds: it is refused like text that
// is no date at all, and with it "0001-01-01", Go's zero time, which the
// rest of the code reads as "no date" (a message dated so was taken in and
// then sorted and aged as undated).
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t = t.UTC(); t.Year() < 1970 {
				return time.Time{}, fmt.Errorf("not a date of an export: %q", s)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}
