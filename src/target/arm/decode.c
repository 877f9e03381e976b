/* Thumb decode: the 16-bit (DDI 0403E §A5.2) and 32-bit (§A5.3) encodings
 * of ARMv7-M onto the operations of insns.def; ARMv6-M (DDI 0419 §A5.2)
 * is the subset without CBZ/CBNZ/IT and with only BL, MSR, MRS, DMB, DSB,
 * ISB among 32-bit encodings; the DSP extension (ARMv7E-M, A5.3.11-A5.3.17)
 * only with ARM_FEAT_DSP. What a model lacks decodes as UDF (UsageFault
 * UNDEFINSTR; HardFault on v6-M). IT blocks: 16-bit instructions inside
 * one do not set flags (their conditions are applied by the block builder).
 * SPDX-License-Identifier: MIT */
#include "target/arm/cpu.h"

enum { JMP = 1, SYS = 2, PSEUDO = 4 };

static const struct { const char *name; uint8_t flags; } op_defs[] = {
#define INSN(n, fl) { #n, fl },
#include "target/arm/insns.def"
#undef INSN
};
#define NDEFS (sizeof(op_defs) / sizeof(op_defs[0]))

const char *arm_op_name(unsigned op)
{
    return op < NDEFS ? op_defs[op].name : "end";
}

int arm_op_ends_block(unsigned op)
{
    if (op >= NDEFS) {
        return 2;
    }
    return op_defs[op].flags & SYS ? 2 : op_defs[op].flags & JMP ? 1 : 0;
}

typedef struct Ctx {
    ArmInsn *d;
    uint32_t pc;
    unsigned it;
    unsigned feat;
    uint32_t pcread;
    unsigned *newit;
} Ctx;

static int32_t sext(uint32_t v, unsigned bits)
{
    return (int32_t)(v << (32 - bits)) >> (32 - bits);
}

static bool in_it(const Ctx *c)
{
    return (c->it & 0xf) != 0;
}

/* a source register: reading r15 gives PC + 4 (A5.1.2) */
static unsigned src(Ctx *c, unsigned r)
{
    if (r == 15) {
        c->pcread = c->pc + 4;
    }
    return r;
}

/* a literal base: Align(PC, 4) */
static unsigned lit(Ctx *c)
{
    c->pcread = (c->pc & ~3u) + 4;
    return 15;
}

static void op3(Ctx *c, ArmOp op, unsigned rd, unsigned rn, unsigned rm)
{
    c->d->op = op;
    c->d->rd = rd;
    c->d->rn = rn;
    c->d->rm = rm;
}

static void undef(Ctx *c, uint32_t cfsr)
{
    *c->d = (ArmInsn){ .op = ARM_OP_udf, .imm = cfsr };
}

/* A DSP instruction (ARMv7E-M) with these registers (0 for unused ones)
 * decodes on a model with the extension; elsewhere it is UNDEFINED, and so
 * is one that names the PC (UNPREDICTABLE). Fills op and the registers. */
static bool dsp(Ctx *c, ArmOp op, unsigned rd, unsigned rn, unsigned rm,
                unsigned ra)
{
    if (!(c->feat & ARM_FEAT_DSP) || rd == 15 || rn == 15 || rm == 15 ||
        ra == 15) {
        undef(c, ARM_CFSR_UNDEFINSTR);
        return false;
    }
    op3(c, op, rd, rn, rm);
    c->d->ra = (uint8_t)ra;
    return true;
}

/* ThumbExpandImm_C (A5.3.2): the value; flags say whether C changes */
static void expand_imm(Ctx *c, uint32_t imm12)
{
    uint32_t v = imm12 & 0xff;
    if (!(imm12 & 0xc00)) {
        switch ((imm12 >> 8) & 3) {
        case 1: v = v | v << 16; break;
        case 2: v = v << 8 | v << 24; break;
        case 3: v = v | v << 8 | v << 16 | v << 24; break;
        default: break;
        }
        c->d->imm = v;
        return;
    }
    uint32_t un = 0x80 | (imm12 & 0x7f);
    unsigned rot = (imm12 >> 7) & 31;
    v = un >> rot | un << (32 - rot);
    c->d->imm = v;
    c->d->flags |= ARM_F_CSET | (v >> 31 ? ARM_F_CVAL : 0);
}

/* DecodeImmShift (A7.4.2) */
static void imm_shift(Ctx *c, unsigned type, unsigned imm5)
{
    c->d->shift = (uint8_t)type;
    c->d->amt = (uint8_t)imm5;
    if ((type == ARM_SH_LSR || type == ARM_SH_ASR) && imm5 == 0) {
        c->d->amt = 32;
    } else if (type == ARM_SH_ROR && imm5 == 0) {
        c->d->shift = ARM_SH_RRX;
        c->d->amt = 1;
    }
}

static void ldst(Ctx *c, ArmOp op, unsigned rt, unsigned rn, int32_t off,
                 unsigned flags)
{
    op3(c, op, rt, rn == 15 ? lit(c) : rn, 0);
    c->d->imm = (uint32_t)off;
    c->d->flags = (uint8_t)flags;
}

/* ---- 16-bit ------------------------------------------------------------ */

