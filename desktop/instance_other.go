//go:build !unix && !windows

package desktop

import (
	"errors"
	"io/fs"
)

const useRuntimeDir = false

func currentUID() (string, error) { return "", errors.ErrUnsupported }

func checkPrivateDir(fs.FileInfo, string) error { return errors.ErrUnsupported }

func isRefused(error) bool { return false }

func maxSocketPath() int { return 0 }
