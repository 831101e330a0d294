package benchmaster

import (
	"fmt"
	"os"
	"path/filepath"
)

// FindBin returns dir as an absolute path once it holds every one of
// progs (master and the services a benchmark runs), so that the
// benchmark fails at once with a hint instead of at master's first fork.
func FindBin(dir string, progs ...string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("%w (run make build first)", err)
	}
	for _, p := range progs {
		if _, err := os.Stat(filepath.Join(abs, p)); err != nil {
			return "", fmt.Errorf("%w (run make build first)", err)
		}
	}
	return abs, nil
}
