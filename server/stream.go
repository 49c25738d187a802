package server

import (
	"context"
	"errors"
	"io"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// ClassifyStream implements winnowv1.ClassifierServiceServer.
//
// Ordering and flow control: one goroutine receives requests and starts
// classifying each at once, but it waits before receiving more while
// Options.Concurrency documents are queued ahead of the sender; the sender
// answers in request order. So at most Options.Concurrency+1 documents are
// held at a time, and a client that does not read its responses stalls the
// server's reads, which gRPC flow control turns into back-pressure on the
// client's sends. A bad document gets an error result; the stream ends with
// an error only when the transport fails or the call is cancelled.
func (s *Service) ClassifyStream(stream winnowv1.ClassifierService_ClassifyStreamServer) error {
	ctx, cancel := context.WithCancel(stream.Context())
	defer cancel()
	pending := make(chan chan *winnowv1.ClassifyResult, s.opts.Concurrency)
	recvErr := make(chan error, 1)
	go func() {
		defer close(pending)
		for {
			req, err := stream.Recv()
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				recvErr <- err
				return
			}
			fut := make(chan *winnowv1.ClassifyResult, 1)
			select {
			case pending <- fut:
			case <-ctx.Done():
				recvErr <- ctx.Err()
				return
			}
			go func() { fut <- s.classifyItem(ctx, req.GetDocument(), req.GetOptions()) }()
		}
	}()
	for fut := range pending {
		res := <-fut
		if err := stream.Send(&winnowv1.ClassifyStreamResponse{Result: res}); err != nil {
			// The receiver stops at ctx.Done or when Recv fails once the
			// handler has returned; item goroutines write to buffered
			// channels, so nothing leaks.
			return Status(err).Err()
		}
	}
	if err := <-recvErr; err != nil {
		return Status(err).Err()
	}
	return nil
}
