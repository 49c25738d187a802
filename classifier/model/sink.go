package model

import (
	"strconv"
)

// sink collects a block's features: bucket indexes and values, and when
// explaining, a human-readable name per feature.
type sink struct {
	mask    uint32
	idx     []uint32
	val     []float32
	names   []string // nil unless explaining
	explain bool
}

func (s *sink) reset(explain bool) {
	s.idx = s.idx[:0]
	s.val = s.val[:0]
	s.names = s.names[:0]
	s.explain = explain
}

func (s *sink) add(h uint64, v float32) {
	s.idx = append(s.idx, uint32(mix(h))&s.mask)
	s.val = append(s.val, v)
}

// word adds the unigram of a token hashed h and, when hasPrev, its
// bigram with the token before it, hashed prev. When explaining, the
// features are named after tok, or as the tail window's when tok is nil.
func (s *sink) word(h, prev uint64, hasPrev bool, tok []byte) {
	s.add(hashByte(h, nsUni), 1)
	if s.explain {
		if tok == nil {
			s.names = append(s.names, "word(tail)")
		} else {
			s.names = append(s.names, "word="+string(tok))
		}
	}
	if hasPrev {
		s.add(hashByte(prev*31+h, nsBi), 1)
		if s.explain {
			if tok == nil {
				s.names = append(s.names, "bigram(tail)")
			} else {
				s.names = append(s.names, "bigram=…+"+string(tok))
			}
		}
	}
}

// fkey is a feature key, a namespace and a name, with the hash of both
// computed once, and the finished hashes of the values it usually takes:
// feature hashing is a large part of extraction, and most keys are
// constants with small values.
type fkey struct {
	h    uint64 // FNV-1a state after ns and name
	name string
	lo   int      // tab[n-lo] is the finished hash of value n
	tab  []uint32 // uint32(mix(hashInt(h, n))) for lo <= n < lo+len(tab)
}

// The values every key tabulates, -2 to 15: small counts and buckets, and
// -1 (shareB's and the neighbour features' "none"). upTo tabulates more.
const (
	keyLo = -2
	keyHi = 16
)

var _ [keyHi - NumClasses]struct{} // featVec reads values 0 to NumClasses-1

func makeKey(h uint64, name string) *fkey {
	return (&fkey{h: h, name: name, lo: keyLo}).upTo(keyHi)
}

// upTo tabulates k's values up to hi (exclusive) and returns k.
func (k *fkey) upTo(hi int) *fkey {
	k.tab = make([]uint32, hi-k.lo)
	for i := range k.tab {
		k.tab[i] = uint32(mix(hashInt(k.h, k.lo+i)))
	}
	return k
}

// hashOf returns the finished hash of the feature k=n.
func (k *fkey) hashOf(n int) uint32 {
	if i := n - k.lo; uint(i) < uint(len(k.tab)) {
		return k.tab[i]
	}
	return uint32(mix(hashInt(k.h, n)))
}

func newKey(ns byte, name string) *fkey {
	return makeKey(hashString(hashByte(fnvOffset, ns), name), name)
}

// subKeys returns ns:name[str] (see featSN) for every str, in order.
func subKeys(ns byte, name string, strs []string) []*fkey {
	h := hashString(hashByte(fnvOffset, ns), name)
	out := make([]*fkey, len(strs))
	for i, s := range strs {
		out[i] = makeKey(hashString(hashByte(h, 0), s), name+"["+s+"]")
	}
	return out
}

// upTo is fkey.upTo for every key of ks.
func upTo(ks []*fkey, hi int) []*fkey {
	for _, k := range ks {
		k.upTo(hi)
	}
	return ks
}

// feat adds the feature ns:key=n (a bucketed or categorical fact).
func (s *sink) feat(k *fkey, n int, v float32) {
	s.idx = append(s.idx, k.hashOf(n)&s.mask)
	s.val = append(s.val, v)
	if s.explain {
		s.names = append(s.names, k.name+"="+strconv.Itoa(n))
	}
}

