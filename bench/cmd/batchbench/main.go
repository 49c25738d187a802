// Command batchbench measures `winnow batch` throughput on a corpus
// folder: in-process on one and on two cores, and through one and two local
// winnowd servers, next to the in-process figure of bench/cmd/compare's
// winnow-html extractor on the same corpus. It merges its section into
// docs/benchmarks.md.
//
// Usage (from bench/):
//
//	go run ./cmd/batchbench --corpus ../../shared/corpora/l3s_gn1 --out ../docs/benchmarks.md
//
// Every run is bounded (--reps runs of each configuration, each under
// --timeout); servers listen on 127.0.0.1 only and are stopped at the end.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/winnowhq/winnow/bench/report"
)

func main() {
	corpus := flag.String("corpus", "../../shared/corpora/l3s_gn1", "corpus folder (its docs/ folder is the input)")
	out := flag.String("out", "", "merge the section into this Markdown file (e.g. ../docs/benchmarks.md)")
	reps := flag.Int("reps", 3, "runs per configuration (the median is reported)")
	timeout := flag.Duration("timeout", 5*time.Minute, "time limit of one run")
	flag.Parse()
	if err := run(*corpus, *out, *reps, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "batchbench:", err)
		os.Exit(1)
	}
}

// config is one way of running winnow batch.
type config struct {
	name     string
	procs    int // GOMAXPROCS of winnow batch
	workers  int
	servers  int // winnowd processes, 0: in-process
	srvProcs int // GOMAXPROCS of each winnowd
}

// result is the median run of a configuration.
type result struct {
	config
	docs              int
	wall              time.Duration
	clientCPU, srvCPU time.Duration
}

func run(corpus, out string, reps int, timeout time.Duration) error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	docs := filepath.Join(corpus, "docs")
	if _, err := os.Stat(docs); err != nil {
		return fmt.Errorf("no docs folder in %s: %w", corpus, err)
	}
	tmp, err := os.MkdirTemp("", "batchbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for dir, pkgs := range map[string][]string{root: {"./cmd/winnow", "./cmd/winnowd"}, filepath.Join(root, "bench"): {"./cmd/loadkit"}} {
		args := append([]string{"build", "-o", tmp + "/"}, pkgs...)
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, b)
		}
	}

	configs := []config{
		{name: "in-process, 1 core", procs: 1, workers: 1},
		{name: "in-process, 2 cores", procs: 2, workers: 2},
		{name: "1 winnowd", procs: 2, workers: 2, servers: 1, srvProcs: 2},
		{name: "2 winnowd", procs: 2, workers: 2, servers: 2, srvProcs: 2},
	}
	var results []result
	for _, c := range configs {
		var runs []result
		for i := range reps {
			r, err := runOnce(tmp, docs, c, timeout, i)
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			fmt.Fprintf(os.Stderr, "batchbench: %s run %d: %d docs in %v (%.1f docs/s)\n", c.name, i+1, r.docs, r.wall.Round(time.Millisecond), float64(r.docs)/r.wall.Seconds())
			runs = append(runs, r)
		}
		slices.SortFunc(runs, func(a, b result) int { return int(a.wall - b.wall) })
		results = append(results, runs[len(runs)/2])
	}

	fmt.Fprintln(os.Stderr, "batchbench: bench/cmd/compare --extractors winnow-html")
	cmpRate, cmpCPU, err := compareRate(root, corpus, tmp)
	if err != nil {
		return err
	}
	body := render(corpus, reps, results, cmpRate, cmpCPU, report.ThisMachine(root))
	if out == "" {
		fmt.Print(body)
		return nil
	}
	return report.MergeFile(out, "batch/"+filepath.Base(corpus), body)
}

var servingRE = regexp.MustCompile(`msg=serving addr=(\S+)`)

// runOnce runs winnow batch once with a fresh output.
func runOnce(tmp, docs string, c config, timeout time.Duration, rep int) (result, error) {
	r := result{config: c}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var addrs []string
	var pids []int
	for range c.servers {
		cmd := exec.CommandContext(ctx, filepath.Join(tmp, "winnowd"), "--listen", "127.0.0.1:0")
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(c.srvProcs))
		stderr, err := cmd.StderrPipe()
		if err != nil {
			return r, err
		}
		if err := cmd.Start(); err != nil {
			return r, err
		}
		defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
		sc := bufio.NewScanner(stderr)
		addr := ""
		for addr == "" && sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
				addr = m[1]
			}
		}
		if addr == "" {
			return r, errors.New("winnowd did not start")
		}
		go io.Copy(io.Discard, stderr)
		addrs = append(addrs, addr)
		pids = append(pids, cmd.Process.Pid)
	}
	cpu := func() (time.Duration, error) {
		var sum time.Duration
		for _, pid := range pids {
			b, err := exec.Command(filepath.Join(tmp, "loadkit"), "cpu", "--pid", strconv.Itoa(pid)).Output()
			if err != nil {
				return 0, fmt.Errorf("loadkit cpu: %w", err)
			}
			ms, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64) // milliseconds
			if err != nil {
				return 0, fmt.Errorf("loadkit cpu output %q: %w", b, err)
			}
			sum += time.Duration(ms) * time.Millisecond
		}
		return sum, nil
	}
	srv0, err := cpu()
	if err != nil {
		return r, err
	}
	outFile := filepath.Join(tmp, fmt.Sprintf("out-%d-%d.jsonl", c.servers, rep))
	os.Remove(outFile)
	args := []string{"batch", "--in", docs, "--out", outFile, "--progress", "none", "--workers", strconv.Itoa(c.workers)}
	if len(addrs) > 0 {
		args = append(args, "--server", strings.Join(addrs, ","))
	}
	cmd := exec.CommandContext(ctx, filepath.Join(tmp, "winnow"), args...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(c.procs))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return r, fmt.Errorf("winnow batch: %v: %s", err, stderr.String())
	}
	r.wall = time.Since(start)
	r.clientCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	srv1, err := cpu()
	if err != nil {
		return r, err
	}
	r.srvCPU = srv1 - srv0
	data, err := os.ReadFile(outFile)
	if err != nil {
		return r, err
	}
	r.docs = bytes.Count(data, []byte("\n"))
	return r, nil
}

