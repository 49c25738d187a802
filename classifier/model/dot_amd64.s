//go:build amd64 && !purego

#include "textflag.h"

// dotQGo and dotFGo (dot.go) with four classes to a register: X2 holds
// z[0:4], X3 z[4:8], X4 z[8:10]. Each lane multiplies and adds with the
// scalar code's float32 rounding (MULPS, ADDPS; no fused multiply-add),
// in the same feature order, so the sums are the same to the bit.

// PREFETCHROWS prefetches the rows of the n (CX) indexes at BX in the
// table at SI, a row being 5<<shift bytes (its first and last byte), and
// leaves the OR of the indexes in R10.
#define PREFETCHROWS(shift, last, loop) \
	MOVQ  BX, R8 \
	MOVQ  CX, R9 \
	XORL  R10, R10 \
loop: \
	MOVL  (R8), AX \
	ORL   AX, R10 \
	LEAQ  (AX)(AX*4), AX \
	SHLQ  $shift, AX \
	PREFETCHT0 0(SI)(AX*1) \
	PREFETCHT0 last(SI)(AX*1) \
	ADDQ  $4, R8 \
	DECQ  R9 \
	JNE   loop

// func dotQAsm(w *int16, idx *uint32, val *float32, n int, scale float32, z *[NumClasses]float32, rows int) bool
TEXT ·dotQAsm(SB), NOSPLIT, $0-57
	MOVQ  w+0(FP), SI
	MOVQ  idx+8(FP), BX
	MOVQ  val+16(FP), DX
	MOVQ  n+24(FP), CX
	MOVSS scale+32(FP), X7
	MOVQ  z+40(FP), DI
	MOVB  $0, ret+56(FP)
	TESTQ CX, CX
	JEQ   qok

	// Prefetch every row first (the table is megabytes): the misses of
	// the whole block overlap, and prefetches retire without waiting.
	// The OR of the indexes, below rows, says that every row is in the
	// table before any is read.
	PREFETCHROWS(2, 19, qpre)
	CMPQ  R10, rows+48(FP)
	JAE   qbad

	MOVUPS 0(DI), X2
	MOVUPS 16(DI), X3
	MOVSD  32(DI), X4

qloop:
	MOVL  (BX), AX
	LEAQ  (AX)(AX*4), AX
	SHLQ  $2, AX             // row offset: f * 10 int16s = f * 20 bytes
	MOVSS (DX), X0
	MULSS X7, X0             // v = val * scale
	SHUFPS $0, X0, X0

	MOVQ  0(SI)(AX*1), X1    // w[0:4], sign-extended to int32, to float32
	PUNPCKLWL X1, X1
	PSRAL $16, X1
	CVTPL2PS X1, X1
	MULPS X0, X1
	ADDPS X1, X2

	MOVQ  8(SI)(AX*1), X1    // w[4:8]
	PUNPCKLWL X1, X1
	PSRAL $16, X1
	CVTPL2PS X1, X1
	MULPS X0, X1
	ADDPS X1, X3

	MOVL  16(SI)(AX*1), X1   // w[8:10]
	PUNPCKLWL X1, X1
	PSRAL $16, X1
	CVTPL2PS X1, X1
	MULPS X0, X1
	ADDPS X1, X4

	ADDQ  $4, BX
	ADDQ  $4, DX
	DECQ  CX
	JNE   qloop

	MOVUPS X2, 0(DI)
	MOVUPS X3, 16(DI)
	MOVSD  X4, 32(DI)
qok:
	MOVB  $1, ret+56(FP)
qbad:
	RET

// func dotFAsm(w *float32, idx *uint32, val *float32, n int, z *[NumClasses]float32, rows int) bool
TEXT ·dotFAsm(SB), NOSPLIT, $0-49
	MOVQ  w+0(FP), SI
	MOVQ  idx+8(FP), BX
	MOVQ  val+16(FP), DX
	MOVQ  n+24(FP), CX
	MOVQ  z+32(FP), DI
	MOVB  $0, ret+48(FP)
	TESTQ CX, CX
	JEQ   fok

	// dotQAsm's check of the rows, with their prefetches
	PREFETCHROWS(3, 39, fpre)
	CMPQ  R10, rows+40(FP)
	JAE   fbad

	MOVUPS 0(DI), X2
	MOVUPS 16(DI), X3
	MOVSD  32(DI), X4

floop:
	MOVL  (BX), AX
	LEAQ  (AX)(AX*4), AX
	SHLQ  $3, AX             // row offset: f * 10 float32s = f * 40 bytes
	MOVSS (DX), X0
	SHUFPS $0, X0, X0

	MOVUPS 0(SI)(AX*1), X1
	MULPS X0, X1
	ADDPS X1, X2

	MOVUPS 16(SI)(AX*1), X1
	MULPS X0, X1
	ADDPS X1, X3

	MOVSD 32(SI)(AX*1), X1
	MULPS X0, X1
	ADDPS X1, X4

	ADDQ  $4, BX
	ADDQ  $4, DX
	DECQ  CX
	JNE   floop

	MOVUPS X2, 0(DI)
	MOVUPS X3, 16(DI)
	MOVSD  X4, 32(DI)
fok:
	MOVB  $1, ret+48(FP)
fbad:
	RET
