package model

import "testing"

func TestURLFeatures(t *testing.T) {
	// feature names, in urlFeatures' order
	names := [numURLFeats]string{"url", "root", "depth", "slug", "slugLen", "date", "digits", "ext",
		"forum", "product", "listing", "docs", "article", "query"}
	for _, tc := range []struct {
		name, url string
		on        []int // features that must be non-zero; all others must be 0
	}{
		{"none", "", nil},
		{"not an address", "hello world", nil},
		{"relative path", "news/today", nil},
		{"too long", "https://example.com/" + string(make([]byte, maxURLBytes)), nil},
		{"front page", "https://www.example.com/", []int{0, 1}},
		{"front page with a query", "https://example.com/?ref=x", []int{0, 13}},
		{"dated article", "https://www.example.com/2024/05/16/nepal-says-no-proof-of-bird-strike/", []int{0, 2, 3, 4, 5}},
		{"story with a long id", "https://www.derstandard.at/story/3000000218734/nach-kalifat-rufen-in-hamburg", []int{0, 2, 3, 4, 6, 12}},
		{"html article", "https://www.independent.co.uk/news/world/laos-methanol-poisoning-b2651790.html", []int{0, 2, 3, 4, 6, 7, 12}},
		{"compact date", "https://example.com/20240516/x", []int{0, 2, 5, 6}},
		{"forum thread", "https://forums.macrumors.com/threads/messages-in-icloud.2350553/", []int{0, 2, 4, 6, 8}},
		{"product", "https://www.deathwishcoffee.com/products/death-wish-coffee", []int{0, 2, 3, 4, 9}},
		{"category listing", "https://www.example.com/category/world", []int{0, 2, 10}},
		{"documentation", "https://kubernetes.io/docs/concepts/services-networking/service/", []int{0, 2, 4, 11}},
		{"docs host", "https://docs.djangoproject.com/en/5.1/topics/db/models/", []int{0, 2, 10, 11}},
		{"path-absolute", "/threads/x.1/", []int{0, 2, 8}},
		{"index page with an id", "http://www.hfxnews.ca/index.cfm?sid=93539&sc=92", []int{0, 2, 13}},
		{"words of a slug are no kind", "https://example.com/all-you-need-to-know-about-tags", []int{0, 2, 3, 4}},
		{"year alone is no date", "https://example.com/2024/", []int{0, 2}},
		{"year in a number is no date", "https://example.com/item/12024-05-1", []int{0, 2, 6, 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f [numURLFeats]float32
			urlFeatures(tc.url, &f)
			want := map[int]bool{}
			for _, i := range tc.on {
				want[i] = true
			}
			for i, v := range f {
				if (v != 0) != want[i] {
					t.Errorf("%s = %v, want non-zero %v", names[i], v, want[i])
				}
			}
		})
	}
}

func TestPageExampleWithoutURL(t *testing.T) {
	var e pageExample
	for i := range e.f {
		e.f[i] = 1
	}
	e.w = 1
	exs := appendPageExample(nil, e, true)
	if len(exs) != 2 || exs[0].w != 0.5 || exs[1].w != 0.5 {
		t.Fatalf("got %d examples %+v, want two at half weight", len(exs), exs)
	}
	for i, v := range exs[1].f {
		if want := i < numPageFeatsV5 || i >= numPageFeatsV6; (v != 0) != want {
			t.Errorf("feature %d of the copy without its address = %v", i, v)
		}
	}
	if exs = appendPageExample(nil, e, false); len(exs) != 1 || exs[0].w != 1 {
		t.Fatalf("a page without an address: %+v, want itself", exs)
	}
}

// FuzzURLFeatures: any address (Input.URL is the caller's) gives features
// in [0, 1] without a panic, and none without the first.
func FuzzURLFeatures(f *testing.F) {
	for _, s := range []string{"", "/", "https://example.com/2024/05/16/a-b-c/", "http://[::1]:80/x?y",
		"https://forums.example.org/threads/x.123/", "//host/path", "mailto:a@b", "%zz", "/a/b.c.d.html?q=1#f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var fs [numURLFeats]float32
		urlFeatures(s, &fs)
		for i, v := range fs {
			if !(v >= 0 && v <= 1) || (fs[0] == 0 && v != 0) {
				t.Fatalf("%q: feature %d = %v (has address %v)", s, i, v, fs[0])
			}
		}
	})
}
