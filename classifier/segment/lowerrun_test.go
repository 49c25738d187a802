package segment

import "testing"

func FuzzLowerRunEnd(f *testing.F) {
	for _, s := range []string{"", "a", "abcdefghijklmnopqrstuvwxyz", "abcdefgh`", "abcdefg{hij", "abc\xe1\x80\x80defghij", "zzzzzzzzzzzzzzzzA", "ab\xfaaaaaaaaaaa"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i > len(s) {
			return
		}
		want := i
		for want < len(s) && s[want]-'a' < 26 {
			want++
		}
		if got := lowerRunEnd(s, i, len(s)); got != want {
			t.Fatalf("lowerRunEnd(%q, %d) = %d, want %d", s, i, got, want)
		}
	})
}
