package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"politely/internal/export/gen"
)

// parseAll reads every record of s, collecting fields and errors by line.
func parseAll(s string) (recs [][]string, lines []int, bad []int) {
	c := newCSVReader(strings.NewReader(s), 0, int64(len(s)), 1)
	for {
		rec, err := c.next()
		if err == io.EOF {
			return
		}
		if err != nil {
			bad = append(bad, rec.line)
			continue
		}
		recs = append(recs, rec.fields)
		lines = append(lines, rec.line)
	}
}

func TestCSVQuirks(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     [][]string
		lines    []int
		bad      []int
	}{
		{"plain", "a,b\nc,d\n", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}, nil},
		{"crlf", "a,b\r\nc,d\r\n", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}, nil},
		{"no final newline", "a,b\nc,d", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}, nil},
		{"quoted comma", "\"a,1\",b\n", [][]string{{"a,1", "b"}}, []int{1}, nil},
		{"doubled quote", "\"say \"\"hi\"\"\",b\n", [][]string{{`say "hi"`, "b"}}, []int{1}, nil},
		{"multi-line field", "\"line1\nline2\r\nline3\",b\nc,d\n", [][]string{{"line1\nline2\r\nline3", "b"}, {"c", "d"}}, []int{1, 4}, nil},
		{"empty fields", ",,\n", [][]string{{"", "", ""}}, []int{1}, nil},
		{"blank lines skipped", "a\n\n\r\nb\n", [][]string{{"a"}, {"b"}}, []int{1, 4}, nil},
		{"bare quote kept", "5\" screen,b\n", [][]string{{`5" screen`, "b"}}, []int{1}, nil},
		{"stray quote costs one row", "x,\"bad\"q,y\nc,d\n", [][]string{{"c", "d"}}, []int{2}, []int{1}},
		{"unclosed quote resumes next line", "a,\"open\nc,d\ne,f\n", [][]string{{"c", "d"}, {"e", "f"}}, []int{2, 3}, []int{1}},
		{"quoted then crlf", "\"a\"\r\nb\n", [][]string{{"a"}, {"b"}}, []int{1, 2}, nil},
		{"utf8 and bom", "\uFEFFnom,é\n", [][]string{{"\uFEFFnom", "é"}}, []int{1}, nil},
	} {
		recs, lines, bad := parseAll(tc.in)
		if !reflect.DeepEqual(recs, tc.want) || !reflect.DeepEqual(lines, tc.lines) || !reflect.DeepEqual(bad, tc.bad) {
			t.Errorf("%s: got %q lines %v bad %v; want %q lines %v bad %v", tc.name, recs, lines, bad, tc.want, tc.lines, tc.bad)
		}
	}
}

