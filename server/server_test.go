package server_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
)

// seed returns the canonical Persian example, examples/seed-fa-news.txt at
// the repository root (go test runs in the package directory).
func seed(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// panicKey in a call's metadata makes the test interceptor panic.
const panicKey = "x-test-panic"

func panicky(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
	if md, _ := metadata.FromIncomingContext(ctx); len(md.Get(panicKey)) > 0 {
		panic("test panic")
	}
	return next(ctx, req)
}

// start serves a service with opts over bufconn and returns a connection.
func start(t testing.TB, opts server.Options) *grpc.ClientConn {
	t.Helper()
	cls, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	svc := server.New(cls, opts)
	gs, _ := server.NewGRPCServer(svc, grpc.ChainUnaryInterceptor(panicky))
	lis := bufconn.Listen(1 << 20)
	go gs.Serve(lis)
	t.Cleanup(gs.Stop)
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20), grpc.MaxCallSendMsgSize(64<<20)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func text(id, s string) *winnowv1.Document {
	return &winnowv1.Document{Id: id, Content: &winnowv1.Document_Text{Text: s}}
}

// checkOffsets verifies the offsets invariant: blocks are in order, do not
// overlap, lie inside text, and text[start:end] is the block's text.
func checkOffsets(t *testing.T, resp *winnowv1.ClassifyResponse) {
	t.Helper()
	txt := resp.GetText()
	var prev int64
	for i, b := range resp.GetBlocks() {
		if b.GetStart() < prev || b.GetStart() >= b.GetEnd() || b.GetEnd() > int64(len(txt)) {
			t.Fatalf("block %d: offsets [%d,%d) out of order or outside the %d-byte text (previous end %d)", i, b.GetStart(), b.GetEnd(), len(txt), prev)
		}
		prev = b.GetEnd()
		if b.GetScore() < 0 || b.GetScore() > 1 {
			t.Errorf("block %d: score %v outside [0,1]", i, b.GetScore())
		}
		if b.GetLabel() == winnowv1.Label_LABEL_UNSPECIFIED || b.GetCategory() == winnowv1.Category_CATEGORY_UNSPECIFIED {
			t.Errorf("block %d: unspecified label or category", i)
		}
	}
}

func TestClassifySeedOffsets(t *testing.T) {
	conn := start(t, server.Options{})
	c := winnowv1.NewClassifierServiceClient(conn)
	data := seed(t)
	for _, tc := range []struct {
		name string
		doc  *winnowv1.Document
	}{
		{"text", text("seed", string(data))},
		{"raw", &winnowv1.Document{Id: "seed", Content: &winnowv1.Document_Raw{Raw: &winnowv1.RawContent{Data: data, MediaType: "text/plain; charset=utf-8"}}}},
		{"raw-sniffed", &winnowv1.Document{Id: "seed", Content: &winnowv1.Document_Raw{Raw: &winnowv1.RawContent{Data: data}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{
				Document: tc.doc,
				Options:  &winnowv1.ClassifyOptions{IncludeText: true},
			})
			if err != nil {
				t.Fatal(err)
			}
			if resp.GetDocumentId() != "seed" {
				t.Errorf("document_id = %q, want seed", resp.GetDocumentId())
			}
			if resp.GetMode() != winnowv1.Mode_MODE_TEXT {
				t.Errorf("mode = %v, want MODE_TEXT", resp.GetMode())
			}
			// For text input the offset text is the input, byte for byte.
			if !bytes.Equal([]byte(resp.GetText()), data) {
				t.Fatalf("text differs from the input (%d vs %d bytes)", len(resp.GetText()), len(data))
			}
			if len(resp.GetBlocks()) == 0 {
				t.Fatal("no blocks")
			}
			checkOffsets(t, resp)
			// Every non-blank line of the input is covered by blocks.
			covered := make([]bool, len(data))
			for _, b := range resp.GetBlocks() {
				for i := b.GetStart(); i < b.GetEnd(); i++ {
					covered[i] = true
				}
			}
			for i, r := range string(data) {
				if !covered[i] && !strings.ContainsRune(" \t\r\n\u200c", r) {
					t.Fatalf("byte %d (%q) is in no block", i, r)
				}
			}
			var sum int32
			for _, cc := range resp.GetSummary().GetCategoryCounts() {
				sum += cc.GetCount()
			}
			if n := len(resp.GetSummary().GetCategoryCounts()); n != 10 {
				t.Errorf("%d category counts, want 10", n)
			}
			if int(sum) != len(resp.GetBlocks()) {
				t.Errorf("category counts sum to %d, want %d blocks", sum, len(resp.GetBlocks()))
			}
		})
	}
}

func TestClassifyOptions(t *testing.T) {
	conn := start(t, server.Options{})
	c := winnowv1.NewClassifierServiceClient(conn)
	doc := text("seed", string(seed(t)))
	t.Run("defaults", func(t *testing.T) {
		resp, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: doc})
		if err != nil {
			t.Fatal(err)
		}
		if resp.GetText() != "" || len(resp.GetBlocks()) == 0 || resp.GetMainText() == "" {
			t.Errorf("defaults: text %d bytes, %d blocks, main text %d bytes; want no text, blocks and main text",
				len(resp.GetText()), len(resp.GetBlocks()), len(resp.GetMainText()))
		}
	})
	t.Run("omit", func(t *testing.T) {
		resp, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: doc,
			Options: &winnowv1.ClassifyOptions{OmitBlocks: true, OmitMainText: true}})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.GetBlocks()) != 0 || resp.GetMainText() != "" || resp.GetSummary() == nil {
			t.Errorf("omit: %d blocks, main text %d bytes, summary %v", len(resp.GetBlocks()), len(resp.GetMainText()), resp.GetSummary())
		}
	})
	t.Run("threshold-extremes", func(t *testing.T) {
		for _, tc := range []struct {
			threshold float32
			want      winnowv1.Label
		}{{0, winnowv1.Label_LABEL_CONTENT}, {1, winnowv1.Label_LABEL_BOILERPLATE}} {
			th := tc.threshold
			resp, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: doc,
				Options: &winnowv1.ClassifyOptions{Threshold: &th}})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range resp.GetBlocks() {
				p := b.GetContentProbability()
				if p > 0 && p < 1 && b.GetLabel() != tc.want {
					t.Errorf("threshold %v: block with content probability %v labelled %v", th, p, b.GetLabel())
				}
			}
		}
	})
	t.Run("html", func(t *testing.T) {
		html := "<html><head><title>T</title></head><body><h1>Headline of the day</h1><p>" +
			strings.Repeat("A long paragraph of article text. ", 10) + "</p><nav><a href=/>Home</a></nav></body></html>"
		resp, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{
			Document: &winnowv1.Document{Id: "h", Content: &winnowv1.Document_Html{Html: html}},
			Options:  &winnowv1.ClassifyOptions{IncludeText: true, Explain: true}})
		if err != nil {
			t.Fatal(err)
		}
		if resp.GetMode() != winnowv1.Mode_MODE_HTML {
			t.Errorf("mode = %v, want MODE_HTML", resp.GetMode())
		}
		checkOffsets(t, resp)
	})
	t.Run("deterministic", func(t *testing.T) {
		req := &winnowv1.ClassifyRequest{Document: doc, Options: &winnowv1.ClassifyOptions{IncludeText: true, Explain: true}}
		var outs [][]byte
		for range 3 {
			resp, err := c.Classify(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			b, err := proto.MarshalOptions{Deterministic: true}.Marshal(resp)
			if err != nil {
				t.Fatal(err)
			}
			outs = append(outs, b)
		}
		if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[0], outs[2]) {
			t.Error("the same request gave different responses")
		}
	})
}

