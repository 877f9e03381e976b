/* F and D (Unprivileged ch. 11-13): mstatus.FS Off at reset and trapping,
 * Dirty tracking and SD; fcsr/frm/fflags aliasing; results and flags of
 * every instruction class, the five rounding modes where they differ,
 * dynamic and reserved modes, NaN boxing, canonical NaNs, sNaN/qNaN in
 * min/max/compare, fcvt saturation, fused multiply-add, the compressed
 * FP loads and stores. Values are bit patterns.
 * SPDX-License-Identifier: MIT */
#include "test.h"
#define FS_MASK (3 << 13)
#define FS_INIT (1 << 13)
#define FS_CLEAN (2 << 13)
#if XLEN == 64
#define LWU lwu
#else
#define LWU lw
#endif
/* s0: scratch memory; s1: 1 while a trap is expected (the handler skips
 * the instruction and leaves mcause in s2, mtval in s3) */
#define LS(f, v) li t0, v; fmv.w.x f, t0
#define LD(f, v) li t0, (v) & 0xffffffff; sw t0, 0(s0); \
    li t0, ((v) >> 32) & 0xffffffff; sw t0, 4(s0); fld f, 0(s0)
#define CS(f, exp) fsw f, 8(s0); LWU a0, 8(s0); li t6, exp; bne a0, t6, fail
#define CD(f, exp) fsd f, 8(s0); LWU a0, 8(s0); li t6, (exp) & 0xffffffff; \
    bne a0, t6, fail; LWU a0, 12(s0); li t6, ((exp) >> 32) & 0xffffffff; \
    bne a0, t6, fail
#define CFL(fl) csrr a1, fflags; li t6, fl; bne a1, t6, fail; csrw fflags, zero
/* fa0 = insn fa1, fa2 [, fa3] [, rm]: result and flags */
#define TS1(n, insn, exp, fl, v1) li gp, n; LS(fa1, v1); insn fa0, fa1; \
    CS(fa0, exp); CFL(fl)
#define TS2(n, insn, exp, fl, v1, v2) li gp, n; LS(fa1, v1); LS(fa2, v2); \
    insn fa0, fa1, fa2; CS(fa0, exp); CFL(fl)
#define TS2R(n, insn, rm, exp, fl, v1, v2) li gp, n; LS(fa1, v1); LS(fa2, v2); \
    insn fa0, fa1, fa2, rm; CS(fa0, exp); CFL(fl)
#define TS3(n, insn, exp, fl, v1, v2, v3) li gp, n; LS(fa1, v1); LS(fa2, v2); \
    LS(fa3, v3); insn fa0, fa1, fa2, fa3; CS(fa0, exp); CFL(fl)
#define TD1(n, insn, exp, fl, v1) li gp, n; LD(fa1, v1); insn fa0, fa1; \
    CD(fa0, exp); CFL(fl)
#define TD2(n, insn, exp, fl, v1, v2) li gp, n; LD(fa1, v1); LD(fa2, v2); \
    insn fa0, fa1, fa2; CD(fa0, exp); CFL(fl)
#define TD2R(n, insn, rm, exp, fl, v1, v2) li gp, n; LD(fa1, v1); LD(fa2, v2); \
    insn fa0, fa1, fa2, rm; CD(fa0, exp); CFL(fl)
#define TD3(n, insn, exp, fl, v1, v2, v3) li gp, n; LD(fa1, v1); LD(fa2, v2); \
    LD(fa3, v3); insn fa0, fa1, fa2, fa3; CD(fa0, exp); CFL(fl)
/* a0 = insn fa1 [, fa2] (compares, fclass, fcvt to integers) */
#define TXS(n, insn, exp, fl, v1, v2) li gp, n; LS(fa1, v1); LS(fa2, v2); \
    insn a0, fa1, fa2; li t6, exp; bne a0, t6, fail; CFL(fl)