static void dec16(Ctx *c, uint16_t hw)
{
    ArmInsn *d = c->d;
    bool s = !in_it(c);
    unsigned r0 = hw & 7, r3 = (hw >> 3) & 7, r6 = (hw >> 6) & 7;
    unsigned r8 = (hw >> 8) & 7, imm8 = hw & 0xff;
    static const ArmOp dp_ops[16] = {
        ARM_OP_and_r, ARM_OP_eor_r, ARM_OP_shift_rr, ARM_OP_shift_rr,
        ARM_OP_shift_rr, ARM_OP_adc_r, ARM_OP_sbc_r, ARM_OP_shift_rr,
        ARM_OP_and_r, ARM_OP_rsb_i, ARM_OP_sub_r, ARM_OP_add_r,
        ARM_OP_orr_r, ARM_OP_mul, ARM_OP_bic_r, ARM_OP_mvn_r,
    };
    static const ArmOp reg_ls[8] = {
        ARM_OP_str_r, ARM_OP_strh_r, ARM_OP_strb_r, ARM_OP_ldrsb_r,
        ARM_OP_ldr_r, ARM_OP_ldrh_r, ARM_OP_ldrb_r, ARM_OP_ldrsh_r,
    };

    switch (hw >> 12) {
    case 0x0:
    case 0x1: {
        unsigned opc = (hw >> 9) & 0x1f;
        if (opc < 12) {                          /* LSL/LSR/ASR #imm, MOVS */
            op3(c, ARM_OP_mov_r, r0, 0, r3);
            imm_shift(c, (hw >> 11) & 3, (hw >> 6) & 31);
            d->s = s;
        } else if (opc < 14) {                   /* ADD/SUB (register) */
            op3(c, opc == 12 ? ARM_OP_add_r : ARM_OP_sub_r, r0, r3, r6);
            d->s = s;
        } else {                                 /* ADD/SUB #imm3 */
            op3(c, opc == 14 ? ARM_OP_add_i : ARM_OP_sub_i, r0, r3, 0);
            d->imm = r6;
            d->s = s;
        }
        return;
    }
    case 0x2:
    case 0x3:
        switch ((hw >> 11) & 3) {
        case 0: op3(c, ARM_OP_mov_i, r8, 0, 0); d->s = s; break;
        case 1: op3(c, ARM_OP_sub_i, ARM_REG_SINK, r8, 0); d->s = 1; break;
        case 2: op3(c, ARM_OP_add_i, r8, r8, 0); d->s = s; break;
        default: op3(c, ARM_OP_sub_i, r8, r8, 0); d->s = s; break;
        }
        d->imm = imm8;
        return;
    case 0x4:
        if ((hw & 0xfc00) == 0x4000) {           /* data processing */
            unsigned opc = (hw >> 6) & 0xf;
            op3(c, dp_ops[opc], r0, r0, r3);
            d->s = s;
            switch (opc) {
            case 2: d->shift = ARM_SH_LSL; break;
            case 3: d->shift = ARM_SH_LSR; break;
            case 4: d->shift = ARM_SH_ASR; break;
            case 7: d->shift = ARM_SH_ROR; break;
            case 8: case 10: case 11: d->rd = ARM_REG_SINK; d->s = 1; break;
            case 9: d->rn = r3; d->imm = 0; break;          /* RSBS #0 */
            case 13: d->rn = r3; d->rm = r0; break;         /* MULS */
            case 15: d->rn = 0; break;
            default: break;
            }
            return;
        }
        if ((hw & 0xfc00) == 0x4400) {           /* special data, BX */
            unsigned rdn = ((hw >> 4) & 8) | r0, rm = (hw >> 3) & 15;
            switch ((hw >> 8) & 3) {
            case 0:
                if (rdn == 15) {
                    op3(c, ARM_OP_alu_pc, 0, 0, src(c, rm));
                    d->imm = c->pc + 4;
                } else {
                    op3(c, ARM_OP_add_r, rdn, src(c, rdn), src(c, rm));
                }
                return;
            case 1:
                op3(c, ARM_OP_sub_r, ARM_REG_SINK, src(c, rdn), src(c, rm));
                d->s = 1;
                return;
            case 2:
                if (rdn == 15) {
                    op3(c, ARM_OP_alu_pc, 0, 0, src(c, rm));
                } else {
                    op3(c, ARM_OP_mov_r, rdn, 0, src(c, rm));
                }
                return;
            default:
                if (hw & 7) {
                    undef(c, ARM_CFSR_UNDEFINSTR);
                } else if (hw & 0x80) {
                    if (rm == 15) {
                        undef(c, ARM_CFSR_UNDEFINSTR);
                    } else {
                        op3(c, ARM_OP_blx, 0, 0, rm);
                    }
                } else {
                    op3(c, ARM_OP_bx, 0, 0, src(c, rm));
                }
                return;
            }
        }
        ldst(c, ARM_OP_ldr_i, r8, 15, (int32_t)(imm8 << 2), ARM_F_P);
        return;
    case 0x5:
        op3(c, reg_ls[(hw >> 9) & 7], r0, r3, r6);
        return;
    case 0x6:
        ldst(c, hw & 0x800 ? ARM_OP_ldr_i : ARM_OP_str_i, r0, r3,
             (int32_t)(((hw >> 6) & 31) << 2), ARM_F_P);
        return;
    case 0x7:
        ldst(c, hw & 0x800 ? ARM_OP_ldrb_i : ARM_OP_strb_i, r0, r3,
             (int32_t)((hw >> 6) & 31), ARM_F_P);
        return;
    case 0x8:
        ldst(c, hw & 0x800 ? ARM_OP_ldrh_i : ARM_OP_strh_i, r0, r3,
             (int32_t)(((hw >> 6) & 31) << 1), ARM_F_P);
        return;
    case 0x9:
        ldst(c, hw & 0x800 ? ARM_OP_ldr_i : ARM_OP_str_i, r8, 13,
             (int32_t)(imm8 << 2), ARM_F_P);
        return;
    case 0xa:
        if (hw & 0x800) {                        /* ADD Rd, SP, #imm */
            op3(c, ARM_OP_add_i, r8, 13, 0);
        } else {                                 /* ADR */
            op3(c, ARM_OP_mov_i, r8, 0, 0);
            d->imm = (c->pc & ~3u) + 4;
        }
        d->imm += imm8 << 2;
        return;
    case 0xb:
        if ((hw & 0xff00) == 0xb000) {           /* ADD/SUB SP, SP, #imm */
            op3(c, hw & 0x80 ? ARM_OP_sub_i : ARM_OP_add_i, 13, 13, 0);
            d->imm = (hw & 0x7f) << 2;
        } else if ((hw & 0xf500) == 0xb100) {    /* CBZ, CBNZ */
            if (!(c->feat & ARM_FEAT_V7) || in_it(c)) {
                undef(c, ARM_CFSR_UNDEFINSTR);
                return;
            }
            op3(c, hw & 0x800 ? ARM_OP_cbnz : ARM_OP_cbz, 0, r0, 0);
            d->imm = c->pc + 4 + (((hw >> 3) & 0x40) | ((hw >> 2) & 0x3e));
        } else if ((hw & 0xff00) == 0xb200) {    /* SXTH SXTB UXTH UXTB */
            static const ArmOp ext[4] = { ARM_OP_sxth, ARM_OP_sxtb,
                                          ARM_OP_uxth, ARM_OP_uxtb };
            op3(c, ext[(hw >> 6) & 3], r0, 0, r3);
        } else if ((hw & 0xfe00) == 0xb400) {    /* PUSH */
            op3(c, ARM_OP_stm, 0, 13, 0);
            d->imm = imm8 | ((hw & 0x100u) << 6);
            d->flags = ARM_F_W | ARM_F_DB;
        } else if ((hw & 0xffe8) == 0xb660) {    /* CPS */
            if (!(c->feat & ARM_FEAT_V7) && (hw & 7) != 2) {
                undef(c, ARM_CFSR_UNDEFINSTR);
                return;
            }
            op3(c, ARM_OP_cps, 0, 0, 0);
            d->imm = hw & 0x1f;
        } else if ((hw & 0xff00) == 0xba00 && ((hw >> 6) & 3) != 2) {
            static const ArmOp rev[4] = { ARM_OP_rev, ARM_OP_rev16,
                                          ARM_OP_udf, ARM_OP_revsh };
            op3(c, rev[(hw >> 6) & 3], r0, 0, r3);
        } else if ((hw & 0xfe00) == 0xbc00) {    /* POP */
            op3(c, ARM_OP_ldm, 0, 13, 0);
            d->imm = imm8 | ((hw & 0x100u) << 7);
            d->flags = ARM_F_W;
        } else if ((hw & 0xff00) == 0xbe00) {    /* BKPT */
            op3(c, ARM_OP_bkpt, 0, 0, 0);
            d->imm = imm8;
        } else if ((hw & 0xff00) == 0xbf00 && (hw & 0xf)) {   /* IT */
            if (!(c->feat & ARM_FEAT_V7) || in_it(c) ||
                (hw & 0xf0) == 0xf0) {
                undef(c, ARM_CFSR_UNDEFINSTR);
                return;
            }
            op3(c, ARM_OP_nop, 0, 0, 0);
            *c->newit = hw & 0xff;
        } else if ((hw & 0xff00) == 0xbf00) {    /* hints */
            switch ((hw >> 4) & 0xf) {
            case 2: op3(c, ARM_OP_wfe, 0, 0, 0); break;
            case 3: op3(c, ARM_OP_wfi, 0, 0, 0); break;
            case 4: op3(c, ARM_OP_sev, 0, 0, 0); break;
            default: op3(c, ARM_OP_nop, 0, 0, 0); break;
            }
        } else {
            undef(c, ARM_CFSR_UNDEFINSTR);
        }
        return;
    case 0xc: {                                  /* LDM, STM */
        bool load = hw & 0x800;
        op3(c, load ? ARM_OP_ldm : ARM_OP_stm, 0, r8, 0);
        d->imm = imm8;
        d->flags = !load || !(imm8 & (1u << r8)) ? ARM_F_W : 0;
        if (!imm8) {
            undef(c, ARM_CFSR_UNDEFINSTR);
        }
        return;
    }
    case 0xd: {
        unsigned cond = (hw >> 8) & 0xf;
        if (cond == 0xe) {
            undef(c, ARM_CFSR_UNDEFINSTR);        /* UDF */
        } else if (cond == 0xf) {
            op3(c, ARM_OP_svc, 0, 0, 0);
            d->imm = imm8;
        } else if (in_it(c)) {
            undef(c, ARM_CFSR_UNDEFINSTR);
        } else {
            op3(c, ARM_OP_bcond, 0, 0, 0);
            d->amt = (uint8_t)cond;
            d->imm = c->pc + 4 + (uint32_t)sext(imm8 << 1, 9);
        }
        return;
    }
    case 0xe:
        op3(c, ARM_OP_b, 0, 0, 0);
        d->imm = c->pc + 4 + (uint32_t)sext((hw & 0x7ffu) << 1, 12);
        return;
    default:
        undef(c, ARM_CFSR_UNDEFINSTR);
        return;
    }
}

