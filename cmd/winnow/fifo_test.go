//go:build unix

package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFIFOCancelled: a FIFO that no writer opens blocks in open(2);
// once the command's context is done (Ctrl-C, SIGTERM) the read gives up
// and the command goes on, where it used to hang for good.
func TestReadFIFOCancelled(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "page.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() {
		// let the abandoned open(2) return, so the test leaves no goroutine
		// behind: a writer's open (non-blocking now that a reader waits)
		if fd, err := syscall.Open(fifo, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			syscall.Close(fd)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	n := 0
	for in := range classifyInputs(ctx, []string{fifo}, nil, nil) {
		n++
		if in.err == nil || !strings.Contains(in.err.Error(), "stopped reading "+fifo) {
			t.Errorf("error %v, want one that says the read stopped", in.err)
		}
	}
	if n != 1 {
		t.Errorf("%d inputs, want 1", n)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("took %v after the context ended", el)
	}
}

// TestStoppedWhileReading: winnow classify and winnow batch stop on Ctrl-C
// or SIGTERM (their context ending) while their input blocks (classify on
// stdin that never sends, batch on a FIFO that no writer opens), where
// they used to wait for good. (batch reads the process's own stdin, which
// a test cannot stall.)
func TestStoppedWhileReading(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "in.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() {
		for range 2 { // one abandoned open per use of the FIFO
			if fd, err := syscall.Open(fifo, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				syscall.Close(fd)
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
	out := filepath.Join(t.TempDir(), "out.jsonl")
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"classify stdin", []string{"classify", "-"}, exitServer},
		{"batch fifo", []string{"batch", "--in", fifo, "--out", out}, exitInterrupted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stalled, w := io.Pipe() // never written to
			defer w.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			start := time.Now()
			var stdout, stderr bytes.Buffer
			code := run(ctx, tc.args, stalled, &stdout, &stderr)
			if el := time.Since(start); el > joinGrace+3*time.Second {
				t.Errorf("took %v", el)
			}
			if code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, stderr.String())
			}
		})
	}
}
