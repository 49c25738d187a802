package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/bench/report"
)

func TestVmHWM(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     int64
		err      bool
	}{
		{"status", "Name:\tx\nVmPeak:\t  100 kB\nVmHWM:\t   52432 kB\nVmRSS:\t 1 kB\n", 52432, false},
		{"missing", "Name:\tx\n", 0, true},
		{"garbled", "VmHWM: lots kB\n", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := vmHWM(strings.NewReader(tc.in))
			if (err != nil) != tc.err || got != tc.want {
				t.Errorf("vmHWM = %d, %v; want %d, error %v", got, err, tc.want, tc.err)
			}
		})
	}
}

func TestChild(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"floor", "winnow-html"} {
		t.Run(name, func(t *testing.T) {
			res := filepath.Join(dir, name+".json")
			if err := child(options{corpus: "testdata/tiny", child: name, result: res}); err != nil {
				t.Fatal(err)
			}
			r := readRun(t, res)
			if r.Pages != 2 || r.Gold.N != 1 || r.SnippetPages != 1 || r.With != 1 {
				t.Errorf("pages %d, gold pages %d, snippet pages %d, with %d; want 2, 1, 1, 1", r.Pages, r.Gold.N, r.SnippetPages, r.With)
			}
			// The floor keeps all visible text, so it must find every gold
			// token: this checks the scoring plumbing, not any model.
			if _, rec, _ := r.Gold.Micro.PRF(); name == "floor" && rec != 1 {
				t.Errorf("floor recall %.2f, want 1", rec)
			}
			if r.Nanos <= 0 || r.Mallocs == 0 || r.PeakRSSKB <= 0 {
				t.Errorf("no measurements: %+v", r)
			}
		})
	}
}

// TestChildProfile: with a profile folder the child writes the CPU
// profile of its timed calls there, named after the extractor.
func TestChildProfile(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "prof")
	if err := child(options{corpus: "testdata/tiny", child: "floor", result: filepath.Join(dir, "floor.json"), cpuprofile: prof}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(prof, "floor.pprof"))
	if err != nil || st.Size() == 0 {
		t.Fatalf("profile: %v, %v", st, err)
	}
}

// TestChildPreload: the idle child reads the pages and reports its peak;
// a text-mode child reads the renditions with them, and needs them.
func TestChildPreload(t *testing.T) {
	dir := t.TempDir()
	idleRes := filepath.Join(dir, "idle.json")
	if err := child(options{corpus: "testdata/tiny", child: idle, result: idleRes}); err != nil {
		t.Fatal(err)
	}
	if r := readRun(t, idleRes); r.PeakRSSKB <= 0 || r.Pages != 0 {
		t.Fatalf("idle: %+v", r)
	}
	if err := child(options{corpus: "testdata/tiny", child: "winnow-text", result: filepath.Join(dir, "t.json")}); err == nil {
		t.Fatal("winnow-text without renditions: no error")
	}
	set, ps, err := pages(options{corpus: "testdata/tiny"})
	if err != nil {
		t.Fatal(err)
	}
	rend := filepath.Join(dir, "renditions.jsonl")
	if err := writeRenditions(set, ps, rend); err != nil {
		t.Fatal(err)
	}
	res := filepath.Join(dir, "text.json")
	if err := child(options{corpus: "testdata/tiny", child: "winnow-text", renditions: rend, result: res}); err != nil {
		t.Fatal(err)
	}
	if r := readRun(t, res); r.Pages != 2 || r.Bytes <= 0 || r.CPUNanos < 0 || r.Gold.N != 1 {
		t.Errorf("winnow-text: %+v", r)
	}
}

// TestArena: preloaded bytes and strings are copies outside the heap.
func TestArena(t *testing.T) {
	var a arena
	b := []byte("page bytes")
	c, err := a.bytes(b)
	if err != nil || string(c) != "page bytes" || &c[0] == &b[0] || cap(c) != len(c) {
		t.Fatalf("bytes: %q %v", c, err)
	}
	s, err := a.string("decoded page")
	if err != nil || s != "decoded page" {
		t.Fatalf("string: %q %v", s, err)
	}
	if e, err := a.string(""); err != nil || e != "" {
		t.Fatalf("empty string: %q %v", e, err)
	}
	if n, err := a.bytes(nil); err != nil || n != nil {
		t.Fatalf("nil bytes: %v %v", n, err)
	}
	big, err := a.bytes(make([]byte, arenaChunk+1))
	if err != nil || len(big) != arenaChunk+1 {
		t.Fatalf("a page larger than a chunk: %d %v", len(big), err)
	}
	if after, err := a.string("after"); err != nil || after != "after" {
		t.Fatalf("after a large page: %q %v", after, err)
	}
}

// readRun reads the result a child wrote to path.
func readRun(t *testing.T, path string) report.Run {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r report.Run
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFaster(t *testing.T) {
	ok := func(cpu int64) report.Run { return report.Run{CPUNanos: cpu} }
	failed := report.Run{Err: "boom", CPUNanos: 1}
	for _, tc := range []struct {
		name    string
		r, best report.Run
		want    bool
	}{
		{"less CPU", ok(5), ok(9), true},
		{"more CPU", ok(9), ok(5), false},
		{"equal", ok(5), ok(5), false},
		{"failed run never wins", failed, ok(9), false},
		{"replaces a failed best", ok(9), failed, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := faster(tc.r, tc.best); got != tc.want {
				t.Errorf("faster = %v, want %v", got, tc.want)
			}
		})
	}
}
