// Command compare runs Winnow and its peers over one corpus folder in the
// shared layout and prints one Markdown table: accuracy (the scorer of
// classifier/eval, the one `winnow eval` uses), speed on one goroutine,
// allocations and peak RSS.
//
//	cd bench && go run ./cmd/compare --corpus ../../shared/corpora/l3s_gn1 [--limit N] [--out ../docs/benchmarks.md]
//
// Each extractor runs in its own child process of this binary, so its peak
// RSS (VmHWM) is its own; pages are decoded once with decode.Decode(raw, "")
// outside the timing and the same UTF-8 string goes to every peer (Winnow
// gets the raw bytes and decodes them itself, inside its timing). Winnow's
// text mode classifies the visible-text rendition, made by the parent before
// the children start. A peer that errors or panics on a page scores that
// page as an empty extraction and is counted as failed.
//
// With --best N every extractor runs N times, round after round, and its
// row is its run with the least CPU time: on a shared machine the
// slowest runs are the noisy ones. With --cpuprofile DIR each child also
// writes the CPU profile of its timed calls to DIR/NAME.pprof (pages are
// read and scored outside it), for `go tool pprof` on exactly the
// workload of a row.
//
// Limits: pages are run strictly one after the other; the first page is
// run once untimed as a warm-up; a child that exceeds --timeout is killed
// and its row says so.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/winnowhq/winnow/bench/peer"
	"github.com/winnowhq/winnow/bench/report"
	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/classifier/eval"
	"github.com/winnowhq/winnow/internal/corpus"
	"github.com/winnowhq/winnow/internal/dataset"
)

type options struct {
	corpus     string
	limit      int
	out        string
	extractors string
	timeout    time.Duration
	split      string
	best       int
	// cpuprofile, when set, is the folder each child writes the CPU
	// profile of its timed loop to (NAME.pprof; with --best, the last
	// run's)
	cpuprofile string
	// child mode
	child      string
	renditions string
	result     string
}

