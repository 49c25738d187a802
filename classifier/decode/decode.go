// Package decode turns page bytes in any charset into UTF-8 text and sniffs
// whether they are HTML or plain text.
//
// The charset is chosen in this order:
//
//  1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//  2. the charset parameter of the media-type hint (an HTTP Content-Type);
//  3. a <meta charset> or <meta http-equiv="content-type"> declaration found
//     by an HTML5-style prescan of the first [MetaScanBytes] bytes (skipped
//     for text/plain);
//  4. for pages without a declaration: UTF-16 without BOM (every other byte
//     zero), then UTF-8 when the bytes are UTF-8, then a statistical choice
//     among common legacy charsets (sniff.go).
//
// One deliberate departure from browsers: the bytes outvote a declaration.
// When a page declares an ASCII-compatible legacy charset (windows-1252,
// gb2312, windows-1256, ...) but its bytes are UTF-8 with non-ASCII
// characters (at least four valid multi-byte sequences per invalid byte),
// it is decoded as UTF-8: real legacy text almost never forms valid
// multi-byte UTF-8 sequences, while mislabelled UTF-8 pages are common.
// Conversely, when a media type or <meta> declares UTF-8 but the bytes hold
// at least four invalid bytes per valid multi-byte sequence, the legacy
// charset is sniffed. Browsers would show both kinds of page as mojibake
// or U+FFFD. [Result.Declared] still reports the declaration; a BOM is
// always obeyed.
//
// Invalid input never fails: undecodable bytes become U+FFFD, and the
// returned text is always valid UTF-8. Offsets used elsewhere refer to the
// decoded text only. All work is linear in the input size; the charset
// sniffer looks at a bounded sample.
package decode

