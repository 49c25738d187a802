package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// envPrefix is the prefix of the environment variables that set flags:
// --max-memory is WINNOWD_MAX_MEMORY.
const envPrefix = "WINNOWD_"

// envName returns the environment variable of a flag.
func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// setFromEnv sets every flag of fs whose WINNOWD_* variable is set in
// env (os.Environ form); flags given on the command line, parsed after,
// override them. An unknown WINNOWD_ variable is an error, so that a typo
// does not silently leave a default in place.
func setFromEnv(fs *flag.FlagSet, env []string) error {
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(k, envPrefix) || k == "WINNOWD_TEST_HELPER" {
			continue
		}
		var name string
		fs.VisitAll(func(f *flag.Flag) {
			if envName(f.Name) == k {
				name = f.Name
			}
		})
		if name == "" {
			return fmt.Errorf("environment variable %s names no flag (see winnowd -h)", k)
		}
		if err := fs.Set(name, v); err != nil {
			return fmt.Errorf("%s=%q: %v", k, v, err)
		}
	}
	return nil
}

// byteSize is a flag holding a number of bytes, written as a plain number
// or with a KiB, MiB, GiB (or KB, MB, GB: decimal) suffix.
type byteSize int64

func (b *byteSize) String() string { return formatBytes(int64(*b)) }

func (b *byteSize) Set(s string) error {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("want a size such as 512MiB, 1GiB or 1048576")
	}
	*b = byteSize(n * float64(mult))
	return nil
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return strconv.FormatInt(n, 10)
}

// environ is os.Environ, replaceable in tests.
var environ = os.Environ
