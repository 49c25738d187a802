package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// File format (all integers little endian or unsigned varints):
//
//	magic "WNNWMDL\x00" | uint16 format version | uint32 header length |
//	JSON header | weight section pass 1 | weight section pass 2 (optional) |
//	splitter section (optional) | SHA-256 of everything before it
//
// The checksum (format version 2; version 1 files had none) makes a
// corrupted file fail to load instead of serving damaged weights; it is
// also the model's content fingerprint (Info.ContentSHA256).
//
// A weight section is: uvarint bits | float32 scale | uvarint number of
// rows | rows, each a uvarint delta of the bucket index from the previous
// row and NumClasses zig-zag varints of the int16-quantised weights.
const (
	magic = "WNNWMDL\x00"
	// formatVersion 3 adds the page model (header "page_kinds",
	// "page_model", "page_article_cut") to version 2's checksum; version 2
	// files still decode, without a page model. Page model rows hold
	// numPageFeats weights, or numPageFeatsV3 / V4 / V5 / V6 in files
	// written before the schema / run / URL / title features (page.go).
	formatVersion = 3
	// checksumBytes is the length of the SHA-256 trailer.
	checksumBytes = sha256.Size
	// MaxFileBytes bounds a model file Decode accepts.
	MaxFileBytes = 64 << 20
)

// header is the JSON header of a model file.
type header struct {
	Version     string             `json:"version"`
	Fingerprint string             `json:"fingerprint"`
	Pipeline    string             `json:"pipeline"`
	Groups      int                `json:"groups"`
	Bits1       uint               `json:"bits1"`
	Bits2       uint               `json:"bits2"`
	Labels      []string           `json:"labels"`
	Languages   []string           `json:"languages"`
	Threshold   float64            `json:"threshold"`
	Temperature float64            `json:"temperature"`
	Training    map[string]int     `json:"training"`
	Metrics     map[string]float64 `json:"metrics"`
	Seed        uint64             `json:"seed"`
	TokenProbe  string             `json:"token_probe"`
	Shift       []float64          `json:"script_shift"`
	// SplitterBytes is the length of the plain-text splitter section
	// (segment.Splitter.MarshalBinary) after the weights; 0: none.
	SplitterBytes int `json:"splitter_bytes,omitempty"`
	// LongSplitterBytes is the length of the splitter section for the
	// lines of a page written on one line, after the splitter; 0: none.
	LongSplitterBytes int `json:"long_splitter_bytes,omitempty"`
	// PageForestBytes is the length of the page model's forest section
	// (forest.MarshalBinary), after the splitters; 0: the page model is
	// the logistic rows of PageModel alone.
	PageForestBytes int `json:"page_forest_bytes,omitempty"`
	// PageKinds and PageModel are the page model: its kinds, and one row
	// of numPageFeats weights per kind (the first is the bias).
	PageKinds []string    `json:"page_kinds,omitempty"`
	PageModel [][]float64 `json:"page_model,omitempty"`
	// PageArticleCut is the page model's cut on the article probability.
	PageArticleCut float64 `json:"page_article_cut,omitempty"`
	// PageDominantCut is the cut for pages with a dominant region
	// (PagePrediction.DominantArticle); absent: 0.
	PageDominantCut float64 `json:"page_dominant_cut,omitempty"`
	// Span is the article-span decoder (span.go); absent: none.
	Span *Span `json:"span,omitempty"`
}

// probeTexts exercise the normaliser and token iterator: their tokens'
// hash identifies the token pipeline a model was trained with.
var probeTexts = []string{
	"می‌کند می کند میکند كتاب‌ها ي ۱۲۳ ٤٥ ﻻ", "Don't STOP l'homme mp3 3.14", "北京时间今天上午", "Ελληνικά ς Русский текст", "شبه‌نظامیان (+عکس) ؟",
}

// tokenProbe hashes the tokens the current token package makes of
// probeTexts.
func tokenProbe() string {
	var it token.Iter
	h := uint64(fnvOffset)
	for _, s := range probeTexts {
		it.Reset(s)
		for it.Next() {
			h = hashBytes(h, it.Token())
			h = hashByte(h, 0)
		}
		h = hashByte(h, 1)
	}
	return strconv.FormatUint(h, 16)
}

// FormatError reports a malformed model file.
type FormatError struct{ Reason string }

func (e *FormatError) Error() string { return "model: bad model file: " + e.Reason }

// FingerprintError reports a model trained with another feature pipeline.
type FingerprintError struct{ Want, Got string }

