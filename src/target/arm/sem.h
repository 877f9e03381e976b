/* Thumb instruction semantics, one entry per operation of insns.def. Only
 * what each does: the dispatcher (exec.c, run.h) defines SEM, NEXT and the
 * accessors, and is free to change how it gets here.
 * DDI 0403E ch. A7 (operations), A2.2-A2.3 (shifts, flags), A3.4
 * (exclusives).
 * SPDX-License-Identifier: MIT */

/* Provided by the includer: R(n), W(n, v), PC, NPC, JUMP(t), BXWRITE(v),
 * LOAD(T, addr, acc, use of v_), STORE(T, addr, val, acc) (acc: ARM_ACC_*),
 * RAISE(exc, cfsr), TERM(call) (at this instruction), TERM_AFTER(call)
 * (after it), and d (the decoded instruction), cpu. */

#define RD d->rd
#define RN R(d->rn)
#define RM R(d->rm)
#define SETNZ(v) (cpu->nf = cpu->zf = (v))

/* logical: the second operand is an immediate (C from the expansion) or a
 * shifted register (C from the shifter) */
#define LOGIC_I(expr) { \
        uint32_t m_ = d->imm, v_ = (expr); \
        W(RD, v_); \
        if (d->s) { \
            SETNZ(v_); \
            if (d->flags & ARM_F_CSET) { \
                cpu->cf = (d->flags & ARM_F_CVAL) != 0; \
            } \
        } \
    } NEXT
#define LOGIC_R(expr) { \
        uint32_t c_ = cpu->cf; \
        uint32_t m_ = arm_shift_c(RM, d->shift, d->amt, &c_), v_ = (expr); \
        W(RD, v_); \
        if (d->s) { \
            SETNZ(v_); \
            cpu->cf = c_; \
        } \
    } NEXT
#define ARITH(a, b, cin) { \
        uint32_t v_ = d->s ? arm_addc(cpu, (a), (b), (cin)) \
                           : (a) + (b) + (cin); \
        W(RD, v_); \
    } NEXT
#define OP2R __extension__ ({ uint32_t c_ = cpu->cf; \
        arm_shift_c(RM, d->shift, d->amt, &c_); })

SEM(and_i)  LOGIC_I(RN & m_);
SEM(and_r)  LOGIC_R(RN & m_);
SEM(bic_i)  LOGIC_I(RN & ~m_);
SEM(bic_r)  LOGIC_R(RN & ~m_);
SEM(orr_i)  LOGIC_I(RN | m_);
SEM(orr_r)  LOGIC_R(RN | m_);
SEM(orn_i)  LOGIC_I(RN | ~m_);
SEM(orn_r)  LOGIC_R(RN | ~m_);
SEM(eor_i)  LOGIC_I(RN ^ m_);
SEM(eor_r)  LOGIC_R(RN ^ m_);
SEM(mov_i)  LOGIC_I(m_);
SEM(mov_r)  LOGIC_R(m_);
SEM(mvn_i)  LOGIC_I(~m_);
SEM(mvn_r)  LOGIC_R(~m_);
SEM(add_i)  ARITH(RN, d->imm, 0);
SEM(add_r)  ARITH(RN, OP2R, 0);
SEM(adc_i)  ARITH(RN, d->imm, cpu->cf);
SEM(adc_r)  ARITH(RN, OP2R, cpu->cf);
SEM(sub_i)  ARITH(RN, ~d->imm, 1);
SEM(sub_r)  ARITH(RN, ~OP2R, 1);
SEM(sbc_i)  ARITH(RN, ~d->imm, cpu->cf);
SEM(sbc_r)  ARITH(RN, ~OP2R, cpu->cf);
SEM(rsb_i)  ARITH(~RN, d->imm, 1);
SEM(rsb_r)  ARITH(~RN, OP2R, 1);
SEM(shift_rr) {
    uint32_t c_ = cpu->cf, v_ = arm_shift_c(RN, d->shift, RM & 0xff, &c_);
    W(RD, v_);
    if (d->s) {
        SETNZ(v_);
        cpu->cf = c_;
    }
} NEXT;
SEM(movt)   { W(RD, (R(RD) & 0xffff) | d->imm << 16); } NEXT;