// violations returns the BadRequest field names of err's status.
func violations(err error) []string {
	var fields []string
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				fields = append(fields, v.GetField())
			}
		}
	}
	return fields
}

func ptr[T any](v T) *T { return &v }

func TestClassifyErrors(t *testing.T) {
	conn := start(t, server.Options{MaxDocumentBytes: 1000, MaxRecvMsgBytes: 4000})
	c := winnowv1.NewClassifierServiceClient(conn)
	for _, tc := range []struct {
		name      string
		req       *winnowv1.ClassifyRequest
		code      codes.Code
		violation string
	}{
		{"no-document", &winnowv1.ClassifyRequest{}, codes.InvalidArgument, "document"},
		{"no-content", &winnowv1.ClassifyRequest{Document: &winnowv1.Document{Id: "x"}}, codes.InvalidArgument, "document.content"},
		{"empty-text", &winnowv1.ClassifyRequest{Document: text("x", "")}, codes.InvalidArgument, "document.text"},
		{"empty-html", &winnowv1.ClassifyRequest{Document: &winnowv1.Document{Content: &winnowv1.Document_Html{}}}, codes.InvalidArgument, "document.html"},
		{"empty-raw", &winnowv1.ClassifyRequest{Document: &winnowv1.Document{Content: &winnowv1.Document_Raw{Raw: &winnowv1.RawContent{}}}}, codes.InvalidArgument, "document.raw.data"},
		{"bad-media-type", &winnowv1.ClassifyRequest{Document: &winnowv1.Document{Content: &winnowv1.Document_Raw{Raw: &winnowv1.RawContent{Data: []byte("x"), MediaType: "text/html; charset"}}}}, codes.InvalidArgument, "document.raw.media_type"},
		{"long-id", &winnowv1.ClassifyRequest{Document: text(strings.Repeat("i", 257), "x")}, codes.InvalidArgument, "document.id"},
		{"long-title", &winnowv1.ClassifyRequest{Document: &winnowv1.Document{Title: strings.Repeat("t", 2049), Content: &winnowv1.Document_Text{Text: "x"}}}, codes.InvalidArgument, "document.title"},
		{"threshold-high", &winnowv1.ClassifyRequest{Document: text("x", "x"), Options: &winnowv1.ClassifyOptions{Threshold: ptr[float32](1.5)}}, codes.InvalidArgument, "options.threshold"},
		{"threshold-negative", &winnowv1.ClassifyRequest{Document: text("x", "x"), Options: &winnowv1.ClassifyOptions{Threshold: ptr[float32](-0.1)}}, codes.InvalidArgument, "options.threshold"},
		{"explain-features", &winnowv1.ClassifyRequest{Document: text("x", "x"), Options: &winnowv1.ClassifyOptions{MaxExplainFeatures: 101}}, codes.InvalidArgument, "options.max_explain_features"},
		{"offset-encoding", &winnowv1.ClassifyRequest{Document: text("x", "x"), Options: &winnowv1.ClassifyOptions{OffsetEncoding: 9}}, codes.InvalidArgument, "options.offset_encoding"},
		{"document-too-large", &winnowv1.ClassifyRequest{Document: text("x", strings.Repeat("a", 1001))}, codes.InvalidArgument, "document"},
		{"message-too-large", &winnowv1.ClassifyRequest{Document: text("x", strings.Repeat("a", 5000))}, codes.ResourceExhausted, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Classify(context.Background(), tc.req)
			if got := status.Code(err); got != tc.code {
				t.Fatalf("code = %v (%v), want %v", got, err, tc.code)
			}
			if tc.violation != "" && !contains(violations(err), tc.violation) {
				t.Errorf("violations %q, want %q among them", violations(err), tc.violation)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.Classify(ctx, &winnowv1.ClassifyRequest{Document: text("x", "x")})
		if status.Code(err) != codes.Canceled {
			t.Errorf("code = %v, want Canceled", status.Code(err))
		}
	})
	t.Run("panic", func(t *testing.T) {
		ctx := metadata.AppendToOutgoingContext(context.Background(), panicKey, "1")
		_, err := c.Classify(ctx, &winnowv1.ClassifyRequest{Document: text("x", "x")})
		if status.Code(err) != codes.Internal || strings.Contains(err.Error(), "test panic") {
			t.Errorf("err = %v, want Internal without the panic value", err)
		}
	})
}

// TestClassifyTitle sends a scraped text with the page's title beside it:
// the block that says the title is the response's title, and the teaser
// before it is not in the main text.
func TestClassifyTitle(t *testing.T) {
	conn := start(t, server.Options{})
	c := winnowv1.NewClassifierServiceClient(conn)
	doc := text("t", "Home\nNews\nTen towns that lost their bridges\n"+
		"Officials say more bridges are at risk this year after a wet winter across the region.\n"+
		"River floods the old town again\n"+
		"The river rose two metres overnight and flooded the old town for the second time this spring, residents said on Tuesday.\n"+
		"The mayor said the town would ask the regional government for money to raise the flood wall before next winter.\n"+
		"Share this article")
	doc.Title = "River floods the old town again - The Daily Example"
	resp, err := c.Classify(context.Background(), &winnowv1.ClassifyRequest{Document: doc})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetTitle() != "River floods the old town again" {
		t.Errorf("title %q", resp.GetTitle())
	}
	if strings.Contains(resp.GetMainText(), "Ten towns") {
		t.Errorf("the teaser before the title is kept:\n%s", resp.GetMainText())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// rawCodec sends pre-encoded request bytes, to put on the wire what no
// generated client can build.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *v.(*[]byte), nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	return proto.Unmarshal(data, v.(proto.Message))
}
func (rawCodec) Name() string { return "proto" }

// documentBytes encodes a Document with the given content fields, in order.
func documentBytes(fields ...protowire.Number) []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, "both")
	for _, f := range fields {
		b = protowire.AppendTag(b, f, protowire.BytesType)
		if f == 4 { // raw: a RawContent with data
			var raw []byte
			raw = protowire.AppendTag(raw, 1, protowire.BytesType)
			raw = protowire.AppendString(raw, "raw text")
			b = protowire.AppendBytes(b, raw)
			continue
		}
		b = protowire.AppendString(b, "some text")
	}
	return b
}

