package segment

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/winnowhq/winnow/classifier/decode"
)

// benchPages returns a fixed sample of corpus pages: every 50th page of
// the sorted list of all shared corpora (97 pages).
func benchPages(b *testing.B) (raws [][]byte, total int) {
	pages := corpusPages(b)
	for i := 0; i < len(pages); i += 50 {
		raw := readGz(b, pages[i])
		raws = append(raws, raw)
		total += len(raw)
	}
	if len(raws) == 0 {
		b.Skip("no corpus pages")
	}
	return raws, total
}

// cpuClock measures the process's CPU time (user+system), which on a
// shared, overloaded machine is a steadier cost than wall time. Benchmarks
// report it as cpu-ns/op and cpu-MB/s next to the usual wall-time numbers.
type cpuClock struct{ start time.Duration }

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{cpuNow()} }

func (c cpuClock) report(b *testing.B, bytes int) {
	d := cpuNow() - c.start
	if d <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(bytes)*float64(b.N)/d.Seconds()/1e6, "cpu-MB/s")
}

// BenchmarkParse is the yardstick: a bare html.Parse of the raw pages.
func BenchmarkParse(b *testing.B) {
	raws, total := benchPages(b)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		for _, raw := range raws {
			if _, err := html.Parse(bytes.NewReader(raw)); err != nil {
				b.Fatal(err)
			}
		}
	}
	clk.report(b, total)
}

// BenchmarkHTML decodes and segments the same pages.
func BenchmarkHTML(b *testing.B) {
	benchHTML(b, HTML)
}

