package classifier_test

// Hot-path benchmarks: decode, segment (HTML and text), tokenise, score
// (model Predict on a pre-segmented HTML or text document) and end to end, on a small
// (~2 KB), a medium (~50 KB) and a large (~500 KB) page.
//
//	go test -run='^$' -bench=. -benchmem ./classifier/
//
// The HTML pages are real corpus pages from the shared corpora, chosen as
// the page closest to each size in the manifest's html_bytes: l3s_gn1 for
// the small one (the smallest page there, a 2.7 KB news page), wcxb-dev-clean
// for the others. The text inputs are the Persian seed article (a scraper's
// output, the first language): its first lines up to 2 KB, and its lines
// repeated up to 50 KB and 500 KB. The shared folder is found beside the
// repository root (the directory holding go.mod), as CI lays it out; the
// benchmarks fail when it is missing.

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
	"github.com/winnowhq/winnow/internal/corpus"
	"github.com/winnowhq/winnow/internal/dataset"
)

// benchPages are the HTML pages, in size order.
var benchPages = []struct{ size, corpus, id string }{
	{"small", "l3s_gn1", "885c3db6-4717-4842-b85f-46123026019d"},
	{"medium", "wcxb-dev-clean", "dev-4251"},
	{"large", "wcxb-dev-clean", "dev-0719"},
}

// benchTextSizes are the target sizes of the text inputs.
var benchTextSizes = []struct {
	size  string
	bytes int
}{{"small", 2 << 10}, {"medium", 50 << 10}, {"large", 500 << 10}}

// benchShared returns the shared folder beside the repository root.
func benchShared(b *testing.B) string {
	b.Helper()
	shared, err := corpus.SharedDir()
	if err != nil {
		b.Fatalf("benchmarks need the shared folder beside the repository: %v", err)
	}
	if _, err := os.Stat(filepath.Join(shared, "corpora")); err != nil {
		b.Fatalf("benchmarks need the shared folder beside the repository (%s): %v", shared, err)
	}
	return shared
}

// benchHTML returns the raw bytes of the page of the given size.
func benchHTML(b *testing.B, size string) []byte {
	b.Helper()
	shared := benchShared(b)
	for _, p := range benchPages {
		if p.size != size {
			continue
		}
		f, err := os.Open(filepath.Join(shared, "corpora", p.corpus, "docs", p.id+".html.gz"))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	b.Fatalf("no %s page", size)
	return nil
}

// benchText returns whole lines of the Persian seed text, cycled until the
// next line would pass n bytes.
func benchText(b *testing.B, n int) []byte {
	b.Helper()
	seed, err := os.ReadFile(filepath.Join(benchShared(b), "examples", "seed-fa-news.txt"))
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimRight(seed, "\n"), []byte("\n"))
	var out []byte
	for i := 0; ; i++ {
		l := lines[i%len(lines)]
		if !bytes.HasSuffix(l, []byte("\n")) {
			l = append(l[:len(l):len(l)], '\n')
		}
		if len(out)+len(l) > n {
			if len(out) == 0 {
				b.Fatalf("first seed line is longer than %d bytes", n)
			}
			return out
		}
		out = append(out, l...)
	}
}

func benchDecoded(b *testing.B, raw []byte) string {
	b.Helper()
	d, err := decode.Decode(raw, "")
	if err != nil {
		b.Fatal(err)
	}
	return d.Text
}