#define TXD(n, insn, exp, fl, v1, v2) li gp, n; LD(fa1, v1); LD(fa2, v2); \
    insn a0, fa1, fa2; li t6, exp; bne a0, t6, fail; CFL(fl)
#define TCS(n, insn, rm, exp, fl, v1) li gp, n; LS(fa1, v1); \
    insn a0, fa1, rm; li t6, exp; bne a0, t6, fail; CFL(fl)
#define TCD(n, insn, rm, exp, fl, v1) li gp, n; LD(fa1, v1); \
    insn a0, fa1, rm; li t6, exp; bne a0, t6, fail; CFL(fl)
#define TRAP(n, ...) li gp, n; li s1, 1; li s2, 0; __VA_ARGS__; bnez s1, fail; \
    li t6, 2; bne s2, t6, fail
#define NX 1
#define UF 2
#define OF 4
#define DZ 8
#define NV 16
#define ONE 0x3f800000
#define MONE 0xbf800000
#define QNAN 0x7fc00000
#define SNAN 0x7f800001
#define DONE 0x3ff0000000000000
#define DQNAN 0x7ff8000000000000
#define DSNAN 0x7ff0000000000001
#if XLEN == 64
#define SX32(v) (((v) ^ 0x80000000) - 0x80000000)   /* sign-extended */
#else
#define SX32(v) (v)
#endif
    START
    .option norvc
    la t0, mtrap; csrw mtvec, t0
    li s0, DATA; li s1, 0

    /* reset: FS Off; F instructions, loads and the FP CSRs are illegal */
    csrr a0, mstatus; li t0, FS_MASK; and a0, a0, t0; TEST_EQ(1, a0, 0)
    TRAP(2, fadd.s fa0, fa1, fa2)
    li t6, 0x00c5f553; bne s3, t6, fail              /* mtval: the bits */
    TRAP(3, flw fa0, 0(s0))
    TRAP(4, fsd fa0, 0(s0))
    TRAP(5, fmv.x.w a0, fa0)
    TRAP(6, csrr a0, fflags)
    TRAP(7, csrw fcsr, zero)
    TRAP(8, fcvt.d.w fa0, zero)

    /* Initial: reading f registers leaves it; writing one makes Dirty, SD */
    li t0, FS_INIT; csrs mstatus, t0
    li gp, 9; fmv.x.w a0, fa0; csrr a0, mstatus; srli a0, a0, 13; andi a0, a0, 3
    li t6, 1; bne a0, t6, fail
    csrr a0, mstatus; bltz a0, fail                   /* SD clear */
    li gp, 10; fmv.w.x fa0, zero; csrr a0, mstatus; bgez a0, fail
    srli a0, a0, 13; andi a0, a0, 3; li t6, 3; bne a0, t6, fail
    csrr a0, sstatus; bgez a0, fail                   /* SD in sstatus too */
    /* Clean: a quiet compare leaves it, a flag raised makes Dirty */
    li t0, FS_MASK; csrc mstatus, t0; li t0, FS_CLEAN; csrs mstatus, t0
    li gp, 11; feq.s a0, fa0, fa0; csrr a0, mstatus; bltz a0, fail
    LS(fa1, SNAN); li t0, FS_MASK; csrc mstatus, t0; li t0, FS_CLEAN; csrs mstatus, t0
    li gp, 12; feq.s a0, fa1, fa1; csrr a0, mstatus; bgez a0, fail
    li t0, FS_MASK; csrc mstatus, t0; li t0, FS_CLEAN; csrs mstatus, t0
    li gp, 13; csrw fflags, zero; csrr a0, mstatus; bgez a0, fail
    csrs mstatus, t0                                  /* Dirty from here */

    /* fcsr = frm << 5 | fflags; reserved bits read zero */
    li t0, -1; csrw fcsr, t0; csrr a0, fcsr; TEST_EQ(20, a0, 0xff)
    csrr a0, frm; TEST_EQ(21, a0, 7)
    csrr a0, fflags; TEST_EQ(22, a0, 0x1f)
    csrwi fflags, 0; csrr a0, fcsr; TEST_EQ(23, a0, 0xe0)
    csrwi frm, 2; csrr a0, fcsr; TEST_EQ(24, a0, 0x40)
    fsflags a0, zero; fsrm a0, zero; csrr a0, fcsr; TEST_EQ(25, a0, 0)

    /* rounding modes on a tie (1 + 2^-24), above it, negative */
    TS2R(30, fadd.s, rne, ONE, NX, ONE, 0x33800000)
    TS2R(31, fadd.s, rtz, ONE, NX, ONE, 0x33800000)
    TS2R(32, fadd.s, rdn, ONE, NX, ONE, 0x33800000)
    TS2R(33, fadd.s, rup, 0x3f800001, NX, ONE, 0x33800000)
    TS2R(34, fadd.s, rmm, 0x3f800001, NX, ONE, 0x33800000)
    TS2R(35, fadd.s, rne, MONE, NX, MONE, 0xb3800000)
    TS2R(36, fadd.s, rtz, MONE, NX, MONE, 0xb3800000)
    TS2R(37, fadd.s, rdn, 0xbf800001, NX, MONE, 0xb3800000)
    TS2R(38, fadd.s, rup, MONE, NX, MONE, 0xb3800000)
    TS2R(39, fadd.s, rmm, 0xbf800001, NX, MONE, 0xb3800000)
    TS2R(40, fadd.s, rne, 0x3f800001, NX, ONE, 0x33c00000)
    TS2R(41, fadd.s, rtz, ONE, NX, ONE, 0x33c00000)
    TS2R(42, fadd.s, rne, 0x3f800002, NX, 0x3f800001, 0x33800000) /* to even */
    TS2R(43, fadd.s, rne, 0x40000000, 0, ONE, ONE)                  /* exact */
    TD2R(44, fadd.d, rne, DONE, NX, DONE, 0x3ca0000000000000)       /* 2^-53 */
    TD2R(45, fadd.d, rmm, 0x3ff0000000000001, NX, DONE, 0x3ca0000000000000)
    TD2R(46, fadd.d, rup, 0x3ff0000000000001, NX, DONE, 0x3ca0000000000000)
    TD2R(47, fadd.d, rdn, 0xbff0000000000001, NX, 0xbff0000000000000, 0xbca0000000000000)
    /* dynamic: frm */
    csrwi frm, 4; TS2R(48, fadd.s, dyn, 0x3f800001, NX, ONE, 0x33800000)
    csrwi frm, 1; TS2R(49, fadd.s, dyn, ONE, NX, ONE, 0x33c00000)
    csrwi frm, 0
    /* sign of an exact zero sum: -0 only in RDN */
    TS2R(50, fsub.s, rne, 0, 0, ONE, ONE)
    TS2R(51, fsub.s, rdn, 0x80000000, 0, ONE, ONE)
    TD2R(52, fsub.d, rdn, 0x8000000000000000, 0, DONE, DONE)
    TD2R(53, fsub.d, rup, 0, 0, DONE, DONE)

    /* overflow: infinity or the largest finite by mode */
    TS2R(60, fadd.s, rne, 0x7f800000, OF | NX, 0x7f7fffff, 0x7f7fffff)
    TS2R(61, fadd.s, rtz, 0x7f7fffff, OF | NX, 0x7f7fffff, 0x7f7fffff)
    TS2R(62, fadd.s, rdn, 0x7f7fffff, OF | NX, 0x7f7fffff, 0x7f7fffff)
    TS2R(63, fadd.s, rup, 0x7f800000, OF | NX, 0x7f7fffff, 0x7f7fffff)
    TS2R(64, fadd.s, rdn, 0xff800000, OF | NX, 0xff7fffff, 0xff7fffff)
    TS2R(65, fadd.s, rup, 0xff7fffff, OF | NX, 0xff7fffff, 0xff7fffff)
    TD2R(66, fmul.d, rmm, 0x7ff0000000000000, OF | NX, 0x7fefffffffffffff, 0x4000000000000000)
    TD2R(67, fmul.d, rtz, 0x7fefffffffffffff, OF | NX, 0x7fefffffffffffff, 0x4000000000000000)
    /* underflow: exact subnormals raise nothing; tininess after rounding */
    TS2R(70, fmul.s, rne, 0x00400000, 0, 0x00800000, 0x3f000000)
    TS2R(71, fmul.s, rne, 0x00400000, UF | NX, 0x00800001, 0x3f000000)
    TS2R(72, fmul.s, rmm, 0x00400001, UF | NX, 0x00800001, 0x3f000000)
    TS2R(73, fmul.s, rup, 0x00400001, UF | NX, 0x00800001, 0x3f000000)
    TS2R(74, fmul.s, rtz, 0x00000000, UF | NX, 0x00000001, 0x3f000000)
    TS2R(75, fmul.s, rup, 0x00000001, UF | NX, 0x00000001, 0x3f000000)
    li gp, 76; LD(fa1, 0x380ffffff8000000)      /* 2^-126 - 2^-152 to single */
    fcvt.s.d fa0, fa1, rne; CS(fa0, 0x00800000); CFL(NX)   /* not tiny */
    fcvt.s.d fa0, fa1, rtz; CS(fa0, 0x007fffff); CFL(UF | NX)
    fcvt.s.d fa0, fa1, rup; CS(fa0, 0x00800000); CFL(NX)

    /* reserved rounding modes: illegal (static 5, 6; dynamic with frm 5-7) */
    TRAP(80, .word 0x00c5d553)                   /* fadd.s fa0, fa1, fa2, 5 */
    TRAP(81, .word 0x00c5e553)
    csrwi frm, 5; TRAP(82, fadd.s fa0, fa1, fa2, dyn)
    csrwi frm, 7; TRAP(83, .word 0x4205f553)    /* fcvt.d.s fa0, fa1, dyn */
    csrwi frm, 0; li gp, 84; fadd.s fa0, fa1, fa2, dyn     /* fine again */
    csrw fflags, zero

    /* canonical NaNs, invalid operations, divide by zero */
    TS2(90, fdiv.s, QNAN, NV, 0, 0)
    TS2(91, fdiv.s, 0x7f800000, DZ, ONE, 0)
    TS2(92, fdiv.s, 0xff800000, DZ, MONE, 0)
    TS1(93, fsqrt.s, QNAN, NV, MONE)
    TS1(94, fsqrt.s, 0x80000000, 0, 0x80000000)   /* sqrt(-0) = -0 */
    TS1(95, fsqrt.s, 0x40000000, 0, 0x40800000)
    TS1(96, fsqrt.s, 0x3fb504f3, NX, 0x40000000)
    TS2(97, fsub.s, QNAN, NV, 0x7f800000, 0x7f800000)
    TS2(98, fadd.s, QNAN, 0, 0x7fc12345, ONE)     /* payload dropped */
    TS2(99, fadd.s, QNAN, NV, SNAN, ONE)
    TS2(100, fmul.s, QNAN, NV, 0x7f800000, 0)
    TD2(101, fdiv.d, DQNAN, NV, 0, 0)
    TD1(102, fsqrt.d, DQNAN, NV, 0xbff0000000000000)
    TD1(103, fsqrt.d, 0x3ff6a09e667f3bcd, NX, 0x4000000000000000)
    TD2(104, fadd.d, DQNAN, NV, DSNAN, DONE)
    TD2(105, fdiv.d, 0x3fd5555555555555, NX, DONE, 0x4008000000000000)

    /* fused multiply-add: one rounding; inf * 0 + qNaN is invalid */
    TD3(110, fmsub.d, 0x3970000000000000, 0, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000002)
    TD3(111, fnmadd.d, 0xb970000000000000, 0, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000002)
    TD3(112, fmadd.d, 0x4014000000000000, 0, 0x4000000000000000, 0x4000000000000000, DONE)
    TD3(113, fnmsub.d, 0xc008000000000000, 0, 0x4000000000000000, 0x4000000000000000, DONE)
    TS3(114, fmadd.s, 0x40a00000, 0, 0x40000000, 0x40000000, ONE)
    TS3(115, fmsub.s, 0x40400000, 0, 0x40000000, 0x40000000, ONE)
    TS3(116, fnmsub.s, 0xc0400000, 0, 0x40000000, 0x40000000, ONE)
    TS3(117, fnmadd.s, 0xc0a00000, 0, 0x40000000, 0x40000000, ONE)
    TS3(118, fmadd.s, QNAN, NV, 0x7f800000, 0, QNAN)
    TS3(119, fmadd.s, QNAN, 0, QNAN, ONE, ONE)
    TS3(120, fmadd.s, 0x3f800001, NX, 0x3f800001, ONE, 0x33000000) /* 1+2^-23 + 2^-25 */
    li gp, 121; LS(fa1, ONE); LS(fa2, MONE); fmadd.s fa0, fa1, fa1, fa2, rdn
    CS(fa0, 0x80000000); CFL(0)                     /* exact zero, RDN: -0 */

    /* sign injection, min/max (-0 < +0, NaNs), compares */
    TS2(130, fsgnj.s, MONE, 0, ONE, 0x80000000)
    TS2(131, fsgnjn.s, MONE, 0, ONE, ONE)
    TS2(132, fsgnjx.s, ONE, 0, MONE, MONE)
    TS2(133, fsgnjx.s, MONE, 0, ONE, MONE)
    TS2(134, fsgnj.s, 0xff800001, 0, SNAN, MONE)      /* sNaN: no NV */
    TD2(135, fsgnjn.d, 0xbff0000000000000, 0, DONE, DONE)
    TD2(136, fsgnjx.d, DONE, 0, 0xbff0000000000000, 0xbff0000000000000)
    TS2(140, fmin.s, 0x80000000, 0, 0, 0x80000000)
    TS2(141, fmin.s, 0x80000000, 0, 0x80000000, 0)
    TS2(142, fmax.s, 0, 0, 0x80000000, 0)
    TS2(143, fmax.s, 0, 0, 0, 0x80000000)
    TS2(144, fmin.s, ONE, 0, QNAN, ONE)
    TS2(145, fmin.s, ONE, NV, SNAN, ONE)
    TS2(146, fmax.s, MONE, NV, MONE, SNAN)
    TS2(147, fmin.s, QNAN, 0, QNAN, 0x7fc00001)
    TS2(148, fmax.s, QNAN, NV, SNAN, SNAN)
    TS2(149, fmin.s, MONE, 0, ONE, MONE)
    TD2(150, fmax.d, DONE, 0, 0xbff0000000000000, DONE)
    TD2(151, fmin.d, DONE, NV, DSNAN, DONE)
    TD2(152, fmin.d, 0x8000000000000000, 0, 0, 0x8000000000000000)
    TD2(153, fmax.d, DQNAN, 0, DQNAN, DQNAN)
    TXS(160, feq.s, 1, 0, 0x80000000, 0)
    TXS(161, flt.s, 0, 0, 0x80000000, 0)
    TXS(162, fle.s, 1, 0, 0x80000000, 0)
    TXS(163, feq.s, 0, 0, QNAN, ONE)              /* quiet */
    TXS(164, feq.s, 0, NV, SNAN, ONE)
    TXS(165, flt.s, 0, NV, QNAN, ONE)             /* signaling */
    TXS(166, fle.s, 0, NV, ONE, QNAN)
    TXS(167, flt.s, 1, 0, MONE, ONE)
    TXS(168, fle.s, 0, 0, ONE, MONE)
    TXD(169, feq.d, 0, 0, DQNAN, DQNAN)
    TXD(170, flt.d, 0, NV, DQNAN, DONE)
    TXD(171, fle.d, 1, 0, DONE, DONE)
    TXD(172, feq.d, 0, NV, DONE, DSNAN)
    /* fclass: one bit each */