SEM(mul)    { uint32_t v_ = RN * RM; W(RD, v_); if (d->s) { SETNZ(v_); } } NEXT;
SEM(mla)    { W(RD, RN * RM + R(d->ra)); } NEXT;
SEM(mls)    { W(RD, R(d->ra) - RN * RM); } NEXT;
SEM(umull)  { uint64_t p_ = (uint64_t)RN * RM;
              W(RD, (uint32_t)p_); W(d->ra, (uint32_t)(p_ >> 32)); } NEXT;
SEM(smull)  { int64_t p_ = (int64_t)(int32_t)RN * (int32_t)RM;
              W(RD, (uint32_t)p_); W(d->ra, (uint32_t)((uint64_t)p_ >> 32)); } NEXT;
SEM(umlal)  { uint64_t p_ = (uint64_t)RN * RM +
                          ((uint64_t)R(d->ra) << 32 | R(RD));
              W(RD, (uint32_t)p_); W(d->ra, (uint32_t)(p_ >> 32)); } NEXT;
SEM(smlal)  { uint64_t p_ = (uint64_t)((int64_t)(int32_t)RN * (int32_t)RM) +
                          ((uint64_t)R(d->ra) << 32 | R(RD));
              W(RD, (uint32_t)p_); W(d->ra, (uint32_t)(p_ >> 32)); } NEXT;
SEM(sdiv) {
    int32_t n_ = (int32_t)RN, m_ = (int32_t)RM;
    if (m_ == 0) {
        if (cpu->ccr & ARM_CCR_DIV_0_TRP) {
            RAISE(ARM_EXC_USAGEFAULT, ARM_CFSR_DIVBYZERO);
        }
        W(RD, 0);
    } else {
        W(RD, n_ == INT32_MIN && m_ == -1 ? (uint32_t)INT32_MIN
                                          : (uint32_t)(n_ / m_));
    }
} NEXT;
SEM(udiv) {
    uint32_t m_ = RM;
    if (m_ == 0) {
        if (cpu->ccr & ARM_CCR_DIV_0_TRP) {
            RAISE(ARM_EXC_USAGEFAULT, ARM_CFSR_DIVBYZERO);
        }
        W(RD, 0);
    } else {
        W(RD, RN / m_);
    }
} NEXT;

/* bit fields: amt = lsb, imm = msb (BFI, BFC) or width (UBFX, SBFX) */
#define BFMASK(lsb, msb) ((uint32_t)(((2ull << (msb)) - 1) & ~((1ull << (lsb)) - 1)))
SEM(bfi)    { uint32_t k_ = BFMASK(d->amt, d->imm);
              W(RD, (R(RD) & ~k_) | ((RN << d->amt) & k_)); } NEXT;
SEM(bfc)    { W(RD, R(RD) & ~BFMASK(d->amt, d->imm)); } NEXT;
SEM(ubfx)   { W(RD, (uint32_t)((RN >> d->amt) & ((1ull << d->imm) - 1))); } NEXT;
SEM(sbfx)   { W(RD, (uint32_t)((int32_t)(RN << (32 - d->amt - d->imm)) >>
                               (32 - d->imm))); } NEXT;