import (
	"bytes"
	"encoding/binary"
	"errors"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Source says how the charset of a Result was chosen.
type Source uint8

const (
	SourceDefault Source = iota // no evidence: ASCII text or empty input, read as UTF-8
	SourceBOM                   // a byte order mark
	SourceHeader                // the charset parameter of the media type
	SourceMeta                  // a <meta> declaration in the page
	SourceUTF8                  // the bytes are UTF-8 (possibly overriding a declaration)
	SourceSniff                 // statistical sniffing of undeclared legacy bytes
)

func (s Source) String() string {
	switch s {
	case SourceBOM:
		return "bom"
	case SourceHeader:
		return "header"
	case SourceMeta:
		return "meta"
	case SourceUTF8:
		return "utf8"
	case SourceSniff:
		return "sniff"
	}
	return "default"
}

// Result is a decoded document.
type Result struct {
	// Text is valid UTF-8: invalid input sequences are replaced by U+FFFD.
	// A byte order mark is removed.
	Text string
	// Encoding is the canonical (WHATWG, lower-case) name of the charset
	// decoded from: "utf-8", "utf-16le", "windows-1256", "gbk", ...
	// The gbk family (gb2312, gbk, gb18030) is decoded with the gb18030
	// decoder, as the WHATWG standard prescribes.
	Encoding string
	// Declared is the canonical name of the charset the media type or the
	// page declared, or "" if neither did (or the label was unknown).
	Declared string
	// Source says how Encoding was chosen.
	Source Source
	// Replaced counts the U+FFFD characters in Text that decoding introduced
	// (for UTF-16 and gb18030, a U+FFFD encoded in the input is counted too).
	Replaced int
	// Compression is "gzip" when the input was gzip-compressed (and has
	// been decompressed), else "".
	Compression string
	// Shared reports that Text is the input's own bytes (DecodeShared).
	Shared bool
	// HTML reports whether the bytes are HTML: decided by the media type
	// when it is text/html, application/xhtml+xml or text/plain, else by
	// [SniffHTML].
	HTML bool
}

// MetaScanBytes bounds the prescan for a <meta> charset declaration. It is
// larger than the 1024 bytes of the HTML5 prescan because many pages put
// their declaration after long inline scripts; browsers honour those too
// when they reparse.
const MetaScanBytes = 16 << 10

// CharsetError reports a media-type charset that cannot be decoded: an
// unknown label, or one that the WHATWG standard maps to the replacement
// encoding (iso-2022-kr, hz-gb-2312, ...), which would lose all text.
type CharsetError struct {
	Label string
}

func (e *CharsetError) Error() string {
	return "decode: unsupported charset " + strconvQuote(e.Label)
}

// ErrUnsupportedCharset is matched by every *CharsetError with errors.Is.
var ErrUnsupportedCharset = errors.New("decode: unsupported charset")

func (e *CharsetError) Is(target error) bool { return target == ErrUnsupportedCharset }

// Decode decodes raw page bytes. mediaType is an optional hint such as
// "text/html; charset=windows-1256"; it may be empty. gzip-compressed
// input (one member) is decompressed first, up to MaxDecompressedBytes.
// Decode fails when the media type names a charset it cannot decode (a
// *CharsetError), when compressed input is corrupt or too large (a
// *DecompressError), and when the bytes are not text: images, archives,
// executables, other compressed formats, random bytes (a *NotTextError,
// see sniffBinary). A malformed media type is ignored, and so is an
// unknown charset in a <meta> declaration. Text never shares data's
// memory.
func Decode(data []byte, mediaType string) (Result, error) {
	return decodeText(data, mediaType, false)
}

// DecodeShared is Decode, except that Text may be data's own bytes rather
// than a copy of them, when they are valid UTF-8 (or ASCII) and need no
// conversion; Result.Shared then says so. It saves a copy of the page
// for a caller that reads Text only while data stays unchanged and keeps
// no part of it afterwards (strings.Clone what it keeps).
func DecodeShared(data []byte, mediaType string) (Result, error) {
	return decodeText(data, mediaType, true)
}

func decodeText(data []byte, mediaType string, share bool) (Result, error) {
	var r Result
	if isGzip(data) {
		d, err := gunzip(data, MaxDecompressedBytes)
		if err != nil {
			return Result{}, err
		}
		data, r.Compression = d, "gzip"
	}
	// asText returns valid bytes as Text: a copy, or, when the bytes are
	// the caller's to share or the decompressed buffer (which nothing
	// else holds), the bytes themselves.
	asText := func(p []byte) string {
		switch {
		case len(p) == 0:
			return ""
		case r.Compression != "":
			return unsafe.String(&p[0], len(p))
		case share:
			r.Shared = true
			return unsafe.String(&p[0], len(p))
		}
		return string(p)
	}
	mt, label, hasLabel := parseMediaType(mediaType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		r.HTML = true
	}

	var enc *charsetInfo
	body := data
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		enc, body, r.Source = &utf8Info, data[len(bomUTF8):], SourceBOM
	case bytes.HasPrefix(data, bomUTF16LE):
		enc, body, r.Source = &utf16LEInfo, data[len(bomUTF16LE):], SourceBOM
	case bytes.HasPrefix(data, bomUTF16BE):
		enc, body, r.Source = &utf16BEInfo, data[len(bomUTF16BE):], SourceBOM
	}
	if hasLabel {
		ci, err := lookupLabel(label)
		if err != nil {
			return Result{}, err
		}
		r.Declared = ci.name
		if enc == nil {
			enc, r.Source = ci, SourceHeader
		}
	} else if mt != "text/plain" {
		if ci := prescanMeta(body); ci != nil {
			r.Declared = ci.name
			if enc == nil {
				enc, r.Source = ci, SourceMeta
			}
		}
	}

	var utf16 *charsetInfo // BOM-less UTF-16, sniffed once when no charset is known
	if enc == nil {
		utf16 = sniffUTF16(body)
	}
	if enc == nil || enc.asciiCompatible {
		if utf16 == nil || enc != nil {
			if what := sniffBinary(body); what != "" {
				return Result{}, &NotTextError{What: what}
			}
		}
	}

	switch {
	case enc != nil && enc.name == "utf-8" && r.Source == SourceBOM:
		r.Text, r.Replaced = validText(body, asText)
	case enc != nil && enc.name == "utf-8":
		// Declared UTF-8: overridden by bytes that are mostly not UTF-8.
		st := scanUTF8(body)
		if st.invalid > 0 && st.invalid >= 4*st.multi {
			enc, r.Source = sniffLegacy(body), SourceSniff
			r.Text, r.Replaced = decodeWith(enc, body)
		} else {
			r.Text, r.Replaced = st.text(body, asText)
		}
	case enc != nil && !enc.asciiCompatible:
		r.Text, r.Replaced = decodeWith(enc, body)
	case enc != nil:
		// A declared legacy charset: overridden by bytes that are UTF-8.
		st := scanDecide(body)
		switch {
		case st.multi == 0 && st.invalid == 0:
			r.Text = asText(body) // ASCII reads the same in every such charset
		case st.multi >= 4*st.invalid:
			enc, r.Source = &utf8Info, SourceUTF8
			r.Text, r.Replaced = st.text(body, asText)
		default:
			r.Text, r.Replaced = decodeWith(enc, body)
		}
	default:
		if utf16 != nil {
			enc, r.Source = utf16, SourceSniff
			r.Text, r.Replaced = decodeWith(enc, body)
			break
		}
		st := scanDecide(body)
		switch {
		case st.multi == 0 && st.invalid == 0:
			enc, r.Source = &utf8Info, SourceDefault
			r.Text = asText(body)
		case st.multi >= 4*st.invalid:
			enc, r.Source = &utf8Info, SourceUTF8
			r.Text, r.Replaced = st.text(body, asText)
		default:
			enc, r.Source = sniffLegacy(body), SourceSniff
			r.Text, r.Replaced = decodeWith(enc, body)
		}
	}
	r.Encoding = enc.name
	if !r.HTML && mt != "text/plain" {
		r.HTML = SniffHTML(r.Text)
	}
	return r, nil
}

