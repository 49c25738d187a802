package main

import (
	"fmt"
	"regexp"
	"strconv"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/status"

	"github.com/winnowhq/winnow/client"
	"github.com/winnowhq/winnow/server"
)

// tooLargeRE matches grpc-go's message-size error, which the client
// raises for a response over its receive limit and the server for a
// request over its own.
var tooLargeRE = regexp.MustCompile(`received message larger than max \((\d+) vs\. (\d+)\)`)

// describeExhausted renders a RESOURCE_EXHAUSTED status: it says which
// side's limit was hit and what to change. gRPC's own size error names
// the limit, which tells the sides apart: this client's is
// client.MaxMessageBytes (winnowd's request limit, --max-recv-bytes, is
// 32 MiB by default).
func describeExhausted(s *status.Status, where string) string {
	for _, d := range s.Details() {
		if ei, ok := d.(*errdetails.ErrorInfo); ok {
			switch ei.GetReason() {
			case server.ReasonResponseTooLarge:
				return fmt.Sprintf("bad input: the response would exceed the %s bytes %s sends (winnowd --max-response-bytes); classify with --format text (no blocks) or split the document, or raise winnowd --max-response-bytes", ei.GetMetadata()["limit_bytes"], where)
			case "OVER_BUDGET":
				return fmt.Sprintf("%s is busy (%s); retry later", where, s.Message())
			case "DOCUMENT_TOO_EXPENSIVE":
				return fmt.Sprintf("bad input: %s", s.Message())
			}
		}
	}
	if m := tooLargeRE.FindStringSubmatch(s.Message()); m != nil {
		if limit, _ := strconv.Atoi(m[2]); limit == client.MaxMessageBytes {
			return fmt.Sprintf("bad input: the response from %s is %s bytes, over this client's receive limit of %s bytes (client.MaxMessageBytes); classify with --format text (no blocks) or split the document", where, m[1], m[2])
		}
		return fmt.Sprintf("bad input: %s rejected the request of %s bytes, over its limit of %s bytes; split the document or raise winnowd --max-recv-bytes", where, m[1], m[2])
	}
	return fmt.Sprintf("bad input: %s: %s", where, s.Message())
}

// exhaustedExit is the exit code of a RESOURCE_EXHAUSTED status: a busy
// server is the server's condition (3), any limit the input's (2).
func exhaustedExit(s *status.Status) int {
	for _, d := range s.Details() {
		if ei, ok := d.(*errdetails.ErrorInfo); ok && ei.GetReason() == "OVER_BUDGET" {
			return exitServer
		}
	}
	return exitBadInput
}
