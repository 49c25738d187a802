package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// ManyOptions configure [Client.ClassifyMany]. The zero value takes every
// default.
type ManyOptions struct {
	// Streams is the number of ClassifyStream calls kept open at once;
	// round_robin puts each on the next server, so use at least one per
	// server. 0 means 2.
	Streams int
	// InFlight bounds the documents read from the input and not yet
	// returned to the caller, over all streams; it bounds memory. Each
	// stream carries at most InFlight/Streams (rounded up) unanswered
	// documents. 0 means 64.
	InFlight int
	// MaxResends is how often a document may be sent again after the
	// stream carrying it broke while it was the oldest unanswered
	// document of that stream (the one the server was most likely busy
	// with). Past that, it gets an UNAVAILABLE error result, so a
	// document that crashes servers cannot stall the run. 0 means 3.
	MaxResends int
	// StreamDocuments is how many documents one stream carries before it is
	// closed and reopened, which lets round_robin rebalance: streams
	// opened while some servers were still connecting, or before a server
	// came back, move to them. 0 means 1000.
	StreamDocuments int
	// ReconnectTimeout is how long a stream may keep failing to reopen, or
	// break before answering anything, before ClassifyMany gives up with
	// the last error. 0 means 30 s.
	ReconnectTimeout time.Duration
}

func (o ManyOptions) withDefaults() ManyOptions {
	if o.Streams <= 0 {
		o.Streams = 2
	}
	if o.InFlight <= 0 {
		o.InFlight = 64
	}
	o.InFlight = max(o.InFlight, o.Streams)
	if o.MaxResends <= 0 {
		o.MaxResends = 3
	}
	if o.StreamDocuments <= 0 {
		o.StreamDocuments = 1000
	}
	if o.ReconnectTimeout <= 0 {
		o.ReconnectTimeout = 30 * time.Second
	}
	return o
}

// ClassifyMany classifies every document of docs over ClassifyStream and
// yields one result per document, in input order. A document that could
// not be classified has a result with its error status (see
// [ResultError]); the error of the sequence is non-nil only once, as its
// last element, when the whole run fails: ctx is done, the server refuses
// the call (e.g. UNAUTHENTICATED), or no server answered for
// ReconnectTimeout.
//
// Documents are read from docs as results are consumed, at most
// mo.InFlight ahead of the caller. When a stream breaks (its server died
// or went away), the documents it had not answered are sent again on a
// new stream, which round_robin puts on another server: every document is
// answered exactly once, in order, though a server may have classified it
// twice. A document the server answers with RESOURCE_EXHAUSTED and a
// google.rpc.RetryInfo (busy, not too large) is sent again after the
// server's delay, within the client's Retry policy. Stopping the iteration
// early cancels the streams.
//
// docs is consumed from another goroutine than the caller's; opts (may be
// nil) applies to every document.
func (c *Client) ClassifyMany(ctx context.Context, docs iter.Seq[*winnowv1.Document], opts *winnowv1.ClassifyOptions, mo ManyOptions) iter.Seq2[*winnowv1.ClassifyResult, error] {
	return func(yield func(*winnowv1.ClassifyResult, error) bool) {
		mo := mo.withDefaults()
		ctx, cancel := context.WithCancelCause(ctx)
		m := &many{
			c:        c,
			ctx:      ctx,
			fail:     cancel,
			opts:     opts,
			mo:       mo,
			window:   (mo.InFlight + mo.Streams - 1) / mo.Streams,
			sem:      make(chan struct{}, mo.InFlight),
			jobs:     make(chan *job),
			retry:    make(chan *job, mo.InFlight),
			answers:  make(chan answer, mo.InFlight),
			produced: make(chan struct{}),
			done:     make(chan struct{}),
		}
		var producer, workers sync.WaitGroup
		producer.Go(func() { m.produce(docs) })
		for range mo.Streams {
			workers.Go(m.work)
		}
		ok := m.collect(yield)
		if ok {
			// Every document is answered: close the streams cleanly, but
			// do not wait on a server that does not finish them.
			close(m.done)
			finished := make(chan struct{})
			go func() { workers.Wait(); close(finished) }()
			t := time.NewTimer(5 * time.Second)
			select {
			case <-finished:
			case <-t.C:
			}
			t.Stop()
		}
		cancel(nil)
		workers.Wait()
		producer.Wait()
	}
}

// job is one document of a ClassifyMany run.
type job struct {
	seq    int
	doc    *winnowv1.Document
	blamed int // breaks of a stream while this job was its oldest unanswered one
	busy   int // answers "busy, retry later" (RESOURCE_EXHAUSTED with RetryInfo)
}

