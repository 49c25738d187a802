package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/eval"
)

func run(name string, nanos int64, common, extracted, gold int) Run {
	r := Run{Name: name, Pages: 2, Bytes: 4e6, Nanos: nanos, CPUNanos: nanos, Mallocs: 200, AllocBytes: 4096, PeakRSSKB: 20480}
	r.Gold.Add(eval.Counts{Common: common, Extracted: extracted, Gold: gold})
	r.Gold.Add(eval.Counts{})
	return r
}

func TestTable(t *testing.T) {
	runs := []Run{run("a", 1e9, 5, 10, 10), run("b", 2e9, 10, 10, 10), {Name: "c", Err: "timed out"}}
	got := Table(runs, "a", 10240)
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5:\n%s", len(lines), got)
	}
	for _, tc := range []struct {
		name, line, want string
	}{
		{"header has gold columns", lines[0], "| micro F1 |"},
		{"header has ratio", lines[0], "docs/CPU-s ÷ a"},
		{"no snippet columns", lines[0], "docs/s"},
		{"a mean F1 over a 0.5 page and an empty page", lines[2], "| 0.750 |"},
		{"a docs/s", lines[2], "| 2.0 | 4.00 | 2.0 |"},
		{"a ratio to itself", lines[2], "| 1.00× |"},
		{"b half as fast", lines[3], "| 0.50× |"},
		{"RSS above idle", lines[3], "| 20 | 10.0 |"},
		{"failed run", lines[4], "run failed: timed out"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tc.line, tc.want) {
				t.Errorf("%q does not contain %q", tc.line, tc.want)
			}
		})
	}
	if strings.Contains(lines[0], "with found") {
		t.Errorf("snippet columns without snippets: %s", lines[0])
	}
}

func TestTableSnippetsOnly(t *testing.T) {
	r := Run{Name: "a", Pages: 1, Nanos: 1, SnippetPages: 1, With: 4, Found: 3, Without: 2, Clean: 2}
	got := Table([]Run{r}, "a", 0)
	for _, want := range []string{"75.0% (3/4)", "100.0% (2/2)"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "micro F1") {
		t.Errorf("gold columns without gold:\n%s", got)
	}
}

func TestMerge(t *testing.T) {
	doc, err := Merge("", "compare/b", "table b")
	if err != nil {
		t.Fatal(err)
	}
	doc, err = Merge(doc, "compare/a", "table a\n")
	if err != nil {
		t.Fatal(err)
	}
	doc, err = Merge(doc, "compare/b", "table b2")
	if err != nil {
		t.Fatal(err)
	}
	want := Header + "\n<!-- section compare/a -->\ntable a\n<!-- end compare/a -->\n" +
		"\n<!-- section compare/b -->\ntable b2\n<!-- end compare/b -->\n"
	if doc != want {
		t.Errorf("got\n%s\nwant\n%s", doc, want)
	}
	again, err := Merge(doc, "compare/a", "table a")
	if err != nil || again != doc {
		t.Errorf("merging the same section changed the file (err %v)", err)
	}
	for _, tc := range []struct{ name, doc, key string }{
		{"unterminated", "<!-- section x -->\nbody\n", "y"},
		{"empty key", "", ""},
		{"key with space", "", "a b"},
		{"marker in body", "", "k"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := "b"
			if tc.name == "marker in body" {
				body = "x\n<!-- end k -->\ny"
			}
			if _, err := Merge(tc.doc, tc.key, body); err == nil {
				t.Error("no error")
			}
		})
	}
}

func ExampleMerge() {
	doc, _ := Merge("", "load", "req/s: 1")
	fmt.Println(strings.TrimPrefix(doc, Header))
	// Output:
	// <!-- section load -->
	// req/s: 1
	// <!-- end load -->
}

// FuzzMerge checks that Merge never panics, keeps the body it was given,
// and is idempotent.
func FuzzMerge(f *testing.F) {
	f.Add("", "load", "body")
	f.Add("<!-- section a -->\nx\n<!-- end a -->\n", "a", "y")
	f.Add("<!-- section a -->\n<!-- section b -->\n<!-- end b -->\n", "b", "")
	f.Add("", "k", "x\n<!-- end k -->\ny")
	f.Fuzz(func(t *testing.T, doc, key, body string) {
		out, err := Merge(doc, key, body)
		if err != nil {
			return
		}
		again, err := Merge(out, key, body)
		if err != nil {
			t.Fatalf("merging into our own output failed: %v", err)
		}
		if again != out {
			t.Fatalf("not idempotent:\n%q\n%q", out, again)
		}
	})
}

func TestTargets(t *testing.T) {
	w := run("winnow-html", 1e9, 9, 10, 10)
	rd := run("readeck", 3e9, 8, 10, 10)
	fl := run("floor", 1e9, 10, 20, 10)
	tx := Run{Name: "winnow-text", Pages: 2, Bytes: 40e6, CPUNanos: 1e9}
	got := Targets([]Run{w, tx, rd, fl})
	for _, want := range []string{
		"3.00× readeck's (target ≥ 2×: met)",
		"1.00× the parse floor's (target ≥ 1.0×: met)",
		"(readeck; target: above every peer: met)",
		"text mode 40.0 MB per CPU-second (target ≥ 30: met)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	// winnow-keep is Winnow, never the best peer; its F1 is said apart
	k := run("winnow-keep", 1e9, 10, 10, 10)
	got = Targets([]Run{w, k, rd, fl})
	for _, want := range []string{"(readeck; target: above every peer: met)", "keeping the main content of pages without an article, F1 "} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	rd.CPUNanos = 1e9
	if got := Targets([]Run{w, rd}); !strings.Contains(got, "1.00× readeck's (target ≥ 2×: **not met**)") {
		t.Errorf("got %q", got)
	}
	if got := Targets(nil); got != "" {
		t.Errorf("Targets(nil) = %q", got)
	}
}
