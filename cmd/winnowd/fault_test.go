package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

func textDoc(id, s string) *winnowv1.Document {
	return &winnowv1.Document{Id: id, Content: &winnowv1.Document_Text{Text: s}}
}

func rawDoc(id string, data []byte) *winnowv1.Document {
	return &winnowv1.Document{Id: id, Content: &winnowv1.Document_Raw{Raw: &winnowv1.RawContent{Data: data}}}
}

func gzipBytes(p []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(p)
	w.Close()
	return b.Bytes()
}

// wordPerLine is the worst shape for memory: one short word per line
// (over classifier.MinBlockLimit lines, the block limit refuses it).
func wordPerLine(n int) string { return strings.Repeat("word\n", n/5) }

// limitLines is the worst shape for memory the block limit admits at any
// size: lines of classifier.BlockLimitBytes bytes, one block each.
func limitLines(n int) string {
	return strings.Repeat(strings.Repeat("word ", classifier.BlockLimitBytes/5-1)+strings.Repeat("w", classifier.BlockLimitBytes%5+4)+"\n", n/classifier.BlockLimitBytes)
}

// rawBytes sends pre-encoded request bytes.
type rawBytes struct{}

func (rawBytes) Marshal(v any) ([]byte, error) { return *v.(*[]byte), nil }
func (rawBytes) Unmarshal(data []byte, v any) error {
	return proto.Unmarshal(data, v.(proto.Message))
}
func (rawBytes) Name() string { return "proto" }

// TestFaultBadInputs sends hostile requests to a real winnowd: each gets
// its documented code, none INTERNAL or UNKNOWN, and the server keeps
// serving and never panics.
func TestFaultBadInputs(t *testing.T) {
	p := startWinnowd(t, raceEnabled, "--max-document-bytes", "1200KiB", "--max-recv-bytes", "2MiB")
	conn := p.conn()
	c := winnowv1.NewClassifierServiceClient(conn)
	rnd := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range rnd {
		rnd[i] = byte(r.Uint32())
	}
	page := "<html><head><title>T</title></head><body><h1>A headline</h1><p>" + strings.Repeat("Body text of the article. ", 40) + "</p></body></html>"
	nested := strings.Repeat("<div>", 100_000) + "deep text" + strings.Repeat("</div>", 100_000)
	wire := func(fields ...[]byte) []byte { // a ClassifyRequest around an encoded Document
		var doc []byte
		for _, f := range fields {
			doc = append(doc, f...)
		}
		return protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), doc)
	}
	str := func(num protowire.Number, s string) []byte {
		return protowire.AppendString(protowire.AppendTag(nil, num, protowire.BytesType), s)
	}
	unknownEnum := append(wire(str(3, "some text")), protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType),
		protowire.AppendVarint(protowire.AppendTag(nil, 7, protowire.VarintType), 12345))...)
	for _, tc := range []struct {
		name  string
		doc   *winnowv1.Document
		wire  []byte // instead of doc
		codes []codes.Code
	}{
		{name: "empty-text", doc: textDoc("e", ""), codes: []codes.Code{codes.InvalidArgument}},
		{name: "empty-raw", doc: rawDoc("e", nil), codes: []codes.Code{codes.InvalidArgument}},
		{name: "no-document", wire: []byte{}, codes: []codes.Code{codes.InvalidArgument}},
		{name: "both-bodies", wire: wire(str(2, "<p>html</p>"), str(3, "text")), codes: []codes.Code{codes.InvalidArgument}},
		{name: "unknown-enum-and-fields", wire: unknownEnum, codes: []codes.Code{codes.OK, codes.InvalidArgument}},
		{name: "nesting-100k", doc: &winnowv1.Document{Content: &winnowv1.Document_Html{Html: nested}}, codes: []codes.Code{codes.OK}},
		{name: "oversize-document", doc: textDoc("big", strings.Repeat("x", 1500<<10)), codes: []codes.Code{codes.InvalidArgument}},
		{name: "over-block-limit-text", doc: textDoc("lines", wordPerLine(1<<20)), codes: []codes.Code{codes.InvalidArgument}},
		{name: "over-block-limit-html", doc: &winnowv1.Document{Content: &winnowv1.Document_Html{Html: strings.Repeat("<p>x</p>", 128<<10)}}, codes: []codes.Code{codes.InvalidArgument}},
		{name: "oversize-message", doc: textDoc("huge", strings.Repeat("x", 3<<20)), codes: []codes.Code{codes.ResourceExhausted}},
		{name: "invalid-utf8-text", wire: wire(str(3, "bad \xff\xfe\xfd bytes")), codes: []codes.Code{codes.InvalidArgument}},
		{name: "invalid-utf8-html", wire: wire(str(2, "<p>bad \xc3\x28</p>")), codes: []codes.Code{codes.InvalidArgument}},
		{name: "gzip-page", doc: rawDoc("gz", gzipBytes([]byte(page))), codes: []codes.Code{codes.OK}},
		{name: "gzip-bomb", doc: rawDoc("bomb", gzipBytes(make([]byte, 256<<20))), codes: []codes.Code{codes.InvalidArgument}},
		{name: "png", doc: rawDoc("png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), rnd[:512]...)), codes: []codes.Code{codes.InvalidArgument}},
		{name: "elf", doc: rawDoc("elf", append([]byte("\x7fELF\x02\x01\x01"), rnd[:512]...)), codes: []codes.Code{codes.InvalidArgument}},
		{name: "random", doc: rawDoc("rnd", rnd), codes: []codes.Code{codes.InvalidArgument}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := bounded(t, 60*time.Second)
			var err error
			var resp winnowv1.ClassifyResponse
			if tc.doc != nil {
				var r *winnowv1.ClassifyResponse
				r, err = c.Classify(ctx, &winnowv1.ClassifyRequest{Document: tc.doc})
				if r != nil {
					proto.Merge(&resp, r)
				}
			} else {
				err = conn.Invoke(ctx, winnowv1.ClassifierService_Classify_FullMethodName, &tc.wire, &resp, grpc.ForceCodec(rawBytes{}))
			}
			got := status.Code(err)
			ok := false
			for _, want := range tc.codes {
				ok = ok || got == want
			}
			if !ok {
				t.Fatalf("code %v (%v), want one of %v", got, err, tc.codes)
			}
			if got == codes.InvalidArgument && tc.name != "no-document" && tc.name != "both-bodies" {
				if m := status.Convert(err).Message(); len(m) < 20 {
					t.Errorf("unhelpful message %q", m)
				}
			}
			if tc.name == "gzip-page" && resp.GetMode() != winnowv1.Mode_MODE_HTML {
				t.Errorf("gzip page classified as %v", resp.GetMode())
			}
		})
	}
	// The batch form: every bad document gets its own error, the good one
	// its result.
	br, err := c.ClassifyBatch(bounded(t, 30*time.Second), &winnowv1.ClassifyBatchRequest{Documents: []*winnowv1.Document{
		textDoc("good", "A headline\nSome body text."), rawDoc("png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), textDoc("empty", ""),
	}})
	if err != nil || br.GetResults()[0].GetError() != nil || br.GetResults()[1].GetError() == nil || br.GetResults()[2].GetError() == nil {
		t.Errorf("batch: %v %v", br, err)
	}
	h, err := healthpb.NewHealthClient(conn).Check(bounded(t, 10*time.Second), &healthpb.HealthCheckRequest{})
	if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("health after bad inputs: %v %v", h, err)
	}
	if strings.Contains(p.log.String(), "panic") {
		t.Error("winnowd logged a panic")
	}
}

