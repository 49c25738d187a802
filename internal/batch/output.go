// Package batch keeps the output of a bulk job resumable.
//
// The output is a JSONL file, one record per document, each record a JSON
// object with a string "id". It is its own checkpoint: a document is done
// exactly when its record is a complete line of the file. [Open] scans an
// existing file, cuts off a torn last line (a write that a kill or crash
// interrupted), and returns the ids already done; the job skips those and
// [Output.Append] adds each new record with a single write(2) on a file
// opened with O_APPEND, newline included. So after any kill, SIGKILL
// included, a rerun with the same output writes every missing document
// once and no document twice. [Output.Sync] makes the records durable
// (fsync) against power loss too; a job calls it every few seconds and at
// the end. An exclusive lock (flock) keeps two jobs off one file.
package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// Output is a resumable JSONL output file.
type Output struct {
	f        *os.File
	path     string
	lastSync time.Time
	// SyncEvery is the fsync period of Append; 0 means 2 s.
	SyncEvery time.Duration
}

// Resume says what an existing output held.
type Resume struct {
	// Done holds the id of every complete record.
	Done map[string]struct{}
	// Truncated is the number of bytes of a torn last line cut off.
	Truncated int64
}

// NotOutputError reports a file that is not a batch output: a complete
// line that is not a JSON object with a string id. Open refuses to append
// to such a file rather than guess.
type NotOutputError struct {
	Path string
	Line int
}

func (e *NotOutputError) Error() string {
	return fmt.Sprintf("%s: line %d is not a winnow batch record (a JSON object with an \"id\"); refusing to append to it: choose another output or remove it", e.Path, e.Line)
}

// Open opens or creates the output at path and locks it.
func Open(path string) (*Output, Resume, error) {
	r := Resume{Done: make(map[string]struct{})}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, r, err
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, r, fmt.Errorf("%s is in use by another job: %w", path, err)
	}
	good, err := scan(f, path, r.Done)
	if err != nil {
		f.Close()
		return nil, r, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, r, err
	}
	if r.Truncated = fi.Size() - good; r.Truncated > 0 {
		if err := f.Truncate(good); err != nil {
			f.Close()
			return nil, r, err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, r, err
		}
	}
	return &Output{f: f, path: path, lastSync: time.Now()}, r, nil
}

// scan reads every complete line of f, adds its id to done, and returns the
// length of the prefix made of complete lines.
func scan(f *os.File, path string, done map[string]struct{}) (int64, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	br := bufio.NewReaderSize(f, 1<<20)
	var good int64
	var line []byte
	for n := 1; ; n++ {
		line = line[:0]
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			line = append(line, chunk...)
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if errors.Is(err, io.EOF) {
			return good, nil // a torn last line, or none
		}
		if err != nil {
			return 0, err
		}
		id, ok := recordID(line)
		if !ok {
			return 0, &NotOutputError{Path: path, Line: n}
		}
		done[id] = struct{}{}
		good += int64(len(line))
	}
}

// recordID returns the id of a record line.
func recordID(line []byte) (string, bool) {
	var rec struct {
		ID *string `json:"id"`
	}
	if !bytes.HasPrefix(line, []byte("{")) || json.Unmarshal(line, &rec) != nil || rec.ID == nil {
		return "", false
	}
	return *rec.ID, true
}

// Append writes one record, which must be a single line ending in "\n",
// with one write call, and syncs the file when SyncEvery has passed.
func (o *Output) Append(record []byte) error {
	if len(record) == 0 || record[len(record)-1] != '\n' || bytes.IndexByte(record[:len(record)-1], '\n') >= 0 {
		return errors.New("batch: a record must be one line ending in a newline")
	}
	if _, err := o.f.Write(record); err != nil {
		return err
	}
	every := o.SyncEvery
	if every <= 0 {
		every = 2 * time.Second
	}
	if time.Since(o.lastSync) >= every {
		return o.Sync()
	}
	return nil
}

// Sync flushes the records to stable storage.
func (o *Output) Sync() error {
	o.lastSync = time.Now()
	return o.f.Sync()
}

// Close syncs and closes the file (which releases the lock).
func (o *Output) Close() error {
	err := o.f.Sync()
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	return err
}