func (e *FingerprintError) Error() string {
	return fmt.Sprintf("model: the model was trained with feature pipeline %s, this build extracts %s: retrain it", e.Got, e.Want)
}

// fingerprint identifies the feature pipeline and its hashing parameters.
func fingerprint(groups int, bits1, bits2 uint) string {
	h := hashString(fnvOffset, pipeline)
	h = hashInt(h, groups)
	h = hashInt(h, int(bits1))
	h = hashInt(h, int(bits2))
	return strconv.FormatUint(h, 16)
}

// Encode writes the model file. The same model always gives the same bytes.
func (m *Model) Encode(w io.Writer) error {
	h := header{
		Version:     m.info.Version,
		Fingerprint: m.info.Fingerprint,
		Pipeline:    pipeline,
		Groups:      m.groups,
		Bits1:       m.bits1,
		Bits2:       m.bits2,
		Labels:      ClassNames[:],
		Languages:   m.info.Languages,
		Threshold:   m.threshold,
		Temperature: m.temperature,
		Training:    m.info.Training,
		Metrics:     m.info.Metrics,
		TokenProbe:  m.info.TokenProbe,
	}
	for _, v := range m.shift {
		h.Shift = append(h.Shift, float64(v))
	}
	if s, ok := m.Span(); ok {
		h.Span = &s
	}
	if m.page != nil {
		h.PageKinds = PageKindNames[:]
		h.PageArticleCut = float64(m.page.article)
		h.PageDominantCut = float64(m.page.dominant)
		width := m.page.width
		if width == 0 {
			width = numPageFeats
		}
		for k := range NumPageKinds {
			row := make([]float64, width)
			for j := range row {
				row[j] = float64(m.page.w[k][j])
			}
			h.PageModel = append(h.PageModel, row)
		}
	}
	var sp []byte
	if m.splitter != nil {
		var err error
		if sp, err = m.splitter.MarshalBinary(); err != nil {
			return fmt.Errorf("model: encode: %w", err)
		}
		h.SplitterBytes = len(sp)
	}
	if m.longSplitter != nil {
		lsp, err := m.longSplitter.MarshalBinary()
		if err != nil {
			return fmt.Errorf("model: encode: %w", err)
		}
		h.LongSplitterBytes = len(lsp)
		sp = append(sp, lsp...)
	}
	if m.page != nil && m.page.forest != nil {
		fb, err := m.page.forest.MarshalBinary()
		if err != nil {
			return fmt.Errorf("model: encode: %w", err)
		}
		h.PageForestBytes = len(fb)
		sp = append(sp, fb...)
	}
	hj, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("model: encode: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(magic)
	var tmp [binary.MaxVarintLen64]byte
	binary.LittleEndian.PutUint16(tmp[:2], formatVersion)
	buf.Write(tmp[:2])
	binary.LittleEndian.PutUint32(tmp[:4], uint32(len(hj)))
	buf.Write(tmp[:4])
	buf.Write(hj)
	if m.q1 != nil {
		writeQuantised(&buf, m.bits1, m.q1, m.s1)
	} else {
		q, scale := quantise(m.w1)
		writeQuantised(&buf, m.bits1, q, scale)
	}
	if m.w2 != nil {
		q, scale := quantise(m.w2)
		writeQuantised(&buf, m.bits2, q, scale)
	}
	buf.Write(sp)
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	_, err = w.Write(buf.Bytes())
	if err != nil {
		return fmt.Errorf("model: encode: %w", err)
	}
	return nil
}

// quantise maps weights to int16 with one scale (max |w| / 32767).
func quantise(w []float32) ([]int16, float32) {
	var mx float32
	for _, v := range w {
		mx = max(mx, float32(math.Abs(float64(v))))
	}
	scale := mx / 32767
	if scale == 0 {
		scale = 1
	}
	q := make([]int16, len(w))
	for i, v := range w {
		q[i] = int16(max(-32767, min(32767, math.Round(float64(v/scale)))))
	}
	return q, scale
}

func writeQuantised(buf *bytes.Buffer, bits uint, q []int16, scale float32) {
	var tmp [binary.MaxVarintLen64]byte
	buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(bits))])
	binary.LittleEndian.PutUint32(tmp[:4], math.Float32bits(scale))
	buf.Write(tmp[:4])
	rows := len(q) / NumClasses
	var body bytes.Buffer
	n, prev := 0, 0
	for r := range rows {
		row := q[r*NumClasses : r*NumClasses+NumClasses]
		nz := false
		for _, v := range row {
			if v != 0 {
				nz = true
				break
			}
		}
		if !nz {
			continue
		}
		body.Write(tmp[:binary.PutUvarint(tmp[:], uint64(r-prev))])
		prev = r
		for _, v := range row {
			body.Write(tmp[:binary.PutVarint(tmp[:], int64(v))])
		}
		n++
	}
	buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(n))])
	buf.Write(body.Bytes())
}

