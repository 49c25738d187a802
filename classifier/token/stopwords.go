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
//
// The set is an open-addressing table keyed by the words' token.Hash, so
// that a caller which has already hashed a token (the model does, for its
// features) tests it with ContainsHash without hashing it again, and
// without a Go map's overhead on the hot path.
type Stopwords struct {
	fp    []uint32 // fingerprint (stopFP) of the word in each slot; 0: empty
	ws    []string
	shift uint // slot of hash h: h*stopMul >> shift
	n     int
}

// stopMul spreads FNV's weak high bits before the shift (Fibonacci hashing).
const stopMul = 0x9e3779b97f4a7c15

// stopFP is the fingerprint of a word hashed h: never 0, so that the
// probe loop reads only the small fingerprint array until one matches.
func stopFP(h uint64) uint32 { return uint32(h>>32) | 1 }

// newStopwords returns the set of words, each normalised as the iterator
// normalises a token. An entry that is not exactly one Word or Bigram
// token (a phrase, a number, punctuation) is left out.
func newStopwords(words []string) *Stopwords {
	keys := make(map[string]struct{}, len(words))
	var order []string
	var it Iter
	for _, w := range words {
		if k, ok := oneToken(&it, w); ok {
			if _, dup := keys[k]; !dup {
				keys[k] = struct{}{}
				order = append(order, k)
			}
		}
	}
	// a load factor of at most 1/4 keeps probes short: most tokens are
	// no stop word, and a miss probes until an empty slot (the
	// fingerprints of the default lists' 1,900 words take 32 KB)
	bits := uint(4)
	for 1<<bits < 4*len(order) {
		bits++
	}
	sw := &Stopwords{fp: make([]uint32, 1<<bits), ws: make([]string, 1<<bits), shift: 64 - bits, n: len(order)}
	mask := uint64(1)<<bits - 1
	for _, k := range order {
		h := HashString(k)
		i := h * stopMul >> sw.shift
		for sw.fp[i] != 0 {
			i = (i + 1) & mask
		}
		sw.fp[i], sw.ws[i] = stopFP(h), k
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
	return sw.ContainsHash(tok, Hash(tok))
}

// ContainsHash is Contains for a token whose token.Hash the caller has
// already computed: h must be Hash(tok).
func (sw *Stopwords) ContainsHash(tok []byte, h uint64) bool {
	if sw == nil || len(tok) == 0 {
		return false
	}
	mask := uint64(len(sw.fp) - 1)
	fp := stopFP(h)
	for i := h * stopMul >> sw.shift; sw.fp[i] != 0; i = (i + 1) & mask {
		if sw.fp[i] == fp && sw.ws[i] == string(tok) {
			return true
		}
	}
	return false
}

// ContainsASCII is ContainsHash for a token that is a run of ASCII letters
// and digits, s, as it stands in the text (upper case or not): h must be
// the Hash of s lower-cased, which is the token Iter returns for s. It
// saves the caller the lower-cased copy.
func (sw *Stopwords) ContainsASCII(s string, h uint64) bool {
	if sw == nil || len(s) == 0 {
		return false
	}
	mask := uint64(len(sw.fp) - 1)
	fp := stopFP(h)
	for i := h * stopMul >> sw.shift; sw.fp[i] != 0; i = (i + 1) & mask {
		if sw.fp[i] == fp && equalLowerASCII(sw.ws[i], s) {
			return true
		}
	}
	return false
}

// equalLowerASCII reports whether w is s lower-cased, s being ASCII
// letters and digits (c|0x20 lower-cases a letter and keeps a digit).
func equalLowerASCII(w, s string) bool {
	if len(w) != len(s) {
		return false
	}
	for k := 0; k < len(s); k++ {
		if w[k] != s[k]|0x20 {
			return false
		}
	}
	return true
}

// Len returns the number of distinct normalised entries.
func (sw *Stopwords) Len() int {
	if sw == nil {
		return 0
	}
	return sw.n
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

// modelStopLangs are the stop lists DefaultStopwords joins: those the
// shipped model's stop-word share was trained with. The lists added for
// language identification alone (sv, cs, tr, …) stay out of it: their
// short function words are content words of other languages (Hungarian
// "most", Romanian "care", Indonesian "dan"), and the share with them,
// retrained, lost on the dev sets (docs/model.md, flip table).
var modelStopLangs = [...]string{"ar", "de", "el", "en", "es", "fa", "fr", "it", "nl", "pl", "pt", "ru", "zh"}

// DefaultStopwords parses the model's embedded stop lists (modelStopLangs)
// into one set; the caller keeps the result.
func DefaultStopwords() *Stopwords {
	var all []string
	for _, lang := range modelStopLangs {
		words, _ := stopList(lang)
		all = append(all, words...)
	}
	return newStopwords(all)
}

// langTable maps a normalised stop word to the bit set of the languages
// (indexes into langs) whose list has it. Built once, then read-only.
// langs are modelStopLangs, then the other embedded lists, sorted: the
// bits of the first len(modelStopLangs) are the model's languages
// (modelLangMask), which LangSample weighs among themselves alone.
type langTable struct {
	langs []string
	words map[string]uint32
	// latin[i] is the index in langs of latinLangs[i]
	latin [len(latinLangs)]int
}

// modelLangMask holds the bits of modelStopLangs in a langTable's sets.
const modelLangMask = 1<<len(modelStopLangs) - 1

var stopTable = sync.OnceValue(func() *langTable {
	langs := slices.Clone(modelStopLangs[:])
	for _, l := range stopwordLanguages() {
		if !slices.Contains(modelStopLangs[:], l) {
			langs = append(langs, l)
		}
	}
	t := &langTable{langs: langs, words: make(map[string]uint32)}
	for i, l := range latinLangs {
		t.latin[i] = slices.Index(langs, l) // TestModelStopLangs: every one has a list
	}
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