type answer struct {
	seq int
	res *winnowv1.ClassifyResult
}

// many is the state of one ClassifyMany run. The producer reads the input
// into jobs (taking a sem slot each); each worker keeps one stream open,
// sends jobs (resent ones from retry first) and passes answers to the
// collector, which yields them in order and frees their sem slots.
type many struct {
	c      *Client
	ctx    context.Context
	fail   context.CancelCauseFunc
	opts   *winnowv1.ClassifyOptions
	mo     ManyOptions
	window int

	sem      chan struct{} // a slot per document read and not yet yielded
	jobs     chan *job     // new documents
	retry    chan *job     // documents whose stream broke; never blocks (cap InFlight)
	answers  chan answer
	produced chan struct{} // closed when the input is exhausted; total is then set
	total    int
	done     chan struct{} // closed when every document was yielded
}

func (m *many) produce(docs iter.Seq[*winnowv1.Document]) {
	n := 0
	defer func() {
		m.total = n
		close(m.produced)
	}()
	for d := range docs {
		select {
		case m.sem <- struct{}{}:
		case <-m.ctx.Done():
			return
		}
		select {
		case m.jobs <- &job{seq: n, doc: d}:
		case <-m.ctx.Done():
			return
		}
		n++
	}
}

// collect yields answers in input order; it returns true when every
// document was yielded, false when the run failed or the caller stopped.
func (m *many) collect(yield func(*winnowv1.ClassifyResult, error) bool) bool {
	buf := make(map[int]*winnowv1.ClassifyResult)
	next, total := 0, -1
	produced := m.produced
	for total < 0 || next < total {
		select {
		case a := <-m.answers:
			buf[a.seq] = a.res
			for {
				r, ok := buf[next]
				if !ok {
					break
				}
				delete(buf, next)
				next++
				<-m.sem
				if !yield(r, nil) {
					return false
				}
			}
		case <-produced:
			total, produced = m.total, nil
		case <-m.ctx.Done():
			yield(nil, context.Cause(m.ctx))
			return false
		}
	}
	return true
}

// work keeps one stream open until the run ends, reopening it with
// bounded, jittered backoff when it breaks.
func (m *many) work() {
	r := m.c.opts.Retry
	backoff := r.InitialBackoff
	var failingSince time.Time
	// The first stream carries one window of documents only: it was
	// opened while some addresses may still have been connecting, and
	// round_robin puts a stream only on a connected one. Its successor is
	// opened once they had the time to connect.
	limit := min(m.mo.StreamDocuments, max(m.window, 8))
	for {
		progressed, err := m.stream(limit)
		limit = m.mo.StreamDocuments
		if err == nil || m.ctx.Err() != nil {
			return
		}
		if errors.Is(err, errRotate) {
			failingSince, backoff = time.Time{}, r.InitialBackoff
			continue
		}
		if progressed {
			failingSince, backoff = time.Time{}, r.InitialBackoff
		}
		if !reconnectable(err) {
			m.fail(fmt.Errorf("client: ClassifyStream: %w", err))
			return
		}
		if failingSince.IsZero() {
			failingSince = time.Now()
		} else if time.Since(failingSince) > m.mo.ReconnectTimeout {
			m.fail(fmt.Errorf("client: no server answered for %v: %w", m.mo.ReconnectTimeout, err))
			return
		}
		delay := time.Duration(float64(backoff) * (0.8 + 0.4*rand.Float64()))
		if d, ok := RetryDelay(err); ok {
			delay = min(d, r.MaxBackoff)
		}
		backoff = min(2*backoff, r.MaxBackoff)
		select {
		case <-time.After(delay):
		case <-m.done:
			return
		case <-m.ctx.Done():
			return
		}
	}
}

// reconnectable reports whether a broken stream is worth reopening: the
// server went away or is busy. Anything else (auth, unimplemented,
// cancelled) would fail again.
func reconnectable(err error) bool {
	switch status.Code(err) {
	case codes.Unavailable, codes.ResourceExhausted, codes.Internal, codes.Unknown, codes.Aborted, codes.DeadlineExceeded:
		return true
	}
	return false
}

