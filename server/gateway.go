package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	winnowgw "github.com/winnowhq/winnow/gen/gateway/winnow/v1"
	"github.com/winnowhq/winnow/server/web"
)

// GatewayOptions configure a [Gateway]. The zero value is usable.
type GatewayOptions struct {
	// MaxBodyBytes bounds an HTTP request body; larger bodies fail with
	// 413 and RESOURCE_EXHAUSTED before any JSON is parsed. 0 means
	// DefaultMaxRecvMsgBytes (32 MiB), the gRPC message limit.
	MaxBodyBytes int64
	// DialOptions are added to the in-memory connection to the gRPC server,
	// e.g. transport credentials when the server requires TLS (the
	// connection never leaves the process). Without one it is insecure.
	DialOptions []grpc.DialOption
}

// Gateway serves winnow.v1.ClassifierService as HTTP/JSON (grpc-gateway v2,
// routes from proto/winnow/v1/classifier_gateway.yaml), the OpenAPI
// document and the moderation view:
//
//	POST /v1/classify        ClassifyRequest       → ClassifyResponse
//	POST /v1/classify:batch  ClassifyBatchRequest  → ClassifyBatchResponse
//	GET  /v1/model                                 → GetModelResponse
//	GET  /openapi.json       the OpenAPI 2 document of these routes
//	GET  /                   the moderation view (server/web)
//
// Every API call is a real gRPC call to the given grpc.Server over an
// in-memory connection (bufconn), so it passes the server's whole
// interceptor chain — recovery, logging, validation, and whatever limits,
// authentication, admission control or metrics the server has — and the
// server's message-size limit, exactly like a gRPC client's call. The HTTP
// Authorization header reaches the interceptors as "authorization"
// metadata; the client's address arrives as "x-forwarded-for" metadata
// (the gRPC peer is the in-memory pipe).
//
// JSON is the proto3 JSON mapping (protojson): lowerCamelCase field names
// (snake_case names are accepted on input), enums as names, zero values
// included in responses, and int64 fields — Block.start and Block.end —
// as decimal strings ("start": "308"), which proto3 JSON requires so that
// values above 2^53 survive; Number() or parseInt() reads them, and
// ClassifyOptions.offset_encoding picks their unit. Unknown request
// fields are rejected (400), so a misspelt option never goes unnoticed.
// Errors are google.rpc.Status as JSON — {"code", "message", "details"}
// with the same details as over gRPC, each with its "@type" — under the
// HTTP status of the gRPC code (400 INVALID_ARGUMENT, 401
// UNAUTHENTICATED, 429 RESOURCE_EXHAUSTED, 503 UNAVAILABLE, ...), except
// that a body over MaxBodyBytes is 413, an unknown path 404 and a wrong
// method 405.
type Gateway struct {
	handler http.Handler
	conn    *grpc.ClientConn
	maxBody int64
}

// NewGateway serves gs, which must have the ClassifierService registered,
// on an in-memory listener and returns a gateway calling it. gs.Stop or
// gs.GracefulStop stops that listener too; Close releases the connection.
// gs may be the server of the public listener, or (as winnowd does) a
// second server from [NewGRPCServer] for the same [Service]: it has the
// same interceptors, limits, authentication and metrics, since they come
// from the service's options, but not the public listener's transport
// credentials, which an in-memory connection does not need.
func NewGateway(gs *grpc.Server, opts GatewayOptions) (*Gateway, error) {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxRecvMsgBytes
	}
	lis := bufconn.Listen(256 << 10)
	go gs.Serve(lis) //nolint:errcheck // returns when gs stops
	dial := append([]grpc.DialOption{
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		// The server enforces its own receive limit; the client must not
		// cut responses (include_text of a 16 MiB document) short.
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(math.MaxInt32), grpc.MaxCallSendMsgSize(math.MaxInt32)),
	}, opts.DialOptions...)
	conn, err := grpc.NewClient("passthrough:///winnow-gateway", dial...)
	if err != nil {
		return nil, fmt.Errorf("gateway: %w", err)
	}
	mux := runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, &runtime.HTTPBodyMarshaler{Marshaler: jsonBody{&runtime.JSONPb{
			MarshalOptions:   protojson.MarshalOptions{EmitUnpopulated: true},
			UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
		}}}),
		runtime.WithRoutingErrorHandler(routingError),
	)
	if err := winnowgw.RegisterClassifierServiceHandler(context.Background(), mux, conn); err != nil {
		conn.Close()
		return nil, fmt.Errorf("gateway: %w", err)
	}
	g := &Gateway{conn: conn, maxBody: opts.MaxBodyBytes}
	root := http.NewServeMux()
	root.Handle("/v1/", g.limitBody(mux))
	root.Handle("GET /openapi.json", web.OpenAPIHandler())
	root.Handle("/", web.Handler())
	g.handler = root
	return g, nil
}

