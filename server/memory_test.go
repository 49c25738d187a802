package server_test

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
)

var memShapes = flag.Int("memshapes", 0, "TestMemoryPerByte: measure the worst shapes at this many MiB (0: skip)")

// shape returns a worst-shape document of about n bytes.
func shape(name string, n int) *winnowv1.Document {
	rep := func(unit string) string { return strings.Repeat(unit, n/len(unit)) }
	switch name {
	case "word-per-line":
		return &winnowv1.Document{Id: name, Content: &winnowv1.Document_Text{Text: rep("word\n")}}
	case "tiny-elements":
		return &winnowv1.Document{Id: name, Content: &winnowv1.Document_Html{Html: rep("<b>x</b>")}}
	case "one-line":
		return &winnowv1.Document{Id: name, Content: &winnowv1.Document_Text{Text: rep("word ")}}
	case "paragraphs":
		return &winnowv1.Document{Id: name, Content: &winnowv1.Document_Html{Html: rep("<p>" + strings.Repeat("lorem ipsum dolor sit amet ", 20) + "</p>\n")}}
	}
	panic(name)
}

// heapPeak samples the live heap every millisecond until stop is closed
// and returns the largest value seen.
func heapPeak(stop <-chan struct{}) func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { <-done; return peak.Load() }
}

// TestMemoryPerByte (run with -memshapes 16) reports, per worst shape, the
// peak live heap of one Classify call divided by the input size, and the
// bytes allocated per input byte.
func TestMemoryPerByte(t *testing.T) {
	if *memShapes == 0 {
		t.Skip("measurement only: -memshapes MIB")
	}
	cls, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	svc := server.New(cls, server.Options{MaxDocumentBytes: 64 << 20})
	for _, name := range []string{"word-per-line", "tiny-elements", "one-line", "paragraphs"} {
		doc := shape(name, *memShapes<<20)
		size := len(doc.GetText()) + len(doc.GetHtml())
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		base := before.HeapAlloc
		stop := make(chan struct{})
		peak := heapPeak(stop)
		start := time.Now()
		_, err := svc.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: doc})
		el := time.Since(start)
		close(stop)
		p := peak()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Logf("%s: %v", name, err)
		}
		fmt.Printf("%-14s %5.1f MiB  peak heap %6.1fx  allocated %6.1fx  %v\n", name, float64(size)/(1<<20),
			float64(p-min(p, base))/float64(size), float64(after.TotalAlloc-before.TotalAlloc)/float64(size), el.Round(time.Millisecond))
	}
}
