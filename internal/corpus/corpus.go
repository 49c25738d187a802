// Package corpus reads labelled page sets laid out as in the shared corpora:
// manifest.jsonl (one JSON object per page), docs/<id>.html.gz (the page
// bytes as published, gzipped), gold/<id>.txt (the main text, one block per
// line), and optionally snippets/<id>.json and labels/<id>.jsonl.
package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// MaxPageBytes bounds one decompressed page (64 MiB).
const MaxPageBytes = 64 << 20

// Page is one manifest entry.
type Page struct {
	ID       string `json:"id"`
	URL      string `json:"url"`
	Encoding string `json:"encoding"`
	HTMLLang string `json:"html_lang_attr"`
	LangHint string `json:"lang_guess"`
	Site     string `json:"site"`
	PageType string `json:"page_type"`
	Split    string `json:"split"`
	// Title is the page's headline where the set records it apart from
	// the gold (fundus, postlight: their gold holds the body only).
	Title string `json:"title"`
	// Publisher names the page's publisher (fundus), which splits train
	// and dev better than the host of a possibly syndicated URL.
	Publisher string `json:"publisher"`
}

// Snippets are short strings that must (With) or must not (Without) appear
// in the extracted text.
type Snippets struct {
	With    []string `json:"with"`
	Without []string `json:"without"`
}

// LabelledBlock is one line of labels/<id>.jsonl.
type LabelledBlock struct {
	Label     int    `json:"label"`
	LabelName string `json:"label_name"`
	Text      string `json:"text"`
}

// Set is an opened corpus folder.
type Set struct {
	Name  string
	Dir   string
	Pages []Page
}

// Open reads dir/manifest.jsonl.
func Open(dir string) (*Set, error) {
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	s := &Set{Name: filepath.Base(filepath.Clean(dir)), Dir: dir}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var p Page
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("corpus: %s/manifest.jsonl:%d: %w", dir, line, err)
		}
		if p.ID == "" {
			return nil, fmt.Errorf("corpus: %s/manifest.jsonl:%d: no id", dir, line)
		}
		s.Pages = append(s.Pages, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", dir, err)
	}
	return s, nil
}

// HTML returns the page's raw bytes (decompressed, charset untouched).
func (s *Set) HTML(p Page) ([]byte, error) {
	f, err := os.Open(filepath.Join(s.Dir, "docs", p.ID+".html.gz"))
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", p.ID, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, MaxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", p.ID, err)
	}
	if len(data) > MaxPageBytes {
		return nil, fmt.Errorf("corpus: %s: page larger than %d bytes", p.ID, MaxPageBytes)
	}
	return data, nil
}

// Gold returns the page's gold text; ok is false when the set has none.
func (s *Set) Gold(p Page) (text string, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(s.Dir, "gold", p.ID+".txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("corpus: %w", err)
	}
	return string(data), true, nil
}

// Snippets returns the page's snippets; ok is false when it has none.
func (s *Set) Snippets(p Page) (sn Snippets, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(s.Dir, "snippets", p.ID+".json"))
	if errors.Is(err, fs.ErrNotExist) {
		return sn, false, nil
	}
	if err != nil {
		return sn, false, fmt.Errorf("corpus: %w", err)
	}
	if err := json.Unmarshal(data, &sn); err != nil {
		return sn, false, fmt.Errorf("corpus: %s snippets: %w", p.ID, err)
	}
	return sn, true, nil
}

// Labels returns the page's labelled blocks; ok is false when it has none.
func (s *Set) Labels(p Page) (bl []LabelledBlock, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(s.Dir, "labels", p.ID+".jsonl"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("corpus: %w", err)
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var b LabelledBlock
		if err := json.Unmarshal(line, &b); err != nil {
			return nil, false, fmt.Errorf("corpus: %s labels:%d: %w", p.ID, i+1, err)
		}
		bl = append(bl, b)
	}
	return bl, true, nil
}

// Sets lists the corpus folders under root (folders holding manifest.jsonl),
// sorted by name.
func Sets(root string) ([]string, error) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), "manifest.jsonl")); err == nil {
			out = append(out, filepath.Join(root, e.Name()))
		}
	}
	return out, nil
}
