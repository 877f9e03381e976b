/* RISC-V decode: a 32-bit word against the table of insns.def, fields by
 * format (Unprivileged §2.2-2.3, §11.6 R4); compressed words expanded to
 * their base instruction (Unprivileged §16, RVC quadrants 0-2, RV32C and
 * RV64C, with the F and D loads and stores).
 * SPDX-License-Identifier: MIT */
#include "target/riscv/cpu.h"

enum { FMT_R, FMT_I, FMT_S, FMT_B, FMT_U, FMT_J, FMT_SH, FMT_CSR, FMT_AMO,
       FMT_N, FMT_RM, FMT_R4 };
enum { F64 = 1, JMP = 2, SYS = 4, FRD = 8 };

typedef struct InsnDef {
    const char *name;
    uint32_t match, mask;
    uint8_t fmt, flags;
} InsnDef;

static const InsnDef insn_defs[] = {
#define INSN(n, ma, mk, f, fl) { #n, ma, mk, FMT_##f, fl },
#include "target/riscv/insns.def"
#undef INSN
};
#define NDEFS (sizeof(insn_defs) / sizeof(insn_defs[0]))

const char *rv_op_name(unsigned op)
{
    if (op < NDEFS) {
        return insn_defs[op].name;
    }
    return op == RV_OP_illegal ? "illegal" : "end";
}

int rv_op_ends_block(unsigned op)
{
    if (op >= NDEFS) {
        return 2;
    }
    return insn_defs[op].flags & SYS ? 2 : insn_defs[op].flags & JMP ? 1 : 0;
}

static int32_t sext(uint32_t v, unsigned bits)
{
    return (int32_t)(v << (32 - bits)) >> (32 - bits);
}

static void set(RvInsn *d, RvOp op, unsigned rd, unsigned rs1, unsigned rs2,
                int32_t imm)
{
    d->op = op;
    d->rd = rd ? rd : RV_X0_SINK;
    d->rs1 = rs1;
    d->rs2 = rs2;
    d->imm = imm;
}

static void decode32(uint32_t w, unsigned xlen, RvInsn *d)
{
    unsigned rd = (w >> 7) & 31, rs1 = (w >> 15) & 31, rs2 = (w >> 20) & 31;
    for (unsigned i = 0; i < NDEFS; i++) {
        const InsnDef *def = &insn_defs[i];
        if ((w & def->mask) != def->match) {
            continue;
        }
        if ((def->flags & F64) && xlen != 64) {
            break;
        }
        int32_t imm = 0;
        switch (def->fmt) {
        case FMT_I:
        case FMT_CSR:
            imm = (int32_t)w >> 20;
            if (def->fmt == FMT_CSR) {
                imm &= 0xfff;
            }
            break;
        case FMT_S:
            imm = (int32_t)(((uint32_t)((int32_t)w >> 25) << 5) | ((w >> 7) & 31));
            break;
        case FMT_B:
            imm = sext(((w >> 19) & 0x1000) | ((w << 4) & 0x800) |
                       ((w >> 20) & 0x7e0) | ((w >> 7) & 0x1e), 13);
            break;
        case FMT_U:
            imm = (int32_t)(w & 0xfffff000);
            break;
        case FMT_J:
            imm = sext(((w >> 11) & 0x100000) | (w & 0xff000) |
                       ((w >> 9) & 0x800) | ((w >> 20) & 0x7fe), 21);
            break;
        case FMT_SH:
            imm = (w >> 20) & 63;
            if (xlen == 32 && (imm & 32)) {
                goto illegal;   /* shamt[5] is reserved in RV32 */
            }
            break;
        case FMT_RM:
        case FMT_R4:
            imm = (w >> 12) & 7;
            if (def->fmt == FMT_R4) {
                imm |= (w >> 27) << 3;
            }
            break;
        default:
            break;
        }
        set(d, (RvOp)i, rd, rs1, rs2, imm);
        if (def->flags & FRD) {
            d->rd = rd;                 /* f0 is a register */
        }
        return;
    }
illegal:
    set(d, RV_OP_illegal, 0, 0, 0, 0);
}

/* An F/D load: rd is an f register, f0 included. */
static void setf(RvInsn *d, RvOp op, unsigned rd, unsigned rs1, int32_t imm)
{
    set(d, op, rd, rs1, 0, imm);
    d->rd = rd;
}

