package evalrun

import "testing"

func TestNodesOf(t *testing.T) {
	page := `<html><head><title>T</title><style>p{}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<h1>Rain  returns</h1><p>After a <b>dry</b> month, rain fell on <a href="/monday">Monday</a>.</p>
<script>var x;</script><noscript>Turn on JavaScript</noscript><p>  </p></body></html>`
	for _, tc := range []struct {
		name   string
		render func(string) (string, error)
		want   string
	}{
		{"nodes", nodesOf, "Home\nWorld\nRain  returns\nAfter a\ndry\nmonth, rain fell on\nMonday\n."},
		{"textcontent", textContentOf, "\nHomeWorld\nRain  returnsAfter a dry month, rain fell on Monday.\n  "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.render(page)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
}
