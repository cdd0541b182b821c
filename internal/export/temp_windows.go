package export

import (
	"os"
	"syscall"
)

// Windows constants the syscall package does not name.
const (
	accessDelete          = 0x00010000 // DELETE
	fileAttributeTemp     = 0x00000100 // FILE_ATTRIBUTE_TEMPORARY
	fileFlagDeleteOnClose = 0x04000000 // FILE_FLAG_DELETE_ON_CLOSE
)

// tempFile creates the temporary copy of a compressed messages.csv and
// returns with it the function that disposes of it. Windows cannot unlink
// an open file, so the file is reopened to be deleted by the system when
// its handle closes, which also happens when the process is interrupted in
// the middle of the copy. Should that fail, it is removed when disposed of.
func tempFile() (*os.File, func() error, error) {
	f, err := os.CreateTemp("", "politely-messages-*.csv")
	if err != nil {
		return nil, nil, err
	}
	name := f.Name()
	// The flag is refused while another handle without delete sharing is
	// open, as Go's own is.
	f.Close()
	if p, err := syscall.UTF16PtrFromString(name); err == nil {
		h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE|accessDelete,
			syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE, nil,
			syscall.OPEN_EXISTING, fileAttributeTemp|fileFlagDeleteOnClose, 0)
		if err == nil {
			d := os.NewFile(uintptr(h), name)
			return d, d.Close, nil
		}
	}
	g, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		os.Remove(name)
		return nil, nil, err
	}
	return g, func() error { g.Close(); return os.Remove(name) }, nil
}
