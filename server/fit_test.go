package server

import (
	"math"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// fillWidest sets every field of m, at any depth, to its widest encoding:
// negative varints (10 bytes), long strings, three elements per list.
func fillWidest(m protoreflect.Message, depth int) {
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if fd.IsList() {
			l := m.Mutable(fd).List()
			for range 3 {
				if fd.Kind() == protoreflect.MessageKind {
					e := l.NewElement()
					fillWidest(e.Message(), depth+1)
					l.Append(e)
				} else {
					l.Append(widest(fd))
				}
			}
			continue
		}
		if fd.Kind() == protoreflect.MessageKind {
			fillWidest(m.Mutable(fd).Message(), depth+1)
			continue
		}
		m.Set(fd, widest(fd))
	}
}

func widest(fd protoreflect.FieldDescriptor) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(strings.Repeat("é", 300))
	case protoreflect.BytesKind:
		return protoreflect.ValueOfBytes([]byte(strings.Repeat("x", 300)))
	case protoreflect.EnumKind:
		return protoreflect.ValueOfEnum(-1)
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(true)
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32(math.MaxFloat32)
	case protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64(math.MaxFloat64)
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(math.MinInt32)
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(math.MinInt64)
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(math.MaxUint32)
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return protoreflect.ValueOfUint64(math.MaxUint64)
	}
	panic("unhandled kind " + fd.Kind().String())
}

// TestSizeBound: sizeBound is at least proto.Size on the widest response,
// and it knows every field of the messages it walks (a new field in the
// proto fails here until sizeBound counts it).
func TestSizeBound(t *testing.T) {
	for msg, n := range map[proto.Message]int{
		&winnowv1.ClassifyResponse{}: 13,
		&winnowv1.Block{}:            8,
		&winnowv1.FeatureWeight{}:    2,
		&winnowv1.DocumentSummary{}:  4,
		&winnowv1.CategoryCount{}:    2,
	} {
		md := msg.ProtoReflect().Descriptor()
		if got := md.Fields().Len(); got != n {
			t.Errorf("%s has %d fields, sizeBound knows %d: update sizeBound and this test", md.FullName(), got, n)
		}
	}
	r := &winnowv1.ClassifyResponse{}
	fillWidest(r.ProtoReflect(), 0)
	if b, n := sizeBound(r), proto.Size(r); b < n {
		t.Errorf("sizeBound %d < proto.Size %d on the widest response", b, n)
	}
	for _, r := range []*winnowv1.ClassifyResponse{{}, {Blocks: []*winnowv1.Block{{}}}, {Summary: &winnowv1.DocumentSummary{}}} {
		if b, n := sizeBound(r), proto.Size(r); b < n {
			t.Errorf("sizeBound %d < proto.Size %d on %v", b, n, r)
		}
	}
}
