package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResume(t *testing.T) {
	for _, tc := range []struct {
		name      string
		content   string
		done      string // ids, comma-separated
		truncated int64
		notOutput bool
	}{
		{"new", "", "", 0, false},
		{"complete", "{\"id\":\"a\"}\n{\"id\":\"b\",\"x\":1}\n", "a,b", 0, false},
		{"torn", "{\"id\":\"a\"}\n{\"id\":\"b\",\"ma", "a", 13, false},
		{"torn-whole-json", "{\"id\":\"a\"}\n{\"id\":\"b\"}", "a", 10, false},
		{"not-ours", "hello\n{\"id\":\"a\"}\n", "", 0, true},
		{"no-id", "{\"name\":\"a\"}\n", "", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "out.jsonl")
			if tc.content != "" {
				if err := os.WriteFile(p, []byte(tc.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o, r, err := Open(p)
			var ne *NotOutputError
			if tc.notOutput {
				if !errors.As(err, &ne) {
					t.Fatalf("err %v, want NotOutputError", err)
				}
				if b, _ := os.ReadFile(p); string(b) != tc.content {
					t.Error("a refused file was changed")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, id := range strings.Split(tc.done, ",") {
				if id != "" {
					ids = append(ids, id)
					if _, ok := r.Done[id]; !ok {
						t.Errorf("%s not done", id)
					}
				}
			}
			if len(r.Done) != len(ids) || r.Truncated != tc.truncated {
				t.Errorf("done %v truncated %d, want %v and %d", r.Done, r.Truncated, ids, tc.truncated)
			}
			if err := o.Append([]byte("{\"id\":\"new\"}\n")); err != nil {
				t.Fatal(err)
			}
			if err := o.Append([]byte("{\"id\":\"x\"}")); err == nil {
				t.Error("a record without newline was accepted")
			}
			// A second job cannot open the file while the first holds it.
			if _, _, err := Open(p); err == nil {
				t.Error("a second Open of a locked output succeeded")
			}
			if err := o.Close(); err != nil {
				t.Fatal(err)
			}
			_, r2, err := Open(p)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := r2.Done["new"]; !ok || len(r2.Done) != len(ids)+1 {
				t.Errorf("after append: %v", r2.Done)
			}
		})
	}
}

// FuzzResume opens arbitrary existing outputs: Open either refuses the
// file unchanged or keeps exactly its prefix of complete record lines.
func FuzzResume(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\"}\n{\"id\":\"b\"}\n"))
	f.Add([]byte("{\"id\":\"a\"}\n{\"id\":\"b\",\"ma"))
	f.Add([]byte("{\"id\":1}\n"))
	f.Add([]byte("\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "out.jsonl")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		o, r, err := Open(p)
		after, _ := os.ReadFile(p)
		if err != nil {
			if string(after) != string(data) {
				t.Fatal("a refused file was changed")
			}
			return
		}
		defer o.Close()
		if !strings.HasPrefix(string(data), string(after)) || int64(len(data)-len(after)) != r.Truncated {
			t.Fatalf("kept %d of %d bytes, truncated %d", len(after), len(data), r.Truncated)
		}
		if len(after) > 0 && after[len(after)-1] != '\n' {
			t.Fatal("the kept prefix ends in a torn line")
		}
		if n := strings.Count(string(after), "\n"); len(r.Done) > n {
			t.Fatalf("%d ids from %d lines", len(r.Done), n)
		}
	})
}
