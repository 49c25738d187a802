package segment

import (
	"strings"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/token"
)

// The End and Start tables (splitter.go): the weights of the words on each
// side of a gap, looked up by their first and last tokens, or by an affix of
// them.

// affixMark marks the affix keys of the End and Start tables; no token
// holds it.
const affixMark = '*'

// maxAffix is the longest affix, in runes, the word tables may weigh.
const maxAffix = 3

// affixKey appends to dst the key of tok's n-rune suffix ("*" then its
// last n runes) or prefix (its first n runes then "*"); ok is false when
// tok has n runes or fewer.
func affixKey(dst, tok []byte, n int, suffix bool) (_ []byte, ok bool) {
	i, j := 0, len(tok)
	for range n {
		if i >= j {
			return dst, false
		}
		if suffix {
			_, sz := utf8.DecodeLastRune(tok[i:j])
			j -= sz
		} else {
			_, sz := utf8.DecodeRune(tok[i:j])
			i += sz
		}
	}
	if i >= j {
		return dst, false
	}
	if suffix {
		return append(append(dst, affixMark), tok[j:]...), true
	}
	return append(append(dst, tok[:i]...), affixMark), true
}

// affixLen returns n when k is an n-rune affix key of an End (suffix) or
// Start table, else 0.
func affixLen(k string, suffix bool) int {
	var ok bool
	if suffix {
		k, ok = strings.CutPrefix(k, string(affixMark))
	} else {
		k, ok = strings.CutSuffix(k, string(affixMark))
	}
	if !ok || k == "" {
		return 0
	}
	return utf8.RuneCountInString(k)
}

// edgeKeys returns the first and last token of w, normalised.
func edgeKeys(it *token.Iter, w string) (first, last string) {
	it.Reset(w)
	for n := 0; it.Next(); n++ {
		if n == 0 {
			first = string(it.Token())
		}
		last = string(it.Token())
	}
	return first, last
}

// edgeHashes returns the token.Hash of the first and last token of w, and
// whether w has a token.
func edgeHashes(it *token.Iter, w string) (first, last uint64, ok bool) {
	if first, last, ok, done := asciiEdgeHashes(w); done {
		return first, last, ok
	}
	return iterEdgeHashes(it, w)
}

// iterEdgeHashes is edgeHashes through the tokeniser, for any word.
func iterEdgeHashes(it *token.Iter, w string) (first, last uint64, ok bool) {
	it.Reset(w)
	for it.Next() {
		if !ok {
			first, ok = it.Hash(), true
		}
		last = it.Hash()
	}
	return first, last, ok
}

// asciiEdgeHashes is edgeHashes without the tokeniser for a word of
// printable ASCII (U+0021–U+007E), the most common kind in Latin-script
// text; done is false for any other word. The tokens of such a word
// (token.Iter) are its runs of letters and digits, letters lower-cased,
// and a run of digits only is a Number, whose token is its digit shape
// (FuzzEdgeHashes checks that both agree).
func asciiEdgeHashes(w string) (first, last uint64, ok, done bool) {
	h := uint64(token.HashOffset)
	n, letter := 0, false // bytes and whether a letter is in the run so far
	for i := 0; i <= len(w); i++ {
		if i < len(w) {
			c := w[i]
			switch {
			case c < 0x21 || c > 0x7e:
				return 0, 0, false, false
			case c|0x20 >= 'a' && c|0x20 <= 'z':
				h = token.AddByte(h, c|0x20)
				n, letter = n+1, true
				continue
			case c >= '0' && c <= '9':
				h = token.AddByte(h, c)
				n++
				continue
			}
		}
		if n == 0 {
			continue
		}
		// the end of a run: a token
		if !letter {
			h = digitShapeHash(n)
		}
		if !ok {
			first, ok = h, true
		}
		last = h
		h, n, letter = token.HashOffset, 0, false
	}
	return first, last, ok, true
}

// digitShapes are the token.Hash of the digit shapes of runs of 1 to 4,
// 5 to 8 and 9 or more digits (token.Iter.Token).
var digitShapes = [...]uint64{
	token.HashString("0"), token.HashString("00"), token.HashString("000"), token.HashString("0000"),
	token.HashString("00000"), token.HashString("000000000"),
}