SEM(ssat) {
    int64_t v_ = d->shift == ARM_SH_ASR ? (int64_t)((int32_t)RN >> d->amt)
                                        : (int64_t)(int32_t)(RN << d->amt);
    int64_t hi_ = (1ll << (d->imm - 1)) - 1, lo_ = -(1ll << (d->imm - 1));
    if (v_ > hi_ || v_ < lo_) {
        v_ = v_ > hi_ ? hi_ : lo_;
        cpu->qf = 1;
    }
    W(RD, (uint32_t)v_);
} NEXT;
SEM(usat) {
    int64_t v_ = d->shift == ARM_SH_ASR ? (int64_t)((int32_t)RN >> d->amt)
                                        : (int64_t)(int32_t)(RN << d->amt);
    int64_t hi_ = (1ll << d->imm) - 1;
    if (v_ > hi_ || v_ < 0) {
        v_ = v_ < 0 ? 0 : hi_;
        cpu->qf = 1;
    }
    W(RD, (uint32_t)v_);
} NEXT;
SEM(clz)    { uint32_t m_ = RM; W(RD, m_ ? (uint32_t)__builtin_clz(m_) : 32); } NEXT;
SEM(rbit)   { W(RD, arm_rbit(RM)); } NEXT;
SEM(rev)    { W(RD, __builtin_bswap32(RM)); } NEXT;
SEM(rev16)  { uint32_t m_ = RM;
              W(RD, ((m_ >> 8) & 0x00ff00ff) | ((m_ << 8) & 0xff00ff00)); } NEXT;
SEM(revsh)  { W(RD, (uint32_t)(int32_t)(int16_t)__builtin_bswap16((uint16_t)RM)); } NEXT;
#define ROT(v) ((d->amt ? ((v) >> d->amt | (v) << (32 - d->amt)) : (v)))
SEM(sxtb)   { uint32_t m_ = RM; W(RD, (uint32_t)(int32_t)(int8_t)ROT(m_)); } NEXT;
SEM(sxth)   { uint32_t m_ = RM; W(RD, (uint32_t)(int32_t)(int16_t)ROT(m_)); } NEXT;
SEM(uxtb)   { uint32_t m_ = RM; W(RD, (uint8_t)ROT(m_)); } NEXT;
SEM(uxth)   { uint32_t m_ = RM; W(RD, (uint16_t)ROT(m_)); } NEXT;

/* DSP extension (A7.7: the entries of each instruction). Parallel add
 * and subtract: lane i of Rn with lane i of Rm (of Rm with its halfwords
 * swapped for ASX and SAX), exactly, as signed (S Q SH) or unsigned (U UQ
 * UH) numbers; the lanes whose bit in add is set add, the others subtract.
 * S and U keep the low bits and set the lane's GE bits when the signed
 * result is >= 0, the unsigned sum >= 2^bits, the unsigned difference
 * >= 0; Q and UQ saturate, SH and UH halve. */
#define P_S 0
#define P_Q 1
#define P_SH 2
#define P_U 3
#define P_UQ 4
#define P_UH 5
#define P_ADD8 4, 0xf, false
#define P_SUB8 4, 0, false
#define P_ADD16 2, 3, false
#define P_SUB16 2, 0, false
#define P_ASX 2, 2, true
#define P_SAX 2, 1, true
#define PAR(kind, shape) PAR_(kind, shape)
#define PAR_(kind, lanes, add, cross) { \
        const unsigned b_ = 32 / (lanes); \
        const uint32_t k_ = (1u << b_) - 1; \
        uint32_t n_ = RN, m_ = RM, r_ = 0, ge_ = 0; \
        if (cross) { \
            m_ = m_ >> 16 | m_ << 16; \
        } \
        for (unsigned i_ = 0; i_ < (lanes); i_++) { \
            uint32_t x_ = n_ >> (b_ * i_) & k_, y_ = m_ >> (b_ * i_) & k_; \
            int32_t a_ = (int32_t)x_, c_ = (int32_t)y_, v_; \
            if ((kind) < P_U) { \
                a_ = (int32_t)(x_ << (32 - b_)) >> (32 - b_); \
                c_ = (int32_t)(y_ << (32 - b_)) >> (32 - b_); \
            } \
            bool add_ = ((add) >> i_) & 1; \
            v_ = add_ ? a_ + c_ : a_ - c_; \
            bool ge1_ = (kind) == P_U && add_ ? v_ >= (1 << b_) : v_ >= 0; \
            ge_ |= ge1_ ? ((1u << (b_ / 8)) - 1) << (b_ / 8 * i_) : 0; \
            if ((kind) == P_Q) { \
                v_ = (int32_t)arm_sat_s(v_, b_, NULL); \
            } else if ((kind) == P_UQ) { \
                v_ = (int32_t)arm_sat_u(v_, b_, NULL); \
            } else if ((kind) == P_SH || (kind) == P_UH) { \
                v_ >>= 1; \
            } \
            r_ |= ((uint32_t)v_ & k_) << (b_ * i_); \
        } \
        if ((kind) == P_S || (kind) == P_U) { \
            cpu->ge = ge_; \
        } \
        W(RD, r_); \
    } NEXT

