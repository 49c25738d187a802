package main

import (
	"context"
	"crypto/tls"
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
// failed. With tlsCfg (--tls-cert) it serves HTTPS with the gRPC
// listener's certificate and, with --client-ca, requires client
// certificates too. The returned stop closes the listener and waits, until
// ctx is done, for running requests.
func startHTTP(addr string, svc *server.Service, tlsCfg *tls.Config, log *slog.Logger, failed chan<- error) (stop func(context.Context), err error) {
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
	scheme := "http"
	if tlsCfg != nil {
		srv.TLSConfig = tlsCfg.Clone()
		scheme = "https"
	}
	log.Info("serving HTTP", "addr", lis.Addr().String(), "view", scheme+"://"+lis.Addr().String()+"/")
	go func() {
		serve := srv.Serve
		if tlsCfg != nil {
			serve = func(l net.Listener) error { return srv.ServeTLS(l, "", "") }
		}
		if err := serve(lis); !errors.Is(err, http.ErrServerClosed) {
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