// benchHTML decodes the sample pages and segments them with seg.
func benchHTML(b *testing.B, seg func(string, HTMLOptions) (*Doc, error)) {
	raws, total := benchPages(b)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	defer clk.report(b, total)
	for b.Loop() {
		for _, raw := range raws {
			dec, err := decode.Decode(raw, "")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := seg(dec.Text, HTMLOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkText segments plain text: the renditions of the sample pages
// (all in one text, and one call per page), and Persian news stored one
// article per line. It reports the input's lines and the blocks found.
func BenchmarkText(b *testing.B) {
	b.Run("renditions", func(b *testing.B) {
		benchText(b, renditions(b))
	})
	// One call per page, as a service sees them: per-call costs count,
	// and consecutive calls see different words. Text keeps a splitter's
	// word weights between calls; the sample's words fit in that cache,
	// so from the second round on every word is known, while a service
	// keeps meeting new ones. The cold variant gives every call a copy
	// of the splitter (decoded once; the copy shares its tables), whose
	// cache starts empty: the two bracket it. The copies are kept until
	// the end, so that no copy takes the address of an earlier one and
	// finds its cache warm.
	for _, cold := range []bool{false, true} {
		name := "renditions-per-page"
		if cold {
			name += "-cold"
		}
		b.Run(name, func(b *testing.B) {
			raws, _ := benchPages(b)
			var texts []string
			total := 0
			for _, raw := range raws {
				dec, _ := decode.Decode(raw, "")
				d, _ := HTML(dec.Text, HTMLOptions{})
				texts = append(texts, d.Text)
				total += len(d.Text)
			}
			base := DefaultSplitter()
			var copies []*Splitter
			b.SetBytes(int64(total))
			b.ReportAllocs()
			b.ResetTimer()
			clk := startCPU()
			for b.Loop() {
				for _, text := range texts {
					opt := TextOptions{}
					if cold {
						sp := new(Splitter)
						*sp = *base
						copies = append(copies, sp)
						opt.Splitter = sp
					}
					if _, err := Text(text, opt); err != nil {
						b.Fatal(err)
					}
				}
			}
			clk.report(b, total)
		})
	}
	b.Run("fa-article-per-line", func(b *testing.B) {
		benchText(b, persianLines(b))
	})
	b.Run("fa-article-per-line-nosplit", func(b *testing.B) {
		text := persianLines(b)
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		clk := startCPU()
		for b.Loop() {
			Text(text, TextOptions{NoSplit: true})
		}
		clk.report(b, len(text))
	})
}

// BenchmarkWords times what Text does to every line before the
// splitter's gap scoring: trimming, scanWords and the metadata prefix and
// suffix tests.
func BenchmarkWords(b *testing.B) {
	b.Run("renditions", func(b *testing.B) {
		benchWords(b, renditions(b))
	})
	b.Run("fa-article-per-line", func(b *testing.B) {
		benchWords(b, persianLines(b))
	})
}

func benchWords(b *testing.B, text string) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var ws []word
	b.ResetTimer()
	clk := startCPU()
	n := 0
	for b.Loop() {
		n = 0
		for pos := 0; pos <= len(text); {
			end := strings.IndexByte(text[pos:], '\n')
			if end < 0 {
				end = len(text)
			} else {
				end += pos
			}
			if s, e := trimSpan(text, pos, end); s < e {
				ws = scanWords(ws, text, s, e)
				p := metaPrefix(text, ws)
				if p == 0 {
					p = deskPrefix(text, ws)
				}
				n += len(ws) + p + metaSuffix(text, ws, p)
			}
			pos = end + 1
		}
	}
	clk.report(b, len(text))
	b.ReportMetric(float64(n), "words+cuts/op")
}

func benchText(b *testing.B, text string) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	var d *Doc
	for b.Loop() {
		var err error
		if d, err = Text(text, TextOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	clk.report(b, len(text))
	b.ReportMetric(float64(strings.Count(text, "\n")+1), "lines/op")
	b.ReportMetric(float64(len(d.Blocks)), "blocks/op")
}

// persianLines returns the articles of one course-nlp-ir file, one per
// line (title, abstract and paragraphs joined by spaces).
// renditions returns the sample pages' visible-text renditions, one
// after another, separated by blank lines.
func renditions(b *testing.B) string {
	raws, _ := benchPages(b)
	var sb strings.Builder
	for _, raw := range raws {
		dec, _ := decode.Decode(raw, "")
		d, _ := HTML(dec.Text, HTMLOptions{})
		sb.WriteString(d.Text)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func persianLines(b *testing.B) string {
	raw, err := os.ReadFile(filepath.Join(sharedDir(b), "persian", "corpora", "course-nlp-ir", "fars-news-1.json"))
	if err != nil {
		b.Skip(err)
	}
	var docs []struct {
		Title      string   `json:"title"`
		Abstract   string   `json:"abstract"`
		Paragraphs []string `json:"paragraphs"`
	}
	if err := json.Unmarshal(raw, &docs); err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for _, d := range docs {
		sb.WriteString(d.Title + " " + d.Abstract + " " + strings.Join(d.Paragraphs, " "))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// BenchmarkHTMLPhases times decode, html.Parse and the segmenting walk of
// every sample page in turn, so that load from other processes falls on
// all three alike, and reports the cost of decode+segment relative to a
// bare parse (x-parse; the target is at most 1.5).
func BenchmarkHTMLPhases(b *testing.B) {
	raws, total := benchPages(b)
	b.SetBytes(int64(total))
	var dec, parse, walk time.Duration
	for b.Loop() {
		for _, raw := range raws {
			t0 := time.Now()
			d, err := decode.Decode(raw, "")
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			root, err := html.Parse(strings.NewReader(d.Text))
			if err != nil {
				b.Fatal(err)
			}
			t2 := time.Now()
			FromNode(root, HTMLOptions{})
			t3 := time.Now()
			dec, parse, walk = dec+t1.Sub(t0), parse+t2.Sub(t1), walk+t3.Sub(t2)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(dec.Nanoseconds())/n, "decode-ns/op")
	b.ReportMetric(float64(parse.Nanoseconds())/n, "parse-ns/op")
	b.ReportMetric(float64(walk.Nanoseconds())/n, "walk-ns/op")
	b.ReportMetric(float64(dec+parse+walk)/float64(parse), "x-parse")
}

// TestTextScratchReuse checks that what Text keeps between calls (see
// textScratch) never changes a result: calls alternate between splitters,
// one of them rebuilt in place by UnmarshalBinary, and every result must
// be that of a fresh scratch.
func TestTextScratchReuse(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Skip(err)
	}
	text := string(seed) + "\nshocking newsNext story you won't believe What happened next? Nobody knows (video) the end\n"
	// A splitter like the default one with its word tables swapped: it
	// cuts elsewhere, and word weights decide where.
	def := DefaultSplitter()
	swapped := *def
	swapped.End, swapped.Start = def.Start, def.End
	swapped.prepare()
	alt := &swapped
	fresh := func(sp *Splitter) string {
		return fmt.Sprint(segmentText(text, sp, &lineScratch{}, nil, nil, false, nil).Blocks)
	}
	viaText := func(sp *Splitter) string {
		d, err := Text(text, TextOptions{Splitter: sp})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(d.Blocks)
	}
	wantDefault, wantSwapped := fresh(def), fresh(alt)
	if wantDefault == wantSwapped {
		t.Fatal("the default and swapped splitters agree; the test needs splitters that differ")
	}
	data, err := DefaultSplitter().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	swappedData, err := alt.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var sp Splitter // rebuilt in place, default and swapped in turn
	for i := range 3 {
		if got := viaText(DefaultSplitter()); got != wantDefault {
			t.Errorf("round %d: default splitter: blocks differ from a fresh scratch's", i)
		}
		if got := viaText(alt); got != wantSwapped {
			t.Errorf("round %d: swapped splitter: blocks differ from a fresh scratch's", i)
		}
		if err := sp.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		if got := viaText(&sp); got != wantDefault {
			t.Errorf("round %d: splitter rebuilt in place with the default tables: blocks differ", i)
		}
		if err := sp.UnmarshalBinary(swappedData); err != nil {
			t.Fatal(err)
		}
		if got := viaText(&sp); got != wantSwapped {
			t.Errorf("round %d: splitter rebuilt in place with the swapped tables: blocks differ", i)
		}
	}
}
