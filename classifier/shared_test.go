package classifier_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/internal/corpus"
)

// TestClassifyKeepsNoInput checks that no part of a Result shares the
// memory of Input.Data: Classify reads HTML from the input's own bytes
// (decode.DecodeShared) and must copy whatever it keeps. Each input is
// classified from a buffer that is then overwritten; the result must
// equal that of a call on an untouched copy. Each input goes in as raw
// bytes and as UTF-8 text (Input.Raw false).
func TestClassifyKeepsNoInput(t *testing.T) {
	type tc struct {
		name string
		data []byte
		mode classifier.Mode
	}
	page := `<!doctype html><html lang="en-GB"><head><title>River floods the old town | Daily</title>
<meta property="og:title" content="River floods the old town"><meta property="og:type" content="article">
<link rel="canonical" href="https://example.com/2024/05/16/river-floods-old-town/">
<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"The river rose two metres overnight and flooded the old town."}</script></head>
<body><nav id="main-nav" class="menu top-menu"><a href="/">Home</a> <a href="/news">News</a></nav>
<my-widget id="w1" class="share-bar">Share this story</my-widget>
<article itemprop="articleBody"><h1>River floods the old town</h1><p>The river rose two metres overnight and flooded the old town.</p>
<p>Residents were moved to the school on the hill, the mayor said on Tuesday.</p></article>
<footer class="site-footer">© 2024 Daily</footer></body></html>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	cases := []tc{
		{"html", []byte(page), classifier.ModeHTML},
		{"html-auto", []byte(page), classifier.ModeAuto},
		{"html-bom", append([]byte("\xef\xbb\xbf"), page...), classifier.ModeHTML},
		{"html-gzip", gz.Bytes(), classifier.ModeHTML},
		{"html-invalid-utf8", []byte(strings.Replace(page, "Tuesday", "Tues\xffday", 1)), classifier.ModeHTML},
		// an unclosed <title> sends the page to the html.Parse path
		{"unclosed-title", []byte("<html><head><title>Floods " + strings.Repeat("x", 300) + "<p>The river rose two metres overnight.</p><p>Residents were moved.</p>"), classifier.ModeHTML},
		{"text-auto", []byte("River floods the old town\nThe river rose two metres overnight and flooded the old town.\nShare this story"), classifier.ModeAuto},
		{"text", []byte("River floods the old town\nThe river rose two metres overnight and flooded the old town."), classifier.ModeText},
	}
	if sh, err := corpus.SharedDir(); err == nil {
		for _, name := range []string{"l3s_gn1", "daniel", "wcxb-dev-clean", "zh_webce", "fundus"} {
			set, err := corpus.Open(filepath.Join(sh, "corpora", name))
			if err != nil {
				continue
			}
			for _, p := range set.Pages[:min(8, len(set.Pages))] {
				raw, err := set.HTML(p)
				if err != nil {
					t.Fatal(err)
				}
				cases = append(cases, tc{name + "/" + p.ID, raw, classifier.ModeHTML})
			}
		}
	}
	c := newClassifier(t)
	for _, tc := range cases {
		for _, raw := range []bool{true, false} {
			name := tc.name
			if !raw {
				name += "/utf-8"
			}
			t.Run(name, func(t *testing.T) { keepsNoInput(t, c, tc.data, raw, tc.mode) })
		}
	}
}

// keepsNoInput classifies data from a buffer that it then overwrites,
// and compares the result with that of a call on an untouched copy.
func keepsNoInput(t *testing.T, c *classifier.Classifier, data []byte, raw bool, mode classifier.Mode) {
	t.Helper()
	in := classifier.Input{Data: bytes.Clone(data), Raw: raw, Mode: mode, URL: "https://example.com/a"}
	got, err := c.Classify(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in.Data {
		in.Data[i] = 'x'
	}
	in.Data = data
	want, err := c.Classify(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the result changed with the input's bytes: text %q…, title %q", prefix(got.Text), got.Title)
	}
}

func prefix(s string) string {
	if len(s) > 60 {
		return s[:60]
	}
	return s
}
