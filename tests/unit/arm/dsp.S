/* The DSP extension of ARMv7E-M (Cortex-M4; DDI 0403E A7.7): parallel
 * add/subtract with GE, SEL, saturation and the Q flag, USAD8, extend and
 * add, PKH, halfword, dual and top-word multiplies, UMAAL; APSR_g and
 * APSR_nzcvq through MSR/MRS. The expected values were computed from the
 * manual's pseudo-code (the M4 part passes on QEMU 7.2 too, up to its
 * check 1101: encodings that are UNPREDICTABLE, which QEMU runs). Built
 * for the Cortex-M3 it checks instead that these encodings are UNDEFINED:
 * UsageFault UNDEFINSTR.
 * SPDX-License-Identifier: MIT */
#define H_USAGEFAULT usage
#define H_SVC svc
#include "test.h"

/* GE = g; Q = 0 */
#define SET_GE(g) ldr r12, =((g) << 16); msr APSR_g, r12
#define CLEAR_Q movs r12, #0; msr APSR_nzcvq, r12
/* fail unless GE (APSR[19:16]) is ge, Q (APSR[27]) is q */
#define CHECK_GE(n, ge) \
    mrs r12, apsr; ubfx r12, r12, #16, #4; cmp r12, #(ge); beq 1f; \
    ldr r12, =n; mov r10, r12; b fail; 1:
#define CHECK_Q(n, q) \
    mrs r12, apsr; ubfx r12, r12, #27, #1; cmp r12, #(q); beq 1f; \
    ldr r12, =n; mov r10, r12; b fail; 1:
/* a literal pool in the straight-line code */
#define POOL b 1f; .ltorg; 1:
/* r0 = insn r1, r2 with GE 0x5 before; check r0 and GE */
#define PAR(n, insn, res, ge) \
    SET_GE(5); insn r0, r1, r2; CHECK(n, r0, res); CHECK_GE((n) + 1, ge)

    START
