package evalrun

import "testing"

func TestNodesOf(t *testing.T) {
	page := `<html><head><title>T</title><style>p{}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<h1>Rain  returns</h1><p>After a <b>dry</b> month, rain fell on <a href="/monday">Monday</a>.</p>
<script>var x;</script><noscript>Turn on JavaScript</noscript><p>  </p></body></html>`
	want := "Home\nWorld\nRain  returns\nAfter a\ndry\nmonth, rain fell on\nMonday\n."
	got, err := nodesOf(page)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("nodesOf:\n%s\nwant:\n%s", got, want)
	}
}
