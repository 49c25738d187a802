package token

import (
	"bufio"
	"embed"
	"path"
	"slices"
	"strings"
	"sync"
)

// The embedded stop lists, one per language: stopwords/<lang>.txt, one
// entry per line, # starts a comment line. fa is hazm's list (MIT); the
// others were written for this package.
//
//go:embed stopwords/*.txt
var stopFS embed.FS

// unknownLanguageError is returned for a language without an embedded
// stop list.
type unknownLanguageError struct{ Lang string }

func (e *unknownLanguageError) Error() string {
	return "token: no stop list for language " + `"` + e.Lang + `"`
}

// Stopwords is a set of normalised stop words. It is read-only after
// construction and safe for concurrent use.
type Stopwords struct {
	set map[string]struct{}
}

// newStopwords returns the set of words, each normalised as the iterator
// normalises a token. An entry that is not exactly one Word or Bigram
// token (a phrase, a number, punctuation) is left out.
func newStopwords(words []string) *Stopwords {
	sw := &Stopwords{set: make(map[string]struct{}, len(words))}
	var it Iter
	for _, w := range words {
		if k, ok := oneToken(&it, w); ok {
			sw.set[k] = struct{}{}
		}
	}
	return sw
}

// oneToken returns the only token of w, if w has exactly one and it is a
// Word or a Bigram.
func oneToken(it *Iter, w string) (string, bool) {
	it.Reset(w)
	if !it.Next() || it.Kind() == Number {
		return "", false
	}
	k := string(it.Token())
	if it.Next() {
		return "", false
	}
	return k, true
}

// Contains reports whether tok, a token as returned by Iter.Token, is in
// the set. It does not allocate.
func (sw *Stopwords) Contains(tok []byte) bool {
	if sw == nil {
		return false
	}
	_, ok := sw.set[string(tok)]
	return ok
}

// Len returns the number of distinct normalised entries.
func (sw *Stopwords) Len() int {
	if sw == nil {
		return 0
	}
	return len(sw.set)
}

// stopwordLanguages returns the languages with an embedded stop list, as
// sorted BCP-47 language subtags.
func stopwordLanguages() []string {
	ents, err := stopFS.ReadDir("stopwords")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if name := e.Name(); strings.HasSuffix(name, ".txt") {
			out = append(out, strings.TrimSuffix(name, ".txt"))
		}
	}
	slices.Sort(out)
	return out
}

// stopList returns the entries of the embedded list for lang.
func stopList(lang string) ([]string, error) {
	if lang == "" || strings.ContainsAny(lang, "/.\\") {
		return nil, &unknownLanguageError{lang}
	}
	data, err := stopFS.ReadFile(path.Join("stopwords", lang+".txt"))
	if err != nil {
		return nil, &unknownLanguageError{lang}
	}
	var words []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words = append(words, line)
	}
	return words, nil
}

// stopwordsFor parses the embedded stop list of lang (a BCP-47 language
// subtag such as "fa" or "en"); the caller keeps the result.
func stopwordsFor(lang string) (*Stopwords, error) {
	words, err := stopList(strings.ToLower(lang))
	if err != nil {
		return nil, err
	}
	return newStopwords(words), nil
}

// DefaultStopwords parses every embedded stop list into one set; the
// caller keeps the result.
func DefaultStopwords() *Stopwords {
	var all []string
	for _, lang := range stopwordLanguages() {
		words, _ := stopList(lang)
		all = append(all, words...)
	}
	return newStopwords(all)
}

// langTable maps a normalised stop word to the bit set of the languages
// (indexes into langs) whose list has it. Built once, then read-only.
type langTable struct {
	langs []string
	words map[string]uint32
}

var stopTable = sync.OnceValue(func() *langTable {
	t := &langTable{langs: stopwordLanguages(), words: make(map[string]uint32)}
	var it Iter
	for i, lang := range t.langs {
		if i >= 32 {
			break
		}
		words, _ := stopList(lang)
		for _, w := range words {
			if k, ok := oneToken(&it, w); ok {
				t.words[k] |= 1 << i
			}
		}
	}
	return t
})
