package main

import (
	"context"
	"regexp"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// TestFaultCancel sends a document that takes seconds of CPU (16 MiB of
// lines at the block limit, with explanations) and cancels the call once
// the server is busy with it: the server stops working on it within 50 ms
// of CPU (plus a 10 ms tick of /proc accounting) and logs the call as
// CANCELLED. Then SIGTERM with such a call running and a 300 ms
// --shutdown-timeout: once the timeout passes, the process exits within
// 50 ms of CPU (plus the tick): it cancels the call and exits without
// waiting for the call's handler or the garbage collector.
func TestFaultCancel(t *testing.T) {
	p := startWinnowd(t, false, "--shutdown-timeout", "300ms", "--max-memory", "0")
	c := p.client()
	doc := textDoc("slow", limitLines(16<<20))
	// Explanations make the call take a few seconds of CPU.
	req := &winnowv1.ClassifyRequest{Document: doc, Options: &winnowv1.ClassifyOptions{OmitBlocks: true, OmitMainText: true, Explain: true}}
	// busy starts a call and returns once the server has spent 600 ms of
	// CPU on it (receiving and decoding 16 MiB takes about 200).
	busy := func(ctx context.Context) chan error {
		start := p.cpu()
		done := make(chan error, 1)
		go func() {
			_, err := c.Classify(ctx, req)
			done <- err
		}()
		deadline := time.Now().Add(60 * time.Second)
		for p.cpu()-start < 600*time.Millisecond {
			if time.Now().After(deadline) {
				t.Fatal("the server did not start working in 60 s")
			}
			time.Sleep(5 * time.Millisecond)
		}
		return done
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := busy(ctx)
	cancel()
	c0 := p.cpu()
	if err := <-done; status.Code(err) != codes.Canceled {
		t.Fatalf("err = %v, want CANCELLED", err)
	}
	// The call's log line is written when its handler returns: the CPU
	// spent until then is the work that went on after the cancellation
	// (the garbage collector reclaiming the call's memory afterwards is
	// not).
	if !p.waitLog(regexp.MustCompile(`grpc.method=Classify .*grpc.code=Canceled`), 30*time.Second) {
		t.Error("the cancelled call was not logged as Canceled")
	}
	spent := p.cpu() - c0
	t.Logf("CPU after the cancellation: %v", spent)
	if spent > 60*time.Millisecond {
		t.Errorf("the server spent %v of CPU after the cancellation, want <= 50 ms (+ a 10 ms tick)", spent)
	}

	busy(context.Background())
	p.signal(syscall.SIGTERM)
	if !p.waitLog(regexp.MustCompile(`shutdown timeout passed`), 10*time.Second) {
		t.Fatal("no shutdown timeout logged")
	}
	c1 := p.cpu()
	took, code := p.wait(10 * time.Second)
	st := p.cmd.ProcessState
	after := st.UserTime() + st.SystemTime() - c1
	t.Logf("SIGTERM with a long call and --shutdown-timeout 300ms: exit %d %v after the timeout passed, %v of CPU", code, took.Round(time.Millisecond), after)
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	// CPU is the bound (wall time on a shared machine also counts waiting
	// for a core); the wall-clock check only catches a hang. c1 is read
	// in whole 10 ms ticks, so after may count up to 10 ms too many.
	if after > 60*time.Millisecond || took > 2*time.Second {
		t.Errorf("exit %v and %v of CPU after the shutdown timeout, want <= 50 ms of CPU (+ a 10 ms tick)", took, after)
	}
}
