package segment

import "fmt"

// TooManyBlocksError is the error of HTML and Text when a document has
// more blocks than HTMLOptions.MaxBlocks or TextOptions.MaxBlocks allow.
// Segmentation stops as soon as it sees the limit passed, so a refused
// document costs little more than the limit's worth of blocks.
type TooManyBlocksError struct {
	// Max is the limit that was passed.
	Max int
}

func (e *TooManyBlocksError) Error() string {
	return fmt.Sprintf("the document has more than %d blocks", e.Max)
}

// blockLimit counts the blocks of a segmentation in progress against a
// limit; its err is the Check function the segmenters see, which fails
// once the limit is passed (and otherwise asks the caller's Check).
type blockLimit struct {
	max, n int
	check  func() error
}

// limited returns check extended with a limit of max blocks (none when
// max <= 0).
func limited(check func() error, max int) (func() error, *blockLimit) {
	if max <= 0 {
		return check, nil
	}
	l := &blockLimit{max: max, check: check}
	return l.err, l
}

func (l *blockLimit) err() error {
	if l.n > l.max {
		return &TooManyBlocksError{Max: l.max}
	}
	if l.check != nil {
		return l.check()
	}
	return nil
}

// count records that the segmentation has n blocks so far and reports
// whether that is over the limit. A nil *blockLimit never is.
func (l *blockLimit) count(n int) bool {
	if l == nil {
		return false
	}
	l.n = n
	return n > l.max
}

// room reports whether a segmentation of n blocks so far has used less
// than half its limit: optional cuts (glue joints) stop there, so that a
// text cut at every one of them (a glued menu holds a joint every 8 to 30
// bytes) is not refused where the same text read without them is not
// (unless its other blocks alone take more than half the limit). A nil
// *blockLimit always has room.
func (l *blockLimit) room(n int) bool { return l == nil || n < l.max/2 }
