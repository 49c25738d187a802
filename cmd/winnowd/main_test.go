package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/winnowhq/winnow/client"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var addrRE = regexp.MustCompile(`msg=serving addr=(\S+)`)

func TestServeAndStop(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, exit, stderr := serve(ctx, t, []string{"--listen", "127.0.0.1:0", "--log-level", "debug"}, addrRE)
	c, err := client.New(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	h, err := healthpb.NewHealthClient(clientConn(t, addr)).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health: %v %v", h.GetStatus(), err)
	}
	if _, err := c.Classify(ctx, client.Text("secret-id", "secret body text that must not be logged"), nil); err != nil {
		t.Fatal(err)
	}
	cancel()
	if code := <-exit; code != 0 {
		t.Errorf("exit %d after cancel, want 0: %s", code, stderr.String())
	}
	logs := stderr.String()
	if bytes.Contains([]byte(logs), []byte("secret body")) {
		t.Error("the document body was logged")
	}
	if !regexp.MustCompile(`finished call`).MatchString(logs) || !regexp.MustCompile(`msg=stopped`).MatchString(logs) {
		t.Errorf("missing call or stop log lines:\n%s", logs)
	}
}

func TestRunErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	badModel := filepath.Join(t.TempDir(), "m.bin")
	if err := os.WriteFile(badModel, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"bad-flag", []string{"--nope"}, 1},
		{"extra-arg", []string{"serve"}, 1},
		{"bad-level", []string{"--log-level", "loud"}, 1},
		{"bad-limit", []string{"--max-batch", "0"}, 1},
		{"bad-model", []string{"--model", badModel}, 2},
		{"missing-model", []string{"--model", "/nonexistent/model.bin"}, 2},
		{"address-in-use", []string{"--listen", busy.Addr().String()}, 3},
		{"pprof-without-metrics", []string{"--pprof"}, 1},
		{"client-ca-without-cert", []string{"--client-ca", badModel}, 1},
		{"cert-without-key", []string{"--tls-cert", badModel}, 1},
		{"bad-cert", []string{"--tls-cert", badModel, "--tls-key", badModel}, 1},
		{"bad-log-format", []string{"--log-format", "xml"}, 1},
		{"bad-size", []string{"--max-memory", "lots"}, 1},
		{"bad-tokens", []string{"--auth-tokens", badModel}, 1},
		{"version", []string{"--version"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(context.Background(), tc.args, nil, io.Discard, &stderr); code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, stderr.String())
			}
		})
	}
}

func clientConn(t *testing.T, addr string) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func TestEnv(t *testing.T) {
	defer func(e func() []string) { environ = e }(environ)
	for _, tc := range []struct {
		name string
		env  []string
		code int
	}{
		{"unknown", []string{"WINNOWD_NO_SUCH_FLAG=1"}, 1},
		{"bad-value", []string{"WINNOWD_MAX_BATCH=many"}, 1},
		{"bad-limit", []string{"WINNOWD_MAX_BATCH=0"}, 1},
		{"flag-wins", []string{"WINNOWD_MAX_BATCH=0", "OTHER=1"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			environ = func() []string { return tc.env }
			var stderr bytes.Buffer
			args := []string{}
			if tc.code == 0 {
				args = []string{"--max-batch", "3", "--version"}
			}
			if code := run(context.Background(), args, nil, io.Discard, &stderr); code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, stderr.String())
			}
		})
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "512MiB": 512 << 20, "1GiB": 1 << 30, "1.5 GiB": 3 << 29, "2MB": 2e6, "0": 0} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("%q: %d %v, want %d", in, b, err, want)
		}
	}
}
