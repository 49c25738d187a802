// Package load holds what the gRPC load tools share: the documents they send
// (real corpus pages of fixed sizes, the same ones the classifier's Go
// benchmarks use), ghz's JSON report, and the Markdown section the load
// script writes.
package load

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Doc is one document a load run sends.
type Doc struct {
	// Name says what it is ("2 KB text", "50 KB HTML").
	Name string
	// Text is the document, decoded to UTF-8.
	Text string
	// HTML says whether Text is HTML (else plain text).
	HTML bool
}

// Page names one shared corpus page.
type Page struct{ Corpus, ID string }

// Medium and Large are the 50 KB and 500 KB HTML pages (the pages of
// wcxb-dev-clean whose html_bytes are closest to 50,000 and 500,000).
var (
	Medium = Page{"wcxb-dev-clean", "dev-4251"}
	Large  = Page{"wcxb-dev-clean", "dev-0719"}
)

// ReadPage returns a shared corpus page's bytes as published.
func ReadPage(shared string, p Page) ([]byte, error) {
	f, err := os.Open(filepath.Join(shared, "corpora", p.Corpus, "docs", p.ID+".html.gz"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s/%s: %w", p.Corpus, p.ID, err)
	}
	return io.ReadAll(io.LimitReader(zr, 64<<20))
}

// SeedText returns whole lines of the Persian seed article (a scraper's
// plain-text output), cycled until the next line would pass n bytes.
func SeedText(shared string, n int) (string, error) {
	seed, err := os.ReadFile(filepath.Join(shared, "examples", "seed-fa-news.txt"))
	if err != nil {
		return "", err
	}
	lines := strings.SplitAfter(strings.TrimRight(string(seed), "\n"), "\n")
	var b strings.Builder
	for i := 0; ; i++ {
		l := lines[i%len(lines)]
		if !strings.HasSuffix(l, "\n") {
			l += "\n"
		}
		if b.Len()+len(l) > n {
			if b.Len() == 0 {
				return "", fmt.Errorf("seed text: first line longer than %d bytes", n)
			}
			return b.String(), nil
		}
		b.WriteString(l)
	}
}

// GhzReport is the part of ghz's JSON report (-O json) the section uses.
type GhzReport struct {
	Count          uint64         `json:"count"`
	Total          time.Duration  `json:"total"`
	Average        time.Duration  `json:"average"`
	Fastest        time.Duration  `json:"fastest"`
	Slowest        time.Duration  `json:"slowest"`
	Rps            float64        `json:"rps"`
	EndReason      string         `json:"endReason"`
	ErrorDist      map[string]int `json:"errorDistribution"`
	StatusCodeDist map[string]int `json:"statusCodeDistribution"`
	Latencies      []struct {
		Percentage int           `json:"percentage"`
		Latency    time.Duration `json:"latency"`
	} `json:"latencyDistribution"`
	Options struct {
		Concurrency int `json:"concurrency"`
		Total       int `json:"total"`
	} `json:"options"`
}

// ReadGhz reads a ghz JSON report.
func ReadGhz(r io.Reader) (*GhzReport, error) {
	var g GhzReport
	if err := json.NewDecoder(r).Decode(&g); err != nil {
		return nil, fmt.Errorf("ghz report: %w", err)
	}
	return &g, nil
}

// Percentile returns the latency at the given percentage (0 when ghz did
// not report it).
func (g *GhzReport) Percentile(p int) time.Duration {
	for _, l := range g.Latencies {
		if l.Percentage == p {
			return l.Latency
		}
	}
	return 0
}

// Errors counts the calls that did not end with OK.
func (g *GhzReport) Errors() int {
	n := 0
	for code, c := range g.StatusCodeDist {
		if code != "OK" {
			n += c
		}
	}
	return n
}

// ErrorSummary lists the errors, most frequent first ("" when none).
func (g *GhzReport) ErrorSummary() string {
	type kv struct {
		k string
		v int
	}
	var es []kv
	for k, v := range g.ErrorDist {
		es = append(es, kv{k, v})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].v > es[j].v || es[i].v == es[j].v && es[i].k < es[j].k })
	var parts []string
	for _, e := range es {
		parts = append(parts, fmt.Sprintf("%d× %s", e.v, e.k))
	}
	return strings.Join(parts, "; ")
}

// StreamReport is what streamload measures.
type StreamReport struct {
	Docs       int     `json:"docs"`
	Errors     int     `json:"errors"`
	DocBytes   int     `json:"doc_bytes"`
	Seconds    float64 `json:"seconds"`
	DocsPerSec float64 `json:"docs_per_sec"`
	P50        float64 `json:"p50_ms"` // send to receive
	P99        float64 `json:"p99_ms"`
	Max        float64 `json:"max_ms"`
	InProc     float64 `json:"inproc_docs_per_sec"`
	InProc1    float64 `json:"inproc1_docs_per_sec"`
	Workers    int     `json:"inproc_workers"`
	// InProcCPUms is the in-process CPU time per document (one goroutine,
	// GC included); ServerCPUms the server's over the stream (set by the
	// load script, 0 when unknown).
	InProcCPUms float64 `json:"inproc_cpu_ms_per_doc"`
	ServerCPUms float64 `json:"server_cpu_ms_per_doc"`
	TimedOut    bool    `json:"timed_out"`
	FirstError  string  `json:"first_error,omitempty"`
	InProcError string  `json:"inproc_error,omitempty"`
}

