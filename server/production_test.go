package server_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
)

// TestInvalidUTF8: string fields that are not UTF-8 fail with
// INVALID_ARGUMENT naming the field (gRPC would make the codec's error
// INTERNAL), in Classify and per item in ClassifyBatch.
func TestInvalidUTF8(t *testing.T) {
	conn := start(t, server.Options{})
	for _, tc := range []struct {
		name  string
		field protowire.Number
		want  string
	}{
		{"text", 3, "document.text"},
		{"html", 2, "document.html"},
		{"id", 1, "document.id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc []byte
			if tc.field == 1 {
				doc = protowire.AppendString(protowire.AppendTag(doc, 3, protowire.BytesType), "fine text")
			}
			doc = protowire.AppendString(protowire.AppendTag(doc, tc.field, protowire.BytesType), "bad \xff\xfe bytes")
			req := protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), doc)
			var resp winnowv1.ClassifyResponse
			err := conn.Invoke(context.Background(), winnowv1.ClassifierService_Classify_FullMethodName, &req, &resp, grpc.ForceCodec(rawCodec{}))
			if status.Code(err) != codes.InvalidArgument || !contains(violations(err), tc.want) {
				t.Fatalf("err = %v, want InvalidArgument on %s", err, tc.want)
			}
			if !strings.Contains(status.Convert(err).Message(), "invalid UTF-8 at byte 4") {
				t.Errorf("message %q does not give the offset", status.Convert(err).Message())
			}
			good := protowire.AppendString(protowire.AppendTag(nil, 3, protowire.BytesType), "good text")
			var breq []byte
			breq = protowire.AppendBytes(protowire.AppendTag(breq, 1, protowire.BytesType), good)
			breq = protowire.AppendBytes(protowire.AppendTag(breq, 1, protowire.BytesType), doc)
			var bresp winnowv1.ClassifyBatchResponse
			if err := conn.Invoke(context.Background(), winnowv1.ClassifierService_ClassifyBatch_FullMethodName, &breq, &bresp, grpc.ForceCodec(rawCodec{})); err != nil {
				t.Fatal(err)
			}
			if bresp.GetResults()[0].GetError() != nil || codes.Code(bresp.GetResults()[1].GetError().GetCode()) != codes.InvalidArgument {
				t.Errorf("batch results: %v", bresp.GetResults())
			}
		})
	}
}

func TestNotTextRaw(t *testing.T) {
	c := winnowv1.NewClassifierServiceClient(start(t, server.Options{}))
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
	_, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: &winnowv1.Document{
		Content: &winnowv1.Document_Raw{Raw: &winnowv1.RawContent{Data: png}}}})
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "not text") {
		t.Fatalf("err = %v, want InvalidArgument: not text", err)
	}
}

func retryInfo(err error) *errdetails.RetryInfo {
	for _, d := range status.Convert(err).Details() {
		if ri, ok := d.(*errdetails.RetryInfo); ok {
			return ri
		}
	}
	return nil
}

func TestBudget(t *testing.T) {
	b := server.NewBudget(1000)
	r1, err := b.Acquire(600)
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Acquire(600)
	if status.Code(err) != codes.ResourceExhausted || retryInfo(err) == nil {
		t.Fatalf("over budget: %v, want RESOURCE_EXHAUSTED with RetryInfo", err)
	}
	_, err = b.Acquire(2000)
	if status.Code(err) != codes.ResourceExhausted || retryInfo(err) != nil || !strings.Contains(err.Error(), "--max-memory") {
		t.Fatalf("too expensive: %v, want RESOURCE_EXHAUSTED without RetryInfo naming --max-memory", err)
	}
	r1()
	r1() // a second release is a no-op
	if used, n := b.Used(); used != 0 || n != 0 {
		t.Fatalf("used %d by %d after release", used, n)
	}
	r2, err := b.Acquire(1000)
	if err != nil {
		t.Fatal(err)
	}
	r2()
}

