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
		// The codec sizes the response again to encode it: size it here
		// only when it might not fit.
		if sizeBound(r) <= s.opts.MaxResponseBytes {
			break
		}
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

// Widest encodings, for sizeBound: a field's tag takes at most 2 bytes
// (field numbers below 2048), a scalar at most 10 (a varint; fixed32 and
// fixed64 take 4 and 8), a length prefix at most 5.
const (
	boundScalar = 2 + 10
	boundBytes  = 2 + 5 // plus the bytes
)

// sizeBound returns at least proto.Size(r), from the lengths of its
// strings and the number of its blocks, without encoding anything.
// TestSizeBound checks it against proto.Size on a response with every
// field set to its widest value, and that it knows every field.
func sizeBound(r *winnowv1.ClassifyResponse) int {
	n := 7*boundBytes + len(r.DocumentId) + len(r.MainText) + len(r.Title) + len(r.LanguageCode) +
		len(r.ModelVersion) + len(r.Text) + len(r.Encoding) +
		4*boundScalar // mode, offset_encoding, page_kind, has_article
	if sm := r.Summary; sm != nil {
		n += boundBytes + 3*boundScalar + len(sm.CategoryCounts)*(boundBytes+2*boundScalar)
	}
	for _, b := range r.Blocks {
		n += boundBytes + 6*boundScalar + boundBytes + len(b.ElementPath)
		for _, e := range b.Explanation {
			n += boundBytes + boundBytes + len(e.Feature) + boundScalar
		}
	}
	return n
}