func TestFixText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"JosÃ© MarÃ­a", "José María"},
		{"itâ€™s great", "it’s great"},
		{"FranÃ§ois MÃ¼ller", "François Müller"},
		{"emoji ðŸ‘‹ hi", "emoji 👋 hi"},
		{"José already fine", "José already fine"},
		{"café crème", "café crème"},
		{"São Paulo", "São Paulo"},
		{"mixed é and Ã©", "mixed é and é"},
		{"JosÃƒÂ© twice", "José twice"},
		{"Ã alone", "Ã alone"},
		{"", ""},
		{"日本語 ok", "日本語 ok"},
	} {
		if got := FixText(tc.in); got != tc.want {
			t.Errorf("FixText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := FixName("  Ana   MarÃ­a\tLópez "); got != "Ana María López" {
		t.Errorf("FixName = %q", got)
	}
}

func TestHTMLText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<p>Hi Sam,</p><p>Quick question&nbsp;for you.</p>", "Hi Sam,\n\nQuick question for you."},
		{"line<br>two<br/>three", "line\ntwo\nthree"},
		{"Tom &amp; Jerry &#39;s", "Tom & Jerry 's"},
		{"I <3 this & that", "I <3 this & that"},
		{"x < y and y > z", "x < y and y > z"},
		{`Book <a href="https://cal.example/x">here</a>`, "Book here (https://cal.example/x)"},
		{`see <a href="https://a.example">https://a.example</a>`, "see https://a.example"},
		{"<b>bold</b> and <i>it</i>", "bold and it"},
		{"<p>a</p><script>alert(1)</script><p>b</p>", "a\n\nb"},
		{"<ul><li>one</li><li>two</li></ul>", "- one\n- two"},
		{"<p>a</p>\n\n\n\n<p>b</p>", "a\n\nb"},
		{"<unknown>kept</unknown>", "<unknown>kept</unknown>"},
		{"<p unterminated", "<p unterminated"},
		// Capitals and bytes that lower-case to another length before the
		// attribute or the end of a script: offsets must stay the message's.
		{"<A \x97href=>x</a>", "x"},
		{`<a Ⱥ href="https://a.example">x</a>`, "x (https://a.example)"},
		{`<a \u212A href="https://a.example">x</a>`, "x (https://a.example)"},
		{"<p>a</p><script>ȺȺȺȺ</SCRIPT><p>b</p>", "a\n\nb"},
		{"<p>a</p><script>\xff\xff\xff</script><p>b</p>", "a\n\nb"},
		// A <script> or <style> never closed is text naming the tag: the
		// rest of the message stays.
		{"moving the <script> tag to the end, could you refer me?", "moving the <script> tag to the end, could you refer me?"},
		{"<p>Put <style> in the head.</p><p>Thanks</p>", "Put <style> in the head.\n\nThanks"},
		{"<script>a</script>b <script>c", "b <script>c"},
	} {
		if got := HTMLText(tc.in); got != tc.want {
			t.Errorf("HTMLText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSystemRows(t *testing.T) {
	for _, tc := range []struct {
		from, content, subject string
		system                 bool
	}{
		{"Ana", "Message request accepted", "", true},
		{"Ana", "Message request accepted.", "", true},
		{"Ana", "Ana Lima accepted your message request", "", true},
		{"Ana", "Ben Ode added Cy Park to the conversation", "", true},
		{"Ana", "Ben Ode left the conversation", "", true},
		{"Ana", "This message has been deleted.", "", true},
		{"", "Hello", "", true},
		{"Ana", "", "", true},
		{"Ana", "", "Subject only InMail", false},
		{"Ana", "Thanks for adding me to the conversation!", "", false},
		{"Ana", "Would you accept a coffee? I accepted your message request earlier.\nThanks", "", false},
		{"Ana", "Hi, can we talk?", "", false},
		// LinkedIn's rows begin with who did it; a person's sentence that
		// ends the same way is a message.
		{"Sam", "Sure, I've added Maria from our data team to the conversation.", "", false},
		{"Sam", "I left the conversation", "", false},
		{"Sam", "You added Maria Lopez to the conversation", "", true},
		{"Ana Lima", "ana lima left the conversation", "", true},
	} {
		got := systemRow(Message{From: tc.from, Content: tc.content, Subject: tc.subject}) != ""
		if got != tc.system {
			t.Errorf("systemRow(%q, %q) = %v, want %v", tc.from, tc.content, got, tc.system)
		}
	}
}

func TestRecipients(t *testing.T) {
	for _, tc := range []struct {
		to, urls   string
		names, got []string
	}{
		{"Ana Lima", "https://www.linkedin.com/in/ana", []string{"Ana Lima"}, []string{"https://www.linkedin.com/in/ana"}},
		{"Doe, Jane", "https://www.linkedin.com/in/jane", []string{"Doe, Jane"}, []string{"https://www.linkedin.com/in/jane"}},
		{"Ana Lima, Ben Ode", "https://x/in/a;https://x/in/b", []string{"Ana Lima", "Ben Ode"}, []string{"https://x/in/a", "https://x/in/b"}},
		{"Ana Lima, Ben Ode", "https://x/in/a,https://x/in/b", []string{"Ana Lima", "Ben Ode"}, []string{"https://x/in/a", "https://x/in/b"}},
		{"Ana; Ben", "", []string{"Ana", "Ben"}, nil},
		{"", "", nil, nil},
		{"JosÃ©", "", []string{"José"}, nil},
	} {
		n, u := splitRecipients(tc.to, tc.urls)
		if !reflect.DeepEqual(n, tc.names) || !reflect.DeepEqual(u, tc.got) {
			t.Errorf("splitRecipients(%q, %q) = %q %q", tc.to, tc.urls, n, u)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2023-06-11 15:33:58 UTC", "2023-06-11T15:33:58Z"},
		{"2023-06-11 15:33:58", "2023-06-11T15:33:58Z"},
		{"2023-06-11T15:33:58Z", "2023-06-11T15:33:58Z"},
		{"01-Jul-25", "2025-07-01T00:00:00Z"},
		{"10/13/23, 3:22 PM", "2023-10-13T15:22:00Z"},
		{" 2024-02-29 ", "2024-02-29T00:00:00Z"},
		{"yesterday", ""},
		{"2023-13-45 10:00:00 UTC", ""},
		{"0001-01-01", ""}, // Go's zero time: no date (FuzzExport)
		{"1969-12-31 23:59:59 UTC", ""},
		{"1970-01-01", "1970-01-01T00:00:00Z"},
	} {
		got, err := ParseDate(tc.in)
		s := ""
		if err == nil {
			s = got.Format("2006-01-02T15:04:05Z07:00")
		}
		if s != tc.want {
			t.Errorf("ParseDate(%q) = %q (%v), want %q", tc.in, s, err, tc.want)
		}
	}
}

const header = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func scanAll(t *testing.T, e *Export) (msgs []Message, bad []RowError, skipped []string) {
	t.Helper()
	err := e.Scan(Handler{
		Message: func(m Message) error { msgs = append(msgs, m); return nil },
		Bad:     func(r RowError) { bad = append(bad, r) },
		Skip:    func(line int, why string) { skipped = append(skipped, why) },
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return
}

func TestScanMessages(t *testing.T) {
	dir := t.TempDir()
	body := header +
		"c1,,Ana Lima,https://www.linkedin.com/in/ana,Sam Roe,https://www.linkedin.com/in/sam,2024-05-01 10:00:00 UTC,,\"<p>Hi Sam,</p><p>line two</p>\",INBOX\n" +
		"c1,,Sam Roe,https://www.linkedin.com/in/sam,Ana Lima,https://www.linkedin.com/in/ana,2024-05-02 10:00:00 UTC,,\"multi\nline\",SENT\n" +
		"c1,,Ana Lima,,Sam Roe,,not a date,,x,INBOX\n" +
		"c1,,Ana Lima,,Sam Roe,,2024-05-03 10:00:00 UTC,,too,many,fields,INBOX\n" +
		"c1,,Ana Lima,,Sam Roe,,2024-05-03 10:00:00 UTC,,Message request accepted,INBOX\n" +
		"c2,,JosÃ© Ruiz,https://www.linkedin.com/in/jose,Sam Roe,,2024-05-04 10:00:00 UTC,,\"broken \"quote,INBOX\n" +
		",,Ana,,Sam,,2024-05-04 10:00:00 UTC,,no id,INBOX\n" +
		"c2,,JosÃ© Ruiz,https://www.linkedin.com/in/jose,\"Sam Roe, Ana Lima\",https://www.linkedin.com/in/sam;https://www.linkedin.com/in/ana,2024-05-05 10:00:00 UTC,Hello,Hi all,ARCHIVE\n"
	p := writeFile(t, dir, "messages.csv", body)
	e, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	msgs, bad, skipped := scanAll(t, e)
	if len(msgs) != 3 {
		t.Fatalf("got %d messages, want 3: %+v", len(msgs), msgs)
	}
	if msgs[0].Content != "Hi Sam,\n\nline two" || msgs[1].Content != "multi\nline" || msgs[2].From != "José Ruiz" || len(msgs[2].To) != 2 || msgs[2].Folder != "ARCHIVE" {
		t.Errorf("messages: %+v", msgs)
	}
	var lines []int
	for _, b := range bad {
		lines = append(lines, b.Line)
	}
	if !reflect.DeepEqual(lines, []int{5, 6, 8, 9}) {
		t.Errorf("bad rows at %v, want [5 6 8 9]: %v", lines, bad)
	}
	if len(skipped) != 1 {
		t.Errorf("skipped %v", skipped)
	}
	// A byte range read back gives the same rows.
	var again []Message
	if err := e.ReadRange(msgs[1].Off, msgs[1].End, msgs[1].Line, Handler{Message: func(m Message) error { again = append(again, m); return nil }}); err != nil {
		t.Fatal(err)
	}
	if len(again) != 1 || !reflect.DeepEqual(again[0], msgs[1]) {
		t.Errorf("ReadRange gave %+v, want %+v", again, msgs[1])
	}
}

func TestOpenForms(t *testing.T) {
	dir := t.TempDir()
	row := "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hello,INBOX\n"
	writeFile(t, dir, "messages.csv", header+row)
	writeFile(t, dir, "Connections.csv", "Notes:\n\"When exporting your connection data, you may notice\nthat some emails are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/ana,,Acme,CTO,01-Jul-25\nBad,Row\n")
	writeFile(t, dir, "Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nAna Lima,Sam Roe,\"10/13/23, 3:22 PM\",Hi!,INCOMING,https://www.linkedin.com/in/ana,https://www.linkedin.com/in/sam\n")
	for _, method := range []uint16{zip.Store, zip.Deflate} {
		zp := filepath.Join(t.TempDir(), "export.zip")
		zipDir(t, dir, zp, method)
		for _, path := range []string{dir, filepath.Join(dir, "messages.csv"), zp} {
			e, err := Open(path)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			msgs, bad, _ := scanAll(t, e)
			var conns []Connection
			var cbad []RowError
			if err := e.Connections(func(c Connection) { conns = append(conns, c) }, func(r RowError) { cbad = append(cbad, r) }); err != nil {
				t.Fatal(err)
			}
			var invs []Invitation
			if err := e.Invitations(func(i Invitation) { invs = append(invs, i) }, nil); err != nil {
				t.Fatal(err)
			}
			e.Close()
			if len(msgs) != 1 || len(bad) != 0 || len(conns) != 1 || conns[0].Name != "Ana Lima" || conns[0].Since.Year() != 2025 ||
				len(cbad) != 1 || cbad[0].Line != 7 || len(invs) != 1 || !invs[0].Incoming || invs[0].At.Hour() != 15 {
				t.Errorf("%s (method %d): msgs %d bad %v conns %+v cbad %v invs %+v", path, method, len(msgs), bad, conns, cbad, invs)
			}
		}
	}
}

func zipDir(t *testing.T, dir, out string, method uint16) {
	t.Helper()
	if err := gen.Zip(dir, out, method, nil); err != nil {
		t.Fatal(err)
	}
}

func TestNotAnExport(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(t.TempDir(), "empty.zip")
	zipDir(t, t.TempDir(), empty, zip.Deflate)
	for _, p := range []string{
		writeFile(t, dir, "notes.txt", "just some notes\nnothing here\n"),
		writeFile(t, dir, "Connections.csv", "First Name,Last Name,URL\n"),
		writeFile(t, dir, "empty.csv", ""),
		writeFile(t, dir, "binary.bin", "\x00\x01\x02PK"),
		writeFile(t, dir, "fake.zip", "PK\x03\x04garbage"),
		empty,
		t.TempDir(),
	} {
		e, err := Open(p)
		if !errors.Is(err, ErrNotExport) {
			t.Errorf("Open(%s) = %v, want ErrNotExport", filepath.Base(p), err)
			if e != nil {
				e.Close()
			}
			continue
		}
		if strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("error is not one line: %q", err)
		}
	}
	if _, err := Open(filepath.Join(dir, "missing.zip")); err == nil || errors.Is(err, ErrNotExport) {
		t.Errorf("missing file: %v", err)
	}
}

// A quote left open on a huge row costs that row, not the file or the memory.
func TestHugeOpenQuote(t *testing.T) {
	dir := t.TempDir()
	body := header + "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,\"never closed " + strings.Repeat("x", maxRecord+10) + "\n" +
		"c2,,Ana,,Sam,,2024-05-02 10:00:00 UTC,,fine,INBOX\n"
	e, err := Open(writeFile(t, dir, "messages.csv", body))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	msgs, bad, _ := scanAll(t, e)
	if len(msgs) != 1 || msgs[0].Conversation != "c2" || len(bad) != 1 || bad[0].Line != 2 {
		t.Errorf("msgs %+v bad %v", msgs, bad)
	}
}

func TestOtherShapes(t *testing.T) {
	row := "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,\"hello, there\",INBOX\n"
	// A folder one level down, as unzipping often makes.
	dir := t.TempDir()
	sub := filepath.Join(dir, "Basic_LinkedInDataExport_11-22-2026")
	os.Mkdir(sub, 0o755)
	writeFile(t, sub, "messages.csv", header+row)
	// A spreadsheet's re-save with ";" and CRLF.
	semi := writeFile(t, t.TempDir(), "messages.csv", strings.ReplaceAll(strings.ReplaceAll(header+row, ",", ";"), "\n", "\r\n"))
	for _, p := range []string{dir, semi} {
		e, err := Open(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		msgs, bad, _ := scanAll(t, e)
		e.Close()
		if len(msgs) != 1 || len(bad) != 0 || !strings.HasPrefix(msgs[0].Content, "hello") {
			t.Errorf("%s: %+v %v", p, msgs, bad)
		}
	}
	// UTF-16 gets its own explanation.
	u16 := writeFile(t, t.TempDir(), "messages.csv", "\xff\xfeC\x00O\x00")
	if _, err := Open(u16); !errors.Is(err, ErrNotExport) || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("UTF-16: %v", err)
	}
}

func TestSideFileWithoutHeader(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "messages.csv", header+"c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n")
	writeFile(t, dir, "Connections.csv", "something else entirely\n")
	e, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var bad []RowError
	n := 0
	if err := e.Connections(func(Connection) { n++ }, func(r RowError) { bad = append(bad, r) }); err != nil || n != 0 || len(bad) != 1 || bad[0].Error() != "Connections.csv: no header with FIRST NAME, LAST NAME in its first lines; file skipped" {
		t.Errorf("err %v, n %d, bad %v", err, n, bad)
	}
}

// TestSideFileShapes: Connections.csv and Invitations.csv are read as
// messages.csv is: a ";" re-save by the header, a UTF-16 re-save refused
// with an error saying so. Each case gives the file's content, then the
// connections and invitations read, the rows reported and the error.
func TestSideFileShapes(t *testing.T) {
	const conns = "Notes:\n\"When exporting, you may notice, that some emails are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/ana,,\"Acme; Inc\",CTO,01-Jul-25\n"
	const invs = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nAna Lima,Sam Roe,\"10/13/23, 3:22 PM\",\"Hi, Sam!\",INCOMING,https://www.linkedin.com/in/ana,https://www.linkedin.com/in/sam\n"
	// A re-save with ";" keeps the commas inside quoted fields.
	semi := func(s string) string {
		var b strings.Builder
		quoted := false
		for _, r := range s {
			if r == '"' {
				quoted = !quoted
			}
			if r == ',' && !quoted {
				r = ';'
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	utf16 := func(s string) string {
		b := []byte{0xFF, 0xFE}
		for _, r := range s {
			b = append(b, byte(r), 0)
		}
		return string(b)
	}
	for _, c := range []struct {
		name, file, data string
		conns, invs, bad int
		err              string
	}{
		{"comma connections", "Connections.csv", conns, 1, 0, 0, ""},
		{"semicolon connections", "Connections.csv", semi(conns), 1, 0, 0, ""},
		{"semicolon connections, CRLF", "Connections.csv", strings.ReplaceAll(semi(conns), "\n", "\r\n"), 1, 0, 0, ""},
		{"comma invitations", "Invitations.csv", invs, 0, 1, 0, ""},
		{"semicolon invitations", "Invitations.csv", semi(invs), 0, 1, 0, ""},
		{"UTF-16 connections", "Connections.csv", utf16(conns), 0, 0, 0, "Connections.csv is UTF-16"},
		{"UTF-16 invitations", "Invitations.csv", utf16(invs), 0, 0, 0, "Invitations.csv is UTF-16"},
		{"tab-separated invitations", "Invitations.csv", strings.ReplaceAll(invs, ",", "\t"), 0, 0, 1, ""},
	} {
		dir := t.TempDir()
		writeFile(t, dir, "messages.csv", header+"c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n")
		writeFile(t, dir, c.file, c.data)
		e, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		var nc, ni, nbad int
		var errs []string
		if err := e.Connections(func(x Connection) {
			if x.Name == "Ana Lima" && x.Company == "Acme; Inc" && x.Since.Year() == 2025 {
				nc++
			}
		}, func(RowError) { nbad++ }); err != nil {
			errs = append(errs, err.Error())
		}
		if err := e.Invitations(func(x Invitation) {
			if x.From == "Ana Lima" && x.Message == "Hi, Sam!" && x.At.Hour() == 15 {
				ni++
			}
		}, func(RowError) { nbad++ }); err != nil {
			errs = append(errs, err.Error())
		}
		e.Close()
		if got := strings.Join(errs, "; "); nc != c.conns || ni != c.invs || nbad != c.bad || c.err == "" && got != "" || !strings.Contains(got, c.err) {
			t.Errorf("%s: %d connections, %d invitations, %d reported, errors %q", c.name, nc, ni, nbad, got)
		}
	}
}

// One broken multi-line row is one warning: after it, reading resumes at
// the next line that starts a row, not at each line of the broken one.
func TestBrokenMultilineRow(t *testing.T) {
	for _, c := range []struct {
		name, body string
		convs      []string
		bad        []int
	}{
		{"quote inside a quoted field", "c1,,Ana,a,Sam,s,2025-06-02 10:00:00 UTC,,\"Hi Sam, she said \"hi\" to me\n\"Great\", I said.\nThen more text here, and more\nbye\",INBOX\n" +
			"c2,,Bo,b,Sam,s,2025-06-03 10:00:00 UTC,,\"Hi Sam, can we talk?\",INBOX\n", []string{"c2"}, []int{2}},
		{"doubled quote line", "c1,,Ana,a,Sam,s,2025-06-02 10:00:00 UTC,,\"Hi \"hi\" me\n\"\"Quoted line one\nbye\",INBOX\n" +
			"c2,,Bo,b,Sam,s,2025-06-03 10:00:00 UTC,,\"multi\nline\",INBOX\n", []string{"c2"}, []int{2}},
		{"quoted fields", "c1,,Ana,a,Sam,s,2025-06-02 10:00:00 UTC,,\"x\"y\nmore\n" +
			"\"c2\",\"\",\"Bo\",\"b\",\"Sam\",\"s\",\"2025-06-03 10:00:00 UTC\",\"\",\"two\nlines\",\"INBOX\"\n", []string{"c2"}, []int{2}},
		{"next row without an id still starts", "c1,,Ana,a,Sam,s,2025-06-02 10:00:00 UTC,,\"x\"y\n,,Bo,b,Sam,s,2025-06-03 10:00:00 UTC,,hi,INBOX\n", nil, []int{2, 3}},
	} {
		e, err := Open(writeFile(t, t.TempDir(), "messages.csv", header+c.body))
		if err != nil {
			t.Fatal(err)
		}
		msgs, bad, _ := scanAll(t, e)
		e.Close()
		var convs []string
		for _, m := range msgs {
			convs = append(convs, m.Conversation)
		}
		var lines []int
		for _, b := range bad {
			lines = append(lines, b.Line)
		}
		if !reflect.DeepEqual(convs, c.convs) || !reflect.DeepEqual(lines, c.bad) {
			t.Errorf("%s: messages %v, bad rows at %v; want %v and %v (%v)", c.name, convs, lines, c.convs, c.bad, bad)
		}
	}
}

// The shapes a re-save or a repackaging gives an export: each case is the
// files to write (a name ending in .zip is zipped from the others, "\" in
// a zip name kept as the zip holds it) and the content of the one message.
func TestOpenShapes(t *testing.T) {
	const row = "c1,,Jos\xe9 M\xfcller,,Sam,,2024-05-01 10:00:00 UTC,,\"it\x92s \x93fine\x94 \x97 really\",INBOX\n"
	quoted := "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\"\r\n" +
		"\"c1\",\"\",\"Ana\",\"\",\"Sam\",\"\",\"2024-05-01 10:00:00 UTC\",\"\",\"hello\",\"INBOX\"\r\n"
	for _, c := range []struct {
		name    string
		files   map[string]string
		zipped  bool
		from    string
		content string
	}{
		{"Windows-1252 re-save", map[string]string{"messages.csv": header + row}, false, "José Müller", "it’s “fine” — really"},
		{"BOM before a quoted header", map[string]string{"messages.csv": utf8BOM + quoted}, false, "Ana", "hello"},
		{"capitals one folder down", map[string]string{"Basic/MESSAGES.CSV": header + "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n"}, false, "Ana", "hi"},
		{"zip with backslash paths", map[string]string{"Basic_LinkedInDataExport\\messages.csv": header + "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n"}, true, "Ana", "hi"},
		{"zip with capitals", map[string]string{"MESSAGES.CSV": header + "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n"}, true, "Ana", "hi"},
	} {
		dir := t.TempDir()
		path := dir
		if c.zipped {
			path = filepath.Join(dir, "export.zip")
			writeZip(t, path, c.files)
		} else {
			for name, body := range c.files {
				os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
				writeFile(t, dir, name, body)
			}
		}
		e, err := Open(path)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		msgs, bad, _ := scanAll(t, e)
		e.Close()
		if len(msgs) != 1 || len(bad) != 0 || msgs[0].From != c.from || msgs[0].Content != c.content {
			t.Errorf("%s: %+v %v", c.name, msgs, bad)
		}
	}
}

// writeZip writes files, by the names given, deflated into a zip at out.
func writeZip(t *testing.T, out string, files map[string]string) {
	t.Helper()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, body := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// A header that lacks columns names only those it lacks.
func TestHeaderLacks(t *testing.T) {
	p := writeFile(t, t.TempDir(), "messages.csv", utf8BOM+"\"CONVERSATION ID\",\"FROM\",\"SUBJECT\"\n")
	_, err := Open(p)
	if err == nil || !strings.HasSuffix(err.Error(), "messages.csv's header lacks DATE, CONTENT (is it LinkedIn's messages.csv?)") {
		t.Errorf("got %v", err)
	}
}

func TestFieldText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"José, 日本語 👋", "José, 日本語 👋"},
		{"Jos\xe9", "José"},
		{"it\x92s \x80 5", "it’s € 5"},
		{"\x81\x8d", "\u0081\u008d"},
		{"é and \xe9", "é and é"},
		{"\xef\xbf\xbd", "\uFFFD"},
	} {
		if got := fieldText([]byte(c.in)); got != c.want {
			t.Errorf("fieldText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A compressed messages.csv is copied to a file that is already gone from
// the folder while the export is open, so that an interrupt in the middle
// of the copy leaves nothing behind.
func TestZipCopyLeavesNoFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows deletes the copy when its handle closes, not before")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	zp := filepath.Join(t.TempDir(), "export.zip")
	writeZip(t, zp, map[string]string{"messages.csv": header + "c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n"})
	e, err := Open(zp)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	left, _ := os.ReadDir(tmp)
	msgs, _, _ := scanAll(t, e)
	if len(left) != 0 || len(msgs) != 1 {
		t.Errorf("files left %v, messages %d", left, len(msgs))
	}
}

// A compressed messages.csv that expands past the limits is refused with
// one line, whatever its header says, and nothing of it stays on disk.
func TestZipBomb(t *testing.T) {
	big := header + strings.Repeat("c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n", 60000) // 2.9 MB
	for _, c := range []struct {
		name       string
		max, ratio int64
		lie        bool // the header claims a small size
		ok         bool
	}{
		{"within the limits", 4 << 30, 1000, false, true},
		{"over the size", 2 << 20, 1000, false, false},
		{"over the ratio", 4 << 30, 10, false, false},
		{"a lying header", 2 << 20, 1000, true, false},
	} {
		oldMax, oldRatio := maxUnzipped, maxRatio
		maxUnzipped, maxRatio = c.max, c.ratio
		zp := filepath.Join(t.TempDir(), "export.zip")
		writeBomb(t, zp, big, c.lie)
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		e, err := Open(zp)
		maxUnzipped, maxRatio = oldMax, oldRatio
		if e != nil {
			e.Close()
		}
		left, _ := os.ReadDir(tmp)
		if (err == nil) != c.ok || err != nil && strings.Contains(err.Error(), "\n") || len(left) != 0 {
			t.Errorf("%s: %v, files left %v", c.name, err, left)
		}
		if err != nil && !strings.Contains(err.Error(), "zip bomb") {
			t.Errorf("%s: the error does not say why: %v", c.name, err)
		}
	}
}

// writeBomb zips body as messages.csv; with lie, the entry's header claims
// a thousandth of its size.
func writeBomb(t *testing.T, out, body string, lie bool) {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	io.WriteString(fw, body)
	fw.Close()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	size := uint64(len(body))
	if lie {
		size /= 1000
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "messages.csv", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(body)),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// Connections.csv and Invitations.csv: a quote left open costs one row,
// not the rest of the file; a byte-order mark and Windows-1252 are read
// as in messages.csv; an unreadable Connected On keeps the connection,
// undated, with a warning. Each case gives the file, then the rows read
// (by name), and the rows reported, skipped or kept.
func TestSideFileRows(t *testing.T) {
	const connHead = "Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	const invHead = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
	for _, c := range []struct {
		name, file, data string
		rows             []string
		skipped, kept    []int
	}{
		{"open quote in Invitations.csv", "Invitations.csv", invHead +
			"Bo Chen,Sam,1/5/26 10:00 AM,\"Hi Sam, I'd like to add you,INCOMING,https://www.linkedin.com/in/bo,\n" +
			"Ana Lima,Sam,1/6/26 10:00 AM,Hello,INCOMING,https://www.linkedin.com/in/ana,\n" +
			"Cy Park,Sam,1/7/26 10:00 AM,\"two\nlines\",INCOMING,,\n", []string{"Ana Lima", "Cy Park"}, []int{2}, nil},
		{"open quote in Connections.csv", "Connections.csv", connHead +
			"Bo,\"Chen,https://www.linkedin.com/in/bo,,Acme,CTO,01-Jul-25\n" +
			"Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CTO,01-Jul-25\n", []string{"Ana Lima"}, []int{5}, nil},
		{"unreadable Connected On", "Connections.csv", connHead +
			"John,Smith,https://www.linkedin.com/in/john,,Acme,Engineer,15 juil. 2020\n" +
			"Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CTO,01-Jul-25\n", []string{"John Smith (undated)", "Ana Lima"}, nil, []int{5}},
		{"BOM before a quoted header", "Invitations.csv", utf8BOM + "\"From\",\"To\",\"Sent At\",\"Message\",\"Direction\",\"inviterProfileUrl\",\"inviteeProfileUrl\"\r\n" +
			"\"Ana Lima\",\"Sam\",\"1/6/26 10:00 AM\",\"Hello\",\"INCOMING\",\"\",\"\"\r\n", []string{"Ana Lima"}, nil, nil},
		{"Windows-1252", "Connections.csv", connHead + "Jos\xe9,M\xfcller,,,Acme,CTO,01-Jul-25\n", []string{"José Müller"}, nil, nil},
	} {
		dir := t.TempDir()
		writeFile(t, dir, "messages.csv", header+"c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n")
		writeFile(t, dir, c.file, c.data)
		e, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		var skipped, kept []int
		bad := func(r RowError) {
			if r.Kept {
				kept = append(kept, r.Line)
			} else {
				skipped = append(skipped, r.Line)
			}
		}
		err1 := e.Connections(func(x Connection) {
			if x.Since.IsZero() {
				x.Name += " (undated)"
			}
			rows = append(rows, x.Name)
		}, bad)
		err2 := e.Invitations(func(x Invitation) { rows = append(rows, x.From) }, bad)
		e.Close()
		if err1 != nil || err2 != nil || !reflect.DeepEqual(rows, c.rows) || !reflect.DeepEqual(skipped, c.skipped) || !reflect.DeepEqual(kept, c.kept) {
			t.Errorf("%s: rows %q, skipped %v, kept %v, errors %v %v", c.name, rows, skipped, kept, err1, err2)
		}
	}
}

// A side file larger than any export's is refused in one line.
func TestSideFileTooLarge(t *testing.T) {
	old := maxSideFile
	maxSideFile = 1 << 10
	defer func() { maxSideFile = old }()
	dir := t.TempDir()
	writeFile(t, dir, "messages.csv", header+"c1,,Ana,,Sam,,2024-05-01 10:00:00 UTC,,hi,INBOX\n")
	writeFile(t, dir, "Invitations.csv", "From,To,Sent At,Message,Direction\n"+strings.Repeat("Ana,Sam,,hi,INCOMING\n", 100))
	e, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	err = e.Invitations(func(Invitation) {}, nil)
	if err == nil || !strings.Contains(err.Error(), "Invitations.csv is larger than") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got %v", err)
	}
}
