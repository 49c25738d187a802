package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// SharedDir returns the shared material folder that sits beside the
// repository: "shared" next to the nearest directory above the working
// directory that holds go.mod. It fails when there is no such folder.
func SharedDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("corpus: no go.mod above the working directory")
		}
		dir = parent
	}
	sh := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(sh); err != nil {
		return "", fmt.Errorf("corpus: shared material not found: %w", err)
	}
	return sh, nil
}
