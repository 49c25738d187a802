// Command winnowd serves Winnow's classifier over gRPC
// (winnow.v1.ClassifierService, grpc.health.v1 and server reflection).
//
// Usage:
//
//	winnowd [--listen 127.0.0.1:7390] [--model FILE] [--max-recv-bytes N]
//	        [--max-document-bytes N] [--max-batch N] [--concurrency N]
//	        [--log-level debug|info|warn|error] [--shutdown-timeout D]
//
// Without --model it serves the model embedded in the binary. Health
// reports SERVING once the model is loaded and the listener is open. On
// SIGINT or SIGTERM it reports NOT_SERVING, lets running calls finish for
// up to --shutdown-timeout, then stops. Logs go to stderr; document bodies
// are never logged.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/internal/modelload"
	"github.com/winnowhq/winnow/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program: it serves until ctx is done and returns the
// exit code (0 after a clean stop, 1 for usage errors, 2 for a bad model
// file, 3 when the server cannot listen or fails).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("winnowd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:7390", "`address` to listen on (host:port)")
	modelFile := fs.String("model", "", "model `file` to serve (default: the embedded model)")
	maxRecv := fs.Int("max-recv-bytes", server.DefaultMaxRecvMsgBytes, "largest request message in `bytes`")
	maxDoc := fs.Int("max-document-bytes", classifier.DefaultMaxDocumentBytes, "largest document in `bytes`")
	maxBatch := fs.Int("max-batch", server.DefaultMaxBatchDocuments, "most documents per ClassifyBatch call")
	conc := fs.Int("concurrency", 0, "documents classified at once per batch or stream (0: GOMAXPROCS)")
	level := fs.String("log-level", "info", "log `level`: debug, info, warn or error (successful calls log at debug)")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "how long running calls may take to finish on shutdown")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 1
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "winnowd: unexpected argument %q (all settings are flags; see winnowd -h)\n", fs.Arg(0))
		return 1
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(stderr, "winnowd: --log-level %q: want debug, info, warn or error\n", *level)
		return 1
	}
	if *maxRecv <= 0 || *maxDoc <= 0 || *maxBatch <= 0 || *conc < 0 {
		fmt.Fprintln(stderr, "winnowd: --max-recv-bytes, --max-document-bytes and --max-batch must be positive, --concurrency not negative")
		return 1
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: lvl}))

	cls, err := modelload.Classifier(*modelFile)
	if err != nil {
		fmt.Fprintf(stderr, "winnowd: cannot load the model: %v\n", err)
		return 2
	}
	svc := server.New(cls, server.Options{
		MaxRecvMsgBytes:   *maxRecv,
		MaxDocumentBytes:  *maxDoc,
		MaxBatchDocuments: *maxBatch,
		Concurrency:       *conc,
		Logger:            log,
	})
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "winnowd: cannot listen on %s: %v (is another winnowd running? pick another --listen address)\n", *listen, err)
		return 3
	}
	gs, hs := server.NewGRPCServer(svc)
	info := cls.Info()
	log.Info("serving", "addr", lis.Addr().String(), "model", info.Version, "fingerprint", info.Fingerprint,
		"max_recv_bytes", *maxRecv, "max_document_bytes", *maxDoc, "max_batch", *maxBatch)

	serveErr := make(chan error, 1)
	go func() { serveErr <- gs.Serve(lis) }()
	select {
	case err := <-serveErr:
		log.Error("server failed", "err", err)
		return 3
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", grace.String())
	hs.Shutdown()
	done := make(chan struct{})
	go func() { gs.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-time.After(*grace):
		log.Warn("shutdown timeout passed; cancelling running calls")
		gs.Stop()
		<-done
	}
	log.Info("stopped")
	return 0
}