// UTF8 returns data as a string with every byte that is not part of a valid
// UTF-8 sequence replaced by U+FFFD. Valid input costs one copy.
func UTF8(data []byte) string {
	s, _ := utf8Count(data)
	return s
}

// UTF8Shared is UTF8, except that valid data is returned as data's own
// bytes rather than a copy (shared is then true): for a caller that reads
// the string only while data stays unchanged and keeps no part of it
// afterwards, as DecodeShared.
func UTF8Shared(data []byte) (text string, shared bool) {
	text, n := validText(data, func(p []byte) string { return unsafe.String(unsafe.SliceData(p), len(p)) })
	return text, n == 0 && len(data) > 0
}

// utf8Count is UTF8 that also returns the number of replacements made.
func utf8Count(data []byte) (string, int) {
	return validText(data, func(p []byte) string { return string(p) })
}

// validText returns data as valid UTF-8 and the number of replacements
// made: as valid(data) when it is valid, else repaired (replaceInvalid).
func validText(data []byte, valid func([]byte) string) (string, int) {
	if utf8.Valid(data) {
		return valid(data), 0
	}
	return replaceInvalid(data)
}

// replaceInvalid is utf8Count for data known to hold an invalid byte
// (which it does not validate first): each byte that is not part of a
// valid UTF-8 sequence, as utf8.DecodeRune reads them, becomes U+FFFD.
func replaceInvalid(data []byte) (string, int) {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	n := 0
	for len(data) > 0 {
		// Copy the longest valid prefix at once.
		i := validPrefix(data)
		b.Write(data[:i])
		data = data[i:]
		if len(data) == 0 {
			break
		}
		b.WriteString("\uFFFD")
		n++
		data = data[1:] // an invalid byte: utf8.DecodeRune's size 1
	}
	return b.String(), n
}

// validPrefix returns the length of the longest prefix of p that is valid
// UTF-8. ASCII goes eight bytes at a time, other sequences by seqLen.
func validPrefix(p []byte) int {
	i := 0
	for i < len(p) {
		if p[i] < utf8.RuneSelf {
			j := firstNonASCII(p[i:])
			if j < 0 {
				return len(p)
			}
			i += j
			continue
		}
		size := seqLen(p[i:])
		if size == 1 {
			return i
		}
		i += size
	}
	return i
}

