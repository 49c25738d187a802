package server_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"syscall"
	"testing"

	"google.golang.org/grpc/metadata"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
)

// BenchmarkClassify measures one 2 KB Persian text document (the head of
// the seed example) in-process through the service (conversion included)
// and over bufconn through the whole gRPC stack (codec, interceptors), so
// the difference is the server's overhead. "winnowd" is bufconn with the
// options winnowd runs with under bench/load.sh (bearer tokens, metrics,
// a 1 GiB admission budget, a 4 MiB response limit, a warn-level logger),
// and "winnowd-parallel" the same with 8 calls in flight on one
// connection per GOMAXPROCS, as ghz sends them. Both report the process's
// CPU time per call (cpu-ns/op: client and server, both in this process),
// which other processes on the machine hardly move.
func BenchmarkClassify(b *testing.B) {
	data := seed(b)[:2048]
	req := &winnowv1.ClassifyRequest{Document: text("b", strings.ToValidUTF8(string(data), ""))}
	cls, err := classifier.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("service", func(b *testing.B) {
		svc := server.New(cls, server.Options{})
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := svc.Classify(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bufconn", func(b *testing.B) {
		c := winnowv1.NewClassifierServiceClient(start(b, server.Options{}))
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Classify(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
	winnowd := func(b *testing.B) (winnowv1.ClassifierServiceClient, context.Context) {
		tok, err := server.ParseTokens(strings.NewReader(fmt.Sprintf("load %x\n", sha256.Sum256([]byte("bench-token")))))
		if err != nil {
			b.Fatal(err)
		}
		conn := start(b, server.Options{
			Tokens:           tok,
			Metrics:          server.NewMetrics(),
			MaxMemoryBytes:   1 << 30,
			MaxResponseBytes: 4 << 20,
			Logger:           slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn})),
		})
		ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer bench-token")
		return winnowv1.NewClassifierServiceClient(conn), ctx
	}
	b.Run("winnowd", func(b *testing.B) {
		c, ctx := winnowd(b)
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			if _, err := c.Classify(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	})
	b.Run("winnowd-parallel", func(b *testing.B) {
		c, ctx := winnowd(b)
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		b.SetParallelism(8)
		cpu := cpuTime()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := c.Classify(ctx, req); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	})
}

// cpuTime returns the user and system CPU time of the process so far in
// nanoseconds: per operation it moves little when other processes load
// the machine, unlike ns/op.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
