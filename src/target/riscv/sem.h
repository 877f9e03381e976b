/* RISC-V instruction semantics, one entry per instruction of insns.def.
 * Only what each instruction does: the dispatcher (run.h) defines SEM,
 * NEXT and the accessors, and is free to change how it gets here.
 * Unprivileged ISA 20191213 ch. 2 (I), 5 (RV64I), 7 (M), 8 (A), 9 (Zicsr),
 * 11 (F), 12 (D); the arithmetic of F and D is in fpu.c.
 * SPDX-License-Identifier: MIT */

/* Provided by the includer: UX/SX (XLEN unsigned/signed), X(r), WX(r, v),
 * IMM (sign-extended), PC (this instruction), NPC (the next), JUMP(t),
 * LOAD(T, addr, use of v_), STORE(T, addr, val), TERM(call),
 * MEMCALL(call, use), RAISE(cause, tval), SX2/UX2 (double width), SX_MIN,
 * XLEN, and d (the decoded instruction). */

#define BRANCH(cond) JUMP((cond) ? (UX)(PC + IMM) : (UX)NPC)
#define RD d->rd
#define RS1 X(d->rs1)
#define RS2 X(d->rs2)
#define W32(v) ((SX)(int32_t)(v))      /* sign-extend a 32-bit result */

SEM(lui)    { WX(RD, IMM); } NEXT;
SEM(auipc)  { WX(RD, PC + IMM); } NEXT;
SEM(jal)    { UX t = PC + IMM; WX(RD, NPC); JUMP(t); }
SEM(jalr)   { UX t = (RS1 + IMM) & ~(UX)1; WX(RD, NPC); JUMP(t); }
SEM(beq)    BRANCH(RS1 == RS2);
SEM(bne)    BRANCH(RS1 != RS2);
SEM(blt)    BRANCH((SX)RS1 < (SX)RS2);
SEM(bge)    BRANCH((SX)RS1 >= (SX)RS2);
SEM(bltu)   BRANCH(RS1 < RS2);
SEM(bgeu)   BRANCH(RS1 >= RS2);

SEM(lb)     { LOAD(int8_t, RS1 + IMM, WX(RD, v_)); } NEXT;
SEM(lh)     { LOAD(int16_t, RS1 + IMM, WX(RD, v_)); } NEXT;
SEM(lw)     { LOAD(int32_t, RS1 + IMM, WX(RD, v_)); } NEXT;
SEM(ld)     { LOAD(int64_t, RS1 + IMM, WX(RD, v_)); } NEXT;
SEM(lbu)    { LOAD(uint8_t, RS1 + IMM, WX(RD, v_)); } NEXT;
SEM(lhu)    { LOAD(uint16_t, RS1 + IMM, WX(RD, v_)); } NEXT;
SEM(lwu)    { LOAD(uint32_t, RS1 + IMM, WX(RD, v_)); } NEXT;
SEM(sb)     { STORE(uint8_t, RS1 + IMM, RS2); } NEXT;
SEM(sh)     { STORE(uint16_t, RS1 + IMM, RS2); } NEXT;
SEM(sw)     { STORE(uint32_t, RS1 + IMM, RS2); } NEXT;
SEM(sd)     { STORE(uint64_t, RS1 + IMM, RS2); } NEXT;

SEM(addi)   { WX(RD, RS1 + IMM); } NEXT;
SEM(slti)   { WX(RD, (SX)RS1 < (SX)IMM); } NEXT;
SEM(sltiu)  { WX(RD, RS1 < (UX)IMM); } NEXT;
SEM(xori)   { WX(RD, RS1 ^ IMM); } NEXT;
SEM(ori)    { WX(RD, RS1 | IMM); } NEXT;
SEM(andi)   { WX(RD, RS1 & IMM); } NEXT;
SEM(slli)   { WX(RD, RS1 << d->imm); } NEXT;
SEM(srli)   { WX(RD, RS1 >> d->imm); } NEXT;
SEM(srai)   { WX(RD, (SX)RS1 >> d->imm); } NEXT;
SEM(add)    { WX(RD, RS1 + RS2); } NEXT;
SEM(sub)    { WX(RD, RS1 - RS2); } NEXT;
SEM(sll)    { WX(RD, RS1 << (RS2 & (XLEN - 1))); } NEXT;
SEM(slt)    { WX(RD, (SX)RS1 < (SX)RS2); } NEXT;
SEM(sltu)   { WX(RD, RS1 < RS2); } NEXT;
SEM(xor)    { WX(RD, RS1 ^ RS2); } NEXT;
SEM(srl)    { WX(RD, RS1 >> (RS2 & (XLEN - 1))); } NEXT;
SEM(sra)    { WX(RD, (SX)RS1 >> (RS2 & (XLEN - 1))); } NEXT;
SEM(or)     { WX(RD, RS1 | RS2); } NEXT;
SEM(and)    { WX(RD, RS1 & RS2); } NEXT;
SEM(fence)  { } NEXT;   /* one hart, memory accesses in order */
SEM(ecall)  TERM(rv_system(cpu, d));
SEM(ebreak) TERM(rv_system(cpu, d));

