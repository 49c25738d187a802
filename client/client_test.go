package client_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/winnowhq/winnow/client"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

func TestClient(t *testing.T) {
	addr, stop := startServer()
	defer stop()
	c, err := client.New(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()

	t.Run("get-model", func(t *testing.T) {
		m, err := c.GetModel(ctx)
		if err != nil || m.GetVersion() == "" {
			t.Fatalf("GetModel: %v %v", m, err)
		}
	})
	t.Run("raw-html", func(t *testing.T) {
		resp, err := c.Classify(ctx, client.Raw("r", []byte("<html><body><p>Hello there, reader.</p></body></html>"), ""), nil)
		if err != nil || resp.GetMode() != winnowv1.Mode_MODE_HTML {
			t.Fatalf("Classify raw HTML: mode %v, %v", resp.GetMode(), err)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		_, err := c.Classify(ctx, client.HTML("h", ""), nil)
		if status.Code(err) != codes.InvalidArgument {
			t.Fatalf("empty HTML: %v, want InvalidArgument", err)
		}
	})
	t.Run("stream", func(t *testing.T) {
		s, err := c.ClassifyStream(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{"a", "b", "c"}
		for _, id := range ids {
			body := "Some text for " + id
			if id == "b" {
				body = ""
			}
			if err := s.Send(client.Text(id, body), nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CloseSend(); err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			r, err := s.Recv()
			if errors.Is(err, io.EOF) {
				if i != len(ids) {
					t.Errorf("%d results, want %d", i, len(ids))
				}
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.GetDocumentId() != ids[i] || (client.ResultError(r) != nil) != (ids[i] == "b") {
				t.Errorf("result %d: id %q error %v", i, r.GetDocumentId(), client.ResultError(r))
			}
		}
	})
	t.Run("unavailable", func(t *testing.T) {
		bad, err := client.New("127.0.0.1:1")
		if err != nil {
			t.Fatal(err)
		}
		defer bad.Close()
		if _, err := bad.GetModel(ctx); status.Code(err) != codes.Unavailable {
			t.Errorf("GetModel on a closed port: %v, want Unavailable", err)
		}
	})
}
