package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
)

// BenchmarkClassify measures one 2 KB Persian text document (the head of
// the seed example) in-process through the service (conversion included)
// and over bufconn through the whole gRPC stack (codec, interceptors), so
// the difference is the server's overhead.
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
		for b.Loop() {
			if _, err := svc.Classify(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bufconn", func(b *testing.B) {
		c := winnowv1.NewClassifierServiceClient(start(b, server.Options{}))
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := c.Classify(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
}