// ServeHTTP implements http.Handler.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) { g.handler.ServeHTTP(w, r) }

// Close closes the gateway's connection to the gRPC server.
func (g *Gateway) Close() error { return g.conn.Close() }

// jsonBody is the gateway's JSON marshaler with request bodies that fail to
// decode named as such: the decoder's own words ("unexpected EOF",
// "proto: syntax error (line 1:1): unexpected token null") say neither
// that the body is at fault nor what it should be.
type jsonBody struct{ runtime.Marshaler }

func (j jsonBody) NewDecoder(r io.Reader) runtime.Decoder {
	d := j.Marshaler.NewDecoder(r)
	return runtime.DecoderFunc(func(v any) error {
		err := d.Decode(v)
		if err == nil || err == io.EOF { // an empty body is an empty request
			return err
		}
		return bodyError(v, err)
	})
}

// bodyError words err, the failure to decode a request body into v.
func bodyError(v any, err error) error {
	want := "a JSON object"
	if m, ok := v.(proto.Message); ok {
		want = "a JSON " + string(m.ProtoReflect().Descriptor().Name())
	}
	// protobuf's errors start "proto:" and a space or, at random, a
	// no-break space (so that nobody matches their text)
	msg := err.Error()
	for _, p := range []string{"proto: ", "proto:\u00a0"} {
		msg = strings.TrimPrefix(msg, p)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) { // the body is cut short
		msg = "the JSON ends early"
	}
	return fmt.Errorf("request body: %s; send %s (see /openapi.json)", msg, want)
}

// routingError keeps the HTTP status of a routing failure (404 for an
// unknown path, 405 for a known path with the wrong method) instead of the
// gateway's default, which turns 405 into 501 UNIMPLEMENTED.
func routingError(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, httpStatus int) {
	code := codes.NotFound
	switch httpStatus {
	case http.StatusMethodNotAllowed:
		code = codes.Unimplemented
	case http.StatusBadRequest:
		code = codes.InvalidArgument
	}
	err := status.Errorf(code, "%s %s: %s (routes: POST /v1/classify, POST /v1/classify:batch, GET /v1/model)",
		r.Method, r.URL.Path, http.StatusText(httpStatus))
	runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, &runtime.HTTPStatusError{HTTPStatus: httpStatus, Err: err})
}

// limitBody reads the whole body up to the limit before the gateway sees
// it, so an oversized request is refused with 413 and a JSON status
// instead of failing half-way through decoding.
func (g *Gateway) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > g.maxBody {
			g.tooLarge(w, r)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, g.maxBody))
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				g.tooLarge(w, r)
				return
			}
			if err != nil {
				writeStatus(w, r, http.StatusBadRequest, status.Newf(codes.InvalidArgument, "cannot read the request body: %v", err))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

func (g *Gateway) tooLarge(w http.ResponseWriter, r *http.Request) {
	s := status.Newf(codes.ResourceExhausted,
		"winnow: the request body exceeds this server's limit of %d bytes; split the document or the batch", g.maxBody)
	if ds, err := s.WithDetails(&errdetails.ErrorInfo{Reason: "REQUEST_TOO_LARGE", Domain: ErrorDomain}); err == nil {
		s = ds
	}
	writeStatus(w, r, http.StatusRequestEntityTooLarge, s)
}

// writeStatus writes s as the gateway writes every error: google.rpc.Status
// as JSON.
func writeStatus(w http.ResponseWriter, r *http.Request, httpStatus int, s *status.Status) {
	mux := runtime.NewServeMux()
	_, m := runtime.MarshalerForRequest(mux, r)
	runtime.DefaultHTTPErrorHandler(r.Context(), mux, m, w, r, &runtime.HTTPStatusError{HTTPStatus: httpStatus, Err: s.Err()})
}