// Decode reads a model file. A model whose feature-pipeline fingerprint
// differs from this build's fails with a *FingerprintError; a malformed
// file with a *FormatError.
func Decode(data []byte) (*Model, error) {
	if len(data) > MaxFileBytes {
		return nil, &FormatError{fmt.Sprintf("%d bytes exceeds the limit of %d", len(data), MaxFileBytes)}
	}
	if len(data) < len(magic)+6 || string(data[:len(magic)]) != magic {
		return nil, &FormatError{"not a winnow model (bad magic)"}
	}
	p := data[len(magic):]
	version := binary.LittleEndian.Uint16(p)
	if version != formatVersion && version != 2 {
		if version == 1 {
			return nil, &FormatError{"format version 1 carries no checksum; this build reads versions 2 and 3: retrain the model, or rewrite the file with model.Upgrade"}
		}
		return nil, &FormatError{fmt.Sprintf("format version %d, this build reads 2 and %d", version, formatVersion)}
	}
	sum, err := checkSum(data)
	if err != nil {
		return nil, err
	}
	p = p[:len(p)-checksumBytes]
	hl := int(binary.LittleEndian.Uint32(p[2:]))
	p = p[6:]
	if hl > len(p) {
		return nil, &FormatError{"truncated header"}
	}
	var h header
	if err := json.Unmarshal(p[:hl], &h); err != nil {
		return nil, &FormatError{"header: " + err.Error()}
	}
	p = p[hl:]
	if h.Bits1 < 4 || h.Bits1 > 24 || h.Bits2 > 24 || (h.Bits2 != 0 && h.Bits2 < 4) {
		return nil, &FormatError{fmt.Sprintf("hash sizes %d/%d out of range", h.Bits1, h.Bits2)}
	}
	if want := fingerprint(h.Groups, h.Bits1, h.Bits2); h.Fingerprint != want {
		return nil, &FingerprintError{Want: want, Got: h.Fingerprint}
	}
	if len(h.Labels) != NumClasses {
		return nil, &FormatError{fmt.Sprintf("%d labels, want %d", len(h.Labels), NumClasses)}
	}
	for k, l := range h.Labels {
		if l != ClassNames[k] {
			return nil, &FormatError{fmt.Sprintf("label %d is %q, want %q", k, l, ClassNames[k])}
		}
	}
	m := &Model{
		stop:        token.DefaultStopwords(),
		threshold:   h.Threshold,
		temperature: h.Temperature,
		groups:      h.Groups,
		bits1:       h.Bits1,
		bits2:       h.Bits2,
		info: Info{
			FormatVersion: int(version),
			Version:       h.Version,
			Fingerprint:   h.Fingerprint,
			Languages:     h.Languages,
			Training:      h.Training,
			Metrics:       h.Metrics,
			TokenProbe:    h.TokenProbe,
			ContentSHA256: sum,
		},
	}
	if len(h.Shift) > numScripts {
		return nil, &FormatError{fmt.Sprintf("%d script shifts, want at most %d", len(h.Shift), numScripts)}
	}
	for i, v := range h.Shift {
		if math.IsNaN(v) || math.Abs(v) > 20 {
			return nil, &FormatError{fmt.Sprintf("script shift %v out of range", v)}
		}
		m.shift[i] = float32(v)
	}
	if h.Span != nil {
		if !h.Span.valid() {
			return nil, &FormatError{fmt.Sprintf("article-span decoder %+v out of range", *h.Span)}
		}
		m.span = *h.Span
	}
	if h.PageModel != nil {
		if version < 3 || len(h.PageModel) != NumPageKinds || len(h.PageKinds) != NumPageKinds {
			return nil, &FormatError{fmt.Sprintf("page model of %d kinds, want %d", len(h.PageModel), NumPageKinds)}
		}
		if !(h.PageArticleCut >= 0 && h.PageArticleCut <= 1) {
			return nil, &FormatError{fmt.Sprintf("page article cut %v outside [0,1]", h.PageArticleCut)}
		}
		if !(h.PageDominantCut >= 0 && h.PageDominantCut <= h.PageArticleCut) {
			return nil, &FormatError{fmt.Sprintf("page dominant cut %v outside [0, page article cut %v]", h.PageDominantCut, h.PageArticleCut)}
		}
		m.page = &pageModel{article: float32(h.PageArticleCut), dominant: float32(h.PageDominantCut)}
		for k, row := range h.PageModel {
			if h.PageKinds[k] != PageKindNames[k] {
				return nil, &FormatError{fmt.Sprintf("page kind %d is %q, want %q", k, h.PageKinds[k], PageKindNames[k])}
			}
			if len(row) != numPageFeats && len(row) != numPageFeatsV6 && len(row) != numPageFeatsV5 && len(row) != numPageFeatsV4 && len(row) != numPageFeatsV3 {
				return nil, &FormatError{fmt.Sprintf("page model row of %d weights, want %d", len(row), numPageFeats)}
			}
			if k > 0 && len(row) != m.page.width {
				return nil, &FormatError{fmt.Sprintf("page model rows of %d and %d weights", m.page.width, len(row))}
			}
			m.page.width = len(row)
			for j, v := range row {
				if math.IsNaN(v) || math.Abs(v) > 1e4 {
					return nil, &FormatError{fmt.Sprintf("page model weight %v out of range", v)}
				}
				m.page.w[k][j] = float32(v)
			}
		}
	}
	if !(m.threshold > 0 && m.threshold < 1) {
		return nil, &FormatError{fmt.Sprintf("threshold %v outside (0,1)", m.threshold)}
	}
	m.q1, m.s1, p, err = readSection(p, h.Bits1)
	if err != nil {
		return nil, err
	}
	if h.Bits2 != 0 {
		var q []int16
		var scale float32
		q, scale, p, err = readSection(p, h.Bits2)
		if err != nil {
			return nil, err
		}
		m.w2 = make([]float32, len(q))
		for i, v := range q {
			m.w2[i] = float32(v) * scale
		}
	}
	if m.splitter, p, err = splitterSection(p, h.SplitterBytes, "splitter"); err != nil {
		return nil, err
	}
	if m.longSplitter, p, err = splitterSection(p, h.LongSplitterBytes, "long-line splitter"); err != nil {
		return nil, err
	}
	if h.PageForestBytes != 0 {
		if m.page == nil || h.PageForestBytes < 0 || h.PageForestBytes > len(p) {
			return nil, &FormatError{fmt.Sprintf("page forest section of %d bytes, %d left", h.PageForestBytes, len(p))}
		}
		m.page.forest = new(forest)
		if err := m.page.forest.UnmarshalBinary(p[:h.PageForestBytes]); err != nil {
			return nil, &FormatError{"page forest: " + err.Error()}
		}
		p = p[h.PageForestBytes:]
	}
	if len(p) != 0 {
		return nil, &FormatError{fmt.Sprintf("%d trailing bytes", len(p))}
	}
	return m, nil
}