SEM(sadd8)   PAR(P_S, P_ADD8);
SEM(sadd16)  PAR(P_S, P_ADD16);
SEM(sasx)    PAR(P_S, P_ASX);
SEM(ssub8)   PAR(P_S, P_SUB8);
SEM(ssub16)  PAR(P_S, P_SUB16);
SEM(ssax)    PAR(P_S, P_SAX);
SEM(qadd8)   PAR(P_Q, P_ADD8);
SEM(qadd16)  PAR(P_Q, P_ADD16);
SEM(qasx)    PAR(P_Q, P_ASX);
SEM(qsub8)   PAR(P_Q, P_SUB8);
SEM(qsub16)  PAR(P_Q, P_SUB16);
SEM(qsax)    PAR(P_Q, P_SAX);
SEM(shadd8)  PAR(P_SH, P_ADD8);
SEM(shadd16) PAR(P_SH, P_ADD16);
SEM(shasx)   PAR(P_SH, P_ASX);
SEM(shsub8)  PAR(P_SH, P_SUB8);
SEM(shsub16) PAR(P_SH, P_SUB16);
SEM(shsax)   PAR(P_SH, P_SAX);
SEM(uadd8)   PAR(P_U, P_ADD8);
SEM(uadd16)  PAR(P_U, P_ADD16);
SEM(uasx)    PAR(P_U, P_ASX);
SEM(usub8)   PAR(P_U, P_SUB8);
SEM(usub16)  PAR(P_U, P_SUB16);
SEM(usax)    PAR(P_U, P_SAX);
SEM(uqadd8)  PAR(P_UQ, P_ADD8);
SEM(uqadd16) PAR(P_UQ, P_ADD16);
SEM(uqasx)   PAR(P_UQ, P_ASX);
SEM(uqsub8)  PAR(P_UQ, P_SUB8);
SEM(uqsub16) PAR(P_UQ, P_SUB16);
SEM(uqsax)   PAR(P_UQ, P_SAX);
SEM(uhadd8)  PAR(P_UH, P_ADD8);
SEM(uhadd16) PAR(P_UH, P_ADD16);
SEM(uhasx)   PAR(P_UH, P_ASX);
SEM(uhsub8)  PAR(P_UH, P_SUB8);
SEM(uhsub16) PAR(P_UH, P_SUB16);
SEM(uhsax)   PAR(P_UH, P_SAX);

/* saturating: SignedSatQ sets Q */
#define SINT(v) ((int64_t)(int32_t)(v))
#define QSAT32(v) ((uint32_t)arm_sat_s((v), 32, &cpu->qf))
SEM(qadd)   { W(RD, QSAT32(SINT(RM) + SINT(RN))); } NEXT;
SEM(qsub)   { W(RD, QSAT32(SINT(RM) - SINT(RN))); } NEXT;
SEM(qdadd)  { int64_t t_ = (int32_t)QSAT32(2 * SINT(RN));
              W(RD, QSAT32(SINT(RM) + t_)); } NEXT;
SEM(qdsub)  { int64_t t_ = (int32_t)QSAT32(2 * SINT(RN));
              W(RD, QSAT32(SINT(RM) - t_)); } NEXT;
SEM(ssat16) { uint32_t n_ = RN;
              uint32_t lo_ = (uint32_t)arm_sat_s((int16_t)n_, d->imm, &cpu->qf);
              uint32_t hi_ = (uint32_t)arm_sat_s((int16_t)(n_ >> 16), d->imm, &cpu->qf);
              W(RD, (lo_ & 0xffff) | hi_ << 16); } NEXT;