func TestCostShapes(t *testing.T) {
	doc := func(c any) *winnowv1.Document {
		switch c := c.(type) {
		case *winnowv1.Document_Text:
			return &winnowv1.Document{Content: c}
		case *winnowv1.Document_Html:
			return &winnowv1.Document{Content: c}
		}
		return nil
	}
	// As many one-word lines as the block limit allows.
	n := classifier.MinBlockLimit * 5
	lines := server.Cost(doc(&winnowv1.Document_Text{Text: strings.Repeat("word\n", n/5)}), n)
	oneLine := server.Cost(doc(&winnowv1.Document_Text{Text: strings.Repeat("word ", n/5)}), n)
	tags := server.Cost(doc(&winnowv1.Document_Html{Html: strings.Repeat("<b>x</b>", n/8)}), n)
	if !(lines > 3*oneLine && tags > oneLine) {
		t.Errorf("costs per byte: lines %d, one line %d, tags %d", lines/int64(n), oneLine/int64(n), tags/int64(n))
	}
	// Over the limit, only the lines the limit allows are charged (the
	// document fails early with the limit's error).
	m := 4 << 20
	over := server.Cost(doc(&winnowv1.Document_Text{Text: strings.Repeat("word\n", m/5)}), m)
	if max := int64(m)*30 + int64(classifier.MaxBlocks(m)+1)*700; over > max {
		t.Errorf("4 MiB of one-word lines cost %d, want at most %d", over, max)
	}
}

// TestAdmission: with a budget too small for two big documents at once,
// the service refuses what does not fit with RESOURCE_EXHAUSTED, and a
// document over the whole budget is refused for good.
func TestAdmission(t *testing.T) {
	big := strings.Repeat("word\n", 200_000) // 1 MB, about 33 MB of cost
	c := winnowv1.NewClassifierServiceClient(start(t, server.Options{MaxMemoryBytes: 20 << 20}))
	_, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: text("big", big)})
	if status.Code(err) != codes.ResourceExhausted || retryInfo(err) != nil {
		t.Fatalf("err = %v, want RESOURCE_EXHAUSTED (too expensive)", err)
	}
	if _, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: text("small", "a small document\nof two lines")}); err != nil {
		t.Fatal(err)
	}
}

func TestResponseTooLarge(t *testing.T) {
	body := strings.Repeat("A sentence of the article body that goes on and on.\n", 4000) // ~200 KB
	c := winnowv1.NewClassifierServiceClient(start(t, server.Options{MaxResponseBytes: 100 << 10}))
	// 4,000 copies of one line do not look like an article to the page
	// model, which would empty the main text: keep it, so the response is
	// big
	keep := &winnowv1.ClassifyOptions{KeepContentWithoutArticle: true}
	_, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: text("a", body), Options: keep})
	if status.Code(err) != codes.ResourceExhausted || !strings.Contains(err.Error(), "omit_blocks") {
		t.Fatalf("err = %v, want RESOURCE_EXHAUSTED naming omit_blocks", err)
	}
	// Without blocks and main text the response fits.
	if _, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: text("a", body),
		Options: &winnowv1.ClassifyOptions{OmitBlocks: true, OmitMainText: true}}); err != nil {
		t.Fatal(err)
	}
	br, err := c.ClassifyBatch(context.Background(), &winnowv1.ClassifyBatchRequest{Documents: []*winnowv1.Document{text("small", "short text"), text("big", body)}, Options: keep})
	if err != nil {
		t.Fatal(err)
	}
	if br.GetResults()[0].GetError() != nil || codes.Code(br.GetResults()[1].GetError().GetCode()) != codes.ResourceExhausted {
		t.Errorf("batch: %v", br.GetResults())
	}
	st, err := c.ClassifyStream(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st.Send(&winnowv1.ClassifyStreamRequest{Document: text("big", body), Options: keep})
	st.CloseSend()
	r, err := st.Recv()
	if err != nil || codes.Code(r.GetResult().GetError().GetCode()) != codes.ResourceExhausted {
		t.Errorf("stream: %v %v", r, err)
	}
}

