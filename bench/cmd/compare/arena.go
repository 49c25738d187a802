package main

import (
	"syscall"
	"unsafe"
)

// An arena holds the preloaded pages' bytes outside the Go heap, in
// anonymous memory mappings: the pages are live through the whole timed
// loop, and on the heap they would set the garbage collector's pace (the
// next collection comes when the heap has grown by as much as is live), so
// that an extractor's garbage would be collected as seldom as a
// hundred-megabyte live heap allows, not as often as a service holding one
// page at a time collects it. Linux only, as the rest of compare (getrusage,
// /proc/self/status). The mappings are never unmapped: a child process
// holds them until it exits.
type arena struct {
	chunk []byte
	off   int
}

// arenaChunk is the size of one mapping (a page larger than it gets a
// mapping of its own size).
const arenaChunk = 64 << 20

// grab returns n bytes of the arena.
func (a *arena) grab(n int) ([]byte, error) {
	if a.off+n > len(a.chunk) {
		b, err := syscall.Mmap(-1, 0, max(n, arenaChunk), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			return nil, err
		}
		a.chunk, a.off = b, 0
	}
	b := a.chunk[a.off : a.off+n : a.off+n]
	a.off += n
	return b, nil
}

// bytes returns a copy of b in the arena (nil for nil).
func (a *arena) bytes(b []byte) ([]byte, error) {
	if b == nil {
		return nil, nil
	}
	c, err := a.grab(len(b))
	if err != nil {
		return nil, err
	}
	copy(c, b)
	return c, nil
}

// string returns a copy of s in the arena.
func (a *arena) string(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	c, err := a.grab(len(s))
	if err != nil {
		return "", err
	}
	copy(c, s)
	return unsafe.String(&c[0], len(c)), nil
}