// Splitter returns the plain-text splitter the model was trained with, or
// nil when the file carries none (then segment.DefaultSplitter() is
// meant). Text input must be segmented with it: the model learned from
// the units it cuts.
func (m *Model) Splitter() *segment.Splitter { return m.splitter }

// splitterSection decodes the splitter in the first n bytes of p (none
// when n is 0) and returns the rest of p.
func splitterSection(p []byte, n int, what string) (*segment.Splitter, []byte, error) {
	if n < 0 || n > len(p) {
		return nil, nil, &FormatError{fmt.Sprintf("%s section of %d bytes, %d left", what, n, len(p))}
	}
	if n == 0 {
		return nil, p, nil
	}
	sp := new(segment.Splitter)
	if err := sp.UnmarshalBinary(p[:n]); err != nil {
		return nil, nil, &FormatError{what + ": " + err.Error()}
	}
	return sp, p[n:], nil
}

// LongSplitter returns the splitter for the sentences of a page written
// on one line (segment.TextOptions.LongSplitter), or nil when the file
// carries none (then the lines are cut with Splitter, as before it).
func (m *Model) LongSplitter() *segment.Splitter { return m.longSplitter }

// WithLongSplitter returns a copy of m that carries s as its long-line
// splitter (nil: none), written into the model file by Encode.
func (m *Model) WithLongSplitter(s *segment.Splitter) *Model {
	c := *m
	c.longSplitter = s
	return &c
}

