package main

import (
	"context"
	"fmt"
	"time"
)

// unblocked runs f, which may block in a system call that no signal the
// command catches interrupts (open(2) of a FIFO that no writer opens,
// read(2) of a terminal or a stalled pipe), and returns its result, or the
// context's cause once ctx is done first: Ctrl-C or SIGTERM then ends the
// command, and f's goroutine is left behind for the process's exit.
func unblocked[T any](ctx context.Context, what string, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, fmt.Errorf("stopped reading %s: %w", what, context.Cause(ctx))
	}
}

// joinGrace is how long a stopping batch job waits for its reader and
// workers before it leaves a reader blocked in a read behind.
const joinGrace = 2 * time.Second

// joinOrLeave waits for wait to return, or, once ctx is done, for at most
// grace: a reader blocked in a read that no signal interrupts must not
// keep a stopped job alive.
func joinOrLeave(ctx context.Context, grace time.Duration, wait func()) {
	joined := make(chan struct{})
	go func() {
		wait()
		close(joined)
	}()
	select {
	case <-joined:
		return
	case <-ctx.Done():
	}
	select {
	case <-joined:
	case <-time.After(grace):
	}
}