#define CLS(n, v, exp) li gp, n; LS(fa1, v); fclass.s a0, fa1; li t6, exp; bne a0, t6, fail
    CLS(180, 0xff800000, 1)
    CLS(181, MONE, 2)
    CLS(182, 0x80000001, 4)
    CLS(183, 0x80000000, 8)
    CLS(184, 0, 0x10)
    CLS(185, 1, 0x20)
    CLS(186, ONE, 0x40)
    CLS(187, 0x7f800000, 0x80)
    CLS(188, SNAN, 0x100)
    CLS(189, QNAN, 0x200)
    li gp, 190; LD(fa1, DSNAN); fclass.d a0, fa1; li t6, 0x100; bne a0, t6, fail
    li gp, 191; LD(fa1, 0x800fffffffffffff); fclass.d a0, fa1; li t6, 4; bne a0, t6, fail
    li gp, 192; LD(fa1, DONE); fclass.s a0, fa1; li t6, 0x200; bne a0, t6, fail /* unboxed */

    /* to integers: rounding, saturation, NV without NX when out of range */
    TCS(200, fcvt.w.s, rne, 2, NX, 0x40200000)         /* 2.5 */
    TCS(201, fcvt.w.s, rmm, 3, NX, 0x40200000)
    TCS(202, fcvt.w.s, rup, 3, NX, 0x40200000)
    TCS(203, fcvt.w.s, rdn, -3, NX, 0xc0200000)
    TCS(204, fcvt.w.s, rtz, -2, NX, 0xc0200000)
    TCS(205, fcvt.w.s, rmm, -3, NX, 0xc0200000)
    TCS(206, fcvt.w.s, rne, 0x7fffffff, NV, QNAN)
    TCS(207, fcvt.w.s, rne, 0x7fffffff, NV, 0x7f800000)
    TCS(208, fcvt.w.s, rne, SX32(0x80000000), NV, 0xff800000)
    TCS(209, fcvt.w.s, rne, 0x7fffffff, NV, 0x4f32d05e)   /* 3e9 */
    TCS(210, fcvt.w.s, rne, SX32(0x80000000), 0, 0xcf000000) /* -2^31 */
    TCS(211, fcvt.wu.s, rtz, 0, NX, 0xbf000000)         /* -0.5 */
    TCS(212, fcvt.wu.s, rdn, 0, NV, 0xbf000000)
    TCS(213, fcvt.wu.s, rne, 0, NV, MONE)
    TCS(214, fcvt.wu.s, rne, SX32(0xffffff00), 0, 0x4f7fffff)
    TCS(215, fcvt.wu.s, rne, -1, NV, QNAN)
    TCS(216, fcvt.wu.s, rne, -1, NV, 0x4f800000)        /* 2^32 */
    TCS(217, fcvt.wu.s, rne, 0, 0, 0x80000000)          /* -0 */
    TCD(218, fcvt.w.d, rne, 0x7fffffff, 0, 0x41dfffffffc00000)
    TCD(219, fcvt.w.d, rup, 0x7fffffff, NV, 0x41dfffffffc00001)
    TCD(220, fcvt.wu.d, rtz, SX32(0xffffffff), NX, 0x41efffffffffffff)
    TCD(221, fcvt.w.d, rne, 0x7fffffff, NV, DSNAN)
