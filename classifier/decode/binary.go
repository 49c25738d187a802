package decode

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// MaxDecompressedBytes bounds what a compressed document may decompress
// to (16 MiB, the classifier's default document limit). Decompression
// stops at the bound, so a compression bomb costs at most this much
// memory before it fails.
const MaxDecompressedBytes = 16 << 20

// binarySampleBytes is how much of the input the binary sniffer reads.
const binarySampleBytes = 8 << 10

// NotTextError reports input that is not text in any charset: an image,
// an archive, an executable, compressed data in a format Decode does not
// decompress, or bytes full of control characters.
type NotTextError struct {
	// What names what the bytes look like ("a PNG image", "random bytes").
	What string
}

func (e *NotTextError) Error() string {
	return "decode: not text: the bytes look like " + e.What + "; send an HTML page or plain text (gzip-compressed is fine)"
}

// ErrNotText is matched by every *NotTextError with errors.Is.
var ErrNotText = errors.New("decode: not text")

func (e *NotTextError) Is(target error) bool { return target == ErrNotText }

// DecompressError reports compressed input that cannot be decompressed
// within the limits: corrupt, or larger than MaxDecompressedBytes.
type DecompressError struct {
	Format string // "gzip"
	Err    error
}

func (e *DecompressError) Error() string {
	if errors.Is(e.Err, io.ErrUnexpectedEOF) {
		// compress/gzip's word for a stream cut short
		return "decode: " + e.Format + ": the stream ends early (a truncated file?)"
	}
	return "decode: " + e.Format + ": " + e.Err.Error()
}

func (e *DecompressError) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by a DecompressError for input that decompresses
// to more than MaxDecompressedBytes.
var ErrTooLarge = fmt.Errorf("decompresses to more than %d bytes (the document limit); send a smaller document", MaxDecompressedBytes)

// magic numbers of common binary formats, checked at the start of the
// input.
var magics = []struct {
	prefix string
	what   string
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a ZIP archive (or an Office document)"},
	{"PK\x05\x06", "a ZIP archive"},
	{"\x7fELF", "an ELF executable"},
	{"MZ", ""}, // checked below: a PE executable only with its header
	{"\xfe\xed\xfa", "a Mach-O executable"},
	{"\xcf\xfa\xed\xfe", "a Mach-O executable"},
	{"\x00asm", "a WebAssembly module"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"\x28\xb5\x2f\xfd", "zstd-compressed data"},
	{"BZh", ""}, // bzip2: checked below
	{"\xfd7zXZ\x00", "xz-compressed data"},
	{"SQLite format 3\x00", "an SQLite database"},
	{"\x00\x00\x01\x00", "an icon"},
	{"OggS", "Ogg audio or video"},
	{"ID3", "an MP3 file"},
	{"\x1aE\xdf\xa3", "a Matroska/WebM video"},
	{"wOFF", "a web font"},
	{"wOF2", "a web font"},
	{"\xca\xfe\xba\xbe", "a Java class file"},
}

// binaryControl is 1 for the control characters sniffBinary counts: below
// 0x20, but for tab, newline, vertical tab, form feed, carriage return and
// escape. A table: comparing each byte with the six took 1.7 to 1.9 times
// as long on the first 8 KB of l3s_gn1's pages (1.5 % of HTML mode's CPU).
var binaryControl = func() (t [256]uint8) {
	for c := range 0x20 {
		switch c {
		case '\t', '\n', '\v', '\f', '\r', 0x1b:
		default:
			t[c] = 1
		}
	}
	return t
}()

// sniffBinary names what p looks like when it is not text, or returns "".
// It knows the magic numbers of common image, archive, executable and
// media formats, and otherwise calls input binary when more than 1% of its
// first 8 KB are control characters other than tab, newline, vertical tab,
// form feed, carriage return and escape (text in any ASCII-compatible
// charset has almost none; UTF-16 input must be recognised before).
func sniffBinary(p []byte) string {
	for _, m := range magics {
		if !bytes.HasPrefix(p, []byte(m.prefix)) {
			continue
		}
		switch m.prefix {
		case "MZ":
			if len(p) >= 0x40 {
				if off := binary.LittleEndian.Uint32(p[0x3c:]); int(off)+4 <= len(p) && string(p[off:off+4]) == "PE\x00\x00" {
					return "a Windows executable"
				}
			}
			continue
		case "BZh":
			if len(p) >= 10 && p[3] >= '1' && p[3] <= '9' && string(p[4:10]) == "1AY&SY" {
				return "bzip2-compressed data"
			}
			continue
		}
		return m.what
	}
	if len(p) >= 12 && string(p[:4]) == "RIFF" {
		return "a RIFF file (WebP, WAV or AVI)"
	}
	if len(p) >= 12 && string(p[4:8]) == "ftyp" {
		return "an MP4 or HEIF file"
	}
	s := p[:min(len(p), binarySampleBytes)]
	ctl := 0
	for _, c := range s {
		ctl += int(binaryControl[c])
	}
	if ctl >= 4 && ctl*100 > len(s) {
		return "binary data (random bytes or an unknown format)"
	}
	return ""
}

// isGzip reports whether p starts like a gzip member (RFC 1952: ID1 ID2,
// deflate).
func isGzip(p []byte) bool { return len(p) >= 18 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8 }

// CompressedSize returns the size compressed input says it decompresses
// to (the gzip trailer's ISIZE), bounded by MaxDecompressedBytes, and
// whether p is compressed input Decode decompresses. Decode checks the
// claim: a gzip member whose size differs from its trailer fails.
func CompressedSize(p []byte) (int, bool) {
	if !isGzip(p) {
		return 0, false
	}
	n := binary.LittleEndian.Uint32(p[len(p)-4:])
	return int(min(n, MaxDecompressedBytes)), true
}

// gunzip decompresses one gzip member, reading at most limit bytes of
// output. Trailing bytes after the member (a second member or garbage)
// are an error, so the trailer's size is the size of the whole output.
func gunzip(p []byte, limit int) ([]byte, error) {
	br := bytes.NewReader(p)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, &DecompressError{Format: "gzip", Err: err}
	}
	zr.Multistream(false)
	hint, _ := CompressedSize(p)
	buf := bytes.NewBuffer(make([]byte, 0, min(hint, limit)+bytes.MinRead))
	n, err := buf.ReadFrom(io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, &DecompressError{Format: "gzip", Err: err}
	}
	if n > int64(limit) {
		return nil, &DecompressError{Format: "gzip", Err: ErrTooLarge}
	}
	if br.Len() > 0 {
		return nil, &DecompressError{Format: "gzip", Err: errors.New("data after the first gzip member (concatenated gzip is not supported)")}
	}
	return buf.Bytes(), nil
}
