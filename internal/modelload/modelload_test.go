package modelload

import (
	"os"
	"path/filepath"
	"testing"
)

func TestClassifier(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.wnm")
	if err := os.WriteFile(bad, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file string
		wantErr    bool
	}{
		{"embedded", "", false},
		{"missing file", filepath.Join(dir, "none.wnm"), true},
		{"not a model", bad, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Classifier(tc.file)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err == nil && c.Info().Version == "" {
				t.Error("no model version")
			}
		})
	}
}
