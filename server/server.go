// Package server serves a classifier over gRPC as winnow.v1.ClassifierService
// and winnow.v1.AdminService.
//
// [New] wraps a classifier in a [Service]; [NewGRPCServer] registers it on a
// grpc.Server together with health (grpc.health.v1, SERVING once built),
// reflection, the message-size limits and the interceptor chain, one
// concern each: recovery → metrics (Prometheus, when Options.Metrics is
// set) → authentication (bearer tokens, when Options.Tokens is set; health
// and reflection are exempt) → logging (slog; names the caller, never a
// token or a document body) → context (a call whose client went away ends
// CANCELLED or DEADLINE_EXCEEDED, not OK) → validation → response size
// (Options.MaxResponseBytes). Admission control ([Budget]) runs inside the
// service, per document, so that Classify, ClassifyBatch, ClassifyStream
// and any gateway calling the service share it. [Status] is the single
// mapping from classifier errors to gRPC status codes with details, and
// [Response] the single conversion from a classifier result to the wire
// type, shared with the command-line tool.
package server

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/auth"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/selector"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// Defaults for [Options].
const (
	DefaultMaxRecvMsgBytes   = 32 << 20
	DefaultMaxBatchDocuments = 64
)

// Options configure a [Service] and its gRPC server. The zero value is
// usable: every zero field takes its default.
type Options struct {
	// MaxRecvMsgBytes bounds a request message on the wire (grpc.MaxRecvMsgSize);
	// larger requests fail with RESOURCE_EXHAUSTED. 0 means 32 MiB.
	MaxRecvMsgBytes int
	// MaxDocumentBytes bounds one document (classifier.Config.MaxDocumentBytes);
	// larger documents fail with INVALID_ARGUMENT. 0 means
	// classifier.DefaultMaxDocumentBytes (16 MiB).
	MaxDocumentBytes int
	// MaxBatchDocuments bounds the documents of one ClassifyBatch call.
	// 0 means 64.
	MaxBatchDocuments int
	// Concurrency bounds the documents of one batch or stream classified at
	// the same time. 0 means runtime.GOMAXPROCS(0).
	Concurrency int
	// MaxMemoryBytes is the admission budget: the estimated memory
	// ([Cost]) of all documents being classified at once. A document that
	// does not fit fails at once with RESOURCE_EXHAUSTED and a
	// google.rpc.RetryInfo. 0 means no admission control (winnowd's
	// default is 1 GiB).
	MaxMemoryBytes int64
	// MaxResponseBytes is the largest response message the server sends
	// (over gRPC; the service's methods called directly are not limited):
	// a larger response fails with RESOURCE_EXHAUSTED naming the options
	// that shrink it. 0 means no limit (winnowd's default is 4 MiB, the
	// gRPC default receive limit of clients).
	MaxResponseBytes int
	// Tokens, when set, makes every call but health and reflection
	// present a bearer token (see [ParseTokens]). AdminService always
	// needs one: without Tokens it refuses every call.
	Tokens *Tokens
	// Metrics, when set, records RPC and document metrics.
	Metrics *Metrics
	// Load, when set, is how AdminService.ReloadModel and [Service.Reload]
	// get a new classifier (winnowd reads its --model file again).
	Load func() (*classifier.Classifier, error)
	// Logger receives one record per finished call (OK calls at debug
	// level) and every recovered panic. nil discards logs.
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.MaxRecvMsgBytes <= 0 {
		o.MaxRecvMsgBytes = DefaultMaxRecvMsgBytes
	}
	if o.MaxDocumentBytes <= 0 {
		o.MaxDocumentBytes = classifier.DefaultMaxDocumentBytes
	}
	if o.MaxBatchDocuments <= 0 {
		o.MaxBatchDocuments = DefaultMaxBatchDocuments
	}
	if o.Concurrency <= 0 {
		o.Concurrency = runtime.GOMAXPROCS(0)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Service implements winnowv1.ClassifierServiceServer over a classifier.
// It is safe for concurrent use.
type Service struct {
	winnowv1.UnimplementedClassifierServiceServer
	cls    atomic.Pointer[classifier.Classifier]
	opts   Options
	budget *Budget // nil: no admission control
	reload sync.Mutex
}

// New returns a service classifying with c's model under opts' limits
// (opts.MaxDocumentBytes replaces c's own document limit).
func New(c *classifier.Classifier, opts Options) *Service {
	opts = opts.withDefaults()
	s := &Service{opts: opts}
	s.swap(c)
	if opts.MaxMemoryBytes > 0 {
		s.budget = NewBudget(opts.MaxMemoryBytes)
		if m := opts.Metrics; m != nil {
			m.budgetLimit.Set(float64(opts.MaxMemoryBytes))
			s.budget.onReject = func(reason string) { m.rejected.WithLabelValues(reason).Inc() }
			s.budget.onChange = func(used int64) { m.budgetUsed.Set(float64(used)) }
		}
	}
	return s
}

// swap makes c the classifier of new calls and returns the previous one.
func (s *Service) swap(c *classifier.Classifier) *classifier.Classifier {
	cfg := c.Config()
	cfg.MaxDocumentBytes = s.opts.MaxDocumentBytes
	c = c.WithConfig(cfg)
	if s.opts.Metrics != nil {
		s.opts.Metrics.setModel(c.Info())
	}
	return s.cls.Swap(c)
}

// Classifier returns the classifier new calls use.
func (s *Service) Classifier() *classifier.Classifier { return s.cls.Load() }

// Options returns the service's options with defaults filled in.
func (s *Service) Options() Options { return s.opts }

// Budget returns the admission budget, or nil when there is none.
func (s *Service) Budget() *Budget { return s.budget }

// NewGRPCServer returns a gRPC server with s, AdminService, health and
// reflection registered, and the health status of the server ("") and of
// winnow.v1.ClassifierService set to SERVING. extra options are appended to
// the server's own (credentials, keepalive). The caller serves it and, on
// shutdown, calls health.Shutdown before GracefulStop.
func NewGRPCServer(s *Service, extra ...grpc.ServerOption) (*grpc.Server, *health.Server) {
	rec := recovery.WithRecoveryHandlerContext(func(ctx context.Context, p any) error {
		return s.recovered(ctx, p)
	})
	var unary []grpc.UnaryServerInterceptor
	var stream []grpc.StreamServerInterceptor
	unary = append(unary, recovery.UnaryServerInterceptor(rec))
	stream = append(stream, recovery.StreamServerInterceptor(rec))
	if m := s.opts.Metrics; m != nil {
		unary = append(unary, m.grpc.unary)
		stream = append(stream, m.grpc.stream)
	}
	authn := s.authenticate
	unary = append(unary, selector.UnaryServerInterceptor(auth.UnaryServerInterceptor(authn), selector.MatchFunc(needsAuth)))
	stream = append(stream, selector.StreamServerInterceptor(auth.StreamServerInterceptor(authn), selector.MatchFunc(needsAuth)))
	unary = append(unary, s.logUnary, contextUnary, s.validateUnary)
	stream = append(stream, s.logStream, contextStream)
	if s.opts.MaxResponseBytes > 0 {
		unary = append(unary, s.fitUnary)
		stream = append(stream, s.fitStream)
	}
	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(s.opts.MaxRecvMsgBytes),
		grpc.ForceServerCodecV2(codec{}),
		grpc.ChainUnaryInterceptor(unary...),
		grpc.ChainStreamInterceptor(stream...),
		// long-lived workers serve the streams: a goroutine per request
		// grew its stack to the classifier's depth every time. A call
		// finds an idle worker only if one is waiting, so there are
		// enough for the calls a client keeps in flight (ghz and the
		// gateway's clients send several per core); beyond streamWorkersPerCPU
		// calls per core a call gets a goroutine of its own, as before.
		grpc.NumStreamWorkers(uint32(streamWorkersPerCPU * runtime.GOMAXPROCS(0))),
	}
	gs := grpc.NewServer(append(opts, extra...)...)
	winnowv1.RegisterClassifierServiceServer(gs, s)
	winnowv1.RegisterAdminServiceServer(gs, &admin{s: s})
	hs := health.NewServer()
	healthpb.RegisterHealthServer(gs, hs)
	hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	hs.SetServingStatus(winnowv1.ClassifierService_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	reflection.Register(gs)
	if m := s.opts.Metrics; m != nil {
		m.grpc.initialize(gs)
	}
	return gs, hs
}

// streamWorkersPerCPU is how many long-lived goroutines per core serve
// calls. Idle ones cost only their stacks, which the garbage collector
// shrinks.
const streamWorkersPerCPU = 8

// needsAuth exempts health checks and reflection from authentication.
func needsAuth(_ context.Context, c interceptors.CallMeta) bool {
	return c.Service != healthpb.Health_ServiceDesc.ServiceName &&
		!strings.HasPrefix(c.Service, "grpc.reflection.")
}

// Classify implements winnowv1.ClassifierServiceServer.
func (s *Service) Classify(ctx context.Context, req *winnowv1.ClassifyRequest) (*winnowv1.ClassifyResponse, error) {
	res, err := s.classify(ctx, req.GetDocument(), req.GetOptions())
	if err != nil {
		return nil, Status(err).Err()
	}
	return res, nil
}

// classify admits, classifies and converts one document. The classifier
// is read once, so a call that started before a reload finishes on the
// model it started with.
func (s *Service) classify(ctx context.Context, doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) (*winnowv1.ClassifyResponse, error) {
	in, err := Input(doc, opts)
	if err != nil {
		return nil, err
	}
	if s.budget != nil {
		cost := Cost(doc, s.opts.MaxDocumentBytes)
		if err := s.budget.take(cost); err != nil {
			return nil, err
		}
		defer s.budget.give(cost)
	}
	res, err := s.cls.Load().Classify(ctx, in)
	s.opts.Metrics.document(in, res, err)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil { // do not convert what nobody waits for
		return nil, err
	}
	return Response(res, doc.GetId(), opts), nil
}

// classifyItem classifies one document of a batch or stream: validation
// failures, classifier errors and panics all become the item's status.
func (s *Service) classifyItem(ctx context.Context, doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) (out *winnowv1.ClassifyResult) {
	// The id is echoed even when it is not UTF-8 (the item then fails
	// validation), so it must be made valid to be sent.
	out = &winnowv1.ClassifyResult{DocumentId: strings.ToValidUTF8(doc.GetId(), "\uFFFD")}
	defer func() {
		if p := recover(); p != nil {
			out.Outcome = &winnowv1.ClassifyResult_Error{Error: Status(s.recovered(ctx, p)).Proto()}
		}
	}()
	var v violations
	v.document("document", doc)
	v.options("options", opts)
	if err := v.err(); err != nil {
		out.Outcome = &winnowv1.ClassifyResult_Error{Error: Status(err).Proto()}
		return out
	}
	res, err := s.classify(ctx, doc, opts)
	if err != nil {
		out.Outcome = &winnowv1.ClassifyResult_Error{Error: Status(err).Proto()}
		return out
	}
	out.Outcome = &winnowv1.ClassifyResult_Response{Response: res}
	return out
}

// ClassifyBatch implements winnowv1.ClassifierServiceServer. Documents are
// classified up to Options.Concurrency at a time; results keep request
// order. Once the call is cancelled no new document starts.
func (s *Service) ClassifyBatch(ctx context.Context, req *winnowv1.ClassifyBatchRequest) (*winnowv1.ClassifyBatchResponse, error) {
	var v violations
	v.batch(req, s.opts.MaxBatchDocuments)
	if err := v.err(); err != nil {
		return nil, Status(err).Err()
	}
	docs := req.GetDocuments()
	results := make([]*winnowv1.ClassifyResult, len(docs))
	sem := make(chan struct{}, s.opts.Concurrency)
	var wg sync.WaitGroup
loop:
	for i, d := range docs {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			break loop
		}
		wg.Go(func() {
			defer func() { <-sem }()
			results[i] = s.classifyItem(ctx, d, req.GetOptions())
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, Status(err).Err()
	}
	return &winnowv1.ClassifyBatchResponse{Results: results}, nil
}

// Reload replaces the classifier with one from Options.Load. In-flight
// calls finish on the old one. When loading fails the old classifier keeps
// serving and the error says why. It returns the previous and the new
// model's versions.
func (s *Service) Reload() (previous, current *classifier.Classifier, err error) {
	if s.opts.Load == nil {
		return nil, nil, errors.New("this server has no model source to reload from")
	}
	s.reload.Lock()
	defer s.reload.Unlock()
	c, err := s.opts.Load()
	if err != nil {
		s.opts.Metrics.reloaded(false)
		s.opts.Logger.Error("model reload failed; the old model keeps serving", "model", s.Classifier().Info().Version, "err", err)
		return nil, nil, err
	}
	prev := s.swap(c)
	s.opts.Metrics.reloaded(true)
	s.opts.Logger.Info("model reloaded", "previous", prev.Info().Version, "model", c.Info().Version,
		"fingerprint", fingerprint(c.Info().ContentSHA256))
	return prev, s.Classifier(), nil
}

// admin implements winnowv1.AdminServiceServer.
type admin struct {
	winnowv1.UnimplementedAdminServiceServer
	s *Service
}

// ReloadModel implements winnowv1.AdminServiceServer.
func (a *admin) ReloadModel(ctx context.Context, _ *winnowv1.ReloadModelRequest) (*winnowv1.ReloadModelResponse, error) {
	if a.s.opts.Tokens == nil {
		return nil, status.Error(codes.PermissionDenied, "winnow: AdminService needs authentication: start winnowd with --auth-tokens")
	}
	prev, cur, err := a.s.Reload()
	if err != nil {
		return nil, status.Errorf(codes.FailedPrecondition, "winnow: reload failed, the old model keeps serving: %v", err)
	}
	info := cur.Info()
	return &winnowv1.ReloadModelResponse{
		PreviousVersion: prev.Info().Version,
		Version:         info.Version,
		ContentSha256:   info.ContentSHA256,
	}, nil
}

// GetModel implements winnowv1.ClassifierServiceServer.
func (s *Service) GetModel(ctx context.Context, req *winnowv1.GetModelRequest) (*winnowv1.GetModelResponse, error) {
	return ModelResponse(s.Classifier().Info()), nil
}

// codeToLevel logs successful calls at debug level, so that an info-level
// server under load writes only what needs attention.
func codeToLevel(c codes.Code) slog.Level {
	switch c {
	case codes.OK:
		return slog.LevelDebug
	case codes.Internal, codes.Unknown, codes.DataLoss, codes.Unimplemented:
		return slog.LevelError
	case codes.DeadlineExceeded, codes.ResourceExhausted, codes.Unavailable:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}
