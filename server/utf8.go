package server

import (
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// badString is a string field whose bytes are not UTF-8, found at path in
// an encoded message.
type badString struct {
	path []step
	raw  []byte
}

// step is one field on the way to a bad string: index counts the
// occurrences of a repeated message field (0 for singular fields).
type step struct {
	fd    protoreflect.FieldDescriptor
	index int
}

// restore sets the bad string's bytes, unchanged, in m: Go strings may
// hold any bytes, and validation reports them.
func (s badString) restore(m protoreflect.Message) {
	for _, st := range s.path[:len(s.path)-1] {
		switch {
		case st.fd.IsList():
			l := m.Get(st.fd).List()
			if st.index >= l.Len() {
				return
			}
			m = l.Get(st.index).Message()
		case st.fd.Message() != nil && !st.fd.IsMap():
			m = m.Mutable(st.fd).Message()
		default:
			return
		}
	}
	last := s.path[len(s.path)-1].fd
	if last.Kind() == protoreflect.StringKind && !last.IsList() && !last.IsMap() {
		m.Set(last, protoreflect.ValueOfString(string(s.raw)))
	}
}

// stripInvalidUTF8 returns b, an encoded message of type md, without its
// string fields that are not valid UTF-8 (at any depth), and those fields.
// b must be well formed apart from the strings; when it is not, the
// result holds no bad strings and the caller keeps its original error.
func stripInvalidUTF8(b []byte, md protoreflect.MessageDescriptor) ([]byte, []badString) {
	out, bad, ok := strip(b, md, nil, 0)
	if !ok {
		return nil, nil
	}
	return out, bad
}

func strip(b []byte, md protoreflect.MessageDescriptor, path []step, depth int) ([]byte, []badString, bool) {
	if depth > 16 {
		return nil, nil, false
	}
	var out []byte
	var bad []badString
	seen := map[protowire.Number]int{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, nil, false
		}
		m := protowire.ConsumeFieldValue(num, typ, b[n:])
		if m < 0 {
			return nil, nil, false
		}
		field := b[:n+m]
		b = b[n+m:]
		fd := md.Fields().ByNumber(num)
		if fd == nil || typ != protowire.BytesType {
			out = append(out, field...)
			continue
		}
		val, _ := protowire.ConsumeBytes(field[n:])
		switch {
		case fd.Kind() == protoreflect.StringKind && !utf8.Valid(val):
			p := append(append([]step(nil), path...), step{fd: fd})
			bad = append(bad, badString{path: p, raw: append([]byte(nil), val...)})
		case fd.Kind() == protoreflect.MessageKind && !fd.IsMap():
			idx := 0
			if fd.IsList() {
				idx = seen[num]
				seen[num]++
			}
			sub, subBad, ok := strip(val, fd.Message(), append(path, step{fd: fd, index: idx}), depth+1)
			if !ok {
				return nil, nil, false
			}
			out = protowire.AppendTag(out, num, protowire.BytesType)
			out = protowire.AppendBytes(out, sub)
			bad = append(bad, subBad...)
		default:
			out = append(out, field...)
		}
	}
	return out, bad, true
}
