package classifier_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"testing"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/classifier/decode"
)

func gz(t *testing.T, p []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(p)
	w.Close()
	return b.Bytes()
}

// TestRawBytes: binary raw input is refused as not text (KindUnsupported,
// which the server maps to INVALID_ARGUMENT), gzip is decompressed.
func TestRawBytes(t *testing.T) {
	c := newClassifier(t)
	page := []byte("<html><body><h1>Title here</h1><p>Some body text of the article, long enough to be read.</p></body></html>")
	for _, tc := range []struct {
		name    string
		data    []byte
		notText bool
	}{
		{"binary", []byte{0, 1, 2, 3, 0xff, 0xfe, 0x80, 10, 'h', 'i'}, true},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), true},
		{"gzip", gz(t, page), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), classifier.Input{Data: tc.data, Raw: true})
			if tc.notText {
				if !errors.Is(err, decode.ErrNotText) || classifier.KindOf(err) != classifier.KindUnsupported {
					t.Fatalf("err = %v, want not text (unsupported)", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Mode != classifier.ModeHTML || !bytes.Contains([]byte(res.Text), []byte("Title here")) {
				t.Errorf("gzip page not decoded: mode %v text %q", res.Mode, res.Text)
			}
		})
	}
}