func TestSeveralContentFields(t *testing.T) {
	conn := start(t, server.Options{})
	for _, tc := range []struct {
		name   string
		fields []protowire.Number
		ok     bool
	}{
		{"text", []protowire.Number{3}, true},
		{"html-and-text", []protowire.Number{2, 3}, false},
		{"text-and-raw", []protowire.Number{3, 4}, false},
		{"text-twice", []protowire.Number{3, 3}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := documentBytes(tc.fields...)
			// Classify: ClassifyRequest.document = 1.
			req := protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), doc)
			var resp winnowv1.ClassifyResponse
			err := conn.Invoke(context.Background(), winnowv1.ClassifierService_Classify_FullMethodName, &req, &resp, grpc.ForceCodec(rawCodec{}))
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
			} else if status.Code(err) != codes.InvalidArgument || !contains(violations(err), "document.content") {
				t.Fatalf("err = %v, want InvalidArgument on document.content", err)
			}
			// ClassifyBatch: a good document, then this one.
			good := documentBytes(3)
			var breq []byte
			breq = protowire.AppendBytes(protowire.AppendTag(breq, 1, protowire.BytesType), good)
			breq = protowire.AppendBytes(protowire.AppendTag(breq, 1, protowire.BytesType), doc)
			var bresp winnowv1.ClassifyBatchResponse
			if err := conn.Invoke(context.Background(), winnowv1.ClassifierService_ClassifyBatch_FullMethodName, &breq, &bresp, grpc.ForceCodec(rawCodec{})); err != nil {
				t.Fatal(err)
			}
			if got := bresp.GetResults()[0].GetError(); got != nil {
				t.Errorf("good item failed: %v", got)
			}
			if got := bresp.GetResults()[1].GetError(); (got == nil) != tc.ok {
				t.Errorf("item error = %v, want error: %v", got, !tc.ok)
			}
		})
	}
}

