// Package report holds the numbers one extractor run produces, renders them
// as Markdown tables, and merges generated sections into docs/benchmarks.md.
//
// A section is delimited by "<!-- section KEY -->" and "<!-- end KEY -->"
// lines; Merge replaces the section with the same key and keeps the others,
// ordered by key, so commands run at different times can share one file.
// Text outside sections is replaced by the fixed header.
package report

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/winnowhq/winnow/classifier/eval"
)

// Run is what one extractor produced over one corpus.
type Run struct {
	Name    string
	Version string
	// Pages is how many pages were run; Errors and Panics how many of them
	// failed (scored as an empty extraction).
	Pages, Errors, Panics int
	// Gold accumulates P/R/F over the pages that have gold text.
	Gold eval.Mean
	// Snippet counts over the pages that have snippets.
	SnippetPages                int
	With, Found, Without, Clean int
	// Bytes is the input size summed over pages (raw page bytes for HTML
	// extractors, rendition bytes for text mode); Nanos the time spent in
	// the extraction calls.
	Bytes, Nanos int64
	// CPUNanos is the process CPU time (user+system, all threads, so GC
	// included) spent during the extraction calls. Unlike Nanos it hardly
	// moves when other processes load the machine.
	CPUNanos int64
	// Mallocs and AllocBytes are runtime.MemStats deltas summed over the
	// extraction calls.
	Mallocs, AllocBytes uint64
	// PeakRSSKB is VmHWM of the process that ran only this extractor.
	PeakRSSKB int64
	// Err is set when the run itself failed (the child crashed or timed out).
	Err string
}

// DocsPerSec is pages per second of extraction time.
func (r *Run) DocsPerSec() float64 {
	if r.Nanos <= 0 {
		return 0
	}
	return float64(r.Pages) / (float64(r.Nanos) / 1e9)
}

// MBPerSec is input megabytes (10^6 bytes) per second of extraction time.
func (r *Run) MBPerSec() float64 {
	if r.Nanos <= 0 {
		return 0
	}
	return float64(r.Bytes) / 1e6 / (float64(r.Nanos) / 1e9)
}

// DocsPerCPUSec is pages per second of process CPU time.
func (r *Run) DocsPerCPUSec() float64 {
	if r.CPUNanos <= 0 {
		return 0
	}
	return float64(r.Pages) / (float64(r.CPUNanos) / 1e9)
}

// MBPerCPUSec is input megabytes per second of process CPU time.
func (r *Run) MBPerCPUSec() float64 {
	if r.CPUNanos <= 0 {
		return 0
	}
	return float64(r.Bytes) / 1e6 / (float64(r.CPUNanos) / 1e9)
}

// F1 is the mean F1 over gold pages.
func (r *Run) F1() float64 { _, _, f := r.Gold.Means(); return f }

// Machine describes where numbers were measured.
type Machine struct {
	CPUs      int
	CPU       string
	GoVersion string
	OS        string
	Date      string
	Commit    string
	// Load is /proc/loadavg's 1, 5 and 15 minute averages when the numbers
	// were taken: a loaded machine slows every row.
	Load string
}

// ThisMachine describes the running machine. Commit is the short git
// commit of dir's repository; when dir is not in a git work tree (an
// exported snapshot), it is $WINNOW_COMMIT, else "".
func ThisMachine(dir string) Machine {
	m := Machine{
		CPUs:      runtime.NumCPU(),
		CPU:       cpuModel(),
		GoVersion: runtime.Version(),
		OS:        runtime.GOOS + "/" + runtime.GOARCH,
		Date:      time.Now().UTC().Format("2006-01-02 15:04 UTC"),
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			m.Load = strings.Join(f[:3], " ")
		}
	}
	if out, err := exec.Command("git", "-C", dir, "rev-parse", "--short", "HEAD").Output(); err == nil {
		m.Commit = strings.TrimSpace(string(out))
		st, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output()
		if err == nil && len(strings.TrimSpace(string(st))) > 0 {
			m.Commit += " with uncommitted changes"
		}
	} else {
		m.Commit = os.Getenv("WINNOW_COMMIT")
	}
	return m
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// String renders the machine as one line.
func (m Machine) String() string {
	s := fmt.Sprintf("%d CPUs (%s), %s %s, %s", m.CPUs, m.CPU, m.GoVersion, m.OS, m.Date)
	if m.Commit != "" {
		s += ", commit " + m.Commit
	}
	if m.Load != "" {
		s += ", load average " + m.Load
	}
	return s
}

