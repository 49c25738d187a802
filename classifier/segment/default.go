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

// DefaultSplitter returns the built-in splitter. It is shared: do not
// modify it.
func DefaultSplitter() *Splitter { return defaultSplitter() }

var defaultSplitter = sync.OnceValue(func() *Splitter {
	if len(defaultSplitterData) > 0 {
		var s Splitter
		if err := s.UnmarshalBinary(defaultSplitterData); err == nil {
			return &s
		}
	}
	return NewSplitter(handWeights(), nil, nil)
})

const splitterMagic = "WSPL4"

// ErrSplitterFormat reports splitter data that cannot be decoded.
var ErrSplitterFormat = errors.New("segment: bad splitter data")

// MarshalBinary encodes the splitter compactly: the fixed weights, then
// the End and Start tables sorted by key, weights as float32, then a byte
// saying whether List weights follow, and them, then a byte saying
// whether a Cohesion table follows, and the table.
func (s *Splitter) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(splitterMagic)
	b.Write(binary.AppendUvarint(nil, uint64(NumFeatures)))
	var f [4]byte
	for _, w := range s.Weights {
		binary.LittleEndian.PutUint32(f[:], math.Float32bits(w))
		b.Write(f[:])
	}
	b.Write(binary.AppendUvarint(nil, uint64(s.MinWords)))
	b.Write(binary.AppendUvarint(nil, uint64(s.LongWords)))
	binary.LittleEndian.PutUint32(f[:], math.Float32bits(s.LongMargin))
	b.Write(f[:])
	for _, m := range []map[string]float32{s.End, s.Start} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, cmp.Compare)
		b.Write(binary.AppendUvarint(nil, uint64(len(keys))))
		for _, k := range keys {
			b.Write(binary.AppendUvarint(nil, uint64(len(k))))
			b.WriteString(k)
			binary.LittleEndian.PutUint32(f[:], math.Float32bits(m[k]))
			b.Write(f[:])
		}
	}
	if s.HasList {
		b.WriteByte(1)
		for _, w := range s.List {
			binary.LittleEndian.PutUint32(f[:], math.Float32bits(w))
			b.Write(f[:])
		}
		for _, w := range append([]float32{s.LenWeight, s.ListBias}, s.LenLogP[:]...) {
			binary.LittleEndian.PutUint32(f[:], math.Float32bits(w))
			b.Write(f[:])
		}
	} else {
		b.WriteByte(0)
	}
	if s.Cohesion == nil {
		b.WriteByte(0)
		return b.Bytes(), nil
	}
	b.WriteByte(1)
	return s.Cohesion.appendBinary(b.Bytes()), nil
}

// UnmarshalBinary decodes data written by MarshalBinary. Table keys are
// normalised again (see NewSplitter).
func (s *Splitter) UnmarshalBinary(data []byte) error {
	r := bytes.NewReader(data)
	magic := make([]byte, len(splitterMagic))
	if _, err := r.Read(magic); err != nil || string(magic) != splitterMagic {
		return fmt.Errorf("%w: magic", ErrSplitterFormat)
	}
	nf, err := binary.ReadUvarint(r)
	if err != nil || nf != uint64(NumFeatures) {
		return fmt.Errorf("%w: %d features, want %d", ErrSplitterFormat, nf, NumFeatures)
	}
	var w [NumFeatures]float32
	var f [4]byte
	for i := range w {
		if _, err := io.ReadFull(r, f[:]); err != nil {
			return fmt.Errorf("%w: weights", ErrSplitterFormat)
		}
		w[i] = math.Float32frombits(binary.LittleEndian.Uint32(f[:]))
	}
	mw, err := binary.ReadUvarint(r)
	if err != nil || mw > 1000 {
		return fmt.Errorf("%w: min words", ErrSplitterFormat)
	}
	lw, err := binary.ReadUvarint(r)
	if err != nil || lw > 1000 {
		return fmt.Errorf("%w: long words", ErrSplitterFormat)
	}
	if _, err := io.ReadFull(r, f[:]); err != nil {
		return fmt.Errorf("%w: long margin", ErrSplitterFormat)
	}
	lm := math.Float32frombits(binary.LittleEndian.Uint32(f[:]))
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
			if _, err := io.ReadFull(r, f[:]); err != nil {
				return fmt.Errorf("%w: weight", ErrSplitterFormat)
			}
			m[string(k)] = math.Float32frombits(binary.LittleEndian.Uint32(f[:]))
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
		for i := range list {
			if _, err := io.ReadFull(r, f[:]); err != nil {
				return fmt.Errorf("%w: list weights", ErrSplitterFormat)
			}
			list[i] = math.Float32frombits(binary.LittleEndian.Uint32(f[:]))
		}
		for i := range lens {
			if _, err := io.ReadFull(r, f[:]); err != nil {
				return fmt.Errorf("%w: length weights", ErrSplitterFormat)
			}
			lens[i] = math.Float32frombits(binary.LittleEndian.Uint32(f[:]))
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
	ns := NewSplitter(w, tabs[0], tabs[1])
	ns.MinWords, ns.LongWords, ns.LongMargin, ns.Cohesion = int(mw), int(lw), lm, coh
	ns.List, ns.HasList = list, hasList == 1
	ns.LenWeight, ns.ListBias = lens[0], lens[1]
	copy(ns.LenLogP[:], lens[2:])
	*s = *ns
	return nil
}
