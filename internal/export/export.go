// Package export reads LinkedIn's "Get a copy of your data" export: the zip
// itself, its extracted folder, or a bare messages.csv. It streams: a pass
// over messages.csv holds one row at a time, and any byte range of it can be
// read back later (ReadRange), so a caller can index conversations first and
// read each one on its own. Columns are found by header name; quoted
// multi-line fields, HTML content, mis-encoded names ("Ã©"), system rows,
// drafts and `;`/`,` separated URL lists are handled here. A malformed row is
// reported with its line number and skipped; it never stops a pass.
package export

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotExport is wrapped by the one error Open returns for a file that is
// not a LinkedIn data export.
var ErrNotExport = errors.New("not a LinkedIn data export")

// Export is an opened data export. Close it to remove any temporary copy.
type Export struct {
	Path string // what the user gave

	msgs     io.ReaderAt
	msgSize  int64
	msgName  string
	cols     columns
	delim    byte  // ',' or ';'
	bodyOff  int64 // offset of the first row after the header
	bodyLine int

	side    map[string]func() (io.ReadCloser, error) // "connections.csv", "invitations.csv"
	closers []func() error
}

// Open opens a zip, a folder or a messages.csv. A path that is none of these
// gets one error wrapping ErrNotExport that says what was expected.
func Open(path string) (_ *Export, err error) {
	e := &Export{Path: path, side: map[string]func() (io.ReadCloser, error){}}
	defer func() {
		if err != nil {
			e.Close()
		}
	}()
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case st.IsDir():
		err = e.openDir(path)
	case isZip(path):
		err = e.openZip(path)
	default:
		err = e.openCSV(path, filepath.Base(path))
		if err == nil {
			e.addSiblings(filepath.Dir(path))
		}
	}
	if err != nil {
		return nil, err
	}
	if err := e.readHeader(); err != nil {
		return nil, err
	}
	return e, nil
}

// Close releases files and removes the temporary copy of a compressed
// messages.csv. It is safe to call more than once.
func (e *Export) Close() error {
	var first error
	for i := len(e.closers) - 1; i >= 0; i-- {
		if err := e.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	e.closers = nil
	return first
}

// Size is the size of messages.csv in bytes (for progress).
func (e *Export) Size() int64 { return e.msgSize }

func isZip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [4]byte
	n, _ := io.ReadFull(f, magic[:])
	return n == 4 && string(magic[:]) == "PK\x03\x04"
}

func (e *Export) openDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, de := range entries {
		if strings.EqualFold(de.Name(), "messages.csv") && !de.IsDir() {
			if err := e.openCSV(filepath.Join(dir, de.Name()), de.Name()); err != nil {
				return err
			}
			e.addSiblings(dir)
			return nil
		}
	}
	// Unzipping often adds a folder level ("Basic_LinkedInDataExport_.../"),
	// and its file names may be in capitals as at the top level.
	for _, de := range entries {
		if de.IsDir() {
			sub := filepath.Join(dir, de.Name())
			if hasMessages(sub) {
				return e.openDir(sub)
			}
		}
	}
	return fmt.Errorf("%s: %w: the folder holds no messages.csv (request your data with \"Messages\" ticked, then pass the zip or its folder)", dir, ErrNotExport)
}

// hasMessages reports whether dir holds a messages.csv, in any case.
func hasMessages(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, de := range entries {
		if strings.EqualFold(de.Name(), "messages.csv") && !de.IsDir() {
			return true
		}
	}
	return false
}

func (e *Export) openCSV(path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	e.msgs, e.msgSize, e.msgName = f, st.Size(), name
	e.closers = append(e.closers, f.Close)
	return nil
}

func (e *Export) addSiblings(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, de := range entries {
		key := strings.ToLower(de.Name())
		if (key == "connections.csv" || key == "invitations.csv") && !de.IsDir() {
			p := filepath.Join(dir, de.Name())
			e.side[key] = func() (io.ReadCloser, error) { return os.Open(p) }
		}
	}
}

