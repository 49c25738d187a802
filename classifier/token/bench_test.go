package token

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

const benchBytes = 1 << 20

// benchText returns about 1 MiB of real text in lang: Fars News articles
// (fa), wcxb-dev-clean gold texts (en) or zh_webce gold texts (zh).
func benchText(b *testing.B, lang string) string {
	b.Helper()
	sh := sharedDir(b)
	var sb strings.Builder
	switch lang {
	case "fa":
		data, err := os.ReadFile(filepath.Join(sh, "persian", "corpora", "course-nlp-ir", "fars-news-1.json"))
		if err != nil {
			b.Skip(err)
		}
		var docs []map[string]any
		if err := json.Unmarshal(data, &docs); err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			for _, k := range []string{"title", "abstract"} {
				if s, ok := d[k].(string); ok {
					sb.WriteString(s)
					sb.WriteString("\n")
				}
			}
			if ps, ok := d["paragraphs"].([]any); ok {
				for _, p := range ps {
					if s, ok := p.(string); ok {
						sb.WriteString(s)
						sb.WriteString("\n")
					}
				}
			}
			if sb.Len() >= benchBytes {
				break
			}
		}
	case "en", "zh":
		set := map[string]string{"en": "wcxb-dev-clean", "zh": "zh_webce"}[lang]
		files, err := filepath.Glob(filepath.Join(sh, "corpora", set, "gold", "*.txt"))
		if err != nil || len(files) == 0 {
			b.Skip("no gold texts for", lang)
		}
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(data)
			if sb.Len() >= benchBytes {
				break
			}
		}
	}
	return sb.String()
}

func BenchmarkIter(b *testing.B) {
	for _, lang := range []string{"fa", "en", "zh"} {
		s := benchText(b, lang)
		b.Run(lang, func(b *testing.B) {
			var it Iter
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			t0 := cpuTime()
			for b.Loop() {
				it.Reset(s)
				for it.Next() {
				}
			}
			reportCPU(b, len(s), t0)
		})
	}
}

func BenchmarkIterHash(b *testing.B) {
	s := benchText(b, "fa")
	var it Iter
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	var h uint64
	for b.Loop() {
		it.Reset(s)
		for it.Next() {
			h ^= it.Hash()
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	for _, lang := range []string{"fa", "en", "zh"} {
		s := benchText(b, lang)
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			t0 := cpuTime()
			for b.Loop() {
				Normalize(s)
			}
			reportCPU(b, len(s), t0)
		})
	}
	b.Run("word", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Normalize("میکند")
		}
	})
}

// reportCPU reports MB per CPU second (all threads of the process, so GC
// is included), which is steadier than MB/s when the machine is shared.
func reportCPU(b *testing.B, size int, t0 time.Duration) {
	if d := cpuTime() - t0; d > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/d.Seconds(), "MB/cpu-s")
	}
}