SEM(addiw)  { WX(RD, W32(RS1 + IMM)); } NEXT;
SEM(slliw)  { WX(RD, W32((uint32_t)RS1 << d->imm)); } NEXT;
SEM(srliw)  { WX(RD, W32((uint32_t)RS1 >> d->imm)); } NEXT;
SEM(sraiw)  { WX(RD, W32((int32_t)RS1 >> d->imm)); } NEXT;
SEM(addw)   { WX(RD, W32(RS1 + RS2)); } NEXT;
SEM(subw)   { WX(RD, W32(RS1 - RS2)); } NEXT;
SEM(sllw)   { WX(RD, W32((uint32_t)RS1 << (RS2 & 31))); } NEXT;
SEM(srlw)   { WX(RD, W32((uint32_t)RS1 >> (RS2 & 31))); } NEXT;
SEM(sraw)   { WX(RD, W32((int32_t)RS1 >> (RS2 & 31))); } NEXT;

SEM(fence_i) TERM(rv_system(cpu, d));
SEM(csrrw)  TERM(rv_csr_insn(cpu, d, 0, RS1, true));
SEM(csrrs)  TERM(rv_csr_insn(cpu, d, 1, RS1, d->rs1 != 0));
SEM(csrrc)  TERM(rv_csr_insn(cpu, d, 2, RS1, d->rs1 != 0));
SEM(csrrwi) TERM(rv_csr_insn(cpu, d, 0, d->rs1, true));
SEM(csrrsi) TERM(rv_csr_insn(cpu, d, 1, d->rs1, d->rs1 != 0));
SEM(csrrci) TERM(rv_csr_insn(cpu, d, 2, d->rs1, d->rs1 != 0));

/* M: division by zero and overflow give the spec's values (§7.2) */
SEM(mul)    { WX(RD, RS1 * RS2); } NEXT;
SEM(mulh)   { WX(RD, (UX)(((SX2)(SX)RS1 * (SX2)(SX)RS2) >> XLEN)); } NEXT;
SEM(mulhsu) { WX(RD, (UX)(((SX2)(SX)RS1 * (SX2)(UX2)RS2) >> XLEN)); } NEXT;
SEM(mulhu)  { WX(RD, (UX)(((UX2)RS1 * (UX2)RS2) >> XLEN)); } NEXT;
SEM(div)    {
    SX s1 = RS1, s2 = RS2;
    WX(RD, s2 == 0 ? (SX)-1 : (s2 == -1 && s1 == SX_MIN) ? s1 : s1 / s2);
} NEXT;
SEM(divu)   { UX s1 = RS1, s2 = RS2; WX(RD, s2 == 0 ? ~(UX)0 : s1 / s2); } NEXT;
SEM(rem)    {
    SX s1 = RS1, s2 = RS2;
    WX(RD, s2 == 0 ? s1 : (s2 == -1 && s1 == SX_MIN) ? 0 : s1 % s2);
} NEXT;
SEM(remu)   { UX s1 = RS1, s2 = RS2; WX(RD, s2 == 0 ? s1 : s1 % s2); } NEXT;
SEM(mulw)   { WX(RD, W32((uint32_t)RS1 * (uint32_t)RS2)); } NEXT;
SEM(divw)   {
    int32_t s1 = RS1, s2 = RS2;
    WX(RD, W32(s2 == 0 ? -1 : (s2 == -1 && s1 == INT32_MIN) ? s1 : s1 / s2));
} NEXT;
SEM(divuw)  {
    uint32_t s1 = RS1, s2 = RS2;
    WX(RD, W32(s2 == 0 ? UINT32_MAX : s1 / s2));
} NEXT;
SEM(remw)   {
    int32_t s1 = RS1, s2 = RS2;
    WX(RD, W32(s2 == 0 ? s1 : (s2 == -1 && s1 == INT32_MIN) ? 0 : s1 % s2));
} NEXT;
SEM(remuw)  {
    uint32_t s1 = RS1, s2 = RS2;
    WX(RD, W32(s2 == 0 ? s1 : s1 % s2));
} NEXT;