// utf8Stats counts the multi-byte sequences and the invalid bytes in a
// buffer read as UTF-8.
type utf8Stats struct {
	multi, invalid int
}

// text returns p, which st describes, as valid UTF-8, without validating
// it again when st found nothing invalid (then as valid(p)).
func (st utf8Stats) text(p []byte, valid func([]byte) string) (string, int) {
	if st.invalid == 0 {
		return valid(p), 0
	}
	return replaceInvalid(p)
}

func scanUTF8(p []byte) utf8Stats { return scanCount(p, false) }

// scanDecide is scanUTF8 for callers that only test st.multi >= 4*st.invalid
// (and whether both are zero): it stops as soon as the rest of p, even if
// it were all two-byte sequences, could not make that test true, and then
// returns the counts so far, which give the same answer.
func scanDecide(p []byte) utf8Stats { return scanCount(p, true) }

func scanCount(p []byte, decide bool) utf8Stats {
	var st utf8Stats
	if utf8.Valid(p) {
		// Only whether there is a non-ASCII byte matters to callers when
		// nothing is invalid.
		if i := firstNonASCII(p); i >= 0 {
			st.multi = 1
		}
		return st
	}
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			// Markup between the multi-byte runs is ASCII: skip to the
			// next byte that is not.
			j := firstNonASCII(p[i+1:])
			if j < 0 {
				break
			}
			i += 1 + j
			continue
		}
		if size := seqLen(p[i:]); size > 1 {
			st.multi++
			i += size
		} else {
			st.invalid++
			i++
			if decide && st.multi+(len(p)-i)/2 < 4*st.invalid {
				return st
			}
		}
	}
	return st
}

// seqLen returns the length of the valid multi-byte UTF-8 sequence that
// starts p (whose first byte is not ASCII), or 1 when p does not start
// with one: the size utf8.DecodeRune reports, without decoding the rune.
func seqLen(p []byte) int {
	c := p[0]
	var n int
	lo, hi := byte(0x80), byte(0xBF) // bounds of the second byte
	switch {
	case c < 0xC2:
		return 1
	case c < 0xE0:
		n = 2
	case c < 0xF0:
		n = 3
		if c == 0xE0 {
			lo = 0xA0
		} else if c == 0xED {
			hi = 0x9F
		}
	case c < 0xF5:
		n = 4
		if c == 0xF0 {
			lo = 0x90
		} else if c == 0xF4 {
			hi = 0x8F
		}
	default:
		return 1
	}
	if len(p) < n || p[1] < lo || p[1] > hi {
		return 1
	}
	for _, b := range p[2:n] {
		if b < 0x80 || b > 0xBF {
			return 1
		}
	}
	return n
}