// Table renders runs as one Markdown table. Ratios are to the run named
// ref (omitted when ref is absent). Gold columns appear when any run saw a
// gold page, snippet columns when any saw snippets. idleKB, when positive,
// is the peak RSS of a process that ran nothing: the table then also shows
// each run's peak above it, and the RSS ratio is taken on that.
func Table(runs []Run, ref string, idleKB int64) string {
	var base *Run
	gold, snip := false, false
	for i := range runs {
		if runs[i].Name == ref && runs[i].Err == "" {
			base = &runs[i]
		}
		gold = gold || runs[i].Gold.N > 0
		snip = snip || runs[i].SnippetPages > 0
	}
	head := []string{"extractor", "pages", "failed"}
	align := []string{"---", "---:", "---:"}
	add := func(h ...string) {
		for _, x := range h {
			head = append(head, x)
			align = append(align, "---:")
		}
	}
	if gold {
		add("P", "R", "F1", "micro P", "micro R", "micro F1")
	}
	if snip {
		add("with found", "without absent")
	}
	add("docs/s", "MB/s", "docs/CPU-s", "allocs/page", "KB alloc/page", "peak RSS MB")
	if idleKB > 0 {
		add("RSS above idle MB")
	}
	rss := func(r *Run) float64 {
		if idleKB > 0 {
			return float64(max(r.PeakRSSKB-idleKB, 0))
		}
		return float64(r.PeakRSSKB)
	}
	if base != nil {
		add("docs/CPU-s ÷ "+ref, "allocs ÷ "+ref, "RSS ÷ "+ref)
		if gold {
			add("F1 ÷ " + ref)
		}
	}
	var b strings.Builder
	b.WriteString("| " + strings.Join(head, " | ") + " |\n")
	b.WriteString("|" + strings.Join(align, "|") + "|\n")
	for i := range runs {
		r := &runs[i]
		row := []string{r.Name, fmt.Sprint(r.Pages), fmt.Sprint(r.Errors + r.Panics)}
		if r.Err != "" {
			row = append(row, "run failed: "+strings.ReplaceAll(r.Err, "|", "/"))
			b.WriteString("| " + strings.Join(row, " | ") + " |\n")
			continue
		}
		if gold {
			p, rr, f := r.Gold.Means()
			mp, mr, mf := r.Gold.Micro.PRF()
			if r.Gold.N == 0 {
				row = append(row, "–", "–", "–", "–", "–", "–")
			} else {
				row = append(row, f3(p), f3(rr), f3(f), f3(mp), f3(mr), f3(mf))
			}
		}
		if snip {
			row = append(row, pct(r.Found, r.With), pct(r.Clean, r.Without))
		}
		n := max(r.Pages, 1)
		row = append(row,
			fmt.Sprintf("%.1f", r.DocsPerSec()),
			fmt.Sprintf("%.2f", r.MBPerSec()),
			fmt.Sprintf("%.1f", r.DocsPerCPUSec()),
			fmt.Sprintf("%.0f", float64(r.Mallocs)/float64(n)),
			fmt.Sprintf("%.0f", float64(r.AllocBytes)/float64(n)/1024),
			fmt.Sprintf("%.0f", float64(r.PeakRSSKB)/1024))
		if idleKB > 0 {
			row = append(row, fmt.Sprintf("%.1f", rss(r)/1024))
		}
		if base != nil {
			row = append(row,
				ratio(r.DocsPerCPUSec(), base.DocsPerCPUSec()),
				ratio(float64(r.Mallocs), float64(base.Mallocs)),
				ratio(rss(r), rss(base)))
			if gold {
				row = append(row, ratio(r.F1(), base.F1()))
			}
		}
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	return b.String()
}

func f3(x float64) string { return fmt.Sprintf("%.3f", x) }

func pct(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%% (%d/%d)", 100*float64(a)/float64(b), a, b)
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	if x := a / b; x < 0.1 {
		return fmt.Sprintf("%.3f×", x)
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// Header is the fixed text above the sections of docs/benchmarks.md.
const Header = `# Benchmarks

This file is written by commands, never by hand: ` + "`bench/cmd/compare`" + ` writes one
section per corpus, ` + "`bench/load.sh`" + ` the gRPC load section. Each section names the
machine and the command that produced it; rerun the command to refresh it.
`

// Merge returns doc with the section key set to body (added when absent).
// Sections are kept in key order; text outside sections is replaced by
// Header.
func Merge(doc, key, body string) (string, error) {
	if strings.ContainsAny(key, " \n") || key == "" {
		return "", fmt.Errorf("report: bad section key %q", key)
	}
	for _, l := range strings.Split(body, "\n") {
		_, s := marker(l, "section")
		_, e := marker(l, "end")
		if s || e {
			return "", fmt.Errorf("report: section %q: body holds a marker line %q", key, l)
		}
	}
	secs, err := sections(doc)
	if err != nil {
		return "", err
	}
	secs[key] = strings.TrimSpace(body)
	keys := make([]string, 0, len(secs))
	for k := range secs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(Header)
	for _, k := range keys {
		fmt.Fprintf(&b, "\n<!-- section %s -->\n%s\n<!-- end %s -->\n", k, secs[k], k)
	}
	return b.String(), nil
}

func sections(doc string) (map[string]string, error) {
	out := map[string]string{}
	lines := strings.Split(doc, "\n")
	for i := 0; i < len(lines); i++ {
		k, ok := marker(lines[i], "section")
		if !ok {
			continue
		}
		j := i + 1
		for j < len(lines) {
			if e, ok := marker(lines[j], "end"); ok && e == k {
				break
			}
			j++
		}
		if j == len(lines) {
			return nil, fmt.Errorf("report: section %q has no end marker", k)
		}
		out[k] = strings.TrimSpace(strings.Join(lines[i+1:j], "\n"))
		i = j
	}
	return out, nil
}

func marker(line, word string) (string, bool) {
	s, ok := strings.CutPrefix(strings.TrimSpace(line), "<!-- "+word+" ")
	if !ok {
		return "", false
	}
	k, ok := strings.CutSuffix(s, " -->")
	if !ok || k == "" || strings.Contains(k, " ") {
		return "", false
	}
	return k, true
}

// MergeFile merges the section into the file at path (created when absent).
func MergeFile(path, key, body string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	doc, err := Merge(string(old), key, body)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}

// Targets checks the speed issues' ratio targets on one corpus's runs and
// says, in one paragraph, which are met: Winnow HTML at least 2× readeck's
// and 1.0× the floor's docs per CPU-second (issue 15; issue 5 asked 0.7×), F1 above every peer's, text mode at least
// 30 MB per CPU-second. Runs that are missing are skipped.
func Targets(runs []Run) string {
	by := map[string]*Run{}
	for i := range runs {
		if runs[i].Err == "" && runs[i].Pages > 0 {
			by[runs[i].Name] = &runs[i]
		}
	}
	w := by["winnow-html"]
	var parts []string
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**not met**"
	}
	if w != nil {
		if r := by["readeck"]; r != nil && r.DocsPerCPUSec() > 0 {
			x := w.DocsPerCPUSec() / r.DocsPerCPUSec()
			parts = append(parts, fmt.Sprintf("Winnow HTML speed %.2f× readeck's (target ≥ 2×: %s)", x, verdict(x >= 2)))
		}
		if f := by["floor"]; f != nil && f.DocsPerCPUSec() > 0 {
			x := w.DocsPerCPUSec() / f.DocsPerCPUSec()
			parts = append(parts, fmt.Sprintf("%.2f× the parse floor's (target ≥ 1.0×: %s)", x, verdict(x >= 1)))
		}
		if w.Gold.N > 0 {
			best, bestF := "", -1.0
			for _, r := range runs {
				if r.Err == "" && !strings.HasPrefix(r.Name, "winnow-") && r.Name != "floor" && r.Gold.N > 0 && r.F1() > bestF {
					best, bestF = r.Name, r.F1()
				}
			}
			if best != "" {
				parts = append(parts, fmt.Sprintf("F1 %.3f vs the best peer's %.3f (%s; target: above every peer: %s)", w.F1(), bestF, best, verdict(w.F1() > bestF)))
				if k := by["winnow-keep"]; k != nil && k.Gold.N > 0 {
					parts = append(parts, fmt.Sprintf("keeping the main content of pages without an article, F1 %.3f (%s)", k.F1(), verdict(k.F1() > bestF)))
				}
			}
		}
	}
	if t := by["winnow-text"]; t != nil && t.CPUNanos > 0 {
		x := t.MBPerCPUSec()
		parts = append(parts, fmt.Sprintf("text mode %.1f MB per CPU-second (target ≥ 30: %s)", x, verdict(x >= 30)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Targets (speeds per CPU-second, one goroutine): " + strings.Join(parts, "; ") + ".\n"
}
