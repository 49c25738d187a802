package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/winnowhq/winnow/server"
)

// startHTTP serves the HTTP/JSON gateway, /openapi.json and the
// moderation view on addr. Every API request is a gRPC call over an
// in-memory connection to a grpc.Server of its own built by
// server.NewGRPCServer for svc, so it passes the same interceptors and
// limits as the public listener's calls (they come from svc's options),
// without that listener's transport security. A serving failure is sent on
// failed. The returned stop closes the listener and waits, until ctx is
// done, for running requests.
func startHTTP(addr string, svc *server.Service, log *slog.Logger, failed chan<- error) (stop func(context.Context), err error) {
	gs, _ := server.NewGRPCServer(svc)
	gw, err := server.NewGateway(gs, server.GatewayOptions{MaxBodyBytes: int64(svc.Options().MaxRecvMsgBytes)})
	if err != nil {
		gs.Stop()
		return nil, err
	}
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		gw.Close()
		gs.Stop()
		return nil, fmt.Errorf("cannot listen on %s for HTTP: %w (pick another --http-listen address)", addr, err)
	}
	srv := &http.Server{
		Handler:           gw,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a whole body, up to --max-recv-bytes
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("serving HTTP", "addr", lis.Addr().String(), "view", "http://"+lis.Addr().String()+"/")
	go func() {
		if err := srv.Serve(lis); !errors.Is(err, http.ErrServerClosed) {
			failed <- err
		}
	}()
	return func(ctx context.Context) {
		if err := srv.Shutdown(ctx); err != nil {
			srv.Close()
		}
		gw.Close()
		gs.GracefulStop()
	}, nil
}
