// Package htmltok is the HTML tokenizer of golang.org/x/net/html (v0.62.0:
// token.go, escape.go and entity.go, BSD licence in LICENSE), changed only
// where it allocated per token, for the segmenter's single pass:
//
//   - NewTokenizerBytes tokenizes a byte slice it owns, without copying
//     it through a growing buffer, and the slices it returns stay valid;
//   - readByte, with the whole input at hand, is small enough to inline
//     (there is no io.Reader, NewTokenizerFragment or SetMaxBuf);
//   - duplicate attributes are found by comparing keys, not through a map
//     of cloned strings (a map is kept past 16 attributes on one tag);
//   - TagName and TagAttr replace NUL bytes only when there are some,
//     instead of always copying;
//   - convertNewlines finds the first "\r" with bytes.IndexByte (most
//     texts hold none) instead of reading byte by byte.
//
// Tokens are otherwise byte for byte those of x/net/html (FuzzTokenizer
// compares them; html.Parse uses x/net/html's own tokenizer, and the
// segmenter's differential tests compare the results). Escaping and
// rendering are left out.
package htmltok
