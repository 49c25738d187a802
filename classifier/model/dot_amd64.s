//go:build amd64 && !purego

#include "textflag.h"

// dotQGo and dotFGo (dot.go) with four classes to a register: X2 holds
// z[0:4], X3 z[4:8], X4 z[8:10]. Each lane multiplies and adds with the
// scalar code's float32 rounding (MULPS, ADDPS; no fused multiply-add),
// in the same feature order, so the sums are the same to the bit.
//
// dotQAVX2 and dotFAVX2 are the same for CPUs with AVX2: Y2 holds z[0:8]
// and X4 z[8:10], and each feature's row is converted, multiplied and
// added eight classes to an instruction (VMULPS, VADDPS: the same float32
// rounding per lane as MULPS and ADDPS, no fused multiply-add), in the
// same feature order: the same sums to the bit.

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

// QENTER loads dotQ's arguments (w in SI, idx in BX, val in DX, n in CX,
// scale in X7, z in DI), returns true at once when n is 0 (to ok), and
// prefetches every row (the table is megabytes: the misses of the whole
// block overlap, and prefetches retire without waiting); the OR of the
// indexes, below rows, says that every row is in the table before any is
// read, else it returns false (to bad).
#define QENTER(pre, ok, bad) \
	MOVQ  w+0(FP), SI \
	MOVQ  idx+8(FP), BX \
	MOVQ  val+16(FP), DX \
	MOVQ  n+24(FP), CX \
	MOVSS scale+32(FP), X7 \
	MOVQ  z+40(FP), DI \
	MOVB  $0, ret+56(FP) \
	TESTQ CX, CX \
	JEQ   ok \
	PREFETCHROWS(2, 19, pre) \
	CMPQ  R10, rows+48(FP) \
	JAE   bad

// FENTER is QENTER for dotF (no scale).
#define FENTER(pre, ok, bad) \
	MOVQ  w+0(FP), SI \
	MOVQ  idx+8(FP), BX \
	MOVQ  val+16(FP), DX \
	MOVQ  n+24(FP), CX \
	MOVQ  z+32(FP), DI \
	MOVB  $0, ret+48(FP) \
	TESTQ CX, CX \
	JEQ   ok \
	PREFETCHROWS(3, 39, pre) \
	CMPQ  R10, rows+40(FP) \
	JAE   bad

// NEXT steps to the next feature, and loops while there is one.
#define NEXT(loop) \
	ADDQ  $4, BX \
	ADDQ  $4, DX \
	DECQ  CX \
	JNE   loop

// ROWQ and ROWF leave in AX the byte offset of the row of the next index:
// f * 10 int16s = f * 20 bytes, f * 10 float32s = f * 40 bytes.
#define ROWQ \
	MOVL  (BX), AX \
	LEAQ  (AX)(AX*4), AX \
	SHLQ  $2, AX

#define ROWF \
	MOVL  (BX), AX \
	LEAQ  (AX)(AX*4), AX \
	SHLQ  $3, AX

// func dotQAsm(w *int16, idx *uint32, val *float32, n int, scale float32, z *[NumClasses]float32, rows int) bool
TEXT ·dotQAsm(SB), NOSPLIT, $0-57
	QENTER(qpre, qok, qbad)

	MOVUPS 0(DI), X2
	MOVUPS 16(DI), X3
	MOVSD  32(DI), X4

qloop:
	ROWQ
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

	NEXT(qloop)

	MOVUPS X2, 0(DI)
	MOVUPS X3, 16(DI)
	MOVSD  X4, 32(DI)
qok:
	MOVB  $1, ret+56(FP)
qbad:
	RET

// func dotFAsm(w *float32, idx *uint32, val *float32, n int, z *[NumClasses]float32, rows int) bool
TEXT ·dotFAsm(SB), NOSPLIT, $0-49
	FENTER(fpre, fok, fbad)

	MOVUPS 0(DI), X2
	MOVUPS 16(DI), X3
	MOVSD  32(DI), X4

floop:
	ROWF
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

	NEXT(floop)

	MOVUPS X2, 0(DI)
	MOVUPS X3, 16(DI)
	MOVSD  X4, 32(DI)
fok:
	MOVB  $1, ret+48(FP)
fbad:
	RET

// func dotQAVX2(w *int16, idx *uint32, val *float32, n int, scale float32, z *[NumClasses]float32, rows int) bool
TEXT ·dotQAVX2(SB), NOSPLIT, $0-57
	QENTER(vqpre, vqok, vqbad)

	VMOVUPS 0(DI), Y2
	VMOVSD  32(DI), X4

vqloop:
	ROWQ
	VMOVSS (DX), X0
	VMULSS X7, X0, X0        // v = val * scale
	VBROADCASTSS X0, Y0

	VPMOVSXWD 0(SI)(AX*1), Y1  // w[0:8], sign-extended to int32, to float32
	VCVTDQ2PS Y1, Y1
	VMULPS    Y0, Y1, Y1
	VADDPS    Y1, Y2, Y2

	VMOVD     16(SI)(AX*1), X1 // w[8:10] (the upper lanes: zeros)
	VPMOVSXWD X1, X1
	VCVTDQ2PS X1, X1
	VMULPS    X0, X1, X1
	VADDPS    X1, X4, X4

	NEXT(vqloop)

	VMOVUPS Y2, 0(DI)
	VMOVSD  X4, 32(DI)
	VZEROUPPER
vqok:
	MOVB  $1, ret+56(FP)
vqbad:
	RET

// func dotFAVX2(w *float32, idx *uint32, val *float32, n int, z *[NumClasses]float32, rows int) bool
TEXT ·dotFAVX2(SB), NOSPLIT, $0-49
	FENTER(vfpre, vfok, vfbad)

	VMOVUPS 0(DI), Y2
	VMOVSD  32(DI), X4

vfloop:
	ROWF
	VBROADCASTSS (DX), Y0

	VMULPS 0(SI)(AX*1), Y0, Y1
	VADDPS Y1, Y2, Y2

	VMOVSD 32(SI)(AX*1), X1
	VMULPS X0, X1, X1
	VADDPS X1, X4, X4

	NEXT(vfloop)

	VMOVUPS Y2, 0(DI)
	VMOVSD  X4, 32(DI)
	VZEROUPPER
vfok:
	MOVB  $1, ret+48(FP)
vfbad:
	RET