/* ---- 32-bit ------------------------------------------------------------ */

/* data processing: op is the 4-bit opcode of A5.3.1/A5.3.11 */
static void dp32(Ctx *c, unsigned op, bool s, unsigned rn, unsigned rd,
                 bool imm)
{
    static const ArmOp ops[16][2] = {
        [0] = { ARM_OP_and_r, ARM_OP_and_i },
        [1] = { ARM_OP_bic_r, ARM_OP_bic_i },
        [2] = { ARM_OP_orr_r, ARM_OP_orr_i },
        [3] = { ARM_OP_orn_r, ARM_OP_orn_i },
        [4] = { ARM_OP_eor_r, ARM_OP_eor_i },
        [8] = { ARM_OP_add_r, ARM_OP_add_i },
        [10] = { ARM_OP_adc_r, ARM_OP_adc_i },
        [11] = { ARM_OP_sbc_r, ARM_OP_sbc_i },
        [13] = { ARM_OP_sub_r, ARM_OP_sub_i },
        [14] = { ARM_OP_rsb_r, ARM_OP_rsb_i },
    };
    ArmInsn *d = c->d;
    ArmOp o = ops[op][imm];
    if (!o && op != 0) {
        undef(c, ARM_CFSR_UNDEFINSTR);
        return;
    }
    d->op = o;
    d->s = s;
    d->rn = rn;
    d->rd = rd;
    if ((op == 2 || op == 3) && rn == 15) {      /* MOV, MVN */
        d->op = op == 2 ? (imm ? ARM_OP_mov_i : ARM_OP_mov_r)
                        : (imm ? ARM_OP_mvn_i : ARM_OP_mvn_r);
        d->rn = 0;
    } else if (rn == 15) {
        undef(c, ARM_CFSR_UNDEFINSTR);
        return;
    }
    if (rd == 15) {
        if (s && (op == 0 || op == 4 || op == 8 || op == 13)) {
            d->rd = ARM_REG_SINK;                /* TST TEQ CMN CMP */
        } else {
            undef(c, ARM_CFSR_UNDEFINSTR);
        }
    }
}