SEM(usat16) { uint32_t n_ = RN;
              uint32_t lo_ = (uint32_t)arm_sat_u((int16_t)n_, d->imm, &cpu->qf);
              uint32_t hi_ = (uint32_t)arm_sat_u((int16_t)(n_ >> 16), d->imm, &cpu->qf);
              W(RD, lo_ | hi_ << 16); } NEXT;
/* SEL: byte i from Rn when GE[i], else from Rm */
SEM(sel)    { uint32_t g_ = cpu->ge, k_ = (g_ & 1 ? 0xffu : 0) |
                  (g_ & 2 ? 0xff00u : 0) | (g_ & 4 ? 0xff0000u : 0) |
                  (g_ & 8 ? 0xff000000u : 0);
              W(RD, (RN & k_) | (RM & ~k_)); } NEXT;
#define SAD8(n, m) __extension__ ({ uint32_t s_ = 0; \
        for (unsigned i_ = 0; i_ < 32; i_ += 8) { \
            int32_t t_ = (int32_t)((n) >> i_ & 0xff) - (int32_t)((m) >> i_ & 0xff); \
            s_ += (uint32_t)(t_ < 0 ? -t_ : t_); \
        } \
        s_; })
SEM(usad8)  { uint32_t n_ = RN, m_ = RM; W(RD, SAD8(n_, m_)); } NEXT;
SEM(usada8) { uint32_t n_ = RN, m_ = RM; W(RD, SAD8(n_, m_) + R(d->ra)); } NEXT;

/* extend (Rm rotated by amt) and add, pack halfwords */
SEM(sxtab)  { uint32_t m_ = RM; W(RD, RN + (uint32_t)(int32_t)(int8_t)ROT(m_)); } NEXT;
SEM(sxtah)  { uint32_t m_ = RM; W(RD, RN + (uint32_t)(int32_t)(int16_t)ROT(m_)); } NEXT;
SEM(uxtab)  { uint32_t m_ = RM; W(RD, RN + (uint8_t)ROT(m_)); } NEXT;
SEM(uxtah)  { uint32_t m_ = RM; W(RD, RN + (uint16_t)ROT(m_)); } NEXT;
SEM(sxtab16) { uint32_t m_ = RM, n_ = RN; m_ = ROT(m_);
               W(RD, ((n_ + (uint32_t)(int8_t)m_) & 0xffff) |
                     ((n_ >> 16) + (uint32_t)(int8_t)(m_ >> 16)) << 16); } NEXT;
SEM(sxtb16) { uint32_t m_ = RM; m_ = ROT(m_);
              W(RD, ((uint32_t)(int8_t)m_ & 0xffff) |
                    (uint32_t)(int8_t)(m_ >> 16) << 16); } NEXT;
SEM(uxtab16) { uint32_t m_ = RM, n_ = RN; m_ = ROT(m_);
               W(RD, ((n_ + (m_ & 0xff)) & 0xffff) |
                     ((n_ >> 16) + (m_ >> 16 & 0xff)) << 16); } NEXT;
SEM(uxtb16) { uint32_t m_ = RM; W(RD, ROT(m_) & 0x00ff00ff); } NEXT;
SEM(pkhbt)  { W(RD, (RN & 0xffff) | (OP2R & 0xffff0000)); } NEXT;
SEM(pkhtb)  { W(RD, (RN & 0xffff0000) | (OP2R & 0xffff)); } NEXT;

/* multiplies: the halves; a 32-bit result with Q set when the exact
 * value does not fit (SMLA<x><y>, SMLAW<y>, SMLAD, SMLSD, SMUAD); 64-bit
 * accumulations and the top words modulo 2^64 */
#define HALF(v, at) ((int32_t)(int16_t)((v) >> (at)))
#define QFIT(v) do { if ((v) != (int32_t)(v)) { cpu->qf = 1; } } while (0)
#define ACC64 ((uint64_t)R(d->ra) << 32 | R(RD))
#define W64(v) do { uint64_t w_ = (v); W(RD, (uint32_t)w_); \
                    W(d->ra, (uint32_t)(w_ >> 32)); } while (0)
