/* RISC-V instruction semantics, one entry per instruction of insns.def.
 * Only what each instruction does: the dispatcher (run.h) defines SEM,
 * NEXT and the accessors, and is free to change how it gets here.
 * Unprivileged ISA 20191213 ch. 2 (I), 5 (RV64I), 7 (M), 8 (A), 9 (Zicsr).
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
