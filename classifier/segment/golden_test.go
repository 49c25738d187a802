package segment

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/decode"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files")

// goldenPage is a real page: permissively licensed ones are copied under
// testdata/pages; the others are read from ../shared (GPL and
// research-only sets are not redistributed here).
type goldenPage struct {
	name    string // golden file name
	local   string // under testdata/pages, or ""
	corpus  string // shared corpus
	id      string
	charset string // as in the corpus manifest
}

var goldenPages = []goldenPage{
	{name: "ar-newspaper4k-utf8", local: "ar-newspaper4k-utf8.html.gz", charset: "utf-8"},
	{name: "zh-webce-gbk", local: "zh-webce-gbk.html.gz", charset: "gbk"},
	{name: "de-trafilatura-cp1252", local: "de-trafilatura-cp1252.html.gz", charset: "cp1252"},
	{name: "el-daniel-utf8", corpus: "daniel", id: "20120106_www.avgi.gr_3cc4bf6093a74036e685b4709dae2c2f5d4c07e66a987333b7edf9a9", charset: "utf-8"},
	{name: "ru-daniel-utf8", corpus: "daniel", id: "20120117_vechirka.kiev.ua_5e96086a62e756565a43ef700524f872888b149b8264cbd095605678", charset: "utf-8"},
	{name: "pl-daniel-utf8", corpus: "daniel", id: "20120106_www.gazetalekarska.pl_da750cc1773a4b5b403d6d03bd5d64eece2a85660ac3ca9d9919f1d9", charset: "utf-8"},
	{name: "en-l3s-cp1252", corpus: "l3s_gn1", id: "91d80ea7-8e5e-425c-a395-f8f8a9aea609", charset: "cp1252"},
}

func readGz(t testing.TB, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (p goldenPage) raw(t *testing.T) []byte {
	if p.local != "" {
		return readGz(t, filepath.Join("testdata", "pages", p.local))
	}
	return readGz(t, filepath.Join(sharedDir(t), "corpora", p.corpus, "docs", p.id+".html.gz"))
}

// render writes one human-readable line per block: start, end, a hash of
// the full text, split reason (text) or tag, path, flags, links and
// repeat (HTML), and the text clipped to 60 characters.
func render(d *Doc) []byte {
	var b bytes.Buffer
	if d.HTML {
		fmt.Fprintf(&b, "# title=%q og=%q lang=%q blocks=%d bytes=%d\n", d.Title, d.OGTitle, d.Lang, len(d.Blocks), len(d.Text))
	} else {
		fmt.Fprintf(&b, "# blocks=%d bytes=%d\n", len(d.Blocks), len(d.Text))
	}
	for _, bl := range d.Blocks {
		text := d.Text[bl.Start:bl.End]
		h := fnv.New32a()
		h.Write([]byte(text))
		if d.HTML {
			fmt.Fprintf(&b, "%d %d %08x %s %s %s h%d d%d a%d/%d r%d | %s\n", bl.Start, bl.End, h.Sum32(), bl.Tag, bl.Path, bl.Flags,
				bl.Heading, bl.Depth, bl.LinkBytes, bl.Links, bl.Repeat, clipRunes(text, 60))
		} else {
			blank := ""
			if bl.BlankBefore {
				blank = " blank"
			}
			fmt.Fprintf(&b, "%d %d %08x L%d %s%s | %s\n", bl.Start, bl.End, h.Sum32(), bl.Line, bl.Split, blank, clipRunes(text, 60))
		}
	}
	return b.Bytes()
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run with -update if intended)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s: %d lines, want %d (run with -update if intended)", path, len(gl), len(wl))
	}
}

func TestGoldenHTML(t *testing.T) {
	for _, p := range goldenPages {
		t.Run(p.name, func(t *testing.T) {
			dec, err := decode.Decode(p.raw(t), "")
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("decoded as %s (manifest %s)", dec.Encoding, p.charset)
			d, err := HTML(dec.Text, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, d)
			checkGolden(t, p.name, render(d))
			if p.name == "ar-newspaper4k-utf8" {
				// The rendition read back as plain text.
				td, err := Text(d.Text, TextOptions{})
				if err != nil {
					t.Fatal(err)
				}
				checkDoc(t, td)
				checkGolden(t, "ar-newspaper4k-utf8.rendition-text", render(td))
			}
		})
	}
}

func TestGoldenSeed(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Text(string(raw), TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, d)
	checkGolden(t, "seed-fa-news", render(d))
}
