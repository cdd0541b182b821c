package export

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// maxRecord bounds one CSV record in bytes. A quote left open by a broken row
// would otherwise swallow the rest of the file into one field; past this size
// the record is reported malformed and parsing resumes on its next line.
const maxRecord = 8 << 20

// record is one parsed CSV row with where it came from.
type record struct {
	fields []string
	off    int64 // byte offset of the record's first byte
	end    int64 // byte offset just past its line break
	line   int   // 1-based line of its first byte
	lines  int   // physical lines it spans
}

// syntaxError is a CSV row that cannot be parsed (a stray or unclosed quote).
type syntaxError struct{ msg string }

func (e *syntaxError) Error() string { return e.msg }

// csvReader is a small RFC 4180 reader that, unlike encoding/csv, knows the
// byte offset of every record (so a conversation can be read back with
// ReadAt) and recovers from a broken row by resuming on the line after the
// row's first line (with rowStart, on the first later line that can start a
// row). It never panics.
type csvReader struct {
	src   io.ReaderAt
	r     *bufio.Reader
	off   int64 // offset of the next byte r yields
	line  int   // line of the next byte r yields
	limit int64 // stop at this offset (-1: EOF)
	field bytes.Buffer
	long  []byte // a line longer than the buffer
	delim byte
	// rowStart, when set, tells whether a physical line can begin a row;
	// after a broken row the reader resumes at the first later line it
	// accepts rather than at the very next line, so the rest of a broken
	// multi-line row is not read as rows of its own. whole is false when
	// line was cut short (a very long line).
	rowStart func(line []byte, whole bool) bool
	scan     *bufio.Reader // reused by resync
}

func newCSVReader(src io.ReaderAt, off, limit int64, line int) *csvReader {
	c := &csvReader{src: src, limit: limit, delim: ','}
	c.seek(off, line)
	return c
}

func (c *csvReader) seek(off int64, line int) {
	var rd io.Reader
	size := int64(256 << 10)
	if c.limit >= 0 {
		rd = io.NewSectionReader(c.src, off, c.limit-off)
		// A conversation's range is often a few hundred bytes; a full-size
		// buffer for each would cost more than reading it.
		size = max(512, min(size, c.limit-off))
	} else {
		rd = io.NewSectionReader(c.src, off, 1<<62)
	}
	if c.r == nil {
		c.r = bufio.NewReaderSize(rd, int(size))
	} else {
		c.r.Reset(rd)
	}
	c.off, c.line = off, line
}

// next returns the next record, io.EOF at the end, or a *syntaxError for a
// broken row; after a syntaxError the reader has already moved past the row
// (to the next line that can start a row), so calling next again continues.
func (c *csvReader) next() (record, error) {
	rec, err := c.parse()
	var se *syntaxError
	if !errors.As(err, &se) {
		return rec, err
	}
	// Resume after the broken record's first line, so a stray quote costs
	// one row, not the rest of the file.
	c.resync(rec)
	return rec, err
}

// resyncBuf bounds how much of a line resync holds to judge it: the start
// of a row (its id and date) is well within it.
const resyncBuf = 16 << 10

// resync moves to the start of the first line after rec.line that can start
// a row (any line when rowStart is nil), or to the end.
func (c *csvReader) resync(rec record) {
	span := int64(1 << 62)
	if c.limit >= 0 {
		span = c.limit - rec.off
	}
	rd := io.NewSectionReader(c.src, rec.off, span)
	if c.scan == nil {
		c.scan = bufio.NewReaderSize(rd, resyncBuf)
	} else {
		c.scan.Reset(rd)
	}
	pos, line := rec.off, rec.line
	for n := 0; ; n++ {
		head, size, whole, err := c.scanLine()
		if size == 0 {
			c.seek(pos, line)
			return
		}
		if n > 0 && (c.rowStart == nil || c.rowStart(head, whole)) {
			c.seek(pos, line)
			return
		}
		pos += size
		line++
		if err != nil {
			c.seek(pos, line)
			return
		}
	}
}