// stream runs one ClassifyStream call until every document is answered
// (nil error) or it breaks; unanswered documents go back to m.retry. It
// reports whether the server answered anything.
func (m *many) stream(limit int) (progressed bool, err error) {
	select {
	case <-m.done:
		return false, nil
	default:
	}
	ctx, cancel := context.WithCancel(m.ctx)
	defer cancel()
	s, err := m.c.stub.ClassifyStream(ctx)
	if err != nil {
		return false, err
	}
	var (
		mu      sync.Mutex
		pending []*job // sent and unanswered, in send order
	)
	window := make(chan struct{}, m.window)
	sendErr := make(chan error, 1)
	go func() { sendErr <- m.send(ctx, s, &mu, &pending, window, limit) }()

	var recvErr error
	for {
		resp, err := s.Recv()
		if err != nil {
			recvErr = err
			break
		}
		res := resp.GetResult()
		mu.Lock()
		if len(pending) == 0 || res.GetDocumentId() != pending[0].doc.GetId() {
			mu.Unlock()
			recvErr = status.Errorf(codes.Internal, "client: the stream answered document %q out of turn", res.GetDocumentId())
			break
		}
		j := pending[0]
		pending = pending[1:]
		mu.Unlock()
		<-window
		progressed = true
		if m.later(j, res) {
			continue
		}
		select {
		case m.answers <- answer{j.seq, res}:
		case <-m.ctx.Done():
			cancel()
			<-sendErr
			return progressed, m.ctx.Err()
		}
	}
	cancel()
	serr := <-sendErr
	sendErr <- serr
	mu.Lock()
	left := pending
	pending = nil
	mu.Unlock()
	if len(left) > 0 {
		left[0].blamed++
	}
	for _, j := range left {
		m.retry <- j
	}
	if errors.Is(recvErr, io.EOF) {
		if len(left) == 0 {
			if errors.Is(<-sendErr, errRotate) {
				return progressed, errRotate
			}
			return progressed, nil
		}
		recvErr = status.Errorf(codes.Unavailable, "client: the server closed the stream with %d documents unanswered", len(left))
	}
	return progressed, recvErr
}

// later handles a document the server was too busy for: an error result
// with RESOURCE_EXHAUSTED and a RetryInfo. The document is sent again
// after the server's delay (at most Retry.MaxBackoff), on whichever stream
// takes it, up to Retry.MaxAttempts attempts in all; it reports whether
// it did so (the result is then dropped).
func (m *many) later(j *job, res *winnowv1.ClassifyResult) bool {
	delay, ok := RetryDelay(ResultError(res))
	r := m.c.opts.Retry
	if !ok || j.busy+1 >= r.MaxAttempts {
		return false
	}
	j.busy++
	go func() {
		if sleep(m.ctx, min(delay, r.MaxBackoff)) {
			m.retry <- j // never blocks: j still holds its sem slot
		}
	}()
	return true
}

// send feeds the stream: resent documents first, then new ones, at most
// m.window unanswered. A job taken from a channel is always put in
// pending before anything can fail, so a broken stream never loses it.
func (m *many) send(ctx context.Context, s interface {
	Send(*winnowv1.ClassifyStreamRequest) error
	CloseSend() error
}, mu *sync.Mutex, pending *[]*job, window chan struct{}, docs int) error {
	limit := m.c.opts.MaxMessageBytes
	if limit <= 0 {
		limit = MaxMessageBytes
	}
	for sent := 0; ; sent++ {
		if sent == docs {
			if err := s.CloseSend(); err != nil {
				return err
			}
			return errRotate
		}
		select {
		case window <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		var j *job
		select {
		case j = <-m.retry:
		default:
			select {
			case j = <-m.retry:
			case j = <-m.jobs:
			case <-m.done:
				return s.CloseSend()
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		req := &winnowv1.ClassifyStreamRequest{Document: j.doc, Options: m.opts}
		var failed *winnowv1.ClassifyResult
		switch {
		case j.blamed > m.mo.MaxResends:
			failed = errorResult(j, codes.Unavailable, fmt.Sprintf("client: the stream broke %d times while this document was being classified; giving up on it", j.blamed))
		case proto.Size(req) > limit:
			failed = errorResult(j, codes.ResourceExhausted, fmt.Sprintf("client: the document is larger than the %d-byte message limit", limit))
		}
		if failed != nil {
			<-window
			select {
			case m.answers <- answer{j.seq, failed}:
			case <-m.ctx.Done():
				return m.ctx.Err()
			}
			sent--
			continue
		}
		mu.Lock()
		*pending = append(*pending, j)
		mu.Unlock()
		if err := s.Send(req); err != nil {
			return err // j is pending: stream() requeues it
		}
	}
}

// errRotate ends a stream that carried its documents (ManyOptions.StreamDocuments,
// one window for a worker's first stream); it is reopened at once.
var errRotate = errors.New("client: stream rotated")

func errorResult(j *job, code codes.Code, msg string) *winnowv1.ClassifyResult {
	return &winnowv1.ClassifyResult{
		DocumentId: j.doc.GetId(),
		Outcome:    &winnowv1.ClassifyResult_Error{Error: status.New(code, msg).Proto()},
	}
}
