package client_test

import (
	"context"
	"fmt"
	"log"
	"net"

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
