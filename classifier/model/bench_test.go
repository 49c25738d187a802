//go:build unix

package model

import (
	"syscall"
	"testing"
	"time"

	"github.com/winnowhq/winnow/classifier/segment"
)

// Scoring's share of the budget (the model should add at most 30% to
// segmentation time), on the pages BenchmarkSegment and
// BenchmarkPredictCorpus use, in HTML and in text mode (the pages'
// visible-text renditions). Besides ns/op, each reports cpu-ns/op, the
// process's CPU time per operation, which other processes on a busy
// machine disturb less than wall time. Compare interleaved runs:
//
//	go test -run '^$' -bench 'Budget' -cpu 1 -count 5 ./classifier/model/

// cpuTime returns the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs f b.N times and reports CPU time per call.
func loop(b *testing.B, f func()) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
}

// budgetDocs segments the first 40 l3s_gn1 pages as HTML, and their
// visible text as plain text.
func budgetDocs(b *testing.B) (html []string, text []string, hdocs, tdocs []*segment.Doc) {
	b.Helper()
	html = corpusPages(b, "l3s_gn1", 40)
	for _, p := range html {
		d, err := segment.HTML(p, segment.HTMLOptions{})
		if err != nil {
			b.Fatal(err)
		}
		hdocs = append(hdocs, d)
		text = append(text, d.Text)
		td, err := segment.Text(d.Text, segment.TextOptions{})
		if err != nil {
			b.Fatal(err)
		}
		tdocs = append(tdocs, td)
	}
	return html, text, hdocs, tdocs
}

func BenchmarkBudget(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	html, text, hdocs, tdocs := budgetDocs(b)
	b.Run("html/segment", func(b *testing.B) {
		loop(b, func() {
			for _, p := range html {
				segment.HTML(p, segment.HTMLOptions{})
			}
		})
	})
	b.Run("html/predict", func(b *testing.B) {
		loop(b, func() {
			for _, d := range hdocs {
				m.Predict(d, 0)
			}
		})
	})
	b.Run("text/segment", func(b *testing.B) {
		loop(b, func() {
			for _, p := range text {
				segment.Text(p, segment.TextOptions{})
			}
		})
	})
	b.Run("text/predict", func(b *testing.B) {
		loop(b, func() {
			for _, d := range tdocs {
				m.Predict(d, 0)
			}
		})
	})
}

// BenchmarkPagePredict is the page model's judgement of one page from
// its features (the embedded model's logistic rows and forest), on 1,024
// feature vectors that send the forest's splits either way from one page
// to the next (probeFeatures), as real pages do ("varied"), and on one
// vector again and again ("same"), as a load test that sends one page
// does: there the branch predictor learns every split.
func BenchmarkPagePredict(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	if m.page == nil || m.page.forest == nil {
		b.Fatal("the embedded model has no page forest")
	}
	fs := probeFeatures(m.page.forest, 1024, 1)
	b.Run("varied", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			m.page.predict(&fs[i%len(fs)])
		}
	})
	// the same page again and again, as a load test sends it: every
	// branch is predicted
	b.Run("same", func(b *testing.B) {
		for b.Loop() {
			m.page.predict(&fs[0])
		}
	})
}

// BenchmarkPagePredictCold is BenchmarkPagePredict with the caches
// flushed (32 MiB written) before every call, as between two pages of a
// corpus: the forest's nodes come from memory. The flush takes far
// longer than the call; run it with a fixed count (-benchtime 3000x).
func BenchmarkPagePredictCold(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	fs := probeFeatures(m.page.forest, 1024, 1)
	junk := make([]byte, 32<<20)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		for j := 0; j < len(junk); j += 64 {
			junk[j]++
		}
		b.StartTimer()
		m.page.predict(&fs[i%len(fs)])
	}
}
