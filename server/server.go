// Package server serves a classifier over gRPC as winnow.v1.ClassifierService.
//
// [New] wraps a classifier in a [Service]; [NewGRPCServer] registers it on a
// grpc.Server together with health (grpc.health.v1, SERVING once built),
// reflection, the message-size limit and the interceptor chain
// recovery → logging (slog; document bodies are never logged) →
// validation. [Status] is the single mapping from classifier errors to gRPC
// status codes with details, and [Response] the single conversion from a
// classifier result to the wire type, shared with the command-line tool.
package server

import (
	"context"
	"log/slog"
	"runtime"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/logging"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"

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
	c    *classifier.Classifier
	opts Options
}

// New returns a service classifying with c's model under opts' limits
// (opts.MaxDocumentBytes replaces c's own document limit).
func New(c *classifier.Classifier, opts Options) *Service {
	opts = opts.withDefaults()
	cfg := c.Config()
	cfg.MaxDocumentBytes = opts.MaxDocumentBytes
	return &Service{c: c.WithConfig(cfg), opts: opts}
}

// Options returns the service's options with defaults filled in.
func (s *Service) Options() Options { return s.opts }

// NewGRPCServer returns a gRPC server with s, health and reflection
// registered, and the health status of the server ("") and of
// winnow.v1.ClassifierService set to SERVING. extra options are appended to
// the server's own. The caller serves it and, on shutdown, calls
// health.Shutdown before GracefulStop.
func NewGRPCServer(s *Service, extra ...grpc.ServerOption) (*grpc.Server, *health.Server) {
	log := logging.LoggerFunc(func(ctx context.Context, lvl logging.Level, msg string, fields ...any) {
		s.opts.Logger.Log(ctx, slog.Level(lvl), msg, fields...)
	})
	logOpts := []logging.Option{
		logging.WithLogOnEvents(logging.FinishCall),
		logging.WithLevels(codeToLevel),
	}
	rec := recovery.WithRecoveryHandlerContext(func(ctx context.Context, p any) error {
		return s.recovered(ctx, p)
	})
	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(s.opts.MaxRecvMsgBytes),
		grpc.ForceServerCodecV2(codec{}),
		grpc.ChainUnaryInterceptor(
			recovery.UnaryServerInterceptor(rec),
			logging.UnaryServerInterceptor(log, logOpts...),
			s.validateUnary,
		),
		grpc.ChainStreamInterceptor(
			recovery.StreamServerInterceptor(rec),
			logging.StreamServerInterceptor(log, logOpts...),
		),
	}
	gs := grpc.NewServer(append(opts, extra...)...)
	winnowv1.RegisterClassifierServiceServer(gs, s)
	hs := health.NewServer()
	healthpb.RegisterHealthServer(gs, hs)
	hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	hs.SetServingStatus(winnowv1.ClassifierService_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	reflection.Register(gs)
	return gs, hs
}

// Classify implements winnowv1.ClassifierServiceServer.
func (s *Service) Classify(ctx context.Context, req *winnowv1.ClassifyRequest) (*winnowv1.ClassifyResponse, error) {
	res, err := s.classify(ctx, req.GetDocument(), req.GetOptions())
	if err != nil {
		return nil, Status(err).Err()
	}
	return res, nil
}

func (s *Service) classify(ctx context.Context, doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) (*winnowv1.ClassifyResponse, error) {
	in, err := Input(doc, opts)
	if err != nil {
		return nil, err
	}
	res, err := s.c.Classify(ctx, in)
	if err != nil {
		return nil, err
	}
	return Response(res, doc.GetId(), opts), nil
}

// classifyItem classifies one document of a batch or stream: validation
// failures, classifier errors and panics all become the item's status.
func (s *Service) classifyItem(ctx context.Context, doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) (out *winnowv1.ClassifyResult) {
	out = &winnowv1.ClassifyResult{DocumentId: doc.GetId()}
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
// order.
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
	for i, d := range docs {
		sem <- struct{}{}
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

// GetModel implements winnowv1.ClassifierServiceServer.
func (s *Service) GetModel(ctx context.Context, req *winnowv1.GetModelRequest) (*winnowv1.GetModelResponse, error) {
	return ModelResponse(s.c.Info()), nil
}

// codeToLevel logs successful calls at debug level, so that an info-level
// server under load writes only what needs attention.
func codeToLevel(c codes.Code) logging.Level {
	switch c {
	case codes.OK:
		return logging.LevelDebug
	case codes.Internal, codes.Unknown, codes.DataLoss, codes.Unimplemented:
		return logging.LevelError
	case codes.DeadlineExceeded, codes.ResourceExhausted, codes.Unavailable:
		return logging.LevelWarn
	}
	return logging.LevelInfo
}
