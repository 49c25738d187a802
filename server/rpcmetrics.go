package server

import (
	"context"
	"sync"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// rpcMetrics are the gRPC server metrics of go-grpc-middleware's
// Prometheus provider (grpc_server_started_total,
// grpc_server_handled_total, grpc_server_msg_received_total,
// grpc_server_msg_sent_total and grpc_server_handling_seconds: the same
// names, help, labels and buckets, counted at the same points of a call;
// TestRPCMetricsUnchanged compares the two), with the children of each
// method looked up once instead of by label values (a hash and a lock
// each) five times per call.
type rpcMetrics struct {
	started, handled, received, sent *prometheus.CounterVec
	seconds                          *prometheus.HistogramVec
	methods                          sync.Map // full method name -> *methodMetrics
}

// methodMetrics are one method's children of the rpcMetrics vectors.
type methodMetrics struct {
	typ, service, method    string
	started, received, sent prometheus.Counter
	seconds                 prometheus.Observer
	handled                 [codes.Unauthenticated + 1]lazyCounter // created on first use, as by label values
	parent                  *rpcMetrics
}

func newRPCMetrics(buckets []float64) *rpcMetrics {
	labels := []string{"grpc_type", "grpc_service", "grpc_method"}
	return &rpcMetrics{
		started: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "grpc_server_started_total",
			Help: "Total number of RPCs started on the server."}, labels),
		handled: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "grpc_server_handled_total",
			Help: "Total number of RPCs completed on the server, regardless of success or failure."},
			[]string{"grpc_type", "grpc_service", "grpc_method", "grpc_code"}),
		received: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "grpc_server_msg_received_total",
			Help: "Total number of RPC stream messages received on the server."}, labels),
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "grpc_server_msg_sent_total",
			Help: "Total number of gRPC stream messages sent by the server."}, labels),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "grpc_server_handling_seconds",
			Help:    "Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.",
			Buckets: buckets}, labels),
	}
}

// Describe implements prometheus.Collector.
func (r *rpcMetrics) Describe(ch chan<- *prometheus.Desc) {
	r.started.Describe(ch)
	r.handled.Describe(ch)
	r.received.Describe(ch)
	r.sent.Describe(ch)
	r.seconds.Describe(ch)
}

// Collect implements prometheus.Collector.
func (r *rpcMetrics) Collect(ch chan<- prometheus.Metric) {
	r.started.Collect(ch)
	r.handled.Collect(ch)
	r.received.Collect(ch)
	r.sent.Collect(ch)
	r.seconds.Collect(ch)
}

// initialize creates the series of every method registered on gs, at
// zero, with a handled series for every code (as the provider's
// InitializeMetrics does).
func (r *rpcMetrics) initialize(gs *grpc.Server) {
	for service, info := range gs.GetServiceInfo() {
		for _, mi := range info.Methods {
			typ := interceptors.Unary
			switch {
			case mi.IsClientStream && mi.IsServerStream:
				typ = interceptors.BidiStream
			case mi.IsClientStream:
				typ = interceptors.ClientStream
			case mi.IsServerStream:
				typ = interceptors.ServerStream
			}
			m := r.method("/"+service+"/"+mi.Name, typ)
			for _, c := range interceptors.AllCodes {
				m.code(c)
			}
		}
	}
}

// method returns the children of fullMethod, a method of type typ.
func (r *rpcMetrics) method(fullMethod string, typ interceptors.GRPCType) *methodMetrics {
	if m, ok := r.methods.Load(fullMethod); ok {
		return m.(*methodMetrics)
	}
	c := interceptors.NewServerCallMeta(fullMethod, nil, nil)
	m := &methodMetrics{typ: string(typ), service: c.Service, method: c.Method, parent: r}
	m.started = r.started.WithLabelValues(m.typ, m.service, m.method)
	m.received = r.received.WithLabelValues(m.typ, m.service, m.method)
	m.sent = r.sent.WithLabelValues(m.typ, m.service, m.method)
	m.seconds = r.seconds.WithLabelValues(m.typ, m.service, m.method)
	got, _ := r.methods.LoadOrStore(fullMethod, m)
	return got.(*methodMetrics)
}

// code returns the handled counter of code c.
func (m *methodMetrics) code(c codes.Code) prometheus.Counter {
	if int(c) < len(m.handled) {
		return m.handled[c].get(m.parent.handled, func() []string { return []string{m.typ, m.service, m.method, c.String()} })
	}
	return m.parent.handled.WithLabelValues(m.typ, m.service, m.method, c.String())
}

// done counts a call that ended with err after it started at start.
func (m *methodMetrics) done(err error, start time.Time) {
	s, ok := status.FromError(err)
	if !ok {
		s = status.FromContextError(err)
	}
	m.code(s.Code()).Inc()
	m.seconds.Observe(time.Since(start).Seconds())
}

func (r *rpcMetrics) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
	start := time.Now()
	m := r.method(info.FullMethod, interceptors.Unary)
	m.started.Inc()
	m.received.Inc()
	resp, err := next(ctx, req)
	if err == nil {
		m.sent.Inc()
	}
	m.done(err, start)
	return resp, err
}

func (r *rpcMetrics) stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, next grpc.StreamHandler) error {
	start := time.Now()
	m := r.method(info.FullMethod, interceptors.NewServerCallMeta(info.FullMethod, info, nil).Typ)
	m.started.Inc()
	err := next(srv, &countedStream{ServerStream: ss, m: m})
	m.done(err, start)
	return err
}

// countedStream counts the messages of a stream.
type countedStream struct {
	grpc.ServerStream
	m *methodMetrics
}

func (s *countedStream) SendMsg(msg any) error {
	err := s.ServerStream.SendMsg(msg)
	if err == nil {
		s.m.sent.Inc()
	}
	return err
}

func (s *countedStream) RecvMsg(msg any) error {
	err := s.ServerStream.RecvMsg(msg)
	if err == nil {
		s.m.received.Inc()
	}
	return err
}
