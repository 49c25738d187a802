package peer

import (
	"errors"
	"fmt"
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

// TestWinnowKeep: on a page without an article (a section front of
// teaser links) winnow-html gives no text by default and winnow-keep the
// page's main list.
func TestWinnowKeep(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><title>World news</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav><main><h1>World</h1><ul class="teasers">`)
	for i, s := range []string{"Floods close schools in Tabriz", "Markets rally after the rate cut", "New bridge opens over the river", "Storm delays flights in the north", "Museum returns stolen paintings", "Farmers count losses after the frost", "City adds night buses to its network", "Scientists map the deep sea floor", "Court rules on the harbour plan", "Rail strike called off at the last minute", "Local team wins the cup final", "Heatwave warning for the weekend"} {
		fmt.Fprintf(&b, `<li><a href="/world/%d"><img src="/i/%d.jpg" alt=""><h3>%s</h3></a><time>2 hours ago</time></li>`, i, i, s)
	}
	b.WriteString(`</ul></main><footer>© 2026 News</footer></body></html>`)
	p := &Page{Raw: []byte(b.String()), HTML: b.String(), URL: "https://example.com/world/"}
	got := map[string]string{}
	for _, name := range []string{"winnow-html", "winnow-keep"} {
		x, err := New(name)
		if err != nil {
			t.Fatal(err)
		}
		if got[name], err = x.Extract(p); err != nil {
			t.Fatal(err)
		}
	}
	if got["winnow-html"] != "" {
		t.Errorf("winnow-html kept %q on a page without an article", got["winnow-html"])
	}
	if !strings.Contains(got["winnow-keep"], "Museum returns stolen paintings") {
		t.Errorf("winnow-keep: %q, want the main list", got["winnow-keep"])
	}
}
