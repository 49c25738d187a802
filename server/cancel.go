package server

import (
	"context"

	"google.golang.org/grpc"
)

// contextUnary is the interceptor that reports a call's real end: when
// its context was cancelled or its deadline passed, the call ends with
// CANCELLED or DEADLINE_EXCEEDED even if the handler finished its work
// (the client is gone and never sees the response), so the log and the
// metrics show what happened instead of OK.
func contextUnary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
	resp, err := next(ctx, req)
	if err == nil && ctx.Err() != nil {
		return nil, Status(ctx.Err()).Err()
	}
	return resp, err
}

// contextStream is contextUnary for streams.
func contextStream(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, next grpc.StreamHandler) error {
	err := next(srv, ss)
	if err == nil && ss.Context().Err() != nil {
		return Status(ss.Context().Err()).Err()
	}
	return err
}
