package model

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"os"
	"testing"
)

var upgradeFile = flag.String("upgrade", "", "TestUpgradeFile: rewrite this format version 1 or 2 model file as the current version in place")

// TestUpgradeFile (-upgrade FILE) rewrites a version 1 model file with the
// checksum; the weights are the same bytes (TestPredictGolden proves the
// predictions did not move).
func TestUpgradeFile(t *testing.T) {
	if *upgradeFile == "" {
		t.Skip("tool: -upgrade FILE")
	}
	data, err := os.ReadFile(*upgradeFile)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Upgrade(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*upgradeFile, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestChecksum(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Info().ContentSHA256) != 64 {
		t.Fatalf("ContentSHA256 %q", m.Info().ContentSHA256)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), defaultModel) {
		t.Error("Encode(Decode(default.wnm)) differs from default.wnm")
	}
	var fe *FormatError
	// Flip one byte anywhere (header, weights, splitter, checksum): the
	// file must be refused.
	for _, off := range []int{len(magic) + 10, len(defaultModel) / 3, len(defaultModel) / 2, len(defaultModel) - 40, len(defaultModel) - 1} {
		bad := bytes.Clone(defaultModel)
		bad[off] ^= 0x10
		if _, err := Decode(bad); !errors.As(err, &fe) {
			t.Errorf("byte %d flipped: err = %v, want a *FormatError", off, err)
		}
	}
	if _, err := Decode(defaultModel[:len(defaultModel)-1]); !errors.As(err, &fe) {
		t.Errorf("truncated: err = %v", err)
	}
	v1 := bytes.Clone(defaultModel[:len(defaultModel)-checksumBytes])
	v1[len(magic)] = 1
	if _, err := Decode(v1); !errors.As(err, &fe) {
		t.Errorf("version 1: err = %v", err)
	}
	up, err := Upgrade(v1)
	if err != nil || !bytes.Equal(up, defaultModel) {
		t.Errorf("Upgrade(version 1) differs from the current file: %v", err)
	}
}

// withChecksum returns a model file whose bytes were edited with a valid
// checksum trailer again.
func withChecksum(b []byte) []byte {
	b = bytes.Clone(b[:len(b)-checksumBytes])
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}
