package source

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// sizeDir sums the sizes of the folder's regular files, for progress.
func (s *Source) sizeDir() error {
	return filepath.WalkDir(s.path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				s.size += fi.Size()
			}
		}
		return nil
	})
}

// dir yields every regular file below the folder, in lexical order of
// path; the ID is the path relative to the folder, with forward slashes.
// A .gz file is decompressed (and ".gz" kept in the ID). Hidden files and
// folders (names starting with ".") and links are skipped.
func (s *Source) dir(yield func(Item) bool) error {
	stop := fs.SkipAll
	err := filepath.WalkDir(s.path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != s.path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(s.path, p)
		it := Item{ID: filepath.ToSlash(rel), MediaType: mediaTypeOf(strings.TrimSuffix(p, ".gz"))}
		if s.opts.Skip != nil && s.opts.Skip(it.ID) {
			if fi, err := d.Info(); err == nil {
				s.read.Add(fi.Size())
			}
			if !yield(Item{ID: it.ID, Skipped: true}) {
				return stop
			}
			return nil
		}
		it.Data, it.Err = s.readFile(p)
		if it.Err == nil && len(it.Data) == 0 {
			it.Data, it.Err = nil, errEmpty
		}
		if !yield(it) {
			return stop
		}
		return nil
	})
	if err == stop {
		return nil
	}
	return err
}

var errEmpty = &BadInputError{Err: errors.New("the document is empty")}

func (s *Source) readFile(p string) ([]byte, error) {
	file, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if fi, err := file.Stat(); err == nil {
		defer s.read.Add(fi.Size())
	}
	br := bufio.NewReader(file)
	r, err := maybeGunzip(br)
	if err != nil {
		return nil, err
	}
	return readLimited(r, s.opts.MaxBytes)
}

// mediaTypeOf maps a file name's extension to a media type; unknown ones
// are sniffed.
func mediaTypeOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return "text/html"
	case ".txt", ".text":
		return "text/plain"
	}
	return ""
}