/* A: one hart runs at a time, so each AMO is atomic by construction */
SEM(lr_w)   { uint64_t v_ = 0; MEMCALL(rv_lr(cpu, RS1, 4, &v_, PC) ? RV_MEM_OK : RV_MEM_EXC, WX(RD, v_)); } NEXT;
SEM(sc_w)   { uint64_t v_ = 0; MEMCALL(rv_sc(cpu, RS1, 4, RS2, &v_, PC), WX(RD, v_)); } NEXT;
SEM(lr_d)   { uint64_t v_ = 0; MEMCALL(rv_lr(cpu, RS1, 8, &v_, PC) ? RV_MEM_OK : RV_MEM_EXC, WX(RD, v_)); } NEXT;
SEM(sc_d)   { uint64_t v_ = 0; MEMCALL(rv_sc(cpu, RS1, 8, RS2, &v_, PC), WX(RD, v_)); } NEXT;
#define AMO(name, size) \
    SEM(name) { \
        uint64_t v_ = 0; \
        MEMCALL(rv_amo(cpu, RV_OP_##name, RS1, size, RS2, &v_, PC), WX(RD, v_)); \
    } NEXT;
AMO(amoswap_w, 4) AMO(amoadd_w, 4) AMO(amoxor_w, 4) AMO(amoand_w, 4)
AMO(amoor_w, 4) AMO(amomin_w, 4) AMO(amomax_w, 4) AMO(amominu_w, 4)
AMO(amomaxu_w, 4)
AMO(amoswap_d, 8) AMO(amoadd_d, 8) AMO(amoxor_d, 8) AMO(amoand_d, 8)
AMO(amoor_d, 8) AMO(amomin_d, 8) AMO(amomax_d, 8) AMO(amominu_d, 8)
AMO(amomaxu_d, 8)
#undef AMO

/* F and D. FP(body) and FP_RM(body) trap when mstatus.FS is Off (§3.1.6.6);
 * FP_RM resolves the rounding mode (7: frm) into fp_.rm, trapping on a
 * reserved one (§11.2). Flags raised in fp_ accrue in fflags; a write to
 * an f register or fflags makes FS Dirty. */
#define FP_ON() do { \
        if (RV_UNLIKELY(!(cpu->mstatus & RV_MS_FS))) { \
            RAISE(RV_EXC_ILLEGAL, d->raw); \
        } \
    } while (0)
#define FP_END() do { \
        if (fp_.flags) { \
            cpu->fflags |= fp_.flags; \
            cpu->mstatus |= RV_MS_FS; \
        } \
    } while (0)
#define FP(body) { FP_ON(); RvFp fp_ = { RV_RM_RNE, 0 }; body; FP_END(); } NEXT;
#define FP_RM(body) { \
        FP_ON(); \
        RvFp fp_ = { (unsigned)d->imm & 7, 0 }; \
        if (fp_.rm == RV_RM_DYN) { \
            fp_.rm = cpu->frm; \
        } \
        if (RV_UNLIKELY(fp_.rm > RV_RM_RMM)) { \
            RAISE(RV_EXC_ILLEGAL, d->raw); \
        } \
        body; \
        FP_END(); \
    } NEXT;
#define WF(r, v) (cpu->f[r] = (v), cpu->mstatus |= RV_MS_FS)
#define S1 rv_unbox_s(cpu->f[d->rs1])
#define S2 rv_unbox_s(cpu->f[d->rs2])
#define S3 rv_unbox_s(cpu->f[(unsigned)d->imm >> 3])
#define D1 cpu->f[d->rs1]
#define D2 cpu->f[d->rs2]
#define D3 cpu->f[(unsigned)d->imm >> 3]
#define WS(v) WF(RD, RV_BOX_S(v))
#define WD(v) WF(RD, v)
#define SGN_S 0x80000000u
#define SGN_D (1ull << 63)
#define S RV_FP_S
#define D RV_FP_D

