package triage

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Rows are rendered by the workers as soon as they are assessed (JSON, CSV
// and HTML fragments, only for the outputs asked for) and appended in order
// to one spool file per output on disk. The summary, which heads the JSON and
// the HTML, is known only at the end; each output is then its head, the
// spool copied as is, and its tail. Nothing holds every conversation in
// memory, and the costly rendering runs on every core.

// format is one output kind.
type format int

const (
	fJSON format = iota
	fCSV
	fHTML
	nFormats
)

// rendered is one conversation in each requested format.
type rendered [nFormats][]byte

// renderer knows which outputs are wanted.
type renderer struct{ want [nFormats]bool }

func newRenderer(opt Options) renderer {
	return renderer{want: [nFormats]bool{opt.JSON != "", opt.CSV != "", opt.HTML != ""}}
}

// render turns a row into its fragments; safe for concurrent use.
func (r renderer) render(c Conversation) (rendered, error) {
	var out rendered
	if r.want[fJSON] {
		b, err := json.MarshalIndent(c, "    ", "  ")
		if err != nil {
			return out, err
		}
		out[fJSON] = b
	}
	if r.want[fCSV] {
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write(csvRow(c))
		cw.Flush()
		out[fCSV] = buf.Bytes()
	}
	if r.want[fHTML] {
		var buf bytes.Buffer
		htmlRow(&buf, c)
		out[fHTML] = buf.Bytes()
	}
	return out, nil
}

// spool holds the rendered rows of each output, in order, on disk.
type spool struct {
	f [nFormats]*os.File
	w [nFormats]*bufio.Writer
	n int
}

func newSpool(r renderer) (*spool, error) {
	s := &spool{}
	for i := range s.f {
		if !r.want[i] {
			continue
		}
		f, err := os.CreateTemp(spoolDir, "politely-triage-*.part")
		if err != nil {
			s.close()
			return nil, err
		}
		s.f[i], s.w[i] = f, bufio.NewWriterSize(f, 256<<10)
	}
	return s, nil
}

func (s *spool) add(r rendered) error {
	for i, w := range s.w {
		if w == nil {
			continue
		}
		if format(i) == fJSON {
			sep := ",\n    "
			if s.n == 0 {
				sep = "\n    "
			}
			w.WriteString(sep)
		}
		if _, err := w.Write(r[i]); err != nil {
			return err
		}
	}
	s.n++
	return nil
}

// copyTo flushes the spool of format i and copies it to w.
func (s *spool) copyTo(i format, w io.Writer) error {
	if err := s.w[i].Flush(); err != nil {
		return err
	}
	if _, err := s.f[i].Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.f[i])
	return err
}

func (s *spool) close() {
	for _, f := range s.f {
		if f != nil {
			f.Close()
			removeQuietly(f.Name())
		}
	}
}