#if __ARM_FEATURE_DSP
    /* MSR APSR_g writes GE only, APSR_nzcvq NZCVQ only; MRS reads both
     * (CHECK changes NZCV: each case sets all first) */
    mov.w r0, #0
    msr APSR_nzcvqg, r0
    ldr r0, =0xf80f0000
    msr APSR_g, r0
    mrs r1, apsr
    CHECK(1, r1, 0x000f0000)
    mov.w r0, #0
    msr APSR_nzcvqg, r0
    ldr r0, =0xf80f0000
    msr APSR_nzcvq, r0
    mrs r1, apsr
    CHECK(2, r1, 0xf8000000)
    msr APSR_nzcvqg, r0
    mov.w r0, #0
    msr APSR_g, r0
    mrs r1, apsr
    CHECK(3, r1, 0xf8000000)
    ldr r0, =0x500a0000
    msr APSR_nzcvqg, r0
    mrs r1, apsr
    CHECK(4, r1, 0x500a0000)
    msr APSR_nzcvqg, r0
    mrs r1, xpsr                     /* Thread mode: IPSR 0; T reads 0 */
    CHECK(5, r1, 0x500a0000)
    /* the flags survive an exception (stacked xPSR): SVC returns */
    ldr r0, =0x08050000
    msr APSR_nzcvqg, r0
    svc #0
    mrs r1, apsr
    CHECK(6, r1, 0x08050000)
    /* a DSP instruction in an IT block: skipped, then executed */
    movs r0, #1
    movs r1, #2
    movs r2, #3
    cmp r0, #0
    ite eq
    qaddeq r0, r1, r2
    qsubne r3, r1, r2
    CHECK(7, r0, 1)
    CHECK(8, r3, -1)                 /* Rm - Rn */
    /* parallel add and subtract: result and GE (0x5 before: left alone
     * by the Q, SH, UQ, UH flavours) */
    ldr r1, =0x7f0180ff
    ldr r2, =0x02ff7f80
    PAR(100, sadd8, 0x8100ff7f, 0xc)
    PAR(102, sadd16, 0x8200007f, 0xf)
    PAR(104, sasx, 0xfe817e00, 0xc)
    PAR(106, ssub8, 0x7d02017f, 0xd)
    PAR(108, ssub16, 0x7c02017f, 0xc)
    PAR(110, ssax, 0xff8183fe, 0x0)
    PAR(112, qadd8, 0x7f00ff80, 0x5)
    PAR(114, qadd16, 0x7fff007f, 0x5)
    PAR(116, qasx, 0x7fff8000, 0x5)
    PAR(118, qsub8, 0x7d02807f, 0x5)
    PAR(120, qsub16, 0x7c028000, 0x5)
    PAR(122, qsax, 0xff8183fe, 0x5)
    PAR(124, shadd8, 0x4000ffbf, 0x5)
    PAR(126, shadd16, 0x4100003f, 0x5)
    PAR(128, shasx, 0x7f40bf00, 0x5)
    PAR(130, shsub8, 0x3e01803f, 0x5)
    PAR(132, shsub16, 0x3e0180bf, 0x5)
    PAR(134, shsax, 0xffc0c1ff, 0x5)
    PAR(136, uadd8, 0x8100ff7f, 0x5)
    PAR(138, uadd16, 0x8200007f, 0x3)
    POOL
    PAR(140, uasx, 0xfe817e00, 0x3)
    PAR(142, usub8, 0x7d02017f, 0xb)
    PAR(144, usub16, 0x7c02017f, 0xf)
    PAR(146, usax, 0xff8183fe, 0x0)
    PAR(148, uqadd8, 0x81ffffff, 0x5)
    PAR(150, uqadd16, 0x8200ffff, 0x5)
    PAR(152, uqasx, 0xfe817e00, 0x5)
    PAR(154, uqsub8, 0x7d00017f, 0x5)
    PAR(156, uqsub16, 0x7c02017f, 0x5)
    PAR(158, uqsax, 0x000083fe, 0x5)
    PAR(160, uhadd8, 0x40807fbf, 0x5)
    PAR(162, uhadd16, 0x4100803f, 0x5)
    PAR(164, uhasx, 0x7f403f00, 0x5)
    PAR(166, uhsub8, 0x3e81003f, 0x5)
    PAR(168, uhsub16, 0x3e0100bf, 0x5)
    PAR(170, uhsax, 0xffc041ff, 0x5)
    ldr r1, =0xfffe0002
    ldr r2, =0x00030001
    PAR(172, sadd8, 0xff010003, 0x7)
    PAR(174, sadd16, 0x00010003, 0xf)
    PAR(176, sasx, 0xffffffff, 0x0)
    PAR(178, ssub8, 0xfffb0001, 0x3)
    POOL
    PAR(180, ssub16, 0xfffb0001, 0x3)
    PAR(182, ssax, 0xfffd0005, 0x3)
    PAR(184, qadd8, 0xff010003, 0x5)
    PAR(186, qadd16, 0x00010003, 0x5)
    PAR(188, qasx, 0xffffffff, 0x5)
    PAR(190, qsub8, 0xfffb0001, 0x5)
    PAR(192, qsub16, 0xfffb0001, 0x5)
    PAR(194, qsax, 0xfffd0005, 0x5)
    PAR(196, shadd8, 0xff000001, 0x5)
    PAR(198, shadd16, 0x00000001, 0x5)
    PAR(200, shasx, 0xffffffff, 0x5)
    PAR(202, shsub8, 0xfffd0000, 0x5)
    PAR(204, shsub16, 0xfffd0000, 0x5)
    PAR(206, shsax, 0xfffe0002, 0x5)
    PAR(208, uadd8, 0xff010003, 0x4)
    PAR(210, uadd16, 0x00010003, 0xc)
    PAR(212, uasx, 0xffffffff, 0x0)
    PAR(214, usub8, 0xfffb0001, 0xf)
    PAR(216, usub16, 0xfffb0001, 0xf)
    PAR(218, usax, 0xfffd0005, 0xc)
    POOL
    PAR(220, uqadd8, 0xffff0003, 0x5)
    PAR(222, uqadd16, 0xffff0003, 0x5)
    PAR(224, uqasx, 0xffff0000, 0x5)
    PAR(226, uqsub8, 0xfffb0001, 0x5)
    PAR(228, uqsub16, 0xfffb0001, 0x5)
    PAR(230, uqsax, 0xfffd0005, 0x5)
    PAR(232, uhadd8, 0x7f800001, 0x5)
    PAR(234, uhadd16, 0x80000001, 0x5)
    PAR(236, uhasx, 0x7fffffff, 0x5)
    PAR(238, uhsub8, 0x7f7d0000, 0x5)
    PAR(240, uhsub16, 0x7ffd0000, 0x5)
    PAR(242, uhsax, 0x7ffe0002, 0x5)
    /* QADD QSUB QDADD QDSUB (Rd, Rm, Rn): Q is sticky, cleared by MSR */
    CLEAR_Q
    ldr r1, =0x7ffffff0
    ldr r2, =0x0000000f
    qadd r0, r1, r2
    CHECK(300, r0, 0x7fffffff)
    CHECK_Q(301, 0)
    CLEAR_Q
    ldr r1, =0x7ffffff0
    ldr r2, =0x00000010
    qadd r0, r1, r2
    CHECK(302, r0, 0x7fffffff)
    CHECK_Q(303, 1)
    CLEAR_Q
    ldr r1, =0x80000001
    ldr r2, =0xfffffffe
    qadd r0, r1, r2
    CHECK(304, r0, 0x80000000)
    CHECK_Q(305, 1)
    CLEAR_Q
    ldr r1, =0x80000010
    ldr r2, =0x00000010
    qsub r0, r1, r2
    CHECK(306, r0, 0x80000000)
    CHECK_Q(307, 0)
    CLEAR_Q
    ldr r1, =0x80000010
    ldr r2, =0x00000011
    qsub r0, r1, r2
    CHECK(308, r0, 0x80000000)
    CHECK_Q(309, 1)
    CLEAR_Q
    ldr r1, =0x7fffffff
    ldr r2, =0xffffffff
    qsub r0, r1, r2
    CHECK(310, r0, 0x7fffffff)
    CHECK_Q(311, 1)
    CLEAR_Q
    ldr r1, =0x00000001
    ldr r2, =0x40000000
    qdadd r0, r1, r2
    CHECK(312, r0, 0x7fffffff)
    CHECK_Q(313, 1)
    CLEAR_Q
    ldr r1, =0x00000010
    ldr r2, =0x3ffffff0
    qdadd r0, r1, r2
    CHECK(314, r0, 0x7ffffff0)
    POOL
    CHECK_Q(315, 0)
    CLEAR_Q
    ldr r1, =0xc0000000
    ldr r2, =0xc0000000
    qdadd r0, r1, r2
    CHECK(316, r0, 0x80000000)
    CHECK_Q(317, 1)
    CLEAR_Q
    ldr r1, =0x00000000
    ldr r2, =0xc0000000
    qdsub r0, r1, r2
    CHECK(318, r0, 0x7fffffff)
    CHECK_Q(319, 1)
    CLEAR_Q
    ldr r1, =0xffffffff
    ldr r2, =0xc0000000
    qdsub r0, r1, r2
    CHECK(320, r0, 0x7fffffff)
    CHECK_Q(321, 0)
    CLEAR_Q
    ldr r1, =0x00000005
    ldr r2, =0x00000002
    qdsub r0, r1, r2
    CHECK(322, r0, 0x00000001)
    CHECK_Q(323, 0)
    /* sticky: a saturating QADD, then one that does not saturate */
    CLEAR_Q
    ldr r1, =0x7fffffff
    ldr r2, =0x00000001
    qadd r0, r1, r2
    qadd r0, r2, r2
    CHECK(324, r0, 2)
    CHECK_Q(325, 1)
    /* SSAT16, USAT16 */
    CLEAR_Q
    ldr r1, =0x7fff8000
    ssat16 r0, #16, r1
    CHECK(400, r0, 0x7fff8000)
    CHECK_Q(401, 0)
    CLEAR_Q
    ldr r1, =0x7fff8000
    ssat16 r0, #8, r1
    CHECK(402, r0, 0x007fff80)
    CHECK_Q(403, 1)
    CLEAR_Q
    ldr r1, =0x0040ffc0
    ssat16 r0, #8, r1
    CHECK(404, r0, 0x0040ffc0)
    CHECK_Q(405, 0)
    CLEAR_Q
    ldr r1, =0x00010002
    ssat16 r0, #1, r1
    CHECK(406, r0, 0x00000000)
    CHECK_Q(407, 1)
    CLEAR_Q
    ldr r1, =0x7fff8000
    usat16 r0, #8, r1
    CHECK(408, r0, 0x00ff0000)
    CHECK_Q(409, 1)
    CLEAR_Q
    ldr r1, =0x00ff0005
    usat16 r0, #8, r1
    CHECK(410, r0, 0x00ff0005)
    CHECK_Q(411, 0)
    CLEAR_Q
    ldr r1, =0x00ff0005
    usat16 r0, #0, r1
    CHECK(412, r0, 0x00000000)
    CHECK_Q(413, 1)
    CLEAR_Q
    ldr r1, =0x00000000
    usat16 r0, #15, r1
    CHECK(414, r0, 0x00000000)
    CHECK_Q(415, 0)
    CLEAR_Q
    ldr r1, =0x12347fff
    usat16 r0, #15, r1
    CHECK(416, r0, 0x12347fff)
    CHECK_Q(417, 0)
    /* SEL by GE from MSR APSR_g, then the max of bytes idiom: USUB8 + SEL */
    ldr r1, =0x11223344
    ldr r2, =0xaabbccdd
    SET_GE(0x0)
    sel r0, r1, r2
    CHECK(500, r0, 0xaabbccdd)
    SET_GE(0xf)
    sel r0, r1, r2
    CHECK(501, r0, 0x11223344)
    SET_GE(0x5)
    sel r0, r1, r2
    CHECK(502, r0, 0xaa22cc44)
    SET_GE(0xa)
    sel r0, r1, r2
    CHECK(503, r0, 0x11bb33dd)
    SET_GE(0x9)
    sel r0, r1, r2
    CHECK(504, r0, 0x11bbcc44)
    ldr r1, =0x80107f01
    ldr r2, =0x7f20ff00
    usub8 r0, r1, r2
    sel r0, r1, r2
    CHECK(505, r0, 0x8020ff01)
    POOL
    CHECK_GE(506, 0x9)
    ssub8 r0, r1, r2
    sel r0, r1, r2
    CHECK(507, r0, 0x7f207f01)
    CHECK_GE(508, 0x3)
    /* USAD8, USADA8 */
    ldr r1, =0x01ff7f80
    ldr r2, =0xff0180ff
    ldr r3, =0x00000007
    usad8 r0, r1, r2
    CHECK(520, r0, 0x0000027c)
    usada8 r0, r1, r2, r3
    CHECK(521, r0, 0x00000283)
    ldr r1, =0x12345678
    ldr r2, =0x12345678
    ldr r3, =0xfffffffe
    usad8 r0, r1, r2
    CHECK(522, r0, 0x00000000)
    usada8 r0, r1, r2, r3
    CHECK(523, r0, 0xfffffffe)
    ldr r1, =0x000000ff
    ldr r2, =0xff000000
    ldr r3, =0xffffffff
    usad8 r0, r1, r2
    CHECK(524, r0, 0x000001fe)
    usada8 r0, r1, r2, r3
    CHECK(525, r0, 0x000001fd)
    /* extend and add, with each rotation */
    ldr r1, =0x8001fff0
    ldr r2, =0x807f80ff
    sxtab r0, r1, r2
    CHECK(600, r0, 0x8001ffef)
    sxtah r0, r1, r2
    CHECK(601, r0, 0x800180ef)
    uxtab r0, r1, r2
    CHECK(602, r0, 0x800200ef)
    uxtah r0, r1, r2
    CHECK(603, r0, 0x800280ef)
    sxtab16 r0, r1, r2
    CHECK(604, r0, 0x8080ffef)
    uxtab16 r0, r1, r2
    CHECK(605, r0, 0x808000ef)
    sxtb16 r0, r2
    CHECK(606, r0, 0x007fffff)
    uxtb16 r0, r2
    CHECK(607, r0, 0x007f00ff)
    sxtab r0, r1, r2, ror #8
    CHECK(608, r0, 0x8001ff70)
    sxtah r0, r1, r2, ror #8
    CHECK(609, r0, 0x80027f70)
    uxtab r0, r1, r2, ror #8
    CHECK(610, r0, 0x80020070)
    uxtah r0, r1, r2, ror #8
    CHECK(611, r0, 0x80027f70)
    sxtab16 r0, r1, r2, ror #8
    CHECK(612, r0, 0x7f81ff70)
    POOL
    uxtab16 r0, r1, r2, ror #8
    CHECK(613, r0, 0x80810070)
    sxtb16 r0, r2, ror #8
    CHECK(614, r0, 0xff80ff80)
    uxtb16 r0, r2, ror #8
    CHECK(615, r0, 0x00800080)
    sxtab r0, r1, r2, ror #16
    CHECK(616, r0, 0x8002006f)
    sxtah r0, r1, r2, ror #16
    CHECK(617, r0, 0x8001806f)
    uxtab r0, r1, r2, ror #16
    CHECK(618, r0, 0x8002006f)
    uxtah r0, r1, r2, ror #16
    CHECK(619, r0, 0x8002806f)
    sxtab16 r0, r1, r2, ror #16
    CHECK(620, r0, 0x8000006f)
    uxtab16 r0, r1, r2, ror #16
    CHECK(621, r0, 0x8100006f)
    sxtb16 r0, r2, ror #16
    CHECK(622, r0, 0xffff007f)
    uxtb16 r0, r2, ror #16
    CHECK(623, r0, 0x00ff007f)
    sxtab r0, r1, r2, ror #24
    CHECK(624, r0, 0x8001ff70)
    sxtah r0, r1, r2, ror #24
    CHECK(625, r0, 0x8001ff70)
    uxtab r0, r1, r2, ror #24
    CHECK(626, r0, 0x80020070)
    uxtah r0, r1, r2, ror #24
    CHECK(627, r0, 0x8002ff70)
    sxtab16 r0, r1, r2, ror #24
    CHECK(628, r0, 0x7f81ff70)
    uxtab16 r0, r1, r2, ror #24
    CHECK(629, r0, 0x80810070)
    sxtb16 r0, r2, ror #24
    CHECK(630, r0, 0xff80ff80)
    uxtb16 r0, r2, ror #24
    CHECK(631, r0, 0x00800080)
    /* PKHBT, PKHTB */
    ldr r1, =0x12345678
    ldr r2, =0x9abcdef0
    pkhbt r0, r1, r2
    CHECK(700, r0, 0x9abc5678)
    POOL
    pkhbt r0, r1, r2, lsl #4
    CHECK(701, r0, 0xabcd5678)
    pkhbt r0, r1, r2, lsl #16
    CHECK(702, r0, 0xdef05678)
    pkhbt r0, r1, r2, lsl #31
    CHECK(703, r0, 0x00005678)
    pkhtb r0, r1, r2, asr #1
    CHECK(704, r0, 0x12346f78)
    pkhtb r0, r1, r2, asr #16
    CHECK(705, r0, 0x12349abc)
    pkhtb r0, r1, r2, asr #32
    CHECK(706, r0, 0x1234ffff)
    /* halfword multiplies; Q on overflow of the accumulations */
    ldr r1, =0x8000fffd
    ldr r2, =0x7fff8000
    ldr r3, =0x7fffffff
    smulbb r0, r1, r2
    CHECK(800, r0, 0x00018000)
    CLEAR_Q
    smlabb r0, r1, r2, r3
    CHECK(801, r0, 0x80017fff)
    CHECK_Q(802, 1)
    smulbt r0, r1, r2
    CHECK(803, r0, 0xfffe8003)
    CLEAR_Q
    smlabt r0, r1, r2, r3
    CHECK(804, r0, 0x7ffe8002)
    CHECK_Q(805, 0)
    smultb r0, r1, r2
    CHECK(806, r0, 0x40000000)
    CLEAR_Q
    smlatb r0, r1, r2, r3
    CHECK(807, r0, 0xbfffffff)
    CHECK_Q(808, 1)
    smultt r0, r1, r2
    CHECK(809, r0, 0xc0008000)
    CLEAR_Q
    smlatt r0, r1, r2, r3
    CHECK(810, r0, 0x40007fff)
    CHECK_Q(811, 0)
    smulwb r0, r1, r2
    CHECK(812, r0, 0x3fff8001)
    CLEAR_Q
    smlawb r0, r1, r2, r3
    CHECK(813, r0, 0xbfff8000)
    CHECK_Q(814, 1)
    ldr r4, =0x12345
    CLEAR_Q
    smlawb r0, r1, r2, r4
    CHECK(815, r0, 0x4000a346)
    CHECK_Q(816, 0)
    smulwt r0, r1, r2
    CHECK(817, r0, 0xc000fffd)
    CLEAR_Q
    smlawt r0, r1, r2, r3
    CHECK(818, r0, 0x4000fffc)
    CHECK_Q(819, 0)
    ldr r4, =0x12345
    CLEAR_Q
    smlawt r0, r1, r2, r4
    CHECK(820, r0, 0xc0022342)
    POOL
    CHECK_Q(821, 0)
    ldr r4, =0xfffffff0
    ldr r5, =0x7fffffff
    smlalbb r4, r5, r1, r2
    CHECK(822, r4, 0x00017ff0)
    CHECK(823, r5, 0x80000000)
    ldr r4, =0xfffffff0
    ldr r5, =0x7fffffff
    smlalbt r4, r5, r1, r2
    CHECK(824, r4, 0xfffe7ff3)
    CHECK(825, r5, 0x7fffffff)
    ldr r4, =0xfffffff0
    ldr r5, =0x7fffffff
    smlaltb r4, r5, r1, r2
    CHECK(826, r4, 0x3ffffff0)
    CHECK(827, r5, 0x80000000)
    ldr r4, =0xfffffff0
    ldr r5, =0x7fffffff
    smlaltt r4, r5, r1, r2
    CHECK(828, r4, 0xc0007ff0)
    CHECK(829, r5, 0x7fffffff)
    /* dual multiplies */
    ldr r1, =0x80008000
    ldr r2, =0x80008000
    ldr r3, =0x00000000
    CLEAR_Q
    smuad r0, r1, r2
    CHECK(900, r0, 0x80000000)
    CHECK_Q(901, 1)
    CLEAR_Q
    smlad r0, r1, r2, r3
    CHECK(902, r0, 0x80000000)
    CHECK_Q(903, 1)
    CLEAR_Q
    smusd r0, r1, r2
    CHECK(904, r0, 0x00000000)
    CHECK_Q(905, 0)
    CLEAR_Q
    smlsd r0, r1, r2, r3
    CHECK(906, r0, 0x00000000)
    CHECK_Q(907, 0)
    ldr r4, =0x00000000
    ldr r5, =0xffffffff
    smlald r4, r5, r1, r2
    CHECK(908, r4, 0x80000000)
    CHECK(909, r5, 0xffffffff)
    ldr r4, =0x00000000
    ldr r5, =0xffffffff
    smlsld r4, r5, r1, r2
    CHECK(910, r4, 0x00000000)
    CHECK(911, r5, 0xffffffff)
    CLEAR_Q
    smuadx r0, r1, r2
    CHECK(912, r0, 0x80000000)
    CHECK_Q(913, 1)
    CLEAR_Q
    smladx r0, r1, r2, r3
    CHECK(914, r0, 0x80000000)
    CHECK_Q(915, 1)
    CLEAR_Q
    smusdx r0, r1, r2
    CHECK(916, r0, 0x00000000)
    CHECK_Q(917, 0)
    CLEAR_Q
    smlsdx r0, r1, r2, r3
    CHECK(918, r0, 0x00000000)
    POOL
    CHECK_Q(919, 0)
    ldr r4, =0x00000000
    ldr r5, =0xffffffff
    smlaldx r4, r5, r1, r2
    CHECK(920, r4, 0x80000000)
    CHECK(921, r5, 0xffffffff)
    ldr r4, =0x00000000
    ldr r5, =0xffffffff
    smlsldx r4, r5, r1, r2
    CHECK(922, r4, 0x00000000)
    CHECK(923, r5, 0xffffffff)
    ldr r1, =0x7fff8000
    ldr r2, =0x80007fff
    ldr r3, =0x7fffffff
    CLEAR_Q
    smuad r0, r1, r2
    CHECK(924, r0, 0x80010000)
    CHECK_Q(925, 0)
    CLEAR_Q
    smlad r0, r1, r2, r3
    CHECK(926, r0, 0x0000ffff)
    CHECK_Q(927, 0)
    CLEAR_Q
    smusd r0, r1, r2
    CHECK(928, r0, 0x00000000)
    CHECK_Q(929, 0)
    CLEAR_Q
    smlsd r0, r1, r2, r3
    CHECK(930, r0, 0x7fffffff)
    CHECK_Q(931, 0)
    ldr r4, =0x7fffffff
    ldr r5, =0xffffffff
    smlald r4, r5, r1, r2
    CHECK(932, r4, 0x0000ffff)
    CHECK(933, r5, 0xffffffff)
    ldr r4, =0x7fffffff
    ldr r5, =0xffffffff
    smlsld r4, r5, r1, r2
    CHECK(934, r4, 0x7fffffff)
    CHECK(935, r5, 0xffffffff)
    CLEAR_Q
    smuadx r0, r1, r2
    CHECK(936, r0, 0x7fff0001)
    CHECK_Q(937, 0)
    CLEAR_Q
    smladx r0, r1, r2, r3
    CHECK(938, r0, 0xffff0000)
    CHECK_Q(939, 1)
    CLEAR_Q
    smusdx r0, r1, r2
    CHECK(940, r0, 0x0000ffff)
    CHECK_Q(941, 0)
    CLEAR_Q
    smlsdx r0, r1, r2, r3
    CHECK(942, r0, 0x8000fffe)
    CHECK_Q(943, 1)
    ldr r4, =0x7fffffff
    ldr r5, =0xffffffff
    smlaldx r4, r5, r1, r2
    CHECK(944, r4, 0xffff0000)
    CHECK(945, r5, 0xffffffff)
    ldr r4, =0x7fffffff
    ldr r5, =0xffffffff
    smlsldx r4, r5, r1, r2
    CHECK(946, r4, 0x8000fffe)
    CHECK(947, r5, 0xffffffff)
    POOL
    ldr r1, =0x00030002
    ldr r2, =0x00050007
    ldr r3, =0xfffffff0
    CLEAR_Q
    smuad r0, r1, r2
    CHECK(948, r0, 0x0000001d)
    CHECK_Q(949, 0)
    CLEAR_Q
    smlad r0, r1, r2, r3
    CHECK(950, r0, 0x0000000d)
    CHECK_Q(951, 0)
    CLEAR_Q
    smusd r0, r1, r2
    CHECK(952, r0, 0xffffffff)
    CHECK_Q(953, 0)
    CLEAR_Q
    smlsd r0, r1, r2, r3
    CHECK(954, r0, 0xffffffef)
    CHECK_Q(955, 0)
    ldr r4, =0xfffffff0
    ldr r5, =0x7fffffff
    smlald r4, r5, r1, r2
    CHECK(956, r4, 0x0000000d)
    CHECK(957, r5, 0x80000000)
    ldr r4, =0xfffffff0
    ldr r5, =0x7fffffff
    smlsld r4, r5, r1, r2
    CHECK(958, r4, 0xffffffef)
    CHECK(959, r5, 0x7fffffff)
    CLEAR_Q
    smuadx r0, r1, r2
    CHECK(960, r0, 0x0000001f)
    CHECK_Q(961, 0)
    CLEAR_Q
    smladx r0, r1, r2, r3
    CHECK(962, r0, 0x0000000f)
    CHECK_Q(963, 0)
    CLEAR_Q
    smusdx r0, r1, r2
    CHECK(964, r0, 0xfffffff5)
    CHECK_Q(965, 0)
    CLEAR_Q
    smlsdx r0, r1, r2, r3
    CHECK(966, r0, 0xffffffe5)
    CHECK_Q(967, 0)
    ldr r4, =0xfffffff0
    ldr r5, =0x7fffffff
    smlaldx r4, r5, r1, r2
    CHECK(968, r4, 0x0000000f)
    CHECK(969, r5, 0x80000000)
    ldr r4, =0xfffffff0
    ldr r5, =0x7fffffff
    smlsldx r4, r5, r1, r2
    CHECK(970, r4, 0xffffffe5)
    CHECK(971, r5, 0x7fffffff)
    ldr r1, =0x80007fff
    ldr r2, =0x80007fff
    ldr r3, =0x80000000
    CLEAR_Q
    smuad r0, r1, r2
    CHECK(972, r0, 0x7fff0001)
    CHECK_Q(973, 0)
    CLEAR_Q
    smlad r0, r1, r2, r3
    CHECK(974, r0, 0xffff0001)
    CHECK_Q(975, 0)
    CLEAR_Q
    smusd r0, r1, r2
    CHECK(976, r0, 0xffff0001)
    CHECK_Q(977, 0)
    CLEAR_Q
    smlsd r0, r1, r2, r3
    CHECK(978, r0, 0x7fff0001)
    POOL
    CHECK_Q(979, 1)
    ldr r4, =0x80000000
    ldr r5, =0x7fffffff
    smlald r4, r5, r1, r2
    CHECK(980, r4, 0xffff0001)
    CHECK(981, r5, 0x7fffffff)
    ldr r4, =0x80000000
    ldr r5, =0x7fffffff
    smlsld r4, r5, r1, r2
    CHECK(982, r4, 0x7fff0001)
    CHECK(983, r5, 0x7fffffff)
    CLEAR_Q
    smuadx r0, r1, r2
    CHECK(984, r0, 0x80010000)
    CHECK_Q(985, 0)
    CLEAR_Q
    smladx r0, r1, r2, r3
    CHECK(986, r0, 0x00010000)
    CHECK_Q(987, 1)
    CLEAR_Q
    smusdx r0, r1, r2
    CHECK(988, r0, 0x00000000)
    CHECK_Q(989, 0)
    CLEAR_Q
    smlsdx r0, r1, r2, r3
    CHECK(990, r0, 0x80000000)
    CHECK_Q(991, 0)
    ldr r4, =0x80000000
    ldr r5, =0x7fffffff
    smlaldx r4, r5, r1, r2
    CHECK(992, r4, 0x00010000)
    CHECK(993, r5, 0x7fffffff)
    ldr r4, =0x80000000
    ldr r5, =0x7fffffff
    smlsldx r4, r5, r1, r2
    CHECK(994, r4, 0x80000000)
    CHECK(995, r5, 0x7fffffff)
    /* most significant word multiplies, UMAAL */
    ldr r1, =0x7fffffff
    ldr r2, =0x7fffffff
    ldr r3, =0x00000001
    smmul r0, r1, r2
    CHECK(1000, r0, 0x3fffffff)
    smmla r0, r1, r2, r3
    CHECK(1001, r0, 0x40000000)
    smmls r0, r1, r2, r3
    CHECK(1002, r0, 0xc0000001)
    smmulr r0, r1, r2
    CHECK(1003, r0, 0x3fffffff)
    smmlar r0, r1, r2, r3
    CHECK(1004, r0, 0x40000000)
    smmlsr r0, r1, r2, r3
    CHECK(1005, r0, 0xc0000002)
    ldr r4, =0x00000001
    ldr r5, =0xffffffff
    umaal r4, r5, r1, r2
    CHECK(1006, r4, 0x00000001)
    CHECK(1007, r5, 0x40000000)
    POOL
    ldr r1, =0x80000000
    ldr r2, =0x7fffffff
    ldr r3, =0x80000000
    smmul r0, r1, r2
    CHECK(1008, r0, 0xc0000000)
    smmla r0, r1, r2, r3
    CHECK(1009, r0, 0x40000000)
    smmls r0, r1, r2, r3
    CHECK(1010, r0, 0xbfffffff)
    smmulr r0, r1, r2
    CHECK(1011, r0, 0xc0000001)
    smmlar r0, r1, r2, r3
    CHECK(1012, r0, 0x40000001)
    smmlsr r0, r1, r2, r3
    CHECK(1013, r0, 0xc0000000)
    ldr r4, =0x80000000
    ldr r5, =0xffffffff
    umaal r4, r5, r1, r2
    CHECK(1014, r4, 0xffffffff)
    CHECK(1015, r5, 0x40000000)
    ldr r1, =0x00010000
    ldr r2, =0x00008000
    ldr r3, =0x00000000
    smmul r0, r1, r2
    CHECK(1016, r0, 0x00000000)
    smmla r0, r1, r2, r3
    CHECK(1017, r0, 0x00000000)
    smmls r0, r1, r2, r3
    CHECK(1018, r0, 0xffffffff)
    smmulr r0, r1, r2
    CHECK(1019, r0, 0x00000001)
    smmlar r0, r1, r2, r3
    CHECK(1020, r0, 0x00000001)
    smmlsr r0, r1, r2, r3
    CHECK(1021, r0, 0x00000000)
    ldr r4, =0x00000000
    ldr r5, =0xffffffff
    umaal r4, r5, r1, r2
    CHECK(1022, r4, 0x7fffffff)
    CHECK(1023, r5, 0x00000001)
    ldr r1, =0xffffffff
    ldr r2, =0x00000001
    ldr r3, =0x7fffffff
    smmul r0, r1, r2
    CHECK(1024, r0, 0xffffffff)
    smmla r0, r1, r2, r3
    CHECK(1025, r0, 0x7ffffffe)
    smmls r0, r1, r2, r3
    CHECK(1026, r0, 0x7fffffff)
    smmulr r0, r1, r2
    CHECK(1027, r0, 0x00000000)
    POOL
    smmlar r0, r1, r2, r3
    CHECK(1028, r0, 0x7fffffff)
    smmlsr r0, r1, r2, r3
    CHECK(1029, r0, 0x7fffffff)
    ldr r4, =0x7fffffff
    ldr r5, =0xffffffff
    umaal r4, r5, r1, r2
    CHECK(1030, r4, 0x7ffffffd)
    CHECK(1031, r5, 0x00000002)
    ldr r1, =0x12345678
    ldr r2, =0x9abcdef0
    ldr r3, =0x0fedcba9
    smmul r0, r1, r2
    CHECK(1032, r0, 0xf8cc93d6)
    smmla r0, r1, r2, r3
    CHECK(1033, r0, 0x08ba5f7f)
    smmls r0, r1, r2, r3
    CHECK(1034, r0, 0x172137d2)
    smmulr r0, r1, r2
    CHECK(1035, r0, 0xf8cc93d6)
    smmlar r0, r1, r2, r3
    CHECK(1036, r0, 0x08ba5f7f)
    smmlsr r0, r1, r2, r3
    CHECK(1037, r0, 0x172137d3)
    ldr r4, =0x0fedcba9
    ldr r5, =0xffffffff
    umaal r4, r5, r1, r2
    CHECK(1038, r4, 0x341aec28)
    CHECK(1039, r5, 0x0b00ea4f)

    /* UNDEFINED on the M4 too: a reserved parallel add/subtract (op1
     * 011); then UNPREDICTABLE encodings, which hemu makes UNDEFINED (QEMU
     * runs them): SMMLS with Ra = 15, QADD naming the PC */
    ldr r5, =0xe000ed24
    ldr r0, =(1 << 18)
    str r0, [r5]                     /* UsageFault enabled */
    movs r7, #0
    .inst.w 0xfab1f002
    CHECK(1100, r7, 1)
    .inst.w 0xfb61f002               /* smmls r0, r1, r2, pc */
    .inst.w 0xfa8ff081               /* qadd r0, r1, pc */
    CHECK(1101, r7, 3)
    b pass