SEM(flw)       { FP_ON(); LOAD(uint32_t, RS1 + IMM, WS(v_)); } NEXT;
SEM(fsw)       { FP_ON(); STORE(uint32_t, RS1 + IMM, cpu->f[d->rs2]); } NEXT;
SEM(fmadd_s)   FP_RM(WS(rv_fp_fma(&fp_, S, S1, S2, S3)))
SEM(fmsub_s)   FP_RM(WS(rv_fp_fma(&fp_, S, S1, S2, S3 ^ SGN_S)))
SEM(fnmsub_s)  FP_RM(WS(rv_fp_fma(&fp_, S, S1 ^ SGN_S, S2, S3)))
SEM(fnmadd_s)  FP_RM(WS(rv_fp_fma(&fp_, S, S1 ^ SGN_S, S2, S3 ^ SGN_S)))
SEM(fadd_s)    FP_RM(WS(rv_fp_add(&fp_, S, S1, S2)))
SEM(fsub_s)    FP_RM(WS(rv_fp_sub(&fp_, S, S1, S2)))
SEM(fmul_s)    FP_RM(WS(rv_fp_mul(&fp_, S, S1, S2)))
SEM(fdiv_s)    FP_RM(WS(rv_fp_div(&fp_, S, S1, S2)))
SEM(fsqrt_s)   FP_RM(WS(rv_fp_sqrt(&fp_, S, S1)))
SEM(fsgnj_s)   FP(WS((S1 & ~SGN_S) | (S2 & SGN_S)))
SEM(fsgnjn_s)  FP(WS((S1 & ~SGN_S) | (~S2 & SGN_S)))
SEM(fsgnjx_s)  FP(WS(S1 ^ (S2 & SGN_S)))
SEM(fmin_s)    FP(WS(rv_fp_minmax(&fp_, S, S1, S2, false)))
SEM(fmax_s)    FP(WS(rv_fp_minmax(&fp_, S, S1, S2, true)))
SEM(fcvt_w_s)  FP_RM(WX(RD, rv_fp_to_int(&fp_, S, S1, 32, true)))
SEM(fcvt_wu_s) FP_RM(WX(RD, rv_fp_to_int(&fp_, S, S1, 32, false)))
SEM(fcvt_l_s)  FP_RM(WX(RD, rv_fp_to_int(&fp_, S, S1, 64, true)))
SEM(fcvt_lu_s) FP_RM(WX(RD, rv_fp_to_int(&fp_, S, S1, 64, false)))
SEM(fmv_x_w)   FP(WX(RD, W32(cpu->f[d->rs1])))    /* the bits, boxed or not */
SEM(feq_s)     FP(WX(RD, rv_fp_cmp(&fp_, S, S1, S2, 0)))
SEM(flt_s)     FP(WX(RD, rv_fp_cmp(&fp_, S, S1, S2, 1)))
SEM(fle_s)     FP(WX(RD, rv_fp_cmp(&fp_, S, S1, S2, 2)))
SEM(fclass_s)  FP(WX(RD, rv_fp_class(S, S1)))
SEM(fcvt_s_w)  FP_RM(WS(rv_fp_from_int(&fp_, S, RS1, 32, true)))
SEM(fcvt_s_wu) FP_RM(WS(rv_fp_from_int(&fp_, S, RS1, 32, false)))
SEM(fcvt_s_l)  FP_RM(WS(rv_fp_from_int(&fp_, S, RS1, 64, true)))
SEM(fcvt_s_lu) FP_RM(WS(rv_fp_from_int(&fp_, S, RS1, 64, false)))
SEM(fmv_w_x)   FP(WS(RS1))

