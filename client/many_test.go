package client_test

import (
	"context"
	"fmt"
	"iter"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/client"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
)

// countingServer is an in-process winnowd on a loopback port that counts
// the stream responses it sent.
type countingServer struct {
	addr string
	gs   *grpc.Server
	sent atomic.Int64
}

func startCounting(t *testing.T, cls *classifier.Classifier) *countingServer {
	t.Helper()
	cs := &countingServer{}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	count := func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		return h(srv, countStream{ss, &cs.sent})
	}
	cs.gs, _ = server.NewGRPCServer(server.New(cls, server.Options{Concurrency: 2}), grpc.ChainStreamInterceptor(count))
	cs.addr = lis.Addr().String()
	go cs.gs.Serve(lis)
	t.Cleanup(cs.gs.Stop)
	return cs
}

type countStream struct {
	grpc.ServerStream
	n *atomic.Int64
}

func (s countStream) SendMsg(m any) error {
	err := s.ServerStream.SendMsg(m)
	if err == nil {
		s.n.Add(1)
	}
	return err
}

// docs yields n small text documents with ids d0000...; every 50th is
// empty, which the server answers with an error result.
func docs(n int) iter.Seq[*winnowv1.Document] {
	return func(yield func(*winnowv1.Document) bool) {
		for i := range n {
			id := fmt.Sprintf("d%04d", i)
			body := fmt.Sprintf("Headline number %d\nThe body of document %d says something about the world.\nShare this", i, i)
			if i%50 == 49 {
				body = ""
			}
			if !yield(client.Text(id, body)) {
				return
			}
		}
	}
}

// TestClassifyManyFailover runs ClassifyMany over three servers and stops
// one of them abruptly mid-run: every document must still be answered
// exactly once, in input order, and the stopped server's unanswered
// documents must have been resent to the others.
func TestClassifyManyFailover(t *testing.T) {
	cls, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	servers := []*countingServer{startCounting(t, cls), startCounting(t, cls), startCounting(t, cls)}
	var addrs []string
	for _, s := range servers {
		addrs = append(addrs, s.addr)
	}
	c, err := client.New(strings.Join(addrs, ","))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	const n = 900
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stopOnce sync.Once
	var sentBeforeStop []int64
	got := 0
	for r, err := range c.ClassifyMany(ctx, docs(n), &winnowv1.ClassifyOptions{OmitBlocks: true}, client.ManyOptions{Streams: 6, InFlight: 48, StreamDocuments: 40}) {
		if err != nil {
			t.Fatalf("after %d results: %v", got, err)
		}
		if want := fmt.Sprintf("d%04d", got); r.GetDocumentId() != want {
			t.Fatalf("result %d is %q, want %q", got, r.GetDocumentId(), want)
		}
		wantErr := got%50 == 49
		if e := client.ResultError(r); (e != nil) != wantErr {
			t.Errorf("%s: error %v, want error %v", r.GetDocumentId(), e, wantErr)
		}
		got++
		if got == n/3 {
			stopOnce.Do(func() {
				for _, s := range servers {
					sentBeforeStop = append(sentBeforeStop, s.sent.Load())
				}
				servers[1].gs.Stop() // closes its connections: streams break mid-flight
			})
		}
	}
	if got != n {
		t.Fatalf("%d results, want %d", got, n)
	}
	var total int64
	for i, s := range servers {
		total += s.sent.Load()
		t.Logf("server %d: %d answers (%d before the stop)", i, s.sent.Load(), sentBeforeStop[i])
		if sentBeforeStop[i] == 0 {
			t.Errorf("server %d answered nothing before the stop: not balanced", i)
		}
	}
	if after := servers[0].sent.Load() + servers[2].sent.Load() - sentBeforeStop[0] - sentBeforeStop[2]; after == 0 {
		t.Error("the surviving servers answered nothing after the stop")
	}
	// Servers may have classified a document twice (answered but not
	// received before the stop); the client yielded each exactly once.
	if total < n {
		t.Errorf("servers sent %d answers in all, fewer than %d documents", total, n)
	}
}

// TestClassifyManyAllDown: with every server gone, ClassifyMany ends with
// one error instead of hanging.
func TestClassifyManyAllDown(t *testing.T) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := lis.Addr().String()
	lis.Close()
	c, err := client.Open(addr, client.Options{Plaintext: true, Retry: client.Retry{MaxAttempts: 2, InitialBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var results, errs int
	for r, err := range c.ClassifyMany(context.Background(), docs(10), nil, client.ManyOptions{ReconnectTimeout: 300 * time.Millisecond}) {
		if err != nil {
			errs++
			continue
		}
		_ = r
		results++
	}
	if results != 0 || errs != 1 {
		t.Errorf("%d results and %d errors, want 0 and 1", results, errs)
	}
}

// TestClassifyManyEarlyStop: breaking out of the loop cancels the run and
// returns promptly.
func TestClassifyManyEarlyStop(t *testing.T) {
	cls, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := startCounting(t, cls)
	c, err := client.New(s.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n := 0
	for _, err := range c.ClassifyMany(context.Background(), docs(1_000_000), nil, client.ManyOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 20 {
			break
		}
	}
	for r, err := range c.ClassifyMany(context.Background(), docs(0), nil, client.ManyOptions{}) {
		t.Errorf("empty input yielded %v, %v", r, err)
	}
}

// busyStream answers each document "busy, retry in 20 ms" (an error result
// with RESOURCE_EXHAUSTED and a RetryInfo) the first time it sees it, then
// classifies it as "ok".
type busyStream struct {
	winnowv1.UnimplementedClassifierServiceServer
	mu   sync.Mutex
	seen map[string]int
}

func (b *busyStream) ClassifyStream(s winnowv1.ClassifierService_ClassifyStreamServer) error {
	for {
		req, err := s.Recv()
		if err != nil {
			return nil
		}
		id := req.GetDocument().GetId()
		b.mu.Lock()
		b.seen[id]++
		n := b.seen[id]
		b.mu.Unlock()
		res := &winnowv1.ClassifyResult{DocumentId: id}
		if n == 1 {
			res.Outcome = &winnowv1.ClassifyResult_Error{Error: status.Convert(busy(20 * time.Millisecond)).Proto()}
		} else {
			res.Outcome = &winnowv1.ClassifyResult_Response{Response: &winnowv1.ClassifyResponse{DocumentId: id}}
		}
		if err := s.Send(&winnowv1.ClassifyStreamResponse{Result: res}); err != nil {
			return err
		}
	}
}

// TestClassifyManyBusy: documents refused as busy are resent after the
// server's delay and answered once each.
func TestClassifyManyBusy(t *testing.T) {
	b := &busyStream{seen: make(map[string]int)}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gs := grpc.NewServer()
	winnowv1.RegisterClassifierServiceServer(gs, b)
	go gs.Serve(lis)
	defer gs.Stop()
	c, err := client.New(lis.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got := 0
	for r, err := range c.ClassifyMany(context.Background(), docs(100), nil, client.ManyOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if e := client.ResultError(r); e != nil || r.GetDocumentId() != fmt.Sprintf("d%04d", got) {
			t.Fatalf("result %d: %q %v", got, r.GetDocumentId(), e)
		}
		got++
	}
	if got != 100 {
		t.Errorf("%d results, want 100", got)
	}
	for id, n := range b.seen {
		if n != 2 {
			t.Errorf("%s sent %d times, want 2", id, n)
		}
	}
}
