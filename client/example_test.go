package client_test

import (
	"context"
	"fmt"
	"log"
	"net"
	"time"

	"google.golang.org/grpc/status"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/client"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
)

// startServer serves the embedded model on a free loopback port, as
// `winnowd --listen 127.0.0.1:0` would.
func startServer() (addr string, stop func()) {
	cls, err := classifier.Default()
	if err != nil {
		log.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	gs, _ := server.NewGRPCServer(server.New(cls, server.Options{}))
	go gs.Serve(lis)
	return lis.Addr().String(), gs.Stop
}

func Example() {
	addr, stop := startServer()
	defer stop()

	c, err := client.New(addr)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()

	resp, err := c.Classify(ctx, client.Text("doc-1", "Moscow and the Taliban\nShare this article"),
		&winnowv1.ClassifyOptions{IncludeText: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.GetDocumentId(), resp.GetMode())
	for _, b := range resp.GetBlocks() {
		// Offsets are UTF-8 byte offsets into resp.Text.
		fmt.Printf("[%d,%d) %q\n", b.GetStart(), b.GetEnd(), resp.GetText()[b.GetStart():b.GetEnd()])
	}

	// In a batch, each document gets its own result or error.
	results, err := c.ClassifyBatch(ctx, []*winnowv1.Document{client.Text("ok", "Some text"), client.Text("empty", "")}, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range results {
		fmt.Println(r.GetDocumentId(), client.ResultError(r) != nil)
	}
	// Output:
	// doc-1 MODE_TEXT
	// [0,22) "Moscow and the Taliban"
	// [23,41) "Share this article"
	// ok false
	// empty true
}

// ClassifyMany streams any number of documents over one or more servers
// and yields one result per document, in input order.
func ExampleClient_ClassifyMany() {
	addr1, stop1 := startServer()
	defer stop1()
	addr2, stop2 := startServer()
	defer stop2()

	// A comma-separated list is balanced round_robin; "dns:///host:port"
	// balances over every address of a name.
	c, err := client.Open(addr1+","+addr2, client.Options{Plaintext: true})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	docs := func(yield func(*winnowv1.Document) bool) {
		for _, text := range []string{"First headline\nFirst body.", "", "Third headline\nThird body."} {
			if !yield(client.Text(fmt.Sprintf("doc-%d", len(text)), text)) {
				return
			}
		}
	}
	for r, err := range c.ClassifyMany(context.Background(), docs, &winnowv1.ClassifyOptions{OmitBlocks: true}, client.ManyOptions{Streams: 2}) {
		if err != nil {
			log.Fatal(err) // the whole run failed: no server answered
		}
		if err := client.ResultError(r); err != nil {
			fmt.Println(r.GetDocumentId(), "failed:", status.Code(err))
			continue
		}
		fmt.Println(r.GetDocumentId(), "ok")
	}
	// Output:
	// doc-26 ok
	// doc-0 failed: InvalidArgument
	// doc-26 ok
}

// Open with TLS (mutual TLS when a client certificate is given) and a
// bearer token, sent as "authorization: Bearer TOKEN" with every call.
func ExampleOpen() {
	cfg, err := client.TLSConfig("", "", "", "") // system CAs; pass PEM files for a private CA and mTLS
	if err != nil {
		log.Fatal(err)
	}
	c, err := client.Open("dns:///winnow.example.internal:7390", client.Options{
		TLS:   cfg,
		Token: "token-from-your-secret-store",
		Retry: client.Retry{MaxAttempts: 5, InitialBackoff: 200 * time.Millisecond, MaxBackoff: 10 * time.Second},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	fmt.Println("ready") // Open does not connect; the first call does
	// Output: ready
}