// featVec adds the features ns:key=k with values p[k], for every class k.
func (s *sink) featVec(k *fkey, p *[NumClasses]float32) {
	if s.explain {
		for c := range NumClasses {
			s.feat(k, c, p[c])
		}
		return
	}
	tab := k.tab[-k.lo : -k.lo+NumClasses]
	for c, v := range p {
		s.idx = append(s.idx, tab[c]&s.mask)
		s.val = append(s.val, v)
	}
}

// featS adds the feature ns:key=str.
func (s *sink) featS(k *fkey, str string, v float32) {
	s.add(hashString(hashByte(k.h, 0), str), v)
	if s.explain {
		s.names = append(s.names, k.name+"="+str)
	}
}

var nbrKey = [...]string{"-2", "-1", "0", "+1", "+2"}

// featSN adds the feature ns:key[str]=n.
func (s *sink) featSN(k *fkey, str string, n int, v float32) {
	s.add(hashInt(hashString(hashByte(k.h, 0), str), n), v)
	if s.explain {
		s.names = append(s.names, k.name+"["+str+"]="+strconv.Itoa(n))
	}
}

// First-pass feature keys.
var (
	kBias = newKey(nsBias, "bias")

	kTokens     = newKey(nsShape, "tokens")
	kRunes      = newKey(nsShape, "runes")
	kPunct      = newKey(nsShape, "punct")
	kDigits     = newKey(nsShape, "digits")
	kLatin      = newKey(nsShape, "latin")
	kArabic     = newKey(nsShape, "arabic")
	kCJK        = newKey(nsShape, "cjk")
	kCyr        = newKey(nsShape, "cyr")
	kUpper      = newKey(nsShape, "upper")
	kShort      = newKey(nsShape, "short")
	kTerm       = newKey(nsShape, "term")
	kTermXLen   = newKey(nsShape, "termxlen").upTo(9 * 16)
	kColon      = newKey(nsShape, "colon")
	kStartDigit = newKey(nsShape, "startdigit")
	kPipes      = newKey(nsShape, "pipes")
	kTitleLike  = newKey(nsShape, "titlelike")
	kNumeric    = newKey(nsShape, "numeric")
	kStopwords  = newKey(nsShape, "stopwords")
	kStopXLen   = newKey(nsShape, "stopxlen").upTo(8 * 16)

	kIdx     = newKey(nsPos, "idx")
	kOff     = newKey(nsPos, "off")
	kFirst   = newKey(nsPos, "first")
	kLast    = newKey(nsPos, "last")
	kNBlocks = newKey(nsPos, "nblocks")

	kHTML     = newKey(nsText, "html")
	kSplit    = newKey(nsText, "split")
	kBlank    = newKey(nsText, "blank") // read in training only (Config.TrainBlank)
	kSameLine = newKey(nsText, "sameline")

	kDocTitle = newKey(nsTitle, "doctitle")

	kTag       = newKey(nsStruct, "tag")
	kHeading   = newKey(nsStruct, "h")
	kFlag      = newKey(nsStruct, "flag")
	kLinkDens  = newKey(nsStruct, "linkdens")
	kLinks     = newKey(nsStruct, "links")
	kRepeat    = newKey(nsStruct, "repeat")
	kDepth     = newKey(nsStruct, "depth")
	kTagXLen   = newKey(nsStruct, "tagxlen")
	kLDXLen    = newKey(nsStruct, "ldxlen").upTo(7 * 16)
	kClass     = newKey(nsPathTok, "class")
	kClassPart = newKey(nsPathTok, "classpart")

	kNone    = newKey(nsNbr, "none")
	kNbrTag  = newKey(nsNbr, "nbrtag")
	kNbrLen  = subKeys(nsNbr, "len", nbrKey[:])
	kNbrTerm = subKeys(nsNbr, "term", nbrKey[:])
	kNbrLD   = subKeys(nsNbr, "ld", nbrKey[:])
	kNbrH    = subKeys(nsNbr, "h", nbrKey[:])
)
