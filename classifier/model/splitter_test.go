package model

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/winnowhq/winnow/classifier/segment"
)

func TestSplitterSection(t *testing.T) {
	m, plain := trainTiny(t, 1)
	if m.Splitter() != nil {
		t.Fatal("a trained model carries a splitter before WithSplitter")
	}
	sp := segment.DefaultSplitter()
	w := m.WithSplitter(sp)
	if m.Splitter() != nil || w.Splitter() != sp {
		t.Fatal("WithSplitter changed its receiver or lost the splitter")
	}
	var buf bytes.Buffer
	if err := w.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	want, _ := segment.DefaultSplitter().MarshalBinary()
	if len(data) != len(plain)+len(want)+len(`,"splitter_bytes":`)+len(strconv.Itoa(len(want))) {
		t.Errorf("file with splitter: %d bytes, without: %d, splitter: %d", len(data), len(plain), len(want))
	}
	d, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := d.Splitter().MarshalBinary()
	if !bytes.Equal(got, want) {
		t.Fatal("the decoded splitter differs from the encoded one")
	}
	var again bytes.Buffer
	if err := d.Encode(&again); err != nil || !bytes.Equal(again.Bytes(), data) {
		t.Fatalf("Encode(Decode(x)) != x (err %v)", err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"truncated splitter", data[:len(data)-1]},
		{"splitter without its header length", append(append([]byte{}, plain...), want...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fe *FormatError
			if _, err := Decode(tc.data); !errors.As(err, &fe) {
				t.Fatalf("got %v, want a *FormatError", err)
			}
		})
	}
	doc, _ := segment.Text("آیا بادام به کالریسوزی بدن کمک میکند؟ غار نمکی گرمسار، جاذبهای نفس گیر (+عکس) چرا برخی خاطرات ماندگار میشود؟", segment.TextOptions{Splitter: d.Splitter()})
	if len(doc.Blocks) < 2 {
		t.Errorf("the carried splitter cut the run-on line into %d units", len(doc.Blocks))
	}
}

func TestLongSplitterSection(t *testing.T) {
	m, _ := trainTiny(t, 1)
	sp, lsp := segment.DefaultSplitter(), segment.DefaultLongSplitter()
	w := m.WithSplitter(sp).WithLongSplitter(lsp)
	if m.LongSplitter() != nil || w.LongSplitter() != lsp {
		t.Fatal("WithLongSplitter changed its receiver or lost the splitter")
	}
	var buf bytes.Buffer
	if err := w.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	d, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := d.LongSplitter().MarshalBinary()
	want, _ := lsp.MarshalBinary()
	if !bytes.Equal(got, want) {
		t.Fatal("the decoded long-line splitter differs from the encoded one")
	}
	gotSp, _ := d.Splitter().MarshalBinary()
	wantSp, _ := sp.MarshalBinary()
	if !bytes.Equal(gotSp, wantSp) {
		t.Fatal("the decoded splitter differs from the encoded one")
	}
	var again bytes.Buffer
	if err := d.Encode(&again); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Fatalf("Encode(Decode(x)) != x (err %v)", err)
	}
	// a file without one decodes without one
	var plain bytes.Buffer
	if err := m.WithSplitter(sp).Encode(&plain); err != nil {
		t.Fatal(err)
	}
	if p, err := Decode(plain.Bytes()); err != nil || p.LongSplitter() != nil {
		t.Fatalf("file without a long-line splitter: %v, %v", p, err)
	}
	if _, err := Decode(buf.Bytes()[:buf.Len()-1]); err == nil {
		t.Fatal("a truncated file with a long-line splitter decoded")
	}
}
