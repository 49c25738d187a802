package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors"
	"google.golang.org/grpc"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// logUnary is the logging interceptor: one "finished call" record per
// call, at the level of its code (codeToLevel), with the fields and in the
// order of go-grpc-middleware's logging interceptor with the options this
// server used to give it (FinishCall only, the caller from the context;
// TestLogRecordsUnchanged compares the two). Unlike that interceptor, it
// builds nothing before it knows the record will be written: a call costs
// a clock read, and the fields, the time formatting and the peer address
// are built only when the logger is enabled at the call's level (an
// info-level server logs no OK call).
func (s *Service) logUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
	start := time.Now()
	resp, err := next(ctx, req)
	s.logFinished(ctx, info.FullMethod, interceptors.Unary, start, err)
	return resp, err
}

// logStream is logUnary for streams.
func (s *Service) logStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, next grpc.StreamHandler) error {
	start := time.Now()
	err := next(srv, ss)
	typ := interceptors.NewServerCallMeta(info.FullMethod, info, nil).Typ
	s.logFinished(ss.Context(), info.FullMethod, typ, start, err)
	return err
}

// logFinished writes the record of a call to method that started at
// start and ended with err, if the logger takes its level.
func (s *Service) logFinished(ctx context.Context, method string, typ interceptors.GRPCType, start time.Time, err error) {
	if errors.Is(err, io.EOF) {
		err = nil
	}
	code := status.Code(err)
	lvl := codeToLevel(code)
	if !s.opts.Logger.Enabled(ctx, lvl) {
		return
	}
	c := interceptors.NewServerCallMeta(method, nil, nil)
	fields := make([]any, 0, 24)
	if name := Caller(ctx); name != "" {
		fields = append(fields, "caller", name)
	}
	fields = append(fields, "protocol", "grpc", "grpc.component", "server",
		"grpc.service", c.Service, "grpc.method", c.Method, "grpc.method_type", string(typ))
	if p, ok := peer.FromContext(ctx); ok {
		fields = append(fields, "peer.address", p.Addr.String())
	}
	fields = append(fields, "grpc.start_time", start.Format(time.RFC3339))
	if d, ok := ctx.Deadline(); ok {
		fields = append(fields, "grpc.request.deadline", d.Format(time.RFC3339))
	}
	fields = append(fields, "grpc.code", code.String())
	if err != nil {
		fields = append(fields, "grpc.error", fmt.Sprintf("%v", err))
	}
	ms := float32(time.Since(start).Nanoseconds()/1000) / 1000
	fields = append(fields, "grpc.time_ms", fmt.Sprintf("%v", ms))
	s.opts.Logger.Log(ctx, lvl, "finished call", fields...)
}
