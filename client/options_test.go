package client_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/winnowhq/winnow/client"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/internal/testpki"
)

// fakeService answers GetModel by the script in fail: the first len(fail)
// calls fail with those errors, the next succeed. It records the
// authorization metadata of the last call.
type fakeService struct {
	winnowv1.UnimplementedClassifierServiceServer
	fail  []error
	calls atomic.Int32
	auth  atomic.Value
}

func (f *fakeService) GetModel(ctx context.Context, _ *winnowv1.GetModelRequest) (*winnowv1.GetModelResponse, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	f.auth.Store(md.Get("authorization"))
	n := int(f.calls.Add(1))
	if n <= len(f.fail) {
		return nil, f.fail[n-1]
	}
	return &winnowv1.GetModelResponse{Version: "fake"}, nil
}

func serveFake(t *testing.T, f *fakeService, opts ...grpc.ServerOption) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gs := grpc.NewServer(opts...)
	winnowv1.RegisterClassifierServiceServer(gs, f)
	go gs.Serve(lis)
	t.Cleanup(gs.Stop)
	return lis.Addr().String()
}

func busy(delay time.Duration) error {
	s, _ := status.New(codes.ResourceExhausted, "busy").WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(delay)})
	return s.Err()
}

func TestRetries(t *testing.T) {
	fast := client.Retry{MaxAttempts: 3, InitialBackoff: 5 * time.Millisecond, MaxBackoff: 200 * time.Millisecond}
	for _, tc := range []struct {
		name      string
		fail      []error
		retry     client.Retry
		wantCode  codes.Code
		wantCalls int32
		minTime   time.Duration
	}{
		{"unavailable-then-ok", []error{status.Error(codes.Unavailable, "down"), status.Error(codes.Unavailable, "down")}, fast, codes.OK, 3, 0},
		{"unavailable-too-often", []error{status.Error(codes.Unavailable, "down"), status.Error(codes.Unavailable, "down"), status.Error(codes.Unavailable, "down")}, fast, codes.Unavailable, 3, 0},
		{"retryinfo-honoured", []error{busy(60 * time.Millisecond), busy(60 * time.Millisecond)}, fast, codes.OK, 3, 120 * time.Millisecond},
		{"retryinfo-capped", []error{busy(time.Hour)}, fast, codes.OK, 2, 0},
		{"retryinfo-attempts-bounded", []error{busy(time.Millisecond), busy(time.Millisecond), busy(time.Millisecond)}, fast, codes.ResourceExhausted, 3, 0},
		{"exhausted-without-retryinfo", []error{status.Error(codes.ResourceExhausted, "too large")}, fast, codes.ResourceExhausted, 1, 0},
		{"invalid-not-retried", []error{status.Error(codes.InvalidArgument, "bad")}, fast, codes.InvalidArgument, 1, 0},
		{"no-retry", []error{status.Error(codes.Unavailable, "down")}, client.Retry{MaxAttempts: 1}, codes.Unavailable, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeService{fail: tc.fail}
			addr := serveFake(t, f)
			c, err := client.Open(addr, client.Options{Plaintext: true, Retry: tc.retry})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			start := time.Now()
			_, err = c.GetModel(context.Background())
			if status.Code(err) != tc.wantCode || f.calls.Load() != tc.wantCalls {
				t.Errorf("got %v after %d calls, want %v after %d", err, f.calls.Load(), tc.wantCode, tc.wantCalls)
			}
			if el := time.Since(start); el < tc.minTime || el > 5*time.Second {
				t.Errorf("took %v, want at least %v and well under the hour", el, tc.minTime)
			}
		})
	}
}

func TestOpenNeedsSecurityChoice(t *testing.T) {
	if _, err := client.Open("127.0.0.1:1", client.Options{}); err == nil {
		t.Error("Open with neither TLS nor Plaintext succeeded")
	}
	if _, err := client.Open("127.0.0.1:1", client.Options{Plaintext: true, TLS: &tls.Config{}}); err == nil {
		t.Error("Open with both TLS and Plaintext succeeded")
	}
	if _, err := client.Open("a:1,,b", client.Options{Plaintext: true}); err == nil {
		t.Error("a bad address list was accepted")
	}
}

// TestTokenAndMTLS serves over mutual TLS with a certificate made here and
// checks that the bearer token arrives.
func TestTokenAndMTLS(t *testing.T) {
	dir := t.TempDir()
	caCert, caKey := testpki.Cert(t, dir, "ca", nil, nil)
	testpki.Cert(t, dir, "server", caCert, caKey)
	testpki.Cert(t, dir, "client", caCert, caKey)
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	srvCert, err := tls.LoadX509KeyPair(filepath.Join(dir, "server.pem"), filepath.Join(dir, "server.key"))
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeService{}
	addr := serveFake(t, f, grpc.Creds(credentials.NewTLS(&tls.Config{
		Certificates: []tls.Certificate{srvCert},
		ClientCAs:    pool,
		ClientAuth:   tls.RequireAndVerifyClientCert,
	})))

	cfg, err := client.TLSConfig(filepath.Join(dir, "ca.pem"), filepath.Join(dir, "client.pem"), filepath.Join(dir, "client.key"), "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.Open(addr, client.Options{TLS: cfg, Token: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.GetModel(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := f.auth.Load().([]string); len(got) != 1 || got[0] != "Bearer s3cret" {
		t.Errorf("authorization %q, want [Bearer s3cret]", got)
	}

	// Without a client certificate the handshake fails.
	noCert, _ := client.TLSConfig(filepath.Join(dir, "ca.pem"), "", "", "")
	c2, err := client.Open(addr, client.Options{TLS: noCert, Retry: client.Retry{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := c2.GetModel(ctx); err == nil {
		t.Error("call without a client certificate succeeded")
	}
}
