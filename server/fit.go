package server

import (
	"context"
	"fmt"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// ReasonResponseTooLarge is the google.rpc.ErrorInfo reason of a response
// over Options.MaxResponseBytes.
const ReasonResponseTooLarge = "RESPONSE_TOO_LARGE"

// tooLarge is the status of a response of n bytes over the limit.
func (s *Service) tooLarge(n int, what string) *status.Status {
	limit := s.opts.MaxResponseBytes
	st := status.New(codes.ResourceExhausted, fmt.Sprintf(
		"winnow: the %s would be %d bytes, over the %d bytes this server's clients accept (winnowd --max-response-bytes); "+
			"shrink it with options.omit_blocks or options.omit_main_text (and leave options.include_text and options.explain off), "+
			"or split the document", what, n, limit))
	if ds, err := st.WithDetails(&errdetails.ErrorInfo{Reason: ReasonResponseTooLarge, Domain: ErrorDomain,
		Metadata: map[string]string{"response_bytes": fmt.Sprint(n), "limit_bytes": fmt.Sprint(limit)}}); err == nil {
		st = ds
	}
	return st
}

// fitResult replaces a batch or stream result over the limit by its error.
func (s *Service) fitResult(r *winnowv1.ClassifyResult) {
	if r == nil || r.GetResponse() == nil {
		return
	}
	// The result's envelope (id, oneof tag) counts as well.
	if n := proto.Size(r) + 16; n > s.opts.MaxResponseBytes {
		r.Outcome = &winnowv1.ClassifyResult_Error{Error: s.tooLarge(n, "response").Proto()}
	}
}

// fitUnary is the response-size interceptor for unary calls: a Classify
// response over Options.MaxResponseBytes becomes RESOURCE_EXHAUSTED with
// ErrorInfo RESPONSE_TOO_LARGE; in a batch, each result over the limit
// becomes its error, and a batch whose results together exceed it fails
// as a whole (split the batch).
func (s *Service) fitUnary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
	resp, err := next(ctx, req)
	if err != nil {
		return resp, err
	}
	switch r := resp.(type) {
	case *winnowv1.ClassifyResponse:
		if n := proto.Size(r); n > s.opts.MaxResponseBytes {
			return nil, s.tooLarge(n, "response").Err()
		}
	case *winnowv1.ClassifyBatchResponse:
		for _, res := range r.GetResults() {
			s.fitResult(res)
		}
		if n := proto.Size(r); n > s.opts.MaxResponseBytes {
			return nil, s.tooLarge(n, "batch response").Err()
		}
	}
	return resp, nil
}

// fitStream is the response-size interceptor for streams: a stream
// response over the limit carries its error instead of its result.
func (s *Service) fitStream(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, next grpc.StreamHandler) error {
	return next(srv, fitStream{ServerStream: ss, s: s})
}

type fitStream struct {
	grpc.ServerStream
	s *Service
}

func (f fitStream) SendMsg(m any) error {
	if r, ok := m.(*winnowv1.ClassifyStreamResponse); ok {
		f.s.fitResult(r.GetResult())
	}
	return f.ServerStream.SendMsg(m)
}
