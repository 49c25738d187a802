package killone

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/winnowhq/winnow/deploy/internal/proc"
)

// lineCounter counts the complete lines appended to a file, reading only
// what was added since the last call.
type lineCounter struct {
	path  string
	off   int64
	lines int
}

func (c *lineCounter) count() int {
	f, err := os.Open(c.path)
	if err != nil {
		return c.lines
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	for {
		n, err := f.ReadAt(buf, c.off)
		c.lines += bytes.Count(buf[:n], []byte{'\n'})
		c.off += int64(n)
		if err != nil || n == 0 {
			return c.lines
		}
	}
}

// TestKillOneBatch is the kill-one run of the bulk path: `winnow batch
// --server A,B,C` over a JSONL file of documents, the busiest server
// killed (SIGKILL) a third of the way through the output and the busiest
// of the other two drained (SIGTERM) two thirds of the way; the job must
// exit 0 and its output must hold every input document exactly once,
// classified (no error records).
func TestKillOneBatch(t *testing.T) {
	winnow := build(t, "winnow")
	servers := startServers(t, 3)
	text := seed(t)
	dir := t.TempDir()
	n := *numDocs

	in := filepath.Join(dir, "in.jsonl")
	var input bytes.Buffer
	enc := json.NewEncoder(&input)
	for i := range n {
		if err := enc.Encode(map[string]string{"id": fmt.Sprintf("doc-%05d", i), "text": document(text, i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(in, input.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "out.jsonl")
	addrs := make([]string, len(servers))
	for i, s := range servers {
		addrs[i] = s.addr
	}
	args := []string{"batch", "--in", in, "--out", out, "--server", strings.Join(addrs, ","), "--progress", "lines", "--progress-every", "1s"}
	job, err := proc.Start(winnow, args, nil, filepath.Join(dir, "batch.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer job.Kill()

	lines := &lineCounter{path: out}
	finished := make(chan struct{})
	go func() {
		select {
		case <-job.Exited():
		case <-time.After(5 * time.Minute):
			t.Errorf("winnow batch not done after 5 minutes (%d of %d lines)", lines.count(), n)
			job.Kill()
		}
		close(finished)
	}()
	t.Logf("winnow batch --server A,B,C, documents of %d KB", len(document(text, 0))>>10)
	// A worker's first stream carries one window of documents only, so the
	// streams opened before every address had connected move to the rest
	// at once (client.ManyOptions): the first third must be balanced.
	killOne(t, servers, n, lines.count, finished)
	t.Logf("winnow batch stderr (last lines):\n%s", tail(job.Log(), 3))
	if err := job.Err(); err != nil {
		t.Fatalf("winnow batch: %v\n%s", err, job.Log())
	}

	seen := map[string]int{}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var rec struct {
			ID       string          `json:"id"`
			MainText string          `json:"main_text"`
			Error    json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("output line %d: %v", len(seen)+1, err)
		}
		seen[rec.ID]++
		if rec.Error != nil {
			t.Errorf("%s: error record %s", rec.ID, rec.Error)
		} else if rec.MainText == "" {
			t.Errorf("%s: no main_text", rec.ID)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		id := fmt.Sprintf("doc-%05d", i)
		if c := seen[id]; c != 1 {
			t.Errorf("%s appears %d times in the output", id, c)
		}
		delete(seen, id)
	}
	for id := range seen {
		t.Errorf("output holds %q, which is no input document", id)
	}
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