func TestClassifyBatch(t *testing.T) {
	conn := start(t, server.Options{MaxBatchDocuments: 4, MaxDocumentBytes: 1 << 20})
	c := winnowv1.NewClassifierServiceClient(conn)
	data := string(seed(t))
	t.Run("one-bad-item", func(t *testing.T) {
		resp, err := c.ClassifyBatch(context.Background(), &winnowv1.ClassifyBatchRequest{
			Documents: []*winnowv1.Document{text("a", data), text("b", ""), {Id: "c"}, text("d", "short text")},
			Options:   &winnowv1.ClassifyOptions{IncludeText: true},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			id   string
			code codes.Code
		}{{"a", codes.OK}, {"b", codes.InvalidArgument}, {"c", codes.InvalidArgument}, {"d", codes.OK}}
		if len(resp.GetResults()) != len(want) {
			t.Fatalf("%d results, want %d", len(resp.GetResults()), len(want))
		}
		for i, w := range want {
			r := resp.GetResults()[i]
			if r.GetDocumentId() != w.id || codes.Code(r.GetError().GetCode()) != w.code {
				t.Errorf("result %d: id %q code %v, want %q %v", i, r.GetDocumentId(), codes.Code(r.GetError().GetCode()), w.id, w.code)
			}
			if w.code == codes.OK {
				checkOffsets(t, r.GetResponse())
			}
		}
	})
	for _, tc := range []struct {
		name string
		req  *winnowv1.ClassifyBatchRequest
	}{
		{"empty", &winnowv1.ClassifyBatchRequest{}},
		{"too-many", &winnowv1.ClassifyBatchRequest{Documents: []*winnowv1.Document{text("1", "x"), text("2", "x"), text("3", "x"), text("4", "x"), text("5", "x")}}},
		{"bad-threshold", &winnowv1.ClassifyBatchRequest{Documents: []*winnowv1.Document{text("1", "x")}, Options: &winnowv1.ClassifyOptions{Threshold: ptr[float32](2)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ClassifyBatch(context.Background(), tc.req)
			if status.Code(err) != codes.InvalidArgument || len(violations(err)) == 0 {
				t.Errorf("err = %v, want InvalidArgument with field violations", err)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.ClassifyBatch(ctx, &winnowv1.ClassifyBatchRequest{Documents: []*winnowv1.Document{text("1", "x")}})
		if status.Code(err) != codes.Canceled {
			t.Errorf("code = %v, want Canceled", status.Code(err))
		}
	})
}

func TestClassifyStream(t *testing.T) {
	conn := start(t, server.Options{Concurrency: 2})
	c := winnowv1.NewClassifierServiceClient(conn)
	data := string(seed(t))
	t.Run("one-bad-item", func(t *testing.T) {
		stream, err := c.ClassifyStream(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		const n = 20
		bad := map[int]bool{3: true, 11: true}
		var sendErr error
		var wg sync.WaitGroup
		wg.Go(func() {
			for i := range n {
				doc := text(string(rune('a'+i)), strings.ToValidUTF8(data[:len(data)*(i+1)/n], ""))
				if bad[i] {
					doc = text(string(rune('a'+i)), "")
				}
				if sendErr = stream.Send(&winnowv1.ClassifyStreamRequest{Document: doc}); sendErr != nil {
					return
				}
			}
			sendErr = stream.CloseSend()
		})
		for i := 0; ; i++ {
			resp, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				if i != n {
					t.Errorf("%d responses, want %d", i, n)
				}
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			r := resp.GetResult()
			if want := string(rune('a' + i)); r.GetDocumentId() != want {
				t.Errorf("response %d: id %q, want %q (in order)", i, r.GetDocumentId(), want)
			}
			if gotErr := r.GetError() != nil; gotErr != bad[i] {
				t.Errorf("response %d: error %v, want error: %v", i, r.GetError(), bad[i])
			}
		}
		wg.Wait()
		if sendErr != nil {
			t.Fatal(sendErr)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		stream, err := c.ClassifyStream(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := stream.Send(&winnowv1.ClassifyStreamRequest{Document: text("a", data)}); err != nil {
			t.Fatal(err)
		}
		if _, err := stream.Recv(); err != nil {
			t.Fatal(err)
		}
		cancel()
		if _, err := stream.Recv(); status.Code(err) != codes.Canceled {
			t.Errorf("after cancel: %v, want Canceled", err)
		}
	})
	t.Run("client-does-not-read", func(t *testing.T) {
		// The client sends many documents without reading: the server
		// must not buffer them all; flow control blocks the sender, and
		// the call still ends cleanly when the client cancels.
		ctx, cancel := context.WithCancel(context.Background())
		stream, err := c.ClassifyStream(ctx)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan int)
		go func() {
			sent := 0
			for range 100000 {
				if stream.Send(&winnowv1.ClassifyStreamRequest{Document: text("x", data)}) != nil {
					break
				}
				sent++
			}
			done <- sent
		}()
		// Read one response so the server is surely running, then stop.
		if _, err := stream.Recv(); err != nil {
			t.Fatal(err)
		}
		cancel()
		if sent := <-done; sent >= 100000 {
			t.Errorf("all %d sends succeeded without reading: no back-pressure", sent)
		}
	})
}

func TestGetModel(t *testing.T) {
	conn := start(t, server.Options{})
	resp, err := winnowv1.NewClassifierServiceClient(conn).GetModel(context.Background(), &winnowv1.GetModelRequest{})
	if err != nil {
		t.Fatal(err)
	}
	cls, _ := classifier.Default()
	if resp.GetVersion() != cls.Info().Version || resp.GetVersion() == "" {
		t.Errorf("version %q, want %q", resp.GetVersion(), cls.Info().Version)
	}
	if len(resp.GetCategories()) != 10 || len(resp.GetLabels()) != 2 {
		t.Errorf("%d categories and %d labels, want 10 and 2", len(resp.GetCategories()), len(resp.GetLabels()))
	}
	if th := resp.GetDefaultThreshold(); th <= 0 || th > 1 {
		t.Errorf("default threshold %v outside (0,1]", th)
	}
}

func TestHealthAndReflection(t *testing.T) {
	conn := start(t, server.Options{})
	for _, svc := range []string{"", "winnow.v1.ClassifierService"} {
		resp, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{Service: svc})
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("health %q: %v %v, want SERVING", svc, resp.GetStatus(), err)
		}
	}
	stream, err := reflectionpb.NewServerReflectionClient(conn).ServerReflectionInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	resp, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range resp.GetListServicesResponse().GetService() {
		names = append(names, s.GetName())
	}
	for _, want := range []string{"winnow.v1.ClassifierService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"} {
		if !contains(names, want) {
			t.Errorf("reflection lists %q, want %q among them", names, want)
		}
	}
	stream.CloseSend()
}