// writeOutputs writes every output the options name. Each goes to a
// temporary file next to its path and is renamed into place only when all
// are complete, so a reader never sees half a report and a failed run leaves
// the previous files alone. "-" writes to stdout.
func writeOutputs(sp *spool, sum Summary, opt Options) error {
	paths := [nFormats]string{opt.JSON, opt.CSV, opt.HTML}
	var files [nFormats]*atomicFile
	defer func() {
		for _, a := range files {
			if a != nil {
				a.abort()
			}
		}
	}()
	hw := &htmlOut{sum: sum, prof: opt.Profile}
	heads := [nFormats]func(io.Writer) error{
		func(w io.Writer) error { return jsonHead(w, sum) },
		func(w io.Writer) error { return csv.NewWriter(w).WriteAll([][]string{csvHeader}) },
		hw.head,
	}
	tails := [nFormats]func(io.Writer) error{
		func(w io.Writer) error { return jsonTail(w, sp.n) },
		func(io.Writer) error { return nil },
		hw.tail,
	}
	for i, p := range paths {
		if p == "" {
			continue
		}
		a, err := createAtomic(p)
		if err != nil {
			return err
		}
		files[i] = a
		if err := heads[i](a.w); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if err := sp.copyTo(format(i), a.w); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if err := tails[i](a.w); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if err := a.flush(); err != nil {
			return err
		}
	}
	for _, a := range files {
		if a != nil {
			if err := a.commit(); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckOutput reports whether path can take an output, before any work is
// done: "" (none) and "-" (stdout) can; a path must not be a directory and
// its folder must exist. The error names path as the user gave it.
func CheckOutput(path string) error {
	if path == "" || path == "-" {
		return nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a directory; name the file to write", path)
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s: the folder %s does not exist", path, dir)
	}
	return nil
}

// atomicFile is an output being written to a temporary file.
type atomicFile struct {
	path string
	f    *os.File // nil for stdout
	w    *bufio.Writer
	done bool
}

func createAtomic(path string) (*atomicFile, error) {
	if path == "-" {
		return &atomicFile{path: "stdout", w: bufio.NewWriterSize(os.Stdout, 64<<10)}, nil
	}
	if err := CheckOutput(path); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, cause(err))
	}
	return &atomicFile{path: path, f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

func (a *atomicFile) flush() error {
	if err := a.w.Flush(); err != nil {
		return fmt.Errorf("%s: %w", a.path, err)
	}
	if a.f == nil {
		return nil
	}
	if err := a.f.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %w", a.path, cause(err))
	}
	if err := a.f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", a.path, cause(err))
	}
	return nil
}

func (a *atomicFile) commit() error {
	a.done = true
	if a.f == nil {
		return nil
	}
	if err := a.f.Close(); err != nil {
		removeQuietly(a.f.Name())
		return fmt.Errorf("%s: %w", a.path, cause(err))
	}
	if err := os.Rename(a.f.Name(), a.path); err != nil {
		removeQuietly(a.f.Name())
		return fmt.Errorf("%s: %w", a.path, cause(err))
	}
	return nil
}

// cause strips the temporary file's name from a file system error: the
// user named the output, and the temporary name means nothing to them.
func cause(err error) error {
	var pe *os.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

func (a *atomicFile) abort() {
	if a.done || a.f == nil {
		return
	}
	a.f.Close()
	removeQuietly(a.f.Name())
}

// writeAtomic writes one file atomically (see writeOutputs).
func writeAtomic(path string, fn func(io.Writer) error) error {
	a, err := createAtomic(path)
	if err != nil {
		return err
	}
	defer a.abort()
	if err := fn(a.w); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := a.flush(); err != nil {
		return err
	}
	return a.commit()
}

// The JSON is {"summary": ..., "conversations": [...]} (the list holds the
// invitations with a note too, kind "invitation"), indented so a golden
// file diffs well.
func jsonHead(w io.Writer, sum Summary) error {
	b, err := json.MarshalIndent(sum, "  ", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "{\n  \"summary\": %s,\n  \"conversations\": [", b)
	return err
}

func jsonTail(w io.Writer, n int) error {
	end := "]\n}\n"
	if n > 0 {
		end = "\n  " + end
	}
	_, err := io.WriteString(w, end)
	return err
}

var csvHeader = []string{"id", "with", "with_url", "kind", "last_at", "answered", "verdict", "flags", "signals", "asks",
	"minutes_asked", "follow_up_after_decline", "wrote_before", "connected_since", "asked_at", "reply"}

// csvRow is one conversation as CSV cells. Cells a spreadsheet would run as a
// formula (=, +, -, @ first) get a leading apostrophe: names and replies come
// from strangers.
func csvRow(c Conversation) []string {
	wrote, since := "", ""
	if c.Rapport != nil {
		wrote, since = strconv.FormatBool(c.Rapport.WroteBefore), c.Rapport.ConnectedSince
	}
	return []string{
		c.ID, safeCell(c.With), safeCell(c.WithURL), c.Kind, c.LastAt, strconv.FormatBool(c.Answered), c.Verdict,
		strings.Join(c.Flags, ";"), strings.Join(c.Signals, ";"), strings.Join(c.Asks, ";"),
		strconv.Itoa(c.MinutesAsked), strconv.FormatBool(c.FollowUpAfterDecline), wrote, since, c.AskedAt, safeCell(c.Reply),
	}
}

func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
