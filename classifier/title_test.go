package classifier

import "testing"

func TestOneTitle(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in, want []Category
	}{
		{"title then body", []Category{Title, Body, Body}, []Category{Title, Body, Body}},
		{"subheading in the body", []Category{Metadata, Title, Body, Title, Body}, []Category{Metadata, Title, Body, Body, Body}},
		{"title over two blocks", []Category{Title, Title, Body}, []Category{Title, Title, Body}},
		{"title after teaser boilerplate", []Category{Related, Title, Related, Title, Body}, []Category{Related, Title, Related, Title, Body}},
		{"body before any title", []Category{Body, Title, Body}, []Category{Body, Title, Body}},
		{"none", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := make([]Block, len(tc.in))
			for i, c := range tc.in {
				bs[i].Category = c
			}
			oneTitle(bs)
			for i := range bs {
				if bs[i].Category != tc.want[i] {
					t.Fatalf("block %d: got %v, want %v", i, bs[i].Category, tc.want[i])
				}
			}
		})
	}
}
