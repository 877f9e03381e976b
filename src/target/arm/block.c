/* The decoded block cache: blocks of up to ARM_BLOCK_MAX instructions keyed
 * by their first pc and the ITSTATE there (an exception return may resume
 * inside an IT block); a bitmap of the 4 KiB pages holding decoded code, so
 * stores there drop the cache. Inside an IT block each conditional
 * instruction is preceded by an itcond pseudo-instruction; instructions
 * that read the PC by a setpc.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "target/arm/cpu.h"

enum {
    ARM_BLOCK_MAX = 48,
    ARM_HASH_SIZE = 1 << 12,
    ARM_MAX_BLOCKS = 1 << 14,
};

struct ArmBlockCache {
    ArmBlock *hash[ARM_HASH_SIZE];
    uint32_t nblocks;
    uint64_t code[(1u << 20) / 64];   /* one bit per 4 KiB page */
    bool any_code;
};

ArmBlockCache *arm_bc_new(void)
{
    return g_new0(ArmBlockCache, 1);
}

static void free_blocks(ArmBlockCache *bc)
{
    for (unsigned i = 0; i < ARM_HASH_SIZE; i++) {
        ArmBlock *b = bc->hash[i];
        while (b) {
            ArmBlock *n = b->hnext;
            g_free(b->insns);
            g_free(b);
            b = n;
        }
        bc->hash[i] = NULL;
    }
    bc->nblocks = 0;
}

void arm_bc_free(ArmBlockCache *bc)
{
    if (bc) {
        free_blocks(bc);
        g_free(bc);
    }
}

/* only from the dispatcher's loop top: blocks are freed */
void arm_bc_flush(ArmCpu *cpu)
{
    ArmBlockCache *bc = cpu->bc;
    if (!bc) {
        return;
    }
    free_blocks(bc);
    if (bc->any_code) {
        memset(bc->code, 0, sizeof(bc->code));
        bc->any_code = false;
    }
    cpu->flush_pending = false;
}

bool arm_bc_page_has_code(const ArmCpu *cpu, uint32_t addr)
{
    uint32_t pn = addr >> 12;
    return cpu->bc && ((cpu->bc->code[pn / 64] >> (pn % 64)) & 1);
}

static void mark_code(ArmCpu *cpu, uint32_t addr)
{
    uint32_t pn = addr >> 12;
    if (!((cpu->bc->code[pn / 64] >> (pn % 64)) & 1)) {
        cpu->bc->code[pn / 64] |= 1ull << (pn % 64);
        cpu->bc->any_code = true;
        ArmTlb *e = &cpu->wtlb[pn & (ARM_TLB_SIZE - 1)];
        if (e->tag == (addr & ARM_PAGE_MASK)) {
            e->tag = ARM_TLB_INVALID;
        }
    }
}

static unsigned hash_key(uint64_t key)
{
    return (unsigned)((key >> 1) ^ (key >> 13) ^ (key >> 32)) &
           (ARM_HASH_SIZE - 1);
}

/* the condition of an instruction in an IT block, AL when outside */
static unsigned it_cond(unsigned it)
{
    return (it & 0xf) ? it >> 4 : 0xe;
}

ArmBlock *arm_block_lookup(ArmCpu *cpu, uint32_t pc, unsigned it)
{
    ArmBlockCache *bc = cpu->bc;
    uint64_t key = pc | (uint64_t)it << 32;
    unsigned h = hash_key(key);
    for (ArmBlock *b = bc->hash[h]; b; b = b->hnext) {
        if (b->key == key) {
            return b;
        }
    }
    ArmInsn buf[ARM_BLOCK_MAX * 3 + 1];
    unsigned ni = 0, n = 0;
    uint32_t a = pc;
    while (n < ARM_BLOCK_MAX) {
        uint16_t hw1, hw2 = 0;
        if (!arm_fetch16(cpu, a, &hw1) ||
            (arm_is32(hw1) && !arm_fetch16(cpu, a + 2, &hw2))) {
            if (n == 0) {
                return NULL;
            }
            break;                   /* the next block faults */
        }
        ArmInsn d;
        uint32_t pcread;
        unsigned newit = it;
        unsigned len = arm_decode(a, hw1, hw2, it, cpu->feat, &d, &pcread,
                                  &newit);
        if (pcread) {
            buf[ni++] = (ArmInsn){ .op = ARM_OP_setpc, .imm = pcread,
                                   .idx = (uint8_t)n, .it = (uint8_t)it,
                                   .pc = a };
        }
        unsigned cond = it_cond(it);
        if (cond < 0xe) {
            buf[ni++] = (ArmInsn){ .op = ARM_OP_itcond, .amt = (uint8_t)cond,
                                   .idx = (uint8_t)n, .it = (uint8_t)it,
                                   .pc = a };
        }
        d.idx = (uint8_t)n;
        d.it = (uint8_t)it;
        buf[ni++] = d;
        mark_code(cpu, a);
        mark_code(cpu, a + len - 1);
        n++;
        a += len;
        it = newit != it ? newit : arm_it_advance(it);
        bool pc_load = (d.op == ARM_OP_ldm && (d.imm & 0x8000)) ||
                       ((d.op == ARM_OP_ldr_i || d.op == ARM_OP_ldr_r) &&
                        d.rd == 15);
        if (arm_op_ends_block(d.op) || pc_load) {
            break;
        }
    }
    buf[ni++] = (ArmInsn){ .op = ARM_OP_end, .idx = (uint8_t)n,
                           .it = (uint8_t)it, .pc = a };
    ArmBlock *b = g_new0(ArmBlock, 1);
    b->key = key;
    b->n = n;
    b->succ_pc[0] = b->succ_pc[1] = ARM_NO_SUCC;
    b->insns = g_memdup2(buf, ni * sizeof(ArmInsn));
    b->hnext = bc->hash[h];
    bc->hash[h] = b;
    if (++bc->nblocks >= ARM_MAX_BLOCKS) {
        cpu->flush_pending = true;   /* at the loop top, when none runs */
    }
    return b;
}
