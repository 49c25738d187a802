package decode

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/winnowhq/winnow/internal/corpus"
)

// BenchmarkDecode decodes a few corpus pages (UTF-8 English, UTF-8
// Russian, gb2312 Chinese) and the Persian seed as an undeclared and a
// declared windows-1256 page of about 50 KB.
func BenchmarkDecode(b *testing.B) {
	shared := sharedDir(b)
	pages := []struct{ name, set, id string }{
		{"utf-8-en-220KB", "wcxb-dev-clean", "dev-0001"},
		{"utf-8-ru-30KB", "daniel", "20111128_cxid.info_8457bff189418435d7f0412b105092467e24d4bc22c56c5f787cd65d"},
		{"gb2312-zh-10KB", "zh_webce", "05e98007-d810-4036-b154-2ef2fe68c2af"},
	}
	for _, p := range pages {
		set, err := corpus.Open(filepath.Join(shared, "corpora", p.set))
		if err != nil {
			b.Skip(err)
		}
		var data []byte
		for _, pg := range set.Pages {
			if pg.ID == p.id {
				data, err = set.HTML(pg)
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		if data == nil {
			b.Fatalf("%s/%s not found", p.set, p.id)
		}
		b.Run(p.name, func(b *testing.B) { benchDecode(b, data) })
	}
	seed, err := os.ReadFile(filepath.Join(shared, "examples", "seed-fa-news.txt"))
	if err != nil {
		b.Skip(err)
	}
	fa, err := encoding.ReplaceUnsupported(charmap.Windows1256.NewEncoder()).Bytes([]byte(cp1256Persian.Replace(string(seed))))
	if err != nil {
		b.Fatal(err)
	}
	fa = bytes.Repeat(fa, 50<<10/len(fa)+1)
	b.Run("windows-1256-fa-sniffed", func(b *testing.B) { benchDecode(b, fa) })
	declared := append([]byte(`<html><head><meta charset="windows-1256"></head><body>`), fa...)
	b.Run("windows-1256-fa-meta", func(b *testing.B) { benchDecode(b, declared) })
}

func benchDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data, ""); err != nil {
			b.Fatal(err)
		}
	}
}
