package wrap_test

import (
	"fmt"
	"testing"

	"github.com/winnowhq/winnow/internal/wrap"
)

func ExampleText() {
	fmt.Println(wrap.Text("The council voted on Tuesday to expand the city's bus network.", 24))
	// Output:
	// The council voted on
	// Tuesday to expand the
	// city's bus network.
}

func TestText(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		width    int
		want     string
	}{
		{"empty", "", 10, ""},
		{"fits", "a b c", 10, "a b c"},
		{"long word alone", "a abcdefghijkl b", 5, "a\nabcdefghijkl\nb"},
		{"runes, not bytes", "سلام دنیا خوب", 9, "سلام دنیا\nخوب"},
		{"white space collapses", "a \n\n b", 10, "a b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wrap.Text(tc.in, tc.width); got != tc.want {
				t.Errorf("Text(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
			}
		})
	}
}