// scanLine reads one physical line for resync: its first resyncBuf bytes
// (valid until the next call), its full size, and whether head is all of it.
func (c *csvReader) scanLine() (head []byte, size int64, whole bool, err error) {
	head, err = c.scan.ReadSlice('\n')
	size, whole = int64(len(head)), true
	if err == bufio.ErrBufferFull {
		// The rest is only counted; head stays the line's start, so it is
		// kept in c.long, which the next ReadSlice cannot overwrite.
		c.long = append(c.long[:0], head...)
		head, whole = c.long, false
		for err == bufio.ErrBufferFull {
			var more []byte
			more, err = c.scan.ReadSlice('\n')
			size += int64(len(more))
		}
	}
	return head, size, whole, err
}

// readLine returns the next physical line including its '\n' (the last
// line may lack one); the slice is valid until the next call.
func (c *csvReader) readLine() ([]byte, error) {
	line, err := c.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		c.long = append(c.long[:0], line...)
		for err == bufio.ErrBufferFull && len(c.long) <= maxRecord {
			line, err = c.r.ReadSlice('\n')
			c.long = append(c.long, line...)
		}
		line = c.long
		if err == bufio.ErrBufferFull {
			err = nil // over maxRecord: the caller reports it
		}
	}
	if len(line) > 0 && err == io.EOF {
		err = nil
	}
	c.off += int64(len(line))
	if n := len(line); n > 0 && line[n-1] == '\n' {
		c.line++
	}
	return line, err
}

// parse reads one record, line by line like encoding/csv: an unquoted field
// runs to the next delimiter, a quoted one to its closing quote, reading
// more lines while it is open. Blank lines are skipped.
func (c *csvReader) parse() (record, error) {
	rec := record{}
	var line []byte
	var err error
	for {
		rec.off, rec.line = c.off, c.line
		line, err = c.readLine()
		if err != nil {
			return rec, io.EOF
		}
		if t := trimEOL(line); len(t) > 0 || len(line) == 0 {
			break
		}
	}
	fail := func(format string, a ...any) (record, error) {
		rec.end, rec.lines = c.off, c.line-rec.line+1
		return rec, &syntaxError{fmt.Sprintf(format, a...)}
	}
	if len(line) > maxRecord {
		return fail("row is larger than %d MB", maxRecord>>20)
	}
	size := len(line)
	i := 0
	for {
		c.field.Reset()
		if i < len(line) && line[i] == '"' {
			qline := c.line
			if line[len(line)-1] == '\n' {
				qline--
			}
			i++
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 {
					// The field goes on past this line.
					c.field.Write(line[i:])
					line, err = c.readLine()
					if err != nil || len(line) == 0 {
						return fail("quoted field opened on line %d is never closed", qline)
					}
					if size += len(line); size > maxRecord {
						return fail("row is larger than %d MB (a quote left open?)", maxRecord>>20)
					}
					i = 0
					continue
				}
				c.field.Write(line[i : i+j])
				i += j + 1
				if i < len(line) && line[i] == '"' {
					c.field.WriteByte('"')
					i++
					continue
				}
				break
			}
			rest := line[i:]
			switch {
			case len(rest) > 0 && rest[0] == c.delim:
				i++
				rec.fields = append(rec.fields, fieldText(c.field.Bytes()))
				continue
			case len(trimEOL(rest)) == 0:
				rec.fields = append(rec.fields, fieldText(c.field.Bytes()))
				rec.end, rec.lines = c.off, c.line-rec.line
				if line[len(line)-1] != '\n' {
					rec.lines++
				}
				return rec, nil
			default:
				return fail("unexpected %q after a closing quote", rest[0])
			}
		}
		// Unquoted: a bare quote inside stays as text, as spreadsheets do,
		// rather than losing the row.
		j := bytes.IndexByte(line[i:], c.delim)
		if j >= 0 {
			rec.fields = append(rec.fields, fieldText(line[i:i+j]))
			i += j + 1
			continue
		}
		rec.fields = append(rec.fields, fieldText(trimEOL(line[i:])))
		rec.end, rec.lines = c.off, c.line-rec.line
		if line[len(line)-1] != '\n' {
			rec.lines++
		}
		return rec, nil
	}
}

// trimEOL drops a final "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}
