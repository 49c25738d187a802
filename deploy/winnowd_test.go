package deploy

import (
	"bufio"
	"flag"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/winnowhq/winnow/deploy/internal/proc"
)

// repo is the main module's checkout the files are checked against: the
// parent of this module, or another checkout (go test ./... -repo DIR).
var repo = flag.String("repo", "..", "the main module's checkout `dir`")

// flagInfo is one winnowd flag as its -h output describes it.
type flagInfo struct {
	Name    string // without dashes: "listen"
	Default string // the printed default, unquoted; "" when none is printed
}

// envName is the environment variable that sets the flag
// (WINNOWD_ + the name in upper case with dashes as underscores).
func (f flagInfo) envName() string {
	return "WINNOWD_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
}

var (
	builder      proc.Builder
	winnowdOnce  sync.Once
	winnowdBin   string
	winnowdHelp  string
	winnowdErr   error
	winnowdFlags map[string]flagInfo
	winnowdEnv   bool // winnowd reads WINNOWD_* variables
)

// TestMain removes the binaries built for the tests.
func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "winnow-deploy-")
	if err != nil {
		panic(err)
	}
	builder = proc.Builder{Root: *repo, Dir: dir}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// winnowd builds cmd/winnowd from the parent module once and returns its
// flags, read from `winnowd -h`.
func winnowd(t *testing.T) map[string]flagInfo {
	t.Helper()
	winnowdOnce.Do(func() {
		winnowdBin, winnowdErr = builder.Build("winnowd")
		if winnowdErr != nil {
			return
		}
		// -h exits 0 or 2 depending on the flag package; the text is what counts.
		out, _ := exec.Command(winnowdBin, "-h").CombinedOutput()
		winnowdHelp = string(out)
		winnowdFlags = parseHelp(winnowdHelp)
		winnowdEnv = readsEnv(winnowdBin)
	})
	if winnowdErr != nil {
		t.Fatal(winnowdErr)
	}
	if len(winnowdFlags) == 0 {
		t.Fatalf("no flags found in winnowd -h:\n%s", winnowdHelp)
	}
	return winnowdFlags
}

// readsEnv reports whether the winnowd binary takes its flags from
// WINNOWD_* variables too: such a winnowd refuses a variable that names no
// flag; one that ignores the environment prints its usage for -h and exits.
func readsEnv(bin string) bool {
	cmd := exec.Command(bin, "-h")
	cmd.Env = append(os.Environ(), "WINNOWD_NO_SUCH_FLAG_CHECK=1")
	out, _ := cmd.CombinedOutput()
	return strings.Contains(string(out), "WINNOWD_NO_SUCH_FLAG_CHECK")
}

var (
	// A flag's first line: "  -listen address" (package flag) or
	// "      --listen string   text" (pflag-style), or "  -l, --listen".
	flagLineRE = regexp.MustCompile(`^\s+(?:-\w,\s+)?--?([a-z][a-z0-9-]*)\b`)
	defaultRE  = regexp.MustCompile(`\(default (.*?)\)\s*$`)
)

// parseHelp reads flag names and printed defaults from a usage text in the
// format of Go's flag package (and of pflag-style "--name type" lines).
func parseHelp(help string) map[string]flagInfo {
	flags := map[string]flagInfo{}
	var cur string
	sc := bufio.NewScanner(strings.NewReader(help))
	for sc.Scan() {
		line := sc.Text()
		if m := flagLineRE.FindStringSubmatch(line); m != nil {
			cur = m[1]
			flags[cur] = flagInfo{Name: cur}
		}
		if cur == "" {
			continue
		}
		if m := defaultRE.FindStringSubmatch(line); m != nil {
			f := flags[cur]
			f.Default = unquote(m[1])
			flags[cur] = f
		}
	}
	return flags
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// listenFlags are winnowd's flags that name an address to listen on
// ("listen", "http-listen", "metrics-listen", ...).
func listenFlags(flags map[string]flagInfo) []flagInfo {
	var out []flagInfo
	for _, f := range flags {
		if f.Name == "listen" || strings.HasSuffix(f.Name, "-listen") {
			out = append(out, f)
		}
	}
	return out
}

// portOf returns the port of a host:port address, or 0.
func portOf(addr string) int {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return 0
	}
	p, err := strconv.Atoi(addr[i+1:])
	if err != nil {
		return 0
	}
	return p
}

func TestParseHelp(t *testing.T) {
	tests := []struct {
		name string
		help string
		want map[string]flagInfo
	}{
		{
			name: "flag package",
			help: "Usage of winnowd:\n  -listen address\n    \taddress to listen on (host:port) (default \"127.0.0.1:7390\")\n  -max-batch int\n    \tmost documents per call (default 64)\n  -model file\n    \tmodel file to serve\n",
			want: map[string]flagInfo{
				"listen":    {Name: "listen", Default: "127.0.0.1:7390"},
				"max-batch": {Name: "max-batch", Default: "64"},
				"model":     {Name: "model"},
			},
		},
		{
			name: "pflag style",
			help: "Flags:\n  -l, --listen string      address (default \"127.0.0.1:7390\")\n      --shutdown-timeout duration   grace (default 10s)\n",
			want: map[string]flagInfo{
				"listen":           {Name: "listen", Default: "127.0.0.1:7390"},
				"shutdown-timeout": {Name: "shutdown-timeout", Default: "10s"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseHelp(tt.help)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, w := range tt.want {
				if got[k] != w {
					t.Errorf("%s: got %+v, want %+v", k, got[k], w)
				}
			}
		})
	}
}
