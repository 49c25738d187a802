package server

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/winnowhq/winnow/classifier"
)

// msgStream is a stream that receives n messages, then io.EOF.
type msgStream struct {
	grpc.ServerStream
	n int
}

func (s *msgStream) Context() context.Context { return context.Background() }
func (s *msgStream) SendMsg(any) error        { return nil }
func (s *msgStream) RecvMsg(any) error {
	if s.n == 0 {
		return io.EOF
	}
	s.n--
	return nil
}

// TestRPCMetricsUnchanged: the server's gRPC metrics export what
// go-grpc-middleware's Prometheus provider, as this server configured it,
// exported for the same calls (all but the histograms' sums, which are
// times).
func TestRPCMetricsUnchanged(t *testing.T) {
	buckets := []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
	lib := grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram(grpcprom.WithHistogramBuckets(buckets)))
	ours := newRPCMetrics(buckets)
	cls, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	gs, _ := NewGRPCServer(New(cls, Options{}))
	lib.InitializeMetrics(gs)
	ours.initialize(gs)
	libUnary, libStream := lib.UnaryServerInterceptor(), lib.StreamServerInterceptor()
	for _, tc := range []struct {
		method string
		err    error
	}{
		{"/winnow.v1.ClassifierService/Classify", nil},
		{"/winnow.v1.ClassifierService/Classify", nil},
		{"/winnow.v1.ClassifierService/Classify", status.Error(codes.InvalidArgument, "bad")},
		{"/winnow.v1.ClassifierService/GetModel", context.Canceled},
		{"/winnow.v1.ClassifierService/GetModel", errors.New("plain")},
		{"/winnow.v1.ClassifierService/Classify", status.Error(codes.Code(42), "odd code")},
		{"/not.Registered/Method", nil},
	} {
		info := &grpc.UnaryServerInfo{FullMethod: tc.method}
		h := func(context.Context, any) (any, error) { return "resp", tc.err }
		libUnary(context.Background(), "req", info, h)
		ours.unary(context.Background(), "req", info, h)
	}
	sinfo := &grpc.StreamServerInfo{FullMethod: "/winnow.v1.ClassifierService/ClassifyStream", IsClientStream: true, IsServerStream: true}
	for _, tc := range []struct {
		recv, send int
		err        error
	}{{3, 2, nil}, {1, 0, status.Error(codes.Unavailable, "gone")}} {
		h := func(_ any, ss grpc.ServerStream) error {
			for ss.RecvMsg(nil) == nil {
			}
			for range tc.send {
				ss.SendMsg(nil)
			}
			return tc.err
		}
		libStream(nil, &msgStream{n: tc.recv}, sinfo, h)
		ours.stream(nil, &msgStream{n: tc.recv}, sinfo, h)
	}
	export := func(c prometheus.Collector) string {
		reg := prometheus.NewRegistry()
		reg.MustRegister(c)
		rec := httptest.NewRecorder()
		promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		// The sums, and the counts of the finite histogram buckets,
		// depend on how long each call took (a call over 1 ms under the
		// race detector on a loaded machine): compare the bucket bounds,
		// not their counts.
		out := regexp.MustCompile(`(?m)^.*_sum\{.*$\n?`).ReplaceAllString(rec.Body.String(), "")
		return regexp.MustCompile(`(?m)^(.*_bucket\{.*le="[0-9.e+-]+"\}) \d+$`).ReplaceAllString(out, "$1 N")
	}
	got, want := export(ours), export(lib)
	if !strings.Contains(want, `grpc_server_handled_total{grpc_code="OK",grpc_method="Classify"`) {
		t.Fatalf("no exposition to compare:\n%s", want)
	}
	if got != want {
		t.Errorf("metrics differ:\n got %s\nwant %s", got, want)
	}
}
