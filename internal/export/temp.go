//go:build !windows

package export

import "os"

// tempFile creates the temporary copy of a compressed messages.csv and
// returns with it the function that disposes of it. The file is unlinked at
// once, its handle kept open: nothing is left behind however the process
// ends, an interrupt in the middle of the copy included. Where a system
// refuses to unlink an open file, it is removed when disposed of instead.
func tempFile() (*os.File, func() error, error) {
	f, err := os.CreateTemp("", "politely-messages-*.csv")
	if err != nil {
		return nil, nil, err
	}
	if os.Remove(f.Name()) == nil {
		return f, f.Close, nil
	}
	return f, func() error { f.Close(); return os.Remove(f.Name()) }, nil
}