// WithSplitter returns a copy of m that carries s (nil: none), written
// into the model file by Encode. Training sets it to the splitter its
// text renditions were segmented with.
func (m *Model) WithSplitter(s *segment.Splitter) *Model {
	c := *m
	c.splitter = s
	return &c
}

func readSection(p []byte, want uint) ([]int16, float32, []byte, error) {
	bad := func(why string) ([]int16, float32, []byte, error) {
		return nil, 0, nil, &FormatError{"weights: " + why}
	}
	bits, n := binary.Uvarint(p)
	if n <= 0 || uint(bits) != want {
		return bad("hash size mismatch")
	}
	p = p[n:]
	if len(p) < 4 {
		return bad("truncated")
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(p))
	if !(scale > 0) || math.IsInf(float64(scale), 0) {
		return bad("bad scale")
	}
	p = p[4:]
	rows := 1 << bits
	nr, n := binary.Uvarint(p)
	if n <= 0 || nr > uint64(rows) {
		return bad("bad row count")
	}
	p = p[n:]
	w := make([]int16, rows*NumClasses)
	r := 0
	for i := uint64(0); i < nr; i++ {
		d, n := binary.Uvarint(p)
		if n <= 0 || d > uint64(rows) || (i > 0 && d == 0) {
			return bad("bad row index")
		}
		p = p[n:]
		r += int(d)
		if r >= rows {
			return bad("row index out of range")
		}
		for k := range NumClasses {
			q, n := binary.Varint(p)
			if n <= 0 || q > math.MaxInt16 || q < -math.MaxInt16 {
				return bad("bad weight")
			}
			p = p[n:]
			w[r*NumClasses+k] = int16(q)
		}
	}
	return w, scale, p, nil
}

// Stamped returns a copy of m whose version is base, a dash, and the first
// eight hex digits of the SHA-256 of the model file written without a
// version (and as format version 1, without the checksum), so that every model with other weights has another version.
// The same model always gets the same stamp.
func (m *Model) Stamped(base string) (*Model, error) {
	c := *m
	c.info.Version = ""
	var buf bytes.Buffer
	if err := c.Encode(&buf); err != nil {
		return nil, err
	}
	// Hash the file as format version 1 wrote it (no checksum trailer),
	// so that stamps did not change with the format.
	b := buf.Bytes()[:buf.Len()-checksumBytes]
	binary.LittleEndian.PutUint16(b[len(magic):], 1)
	sum := sha256.Sum256(b)
	c.info.Version = fmt.Sprintf("%s-%x", base, sum[:4])
	return &c, nil
}

// checkSum verifies the SHA-256 trailer of a version 2 model file and
// returns it in hex.
func checkSum(data []byte) (string, error) {
	if len(data) < len(magic)+6+checksumBytes {
		return "", &FormatError{"truncated (no checksum)"}
	}
	body, trailer := data[:len(data)-checksumBytes], data[len(data)-checksumBytes:]
	sum := sha256.Sum256(body)
	if !bytes.Equal(sum[:], trailer) {
		return "", &FormatError{fmt.Sprintf("checksum mismatch: the file is corrupt or truncated (its contents hash to %x..., it carries %x...); restore it from the release or retrain", sum[:4], trailer[:4])}
	}
	return fmt.Sprintf("%x", sum), nil
}

// Upgrade rewrites a format version 1 or 2 model file as the current
// version: the same header and weight bytes with the new version number
// and the checksum trailer (version 2's own trailer is replaced). Current
// files are returned unchanged. It checks nothing else: decode the result
// to validate it.
func Upgrade(data []byte) ([]byte, error) {
	if len(data) < len(magic)+6 || string(data[:len(magic)]) != magic {
		return nil, &FormatError{"not a winnow model (bad magic)"}
	}
	switch v := binary.LittleEndian.Uint16(data[len(magic):]); v {
	case formatVersion:
		return data, nil
	case 1:
	case 2:
		if len(data) < len(magic)+6+checksumBytes {
			return nil, &FormatError{"truncated (no checksum)"}
		}
		data = data[:len(data)-checksumBytes]
	default:
		return nil, &FormatError{fmt.Sprintf("format version %d cannot be upgraded", v)}
	}
	out := bytes.Clone(data)
	binary.LittleEndian.PutUint16(out[len(magic):], formatVersion)
	sum := sha256.Sum256(out)
	return append(out, sum[:]...), nil
}