#if XLEN == 64
SEM(fld)       { FP_ON(); LOAD(uint64_t, RS1 + IMM, WD((uint64_t)v_)); } NEXT;
#else
SEM(fld)       {
    FP_ON();
    uint32_t lo_ = 0;
    UX fa_ = RS1 + IMM;
    LOAD(uint32_t, fa_, lo_ = (uint32_t)v_);
    LOAD(uint32_t, fa_ + 4, WD((uint64_t)(uint32_t)v_ << 32 | lo_));
} NEXT;
#endif
SEM(fsd)       { FP_ON(); STORE(uint64_t, RS1 + IMM, cpu->f[d->rs2]); } NEXT;
SEM(fmadd_d)   FP_RM(WD(rv_fp_fma(&fp_, D, D1, D2, D3)))
SEM(fmsub_d)   FP_RM(WD(rv_fp_fma(&fp_, D, D1, D2, D3 ^ SGN_D)))
SEM(fnmsub_d)  FP_RM(WD(rv_fp_fma(&fp_, D, D1 ^ SGN_D, D2, D3)))
SEM(fnmadd_d)  FP_RM(WD(rv_fp_fma(&fp_, D, D1 ^ SGN_D, D2, D3 ^ SGN_D)))
SEM(fadd_d)    FP_RM(WD(rv_fp_add(&fp_, D, D1, D2)))
SEM(fsub_d)    FP_RM(WD(rv_fp_sub(&fp_, D, D1, D2)))
SEM(fmul_d)    FP_RM(WD(rv_fp_mul(&fp_, D, D1, D2)))
SEM(fdiv_d)    FP_RM(WD(rv_fp_div(&fp_, D, D1, D2)))
SEM(fsqrt_d)   FP_RM(WD(rv_fp_sqrt(&fp_, D, D1)))
SEM(fsgnj_d)   FP(WD((D1 & ~SGN_D) | (D2 & SGN_D)))
SEM(fsgnjn_d)  FP(WD((D1 & ~SGN_D) | (~D2 & SGN_D)))
SEM(fsgnjx_d)  FP(WD(D1 ^ (D2 & SGN_D)))
SEM(fmin_d)    FP(WD(rv_fp_minmax(&fp_, D, D1, D2, false)))
SEM(fmax_d)    FP(WD(rv_fp_minmax(&fp_, D, D1, D2, true)))
SEM(fcvt_s_d)  FP_RM(WS(rv_fp_cvt(&fp_, S, D, D1)))
SEM(fcvt_d_s)  FP_RM(WD(rv_fp_cvt(&fp_, D, S, S1)))
SEM(feq_d)     FP(WX(RD, rv_fp_cmp(&fp_, D, D1, D2, 0)))
SEM(flt_d)     FP(WX(RD, rv_fp_cmp(&fp_, D, D1, D2, 1)))
SEM(fle_d)     FP(WX(RD, rv_fp_cmp(&fp_, D, D1, D2, 2)))
SEM(fclass_d)  FP(WX(RD, rv_fp_class(D, D1)))
SEM(fcvt_w_d)  FP_RM(WX(RD, rv_fp_to_int(&fp_, D, D1, 32, true)))
SEM(fcvt_wu_d) FP_RM(WX(RD, rv_fp_to_int(&fp_, D, D1, 32, false)))
SEM(fcvt_l_d)  FP_RM(WX(RD, rv_fp_to_int(&fp_, D, D1, 64, true)))
SEM(fcvt_lu_d) FP_RM(WX(RD, rv_fp_to_int(&fp_, D, D1, 64, false)))
SEM(fmv_x_d)   FP(WX(RD, cpu->f[d->rs1]))
SEM(fcvt_d_w)  FP_RM(WD(rv_fp_from_int(&fp_, D, RS1, 32, true)))
SEM(fcvt_d_wu) FP_RM(WD(rv_fp_from_int(&fp_, D, RS1, 32, false)))
SEM(fcvt_d_l)  FP_RM(WD(rv_fp_from_int(&fp_, D, RS1, 64, true)))
SEM(fcvt_d_lu) FP_RM(WD(rv_fp_from_int(&fp_, D, RS1, 64, false)))
SEM(fmv_d_x)   FP(WD(RS1))

#undef FP_ON
#undef FP_END
#undef FP
#undef FP_RM
#undef WF
#undef S1
#undef S2
#undef S3
#undef D1
#undef D2
#undef D3
#undef WS
#undef WD
#undef SGN_S
#undef SGN_D
#undef S
#undef D

SEM(sret)       TERM(rv_system(cpu, d));
SEM(mret)       TERM(rv_system(cpu, d));
SEM(wfi)        TERM(rv_system(cpu, d));
SEM(sfence_vma) TERM(rv_system(cpu, d));

SEM(illegal)    RAISE(RV_EXC_ILLEGAL, d->raw);

#undef BRANCH
#undef RD
#undef RS1
#undef RS2
#undef W32
