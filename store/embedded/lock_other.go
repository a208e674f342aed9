//go:build !unix

package embedded

import "os"

// lockDir does not lock on systems without flock: bleve's own lock on its root file (with
// Options.LockTimeout) still keeps a second process out, with bleve's error.
func lockDir(string) (*os.File, error) { return nil, nil }

func unlockDir(*os.File) error { return nil }