// TestFaultMemoryBound sends 8 worst-shape documents at once (one word
// per line, as many lines as the block limit allows: 160 KiB, an
// estimated 25 MB each) to a winnowd with a 56 MiB budget: the budget
// admits two at a time and refuses the rest with RESOURCE_EXHAUSTED and
// RetryInfo; clients retry after the delay. Every document is classified
// in the end, and the peak RSS stays within the budget plus the process's
// base, the requests held and the GC's headroom.
func TestFaultMemoryBound(t *testing.T) {
	const budget = 56 << 20
	p := startWinnowd(t, false, "--max-memory", fmt.Sprint(budget))
	c := p.client()
	if _, err := c.Classify(bounded(t, 10*time.Second), &winnowv1.ClassifyRequest{Document: textDoc("warm", "warm up\nthe model")}); err != nil {
		t.Fatal(err)
	}
	base := p.peakRSS()
	doc := textDoc("wpl", wordPerLine(classifier.MinBlockLimit*5))
	ctx := bounded(t, 150*time.Second)
	var rejected atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			for {
				_, err := c.Classify(ctx, &winnowv1.ClassifyRequest{Document: doc, Options: &winnowv1.ClassifyOptions{OmitBlocks: true}})
				if status.Code(err) != codes.ResourceExhausted {
					if err != nil {
						err = fmt.Errorf("document %d: %w", i, err)
					}
					errs <- err
					return
				}
				rejected.Add(1)
				var delay time.Duration
				for _, d := range status.Convert(err).Details() {
					if ri, ok := d.(*errdetails.RetryInfo); ok {
						delay = ri.GetRetryDelay().AsDuration()
					}
				}
				if delay == 0 {
					errs <- fmt.Errorf("RESOURCE_EXHAUSTED without RetryInfo: %v", err)
					return
				}
				select {
				case <-ctx.Done():
					errs <- ctx.Err()
					return
				case <-time.After(delay):
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	peak := p.peakRSS()
	// The GC's soft limit is the budget + 256 MiB; the requests (160 KiB
	// each, held twice while decoded) come on top.
	bound := base + budget + 256<<20 + 8<<20
	t.Logf("8 x 160 KiB word-per-line, budget %d MiB: %d refusals, peak RSS %d MiB (base %d MiB, bound %d MiB)",
		budget>>20, rejected.Load(), peak>>20, base>>20, bound>>20)
	if rejected.Load() == 0 {
		t.Error("no document was refused: the budget did not bind")
	}
	if peak > bound {
		t.Errorf("peak RSS %d MiB exceeds %d MiB", peak>>20, bound>>20)
	}
}

// TestFaultOverload floods a winnowd with a small budget: some calls are
// refused with RESOURCE_EXHAUSTED (counted in the metrics), none fails
// otherwise, and once the flood stops a call succeeds at once.
func TestFaultOverload(t *testing.T) {
	p := startWinnowd(t, raceEnabled, "--max-memory", "12MiB", "--metrics-listen", "127.0.0.1:0")
	c := p.client()
	doc := textDoc("mid", wordPerLine(30<<10)) // about 5 MB of cost: two fit
	ctx := bounded(t, 120*time.Second)
	var ok, exhausted, other atomic.Int64
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			for range 4 {
				_, err := c.Classify(ctx, &winnowv1.ClassifyRequest{Document: doc})
				switch status.Code(err) {
				case codes.OK:
					ok.Add(1)
				case codes.ResourceExhausted:
					exhausted.Add(1)
				default:
					other.Add(1)
					t.Errorf("call failed: %v", err)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("overload: %d ok, %d RESOURCE_EXHAUSTED, %d other", ok.Load(), exhausted.Load(), other.Load())
	if exhausted.Load() == 0 || ok.Load() == 0 {
		t.Errorf("want both successes and refusals")
	}
	if _, err := c.Classify(bounded(t, 10*time.Second), &winnowv1.ClassifyRequest{Document: doc}); err != nil {
		t.Errorf("no recovery after the flood: %v", err)
	}
	resp, err := http.Get("http://" + p.metrics + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	want := fmt.Sprintf(`winnow_admission_rejected_total{reason="budget"} %d`, exhausted.Load())
	if !strings.Contains(string(body), want) {
		t.Errorf("metrics lack %s", want)
	}
	if r, err := http.Get("http://" + p.metrics + "/debug/pprof/"); err == nil {
		if r.StatusCode == http.StatusOK {
			t.Error("pprof served without --pprof")
		}
		r.Body.Close()
	}
}

// load runs call in n goroutines until stop is closed or call returns
// false; wait on the result.
func load(n int, stop <-chan struct{}, call func() bool) *sync.WaitGroup {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if !call() {
					return
				}
			}
		})
	}
	return &wg
}

// TestFaultSIGTERM sends SIGTERM under steady load: every call gets an
// answer (OK, or UNAVAILABLE once the listener is closed), none is
// INTERNAL, and the process exits 0 well within --shutdown-timeout.
func TestFaultSIGTERM(t *testing.T) {
	p := startWinnowd(t, raceEnabled, "--shutdown-timeout", "5s")
	c := p.client()
	doc := textDoc("d", strings.Repeat("A line of article text for the load.\n", 50))
	ctx := bounded(t, 60*time.Second)
	var mu sync.Mutex
	counts := map[codes.Code]int{}
	stop := make(chan struct{})
	wg := load(4, stop, func() bool {
		cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		_, err := c.Classify(cctx, &winnowv1.ClassifyRequest{Document: doc})
		cancel()
		code := status.Code(err)
		mu.Lock()
		counts[code]++
		mu.Unlock()
		return code != codes.Unavailable
	})
	time.Sleep(time.Second)
	p.signal(syscall.SIGTERM)
	took, code := p.wait(20 * time.Second)
	close(stop)
	wg.Wait()
	t.Logf("SIGTERM under load: exit %d after %v; calls by code: %v", code, took.Round(time.Millisecond), counts)
	if code != 0 {
		t.Errorf("exit code %d", code)
	}
	for cd, n := range counts {
		if cd != codes.OK && cd != codes.Unavailable {
			t.Errorf("%d calls ended with %v", n, cd)
		}
	}
	if counts[codes.OK] == 0 {
		t.Error("no call succeeded")
	}
	if !strings.Contains(p.log.String(), "draining: health NOT_SERVING") {
		t.Error("no drain log line")
	}
}

// TestFaultReload reloads the model under steady load, by SIGHUP and by
// AdminService.ReloadModel, including a corrupt model file that must be
// refused while the old model keeps serving: no call fails.
func TestFaultReload(t *testing.T) {
	dir := t.TempDir()
	modelPath := filepath.Join(dir, "model.wnm")
	good, err := os.ReadFile(filepath.Join("..", "..", "classifier", "model", "default.wnm"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(modelPath, good, 0o644); err != nil {
		t.Fatal(err)
	}
	tokens := filepath.Join(dir, "tokens")
	os.WriteFile(tokens, []byte(fmt.Sprintf("ops %x\n", sha256.Sum256([]byte("s3cret-ops")))), 0o600)
	p := startWinnowd(t, raceEnabled, "--model", modelPath, "--auth-tokens", tokens)
	conn := p.conn()
	c := winnowv1.NewClassifierServiceClient(conn)
	admin := winnowv1.NewAdminServiceClient(conn)
	auth := metadata.AppendToOutgoingContext(bounded(t, 90*time.Second), "authorization", "Bearer s3cret-ops")
	doc := textDoc("d", strings.Repeat("A line of article text for the load.\n", 50))
	var calls, failed atomic.Int64
	stop := make(chan struct{})
	wg := load(3, stop, func() bool {
		calls.Add(1)
		if _, err := c.Classify(auth, &winnowv1.ClassifyRequest{Document: doc}); err != nil {
			failed.Add(1)
			t.Errorf("call during reloads: %v", err)
		}
		return true
	})
	for i := range 3 {
		p.signal(syscall.SIGHUP)
		if !p.waitLog(regexp.MustCompile(fmt.Sprintf(`(?s)(msg="model reloaded".*){%d}`, i+1)), 30*time.Second) {
			t.Fatalf("SIGHUP %d: no reload logged", i+1)
		}
		if _, err := admin.ReloadModel(auth, &winnowv1.ReloadModelRequest{}); err != nil {
			t.Fatalf("ReloadModel: %v", err)
		}
	}
	bad := bytes.Clone(good)
	bad[len(bad)/2] ^= 0x40
	os.WriteFile(modelPath, bad, 0o644)
	_, err = admin.ReloadModel(auth, &winnowv1.ReloadModelRequest{})
	if status.Code(err) != codes.FailedPrecondition || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("corrupt model: %v, want FAILED_PRECONDITION naming the checksum", err)
	}
	p.signal(syscall.SIGHUP)
	if !p.waitLog(regexp.MustCompile(`model reload failed; the old model keeps serving`), 30*time.Second) {
		t.Error("a failed SIGHUP reload was not logged")
	}
	if _, err := admin.ReloadModel(context.Background(), &winnowv1.ReloadModelRequest{}); status.Code(err) != codes.Unauthenticated {
		t.Errorf("ReloadModel without a token: %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	close(stop)
	wg.Wait()
	t.Logf("reload under load: %d calls, %d failed, 6 reloads and 2 refused", calls.Load(), failed.Load())
	if strings.Contains(p.log.String(), "s3cret-ops") {
		t.Error("the token was logged")
	}
}

// TestFaultAuth checks bearer tokens on a real process: none and wrong
// are UNAUTHENTICATED, right is served and logged with the caller's name,
// health needs no token.
func TestFaultAuth(t *testing.T) {
	tokens := filepath.Join(t.TempDir(), "tokens")
	os.WriteFile(tokens, []byte(fmt.Sprintf("# name sha256(token)\ncms %x\n", sha256.Sum256([]byte("tok-cms")))), 0o600)
	p := startWinnowd(t, raceEnabled, "--auth-tokens", tokens, "--log-level", "debug")
	conn := p.conn()
	c := winnowv1.NewClassifierServiceClient(conn)
	for _, tc := range []struct {
		name, header string
		code         codes.Code
	}{
		{"none", "", codes.Unauthenticated},
		{"wrong", "Bearer tok-other", codes.Unauthenticated},
		{"scheme", "Basic tok-cms", codes.Unauthenticated},
		{"right", "Bearer tok-cms", codes.OK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := bounded(t, 10*time.Second)
			if tc.header != "" {
				ctx = metadata.AppendToOutgoingContext(ctx, "authorization", tc.header)
			}
			_, err := c.Classify(ctx, &winnowv1.ClassifyRequest{Document: textDoc("a", "some text")})
			if status.Code(err) != tc.code {
				t.Errorf("code %v, want %v", status.Code(err), tc.code)
			}
		})
	}
	if _, err := healthpb.NewHealthClient(conn).Check(bounded(t, 10*time.Second), &healthpb.HealthCheckRequest{}); err != nil {
		t.Errorf("health without a token: %v", err)
	}
	if !p.waitLog(regexp.MustCompile(`caller=cms`), 5*time.Second) {
		t.Error("no log line names the caller")
	}
	if strings.Contains(p.log.String(), "tok-cms") || strings.Contains(p.log.String(), "tok-other") {
		t.Error("a token was logged")
	}
}
