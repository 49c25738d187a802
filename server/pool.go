package server

import (
	"math/bits"
	"sync"
)

// copyPool holds the buffers the codec copies a request into when it
// arrived in more than one piece (a message of more than one HTTP/2 frame,
// 16 KiB). Unlike grpc's default pool it does not clear a buffer it hands
// out: the codec overwrites every byte it reads before reading it, and
// the default pool's tiers (…, 32 KiB, 1 MiB) cleared a whole MiB for each
// 50 KB document (3 % of winnowd's CPU on a stream of such pages). Buffers
// come in powers of two from 32 KiB to 64 MiB; a larger request gets a
// buffer of its own.
type copyPool struct {
	tiers [maxPoolShift - minPoolShift + 1]sync.Pool
}

const (
	minPoolShift = 15 // 32 KiB
	maxPoolShift = 26 // 64 MiB
)

// tier returns the shift of the smallest tier that holds n bytes, and
// whether there is one.
func tier(n int) (int, bool) {
	s := minPoolShift
	if n > 1<<minPoolShift {
		s = bits.Len(uint(n - 1))
	}
	return s, s <= maxPoolShift
}

// Get returns a buffer of length n whose bytes are whatever an earlier
// user left in it.
func (p *copyPool) Get(n int) *[]byte {
	s, ok := tier(n)
	if !ok {
		b := make([]byte, n)
		return &b
	}
	if b, _ := p.tiers[s-minPoolShift].Get().(*[]byte); b != nil {
		*b = (*b)[:n]
		return b
	}
	b := make([]byte, n, 1<<s)
	return &b
}

// Put returns a buffer Get gave out to its tier; other buffers are left to
// the garbage collector.
func (p *copyPool) Put(b *[]byte) {
	c := cap(*b)
	if s, ok := tier(c); ok && c == 1<<s {
		p.tiers[s-minPoolShift].Put(b)
	}
}

// requestPool is the codec's copyPool.
var requestPool copyPool