func tokenFile(t *testing.T, names ...string) *server.Tokens {
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s %x\n", n, sha256.Sum256([]byte("token-of-"+n)))
	}
	tok, err := server.ParseTokens(strings.NewReader("# callers\n\n" + b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestParseTokensErrors(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n", "name\n", "name nothex\n", fmt.Sprintf("a %x\nb %x\n", sha256.Sum256(nil), sha256.Sum256(nil))} {
		if _, err := server.ParseTokens(strings.NewReader(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestAuth(t *testing.T) {
	var logs syncWriter
	conn := start(t, server.Options{Tokens: tokenFile(t, "cms"), Logger: newLogger(&logs)})
	c := winnowv1.NewClassifierServiceClient(conn)
	req := &winnowv1.ClassifyRequest{Document: text("a", "some text")}
	for _, tc := range []struct {
		name, token string
		code        codes.Code
	}{
		{"none", "", codes.Unauthenticated},
		{"wrong", "token-of-someone", codes.Unauthenticated},
		{"right", "token-of-cms", codes.OK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.token != "" {
				ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tc.token)
			}
			if _, err := c.Classify(ctx, req); status.Code(err) != tc.code {
				t.Errorf("code %v, want %v", status.Code(err), tc.code)
			}
		})
	}
	if h, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{}); err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("health without a token: %v %v", h, err)
	}
	out := logs.String()
	if strings.Contains(out, "token-of") {
		t.Error("a token was logged")
	}
	if !strings.Contains(out, "caller=cms") || !strings.Contains(out, "unauthenticated call refused") {
		t.Errorf("logs do not name the caller or the refusal:\n%s", out)
	}
}

func TestReload(t *testing.T) {
	fail := errors.New("disk on fire")
	var next error
	load := func() (*classifier.Classifier, error) {
		if next != nil {
			return nil, next
		}
		return classifier.Default()
	}
	m := server.NewMetrics()
	conn := start(t, server.Options{Tokens: tokenFile(t, "ops"), Load: load, Metrics: m})
	admin := winnowv1.NewAdminServiceClient(conn)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer token-of-ops")
	if _, err := admin.ReloadModel(context.Background(), &winnowv1.ReloadModelRequest{}); status.Code(err) != codes.Unauthenticated {
		t.Errorf("reload without a token: %v", err)
	}
	r, err := admin.ReloadModel(ctx, &winnowv1.ReloadModelRequest{})
	if err != nil || r.GetVersion() == "" || len(r.GetContentSha256()) != 64 {
		t.Fatalf("reload: %v %v", r, err)
	}
	next = fail
	if _, err := admin.ReloadModel(ctx, &winnowv1.ReloadModelRequest{}); status.Code(err) != codes.FailedPrecondition || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("failed reload: %v", err)
	}
	c := winnowv1.NewClassifierServiceClient(conn)
	if _, err := c.Classify(ctx, &winnowv1.ClassifyRequest{Document: text("a", "still serving")}); err != nil {
		t.Errorf("after a failed reload: %v", err)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{`winnow_model_reloads_total{result="failed"} 1`, `winnow_model_reloads_total{result="ok"} 1`,
		`winnow_documents_total{mode="text",result="ok"} 1`, "winnow_model_info{", `grpc_server_handled_total{grpc_code="OK",grpc_method="Classify"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestAdminNeedsTokens(t *testing.T) {
	admin := winnowv1.NewAdminServiceClient(start(t, server.Options{Load: classifier.Default}))
	if _, err := admin.ReloadModel(context.Background(), &winnowv1.ReloadModelRequest{}); status.Code(err) != codes.PermissionDenied {
		t.Errorf("reload on a server without tokens: %v, want PERMISSION_DENIED", err)
	}
}

// syncWriter collects log output from concurrent calls.
type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
