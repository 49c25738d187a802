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

// TestFaultCancel sends a document that takes seconds of CPU and cancels
// the call once the server is busy with it: the server stops working on
// it within 50 ms of CPU (plus a 10 ms tick of /proc accounting) and logs
// the call as CANCELLED. Then SIGTERM with such a call running and a 1 s
// --shutdown-timeout: the process exits within the timeout plus that
// bound (plus scheduling slack on a shared machine).
func TestFaultCancel(t *testing.T) {
	p := startWinnowd(t, false, "--shutdown-timeout", "1s", "--max-memory", "0")
	c := p.client()
	doc := textDoc("slow", wordPerLine(4<<20))
	req := &winnowv1.ClassifyRequest{Document: doc, Options: &winnowv1.ClassifyOptions{OmitBlocks: true, OmitMainText: true}}
	// busy starts a call and returns once the server has spent 200 ms of
	// CPU on it.
	busy := func(ctx context.Context) chan error {
		start := p.cpu()
		done := make(chan error, 1)
		go func() {
			_, err := c.Classify(ctx, req)
			done <- err
		}()
		deadline := time.Now().Add(60 * time.Second)
		for p.cpu()-start < 200*time.Millisecond {
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
	took, code := p.wait(10 * time.Second)
	t.Logf("SIGTERM with a long call and --shutdown-timeout 1s: exit %d after %v", code, took.Round(time.Millisecond))
	if code != 0 || took > 1500*time.Millisecond {
		t.Errorf("exit %d after %v, want 0 within 1 s + 50 ms CPU (+ slack)", code, took)
	}
}