FUNC(svc):
    ldr r0, [sp, #28]                /* the stacked xPSR keeps Q and GE */
    ldr r1, =0xf80f0000
    ands r0, r0, r1
    ldr r1, =0x08050000
    cmp r0, r1
    bne fail
    movs r0, #0                      /* the handler's own APSR is another */
    msr APSR_nzcvqg, r0
    bx lr
#else
    /* Cortex-M3: each is UNDEFINED; the handler checks CFSR.UNDEFINSTR,
     * counts in r7 and skips the instruction */
    ldr r5, =0xe000ed24
    ldr r0, =(1 << 18)
    str r0, [r5]                     /* UsageFault enabled */
    movs r7, #0
    .inst.w 0xfa82f081               /* qadd r0, r1, r2 */
    .inst.w 0xfa81f002               /* sadd8 r0, r1, r2 */
    .inst.w 0xfad1f052               /* uqsub16 r0, r1, r2 */
    .inst.w 0xfaa1f022               /* shasx r0, r1, r2 */
    .inst.w 0xfaa1f082               /* sel r0, r1, r2 */
    .inst.w 0xfb71f002               /* usad8 r0, r1, r2 */
    .inst.w 0xfb713002               /* usada8 r0, r1, r2, r3 */
    .inst.w 0xf3210007               /* ssat16 r0, #8, r1 */
    .inst.w 0xf3a10008               /* usat16 r0, #8, r1 */
    .inst.w 0xfa21f082               /* sxtab16 r0, r1, r2 */
    .inst.w 0xfa3ff082               /* uxtb16 r0, r2 */
    .inst.w 0xfa11f082               /* uxtah r0, r1, r2 */
    .inst.w 0xeac12002               /* pkhbt r0, r1, r2, lsl #8 */
    .inst.w 0xeac12022               /* pkhtb r0, r1, r2, asr #8 */
    .inst.w 0xfb11f002               /* smulbb r0, r1, r2 */
    .inst.w 0xfb113022               /* smlatb r0, r1, r2, r3 */
    .inst.w 0xfb31f012               /* smulwt r0, r1, r2 */
    .inst.w 0xfb313002               /* smlawb r0, r1, r2, r3 */
    .inst.w 0xfbc14592               /* smlalbt r4, r5, r1, r2 */
    .inst.w 0xfb21f012               /* smuadx r0, r1, r2 */
    .inst.w 0xfb213002               /* smlad r0, r1, r2, r3 */
    .inst.w 0xfb41f002               /* smusd r0, r1, r2 */
    .inst.w 0xfb413012               /* smlsdx r0, r1, r2, r3 */
    .inst.w 0xfbc145c2               /* smlald r4, r5, r1, r2 */
    .inst.w 0xfbd145d2               /* smlsldx r4, r5, r1, r2 */
    .inst.w 0xfb51f012               /* smmulr r0, r1, r2 */
    .inst.w 0xfb513002               /* smmla r0, r1, r2, r3 */
    .inst.w 0xfb613002               /* smmls r0, r1, r2, r3 */
    .inst.w 0xfbe14562               /* umaal r4, r5, r1, r2 */
    CHECK(1, r7, 29)
    b pass
FUNC(svc):
    b unexpected
#endif
/* UsageFault: UNDEFINSTR alone; count in r7, skip the 32-bit instruction */
FUNC(usage):
    ldr r0, =0xe000ed28
    ldr r1, [r0]
    cmp r1, #0x10000                 /* UNDEFINSTR alone */
    bne fail
    str r1, [r0]                     /* W1C */
    adds r7, r7, #1
    ldr r0, [sp, #24]
    adds r0, r0, #4
    str r0, [sp, #24]
    bx lr
    END