/* the two halfword products of Rn and Rm (X: Rm's halves swapped) */
#define DUAL(op) __extension__ ({ uint32_t n_ = RN, m_ = RM; m_ = ROT(m_); \
        (int64_t)HALF(n_, 0) * HALF(m_, 0) op \
        (int64_t)HALF(n_, 16) * HALF(m_, 16); })
SEM(smulxy) { W(RD, (uint32_t)(HALF(RN, d->shift) * HALF(RM, d->amt))); } NEXT;
SEM(smlaxy) { int64_t v_ = (int64_t)HALF(RN, d->shift) * HALF(RM, d->amt) +
                           SINT(R(d->ra));
              W(RD, (uint32_t)v_); QFIT(v_); } NEXT;
SEM(smulwy) { int64_t p_ = SINT(RN) * HALF(RM, d->amt);
              W(RD, (uint32_t)(p_ >> 16)); } NEXT;
SEM(smlawy) { int64_t v_ = (SINT(RN) * HALF(RM, d->amt) +
                            SINT(R(d->ra)) * 65536) >> 16;
              W(RD, (uint32_t)v_); QFIT(v_); } NEXT;
SEM(smlalxy) { W64(ACC64 + (uint64_t)((int64_t)HALF(RN, d->shift) *
                                      HALF(RM, d->amt))); } NEXT;
SEM(smuad)  { int64_t v_ = DUAL(+); W(RD, (uint32_t)v_); QFIT(v_); } NEXT;
SEM(smlad)  { int64_t v_ = DUAL(+) + SINT(R(d->ra));
              W(RD, (uint32_t)v_); QFIT(v_); } NEXT;
SEM(smusd)  { W(RD, (uint32_t)DUAL(-)); } NEXT;
SEM(smlsd)  { int64_t v_ = DUAL(-) + SINT(R(d->ra));
              W(RD, (uint32_t)v_); QFIT(v_); } NEXT;
SEM(smlald) { W64(ACC64 + (uint64_t)DUAL(+)); } NEXT;
SEM(smlsld) { W64(ACC64 + (uint64_t)DUAL(-)); } NEXT;
/* the top word of a 64-bit value; R forms add 0x80000000 (imm) first */
#define PROD64 ((uint64_t)(SINT(RN) * SINT(RM)))
SEM(smmul)  { W(RD, (uint32_t)((PROD64 + d->imm) >> 32)); } NEXT;
SEM(smmla)  { W(RD, (uint32_t)((((uint64_t)R(d->ra) << 32) + PROD64 + d->imm) >> 32)); } NEXT;
SEM(smmls)  { W(RD, (uint32_t)((((uint64_t)R(d->ra) << 32) - PROD64 + d->imm) >> 32)); } NEXT;
SEM(umaal)  { W64((uint64_t)RN * RM + R(d->ra) + R(RD)); } NEXT;

/* loads and stores */
#define ADDR_I (d->flags & ARM_F_P ? RN + d->imm : RN)
#define WB_I do { if (d->flags & ARM_F_W) { W(d->rn, RN + d->imm); } } while (0)
#define ADDR_R (RN + (RM << d->amt))
#define LD_I(T) { uint32_t a_ = ADDR_I; \
        LOAD(T, a_, 0, { WB_I; W(RD, (uint32_t)v_); }); } NEXT
#define LD_R(T) { uint32_t a_ = ADDR_R; \
        LOAD(T, a_, 0, W(RD, (uint32_t)v_)); } NEXT
#define ST_I(T) { uint32_t a_ = ADDR_I; STORE(T, a_, R(RD), 0); WB_I; } SNEXT
#define ST_R(T) { uint32_t a_ = ADDR_R; STORE(T, a_, R(RD), 0); } SNEXT

