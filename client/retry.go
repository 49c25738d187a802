package client

import (
	"context"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// RetryDelay reports whether err is a RESOURCE_EXHAUSTED status carrying a
// google.rpc.RetryInfo detail, and the delay the server asked for. Such an
// error means "busy, come back later"; RESOURCE_EXHAUSTED without it (a
// request over the size limit) is not worth retrying.
func RetryDelay(err error) (time.Duration, bool) {
	s, ok := status.FromError(err)
	if !ok || s.Code() != codes.ResourceExhausted {
		return 0, false
	}
	for _, d := range s.Details() {
		if ri, ok := d.(*errdetails.RetryInfo); ok {
			delay := ri.GetRetryDelay().AsDuration()
			return max(delay, 0), true
		}
	}
	return 0, false
}

// retryInfoInterceptor retries unary calls that fail with
// RESOURCE_EXHAUSTED and a RetryInfo, after the server's delay (at most
// r.MaxBackoff), up to r.MaxAttempts attempts in all. It gives up at once
// when the delay would pass the call's deadline.
func retryInfoInterceptor(r Retry) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		for attempt := 1; ; attempt++ {
			err := invoker(ctx, method, req, reply, cc, opts...)
			delay, ok := RetryDelay(err)
			if !ok || attempt >= r.MaxAttempts {
				return err
			}
			delay = min(delay, r.MaxBackoff)
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
				return err
			}
			if !sleep(ctx, delay) {
				return err
			}
		}
	}
}

// sleep waits for d or until ctx is done, and reports whether it waited
// the whole time.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