func main() {
	var o options
	flag.StringVar(&o.corpus, "corpus", "", "corpus folder (manifest.jsonl, docs/, gold/, snippets/)")
	flag.IntVar(&o.limit, "limit", 0, "run only the first N pages of the manifest (0: all)")
	flag.StringVar(&o.out, "out", "", "merge the section into this Markdown file (e.g. ../docs/benchmarks.md)")
	flag.StringVar(&o.extractors, "extractors", strings.Join(peer.Names(), ","), "comma-separated extractors to run")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Minute, "time limit for each extractor's run")
	flag.IntVar(&o.best, "best", 1, "run every extractor N times (interleaved) and keep each one's run with the least CPU time")
	flag.StringVar(&o.split, "split", "auto", "pages to run: dev (sites the shipped model never trained on), all, or auto (dev for the sets the model trains on, else all)")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write each extractor's CPU profile of its timed calls to `DIR`/NAME.pprof (the last of --best runs; the profiler's own cost is in the times, so leave it off for the numbers)")
	flag.StringVar(&o.child, "child", "", "internal: run one extractor and write its numbers to --result")
	flag.StringVar(&o.renditions, "renditions", "", "internal: JSON-lines file of text renditions")
	flag.StringVar(&o.result, "result", "", "internal: where a child writes its numbers")
	flag.Parse()
	if o.corpus == "" {
		fmt.Fprintln(os.Stderr, "compare: --corpus is required")
		flag.Usage()
		os.Exit(2)
	}
	var err error
	if o.child != "" {
		err = child(o)
	} else {
		err = parent(o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// devOnly reports whether the run keeps only the dev split's pages.
func devOnly(o options, set string) (bool, error) {
	switch o.split {
	case "auto", "":
		return dataset.Trained(set), nil
	case "dev":
		return true, nil
	case "all":
		return false, nil
	}
	return false, fmt.Errorf("--split %q: want auto, dev or all", o.split)
}

// pages returns the pages to run: the dev split when asked (the sites
// dataset.IsDev puts aside, as `winnow eval` scores them), then the first
// --limit of them.
func pages(o options) (*corpus.Set, []corpus.Page, error) {
	set, err := corpus.Open(o.corpus)
	if err != nil {
		return nil, nil, err
	}
	dev, err := devOnly(o, set.Name)
	if err != nil {
		return nil, nil, err
	}
	ps := set.Pages
	if dev {
		ps = nil
		for _, p := range set.Pages {
			if dataset.IsDev(dataset.Group(set.Name, p)) {
				ps = append(ps, p)
			}
		}
	}
	if o.limit > 0 && o.limit < len(ps) {
		ps = ps[:o.limit]
	}
	if len(ps) == 0 {
		return nil, nil, fmt.Errorf("%s: no pages", o.corpus)
	}
	return set, ps, nil
}

func parent(o options) error {
	set, ps, err := pages(o)
	if err != nil {
		return err
	}
	names := strings.Split(o.extractors, ",")
	for _, n := range names {
		if _, err := peer.New(n); err != nil {
			return err
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "winnow-compare-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	rend := ""
	for _, n := range names {
		if n == "winnow-text" {
			rend = filepath.Join(tmp, "renditions.jsonl")
			fmt.Fprintf(os.Stderr, "compare: rendering %d pages for text mode\n", len(ps))
			if err := writeRenditions(set, ps, rend); err != nil {
				return err
			}
		}
	}
	runs := make([]report.Run, len(names))
	for rep := range max(o.best, 1) {
		// Round after round, so that a noisy spell on the machine hits
		// one run of every extractor rather than every run of one.
		for i, n := range names {
			fmt.Fprintf(os.Stderr, "compare: %s on %s (%d pages), run %d of %d\n", n, set.Name, len(ps), rep+1, max(o.best, 1))
			r := runChild(exe, o, n, rend, filepath.Join(tmp, n+".json"))
			if r.Err != "" {
				fmt.Fprintf(os.Stderr, "compare: %s: %s\n", n, r.Err)
			}
			if rep == 0 || faster(r, runs[i]) {
				runs[i] = r
			}
		}
	}
	base := runChild(exe, o, idle, "", filepath.Join(tmp, idle+".json"))
	c, _ := classifier.Default()
	model := ""
	if c != nil {
		model = c.Info().Version
	}
	body := section(set.Name, len(set.Pages), len(ps), o, runs, model, base)
	fmt.Print(body)
	if o.out != "" {
		return report.MergeFile(o.out, "compare/"+set.Name, body)
	}
	return nil
}

// faster reports whether run r should replace the best run so far:
// it succeeded and took less CPU time (or the best so far failed).
func faster(r, best report.Run) bool {
	if r.Err != "" {
		return false
	}
	return best.Err != "" || r.CPUNanos < best.CPUNanos
}

func section(name string, total, n int, o options, runs []report.Run, model string, base report.Run) string {
	var b strings.Builder
	dev, _ := devOnly(o, name)
	if dev {
		fmt.Fprintf(&b, "## Peers on `%s`, dev split (%d of %d pages)\n\n", name, n, total)
	} else {
		fmt.Fprintf(&b, "## Peers on `%s` (%d pages)\n\n", name, n)
	}
	cmd := "cd bench && go run ./cmd/compare --corpus ../../shared/corpora/" + name
	if o.limit > 0 {
		cmd += " --limit " + strconv.Itoa(o.limit)
	}
	if o.split != "auto" && o.split != "" {
		cmd += " --split " + o.split
	}
	if o.extractors != strings.Join(peer.Names(), ",") {
		cmd += " --extractors " + o.extractors
	}
	if o.best > 1 {
		cmd += " --best " + strconv.Itoa(o.best)
	}
	cmd += " --out ../docs/benchmarks.md"
	fmt.Fprintf(&b, "Command: `%s`  \n", cmd)
	wd, _ := os.Getwd()
	fmt.Fprintf(&b, "Machine: %s  \n", report.ThisMachine(wd))
	fmt.Fprintf(&b, "Winnow model: `%s`  \n", model)
	switch {
	case dev:
		fmt.Fprintf(&b, "Pages: the dev split only: the sites `dataset.IsDev` puts aside (about one in five), which the shipped model never trained on, as `winnow eval` scores this set (`--split all` runs every page, most of them Winnow's training pages).\n\n")
	case dataset.Trained(name):
		fmt.Fprintf(&b, "Pages: **all**, including the sites the shipped model trained on: Winnow's scores here are partly in-sample and not a fair comparison (the default `--split auto` keeps the dev split).\n\n")
	default:
		fmt.Fprintf(&b, "Pages: all (the shipped model does not train on this set).\n\n")
	}
	b.WriteString(report.Table(runs, "winnow-html", base.PeakRSSKB))
	b.WriteString("\n" + report.Targets(runs))
	b.WriteString("\nP/R/F1: bag-of-tokens scores of `classifier/eval`, mean over pages, then micro (corpus totals). " +
		"Speed: extraction calls only, one page at a time on one goroutine (GOMAXPROCS unchanged); " +
		"MB/s counts raw page bytes (rendition bytes for `winnow-text`); docs/CPU-s divides by the process's CPU time (user+system, GC threads included) " +
		"during the calls, which other processes on a shared machine hardly disturb, so the speed ratio is taken on it" + bestNote(o.best) + "; " +
		"every page is read before the calls and scored after them, and the calls are timed as one loop, so that neither reading nor scoring pages (nor their garbage) is counted. " +
		"Allocations: runtime.MemStats deltas around the loop. Peak RSS: VmHWM of a child process running only that extractor. " +
		idleNote(base) +
		"Failed pages (error or panic) score as empty extractions. " +
		"Peers parse the decoded page with `html.Parse` inside their timing; Winnow decodes the raw bytes inside its own.\n\n")
	b.WriteString("Extractors: ")
	var vs []string
	for _, r := range runs {
		v := peer.Version(r.Name)
		switch r.Name {
		case "trafilatura":
			v += ", fallback on (its default), comments excluded"
		case "trafilatura-fast":
			v += ", no fallback (fast), comments excluded"
		case "winnow-text":
			v = "text mode on Winnow's own visible-text rendition (made before timing)"
		case "winnow-html":
			v = "HTML mode on the raw bytes"
		case "winnow-keep":
			v = "HTML mode keeping the main content of pages it judges to hold no article (`KeepContentWithoutArticle`, as the peers always extract)"
		}
		vs = append(vs, "`"+r.Name+"`: "+v)
	}
	b.WriteString(strings.Join(vs, "; ") + ".\n")
	return b.String()
}

// bestNote says how the run was chosen under --best.
func bestNote(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf("; every extractor ran %d times, round after round, and its row is its run with the least CPU time (the scores of every run are the same)", n)
}

func idleNote(base report.Run) string {
	if base.Err != "" || base.PeakRSSKB == 0 {
		return ""
	}
	return fmt.Sprintf("Every child is the same binary, with every peer linked in: an idle child (initialisation, and the pages every child reads before it runs, its peak reset once they are read) already peaks at %.0f MB (go-trafilatura's package initialisation alone takes about 50 MB), so the RSS ratio is taken on the peak above idle (a text-mode child also holds its renditions). ", float64(base.PeakRSSKB)/1024)
}

func runChild(exe string, o options, name, rend, result string) report.Run {
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	args := []string{"-child", name, "-corpus", o.corpus, "-limit", strconv.Itoa(o.limit), "-split", o.split, "-result", result}
	if rend != "" {
		args = append(args, "-renditions", rend)
	}
	if o.cpuprofile != "" {
		args = append(args, "-cpuprofile", o.cpuprofile)
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	r := report.Run{Name: name, Version: peer.Version(name)}
	if ctx.Err() != nil {
		r.Err = fmt.Sprintf("timed out after %v", o.timeout)
		return r
	}
	if err != nil {
		r.Err = err.Error()
		return r
	}
	data, err := os.ReadFile(result)
	if err == nil {
		err = json.Unmarshal(data, &r)
	}
	if err != nil {
		r.Err = err.Error()
	}
	return r
}

type rendition struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

func writeRenditions(set *corpus.Set, ps []corpus.Page, path string) error {
	c, err := classifier.Default()
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, p := range ps {
		pg, err := load(set, p)
		if err != nil {
			f.Close()
			return err
		}
		text, err := peer.Render(c, pg)
		if err != nil {
			// The page will be empty for text mode: Winnow's HTML mode
			// failed on it and is counted as failed there.
			text = ""
		}
		if err := enc.Encode(rendition{ID: p.ID, Text: text}); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// preload reads every page, and its rendition from the JSON-lines file
// renditions ("" for none), before any timing, into an arena outside the
// Go heap: the loop timed is the extractor's alone, the garbage of reading
// pages (a decompressed and a decoded copy of each) and of scoring them
// (after the timing) is never collected on its clock, and the heap the
// collector paces itself by is the extractor's (arena). Every child, the
// idle one too, holds the same pages, so that peak RSS above idle is the
// extractor's own (a text-mode child also holds the renditions, about a
// third of the pages' bytes).
func preload(set *corpus.Set, ps []corpus.Page, renditions string) ([]*peer.Page, error) {
	var a arena
	var rd *json.Decoder
	if renditions != "" {
		f, err := os.Open(renditions)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		rd = json.NewDecoder(bufio.NewReader(f))
	}
	pgs := make([]*peer.Page, len(ps))
	for i, p := range ps {
		pg, err := load(set, p)
		if err != nil {
			return nil, err
		}
		if rd != nil {
			var rn rendition
			if err := rd.Decode(&rn); err != nil {
				return nil, fmt.Errorf("renditions: %w", err)
			}
			if rn.ID != p.ID {
				return nil, fmt.Errorf("renditions: got %s, want %s", rn.ID, p.ID)
			}
			pg.Rendition = rn.Text
		}
		if pg.Raw, err = a.bytes(pg.Raw); err != nil {
			return nil, err
		}
		if pg.HTML, err = a.string(pg.HTML); err != nil {
			return nil, err
		}
		if pg.Rendition, err = a.string(pg.Rendition); err != nil {
			return nil, err
		}
		pgs[i] = pg
	}
	return pgs, nil
}

// load reads and decodes one page, outside any timing.
func load(set *corpus.Set, p corpus.Page) (*peer.Page, error) {
	raw, err := set.HTML(p)
	if err != nil {
		return nil, err
	}
	d, err := decode.Decode(raw, "")
	if err != nil {
		// Peers still get the bytes, with invalid UTF-8 replaced.
		d.Text = decode.UTF8(raw)
	}
	return &peer.Page{Raw: raw, HTML: d.Text, URL: p.URL}, nil
}

// safe runs one extraction, turning a panic into an error.
func safe(x peer.Extractor, p *peer.Page) (text string, err error, panicked bool) {
	defer func() {
		if v := recover(); v != nil {
			text, err, panicked = "", fmt.Errorf("panic: %v", v), true
		}
	}()
	text, err = x.Extract(p)
	return text, err, false
}

func child(o options) error {
	set, ps, err := pages(o)
	if err != nil {
		return err
	}
	if o.child == idle {
		// the pages every child holds (in the arena, mapped until the
		// process exits), and nothing run on them
		if _, err := preload(set, ps, ""); err != nil {
			return err
		}
		settle()
		return writeIdle(o.result)
	}
	x, err := peer.New(o.child)
	if err != nil {
		return err
	}
	rend := ""
	if x.TextMode() {
		if rend = o.renditions; rend == "" {
			return fmt.Errorf("%s needs --renditions", o.child)
		}
	}
	pgs, err := preload(set, ps, rend)
	if err != nil {
		return err
	}
	settle()
	r := report.Run{Name: x.Name(), Version: peer.Version(x.Name())}
	type outcome struct {
		text     string
		err      error
		panicked bool
	}
	out := make([]outcome, len(pgs))
	safe(x, pgs[0]) // warm-up: lazily built tables, first-use costs
	runtime.GC()
	var m0, m1 runtime.MemStats
	stop, err := startProfile(o.cpuprofile, x.Name())
	if err != nil {
		return err
	}
	runtime.ReadMemStats(&m0)
	c0 := cpuTime()
	t0 := time.Now()
	for i, pg := range pgs {
		o := &out[i]
		o.text, o.err, o.panicked = safe(x, pg)
	}
	r.Nanos = int64(time.Since(t0))
	r.CPUNanos = int64(cpuTime() - c0)
	if err := stop(); err != nil {
		return err
	}
	runtime.ReadMemStats(&m1)
	r.Mallocs = m1.Mallocs - m0.Mallocs
	r.AllocBytes = m1.TotalAlloc - m0.TotalAlloc
	for i, p := range ps {
		pg, o := pgs[i], out[i]
		r.Pages++
		if x.TextMode() {
			r.Bytes += int64(len(pg.Rendition))
		} else {
			r.Bytes += int64(len(pg.Raw))
		}
		switch {
		case o.panicked:
			r.Panics++
		case o.err != nil:
			r.Errors++
		}
		text := o.text
		if gold, ok, err := set.Gold(p); err != nil {
			return err
		} else if ok {
			r.Gold.Add(eval.Compare(text, gold))
		}
		if sn, ok, err := set.Snippets(p); err != nil {
			return err
		} else if ok && len(sn.With)+len(sn.Without) > 0 {
			f, c := eval.SnippetScore(text, sn.With, sn.Without)
			r.SnippetPages++
			r.With += len(sn.With)
			r.Found += f
			r.Without += len(sn.Without)
			r.Clean += c
		}
	}
	r.PeakRSSKB, err = peakRSS()
	if err != nil {
		return err
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return os.WriteFile(o.result, data, 0o644)
}

// startProfile starts the CPU profile of extractor name's timed calls in
// dir/name.pprof and returns what stops it; with dir empty it does
// nothing.
func startProfile(dir, name string) (stop func() error, err error) {
	if dir == "" {
		return func() error { return nil }, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(dir, name+".pprof"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// idle names the child that reads the pages and runs nothing: its VmHWM
// is the floor every child starts from (runtime, the package
// initialisation of every linked extractor, and the pages, which every
// child reads before it runs: preload).
const idle = "idle"

func writeIdle(path string) error {
	kb, err := peakRSS()
	if err != nil {
		return err
	}
	data, err := json.Marshal(report.Run{Name: idle, PeakRSSKB: kb})
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// settle collects the garbage of reading the pages, returns it to the
// operating system and resets the process's peak RSS (VmHWM) to its
// resident size (Linux 4.0 and later: /proc/self/clear_refs): every child
// then reports the peak of what it did after reading the pages, not the
// transient of reading them, which would hide an extractor whose working
// set is smaller. Where the reset fails the peak keeps the transient, in
// every child alike.
func settle() {
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS returns this process's VmHWM in kB.
func peakRSS() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return vmHWM(f)
}

func vmHWM(r io.Reader) (int64, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))
			return strconv.ParseInt(v, 10, 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmHWM line")
}
