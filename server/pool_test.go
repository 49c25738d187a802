package server

import (
	"strings"
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

func TestCopyPool(t *testing.T) {
	var p copyPool
	for _, tc := range []struct {
		name    string
		n, want int // want: the capacity
	}{
		{"empty", 0, 1 << 15},
		{"small", 100, 1 << 15},
		{"smallest tier", 1 << 15, 1 << 15},
		{"one past it", 1<<15 + 1, 1 << 16},
		{"50 KB", 50 << 10, 1 << 16},
		{"largest tier", 1 << 26, 1 << 26},
		{"past the tiers", 1<<26 + 1, 1<<26 + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := p.Get(tc.n)
			if len(*b) != tc.n || cap(*b) != tc.want {
				t.Errorf("Get(%d): len %d cap %d, want %d and %d", tc.n, len(*b), cap(*b), tc.n, tc.want)
			}
			p.Put(b)
		})
	}
}

// TestCodecManyPieces unmarshals requests that arrive in 16 KiB pieces,
// as HTTP/2 frames bring them: the codec copies them into copyPool's
// buffers, which it does not clear, so a shorter request after a longer
// one reads only its own bytes.
func TestCodecManyPieces(t *testing.T) {
	for _, n := range []int{100 << 10, 40 << 10, 70 << 10, 33 << 10} {
		want := &winnowv1.ClassifyRequest{Document: &winnowv1.Document{
			Id:      strings.Repeat("i", n%7),
			Content: &winnowv1.Document_Html{Html: "<p>" + strings.Repeat(string(rune('a'+n%26)), n) + "</p>"},
		}}
		b, err := proto.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var data mem.BufferSlice
		for len(b) > 0 {
			k := min(len(b), 16<<10)
			data = append(data, mem.SliceBuffer(b[:k]))
			b = b[k:]
		}
		got := new(winnowv1.ClassifyRequest)
		if err := (codec{}).Unmarshal(data, got); err != nil {
			t.Fatal(err)
		}
		if !proto.Equal(got, want) {
			t.Fatalf("%d bytes: the request read differs from the one sent", n)
		}
	}
}
