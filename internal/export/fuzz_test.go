package export

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCSV checks that the reader never panics, always advances, keeps
// offsets and lines inside the input, and that reading a record's byte range
// back gives the same record (what conversation indexing relies on).
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\nc,d\n", "\"x\ny\",z\r\n", "\"open\nrest,of\nfile", "a,\"b\"c,d\n", "\n\n\r\n", "\"\"\"\"", ",\r\r\n\"",
		header + "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,\"<p>hi</p>\",INBOX\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := newCSVReader(strings.NewReader(s), 0, int64(len(s)), 1)
		prev := int64(-1)
		for n := 0; ; n++ {
			if n > len(s)+1 {
				t.Fatal("reader does not advance")
			}
			rec, err := c.next()
			if err == io.EOF {
				return
			}
			if rec.off <= prev || rec.off < 0 || rec.end > int64(len(s)) || rec.line < 1 || rec.line > strings.Count(s, "\n")+1 {
				t.Fatalf("record %+v out of order or range (prev %d, len %d)", rec, prev, len(s))
			}
			prev = rec.off
			if err != nil {
				continue
			}
			again := newCSVReader(strings.NewReader(s), rec.off, rec.end, rec.line)
			r2, err := again.next()
			if err != nil || !reflect.DeepEqual(r2.fields, rec.fields) || r2.end != rec.end {
				t.Fatalf("range [%d,%d) reads back as %q (%v), want %q", rec.off, rec.end, r2.fields, err, rec.fields)
			}
		}
	})
}

// FuzzText checks the row cleaners: no panic, valid UTF-8 stays valid, and
// text without '<', '&' or mojibake comes back unchanged.
func FuzzText(f *testing.F) {
	for _, s := range []string{"JosÃ© <p>a&nbsp;b</p>", "<a href='x'>y</a>", "ðŸ‘‹", "<script>", "&#xffffffff;", "Ã\xff©"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fixed := FixText(s)
		h := HTMLText(fixed)
		if utf8.ValidString(s) && (!utf8.ValidString(fixed) || !utf8.ValidString(h)) {
			t.Fatalf("valid input %q gave invalid output %q / %q", s, fixed, h)
		}
		if !strings.ContainsAny(fixed, "<&") && h != fixed {
			t.Fatalf("HTMLText changed plain text %q to %q", fixed, h)
		}
		m := Message{From: FixName(s), Content: h}
		_ = systemRow(m)
		splitRecipients(s, s)
	})
}

// FuzzExport feeds arbitrary bytes after a real header through Open, Scan and
// ReadRange: no panic, every message read back from its range is the same,
// and every row is either a message, a skipped row or a reported one.
func FuzzExport(f *testing.F) {
	for _, s := range []string{
		"c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,\"<p>hi</p>\",INBOX\n",
		"c1,,JosÃ©,,\"Sam, Bo\",a;b,2024-05-01 10:00:00 UTC,,\"multi\nline\",INBOX\nc2,,,,,,bad,,x,\n",
		"\"open\n,,,\n", "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,Message request accepted,INBOX\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		dir := t.TempDir()
		p := filepath.Join(dir, "messages.csv")
		if err := os.WriteFile(p, []byte(header+body), 0o644); err != nil {
			t.Fatal(err)
		}
		e, err := Open(p)
		if err != nil {
			t.Fatalf("a file with the header must open: %v", err)
		}
		defer e.Close()
		var msgs []Message
		err = e.Scan(Handler{Message: func(m Message) error { msgs = append(msgs, m); return nil }}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Conversation == "" || m.At.IsZero() || m.End <= m.Off {
				t.Fatalf("bad message %+v", m)
			}
			var again []Message
			if err := e.ReadRange(m.Off, m.End, m.Line, Handler{Message: func(x Message) error { again = append(again, x); return nil }}); err != nil {
				t.Fatal(err)
			}
			if len(again) != 1 || !reflect.DeepEqual(again[0], m) {
				t.Fatalf("range of line %d reads back as %+v, want %+v", m.Line, again, m)
			}
		}
	})
}