// Run is one ghz run, named.
type Run struct {
	Name string
	Ghz  *GhzReport
	Err  string
	// ServerCPU is the server's user+system CPU time during the run (0 when
	// unknown).
	ServerCPU time.Duration
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/1e6) }

// Section renders the load section.
func Section(machine, command string, runs []Run, st *StreamReport, stErr string, rssKB int64, notes string) string {
	var b bytes.Buffer
	b.WriteString("## gRPC load\n\n")
	fmt.Fprintf(&b, "Command: `%s`  \nMachine: %s\n\n", command, machine)
	b.WriteString("| call | document | concurrency | requests | req/s | p50 ms | p99 ms | max ms | errors | server CPU ms/req |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range runs {
		if r.Ghz == nil {
			fmt.Fprintf(&b, "| Classify | %s | | | run failed: %s | | | | | |\n", r.Name, strings.ReplaceAll(r.Err, "|", "/"))
			continue
		}
		g := r.Ghz
		errs := fmt.Sprint(g.Errors())
		if s := g.ErrorSummary(); s != "" {
			errs += " (" + strings.ReplaceAll(s, "|", "/") + ")"
		}
		cpu := "–"
		if r.ServerCPU > 0 && g.Count > 0 {
			cpu = fmt.Sprintf("%.2f", float64(r.ServerCPU)/1e6/float64(g.Count))
		}
		fmt.Fprintf(&b, "| Classify | %s | %d | %d | %.0f | %s | %s | %s | %s | %s |\n",
			r.Name, g.Options.Concurrency, g.Count, g.Rps, ms(g.Percentile(50)), ms(g.Percentile(99)), ms(g.Slowest), errs, cpu)
	}
	if st != nil {
		fmt.Fprintf(&b, "| ClassifyStream | 50 KB HTML | 1 stream | %d | %.0f docs/s | %.2f | %.2f | %.2f | %d | – |\n",
			st.Docs, st.DocsPerSec, st.P50, st.P99, st.Max, st.Errors)
	} else if stErr != "" {
		fmt.Fprintf(&b, "| ClassifyStream | 50 KB HTML | | | run failed: %s | | | | | |\n", strings.ReplaceAll(stErr, "|", "/"))
	}
	b.WriteString("\n")
	if st != nil && max(st.InProc, st.InProc1) > 0 {
		best := max(st.InProc, st.InProc1)
		fmt.Fprintf(&b, "Stream vs in-process on the same 50 KB pages: %.0f docs/s over one stream; in process %.0f docs/s with %d goroutines, %.0f with one: the stream reaches **%.0f%%** of the better in-process figure.",
			st.DocsPerSec, st.InProc, st.Workers, st.InProc1, 100*st.DocsPerSec/best)
		if st.InProcCPUms > 0 && st.ServerCPUms > 0 {
			fmt.Fprintf(&b, " CPU per document, which load from other processes hardly moves: %.2f ms in process, %.2f ms in winnowd over the stream: the stream does **%.0f%%** of the in-process work rate per CPU-second.",
				st.InProcCPUms, st.ServerCPUms, 100*st.InProcCPUms/st.ServerCPUms)
		}
		if st.TimedOut {
			b.WriteString(" The stream hit its time cap before all documents were answered.")
		}
		b.WriteString("\n")
	}
	if rssKB > 0 {
		fmt.Fprintf(&b, "Server peak RSS (VmHWM of winnowd after all runs): **%.0f MB**.\n", float64(rssKB)/1024)
	}
	b.WriteString(targets(runs, st, rssKB))
	if notes != "" {
		b.WriteString("\n" + strings.TrimSpace(notes) + "\n")
	}
	return b.String()
}

// CheckLoopback refuses any address that is not on this machine's loopback
// interface: load runs never send traffic anywhere else.
func CheckLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s is not a loopback address", addr)
	}
	return nil
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

// targets checks issue 5's load targets: Classify on 2 KB text at least
// 2,500 req/s with p99 at most 25 ms and no errors; the stream at least 90%
// of in-process docs/s; server peak RSS at most 100 MB.
func targets(runs []Run, st *StreamReport, rssKB int64) string {
	var parts []string
	for _, r := range runs {
		if r.Name != "2 KB text" || r.Ghz == nil {
			continue
		}
		g := r.Ghz
		p99 := g.Percentile(99)
		parts = append(parts, fmt.Sprintf("2 KB text %.0f req/s, p99 %s ms, %d errors (target ≥ 2,500 req/s, p99 ≤ 25 ms, 0 errors: %s)",
			g.Rps, ms(p99), g.Errors(), verdict(g.Rps >= 2500 && p99 <= 25*time.Millisecond && g.Errors() == 0)))
		if r.ServerCPU > 0 && g.Count > 0 {
			per := float64(r.ServerCPU) / float64(g.Count)
			parts = append(parts, fmt.Sprintf("at %.2f ms of server CPU per request, 2 idle cores could serve at most %.0f req/s", per/1e6, 2e9/per))
		}
	}
	if st != nil && max(st.InProc, st.InProc1) > 0 {
		x := st.DocsPerSec / max(st.InProc, st.InProc1)
		parts = append(parts, fmt.Sprintf("stream %.0f%% of in-process docs/s (target ≥ 90%%: %s)", 100*x, verdict(x >= 0.9)))
	}
	if rssKB > 0 {
		parts = append(parts, fmt.Sprintf("server peak RSS %.0f MB (target ≤ 100 MB: %s)", float64(rssKB)/1024, verdict(rssKB <= 100*1024)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "\nTargets: " + strings.Join(parts, "; ") + ".\n"
}