#if XLEN == 64
    TCD(222, fcvt.l.d, rne, 0x7fffffffffffffff, NV, 0x43e0000000000000)
    TCD(223, fcvt.l.d, rne, 0x8000000000000000, 0, 0xc3e0000000000000)
    TCD(224, fcvt.lu.d, rtz, 0, NX, 0xbfe0000000000000)
    TCD(225, fcvt.lu.d, rne, -1, NV, 0x43f0000000000000)  /* 2^64 */
    TCD(226, fcvt.lu.d, rne, 0xfffffffffffff800, 0, 0x43efffffffffffff)
    TCS(227, fcvt.l.s, rmm, -3, NX, 0xc0200000)
    TCS(228, fcvt.lu.s, rne, -1, NV, 0x7f800000)
    TCS(229, fcvt.l.s, rne, 0x8000000000000000, NV, 0xff800000)
#endif
    /* from integers */
#define TIS(n, insn, rm, exp, fl, v) li gp, n; li a1, v; insn fa0, a1, rm; CS(fa0, exp); CFL(fl)
#define TID(n, insn, rm, exp, fl, v) li gp, n; li a1, v; insn fa0, a1, rm; CD(fa0, exp); CFL(fl)
    TIS(240, fcvt.s.w, rne, 0x4b800000, NX, 16777217)   /* 2^24 + 1: tie */
    TIS(241, fcvt.s.w, rmm, 0x4b800001, NX, 16777217)
    TIS(242, fcvt.s.w, rup, 0x4b800001, NX, 16777217)
    TIS(243, fcvt.s.w, rdn, 0xcb800001, NX, -16777217)
    TIS(244, fcvt.s.w, rne, 0xcf000000, 0, -0x80000000)
    TIS(245, fcvt.s.wu, rne, 0x4f800000, NX, -1)        /* 2^32 - 1 */
    TIS(246, fcvt.s.wu, rtz, 0x4f7fffff, NX, -1)
    TIS(247, fcvt.s.w, rne, 0, 0, 0)
    li gp, 248; li a1, -0x80000000; fcvt.d.w fa0, a1; CD(fa0, 0xc1e0000000000000); CFL(0)
    li gp, 249; li a1, -1; fcvt.d.wu fa0, a1; CD(fa0, 0x41efffffffe00000); CFL(0)
