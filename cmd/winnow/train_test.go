package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/internal/corpus"
	"github.com/winnowhq/winnow/internal/evalrun"
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
// -h prints the help with examples on stdout and exits 0, a bad flag or a
// stray argument exits 1.
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
		{"train page-only with two specs", []string{"train", "--page-only", "m.wnm", "--ablation", "tokens,all"}, exitUsage},
		{"train page-only with a version", []string{"train", "--page-only", "m.wnm", "--version", "v1"}, exitUsage},
		{"train page-only no such model", []string{"train", "--page-only", "/nonexistent/m.wnm"}, 1},
		{"train splitter bad flag", []string{"train", "splitter", "--no-such-flag"}, exitUsage},
		{"eval bad flag", []string{"eval", "--no-such-flag"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if got := run(context.Background(), tc.args, strings.NewReader(""), &out, &errOut); got != tc.want {
				t.Fatalf("exit %d, want %d; stderr: %s", got, tc.want, errOut.String())
			}
			if tc.want == exitOK && !strings.Contains(out.String(), "Examples:") {
				t.Errorf("help without examples: %s", out.String())
			}
		})
	}
}

// TestTrainPageOnlyLongSplitter: with --page-only, an explicit
// --long-splitter replaces BASE's, and a bad one fails before any
// training.
func TestTrainPageOnlyLongSplitter(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.wnm")
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.bin")
	if err := os.WriteFile(bad, []byte("not a splitter"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	args := []string{"train", "-q", "--page-only", base, "--long-splitter", bad, "--persian", "/nonexistent", "--out", filepath.Join(dir, "m.wnm")}
	if got := run(context.Background(), args, strings.NewReader(""), &out, &errOut); got != 1 || !strings.Contains(errOut.String(), "long-line splitter") {
		t.Fatalf("exit %d, want 1 with the long-line splitter named; stderr: %s", got, errOut.String())
	}
}

// TestEvalPages checks winnow eval --pages: one JSON object a line for
// every scored page.
func TestEvalPages(t *testing.T) {
	sh, err := corpus.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	corpora := filepath.Join(sh, "corpora")
	if _, err := os.Stat(filepath.Join(corpora, "newspaper4k_fixtures")); err != nil {
		t.Skip("no shared corpora")
	}
	dir := t.TempDir()
	pages := filepath.Join(dir, "pages.jsonl")
	var out, errOut bytes.Buffer
	args := []string{"eval", "-q", "--corpora", corpora, "--sets", "newspaper4k_fixtures", "--modes", "html,text", "--max-pages", "3", "--out", filepath.Join(dir, "r.md"), "--pages", pages}
	if got := run(context.Background(), args, strings.NewReader(""), &out, &errOut); got != exitOK {
		t.Fatalf("exit %d; stderr: %s", got, errOut.String())
	}
	data, err := os.ReadFile(pages)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines, want 6 (3 pages, 2 modes):\n%s", len(lines), data)
	}
	for _, l := range lines {
		var ps evalrun.PageScore
		if err := json.Unmarshal([]byte(l), &ps); err != nil || ps.Set != "newspaper4k_fixtures" || ps.ID == "" || ps.F1 <= 0 {
			t.Errorf("line %s: %+v, %v", l, ps, err)
		}
	}
	// the same run against its own pages: nothing moved
	out.Reset()
	args = append(args[:len(args)-2], "--against", pages)
	if got := run(context.Background(), args, strings.NewReader(""), &out, &errOut); got != exitOK {
		t.Fatalf("--against: exit %d; stderr: %s", got, errOut.String())
	}
	if !strings.Contains(out.String(), "## Pages that moved against pages.jsonl") || !strings.Contains(out.String(), "\n0 pages moved") {
		t.Errorf("--against printed:\n%s", out.String())
	}
	args[len(args)-1] = filepath.Join(dir, "missing.jsonl")
	if got := run(context.Background(), args, strings.NewReader(""), &out, &errOut); got != exitUsage {
		t.Errorf("--against a missing file: exit %d, want %d", got, exitUsage)
	}
}
