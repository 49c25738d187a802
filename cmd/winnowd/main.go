// Command winnowd serves Winnow's classifier over gRPC
// (winnow.v1.ClassifierService, winnow.v1.AdminService, grpc.health.v1
// and server reflection).
//
// Usage:
//
//	winnowd [--listen 127.0.0.1:7390] [--model FILE] [--max-memory 1GiB]
//	        [--max-recv-bytes N] [--max-response-bytes N] [--max-document-bytes N]
//	        [--max-batch N] [--concurrency N] [--max-streams N]
//	        [--tls-cert FILE --tls-key FILE [--client-ca FILE]] [--auth-tokens FILE]
//	        [--metrics-listen ADDR [--pprof]] [--keepalive-min-time D]
//	        [--log-level debug|info|warn|error] [--log-format text|json]
//	        [--shutdown-timeout D] [--drain-delay D] [--version] [--http-listen ADDR]
//
// Every flag can also be set from the environment: --max-memory is
// WINNOWD_MAX_MEMORY; the command line wins. docs/operations.md describes
// them all, the metrics, and the drain sequence.
//
// With --http-listen (off by default) it also serves HTTP/JSON on ADDR:
// POST /v1/classify, POST /v1/classify:batch, GET /v1/model (grpc-gateway,
// through the same interceptors and limits as gRPC), /openapi.json and the
// moderation view at /.
//
// Without --model it serves the model embedded in the binary. Health
// reports SERVING once the model is loaded and the listener is open. On
// SIGHUP it loads the model again and swaps it in (the old one keeps
// serving when that fails). On SIGINT or SIGTERM it reports NOT_SERVING,
// waits --drain-delay, stops accepting connections, lets running calls
// finish for up to --shutdown-timeout, then cancels what is left and
// exits. Logs go to stderr; document bodies and tokens are never logged.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"google.golang.org/grpc"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/internal/modelload"
	"github.com/winnowhq/winnow/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	code := run(ctx, os.Args[1:], hup, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// version returns the module version and VCS revision winnowd was built
// from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v += " " + s.Value[:min(len(s.Value), 12)]
		case "vcs.modified":
			if s.Value == "true" {
				v += "+dirty"
			}
		}
	}
	return v + " " + bi.GoVersion
}