#if XLEN == 64
    TIS(250, fcvt.s.lu, rne, 0x5f800000, NX, -1)
    TIS(251, fcvt.s.lu, rtz, 0x5f7fffff, NX, -1)
    TIS(252, fcvt.s.l, rne, 0xdf000000, 0, 0x8000000000000000)
    TID(253, fcvt.d.l, rmm, 0x4340000000000001, NX, 0x20000000000001) /* tie */
    TID(254, fcvt.d.l, rne, 0x4340000000000000, NX, 0x20000000000001)
    TID(255, fcvt.d.lu, rne, 0x43f0000000000000, NX, -1)
    TID(256, fcvt.d.lu, rtz, 0x43efffffffffffff, NX, -1)
    TIS(257, fcvt.s.wu, rne, 0x4f800000, NX, 0x12345ffffffff) /* low 32 bits */
#endif
    /* between formats */
#define TSD(n, rm, exp, fl, v) li gp, n; LD(fa1, v); fcvt.s.d fa0, fa1, rm; \
    CS(fa0, exp); CFL(fl)
    TSD(260, rne, 0x3eaaaaab, NX, 0x3fd5555555555555)
    TSD(261, rtz, 0x3eaaaaaa, NX, 0x3fd5555555555555)
    TSD(262, rne, 0x7f800000, OF | NX, 0x47f0000000000000)
    TSD(263, rne, QNAN, NV, DSNAN)
    TSD(264, rne, QNAN, 0, 0xfff8000000000001)
    li gp, 265; LS(fa1, 0x80000000); fcvt.d.s fa0, fa1; CD(fa0, 0x8000000000000000); CFL(0)
    li gp, 266; LS(fa1, 0x00000001); fcvt.d.s fa0, fa1; CD(fa0, 0x36a0000000000000); CFL(0)
    li gp, 267; LS(fa1, SNAN); fcvt.d.s fa0, fa1; CD(fa0, DQNAN); CFL(NV)
    li gp, 268; LS(fa1, 0xc0200000); fcvt.d.s fa0, fa1; CD(fa0, 0xc004000000000000); CFL(0)

    /* NaN boxing: an improperly boxed single reads as the canonical NaN;
     * fsw and fmv.x.w move the low bits whatever the box */
    LD(fa1, 0x000000003f800000); LS(fa2, ONE)
    li gp, 280; fadd.s fa0, fa1, fa2; CS(fa0, QNAN); CFL(0)
    li gp, 281; fsgnj.s fa0, fa1, fa2; CS(fa0, QNAN)
    li gp, 282; fsw fa1, 8(s0); LWU a0, 8(s0); li t6, ONE; bne a0, t6, fail
    li gp, 283; fmv.x.w a0, fa1; li t6, ONE; bne a0, t6, fail
    li gp, 284; feq.s a0, fa1, fa2; bnez a0, fail; CFL(0)
    li gp, 285; fcvt.d.s fa0, fa1; CD(fa0, DQNAN); CFL(0)
    /* single results are boxed: the upper word is all ones */
    li gp, 286; li t0, 0x40490fdb; sw t0, 16(s0); flw fa0, 16(s0)
    fsd fa0, 8(s0); LWU a0, 12(s0); li t6, 0xffffffff; bne a0, t6, fail
    LWU a0, 8(s0); li t6, 0x40490fdb; bne a0, t6, fail
    li gp, 287; fadd.s fa0, fa2, fa2; fsd fa0, 8(s0); LWU a0, 12(s0)
    li t6, 0xffffffff; bne a0, t6, fail
    li gp, 288; fmv.x.w a0, fa0; li t6, 0x40000000; bne a0, t6, fail
    LS(fa0, MONE); fmv.x.w a0, fa0; TEST_EQ(289, a0, SX32(0xbf800000))
