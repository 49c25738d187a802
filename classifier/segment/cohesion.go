package segment

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"slices"

	"github.com/winnowhq/winnow/classifier/token"
)

// Cohesion says how often two words stand next to each other in running
// text: the pair (last token of one word, first token of the next) is
// counted over a corpus of titles and paragraphs, and so is each token.
// Inside a title most neighbouring words are a frequent pair; across the
// gap between two glued titles they rarely are. The splitter uses the
// count level of a gap's pair as a feature (see level).
//
// Pairs and tokens seen once are not kept (a hapax is weak evidence and
// most of the table). Keys are 32-bit fingerprints of token.Hash values,
// so two pairs may, rarely, share a level. A Cohesion must not be
// modified while in use; it is then safe for concurrent use.
type Cohesion struct {
	pairs map[uint32]uint8 // pair fingerprint → count level 1..4
	words map[uint32]uint8 // token fingerprint → count level 1..2
}

// Count levels of a pair: 0 unseen or seen once, then 2–3, 4–15, 16–63,
// 64 and more.
func pairLevel(n int) uint8 {
	switch {
	case n < 2:
		return 0
	case n < 4:
		return 1
	case n < 16:
		return 2
	case n < 64:
		return 3
	}
	return 4
}

// Count levels of a token: 0 unseen or once, 1 for 2–15, 2 for 16 and more.
func wordLevel(n int) uint8 {
	switch {
	case n < 2:
		return 0
	case n < 16:
		return 1
	}
	return 2
}

func pairKey(a, b uint64) uint32 {
	return uint32(mix64(a^(b<<17|b>>47)^0x9e3779b97f4a7c15) >> 32)
}

func wordKey(a uint64) uint32 { return uint32(mix64(a) >> 32) }

// mix64 is the splitmix64 finaliser.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// CohesionCounter counts pairs and tokens for NewCohesion. The zero value
// is ready to use.
type CohesionCounter struct {
	pairs, words map[uint32]int
	ws           []word
	it           token.Iter
}

// Add counts the neighbouring words of every line of text, split into
// words as the splitter splits them.
func (c *CohesionCounter) Add(text string) {
	if c.pairs == nil {
		c.pairs, c.words = map[uint32]int{}, map[uint32]int{}
	}
	for pos := 0; pos < len(text); {
		end := lineEnd(text, pos)
		c.ws = scanWords(c.ws, text, pos, end)
		var prevLast uint64
		prevOK := false
		for _, w := range c.ws {
			f, l, ok := edgeHashes(&c.it, text[w.start:w.end])
			if !ok {
				prevOK = false
				continue
			}
			c.words[wordKey(f)]++
			if l != f {
				c.words[wordKey(l)]++
			}
			if prevOK {
				c.pairs[pairKey(prevLast, f)]++
			}
			prevLast, prevOK = l, true
		}
		pos = end + 1
	}
}

// Cohesion returns the table of what was counted.
func (c *CohesionCounter) Cohesion() *Cohesion {
	t := &Cohesion{pairs: map[uint32]uint8{}, words: map[uint32]uint8{}}
	for k, n := range c.pairs {
		if l := pairLevel(n); l > 0 {
			t.pairs[k] = l
		}
	}
	for k, n := range c.words {
		if l := wordLevel(n); l > 0 {
			t.words[k] = l
		}
	}
	return t
}

// Len reports how many pairs and tokens the table keeps.
func (t *Cohesion) Len() (pairs, words int) {
	if t == nil {
		return 0, 0
	}
	return len(t.pairs), len(t.words)
}

// level is what the splitter sees of a gap: the count level of
// its pair (0–4), and for unseen pairs whether both tokens are frequent
// (level 5: two common words that never stand together, the strongest
// sign of a boundary) or one of them is unknown (level 0).
func (t *Cohesion) level(a, b uint64) int {
	if t == nil {
		return 0
	}
	if l := t.pairs[pairKey(a, b)]; l > 0 {
		return int(l)
	}
	if t.words[wordKey(a)] == 2 && t.words[wordKey(b)] == 2 {
		return 5
	}
	return 0
}

// numCohLevels is the number of values level returns.
const numCohLevels = 6

const cohesionMagic = "WCOH1"

// appendBinary appends the table: magic, then for pairs and for words the
// count, and the sorted keys as delta uvarints each followed by its level
// byte.
func (t *Cohesion) appendBinary(b []byte) []byte {
	b = append(b, cohesionMagic...)
	for _, m := range []map[uint32]uint8{t.pairs, t.words} {
		keys := make([]uint32, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = binary.AppendUvarint(b, uint64(len(keys)))
		prev := uint32(0)
		for _, k := range keys {
			b = binary.AppendUvarint(b, uint64(k-prev))
			b = append(b, m[k])
			prev = k
		}
	}
	return b
}

// readCohesion decodes what appendBinary wrote.
func readCohesion(r *bytes.Reader) (*Cohesion, error) {
	magic := make([]byte, len(cohesionMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != cohesionMagic {
		return nil, fmt.Errorf("%w: cohesion magic", ErrSplitterFormat)
	}
	t := &Cohesion{}
	for i, maxLevel := range []uint8{4, 2} {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(r.Len())/2 {
			return nil, fmt.Errorf("%w: cohesion size", ErrSplitterFormat)
		}
		m := make(map[uint32]uint8, n)
		var k uint64
		for j := uint64(0); j < n; j++ {
			d, err := binary.ReadUvarint(r)
			if err != nil || (j > 0 && d == 0) || k+d > 1<<32-1 {
				return nil, fmt.Errorf("%w: cohesion key", ErrSplitterFormat)
			}
			k += d
			l, err := r.ReadByte()
			if err != nil || l == 0 || l > maxLevel {
				return nil, fmt.Errorf("%w: cohesion level", ErrSplitterFormat)
			}
			m[uint32(k)] = l
		}
		if i == 0 {
			t.pairs = m
		} else {
			t.words = m
		}
	}
	return t, nil
}