/* Expand a compressed instruction (Unprivileged §16.8, tables 16.5-16.7). */
static void decode16(uint32_t c, unsigned xlen, RvInsn *d)
{
    unsigned f3 = c >> 13;
    unsigned r = (c >> 7) & 31, r2 = (c >> 2) & 31;       /* full fields */
    unsigned rp = 8 + ((c >> 7) & 7), r2p = 8 + ((c >> 2) & 7);
    int32_t imm6 = sext(((c >> 7) & 0x20) | ((c >> 2) & 0x1f), 6);
    unsigned sh6 = ((c >> 7) & 0x20) | ((c >> 2) & 0x1f);

    switch (((c & 3) << 3) | f3) {
    /* quadrant 0 */
    case 000: {                                 /* c.addi4spn */
        uint32_t imm = ((c >> 7) & 0x30) | ((c >> 1) & 0x3c0) |
                       ((c >> 4) & 0x4) | ((c >> 2) & 0x8);
        if (!imm) {
            break;                              /* includes all-zero word */
        }
        set(d, RV_OP_addi, r2p, 2, 0, imm);
        return;
    }
    case 001:                                   /* c.fld */
        setf(d, RV_OP_fld, r2p, rp, ((c >> 7) & 0x38) | ((c << 1) & 0xc0));
        return;
    case 002:                                   /* c.lw */
        set(d, RV_OP_lw, r2p, rp, 0, ((c >> 7) & 0x38) | ((c >> 4) & 4) |
            ((c << 1) & 0x40));
        return;
    case 003:                                   /* c.ld (RV64); c.flw */
        if (xlen != 64) {
            setf(d, RV_OP_flw, r2p, rp, ((c >> 7) & 0x38) | ((c >> 4) & 4) |
                 ((c << 1) & 0x40));
            return;
        }
        set(d, RV_OP_ld, r2p, rp, 0, ((c >> 7) & 0x38) | ((c << 1) & 0xc0));
        return;
    case 005:                                   /* c.fsd */
        set(d, RV_OP_fsd, 0, rp, r2p, ((c >> 7) & 0x38) | ((c << 1) & 0xc0));
        return;
    case 006:                                   /* c.sw */
        set(d, RV_OP_sw, 0, rp, r2p, ((c >> 7) & 0x38) | ((c >> 4) & 4) |
            ((c << 1) & 0x40));
        return;
    case 007:                                   /* c.sd (RV64); c.fsw */
        if (xlen != 64) {
            set(d, RV_OP_fsw, 0, rp, r2p, ((c >> 7) & 0x38) |
                ((c >> 4) & 4) | ((c << 1) & 0x40));
            return;
        }
        set(d, RV_OP_sd, 0, rp, r2p, ((c >> 7) & 0x38) | ((c << 1) & 0xc0));
        return;
    /* quadrant 1 */
    case 010:                                   /* c.addi, c.nop */
        set(d, RV_OP_addi, r, r, 0, imm6);
        return;
    case 011:
        if (xlen == 32) {                       /* c.jal */
            goto cj;
        }
        if (!r) {
            break;                              /* c.addiw rd=0 reserved */
        }
        set(d, RV_OP_addiw, r, r, 0, imm6);
        return;
    case 012:                                   /* c.li */
        set(d, RV_OP_addi, r, 0, 0, imm6);
        return;
    case 013:
        if (r == 2) {                           /* c.addi16sp */
            int32_t imm = sext(((c >> 3) & 0x200) | ((c >> 2) & 0x10) |
                               ((c << 1) & 0x40) | ((c << 4) & 0x180) |
                               ((c << 3) & 0x20), 10);
            if (!imm) {
                break;
            }
            set(d, RV_OP_addi, 2, 2, 0, imm);
            return;
        }
        if (!imm6) {                            /* c.lui nzimm=0 reserved */
            break;
        }
        set(d, RV_OP_lui, r, 0, 0, (int32_t)((uint32_t)imm6 << 12));
        return;
    case 014:
        switch ((c >> 10) & 3) {
        case 0:                                 /* c.srli */
        case 1:                                 /* c.srai */
            if (xlen == 32 && (sh6 & 32)) {
                goto illegal;
            }
            set(d, (c >> 10) & 1 ? RV_OP_srai : RV_OP_srli, rp, rp, 0, sh6);
            return;
        case 2:                                 /* c.andi */
            set(d, RV_OP_andi, rp, rp, 0, imm6);
            return;
        default: {
            static const RvOp ops[8] = {
                RV_OP_sub, RV_OP_xor, RV_OP_or, RV_OP_and,
                RV_OP_subw, RV_OP_addw, RV_OP_illegal, RV_OP_illegal,
            };
            RvOp op = ops[((c >> 10) & 4) | ((c >> 5) & 3)];
            if (op == RV_OP_illegal || ((c >> 12) & 1 && xlen != 64)) {
                goto illegal;
            }
            set(d, op, rp, rp, r2p, 0);
            return;
        }
        }
    case 015:                                   /* c.j */
    cj: {
        int32_t imm = sext(((c >> 1) & 0x800) | ((c >> 7) & 0x10) |
                           ((c >> 1) & 0x300) | ((c << 2) & 0x400) |
                           ((c >> 1) & 0x40) | ((c << 1) & 0x80) |
                           ((c >> 2) & 0xe) | ((c << 3) & 0x20), 12);
        set(d, RV_OP_jal, f3 == 1 ? 1 : 0, 0, 0, imm);
        return;
    }
    case 016:                                   /* c.beqz */
    case 017: {                                 /* c.bnez */
        int32_t imm = sext(((c >> 4) & 0x100) | ((c >> 7) & 0x18) |
                           ((c << 1) & 0xc0) | ((c >> 2) & 0x6) |
                           ((c << 3) & 0x20), 9);
        set(d, f3 == 6 ? RV_OP_beq : RV_OP_bne, 0, rp, 0, imm);
        return;
    }
    /* quadrant 2 */
    case 020:                                   /* c.slli */
        if (xlen == 32 && (sh6 & 32)) {
            break;
        }
        set(d, RV_OP_slli, r, r, 0, sh6);
        return;
    case 021:                                   /* c.fldsp */
        setf(d, RV_OP_fld, r, 2, ((c >> 7) & 0x20) | ((c >> 2) & 0x18) |
             ((c << 4) & 0x1c0));
        return;
    case 022:                                   /* c.lwsp */
        if (!r) {
            break;
        }
        set(d, RV_OP_lw, r, 2, 0, ((c >> 7) & 0x20) | ((c >> 2) & 0x1c) |
            ((c << 4) & 0xc0));
        return;
    case 023:                                   /* c.ldsp (RV64); c.flwsp */
        if (xlen != 64) {
            setf(d, RV_OP_flw, r, 2, ((c >> 7) & 0x20) | ((c >> 2) & 0x1c) |
                 ((c << 4) & 0xc0));
            return;
        }
        if (!r) {
            break;
        }
        set(d, RV_OP_ld, r, 2, 0, ((c >> 7) & 0x20) | ((c >> 2) & 0x18) |
            ((c << 4) & 0x1c0));
        return;
    case 024:
        if (!((c >> 12) & 1)) {
            if (!r2) {                          /* c.jr */
                if (!r) {
                    break;
                }
                set(d, RV_OP_jalr, 0, r, 0, 0);
            } else {                            /* c.mv */
                set(d, RV_OP_add, r, 0, r2, 0);
            }
        } else if (!r2) {
            if (!r) {                           /* c.ebreak */
                set(d, RV_OP_ebreak, 0, 0, 0, 0);
            } else {                            /* c.jalr */
                set(d, RV_OP_jalr, 1, r, 0, 0);
            }
        } else {                                /* c.add */
            set(d, RV_OP_add, r, r, r2, 0);
        }
        return;
    case 025:                                   /* c.fsdsp */
        set(d, RV_OP_fsd, 0, 2, r2, ((c >> 7) & 0x38) | ((c >> 1) & 0x1c0));
        return;
    case 026:                                   /* c.swsp */
        set(d, RV_OP_sw, 0, 2, r2, ((c >> 7) & 0x3c) | ((c >> 1) & 0xc0));
        return;
    case 027:                                   /* c.sdsp (RV64); c.fswsp */
        if (xlen != 64) {
            set(d, RV_OP_fsw, 0, 2, r2, ((c >> 7) & 0x3c) | ((c >> 1) & 0xc0));
            return;
        }
        set(d, RV_OP_sd, 0, 2, r2, ((c >> 7) & 0x38) | ((c >> 1) & 0x1c0));
        return;
    default:                                    /* 004: reserved */
        break;
    }
illegal:
    set(d, RV_OP_illegal, 0, 0, 0, 0);
}

unsigned rv_decode(uint32_t lo, uint32_t hi, unsigned xlen, RvInsn *d)
{
    lo &= 0xffff;
    if ((lo & 3) != 3) {
        decode16(lo, xlen, d);
        d->raw = lo;
        d->len = 2;
    } else {
        uint32_t w = lo | hi << 16;
        decode32(w, xlen, d);
        d->raw = w;
        d->len = 4;
    }
    return d->len;
}
