package server_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/server"
)

func TestCode(t *testing.T) {
	for _, tc := range []struct {
		kind classifier.Kind
		code codes.Code
	}{
		{classifier.KindInvalid, codes.InvalidArgument},
		{classifier.KindTooLarge, codes.InvalidArgument},
		{classifier.KindUnsupported, codes.InvalidArgument},
		{classifier.KindCanceled, codes.Canceled},
		{classifier.KindOther, codes.Internal},
	} {
		t.Run(tc.kind.String(), func(t *testing.T) {
			if got := server.Code(tc.kind); got != tc.code {
				t.Errorf("Code(%v) = %v, want %v", tc.kind, got, tc.code)
			}
		})
	}
}

func TestStatus(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		code   codes.Code
		reason string
		field  string
	}{
		{"nil", nil, codes.OK, "", ""},
		{"invalid", &classifier.Error{Op: "classify", Kind: classifier.KindInvalid, Field: "document", Err: errors.New("empty")}, codes.InvalidArgument, "INVALID_INPUT", "document"},
		{"too-large", &classifier.Error{Op: "classify", Kind: classifier.KindTooLarge, Field: "document", Err: errors.New("big")}, codes.InvalidArgument, "DOCUMENT_TOO_LARGE", "document"},
		{"unsupported", &classifier.Error{Op: "decode", Kind: classifier.KindUnsupported, Field: "document", Err: errors.New("charset")}, codes.InvalidArgument, "UNSUPPORTED_INPUT", "document"},
		{"wrapped", fmt.Errorf("outer: %w", &classifier.Error{Op: "classify", Kind: classifier.KindInvalid, Field: "options.threshold"}), codes.InvalidArgument, "INVALID_INPUT", "options.threshold"},
		{"canceled", &classifier.Error{Op: "classify", Kind: classifier.KindCanceled, Err: context.Canceled}, codes.Canceled, "CANCELLED", ""},
		{"deadline", &classifier.Error{Op: "classify", Kind: classifier.KindCanceled, Err: context.DeadlineExceeded}, codes.DeadlineExceeded, "CANCELLED", ""},
		{"bare-context", context.Canceled, codes.Canceled, "CANCELLED", ""},
		{"other", errors.New("boom"), codes.Internal, "INTERNAL", ""},
		{"already-status", status.Error(codes.Unavailable, "down"), codes.Unavailable, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := server.Status(tc.err)
			if s.Code() != tc.code {
				t.Fatalf("code = %v, want %v", s.Code(), tc.code)
			}
			var reason, field string
			for _, d := range s.Details() {
				switch d := d.(type) {
				case *errdetails.ErrorInfo:
					reason = d.GetReason()
				case *errdetails.BadRequest:
					field = d.GetFieldViolations()[0].GetField()
				}
			}
			if reason != tc.reason || field != tc.field {
				t.Errorf("reason %q field %q, want %q %q", reason, field, tc.reason, tc.field)
			}
		})
	}
}
