package segment

import (
	"io"
	"strings"
)

// checkEvery is how many lines (Text) or nodes (HTML) are segmented
// between two calls of a Check function: well under a millisecond of
// work.
const checkEvery = 1024

// checkReader fails its reads once check does, which stops html.Parse and
// the tokenizer at their next read (every few KB).
type checkReader struct {
	r     io.Reader
	check func() error
}

func (c checkReader) Read(p []byte) (int, error) {
	if err := c.check(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// reader returns a reader of src that stops when check fails (nil: never).
func reader(src string, check func() error) io.Reader {
	if check == nil {
		return strings.NewReader(src)
	}
	return checkReader{strings.NewReader(src), check}
}

// stopped calls check (when set) every checkEvery steps and reports
// whether it failed.
func stopped(check func() error, step int) bool {
	return check != nil && step%checkEvery == 0 && check() != nil
}

// checkErr returns check's error, for after a pass that may have stopped
// early.
func checkErr(check func() error) error {
	if check == nil {
		return nil
	}
	return check()
}
