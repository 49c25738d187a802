package decode

import (
	"bytes"
	"testing"
)

func TestContainsFold(t *testing.T) {
	for _, c := range []struct {
		name string
		p, s string
		want bool
	}{
		{"lower", `<meta charset="x">`, "charset", true},
		{"upper first letter", `<meta Charset="x">`, "charset", true},
		{"all upper", `<META CHARSET="x">`, "charset", true},
		{"upper before lower", `CHARS and charset`, "charset", true},
		{"lower before upper", `chars and CHARSET`, "charset", true},
		{"cut short", `<meta chars`, "charset", false},
		{"absent", `<meta name="description">`, "charset", false},
		{"not a letter first", `<META name=x>`, "<meta", true},
		{"empty", ``, "<meta", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := containsFold([]byte(c.p), c.s); got != c.want {
				t.Errorf("containsFold(%q, %q) = %v, want %v", c.p, c.s, got, c.want)
			}
		})
	}
}

func FuzzContainsFold(f *testing.F) {
	f.Add([]byte(`<META CHARSET="x">`), "charset")
	f.Add([]byte(`cCcharset`), "charset")
	f.Add([]byte(`<meta`), "<meta")
	f.Fuzz(func(t *testing.T, p []byte, s string) {
		s = asciiLower(s)
		if s == "" {
			return
		}
		for i := range len(s) {
			if s[i] >= 0x80 {
				return // the callers' strings are ASCII
			}
		}
		want := bytes.Contains([]byte(asciiLower(string(p))), []byte(s))
		if got := containsFold(p, s); got != want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", p, s, got, want)
		}
	})
}