// compareRate runs bench/cmd/compare's winnow-html extractor on every page
// of the corpus and returns its docs/s and docs/CPU-s.
func compareRate(root, corpus, tmp string) (rate, perCPU float64, err error) {
	md := filepath.Join(tmp, "compare.md")
	// --split all: the same pages winnow batch reads (compare's default
	// runs only the dev split of the sets the model trains on).
	cmd := exec.Command("go", "run", "./cmd/compare", "--corpus", corpus, "--extractors", "winnow-html", "--split", "all", "--out", md)
	cmd.Dir = filepath.Join(root, "bench")
	if b, err := cmd.CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("compare: %v\n%s", err, b)
	}
	data, err := os.ReadFile(md)
	if err != nil {
		return 0, 0, err
	}
	// The table's header names the columns; find docs/s and docs/CPU-s.
	var header []string
	for line := range strings.SplitSeq(string(data), "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) > 1 && cells[0] == "extractor" && header == nil {
			header = cells
		}
		if len(cells) > 1 && cells[0] == "winnow-html" && header != nil {
			ri, ci := slices.Index(header, "docs/s"), slices.Index(header, "docs/CPU-s")
			if ri < 0 || ci < 0 || ri >= len(cells) || ci >= len(cells) {
				break
			}
			rate, err1 := strconv.ParseFloat(cells[ri], 64)
			perCPU, err2 := strconv.ParseFloat(cells[ci], 64)
			if err1 != nil || err2 != nil {
				break
			}
			return rate, perCPU, nil
		}
	}
	return 0, 0, errors.New("compare: no winnow-html row with docs/s and docs/CPU-s")
}

func render(corpus string, reps int, rs []result, cmpRate, cmpCPU float64, m report.Machine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## `winnow batch` on `%s`\n\n", filepath.Base(corpus))
	fmt.Fprintf(&b, "Command: `cd bench && go run ./cmd/batchbench --corpus %s --out ../docs/benchmarks.md`  \n", corpus)
	fmt.Fprintf(&b, "Machine: %s  \n", m)
	fmt.Fprintf(&b, "Input: the corpus's `docs/` folder (gzipped HTML pages), output JSONL without blocks; each row is the median of %d runs with a fresh output file.\n\n", reps)
	b.WriteString("| configuration | documents | wall s | docs/s | client CPU s | server CPU s | docs/CPU-s | docs/s ÷ compare |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rs {
		rate := float64(r.docs) / r.wall.Seconds()
		cpu := (r.clientCPU + r.srvCPU).Seconds()
		fmt.Fprintf(&b, "| %s | %d | %.2f | %.1f | %.2f | %.2f | %.1f | %.2f× |\n",
			r.name, r.docs, r.wall.Seconds(), rate, r.clientCPU.Seconds(), r.srvCPU.Seconds(), float64(r.docs)/cpu, rate/cmpRate)
	}
	fmt.Fprintf(&b, "| bench/cmd/compare --split all, winnow-html (in-process, one goroutine, classification calls only) | | | %.1f | | | %.1f | 1.00× |\n\n", cmpRate, cmpCPU)
	b.WriteString("Wall-clock docs/s counts everything `winnow batch` does: walking the folder, reading and gunzipping each page, classifying, writing and fsyncing the JSONL. " +
		"GOMAXPROCS of `winnow batch` is the core count in the row name (`--workers` equal to it); each winnowd runs with GOMAXPROCS=2, and in the server rows client and servers share the same 2 cores, so those rows measure the protocol's overhead, not a scale-out. " +
		"docs/CPU-s divides by the user+system CPU time of `winnow batch` plus the servers' (from /proc/PID/stat via bench/cmd/loadkit), which other processes on a shared machine hardly move; wall-clock docs/s moves with the load average shown above.\n")
	return b.String()
}
