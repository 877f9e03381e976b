/* Thumb instruction semantics, one entry per operation of insns.def. Only
 * what each does: the dispatcher (exec.c, run.h) defines SEM, NEXT and the
 * accessors, and is free to change how it gets here.
 * DDI 0403E ch. A7 (operations), A2.2-A2.3 (shifts, flags), A3.4
 * (exclusives).
 * SPDX-License-Identifier: MIT */

/* Provided by the includer: R(n), W(n, v), PC, NPC, JUMP(t), BXWRITE(v),
 * LOAD(T, addr, strict, use of v_), STORE(T, addr, val, strict),
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

/* loads and stores */
#define ADDR_I (d->flags & ARM_F_P ? RN + d->imm : RN)
#define WB_I do { if (d->flags & ARM_F_W) { W(d->rn, RN + d->imm); } } while (0)
#define ADDR_R (RN + (RM << d->amt))
#define LD_I(T) { uint32_t a_ = ADDR_I; \
        LOAD(T, a_, false, { WB_I; W(RD, (uint32_t)v_); }); } NEXT
#define LD_R(T) { uint32_t a_ = ADDR_R; \
        LOAD(T, a_, false, W(RD, (uint32_t)v_)); } NEXT
#define ST_I(T) { uint32_t a_ = ADDR_I; STORE(T, a_, R(RD), false); WB_I; } SNEXT
#define ST_R(T) { uint32_t a_ = ADDR_R; STORE(T, a_, R(RD), false); } SNEXT

SEM(ldr_i) {
    uint32_t a_ = ADDR_I;
    LOAD(uint32_t, a_, false, {
        WB_I;
        if (RD == 15) {
            BXWRITE((uint32_t)v_);
        }
        W(RD, (uint32_t)v_);
    });
} NEXT;
SEM(ldr_r) {
    uint32_t a_ = ADDR_R;
    LOAD(uint32_t, a_, false, {
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
SEM(ldrd) {
    uint32_t a_ = ADDR_I, lo_;
    LOAD(uint32_t, a_, true, lo_ = (uint32_t)v_);
    LOAD(uint32_t, a_ + 4, true, { WB_I; W(RD, lo_); W(d->ra, (uint32_t)v_); });
} NEXT;
SEM(strd) {
    uint32_t a_ = ADDR_I;
    STORE(uint32_t, a_, R(RD), true);
    STORE(uint32_t, a_ + 4, R(d->ra), true);
    WB_I;
} SNEXT;
#define LDREX(T) { uint32_t a_ = RN + d->imm; \
        LOAD(T, a_, true, { W(RD, (uint32_t)v_); \
                            cpu->excl_valid = true; cpu->excl_addr = a_; }); } NEXT
#define STREX(T) { uint32_t a_ = RN + d->imm; \
        if (cpu->excl_valid && cpu->excl_addr == a_) { \
            STORE(T, a_, RM, true); \
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
            LOAD(uint32_t, a_, true, vals_[i_] = (uint32_t)v_);
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
            STORE(uint32_t, a_, R(i_), true);
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
SEM(tbb)    { LOAD(uint8_t, RN + RM, false, JUMP(PC + 4 + 2 * (uint32_t)v_)); }
SEM(tbh)    { LOAD(uint16_t, RN + 2 * RM, false, JUMP(PC + 4 + 2 * (uint32_t)v_)); }
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
#undef ADDR_I
#undef WB_I
#undef ADDR_R
#undef LD_I
#undef LD_R
#undef ST_I
#undef ST_R
#undef LDREX
#undef STREX
