package killone

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
)

// rawCodec sends and receives pre-encoded protobuf messages, so that this
// module needs none of the main module's generated code. Its name is
// "proto": on the wire nothing differs.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }

func (rawCodec) Marshal(v any) ([]byte, error) { return *v.(*[]byte), nil }

func (rawCodec) Unmarshal(data []byte, v any) error {
	*v.(*[]byte) = append([]byte(nil), data...)
	return nil
}

// classifyRequest encodes winnow.v1.ClassifyRequest{document: {id, text}}.
func classifyRequest(id, text string) []byte {
	var doc []byte
	doc = protowire.AppendTag(doc, 1, protowire.BytesType) // Document.id
	doc = protowire.AppendString(doc, id)
	doc = protowire.AppendTag(doc, 3, protowire.BytesType) // Document.text
	doc = protowire.AppendString(doc, text)
	var req []byte
	req = protowire.AppendTag(req, 1, protowire.BytesType) // ClassifyRequest.document
	return protowire.AppendBytes(req, doc)
}

// responseID reads ClassifyResponse.document_id (field 1) and checks that
// main_text (field 2) is not empty.
func responseID(resp []byte) (string, error) {
	var id string
	var mainText bool
	for len(resp) > 0 {
		num, typ, n := protowire.ConsumeTag(resp)
		if n < 0 {
			return "", protowire.ParseError(n)
		}
		resp = resp[n:]
		if typ == protowire.BytesType && (num == 1 || num == 2) {
			v, m := protowire.ConsumeString(resp)
			if m < 0 {
				return "", protowire.ParseError(m)
			}
			if num == 1 {
				id = v
			} else {
				mainText = v != ""
			}
			resp = resp[m:]
			continue
		}
		m := protowire.ConsumeFieldValue(num, typ, resp)
		if m < 0 {
			return "", protowire.ParseError(m)
		}
		resp = resp[m:]
	}
	if !mainText {
		return id, fmt.Errorf("document %s: empty main_text", id)
	}
	return id, nil
}

// balancedServiceConfig is what docs/scaling.md tells gRPC clients to use:
// round_robin over every address, UNAVAILABLE retried with backoff.
const balancedServiceConfig = `{
  "loadBalancingConfig": [{"round_robin": {}}],
  "methodConfig": [{
    "name": [{"service": "winnow.v1.ClassifierService"}],
    "retryPolicy": {
      "maxAttempts": 5,
      "initialBackoff": "0.05s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
}`

// TestKillOneGRPC is the kill-one run for any gRPC client that follows
// docs/scaling.md: grpc-go's own round_robin and retry policy over the
// three addresses, unary Classify calls from 8 workers. Its one retry of
// its own is the one docs/scaling.md asks for: a call whose server died
// after the response had begun is committed (gRFC A6), so the retry
// policy does not replay it, and it fails UNAVAILABLE; it is sent once
// more (and counted in the log). One server is killed (SIGKILL) a third of the way through and
// one drained (SIGTERM) two thirds of the way; every document must be
// answered exactly once, by a response naming it.
func TestKillOneGRPC(t *testing.T) {
	servers := startServers(t, 3)
	text := seed(t)

	r := manual.NewBuilderWithScheme("killone")
	var addrs []resolver.Address
	for _, s := range servers {
		addrs = append(addrs, resolver.Address{Addr: s.addr})
	}
	r.InitialState(resolver.State{Addresses: addrs})
	conn, err := grpc.NewClient(r.Scheme()+":///winnow",
		grpc.WithResolvers(r),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultServiceConfig(balancedServiceConfig),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(rawCodec{})),
	)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	n := *numDocs
	answers := make([]atomic.Int32, n)
	var done, failed, committed atomic.Int64
	var firstErr sync.Once
	next := atomic.Int64{}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	finished := make(chan struct{})
	for range 8 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				id := fmt.Sprintf("doc-%05d", i)
				req := classifyRequest(id, document(text, i))
				var resp []byte
				err := conn.Invoke(ctx, "/winnow.v1.ClassifierService/Classify", &req, &resp)
				if status.Code(err) == codes.Unavailable {
					// The server died after its response had begun: the
					// call was committed (gRFC A6) and the retry policy
					// does not replay it; the caller does, once.
					committed.Add(1)
					err = conn.Invoke(ctx, "/winnow.v1.ClassifierService/Classify", &req, &resp)
				}
				if err == nil {
					var got string
					got, err = responseID(resp)
					if err == nil && got != id {
						err = fmt.Errorf("asked for %s, answered %s", id, got)
					}
				}
				if err != nil {
					failed.Add(1)
					firstErr.Do(func() { t.Errorf("document %s: %v", id, err) })
				} else {
					answers[i].Add(1)
				}
				done.Add(1)
			}
		})
	}

	go func() { wg.Wait(); close(finished) }()
	t.Logf("grpc-go round_robin + retry policy, unary Classify from 8 workers, documents of %d KB", len(document(text, 0))>>10)
	left := killOne(t, servers, n, func() int { return int(done.Load()) }, finished)

	if c := committed.Load(); c > 0 {
		t.Logf("%d call(s) failed UNAVAILABLE after their response began and were sent again", c)
	}
	if f := failed.Load(); f > 0 {
		t.Errorf("%d of %d documents failed", f, n)
	}
	for i := range answers {
		if c := answers[i].Load(); c != 1 {
			t.Errorf("doc-%05d answered %d times", i, c)
		}
	}
	if err := left.WaitServing(left.addr, "", 5*time.Second); err != nil {
		t.Errorf("%s after the run: %v", left.name, err)
	}
}