// digitShapeHash returns the token.Hash of the digit shape of a run of n
// digits.
func digitShapeHash(n int) uint64 {
	switch {
	case n > 8:
		return digitShapes[5]
	case n > 4:
		return digitShapes[4]
	}
	return digitShapes[n-1]
}

// edgeInfo returns what the splitter knows of word w: its End weight
// (that of its last token, plus those of the token's suffixes when the
// tables hold affixes) and its Start weight (its first token's, plus its
// prefixes'), the token.Hash of its first and last token and whether it
// has a token.
func (s *Splitter) edgeInfo(it *token.Iter, w string) wordInfo {
	if !s.affixes {
		first, last, ok := edgeHashes(it, w)
		if !ok {
			return wordInfo{}
		}
		end, start := s.edges.get(last)
		if first != last {
			_, start = s.edges.get(first)
		}
		return wordInfo{wt: [2]float32{end, start}, first: first, last: last, ok: true}
	}
	var v wordInfo
	var buf [1 + 4*maxAffix]byte
	var suf [maxAffix]float32
	it.Reset(w)
	for it.Next() {
		tok := it.Token()
		v.last = it.Hash()
		for n := 1; n <= maxAffix; n++ {
			suf[n-1] = 0
			if k, ok := affixKey(buf[:0], tok, n, true); ok {
				suf[n-1] = s.endH[token.Hash(k)]
			}
		}
		if v.ok {
			continue
		}
		v.first, v.ok = v.last, true
		v.wt[1] = s.startH[v.first]
		for n := 1; n <= maxAffix; n++ {
			if k, ok := affixKey(buf[:0], tok, n, false); ok {
				v.wt[1] += s.startH[token.Hash(k)]
			}
		}
	}
	v.wt[0] = s.endH[v.last]
	for _, x := range suf {
		v.wt[0] += x
	}
	return v
}

// edgeTable holds the End and Start weights of the tokens of a Splitter's
// tables (endH, startH) in one open-addressed table, so that the weights
// of a word of one token take one look-up that reads one cache line at
// most times, not two map look-ups.
type edgeTable struct {
	slots []edgeSlot // a power of two, at most half full; h == 0: empty
	shift uint8      // 64 - log2(len(slots))
	zero  edgeSlot   // the weights of the token hashing to 0
}

type edgeSlot struct {
	h          uint64
	end, start float32
}

func newEdgeTable(end, start map[uint64]float32) edgeTable {
	var t edgeTable
	n := len(end) // tokens in either table
	for h := range start {
		if _, ok := end[h]; !ok {
			n++
		}
	}
	bits := uint8(4)
	for 1<<bits < 2*n {
		bits++
	}
	t.slots, t.shift = make([]edgeSlot, 1<<bits), 64-bits
	for h, v := range end {
		t.slot(h).end = v
	}
	for h, v := range start {
		t.slot(h).start = v
	}
	return t
}

// slot returns h's slot, claiming an empty one when h has none.
func (t *edgeTable) slot(h uint64) *edgeSlot {
	if h == 0 {
		return &t.zero
	}
	mask := len(t.slots) - 1
	for i := int((h * 0x9e3779b97f4a7c15) >> t.shift); ; i = (i + 1) & mask {
		if e := &t.slots[i]; e.h == h || e.h == 0 {
			e.h = h
			return e
		}
	}
}

// get returns the End and Start weights of the token hashing to h (0 for
// a token not in a table).
func (t *edgeTable) get(h uint64) (end, start float32) {
	switch {
	case h == 0:
		return t.zero.end, t.zero.start
	case len(t.slots) == 0: // a Splitter not prepared: no tables
		return 0, 0
	}
	mask := len(t.slots) - 1
	for i := int((h * 0x9e3779b97f4a7c15) >> t.shift); ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.h == h {
			return e.end, e.start
		}
		if e.h == 0 {
			return 0, 0
		}
	}
}
