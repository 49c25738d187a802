package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
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

// TestTrainEvalUsage checks the documented exit codes of train and eval:
// -h prints a usage with examples and exits 0, a bad flag or a stray
// argument exits 1.
func TestTrainEvalUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"train -h", []string{"train", "-h"}, exitOK},
		{"train model -h", []string{"train", "model", "-h"}, exitOK},
		{"train splitter -h", []string{"train", "splitter", "-h"}, exitOK},
		{"eval -h", []string{"eval", "-h"}, exitOK},
		{"train bad flag", []string{"train", "--no-such-flag"}, exitUsage},
		{"train stray argument", []string{"train", "models"}, exitUsage},
		{"train bad ablation", []string{"train", "--ablation", "nope"}, exitUsage},
		{"train splitter bad flag", []string{"train", "splitter", "--no-such-flag"}, exitUsage},
		{"eval bad flag", []string{"eval", "--no-such-flag"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if got := run(context.Background(), tc.args, strings.NewReader(""), &out, &errOut); got != tc.want {
				t.Fatalf("exit %d, want %d; stderr: %s", got, tc.want, errOut.String())
			}
			if tc.want == exitOK && !strings.Contains(errOut.String(), "examples:") {
				t.Errorf("usage without examples: %s", errOut.String())
			}
		})
	}
}