SEM(ldr_i) {
    uint32_t a_ = ADDR_I;
    LOAD(uint32_t, a_, 0, {
        WB_I;
        if (RD == 15) {
            BXWRITE((uint32_t)v_);
        }
        W(RD, (uint32_t)v_);
    });
} NEXT;
SEM(ldr_r) {
    uint32_t a_ = ADDR_R;
    LOAD(uint32_t, a_, 0, {
        if (RD == 15) {
            BXWRITE((uint32_t)v_);
        }
        W(RD, (uint32_t)v_);
    });
} NEXT;
SEM(ldrb_i)  LD_I(uint8_t);
SEM(ldrb_r)  LD_R(uint8_t);
SEM(ldrh_i)  LD_I(uint16_t);
SEM(ldrh_r)  LD_R(uint16_t);
SEM(ldrsb_i) LD_I(int8_t);
SEM(ldrsb_r) LD_R(int8_t);
SEM(ldrsh_i) LD_I(int16_t);
SEM(ldrsh_r) LD_R(int16_t);
SEM(str_i)   ST_I(uint32_t);
SEM(str_r)   ST_R(uint32_t);
SEM(strb_i)  ST_I(uint8_t);
SEM(strb_r)  ST_R(uint8_t);
SEM(strh_i)  ST_I(uint16_t);
SEM(strh_r)  ST_R(uint16_t);
/* [rn, #imm] as unprivileged (A7.7) */
#define LD_T(T) { uint32_t a_ = RN + d->imm; \
        LOAD(T, a_, ARM_ACC_UNPRIV, W(RD, (uint32_t)v_)); } NEXT
#define ST_T(T) { uint32_t a_ = RN + d->imm; \
        STORE(T, a_, R(RD), ARM_ACC_UNPRIV); } SNEXT
SEM(ldrt)    LD_T(uint32_t);
SEM(ldrbt)   LD_T(uint8_t);
SEM(ldrht)   LD_T(uint16_t);
SEM(ldrsbt)  LD_T(int8_t);
SEM(ldrsht)  LD_T(int16_t);
SEM(strt)    ST_T(uint32_t);
SEM(strbt)   ST_T(uint8_t);
SEM(strht)   ST_T(uint16_t);
SEM(ldrd) {
    uint32_t a_ = ADDR_I, lo_;
    LOAD(uint32_t, a_, ARM_ACC_STRICT, lo_ = (uint32_t)v_);
    LOAD(uint32_t, a_ + 4, ARM_ACC_STRICT, { WB_I; W(RD, lo_); W(d->ra, (uint32_t)v_); });
} NEXT;
SEM(strd) {
    uint32_t a_ = ADDR_I;
    STORE(uint32_t, a_, R(RD), ARM_ACC_STRICT);
    STORE(uint32_t, a_ + 4, R(d->ra), ARM_ACC_STRICT);
    WB_I;
} SNEXT;
#define LDREX(T) { uint32_t a_ = RN + d->imm; \
        LOAD(T, a_, ARM_ACC_STRICT, { W(RD, (uint32_t)v_); \
                            cpu->excl_valid = true; cpu->excl_addr = a_; }); } NEXT
#define STREX(T) { uint32_t a_ = RN + d->imm; \
        if (cpu->excl_valid && cpu->excl_addr == a_) { \
            STORE(T, a_, RM, ARM_ACC_STRICT); \
            W(RD, 0); \
        } else { \
            W(RD, 1); \
        } \
        cpu->excl_valid = false; } SNEXT
