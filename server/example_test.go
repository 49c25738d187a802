package server_test

import (
	"context"
	"fmt"
	"log"
	"net"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/server"
)

// A server for the embedded model, as cmd/winnowd builds it.
func ExampleNewGRPCServer() {
	cls, err := classifier.Default()
	if err != nil {
		log.Fatal(err)
	}
	svc := server.New(cls, server.Options{MaxBatchDocuments: 16})
	gs, health := server.NewGRPCServer(svc)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go gs.Serve(lis)

	// ... serve until shutdown, then:
	health.Shutdown()
	gs.GracefulStop()
	fmt.Println("stopped")
	// Output: stopped
}

// The service can be called in-process, without gRPC, as `winnow classify`
// does without --server.
func ExampleService_Classify() {
	cls, err := classifier.Default()
	if err != nil {
		log.Fatal(err)
	}
	svc := server.New(cls, server.Options{})
	resp, err := svc.Classify(context.Background(), &winnowv1.ClassifyRequest{
		Document: &winnowv1.Document{Id: "a1", Content: &winnowv1.Document_Text{Text: "Headline\nFirst paragraph."}},
		Options:  &winnowv1.ClassifyOptions{IncludeText: true},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range resp.GetBlocks() {
		fmt.Printf("[%d,%d) %s\n", b.GetStart(), b.GetEnd(), resp.GetText()[b.GetStart():b.GetEnd()])
	}
	// Output:
	// [0,8) Headline
	// [9,25) First paragraph.
}
