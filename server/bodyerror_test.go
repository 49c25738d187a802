package server

import (
	"errors"
	"fmt"
	"io"
	"testing"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// TestBodyError: a request body that fails to decode is named as such,
// with protobuf's "proto:" prefix dropped whichever space follows it (a
// no-break space in some builds), a cut body called one, and the message
// expected named.
func TestBodyError(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		err  error
		want string
	}{
		{"space", &winnowv1.ClassifyRequest{}, errors.New("proto: syntax error (line 1:1): unexpected token null"),
			"request body: syntax error (line 1:1): unexpected token null; send a JSON ClassifyRequest (see /openapi.json)"},
		{"no-break space", &winnowv1.ClassifyBatchRequest{}, errors.New("proto:\u00a0syntax error (line 1:1): unexpected token ["),
			"request body: syntax error (line 1:1): unexpected token [; send a JSON ClassifyBatchRequest (see /openapi.json)"},
		{"cut short", &winnowv1.ClassifyRequest{}, fmt.Errorf("decode: %w", io.ErrUnexpectedEOF),
			"request body: the JSON ends early; send a JSON ClassifyRequest (see /openapi.json)"},
		{"not a message", new(int), errors.New("bad"), "request body: bad; send a JSON object (see /openapi.json)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := bodyError(tc.v, tc.err).Error(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
