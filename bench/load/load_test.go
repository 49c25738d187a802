package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const ghzJSON = `{"count":100,"total":1000000000,"average":2000000,"fastest":1000000,"slowest":30000000,"rps":100.5,
"errorDistribution":{"rpc error: code = Internal":2},"statusCodeDistribution":{"OK":98,"Internal":2},
"latencyDistribution":[{"percentage":50,"latency":2500000},{"percentage":99,"latency":20000000}],
"options":{"concurrency":8,"total":100}}`

func TestReadGhz(t *testing.T) {
	g, err := ReadGhz(strings.NewReader(ghzJSON))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"count", g.Count, uint64(100)},
		{"p50", g.Percentile(50), 2500 * time.Microsecond},
		{"p99", g.Percentile(99), 20 * time.Millisecond},
		{"p90 absent", g.Percentile(90), time.Duration(0)},
		{"errors", g.Errors(), 2},
		{"concurrency", g.Options.Concurrency, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	if _, err := ReadGhz(strings.NewReader("{")); err == nil {
		t.Error("no error for truncated JSON")
	}
}

func TestSection(t *testing.T) {
	g, err := ReadGhz(strings.NewReader(ghzJSON))
	if err != nil {
		t.Fatal(err)
	}
	st := &StreamReport{Docs: 10, DocsPerSec: 90, P50: 1, P99: 2, Max: 3, InProc: 100, InProc1: 60, Workers: 2}
	s := Section("machine", "bench/load.sh", []Run{{Name: "2 KB text", Ghz: g, ServerCPU: 150 * time.Millisecond}, {Name: "50 KB HTML", Err: "ghz: exit 1"}}, st, "", 50*1024, "notes")
	for _, want := range []string{
		"| Classify | 2 KB text | 8 | 100 | 100 | 2.50 | 20.00 | 30.00 | 2 (2× rpc error: code = Internal) | 1.50 |",
		"| Classify | 50 KB HTML | | | run failed: ghz: exit 1 |",
		"| ClassifyStream | 50 KB HTML | 1 stream | 10 | 90 docs/s |",
		"**90%**",
		"**50 MB**",
		"notes",
		"2 KB text 100 req/s, p99 20.00 ms, 2 errors (target ≥ 2,500 req/s, p99 ≤ 25 ms, 0 errors: **not met**)",
		"at 1.50 ms of server CPU per request, 2 idle cores could serve at most 1333 req/s",
		"stream 90% of in-process docs/s (target ≥ 90%: met)",
		"server peak RSS 50 MB (target ≤ 100 MB: met)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("section lacks %q:\n%s", want, s)
		}
	}
	if s := Section("m", "c", nil, nil, "dial failed", 0, ""); !strings.Contains(s, "run failed: dial failed") {
		t.Errorf("no stream failure in\n%s", s)
	}
}

func TestSeedText(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "examples"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "examples", "seed-fa-news.txt"), []byte("سلام دنیا\nخبر دوم"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		n    int
		err  bool
	}{{"one line", 20, false}, {"cycled", 200, false}, {"too small", 5, true}} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := SeedText(dir, tc.n)
			if (err != nil) != tc.err {
				t.Fatalf("err = %v", err)
			}
			if err == nil && (len(s) > tc.n || !strings.HasSuffix(s, "\n") || len(s) < tc.n/2) {
				t.Errorf("%d bytes (limit %d): %q", len(s), tc.n, s)
			}
		})
	}
}

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:7390", true},
		{"localhost:1", true},
		{"[::1]:80", true},
		{"127.1.2.3:9", true},
		{"10.0.0.1:7390", false},
		{"example.com:443", false},
		{"no-port", false},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			if err := CheckLoopback(tc.addr); (err == nil) != tc.ok {
				t.Errorf("CheckLoopback(%q) = %v", tc.addr, err)
			}
		})
	}
}
