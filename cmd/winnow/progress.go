package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// startProgress reports the job's progress on w until the returned func
// is called: a bar redrawn four times a second on a terminal ("bar"), or a
// line every `every` ("lines"). "auto" picks by w; "none" reports nothing.
func startProgress(j *job, w io.Writer, mode string, every time.Duration) (stop func()) {
	if mode == "auto" {
		mode = "lines"
		if isTerminal(w) {
			mode = "bar"
		}
	}
	if mode == "none" {
		return func() {}
	}
	period := every
	if mode == "bar" {
		period = 250 * time.Millisecond
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-done:
				if mode == "bar" {
					io.WriteString(w, "\r\033[K")
				}
				return
			case <-t.C:
				if mode == "bar" {
					io.WriteString(w, "\r\033[K"+progressBar(j, 24))
				} else {
					io.WriteString(w, "winnow batch: "+progressLine(j)+"\n")
				}
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}

// progressFigures returns the documents written, errors, the rate, the
// fraction of the input read (or -1) and the time left (or -1).
func progressFigures(j *job) (n, errs int64, rate, frac float64, eta time.Duration) {
	el := time.Since(j.start).Seconds()
	n, errs = j.written.Load(), j.failed.Load()
	if el > 0 {
		rate = float64(n) / el
	}
	frac, eta = -1, -1
	if read, total := j.src.Progress(); total > 0 {
		frac = min(float64(read)/float64(total), 1)
		if frac > 0 {
			eta = time.Duration(el * (1 - frac) / frac * float64(time.Second))
		}
	}
	return
}

func progressLine(j *job) string {
	n, errs, rate, frac, eta := progressFigures(j)
	s := fmt.Sprintf("%d documents, %d errors, %.1f docs/s", n, errs, rate)
	if frac >= 0 {
		s += fmt.Sprintf(", %.0f%% of the input read", 100*frac)
	}
	if eta >= 0 {
		s += ", about " + eta.Round(time.Second).String() + " left"
	}
	return s
}

func progressBar(j *job, width int) string {
	n, errs, rate, frac, eta := progressFigures(j)
	bar := strings.Repeat("·", width)
	pct := "  ?%"
	if frac >= 0 {
		full := int(frac * float64(width))
		bar = strings.Repeat("█", full) + strings.Repeat("·", width-full)
		pct = fmt.Sprintf("%3.0f%%", 100*frac)
	}
	s := fmt.Sprintf("%s %s %d docs %.0f/s", bar, pct, n, rate)
	if eta >= 0 {
		s += " ETA " + eta.Round(time.Second).String()
	}
	if errs > 0 {
		s += fmt.Sprintf(" %d errors", errs)
	}
	return s
}
