// Command gobench runs the classifier's hot-path Go benchmarks
// (classifier/bench_test.go) and writes them as a table into
// docs/benchmarks.md.
//
//	cd bench && go run ./cmd/gobench [--benchtime 1s] [--count 1] [--out ../docs/benchmarks.md]
//
// It runs `go test -run='^$' -bench=. -benchmem` in ../classifier, so it
// needs the go command and the shared folder beside the repository. With
// --count above 1 the table keeps, for each benchmark, the run with the
// lowest ns/op (the one least disturbed by other processes).
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/winnowhq/winnow/bench/report"
)

func main() {
	benchtime := flag.String("benchtime", "1s", "go test -benchtime")
	count := flag.Int("count", 1, "go test -count")
	out := flag.String("out", "", "merge the section into this Markdown file")
	flag.Parse()
	if err := run(*benchtime, *count, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gobench:", err)
		os.Exit(1)
	}
}

func run(benchtime string, count int, out string) error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	args := []string{"test", "-run=^$", "-bench=.", "-benchmem", "-benchtime=" + benchtime, "-count=" + strconv.Itoa(count), "./classifier/"}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	var buf bytes.Buffer
	cmd.Stdout = io.MultiWriter(&buf, os.Stderr)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	rows, err := parse(&buf)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("## Hot-path Go benchmarks\n\n")
	fmt.Fprintf(&b, "Command: `cd bench && go run ./cmd/gobench --benchtime %s --count %d --out ../docs/benchmarks.md` (runs `go %s` at the repository root)  \n", benchtime, count, strings.Join(args, " "))
	fmt.Fprintf(&b, "Machine: %s\n\n", report.ThisMachine(root))
	b.WriteString(table(rows))
	b.WriteString("\nPages: small = l3s_gn1's smallest page (2.7 KB), medium and large = wcxb-dev-clean dev-4251 (50 KB) and dev-0719 (500 KB); " +
		"text inputs = the Persian seed article's lines cycled to 2 KB, 50 KB and 500 KB. Predict scores a pre-segmented HTML page; " +
		"Tokenize normalises and tokenises every block of the segmented text; Classify* is the whole pipeline.")
	if count > 1 {
		b.WriteString(" Each row is the fastest of the runs.")
	}
	b.WriteString("\n")
	fmt.Print(b.String())
	if out != "" {
		return report.MergeFile(out, "gobench", b.String())
	}
	return nil
}

// row is one benchmark result line.
type row struct {
	name                      string
	n                         int64
	nsOp, mbS, bytesOp, alloc float64
}

// parse reads `go test -bench -benchmem` output and keeps, per name, the
// fastest run, in first-seen order.
func parse(r io.Reader) ([]row, error) {
	var rows []row
	index := map[string]int{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		rw := row{name: trimProcs(strings.TrimPrefix(f[0], "Benchmark")), n: n}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: bad value %q", f[0], f[i])
			}
			switch f[i+1] {
			case "ns/op":
				rw.nsOp = v
			case "MB/s":
				rw.mbS = v
			case "B/op":
				rw.bytesOp = v
			case "allocs/op":
				rw.alloc = v
			}
		}
		if i, ok := index[rw.name]; ok {
			if rw.nsOp < rows[i].nsOp {
				rows[i] = rw
			}
			continue
		}
		index[rw.name] = len(rows)
		rows = append(rows, rw)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, errors.New("no benchmark lines in the output")
	}
	return rows, nil
}

// trimProcs drops the -GOMAXPROCS suffix go test adds to names.
func trimProcs(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
}

func table(rows []row) string {
	var b strings.Builder
	b.WriteString("| benchmark | runs | µs/op | MB/s | B/op | allocs/op |\n|---|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %d | %.1f | %.2f | %.0f | %.0f |\n", r.name, r.n, r.nsOp/1e3, r.mbS, r.bytesOp, r.alloc)
	}
	return b.String()
}