#if XLEN == 64
    li t0, 0x123456789abcdef0; fmv.d.x fa0, t0; fmv.x.d a0, fa0; TEST_EQ(290, a0, 0x123456789abcdef0)
#endif
    /* misaligned fld/fsd are done in hardware; f0 is a register */
    li gp, 291; LD(fa0, 0x0123456789abcdef); fsd fa0, 20(s0); fld f0, 20(s0)
    CD(f0, 0x0123456789abcdef)

    /* compressed loads and stores */
    .option rvc
    li gp, 300; LD(fa1, 0x4000000000000001); mv t1, sp; mv sp, s0
    c.fsd fa1, 248(s0); c.fld fa2, 248(s0); CD(fa2, 0x4000000000000001)
    li gp, 301; c.fsdsp fa1, 504(sp); c.fldsp f0, 504(sp); CD(f0, 0x4000000000000001)
    fld fa3, 504(s0); CD(fa3, 0x4000000000000001)
#if XLEN == 32
    li gp, 302; LS(fa1, 0x40490fdb); c.fsw fa1, 124(s0); c.flw fa2, 124(s0); CS(fa2, 0x40490fdb)
    li gp, 303; c.fswsp fa1, 252(sp); c.flwsp f1, 252(sp); CS(f1, 0x40490fdb)
    lw a0, 252(s0); li t6, 0x40490fdb; bne a0, t6, fail
#endif
    mv sp, t1
    .option norvc
    j pass

mtrap:
    csrr s2, mcause; csrr s3, mtval
    beqz s1, trap_unexpected
    li s1, 0
    csrr t0, mepc; addi t0, t0, 4; csrw mepc, t0; mret
    END
