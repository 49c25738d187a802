package server

import (
	"fmt"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/protoadapt"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// codec is the gRPC proto codec plus one check the protobuf library cannot
// make: when a Document arrives with more than one member of its content
// oneof (say html and text), protobuf keeps the last and silently drops the
// others. codec clears the content of such a document instead, so
// validation rejects it ("set exactly one of html, text or raw") rather than
// classifying part of what was sent.
type codec struct{}

func (codec) Name() string { return "proto" }

// maxPooledMessage is the largest message Marshal encodes into a pooled
// buffer (the largest of the default pool's small tiers).
const maxPooledMessage = 32 << 10

func (codec) Marshal(v any) (mem.BufferSlice, error) {
	m := messageOf(v)
	if m == nil {
		return nil, fmt.Errorf("proto: cannot marshal %T, want proto.Message", v)
	}
	// As grpc's own codec: size the message once (which refreshes the
	// size cache of every submessage, so a message changed since an
	// earlier Size is sized afresh), then marshal with that size into a
	// pooled buffer, which gRPC returns to the pool once it is written.
	// Messages over maxPooledMessage get a buffer of their own, as
	// before: the pool's next tier holds 1 MiB buffers, and a few
	// responses to large documents in flight kept 8 MB more resident.
	size := proto.Size(m)
	opts := proto.MarshalOptions{UseCachedSize: true}
	if mem.IsBelowBufferPoolingThreshold(size) || size > maxPooledMessage {
		b, err := opts.Marshal(m)
		if err != nil {
			return nil, err
		}
		return mem.BufferSlice{mem.SliceBuffer(b)}, nil
	}
	pool := mem.DefaultBufferPool()
	buf := pool.Get(size)
	b, err := opts.MarshalAppend((*buf)[:0], m)
	if err != nil {
		pool.Put(buf)
		return nil, err
	}
	if len(b) != len(*buf) || &b[0] != &(*buf)[0] { // the size was off: not our buffer
		pool.Put(buf)
		return mem.BufferSlice{mem.SliceBuffer(b)}, nil
	}
	return mem.BufferSlice{mem.NewBuffer(buf, pool)}, nil
}

func (codec) Unmarshal(data mem.BufferSlice, v any) error {
	m := messageOf(v)
	if m == nil {
		return fmt.Errorf("proto: cannot unmarshal into %T, want proto.Message", v)
	}
	buf := data.MaterializeToBuffer(&requestPool)
	defer buf.Free()
	b := buf.ReadOnlyData()
	if err := proto.Unmarshal(b, m); err != nil {
		// proto3 strings must be UTF-8, and gRPC turns every codec error
		// into INTERNAL. Unmarshal again without the offending strings and
		// put their bytes back afterwards, so that validation rejects
		// them with INVALID_ARGUMENT naming the field.
		clean, bad := stripInvalidUTF8(b, m.ProtoReflect().Descriptor())
		if len(bad) == 0 {
			return err
		}
		proto.Reset(m)
		if err2 := proto.Unmarshal(clean, m); err2 != nil {
			return err
		}
		for _, s := range bad {
			s.restore(m.ProtoReflect())
		}
	}
	switch r := m.(type) {
	case *winnowv1.ClassifyRequest:
		if d := r.GetDocument(); d != nil && contentCount(b, 1, -1) > 1 {
			d.Content = nil
		}
	case *winnowv1.ClassifyStreamRequest:
		if d := r.GetDocument(); d != nil && contentCount(b, 1, -1) > 1 {
			d.Content = nil
		}
	case *winnowv1.ClassifyBatchRequest:
		for i, d := range r.GetDocuments() {
			if contentCount(b, 1, i) > 1 {
				d.Content = nil
			}
		}
	}
	return nil
}

func messageOf(v any) proto.Message {
	switch v := v.(type) {
	case protoadapt.MessageV2:
		return v
	case protoadapt.MessageV1:
		return protoadapt.MessageV2Of(v)
	}
	return nil
}

// contentCount returns how many content-oneof fields (Document fields 2, 3
// and 4) the document in field num of the message b carries. index -1
// means a singular field, whose occurrences merge into one document;
// index i >= 0 means the i-th occurrence of a repeated field. b has
// already been unmarshalled successfully, so it is well formed.
func contentCount(b []byte, num protowire.Number, index int) int {
	n, seen := 0, 0
	for len(b) > 0 {
		f, typ, l := protowire.ConsumeTag(b)
		if l < 0 {
			return n
		}
		b = b[l:]
		if f == num && typ == protowire.BytesType {
			doc, l := protowire.ConsumeBytes(b)
			if l < 0 {
				return n
			}
			b = b[l:]
			if index < 0 || seen == index {
				n += oneofFields(doc)
			}
			seen++
			continue
		}
		l = protowire.ConsumeFieldValue(f, typ, b)
		if l < 0 {
			return n
		}
		b = b[l:]
	}
	return n
}

// oneofFields counts the content fields in an encoded Document.
func oneofFields(b []byte) int {
	n := 0
	for len(b) > 0 {
		f, typ, l := protowire.ConsumeTag(b)
		if l < 0 {
			return n
		}
		b = b[l:]
		if f >= 2 && f <= 4 {
			n++
		}
		l = protowire.ConsumeFieldValue(f, typ, b)
		if l < 0 {
			return n
		}
		b = b[l:]
	}
	return n
}
