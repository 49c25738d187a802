package segment

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

// DefaultSplitter returns a copy of the built-in splitter (splitter.bin,
// embedded): the caller may change it. Text uses the built-in one when
// TextOptions.Splitter is nil, without a copy.
func DefaultSplitter() *Splitter {
	var s Splitter
	if err := s.UnmarshalBinary(defaultSplitterData); err != nil {
		panic(err) // defaultSplitter has decoded the same bytes
	}
	return &s
}

// DefaultLongSplitter returns a copy of the built-in splitter for the
// sentences of a page written on one line (splitter_long.bin, embedded;
// TextOptions.LongSplitter).
func DefaultLongSplitter() *Splitter {
	var s Splitter
	if err := s.UnmarshalBinary(defaultLongSplitterData); err != nil {
		panic(fmt.Sprintf("segment: the embedded splitter_long.bin does not decode (%v): rebuild it with winnow train splitter", err))
	}
	return &s
}

// defaultSplitter is the built-in splitter, decoded once and never
// changed. An embedded splitter.bin that does not decode is a build
// mistake: it panics rather than cut text with other weights
// (TestDefaultSplitterDecodes keeps it from shipping).
var defaultSplitter = sync.OnceValue(func() *Splitter {
	var s Splitter
	if err := s.UnmarshalBinary(defaultSplitterData); err != nil {
		panic(fmt.Sprintf("segment: the embedded splitter.bin does not decode (%v): rebuild it with winnow train splitter", err))
	}
	return &s
})

// splitterMagic starts the encoding of a splitter whose word tables hold
// affix keys (see newSplitter); one without them starts with
// oldSplitterMagic, as before such keys existed, so its encoding does
// not change, and a reader that predates them rejects the files that
// hold them instead of taking the keys for words. The layout is the same.
const (
	splitterMagic    = "WSPL5"
	oldSplitterMagic = "WSPL4"
)

// ErrSplitterFormat reports splitter data that cannot be decoded.
var ErrSplitterFormat = errors.New("segment: bad splitter data")

// MarshalBinary encodes the splitter compactly: the fixed weights, then
// the End and Start tables sorted by key, weights as float32, then a byte
// saying whether List weights follow, and them, then a byte saying
// whether a Cohesion table follows, and the table.
func (s *Splitter) MarshalBinary() ([]byte, error) {
	b := []byte(oldSplitterMagic)
	if s.hasAffixKeys() {
		b = []byte(splitterMagic)
	}
	b = binary.AppendUvarint(b, uint64(NumFeatures))
	b = appendF32s(b, s.Weights[:]...)
	b = binary.AppendUvarint(b, uint64(s.MinWords))
	b = binary.AppendUvarint(b, uint64(s.LongWords))
	b = appendF32s(b, s.LongMargin)
	for _, m := range []map[string]float32{s.End, s.Start} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, cmp.Compare)
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			b = binary.AppendUvarint(b, uint64(len(k)))
			b = append(b, k...)
			b = appendF32s(b, m[k])
		}
	}
	if s.HasList {
		b = append(b, 1)
		b = appendF32s(b, s.List[:]...)
		b = appendF32s(b, s.LenWeight, s.ListBias)
		b = appendF32s(b, s.LenLogP[:]...)
	} else {
		b = append(b, 0)
	}
	if s.Cohesion == nil {
		return append(b, 0), nil
	}
	return s.Cohesion.appendBinary(append(b, 1)), nil
}

// appendF32s appends each of ws as 4 little-endian bytes.
func appendF32s(b []byte, ws ...float32) []byte {
	for _, w := range ws {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(w))
	}
	return b
}

// readF32s fills dst with float32s written by appendF32s; what names them
// in the error.
func readF32s(r *bytes.Reader, dst []float32, what string) error {
	var f [4]byte
	for i := range dst {
		if _, err := io.ReadFull(r, f[:]); err != nil {
			return fmt.Errorf("%w: %s", ErrSplitterFormat, what)
		}
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(f[:]))
	}
	return nil
}

// hasAffixKeys reports whether the End or Start table holds an affix key.
func (s *Splitter) hasAffixKeys() bool {
	for k := range s.End {
		if affixLen(k, true) > 0 {
			return true
		}
	}
	for k := range s.Start {
		if affixLen(k, false) > 0 {
			return true
		}
	}
	return false
}

// UnmarshalBinary decodes data written by MarshalBinary. Table keys are
// normalised again (see newSplitter).
func (s *Splitter) UnmarshalBinary(data []byte) error {
	r := bytes.NewReader(data)
	magic := make([]byte, len(splitterMagic))
	if _, err := r.Read(magic); err != nil || string(magic) != splitterMagic && string(magic) != oldSplitterMagic {
		return fmt.Errorf("%w: magic", ErrSplitterFormat)
	}
	nf, err := binary.ReadUvarint(r)
	if err != nil || nf != uint64(NumFeatures) {
		return fmt.Errorf("%w: %d features, want %d", ErrSplitterFormat, nf, NumFeatures)
	}
	var w [NumFeatures]float32
	if err := readF32s(r, w[:], "weights"); err != nil {
		return err
	}
	mw, err := binary.ReadUvarint(r)
	if err != nil || mw > 1000 {
		return fmt.Errorf("%w: min words", ErrSplitterFormat)
	}
	lw, err := binary.ReadUvarint(r)
	if err != nil || lw > 1000 {
		return fmt.Errorf("%w: long words", ErrSplitterFormat)
	}
	var lm [1]float32
	if err := readF32s(r, lm[:], "long margin"); err != nil {
		return err
	}
	var tabs [2]map[string]float32
	for t := range tabs {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(r.Len()) {
			return fmt.Errorf("%w: table size", ErrSplitterFormat)
		}
		m := make(map[string]float32, n)
		for range n {
			kl, err := binary.ReadUvarint(r)
			if err != nil || kl > uint64(r.Len()) {
				return fmt.Errorf("%w: key", ErrSplitterFormat)
			}
			k := make([]byte, kl)
			if _, err := io.ReadFull(r, k); err != nil {
				return fmt.Errorf("%w: key", ErrSplitterFormat)
			}
			var v [1]float32
			if err := readF32s(r, v[:], "weight"); err != nil {
				return err
			}
			m[string(k)] = v[0]
		}
		tabs[t] = m
	}
	var list [NumFeatures]float32
	var lens [2 + maxDPLen + 1]float32
	hasList, err := r.ReadByte()
	if err != nil || hasList > 1 {
		return fmt.Errorf("%w: list flag", ErrSplitterFormat)
	}
	if hasList == 1 {
		if err := readF32s(r, list[:], "list weights"); err != nil {
			return err
		}
		if err := readF32s(r, lens[:], "length weights"); err != nil {
			return err
		}
	}
	var coh *Cohesion
	switch has, err := r.ReadByte(); {
	case err != nil || has > 1:
		return fmt.Errorf("%w: cohesion flag", ErrSplitterFormat)
	case has == 1:
		if coh, err = readCohesion(r); err != nil {
			return err
		}
	}
	if r.Len() != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrSplitterFormat, r.Len())
	}
	ns := newSplitter(w, tabs[0], tabs[1])
	ns.MinWords, ns.LongWords, ns.LongMargin, ns.Cohesion = int(mw), int(lw), lm[0], coh
	ns.List, ns.HasList = list, hasList == 1
	ns.LenWeight, ns.ListBias = lens[0], lens[1]
	copy(ns.LenLogP[:], lens[2:])
	*s = *ns
	return nil
}
