package peer

import (
	"errors"
	"strings"
	"testing"
)

const tinyPage = `<!doctype html><html><head><title>Rain in Tabriz</title><script>var x = "no";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rain in Tabriz</h1>
<p>Heavy rain fell on Tabriz on Monday, flooding several streets in the old bazaar district and closing two schools for the day.</p>
<p>City officials said the drainage network, built decades ago, could not cope with the amount of water that fell in under an hour.</p>
<p>Shopkeepers spent the afternoon moving goods to higher shelves while volunteers cleared the drains with buckets and brooms.</p>
</article><footer>© 2026 News</footer></body></html>`

func TestExtractorsReturnText(t *testing.T) {
	p := &Page{Raw: []byte(tinyPage), HTML: tinyPage, URL: "https://example.com/news/1",
		Rendition: "Home World\nRain in Tabriz\nHeavy rain fell on Tabriz on Monday, flooding several streets in the old bazaar district and closing two schools for the day.\n© 2026 News"}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			x, err := New(name)
			if err != nil {
				t.Fatal(err)
			}
			if x.Name() != name {
				t.Errorf("Name() = %q", x.Name())
			}
			got, err := x.Extract(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, "Tabriz") {
				t.Errorf("no article text in %q", got)
			}
			if strings.Contains(got, `var x`) {
				t.Errorf("script text in %q", got)
			}
		})
	}
}

func TestEmptyPage(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			x, err := New(name)
			if err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() { recover() }() // peers may panic; that is what the harness counts
				x.Extract(&Page{})
			}()
		})
	}
}

func TestUnknown(t *testing.T) {
	if _, err := New("nope"); !errors.Is(err, ErrUnknown) {
		t.Errorf("err = %v, want ErrUnknown", err)
	}
}