static void dec32(Ctx *c, uint16_t hw1, uint16_t hw2)
{
    ArmInsn *d = c->d;
    unsigned rn = hw1 & 0xf, rd8 = (hw2 >> 8) & 0xf, rt12 = hw2 >> 12;
    unsigned rm = hw2 & 0xf;
    bool v7 = c->feat & ARM_FEAT_V7;

    /* branches and miscellaneous control (A5.3.4): also in v6-M */
    if ((hw1 & 0xf800) == 0xf000 && (hw2 & 0x8000)) {
        unsigned op1 = (hw2 >> 12) & 7, op = (hw1 >> 4) & 0x7f;
        uint32_t s = (hw1 >> 10) & 1, j1 = (hw2 >> 13) & 1, j2 = (hw2 >> 11) & 1;
        if ((op1 & 5) == 5) {                    /* BL */
            uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
            uint32_t off = s << 24 | i1 << 23 | i2 << 22 |
                           (hw1 & 0x3ffu) << 12 | (hw2 & 0x7ffu) << 1;
            op3(c, ARM_OP_bl, 0, 0, 0);
            d->imm = c->pc + 4 + (uint32_t)sext(off, 25);
            return;
        }
        if ((op1 & 5) == 1 && v7) {              /* B.W */
            uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
            uint32_t off = s << 24 | i1 << 23 | i2 << 22 |
                           (hw1 & 0x3ffu) << 12 | (hw2 & 0x7ffu) << 1;
            op3(c, ARM_OP_b, 0, 0, 0);
            d->imm = c->pc + 4 + (uint32_t)sext(off, 25);
            return;
        }
        if ((op1 & 5) != 0) {
            undef(c, ARM_CFSR_UNDEFINSTR);
            return;
        }
        if ((op & 0x38) != 0x38) {               /* B<c>.W */
            if (!v7 || in_it(c)) {
                undef(c, ARM_CFSR_UNDEFINSTR);
                return;
            }
            uint32_t off = s << 20 | j2 << 19 | j1 << 18 |
                           (hw1 & 0x3fu) << 12 | (hw2 & 0x7ffu) << 1;
            op3(c, ARM_OP_bcond, 0, 0, 0);
            d->amt = (hw1 >> 6) & 0xf;
            d->imm = c->pc + 4 + (uint32_t)sext(off, 21);
            return;
        }
        switch (op) {
        case 0x38: case 0x39:                    /* MSR */
            op3(c, ARM_OP_msr, 0, rn, 0);
            d->imm = hw2 & 0xff;
            d->amt = (hw2 >> 10) & 3;
            return;
        case 0x3a:                               /* hints */
            if (!v7) {
                break;
            }
            switch (hw2 & 0xff) {
            case 2: op3(c, ARM_OP_wfe, 0, 0, 0); return;
            case 3: op3(c, ARM_OP_wfi, 0, 0, 0); return;
            case 4: op3(c, ARM_OP_sev, 0, 0, 0); return;
            default: op3(c, ARM_OP_nop, 0, 0, 0); return;
            }
        case 0x3b:                               /* barriers, CLREX */
            switch ((hw2 >> 4) & 0xf) {
            case 2: if (v7) { op3(c, ARM_OP_clrex, 0, 0, 0); return; } break;
            case 4: case 6: op3(c, ARM_OP_isb, 0, 0, 0); return;
            case 5: op3(c, ARM_OP_nop, 0, 0, 0); return;
            default: break;
            }
            break;
        case 0x3e: case 0x3f:                    /* MRS */
            op3(c, ARM_OP_mrs, rd8, 0, 0);
            d->imm = hw2 & 0xff;
            return;
        default:
            break;
        }
        undef(c, ARM_CFSR_UNDEFINSTR);
        return;
    }
    if (!v7) {
        undef(c, ARM_CFSR_UNDEFINSTR);
        return;
    }

    if ((hw1 & 0xfe40) == 0xe800) {              /* LDM, STM (A5.3.5) */
        unsigned op = (hw1 >> 7) & 3;
        bool load = hw1 & 0x10;
        if ((op != 1 && op != 2) || rn == 15 || (hw2 & 0x2000) ||
            (!load && (hw2 & 0x8000)) || __builtin_popcount(hw2) < 2) {
            undef(c, ARM_CFSR_UNDEFINSTR);
            return;
        }
        op3(c, load ? ARM_OP_ldm : ARM_OP_stm, 0, rn, 0);
        d->imm = hw2;
        d->flags = (hw1 & 0x20 ? ARM_F_W : 0) | (op == 2 ? ARM_F_DB : 0);
        return;
    }
    if ((hw1 & 0xfe40) == 0xe840) {              /* dual, exclusive, table */
        bool p = hw1 & 0x100, u = hw1 & 0x80, w = hw1 & 0x20;
        bool load = hw1 & 0x10;
        if (!p && !w) {
            if (!u) {
                op3(c, load ? ARM_OP_ldrex : ARM_OP_strex, rd8, rn, rt12);
                d->imm = (hw2 & 0xffu) << 2;
                if (load) {
                    d->rd = rt12;
                }
                return;
            }
            switch ((hw2 >> 4) & 0xf) {
            case 0: case 1:
                if (load) {
                    op3(c, hw2 & 0x10 ? ARM_OP_tbh : ARM_OP_tbb, 0,
                        src(c, rn), rm);
                    return;
                }
                break;
            case 4: case 5:
                if (load) {
                    op3(c, hw2 & 0x10 ? ARM_OP_ldrexh : ARM_OP_ldrexb, rt12,
                        rn, 0);
                } else {
                    op3(c, hw2 & 0x10 ? ARM_OP_strexh : ARM_OP_strexb, rm,
                        rn, rt12);
                }
                return;
            default:
                break;
            }
            undef(c, ARM_CFSR_UNDEFINSTR);
            return;
        }
        if (!load && rn == 15) {
            undef(c, ARM_CFSR_UNDEFINSTR);
            return;
        }
        int32_t off = (int32_t)((hw2 & 0xffu) << 2);
        ldst(c, load ? ARM_OP_ldrd : ARM_OP_strd, rt12, rn, u ? off : -off,
             (p ? ARM_F_P : 0) | (w ? ARM_F_W : 0));
        d->ra = rd8;
        return;
    }
    if ((hw1 & 0xfe00) == 0xea00) {              /* shifted register */
        unsigned op = (hw1 >> 5) & 0xf;
        if (op == 6) {                           /* PKHBT, PKHTB */
            bool tb = hw2 & 0x20;
            if ((hw1 & 0x10) || (hw2 & 0x10)) {
                undef(c, ARM_CFSR_UNDEFINSTR);
            } else if (dsp(c, tb ? ARM_OP_pkhtb : ARM_OP_pkhbt, rd8, rn, rm, 0)) {
                imm_shift(c, tb ? ARM_SH_ASR : ARM_SH_LSL,
                          ((hw2 >> 10) & 0x1c) | ((hw2 >> 6) & 3));
            }
            return;
        }
        dp32(c, op, hw1 & 0x10, rn, rd8, false);
        if (d->op != ARM_OP_udf) {
            d->rm = rm;
            imm_shift(c, (hw2 >> 4) & 3, ((hw2 >> 10) & 0x1c) | ((hw2 >> 6) & 3));
        }
        return;
    }
    if ((hw1 & 0xec00) == 0xec00) {              /* coprocessor */
        undef(c, ARM_CFSR_NOCP);
        return;
    }
    if ((hw1 & 0xf800) == 0xf000 && !(hw2 & 0x8000)) {
        uint32_t imm12 = ((hw1 & 0x400u) << 1) | ((hw2 & 0x7000u) >> 4) |
                         (hw2 & 0xffu);
        if (!(hw1 & 0x200)) {                    /* modified immediate */
            dp32(c, (hw1 >> 5) & 0xf, hw1 & 0x10, rn, rd8, true);
            if (d->op != ARM_OP_udf) {
                expand_imm(c, imm12);
            }
            return;
        }
        unsigned op = (hw1 >> 4) & 0x1f;         /* plain binary immediate */
        unsigned lsb = ((hw2 >> 10) & 0x1c) | ((hw2 >> 6) & 3);
        if (rd8 == 15) {
            undef(c, ARM_CFSR_UNDEFINSTR);
            return;
        }
        switch (op) {
        case 0x00: case 0x0a:                    /* ADDW, SUBW, ADR.W */
            if (rn == 15) {
                op3(c, ARM_OP_mov_i, rd8, 0, 0);
                d->imm = (c->pc & ~3u) + 4 + (op ? -imm12 : imm12);
            } else {
                op3(c, op ? ARM_OP_sub_i : ARM_OP_add_i, rd8, rn, 0);
                d->imm = imm12;
            }
            return;
        case 0x04: case 0x0c:                    /* MOVW, MOVT */
            op3(c, op == 4 ? ARM_OP_mov_i : ARM_OP_movt, rd8, 0, 0);
            d->imm = (uint32_t)rn << 12 | imm12;
            return;
        case 0x10: case 0x12: case 0x18: case 0x1a:   /* SSAT, USAT */
            if ((op & 2) && lsb == 0) {          /* SSAT16, USAT16 */
                if (dsp(c, op & 8 ? ARM_OP_usat16 : ARM_OP_ssat16, rd8, rn,
                        0, 0)) {
                    d->imm = (hw2 & 0xf) + (op & 8 ? 0 : 1);
                }
                return;
            }
            op3(c, op & 8 ? ARM_OP_usat : ARM_OP_ssat, rd8, rn, 0);
            d->shift = op & 2 ? ARM_SH_ASR : ARM_SH_LSL;
            d->amt = (uint8_t)lsb;
            d->imm = (hw2 & 0x1f) + (op & 8 ? 0 : 1);
            return;
        case 0x14: case 0x1c:                    /* SBFX, UBFX */
            op3(c, op == 0x14 ? ARM_OP_sbfx : ARM_OP_ubfx, rd8, rn, 0);
            d->amt = (uint8_t)lsb;
            d->imm = (hw2 & 0x1f) + 1;           /* width */
            if (lsb + d->imm > 32) {
                break;
            }
            return;
        case 0x16:                               /* BFI, BFC */
            op3(c, rn == 15 ? ARM_OP_bfc : ARM_OP_bfi, rd8, rn, 0);
            d->amt = (uint8_t)lsb;
            d->imm = hw2 & 0x1f;                 /* msb */
            if (d->imm < lsb) {
                break;
            }
            return;
        default:
            break;
        }
        undef(c, ARM_CFSR_UNDEFINSTR);
        return;
    }
    if ((hw1 & 0xfe00) == 0xf800) {              /* load/store single */
        bool load = hw1 & 0x10, sgn = hw1 & 0x100, y = hw1 & 0x80;
        unsigned size = (hw1 >> 5) & 3;
        static const ArmOp ops_i[2][2][3] = {
            { { ARM_OP_strb_i, ARM_OP_strh_i, ARM_OP_str_i }, { 0, 0, 0 } },
            { { ARM_OP_ldrb_i, ARM_OP_ldrh_i, ARM_OP_ldr_i },
              { ARM_OP_ldrsb_i, ARM_OP_ldrsh_i, 0 } },
        };
        if (size == 3 || !ops_i[load][sgn][size]) {
            undef(c, ARM_CFSR_UNDEFINSTR);
            return;
        }
        ArmOp op = ops_i[load][sgn][size];
        if (load && rt12 == 15 && size < 2) {    /* PLD, PLI */
            op3(c, ARM_OP_nop, 0, 0, 0);
            return;
        }
        if (rn == 15) {
            if (!load) {
                undef(c, ARM_CFSR_UNDEFINSTR);
                return;
            }
            int32_t off = (int32_t)(hw2 & 0xfff);
            ldst(c, op, rt12, 15, y ? off : -off, ARM_F_P);
        } else if (y) {
            ldst(c, op, rt12, rn, (int32_t)(hw2 & 0xfff), ARM_F_P);
        } else if (hw2 & 0x800) {
            bool p = hw2 & 0x400, u = hw2 & 0x200, w = hw2 & 0x100;
            int32_t off = (int32_t)(hw2 & 0xff);
            if (!p && !w) {
                undef(c, ARM_CFSR_UNDEFINSTR);
                return;
            }
            if (p && u && !w) {                  /* LDRT, STRT... */
                static const ArmOp ops_t[2][2][3] = {
                    { { ARM_OP_strbt, ARM_OP_strht, ARM_OP_strt }, { 0, 0, 0 } },
                    { { ARM_OP_ldrbt, ARM_OP_ldrht, ARM_OP_ldrt },
                      { ARM_OP_ldrsbt, ARM_OP_ldrsht, 0 } },
                };
                if (rt12 == 15) {                /* UNPREDICTABLE */
                    undef(c, ARM_CFSR_UNDEFINSTR);
                    return;
                }
                ldst(c, ops_t[load][sgn][size], rt12, rn, off, 0);
                return;
            }
            ldst(c, op, rt12, rn, u ? off : -off,
                 (p ? ARM_F_P : 0) | (w ? ARM_F_W : 0));
        } else if (!(hw2 & 0xfc0)) {
            op3(c, (ArmOp)(op + 1), rt12, rn, rm);   /* the _r form */
            d->amt = (hw2 >> 4) & 3;
        } else {
            undef(c, ARM_CFSR_UNDEFINSTR);
        }
        return;
    }
    if ((hw1 & 0xff00) == 0xfa00 && (hw2 & 0xf000) == 0xf000) {
        unsigned op1 = (hw1 >> 4) & 0xf, op2 = (hw2 >> 4) & 0xf;
        if (!(op1 & 8) && op2 == 0) {            /* shifts by register */
            op3(c, ARM_OP_shift_rr, rd8, rn, rm);
            d->shift = (op1 >> 1) & 3;
            d->s = op1 & 1;
            return;
        }
        if (!(op1 & 8) && (op2 & 8) && rn == 15) {   /* extend */
            static const ArmOp ext[8] = { ARM_OP_sxth, ARM_OP_uxth,
                                          ARM_OP_sxtb16, ARM_OP_uxtb16,
                                          ARM_OP_sxtb, ARM_OP_uxtb, 0, 0 };
            ArmOp op = ext[op1];
            if (op == ARM_OP_sxtb16 || op == ARM_OP_uxtb16) {
                if (dsp(c, op, rd8, 0, rm, 0)) {
                    d->amt = (uint8_t)(((hw2 >> 4) & 3) * 8);
                }
                return;
            }
            if (op) {
                op3(c, op, rd8, 0, rm);
                d->amt = (uint8_t)(((hw2 >> 4) & 3) * 8);
                return;
            }
        }
        if (!(op1 & 8) && (op2 & 8)) {           /* extend and add */
            static const ArmOp exta[8] = { ARM_OP_sxtah, ARM_OP_uxtah,
                                           ARM_OP_sxtab16, ARM_OP_uxtab16,
                                           ARM_OP_sxtab, ARM_OP_uxtab, 0, 0 };
            if (exta[op1]) {
                if (dsp(c, exta[op1], rd8, rn, rm, 0)) {
                    d->amt = (uint8_t)(((hw2 >> 4) & 3) * 8);
                }
                return;
            }
        }
        if ((op1 & 8) && !(op2 & 8)) {           /* parallel add/subtract */
            static const ArmOp par[2][4][8] = {  /* [U][flavour][op1 & 7] */
                { { ARM_OP_sadd8, ARM_OP_sadd16, ARM_OP_sasx, 0,
                    ARM_OP_ssub8, ARM_OP_ssub16, ARM_OP_ssax, 0 },
                  { ARM_OP_qadd8, ARM_OP_qadd16, ARM_OP_qasx, 0,
                    ARM_OP_qsub8, ARM_OP_qsub16, ARM_OP_qsax, 0 },
                  { ARM_OP_shadd8, ARM_OP_shadd16, ARM_OP_shasx, 0,
                    ARM_OP_shsub8, ARM_OP_shsub16, ARM_OP_shsax, 0 } },
                { { ARM_OP_uadd8, ARM_OP_uadd16, ARM_OP_uasx, 0,
                    ARM_OP_usub8, ARM_OP_usub16, ARM_OP_usax, 0 },
                  { ARM_OP_uqadd8, ARM_OP_uqadd16, ARM_OP_uqasx, 0,
                    ARM_OP_uqsub8, ARM_OP_uqsub16, ARM_OP_uqsax, 0 },
                  { ARM_OP_uhadd8, ARM_OP_uhadd16, ARM_OP_uhasx, 0,
                    ARM_OP_uhsub8, ARM_OP_uhsub16, ARM_OP_uhsax, 0 } },
            };
            ArmOp op = par[(op2 >> 2) & 1][op2 & 3][op1 & 7];
            if (op) {
                dsp(c, op, rd8, rn, rm, 0);
                return;
            }
        }
        if ((op1 & 0xc) == 8 && (op2 & 0xc) == 8) {
            static const ArmOp misc[4][4] = {
                [0] = { ARM_OP_qadd, ARM_OP_qdadd, ARM_OP_qsub, ARM_OP_qdsub },
                [1] = { ARM_OP_rev, ARM_OP_rev16, ARM_OP_rbit, ARM_OP_revsh },
                [2] = { ARM_OP_sel, 0, 0, 0 },
                [3] = { ARM_OP_clz, 0, 0, 0 },
            };
            ArmOp op = misc[op1 & 3][op2 & 3];
            if (op && !(op1 & 1)) {              /* QADD..., SEL: DSP */
                dsp(c, op, rd8, rn, rm, 0);
                return;
            }
            if (op) {
                op3(c, op, rd8, 0, rm);
                return;
            }
        }
        undef(c, ARM_CFSR_UNDEFINSTR);
        return;
    }
    if ((hw1 & 0xff80) == 0xfb00) {              /* multiply (A5.3.16) */
        unsigned op1 = (hw1 >> 4) & 7, op2 = (hw2 >> 4) & 3;
        bool acc = rt12 != 15;
        if (op1 == 0 && op2 < 2) {
            op3(c, op2 ? ARM_OP_mls : acc ? ARM_OP_mla : ARM_OP_mul,
                rd8, rn, rm);
            d->ra = (uint8_t)rt12;
            return;
        }
        /* the DSP ones: op1 1 (xy), 3 (W) take halves; 2, 4 (X), 5, 6 (R)
         * need op2 0x; 7 (USAD8) 00; Ra 15: the forms without it */
        static const ArmOp mul[8][2] = {
            [1] = { ARM_OP_smulxy, ARM_OP_smlaxy },
            [2] = { ARM_OP_smuad, ARM_OP_smlad },
            [3] = { ARM_OP_smulwy, ARM_OP_smlawy },
            [4] = { ARM_OP_smusd, ARM_OP_smlsd },
            [5] = { ARM_OP_smmul, ARM_OP_smmla },
            [6] = { 0, ARM_OP_smmls },
            [7] = { ARM_OP_usad8, ARM_OP_usada8 },
        };
        ArmOp op = mul[op1][acc];
        if (!op || (hw2 & 0xc0) || (op1 != 1 && (op2 & 2)) ||
            (op1 == 7 && op2 != 0)) {
            undef(c, ARM_CFSR_UNDEFINSTR);
            return;
        }
        if (dsp(c, op, rd8, rn, rm, acc ? rt12 : 0)) {
            unsigned hi = hw2 & 0x10 ? 16 : 0;   /* M, X, R */
            switch (op1) {
            case 1: d->shift = hw2 & 0x20 ? 16 : 0; d->amt = (uint8_t)hi; break;
            case 2: case 3: case 4: d->amt = (uint8_t)hi; break;
            case 5: case 6: d->imm = hi ? 0x80000000u : 0; break;
            default: break;
            }
        }
        return;
    }
    if ((hw1 & 0xff80) == 0xfb80) {              /* long multiply, divide */
        unsigned op1 = (hw1 >> 4) & 7, op2 = (hw2 >> 4) & 0xf;
        static const ArmOp lm[8] = { ARM_OP_smull, 0, ARM_OP_umull, 0,
                                     ARM_OP_smlal, 0, ARM_OP_umlal, 0 };
        if (op2 == 0 && lm[op1]) {
            op3(c, lm[op1], rt12, rn, rm);
            d->ra = (uint8_t)rd8;
            return;
        }
        if (op2 == 0xf && (op1 == 1 || op1 == 3)) {
            op3(c, op1 == 1 ? ARM_OP_sdiv : ARM_OP_udiv, rd8, rn, rm);
            return;
        }
        /* DSP: RdLo in rd, RdHi in ra, as above */
        if (op1 == 4 && (op2 & 0xc) == 8) {      /* SMLAL<x><y> */
            if (dsp(c, ARM_OP_smlalxy, rt12, rn, rm, rd8)) {
                d->shift = op2 & 2 ? 16 : 0;
                d->amt = op2 & 1 ? 16 : 0;
            }
            return;
        }
        if ((op1 == 4 || op1 == 5) && (op2 & 0xe) == 0xc) {   /* SMLALD SMLSLD */
            if (dsp(c, op1 == 4 ? ARM_OP_smlald : ARM_OP_smlsld, rt12, rn, rm,
                    rd8)) {
                d->amt = op2 & 1 ? 16 : 0;
            }
            return;
        }
        if (op1 == 6 && op2 == 6) {              /* UMAAL */
            dsp(c, ARM_OP_umaal, rt12, rn, rm, rd8);
            return;
        }
        undef(c, ARM_CFSR_UNDEFINSTR);
        return;
    }
    undef(c, ARM_CFSR_UNDEFINSTR);
}

unsigned arm_decode(uint32_t pc, uint16_t hw1, uint16_t hw2, unsigned it,
                    unsigned feat, ArmInsn *d, uint32_t *pcread,
                    unsigned *newit)
{
    Ctx c = { .d = d, .pc = pc, .it = it, .feat = feat, .newit = newit };
    unsigned len = arm_is32(hw1) ? 4 : 2;
    *d = (ArmInsn){ 0 };
    if (len == 2) {
        dec16(&c, hw1);
    } else {
        dec32(&c, hw1, hw2);
    }
    d->len = (uint8_t)len;
    d->pc = pc;
    *pcread = d->op == ARM_OP_udf ? 0 : c.pcread;
    return len;
}
