package classifier

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestShareLines(t *testing.T) {
	const (
		B = model.ClassBody
		C = model.ClassComments
		R = model.ClassRelated
		M = model.ClassMetadata
		N = model.ClassNavigation
		S = model.ClassShare
	)
	for _, tc := range []struct {
		name  string
		line  string
		class int
		want  int
	}{
		{"print after a comment thread", "چاپ خبر", C, S},
		{"copy the link", "کپی لینک", R, S},
		{"copied, arabic letters", "كپي شد", R, S},
		{"networks", "Share on Facebook | Twitter", M, S},
		{"upper case", "SHARE", R, S},
		{"a comment form's verb", "ارسال نظر", C, C},
		{"share and comment", "اشتراک نظر", C, C},
		{"send is no share word", "ارسال به دوستان", R, R},
		{"a count", "Share 12", M, M},
		{"too many words", "Read what our readers say about this story on Facebook today", C, C},
		{"navigation keeps its class", "Facebook", N, N},
		{"content keeps its class", "Share", B, B},
		{"a word of another hash", "Sharepoint", R, R},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks([]string{"The council said on Tuesday that the road would reopen in May.", tc.line})
			classes := []int{B, tc.class}
			shareLines(text, blocks, classes)
			if !slices.Equal(classes, []int{B, tc.want}) {
				t.Errorf("class = %d, want %d", classes[1], tc.want)
			}
		})
	}
	t.Run("before the article's last paragraph", func(t *testing.T) {
		text, blocks := lineBlocks([]string{"چاپ خبر", "The council said on Tuesday that the road would reopen in May."})
		classes := []int{C, B}
		shareLines(text, blocks, classes)
		if !slices.Equal(classes, []int{C, B}) {
			t.Errorf("classes = %v, want %v", classes, []int{C, B})
		}
	})
}

// FuzzShareLine checks shareLine, which hashes its words, against the
// same test written with legalKey's strings.
func FuzzShareLine(f *testing.F) {
	for _, s := range []string{"چاپ خبر", "Share on Facebook | Twitter", "ارسال نظر", "كپي‌شد", "a\xffb share", "Share 12", "x:y|z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := shareLine(s), shareLineRef(s); got != want {
			t.Fatalf("shareLine(%q) = %v, want %v", s, got, want)
		}
	})
}

// shareLineRef is shareLine written plainly.
func shareLineRef(t string) bool {
	if strings.Count(t, " ") >= 2*maxShareWords {
		return false
	}
	if strings.IndexFunc(t, unicode.IsDigit) >= 0 {
		return false
	}
	words := strings.FieldsFunc(t, func(r rune) bool {
		return r == ' ' || r == ':' || isLegalSep(r) || unicode.IsSpace(r) || r < ' '
	})
	share, n := false, 0
	for _, w := range words {
		k := string(legalKey(nil, w, maxLegalKey+1))
		if k == "" {
			continue
		}
		if n++; n > maxShareWords {
			return false
		}
		if slices.Contains(strings.Fields(commentLineWords), k) || slices.ContainsFunc(strings.Fields(commentLineWords), func(c string) bool { return string(legalKey(nil, c, maxLegalKey)) == k }) {
			return false
		}
		if slices.ContainsFunc(strings.Fields(strongShareWords), func(c string) bool { return string(legalKey(nil, c, maxLegalKey)) == k }) {
			share = true
		}
	}
	return share
}