// run is the whole program: it serves until ctx is done and returns the
// exit code (0 after a clean stop, 1 for usage errors, 2 for a bad model
// file, 3 when the server cannot listen or fails). Every value on hup
// reloads the model.
func run(ctx context.Context, args []string, hup <-chan os.Signal, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("winnowd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:7390", "`address` to listen on (host:port)")
	modelFile := fs.String("model", "", "model `file` to serve (default: the embedded model); SIGHUP reads it again")
	maxRecvB, maxRespB, maxDocB := byteSize(server.DefaultMaxRecvMsgBytes), byteSize(4<<20), byteSize(classifier.DefaultMaxDocumentBytes)
	fs.Var(&maxRecvB, "max-recv-bytes", "largest request message (`size`: bytes, or with a KiB/MiB/GiB suffix)")
	fs.Var(&maxRespB, "max-response-bytes", "largest response message (`size`; the gRPC default receive limit of clients; raise it for clients that accept more)")
	fs.Var(&maxDocB, "max-document-bytes", "largest document (`size`)")
	maxBatch := fs.Int("max-batch", server.DefaultMaxBatchDocuments, "most documents per ClassifyBatch call")
	conc := fs.Int("concurrency", 0, "documents classified at once per batch or stream (0: GOMAXPROCS)")
	maxMem := byteSize(1 << 30)
	fs.Var(&maxMem, "max-memory", "admission budget: estimated memory of the documents being classified at once (`size`, e.g. 512MiB; 0: unbounded)")
	maxStreams := fs.Uint("max-streams", 64, "most concurrent calls per client connection")
	tlsCert := fs.String("tls-cert", "", "TLS certificate `file` (PEM); with --tls-key, serve TLS")
	tlsKey := fs.String("tls-key", "", "TLS private key `file` (PEM)")
	clientCA := fs.String("client-ca", "", "CA certificate `file` (PEM): require client certificates signed by it (mutual TLS)")
	tokensFile := fs.String("auth-tokens", "", "`file` of callers and the SHA-256 of their bearer tokens, one \"name hexsha256\" per line; required on every call but health and reflection")
	metricsAddr := fs.String("metrics-listen", "", "`address` to serve Prometheus /metrics on (default: off)")
	withPprof := fs.Bool("pprof", false, "serve /debug/pprof/ on the --metrics-listen address")
	kaMin := fs.Duration("keepalive-min-time", 10*time.Second, "clients pinging more often than this are disconnected")
	level := fs.String("log-level", "info", "log `level`: debug, info, warn or error (successful calls log at debug)")
	format := fs.String("log-format", "text", "log `format`: text or json")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "how long running calls may take to finish on shutdown before they are cancelled")
	httpListen := fs.String("http-listen", "", "also serve HTTP/JSON, /openapi.json and the moderation view on `address` (host:port, e.g. 127.0.0.1:7391; empty: off)")
	drainDelay := fs.Duration("drain-delay", 0, "on shutdown, how long to report NOT_SERVING before refusing new connections (let load balancers notice)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := setFromEnv(fs, environ()); err != nil {
		fmt.Fprintf(stderr, "winnowd: %v\n", err)
		return 1
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 1
	}
	if *showVersion {
		fmt.Fprintln(stdout, "winnowd", version())
		return 0
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
	maxRecv, maxResp, maxDoc := new(int(min(maxRecvB, 1<<31-1))), new(int(min(maxRespB, 1<<31-1))), new(int(min(maxDocB, 1<<31-1)))
	if *maxRecv <= 0 || *maxResp <= 0 || *maxDoc <= 0 || *maxBatch <= 0 || *conc < 0 {
		fmt.Fprintln(stderr, "winnowd: --max-recv-bytes, --max-response-bytes, --max-document-bytes and --max-batch must be positive, --concurrency not negative")
		return 1
	}
	if *withPprof && *metricsAddr == "" {
		fmt.Fprintln(stderr, "winnowd: --pprof needs --metrics-listen (pprof is never served on the gRPC port)")
		return 1
	}
	hopts := &slog.HandlerOptions{Level: lvl}
	var log *slog.Logger
	switch *format {
	case "text":
		log = slog.New(slog.NewTextHandler(stderr, hopts))
	case "json":
		log = slog.New(slog.NewJSONHandler(stderr, hopts))
	default:
		fmt.Fprintf(stderr, "winnowd: --log-format %q: want text or json\n", *format)
		return 1
	}
	tlsCfg, err := tlsConfig(*tlsCert, *tlsKey, *clientCA)
	creds := tlsOption(tlsCfg)
	if err != nil {
		fmt.Fprintf(stderr, "winnowd: %v\n", err)
		return 1
	}
	var tokens *server.Tokens
	if *tokensFile != "" {
		f, err := os.Open(*tokensFile)
		if err == nil {
			tokens, err = server.ParseTokens(f)
			f.Close()
		}
		if err != nil {
			fmt.Fprintf(stderr, "winnowd: --auth-tokens: %v\n", err)
			return 1
		}
	}

	load := func() (*classifier.Classifier, error) { return modelload.Classifier(*modelFile) }
	cls, err := load()
	if err != nil {
		fmt.Fprintf(stderr, "winnowd: cannot load the model: %v\n", err)
		return 2
	}
	if maxMem > 0 && os.Getenv("GOMEMLIMIT") == "" {
		// Let the garbage collector work harder as the heap nears the
		// budget (a soft limit: the budget is what bounds the work).
		debug.SetMemoryLimit(int64(maxMem) + 256<<20)
	}
	var metrics *server.Metrics
	if *metricsAddr != "" {
		metrics = server.NewMetrics()
	}
	svc := server.New(cls, server.Options{
		MaxRecvMsgBytes:   *maxRecv,
		MaxResponseBytes:  *maxResp,
		MaxDocumentBytes:  *maxDoc,
		MaxBatchDocuments: *maxBatch,
		Concurrency:       *conc,
		MaxMemoryBytes:    int64(maxMem),
		Tokens:            tokens,
		Metrics:           metrics,
		Load:              load,
		Logger:            log,
	})
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "winnowd: cannot listen on %s: %v (is another winnowd running? pick another --listen address)\n", *listen, err)
		return 3
	}
	extra := append(keepaliveOptions(*kaMin), grpc.MaxConcurrentStreams(uint32(*maxStreams)))
	if creds != nil {
		extra = append(extra, creds)
	}
	gs, hs := server.NewGRPCServer(svc, extra...)
	var hsrv *http.Server
	httpErr := make(chan error, 1)
	if metrics != nil {
		mlis, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			lis.Close()
			fmt.Fprintf(stderr, "winnowd: cannot listen on --metrics-listen %s: %v\n", *metricsAddr, err)
			return 3
		}
		hsrv = metricsServer(metrics, *withPprof)
		go func() { httpErr <- hsrv.Serve(mlis) }()
		log.Info("metrics", "addr", mlis.Addr().String(), "pprof", *withPprof)
	}
	info := cls.Info()
	log.Info("serving", "addr", lis.Addr().String(), "version", version(), "model", info.Version,
		"fingerprint", info.ContentSHA256[:min(16, len(info.ContentSHA256))], "tls", creds != nil, "mtls", *clientCA != "",
		"auth", tokens != nil, "max_memory", int64(maxMem), "max_recv_bytes", *maxRecv, "max_response_bytes", *maxResp,
		"max_document_bytes", *maxDoc, "max_batch", *maxBatch)

	serveErr := make(chan error, 2)
	stopHTTP := func(context.Context) {}
	if *httpListen != "" {
		if stopHTTP, err = startHTTP(*httpListen, svc, tlsCfg, log, serveErr); err != nil {
			fmt.Fprintf(stderr, "winnowd: %v\n", err)
			return 3
		}
	}
	go func() { serveErr <- gs.Serve(lis) }()
