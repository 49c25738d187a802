package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/winnowhq/winnow/classifier/segment"
)

func TestLoadSplitter(t *testing.T) {
	dir := t.TempDir()
	good, _ := segment.DefaultSplitter().MarshalBinary()
	goodFile := filepath.Join(dir, "good.bin")
	badFile := filepath.Join(dir, "bad.bin")
	os.WriteFile(goodFile, good, 0o644)
	os.WriteFile(badFile, good[:len(good)/2], 0o644)
	logf := func(string, ...any) {}
	for _, tc := range []struct {
		name, arg string
		ok        bool
	}{
		{"embedded", "embedded", true},
		{"file", goodFile, true},
		{"truncated file", badFile, false},
		{"missing file", filepath.Join(dir, "none.bin"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp, err := loadSplitter(tc.arg, "", "", logf)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want ok %v", err, tc.ok)
			}
			if tc.ok {
				b, _ := sp.MarshalBinary()
				if string(b) != string(good) {
					t.Error("the loaded splitter differs from the embedded one")
				}
			}
		})
	}
}
