package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/logging"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// libraryLogging returns go-grpc-middleware's logging interceptors with
// the options this server gave them before it had its own (logUnary).
func libraryLogging(l *slog.Logger) (grpc.UnaryServerInterceptor, grpc.StreamServerInterceptor) {
	log := logging.LoggerFunc(func(ctx context.Context, lvl logging.Level, msg string, fields ...any) {
		l.Log(ctx, slog.Level(lvl), msg, fields...)
	})
	opts := []logging.Option{
		logging.WithLogOnEvents(logging.FinishCall),
		logging.WithLevels(func(c codes.Code) logging.Level { return logging.Level(codeToLevel(c)) }),
		logging.WithFieldsFromContext(func(ctx context.Context) logging.Fields {
			if c := Caller(ctx); c != "" {
				return logging.Fields{"caller", c}
			}
			return nil
		}),
	}
	return logging.UnaryServerInterceptor(log, opts...), logging.StreamServerInterceptor(log, opts...)
}

type testStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (t testStream) Context() context.Context { return t.ctx }

// records decodes JSON log lines, without the fields that hold the time.
func records(t *testing.T, b *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "time")
		delete(m, "grpc.time_ms")
		delete(m, "grpc.start_time")
		out = append(out, m)
	}
	return out
}

// keys returns the keys of a JSON log line in order.
func keys(t *testing.T, line string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	var ks []string
	dec.Token()
	for dec.More() {
		k, _ := dec.Token()
		ks = append(ks, k.(string))
		var v any
		dec.Decode(&v)
	}
	return ks
}

// TestLogRecordsUnchanged: the server's logging interceptor writes the
// records go-grpc-middleware's did (same message, level, fields and field
// order), and nothing when the level is off.
func TestLogRecordsUnchanged(t *testing.T) {
	deadline, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Hour))
	defer cancel()
	withPeer := peer.NewContext(deadline, &peer.Peer{Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 4242}})
	withCaller := context.WithValue(withPeer, callerKey{}, "cms")
	errBad := status.Error(codes.InvalidArgument, "bad document")
	for _, level := range []slog.Level{slog.LevelDebug, slog.LevelInfo, slog.LevelError} {
		for _, tc := range []struct {
			name string
			ctx  context.Context
			err  error
		}{
			{"ok", withCaller, nil},
			{"ok-anonymous", context.Background(), nil},
			{"invalid", withCaller, errBad},
			{"internal", withPeer, status.Error(codes.Internal, "boom")},
			{"plain-error", metadata.NewIncomingContext(withPeer, nil), errors.New("plain")},
			{"eof", withPeer, io.EOF},
		} {
			var old, cur bytes.Buffer
			oldLog := slog.New(slog.NewJSONHandler(&old, &slog.HandlerOptions{Level: level}))
			s := &Service{opts: Options{Logger: slog.New(slog.NewJSONHandler(&cur, &slog.HandlerOptions{Level: level}))}}
			oldUnary, oldStream := libraryLogging(oldLog)
			handler := func(context.Context, any) (any, error) { return "resp", tc.err }
			uinfo := &grpc.UnaryServerInfo{FullMethod: "/winnow.v1.ClassifierService/Classify"}
			r1, e1 := oldUnary(tc.ctx, "req", uinfo, handler)
			r2, e2 := s.logUnary(tc.ctx, "req", uinfo, handler)
			if r1 != r2 || e1 != e2 {
				t.Errorf("%s: returns (%v, %v), want (%v, %v)", tc.name, r2, e2, r1, e1)
			}
			sinfo := &grpc.StreamServerInfo{FullMethod: "/winnow.v1.ClassifierService/ClassifyStream", IsClientStream: true, IsServerStream: true}
			shandler := func(any, grpc.ServerStream) error { return tc.err }
			ss := testStream{ctx: tc.ctx}
			if e1, e2 := oldStream(nil, ss, sinfo, shandler), s.logStream(nil, ss, sinfo, shandler); e1 != e2 {
				t.Errorf("%s stream: returns %v, want %v", tc.name, e2, e1)
			}
			if level == slog.LevelDebug && strings.Count(old.String(), "\n") != 2 {
				t.Errorf("%s: library wrote %q, want two records at debug level", tc.name, old.String())
			}
			if old.Len() == 0 && cur.Len() == 0 {
				continue
			}
			if got, want := records(t, &cur), records(t, &old); !reflect.DeepEqual(got, want) {
				t.Errorf("level %v, %s:\n got %v\nwant %v", level, tc.name, got, want)
			}
			oldLines, curLines := strings.Split(old.String(), "\n"), strings.Split(cur.String(), "\n")
			for i := range min(len(oldLines), len(curLines)) {
				if oldLines[i] == "" {
					continue
				}
				if got, want := keys(t, curLines[i]), keys(t, oldLines[i]); !reflect.DeepEqual(got, want) {
					t.Errorf("level %v, %s: keys %v, want %v", level, tc.name, got, want)
				}
			}
		}
	}
}
