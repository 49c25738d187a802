package server_test

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/winnowhq/winnow/server"
)

// TestGatewayProduction: the production interceptors of NewGRPCServer —
// bearer tokens, the admission budget, the response limit and the
// Prometheus metrics — apply to HTTP requests as they do to gRPC calls,
// because the gateway's requests are gRPC calls through them.
func TestGatewayProduction(t *testing.T) {
	metrics := server.NewMetrics()
	base := startGateway(t, server.Options{
		Tokens:           tokenFile(t, "cms"),
		Metrics:          metrics,
		MaxMemoryBytes:   20 << 20,
		MaxResponseBytes: 100 << 10,
	}, server.GatewayOptions{})
	bearer := []string{"Authorization", "Bearer token-of-cms"}
	small := `{"document": {"text": "Headline\nA first paragraph of the article body."}}`
	statusOf := func(body []byte) rpcStatus {
		var st rpcStatus
		if err := json.Unmarshal(body, &st); err != nil {
			t.Fatalf("not a JSON status: %s", body)
		}
		return st
	}

	// auth: no token, a wrong token, the right one
	for _, h := range [][]string{nil, {"Authorization", "Bearer nope"}, {"Authorization", "Basic Y21zOng="}} {
		code, _, body := do(t, "POST", base+"/v1/classify", small, h...)
		if st := statusOf(body); code != 401 || codes.Code(st.Code) != codes.Unauthenticated {
			t.Errorf("auth %v: %d %s", h, code, body)
		}
	}
	if code, _, body := do(t, "POST", base+"/v1/classify", small, bearer...); code != 200 {
		t.Fatalf("with the token: %d %s", code, body)
	}
	if code, _, _ := do(t, "GET", base+"/v1/model", "", bearer...); code != 200 {
		t.Errorf("model with the token: %d", code)
	}

	// admission: a document over the whole budget is refused, 429
	big, _ := json.Marshal(map[string]any{"document": map[string]any{"text": strings.Repeat("word\n", 200_000)}})
	code, _, body := do(t, "POST", base+"/v1/classify", string(big), bearer...)
	if st := statusOf(body); code != 429 || codes.Code(st.Code) != codes.ResourceExhausted {
		t.Errorf("over the admission budget: %d %.300s", code, body)
	}

	// response limit: names omit_blocks; fits without blocks and text.
	// 8,000 blocks are over 100 KB whether or not the page model finds
	// an article in them (with none, the main text is empty).
	long, _ := json.Marshal(map[string]any{"document": map[string]any{"text": strings.Repeat("A sentence of the article body that goes on and on.\n", 8000)}})
	code, _, body = do(t, "POST", base+"/v1/classify", string(long), bearer...)
	if st := statusOf(body); code != 429 || codes.Code(st.Code) != codes.ResourceExhausted || !strings.Contains(st.Message, "omit_blocks") {
		t.Errorf("response over the limit: %d %.300s", code, body)
	}

	// metrics count the HTTP requests as Classify calls
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	m, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`grpc_server_handled_total{grpc_code="OK",grpc_method="Classify",grpc_service="winnow.v1.ClassifierService",grpc_type="unary"} 1`,
		`grpc_server_handled_total{grpc_code="Unauthenticated",grpc_method="Classify",grpc_service="winnow.v1.ClassifierService",grpc_type="unary"} 3`,
		`grpc_server_handled_total{grpc_code="OK",grpc_method="GetModel"`,
	} {
		if !strings.Contains(string(m), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