func benchClassifier(b *testing.B) *classifier.Classifier {
	b.Helper()
	c, err := classifier.Default()
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func benchModel(b *testing.B) *model.Model {
	b.Helper()
	m, err := model.Default()
	if err != nil {
		b.Fatal(err)
	}
	return m
}

func BenchmarkDecode(b *testing.B) {
	for _, p := range benchPages {
		b.Run(p.size, func(b *testing.B) {
			raw := benchHTML(b, p.size)
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decode.Decode(raw, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSegmentHTML(b *testing.B) {
	for _, p := range benchPages {
		b.Run(p.size, func(b *testing.B) {
			src := benchDecoded(b, benchHTML(b, p.size))
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := segment.HTML(src, segment.HTMLOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSegmentText(b *testing.B) {
	for _, s := range benchTextSizes {
		b.Run(s.size, func(b *testing.B) {
			text := string(benchText(b, s.bytes))
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := segment.Text(text, segment.TextOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTokenize normalises and tokenises every block of the segmented
// text input, as feature extraction does.
func BenchmarkTokenize(b *testing.B) {
	for _, s := range benchTextSizes {
		b.Run(s.size, func(b *testing.B) {
			doc, err := segment.Text(string(benchText(b, s.bytes)), segment.TextOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(doc.Text)))
			b.ReportAllocs()
			var it token.Iter
			n := 0
			for b.Loop() {
				for _, bl := range doc.Blocks {
					it.Reset(token.Normalize(doc.Text[bl.Start:bl.End]))
					for it.Next() {
						n += len(it.Token())
					}
				}
			}
			if n == 0 {
				b.Fatal("no tokens")
			}
		})
	}
}

// BenchmarkPredict scores a pre-segmented HTML page with the default model.
func BenchmarkPredict(b *testing.B) {
	m := benchModel(b)
	for _, p := range benchPages {
		b.Run(p.size, func(b *testing.B) {
			src := benchDecoded(b, benchHTML(b, p.size))
			doc, err := segment.HTML(src, segment.HTMLOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if preds := m.Predict(doc, 0); len(preds) != len(doc.Blocks) {
					b.Fatalf("%d predictions for %d blocks", len(preds), len(doc.Blocks))
				}
			}
		})
	}
}

// BenchmarkPredictText scores a pre-segmented plain-text document (text
// mode's model cost; its features differ from HTML's).
func BenchmarkPredictText(b *testing.B) {
	m := benchModel(b)
	for _, s := range benchTextSizes {
		b.Run(s.size, func(b *testing.B) {
			doc, err := segment.Text(string(benchText(b, s.bytes)), segment.TextOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(doc.Text)))
			b.ReportAllocs()
			for b.Loop() {
				if preds := m.Predict(doc, 0); len(preds) != len(doc.Blocks) {
					b.Fatalf("%d predictions for %d blocks", len(preds), len(doc.Blocks))
				}
			}
		})
	}
}

// BenchmarkClassifyHTML is the whole pipeline on raw page bytes.
func BenchmarkClassifyHTML(b *testing.B) {
	c := benchClassifier(b)
	for _, p := range benchPages {
		b.Run(p.size, func(b *testing.B) {
			in := classifier.Input{Data: benchHTML(b, p.size), Raw: true, Mode: classifier.ModeHTML}
			b.SetBytes(int64(len(in.Data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Classify(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClassifyText is the whole pipeline on scraped plain text.
func BenchmarkClassifyText(b *testing.B) {
	c := benchClassifier(b)
	for _, s := range benchTextSizes {
		b.Run(s.size, func(b *testing.B) {
			in := classifier.Input{Data: benchText(b, s.bytes), Raw: true, Mode: classifier.ModeText}
			b.SetBytes(int64(len(in.Data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Classify(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClassifyTextRenditions is text mode end to end as
// bench/cmd/compare's winnow-text runs it: one Classify call (raw bytes,
// then MainText) per page on Winnow's visible-text renditions of the
// first 100 pages of three shared corpora. It reports cpu-MB/s, the
// process's CPU time per rendition byte (GC included). Consecutive calls
// see different pages, so the splitter's word cache holds what earlier
// pages left in it, as in a service.
func BenchmarkClassifyTextRenditions(b *testing.B) {
	c := benchClassifier(b)
	shared := benchShared(b)
	for _, name := range []string{"l3s_gn1", "wcxb-dev-clean", "daniel"} {
		b.Run(name, func(b *testing.B) {
			set, err := corpus.Open(filepath.Join(shared, "corpora", name))
			if err != nil {
				b.Fatal(err)
			}
			var texts [][]byte
			total := 0
			for _, p := range set.Pages[:min(100, len(set.Pages))] {
				raw, err := set.HTML(p)
				if err != nil {
					b.Fatal(err)
				}
				res, err := c.Classify(context.Background(), classifier.Input{Data: raw, Raw: true, Mode: classifier.ModeHTML})
				if err != nil || res.Text == "" {
					continue
				}
				texts = append(texts, []byte(res.Text))
				total += len(res.Text)
			}
			benchTextCalls(b, c, texts, total)
		})
	}
}

// BenchmarkClassifyTextPersian is text mode end to end on scraped Persian
// pages: the 175 held-out Persian dev pages (dataset.PersianHeldoutPages:
// real articles with menus, metadata, share lines, ads, teasers and
// comments around them) written in each scraper style of winnow eval
// (one block a line, the whole page on one line, markdown, hard-wrapped
// paragraphs), and their gold text alone ("clean": what a scraper that
// removed the boilerplate saves). One Classify call and MainText per
// page, as BenchmarkClassifyTextRenditions; it reports cpu-MB/s.
func BenchmarkClassifyTextPersian(b *testing.B) {
	c := benchClassifier(b)
	pages, err := dataset.PersianHeldoutPages(filepath.Join(benchShared(b), "persian"), 1)
	if err != nil {
		b.Fatal(err)
	}
	for _, style := range append(append([]string(nil), dataset.HeldoutStyles...), "clean") {
		b.Run(style, func(b *testing.B) {
			texts := make([][]byte, len(pages))
			total := 0
			for i, p := range pages {
				if style == "clean" {
					texts[i] = []byte(p.Gold())
				} else {
					texts[i] = []byte(p.HeldoutText(style, uint64(i)))
				}
				total += len(texts[i])
			}
			benchTextCalls(b, c, texts, total)
		})
	}
}

// benchTextCalls times text mode as bench/cmd/compare's winnow-text runs
// it, one Classify call (raw bytes) and MainText per text, and reports
// cpu-MB/s: the process's CPU time (GC included) per byte of the texts,
// which total.
func benchTextCalls(b *testing.B, c *classifier.Classifier, texts [][]byte, total int) {
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	c0 := benchCPU()
	for b.Loop() {
		for _, t := range texts {
			res, err := c.Classify(context.Background(), classifier.Input{Data: t, Raw: true, Mode: classifier.ModeText})
			if err != nil {
				b.Fatal(err)
			}
			_ = res.MainText()
		}
	}
	if d := benchCPU() - c0; d > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/d.Seconds()/1e6, "cpu-MB/s")
	}
}

// benchCPU is the process's user+system CPU time so far.
func benchCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
