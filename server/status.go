package server

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"

	"github.com/winnowhq/winnow/classifier"
)

// ErrorDomain is the google.rpc.ErrorInfo domain of Winnow's errors.
const ErrorDomain = "winnow.v1"

// Code returns the gRPC code for a classifier error kind. Bad input of any
// kind is the caller's to fix (INVALID_ARGUMENT, never retried);
// KindCanceled is CANCELLED (Status turns a passed deadline into
// DEADLINE_EXCEEDED); anything else is INTERNAL.
func Code(k classifier.Kind) codes.Code {
	switch k {
	case classifier.KindInvalid, classifier.KindTooLarge, classifier.KindUnsupported:
		return codes.InvalidArgument
	case classifier.KindCanceled:
		return codes.Canceled
	}
	return codes.Internal
}

// Reason returns the google.rpc.ErrorInfo reason for a classifier error
// kind, so clients can tell bad input apart without parsing messages.
func Reason(k classifier.Kind) string {
	switch k {
	case classifier.KindInvalid:
		return "INVALID_INPUT"
	case classifier.KindTooLarge:
		return "DOCUMENT_TOO_LARGE"
	case classifier.KindUnsupported:
		return "UNSUPPORTED_INPUT"
	case classifier.KindCanceled:
		return "CANCELLED"
	}
	return "INTERNAL"
}

// Status returns the gRPC status for err: nil for nil, err's own status when
// it already carries one, otherwise the status of its classifier.Kind
// ([Code]) with a google.rpc.ErrorInfo detail ([Reason]) and, for bad input
// with a known field, a google.rpc.BadRequest field violation. Context
// errors become CANCELLED or DEADLINE_EXCEEDED.
func Status(err error) *status.Status {
	if err == nil {
		return nil
	}
	var ce *classifier.Error
	isClassifier := errors.As(err, &ce)
	if !isClassifier {
		if s, ok := status.FromError(err); ok {
			return s
		}
	}
	kind := classifier.KindOf(err)
	code := Code(kind)
	if kind == classifier.KindCanceled && errors.Is(err, context.DeadlineExceeded) {
		code = codes.DeadlineExceeded
	}
	s := status.New(code, err.Error())
	details := []protoadapt.MessageV1{&errdetails.ErrorInfo{Reason: Reason(kind), Domain: ErrorDomain}}
	if code == codes.InvalidArgument && isClassifier && ce.Field != "" {
		desc := ce.Kind.String()
		if ce.Err != nil {
			desc = ce.Err.Error()
		}
		details = append(details, &errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: ce.Field, Description: desc},
		}})
	}
	if ds, err := s.WithDetails(details...); err == nil {
		s = ds
	}
	return s
}

// recovered logs a recovered panic with its stack and returns the INTERNAL
// error the caller sees (which does not include the panic value).
func (s *Service) recovered(ctx context.Context, p any) error {
	s.opts.Logger.ErrorContext(ctx, "recovered from panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	return status.Error(codes.Internal, "winnow: internal error (the server logged the details)")
}