SEM(ldrex)  LDREX(uint32_t);
SEM(ldrexb) LDREX(uint8_t);
SEM(ldrexh) LDREX(uint16_t);
SEM(strex)  STREX(uint32_t);
SEM(strexb) STREX(uint8_t);
SEM(strexh) STREX(uint16_t);
SEM(clrex)  { cpu->excl_valid = false; } NEXT;
SEM(ldm) {
    uint32_t list_ = d->imm, n_ = (uint32_t)__builtin_popcount(list_);
    uint32_t base_ = RN, a_ = d->flags & ARM_F_DB ? base_ - 4 * n_ : base_;
    uint32_t vals_[16];
    for (unsigned i_ = 0; i_ < 16; i_++) {
        if (list_ & (1u << i_)) {
            LOAD(uint32_t, a_, ARM_ACC_STRICT, vals_[i_] = (uint32_t)v_);
            a_ += 4;
        }
    }
    if (d->flags & ARM_F_W) {
        W(d->rn, d->flags & ARM_F_DB ? base_ - 4 * n_ : base_ + 4 * n_);
    }
    for (unsigned i_ = 0; i_ < 15; i_++) {
        if (list_ & (1u << i_)) {
            W(i_, vals_[i_]);
        }
    }
    if (list_ & 0x8000) {
        BXWRITE(vals_[15]);
    }
} NEXT;
SEM(stm) {
    uint32_t list_ = d->imm, n_ = (uint32_t)__builtin_popcount(list_);
    uint32_t base_ = RN, a_ = d->flags & ARM_F_DB ? base_ - 4 * n_ : base_;
    for (unsigned i_ = 0; i_ < 15; i_++) {
        if (list_ & (1u << i_)) {
            STORE(uint32_t, a_, R(i_), ARM_ACC_STRICT);
            a_ += 4;
        }
    }
    if (d->flags & ARM_F_W) {
        W(d->rn, d->flags & ARM_F_DB ? base_ - 4 * n_ : base_ + 4 * n_);
    }
} SNEXT;

/* branches; imm is the target */
SEM(b)      JUMP(d->imm);
SEM(bcond)  JUMP(arm_cond_pass(cpu, d->amt) ? d->imm : NPC);
SEM(bl)     { W(14, NPC | 1); JUMP(d->imm); }
SEM(bx)     BXWRITE(RM);
SEM(blx)    { uint32_t t_ = RM; W(14, NPC | 1); BXWRITE(t_); }
SEM(cbz)    JUMP(RN == 0 ? d->imm : NPC);
SEM(cbnz)   JUMP(RN != 0 ? d->imm : NPC);
SEM(tbb)    { LOAD(uint8_t, RN + RM, 0, JUMP(PC + 4 + 2 * (uint32_t)v_)); }
SEM(tbh)    { LOAD(uint16_t, RN + 2 * RM, 0, JUMP(PC + 4 + 2 * (uint32_t)v_)); }
SEM(alu_pc) JUMP((d->imm + RM) & ~1u);

/* system */
SEM(mrs)    { W(RD, arm_mrs(cpu, d->imm)); } NEXT;
SEM(msr)    TERM_AFTER(arm_msr(cpu, d->imm, d->amt, RN));
SEM(cps)    TERM_AFTER(arm_cps(cpu, d));
SEM(svc)    TERM_AFTER(arm_svc(cpu));
SEM(bkpt)   TERM(arm_bkpt(cpu, d));
SEM(udf)    RAISE(ARM_EXC_USAGEFAULT, d->imm);
SEM(wfi)    TERM_AFTER(arm_wfi(cpu, false));
SEM(wfe)    TERM_AFTER(arm_wfi(cpu, true));
SEM(sev)    { cpu->event = true; } NEXT;
SEM(nop)    { } NEXT;
SEM(isb)    TERM_AFTER(ARM_NEXT);

/* made by decode */
SEM(setpc)  { cpu->r[15] = d->imm; } NEXT;
SEM(itcond) {
    if (!arm_cond_pass(cpu, d->amt)) {
        d += 2;
        DISPATCH;
    }
} NEXT;

#undef RD
#undef RN
#undef RM
#undef SETNZ
#undef LOGIC_I
#undef LOGIC_R
#undef ARITH
#undef OP2R
#undef BFMASK
#undef ROT
#undef P_S
#undef P_Q
#undef P_SH
#undef P_U
#undef P_UQ
#undef P_UH
#undef P_ADD8
#undef P_SUB8
#undef P_ADD16
#undef P_SUB16
#undef P_ASX
#undef P_SAX
#undef PAR
#undef PAR_
#undef SINT
#undef QSAT32
#undef SAD8
#undef HALF
#undef QFIT
#undef ACC64
#undef W64
#undef DUAL
#undef PROD64
#undef ADDR_I
#undef WB_I
#undef ADDR_R
#undef LD_T
#undef ST_T
#undef LD_I
#undef LD_R
#undef ST_I
#undef ST_R
#undef LDREX
#undef STREX
