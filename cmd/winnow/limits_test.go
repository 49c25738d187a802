package main

import (
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/winnowhq/winnow/server"
)

func TestDescribeExhausted(t *testing.T) {
	withInfo := func(reason string) *status.Status {
		s, _ := status.New(codes.ResourceExhausted, "limit").WithDetails(&errdetails.ErrorInfo{Reason: reason, Metadata: map[string]string{"limit_bytes": "4194304"}})
		return s
	}
	for _, tc := range []struct {
		name string
		s    *status.Status
		want string
		exit int
	}{
		{"server-response-limit", withInfo(server.ReasonResponseTooLarge), "winnowd --max-response-bytes", exitBadInput},
		{"busy", withInfo("OVER_BUDGET"), "retry later", exitServer},
		{"client-receive-limit", status.New(codes.ResourceExhausted, "grpc: received message larger than max (70000000 vs. 67108864)"), "this client's receive limit", exitBadInput},
		{"server-request-limit", status.New(codes.ResourceExhausted, "grpc: received message larger than max (40000000 vs. 33554432)"), "winnowd --max-recv-bytes", exitBadInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := describe(tc.s.Err(), "127.0.0.1:1"); !strings.Contains(got, tc.want) {
				t.Errorf("describe = %q, want it to mention %q", got, tc.want)
			}
			if got := errorExit(tc.s.Err()); got != tc.exit {
				t.Errorf("exit %d, want %d", got, tc.exit)
			}
		})
	}
}
