package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/server"
	"github.com/winnowhq/winnow/server/web"
)

// startGateway serves a service with opts and its HTTP gateway on
// 127.0.0.1 and returns the gateway's base URL ("http://127.0.0.1:PORT").
func startGateway(t testing.TB, opts server.Options, gwOpts server.GatewayOptions, extra ...grpc.ServerOption) string {
	t.Helper()
	cls, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	gs, _ := server.NewGRPCServer(server.New(cls, opts), extra...)
	t.Cleanup(gs.Stop)
	gw, err := server.NewGateway(gs, gwOpts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gw.Close() })
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: gw}
	go srv.Serve(lis)
	t.Cleanup(func() { srv.Close() })
	return "http://" + lis.Addr().String()
}

// rpcStatus is google.rpc.Status as the gateway writes it.
type rpcStatus struct {
	Code    int32            `json:"code"`
	Message string           `json:"message"`
	Details []map[string]any `json:"details"`
}

func (s rpcStatus) detailTypes() []string {
	var out []string
	for _, d := range s.Details {
		out = append(out, strings.TrimPrefix(d["@type"].(string), "type.googleapis.com/"))
	}
	return out
}

func do(t testing.TB, method, url, body string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func seedRequest(t testing.TB, encoding string) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{
		"document": map[string]any{"id": "seed", "text": string(seed(t))},
		"options":  map[string]any{"includeText": true, "explain": true, "offsetEncoding": encoding},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type jsonBlock struct {
	Category string `json:"category"`
	Label    string `json:"label"`
	Start    string `json:"start"` // int64: a JSON string
	End      string `json:"end"`
}

type jsonResponse struct {
	DocumentID     string      `json:"documentId"`
	Text           string      `json:"text"`
	OffsetEncoding string      `json:"offsetEncoding"`
	Blocks         []jsonBlock `json:"blocks"`
	Summary        struct {
		BoilerplateShare float64 `json:"boilerplateShare"`
	} `json:"summary"`
}

func TestGatewayClassify(t *testing.T) {
	base := startGateway(t, server.Options{}, server.GatewayOptions{})
	code, hdr, body := do(t, "POST", base+"/v1/classify", seedRequest(t, "OFFSET_ENCODING_UTF16"))
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var resp jsonResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.DocumentID != "seed" || resp.OffsetEncoding != "OFFSET_ENCODING_UTF16" || resp.Text == "" {
		t.Errorf("documentId %q, offsetEncoding %q, text %d bytes", resp.DocumentID, resp.OffsetEncoding, len(resp.Text))
	}
	if !bytes.Contains(body, []byte(`"start":"`)) {
		t.Errorf("int64 offsets are not JSON strings (proto3 JSON mapping): %.300s", body)
	}
	cats := map[string]bool{}
	for _, b := range resp.Blocks {
		cats[b.Category] = true
	}
	for _, c := range []string{"CATEGORY_TITLE", "CATEGORY_BODY", "CATEGORY_SHARE", "CATEGORY_AD", "CATEGORY_RELATED"} {
		if !cats[c] {
			t.Errorf("no %s block in the seed's response (got %v)", c, cats)
		}
	}
	if s := resp.Summary.BoilerplateShare; s <= 0 || s >= 1 {
		t.Errorf("boilerplateShare %v", s)
	}
	// snake_case names are accepted too (protojson)
	code, _, body = do(t, "POST", base+"/v1/classify", `{"document": {"text": "Title\nBody text."}, "options": {"omit_blocks": true}}`)
	if code != http.StatusOK || !bytes.Contains(body, []byte(`"blocks":[]`)) {
		t.Errorf("snake_case options: %d %s", code, body)
	}
}

func TestGatewayBatchAndModel(t *testing.T) {
	base := startGateway(t, server.Options{}, server.GatewayOptions{})
	code, _, body := do(t, "POST", base+"/v1/classify:batch",
		`{"documents": [{"id": "a", "text": "Headline\nFirst paragraph."}, {"id": "b", "text": ""}], "options": {"omitMainText": true}}`)
	if code != http.StatusOK {
		t.Fatalf("batch: %d %s", code, body)
	}
	var batch struct {
		Results []struct {
			DocumentID string          `json:"documentId"`
			Response   *jsonResponse   `json:"response"`
			Error      *rpcStatus      `json:"error"`
			Raw        json.RawMessage `json:"-"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &batch); err != nil {
		t.Fatal(err)
	}
	if len(batch.Results) != 2 || batch.Results[0].Response == nil || batch.Results[1].Error == nil {
		t.Fatalf("batch results: %s", body)
	}
	if e := batch.Results[1].Error; e.Code != int32(codes.InvalidArgument) || !strings.Contains(strings.Join(e.detailTypes(), " "), "google.rpc.BadRequest") {
		t.Errorf("bad document's error: %+v", e)
	}

	code, _, body = do(t, "GET", base+"/v1/model", "")
	var m struct {
		Version          string  `json:"version"`
		DefaultThreshold float64 `json:"defaultThreshold"`
	}
	if err := json.Unmarshal(body, &m); code != http.StatusOK || err != nil || m.Version == "" || m.DefaultThreshold <= 0 {
		t.Errorf("model: %d %v %s", code, err, body)
	}
}

// TestGatewayErrors covers every error class of the HTTP API: each answer
// is a google.rpc.Status as JSON with the gRPC code, the HTTP status that
// code maps to, and the same details as over gRPC.
func TestGatewayErrors(t *testing.T) {
	base := startGateway(t, server.Options{MaxDocumentBytes: 1000, MaxBatchDocuments: 2}, server.GatewayOptions{MaxBodyBytes: 4000})
	tests := []struct {
		name, method, path, body string
		httpStatus               int
		code                     codes.Code
		details                  string // detail types, space separated
		message                  string // substring of the message
	}{
		{"empty document", "POST", "/v1/classify", `{"document": {"text": ""}}`, 400, codes.InvalidArgument,
			"google.rpc.ErrorInfo google.rpc.BadRequest", "document.text"},
		{"no content", "POST", "/v1/classify", `{"document": {"id": "x"}}`, 400, codes.InvalidArgument,
			"google.rpc.ErrorInfo google.rpc.BadRequest", "document.content"},
		{"option out of range", "POST", "/v1/classify", `{"document": {"text": "x"}, "options": {"threshold": 2}}`, 400, codes.InvalidArgument,
			"google.rpc.ErrorInfo google.rpc.BadRequest", "options.threshold"},
		{"unknown offset encoding", "POST", "/v1/classify", `{"document": {"text": "x"}, "options": {"offsetEncoding": "UTF7"}}`, 400, codes.InvalidArgument,
			"", "offsetEncoding"},
		{"document too large", "POST", "/v1/classify", `{"document": {"text": "` + strings.Repeat("a", 1500) + `"}}`, 400, codes.InvalidArgument,
			"google.rpc.ErrorInfo google.rpc.BadRequest", "1000"},
		{"body too large", "POST", "/v1/classify", `{"document": {"text": "` + strings.Repeat("a", 5000) + `"}}`, 413, codes.ResourceExhausted,
			"google.rpc.ErrorInfo", "4000 bytes"},
		{"too many documents", "POST", "/v1/classify:batch", `{"documents": [{"text": "a"}, {"text": "b"}, {"text": "c"}]}`, 400, codes.InvalidArgument,
			"google.rpc.ErrorInfo google.rpc.BadRequest", "batch limit of 2"},
		{"malformed JSON", "POST", "/v1/classify", `{"document": `, 400, codes.InvalidArgument, "", "request body: the JSON ends early; send a JSON ClassifyRequest"},
		{"not an object", "POST", "/v1/classify", `null`, 400, codes.InvalidArgument, "", "request body: syntax error (line 1:1): unexpected token null; send a JSON ClassifyRequest"},
		{"malformed batch", "POST", "/v1/classify:batch", `{"documents": [`, 400, codes.InvalidArgument, "", "send a JSON ClassifyBatchRequest"},
		{"unknown field", "POST", "/v1/classify", `{"document": {"text": "x"}, "optoins": {}}`, 400, codes.InvalidArgument, "", "request body: (line 1:29): unknown field \"optoins\""},
		{"two contents", "POST", "/v1/classify", `{"document": {"text": "x", "html": "<p>x</p>"}}`, 400, codes.InvalidArgument, "", "oneof"},
		{"route not found", "GET", "/v1/nothing", "", 404, codes.NotFound, "", "Not Found"},
		{"method not allowed", "GET", "/v1/classify", "", 405, codes.Unimplemented, "", "Method Not Allowed"},
		{"method not allowed on model", "DELETE", "/v1/model", "", 405, codes.Unimplemented, "", "Method Not Allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, hdr, body := do(t, tt.method, base+tt.path, tt.body)
			if code != tt.httpStatus {
				t.Errorf("HTTP status %d, want %d: %s", code, tt.httpStatus, body)
			}
			if ct := hdr.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var st rpcStatus
			if err := json.Unmarshal(body, &st); err != nil {
				t.Fatalf("not a JSON status: %v: %s", err, body)
			}
			if codes.Code(st.Code) != tt.code {
				t.Errorf("code %v, want %v (%s)", codes.Code(st.Code), tt.code, st.Message)
			}
			if got := strings.Join(st.detailTypes(), " "); got != tt.details {
				t.Errorf("details %q, want %q", got, tt.details)
			}
			if !strings.Contains(st.Message, tt.message) {
				t.Errorf("message %q lacks %q", st.Message, tt.message)
			}
		})
	}
}

// requireToken is a stand-in authentication interceptor: calls without
// "authorization: Bearer token" metadata fail with UNAUTHENTICATED.
func requireToken(token string) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		md, _ := metadata.FromIncomingContext(ctx)
		if got := md.Get("authorization"); len(got) != 1 || got[0] != "Bearer "+token {
			return nil, status.Error(codes.Unauthenticated, "missing or wrong bearer token")
		}
		return next(ctx, req)
	}
}

// TestGatewayInterceptors shows that HTTP requests are gRPC calls through
// the server's interceptor chain: an authentication interceptor added to
// the server applies to HTTP too (401 without the token, the HTTP
// Authorization header reaching it as metadata), and it sees every call.
func TestGatewayInterceptors(t *testing.T) {
	var calls atomic.Int64
	auth := requireToken("s3cret")
	count := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		calls.Add(1)
		return next(ctx, req)
	}
	base := startGateway(t, server.Options{}, server.GatewayOptions{}, grpc.ChainUnaryInterceptor(count, auth))
	req := `{"document": {"text": "Headline\nFirst paragraph."}}`
	code, hdr, body := do(t, "POST", base+"/v1/classify", req)
	var st rpcStatus
	json.Unmarshal(body, &st)
	if code != http.StatusUnauthorized || codes.Code(st.Code) != codes.Unauthenticated || hdr.Get("WWW-Authenticate") == "" {
		t.Errorf("no token: %d %v %s", code, hdr, body)
	}
	if code, _, body := do(t, "POST", base+"/v1/classify", req, "Authorization", "Bearer s3cret"); code != http.StatusOK {
		t.Errorf("with token: %d %s", code, body)
	}
	if code, _, _ := do(t, "GET", base+"/v1/model", "", "Authorization", "Bearer wrong"); code != http.StatusUnauthorized {
		t.Errorf("model with a wrong token: %d", code)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("interceptor saw %d calls, want 3", n)
	}
}

func TestGatewayViewAndOpenAPI(t *testing.T) {
	base := startGateway(t, server.Options{}, server.GatewayOptions{})
	code, hdr, body := do(t, "GET", base+"/", "")
	if code != http.StatusOK || !bytes.Contains(body, []byte(`<script src="app.js"`)) {
		t.Errorf("view: %d %.200s", code, body)
	}
	if csp := hdr.Get("Content-Security-Policy"); csp != web.CSP {
		t.Errorf("CSP %q", csp)
	}
	for _, p := range []string{"/app.js", "/app.css"} {
		if code, hdr, _ := do(t, "GET", base+p, ""); code != http.StatusOK || hdr.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: %d", p, code)
		}
	}
	if code, _, _ := do(t, "GET", base+"/index.htm", ""); code != http.StatusNotFound {
		t.Errorf("unknown file: %d, want 404", code)
	}
	if code, _, _ := do(t, "POST", base+"/", "x"); code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d, want 405", code)
	}
	code, hdr, body = do(t, "GET", base+"/openapi.json", "")
	var doc struct {
		Swagger string                    `json:"swagger"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); code != http.StatusOK || err != nil || hdr.Get("Content-Type") != "application/json" {
		t.Fatalf("openapi: %d %v %s", code, err, hdr.Get("Content-Type"))
	}
	for path, method := range map[string]string{"/v1/classify": "post", "/v1/classify:batch": "post", "/v1/model": "get"} {
		if doc.Paths[path][method] == nil {
			t.Errorf("OpenAPI lacks %s %s", method, path)
		}
	}
	if len(doc.Paths) != 3 {
		t.Errorf("OpenAPI paths %v, want 3", doc.Paths)
	}
}