loop:
	for {
		select {
		case err := <-serveErr:
			log.Error("server failed", "err", err)
			return 3
		case err := <-httpErr:
			log.Error("metrics server failed", "err", err)
			gs.Stop()
			return 3
		case <-hup:
			svc.Reload()
		case <-ctx.Done():
			break loop
		}
	}
	start := time.Now()
	log.Info("draining: health NOT_SERVING", "drain_delay", drainDelay.String(), "timeout", grace.String())
	hs.Shutdown()
	if *drainDelay > 0 {
		time.Sleep(*drainDelay)
	}
	done := make(chan struct{})
	httpCtx, cancelHTTP := context.WithTimeout(context.Background(), *grace)
	defer cancelHTTP()
	go func() { stopHTTP(httpCtx); gs.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-time.After(*grace):
		used, n := int64(0), 0
		if b := svc.Budget(); b != nil {
			used, n = b.Used()
		}
		log.Warn("shutdown timeout passed; cancelling running calls", "documents_in_flight", n, "cost_in_flight", used)
		// Stop closes every connection (the clients of the running calls
		// see them fail) and cancels the calls' contexts. It does not wait
		// for their handlers, and neither does winnowd: their last steps
		// and the garbage collection of their memory would only cost CPU
		// past the timeout, for calls whose clients have already been
		// told. Exiting ends them.
		gs.Stop()
	}
	if hsrv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		hsrv.Shutdown(sctx)
		cancel()
	}
	log.Info("stopped", "drain", time.Since(start).Round(time.Millisecond).String())
	return 0
}
