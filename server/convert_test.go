package server

import (
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// TestWireCategory binds the proto Category enum to classifier's category
// table: the same numbers, and CATEGORY_ plus the upper-cased name.
func TestWireCategory(t *testing.T) {
	if got, want := len(winnowv1.Category_name), int(classifier.NumCategories); got != want {
		t.Fatalf("the proto has %d categories, classifier %d", got, want)
	}
	for c := range classifier.NumCategories {
		w := WireCategory(c)
		if int32(w) != int32(c) {
			t.Errorf("%v: wire number %d, want %d", c, int32(w), c)
		}
		if want := "CATEGORY_" + strings.ToUpper(c.String()); w.String() != want {
			t.Errorf("%v: wire name %s, want %s", c, w, want)
		}
	}
}