func (e *Export) openZip(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	e.closers = append(e.closers, f.Close)
	st, err := f.Stat()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return fmt.Errorf("%s: %w: the zip cannot be read (%v)", path, ErrNotExport, err)
	}
	var msgs *zip.File
	for _, zf := range zr.File {
		key := strings.ToLower(zipBase(zf.Name))
		switch key {
		case "messages.csv":
			if msgs == nil {
				msgs = zf
			}
		case "connections.csv", "invitations.csv":
			if e.side[key] == nil {
				e.side[key] = zf.Open
			}
		}
	}
	if msgs == nil {
		return fmt.Errorf("%s: %w: the zip holds no messages.csv (request your data with \"Messages\" ticked)", path, ErrNotExport)
	}
	e.msgName = msgs.Name
	if msgs.Method == zip.Store {
		// Stored entries are read in place, with random access.
		off, err := msgs.DataOffset()
		if err != nil {
			return err
		}
		e.msgs, e.msgSize = io.NewSectionReader(f, off, int64(msgs.UncompressedSize64)), int64(msgs.UncompressedSize64)
		return nil
	}
	// A deflated entry cannot be read at random, so it is copied once to a
	// temporary file (disk, not memory) that Close removes; no more than
	// the entry can honestly hold is copied, whatever its header claims.
	limit := unzipLimit(msgs.CompressedSize64)
	if msgs.UncompressedSize64 > uint64(limit) {
		return errTooBig(path, msgs.Name, limit)
	}
	rc, err := msgs.Open()
	if err != nil {
		return fmt.Errorf("%s: %s: %w", path, msgs.Name, err)
	}
	defer rc.Close()
	tmp, remove, err := tempFile()
	if err != nil {
		return err
	}
	e.closers = append(e.closers, remove)
	n, err := io.Copy(tmp, io.LimitReader(rc, limit+1))
	if errors.Is(err, zip.ErrFormat) {
		// Reading an entry fails so only once it yields more than the size
		// its header gives: a header that lies, as a bomb's does to pass
		// a size check.
		return fmt.Errorf("%s: %s expands past the %d bytes its zip header gives: refusing to unpack what looks like a zip bomb", path, msgs.Name, msgs.UncompressedSize64)
	}
	if err != nil {
		return fmt.Errorf("%s: %s: %w", path, msgs.Name, err)
	}
	if n > limit {
		return errTooBig(path, msgs.Name, limit)
	}
	e.msgs, e.msgSize = tmp, n
	return nil
}

// zipBase is the file name of a zip entry. A zip made on Windows may
// separate folders with a backslash ("Basic_LinkedInDataExport\messages.csv").
func zipBase(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	return name[strings.LastIndexByte(name, '/')+1:]
}

// maxUnzipped and maxRatio bound what a compressed messages.csv may expand
// to: text compresses some 5 to 10 times, so an entry past 4 GiB, or more
// than 1000 times its compressed size, is a zip bomb, not an export, and
// copying it would fill the disk.
var (
	maxUnzipped int64 = 4 << 30
	maxRatio    int64 = 1000
)

// unzipLimit is the most a compressed entry of the given size is allowed to
// expand to (at least 1 MB, so a small entry is never refused for its ratio).
func unzipLimit(compressed uint64) int64 {
	limit := int64(1 << 20)
	if compressed < uint64(maxUnzipped/maxRatio) {
		limit = max(limit, int64(compressed)*maxRatio)
	} else {
		limit = maxUnzipped
	}
	return min(limit, maxUnzipped)
}

func errTooBig(path, name string, limit int64) error {
	return fmt.Errorf("%s: %s expands to more than %d MB (over %d times its compressed size, or over %d GiB): refusing to unpack what looks like a zip bomb", path, name, limit>>20, maxRatio, maxUnzipped>>30)
}
