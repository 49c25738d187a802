package server

import (
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

func doc(fields ...protowire.Number) []byte {
	var b []byte
	for _, f := range fields {
		b = protowire.AppendTag(b, f, protowire.BytesType)
		b = protowire.AppendString(b, "x")
	}
	return b
}

func field1(docs ...[]byte) []byte {
	var b []byte
	for _, d := range docs {
		b = protowire.AppendBytes(protowire.AppendTag(b, 1, protowire.BytesType), d)
	}
	return b
}

func TestContentCount(t *testing.T) {
	for _, tc := range []struct {
		name  string
		msg   []byte
		index int
		want  int
	}{
		{"none", field1(doc(1, 5)), -1, 0},
		{"one", field1(doc(1, 3, 5)), -1, 1},
		{"two", field1(doc(2, 3)), -1, 2},
		{"merged-occurrences", field1(doc(2), doc(3)), -1, 2},
		{"repeated-first", field1(doc(2, 3), doc(3)), 0, 2},
		{"repeated-second", field1(doc(2, 3), doc(3)), 1, 1},
		{"truncated", field1(doc(3))[:3], -1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := contentCount(tc.msg, 1, tc.index); got != tc.want {
				t.Errorf("contentCount = %d, want %d", got, tc.want)
			}
		})
	}
}

// FuzzCodecUnmarshal feeds arbitrary request bytes to the server codec: it
// must never panic, a document it accepts never carries more than one
// content field on the wire, and what it accepts either marshals again or
// fails validation (its strings that are not UTF-8).
func FuzzCodecUnmarshal(f *testing.F) {
	f.Add(field1(doc(3)))
	f.Add(field1(doc(2, 3)))
	f.Add(field1(doc(2, 3), doc(4), doc(1)))
	f.Add([]byte{0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		var c codec
		var single winnowv1.ClassifyRequest
		if c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(b)}, &single) == nil {
			if single.GetDocument().GetContent() != nil && contentCount(b, 1, -1) != 1 {
				t.Errorf("accepted a document with %d content fields", contentCount(b, 1, -1))
			}
			if _, err := proto.Marshal(&single); err != nil {
				var v violations
				v.document("document", single.GetDocument())
				v.options("options", single.GetOptions())
				if len(v) == 0 {
					t.Errorf("cannot re-marshal an accepted request (%v), and validation accepts it", err)
				}
			}
		}
		var batch winnowv1.ClassifyBatchRequest
		if c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(b)}, &batch) == nil {
			for i, d := range batch.GetDocuments() {
				if d.GetContent() != nil && contentCount(b, 1, i) != 1 {
					t.Errorf("document %d: accepted with %d content fields", i, contentCount(b, 1, i))
				}
			}
			// The codec hands strings that are not UTF-8 on to validation
			// (which names the field), so an accepted batch may not
			// marshal again: then validation must reject what holds them.
			for i, d := range batch.GetDocuments() {
				if _, err := proto.Marshal(d); err != nil {
					var v violations
					v.document("document", d)
					if len(v) == 0 {
						t.Errorf("document %d: cannot re-marshal (%v), and validation accepts it", i, err)
					}
				}
			}
			if _, err := proto.Marshal(batch.GetOptions()); err != nil {
				var v violations
				v.options("options", batch.GetOptions())
				if len(v) == 0 {
					t.Errorf("options: cannot re-marshal (%v), and validation accepts them", err)
				}
			}
		}
	})
}