// firstNonASCII returns the index of the first byte >= 0x80, or -1. It
// reads eight bytes at a time: English text may hold none.
func firstNonASCII(p []byte) int {
	i := 0
	for ; i+8 <= len(p); i += 8 {
		if binary.LittleEndian.Uint64(p[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(p); i++ {
		if p[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// decodeWith decodes p with a charset and returns valid UTF-8 and the
// number of U+FFFD characters in it.
func decodeWith(ci *charsetInfo, p []byte) (string, int) {
	if ci.name == "utf-8" {
		return utf8Count(p)
	}
	out, err := transcode(ci.enc.NewDecoder(), p)
	if err != nil {
		// x/text decoders replace invalid input instead of failing; keep
		// the text if one ever does fail.
		return utf8Count(p)
	}
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	// out is not referenced elsewhere: the string takes it over instead
	// of copying it.
	return unsafe.String(unsafe.SliceData(out), len(out)), bytes.Count(out, replacementUTF8)
}

// transcode is transform.Bytes (the loop of x/text's doAppend) with a
// destination sized for the usual growth of a legacy text in UTF-8
// (two-byte CJK characters become three bytes; Cyrillic, Greek, Arabic
// letters grow from one byte to two), so that it is rarely grown and
// copied: the output depends only on the transformer and the input.
func transcode(t transform.Transformer, src []byte) ([]byte, error) {
	t.Reset()
	dst := make([]byte, len(src)+len(src)/2+16)
	pDst, pSrc := 0, 0
	for {
		nDst, nSrc, err := t.Transform(dst[pDst:], src[pSrc:], true)
		pDst += nDst
		pSrc += nSrc
		if err != transform.ErrShortDst {
			if err != nil {
				return nil, err
			}
			return dst[:pDst], nil
		}
		if nDst == 0 {
			// As doAppend: grow only when no progress was made.
			n := 2*len(dst) + 16
			grown := make([]byte, n)
			copy(grown, dst[:pDst])
			dst = grown
		}
	}
}

var (
	bomUTF8         = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE      = []byte{0xFF, 0xFE}
	bomUTF16BE      = []byte{0xFE, 0xFF}
	replacementUTF8 = []byte("\uFFFD")
)

// charsetInfo is a decodable charset and its canonical name.
type charsetInfo struct {
	name string
	enc  encoding.Encoding
	// asciiCompatible is true when ASCII bytes stand for ASCII characters,
	// so that UTF-8 bytes can be told apart from the charset's.
	asciiCompatible bool
}

var (
	utf8Info    = charsetInfo{name: "utf-8", enc: encoding.Nop, asciiCompatible: true}
	utf16LEInfo = charsetInfo{name: "utf-16le", enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}
	utf16BEInfo = charsetInfo{name: "utf-16be", enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
)

// lookupLabel resolves a WHATWG charset label.
func lookupLabel(label string) (*charsetInfo, error) {
	ci := lookup(label)
	if ci == nil {
		return nil, &CharsetError{Label: label}
	}
	return ci, nil
}

// lookup resolves a WHATWG charset label; it returns nil for unknown labels
// and for the replacement encoding.
func lookup(label string) *charsetInfo {
	label = strings.TrimSpace(label)
	label = strings.Trim(label, `"'`)
	e, err := htmlindex.Get(label)
	if err != nil || e == encoding.Replacement {
		return nil
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return nil
	}
	switch name {
	case "utf-8":
		return &utf8Info
	case "utf-16le":
		return &utf16LEInfo
	case "utf-16be":
		return &utf16BEInfo
	case "gbk", "gb18030":
		// The WHATWG gbk decoder is the gb18030 decoder; x/text's GBK
		// decoder rejects four-byte sequences.
		e = simplifiedchinese.GB18030
	case "x-user-defined":
		// Bytes 0x80-0xFF map to private-use characters; as a page
		// declaration it means windows-1252 (HTML5 prescan rule).
		return &charsetInfo{name: "windows-1252", enc: charmap.Windows1252, asciiCompatible: true}
	}
	return &charsetInfo{name: name, enc: e, asciiCompatible: name != "iso-2022-jp"}
}

// parseMediaType returns the lower-case media type and its charset
// parameter. A media type that mime cannot parse still yields a charset
// when "charset=" appears in it.
func parseMediaType(s string) (mt, charset string, ok bool) {
	if strings.TrimSpace(s) == "" {
		return "", "", false
	}
	mt, params, err := mime.ParseMediaType(s)
	if err == nil {
		charset, ok = params["charset"]
		return mt, charset, ok && strings.TrimSpace(charset) != ""
	}
	// Lower-cased byte for byte (ASCII only), so that an index into it is
	// one into s: strings.ToLower changes the length of invalid UTF-8
	// and of some runes (İ), and "\xf1charset=" then sliced past the end.
	lower := asciiLower(s)
	mt, _, _ = strings.Cut(lower, ";")
	mt = strings.TrimSpace(mt)
	i := strings.Index(lower, "charset=")
	if i < 0 {
		return mt, "", false
	}
	v := s[i+len("charset="):]
	if j := strings.IndexAny(v, "; \t"); j >= 0 {
		v = v[:j]
	}
	v = strings.Trim(v, `"'`)
	return mt, v, v != ""
}

// asciiLower returns s with its ASCII capitals lower-cased and every
// other byte kept.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// strconvQuote quotes a label for an error message, bounded in length.
func strconvQuote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return strconv.Quote(s)
}
