/* The decoded block cache: blocks of up to RV_BLOCK_MAX instructions, keyed
 * by the physical address of their first instruction, never crossing a
 * page; per code page a bitmap of the bytes decoded (16-byte granules) so
 * stores into decoded code drop the cache (fence.i always does, §3.2).
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "target/riscv/cpu.h"

enum {
    RV_BLOCK_MAX = 64,
    RV_HASH_SIZE = 1 << 14,
    RV_MAX_BLOCKS = 1 << 15,
    RV_MAX_INSNS = 1 << 19,
};

typedef struct CodePage {
    uint64_t bits[4];          /* 256 granules of 16 bytes */
} CodePage;

struct RvBlockCache {
    RvBlock *hash[RV_HASH_SIZE];
    RvBlock *blocks;           /* RV_MAX_BLOCKS */
    uint32_t nblocks;
    RvInsn *insns;             /* RV_MAX_INSNS */
    uint32_t ninsns;
    GHashTable *code;          /* physical page number -> CodePage */
    uint64_t flushes;
    RvBlock straddle;          /* a lone instruction across a page end */
    RvInsn straddle_insns[2];
    RvJump jumps[RV_JC_SIZE];
};

RvBlockCache *rv_bc_new(void)
{
    RvBlockCache *bc = g_new0(RvBlockCache, 1);
    bc->blocks = g_new(RvBlock, RV_MAX_BLOCKS);
    bc->insns = g_new(RvInsn, RV_MAX_INSNS);
    bc->code = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
                                     g_free);
    for (unsigned i = 0; i < RV_JC_SIZE; i++) {
        bc->jumps[i].pc = RV_NO_SUCC;
    }
    return bc;
}

RvJump *rv_bc_jumps(RiscvCpu *cpu)
{
    return cpu->bc->jumps;
}

void rv_bc_free(RvBlockCache *bc)
{
    if (!bc) {
        return;
    }
    g_hash_table_destroy(bc->code);
    g_free(bc->blocks);
    g_free(bc->insns);
    g_free(bc);
}

void rv_bc_flush(RiscvCpu *cpu)
{
    RvBlockCache *bc = cpu->bc;
    if (!bc) {
        return;
    }
    memset(bc->hash, 0, sizeof(bc->hash));
    for (unsigned i = 0; i < RV_JC_SIZE; i++) {
        bc->jumps[i].pc = RV_NO_SUCC;
    }
    bc->nblocks = 0;
    bc->ninsns = 0;
    g_hash_table_remove_all(bc->code);
    bc->flushes++;
    /* write entries carry the "code" flag of pages that no longer have it */
    rv_tlb_flush_writes(cpu);
}

uint64_t rv_bc_flushes(const RiscvCpu *cpu)
{
    return cpu->bc ? cpu->bc->flushes : 0;
}

bool rv_bc_page_has_code(const RiscvCpu *cpu, uint64_t ppage)
{
    gint64 key = (gint64)(ppage >> 12);
    return cpu->bc && g_hash_table_contains(cpu->bc->code, &key);
}

bool rv_bc_is_code(const RiscvCpu *cpu, uint64_t paddr, unsigned len)
{
    if (!cpu->bc) {
        return false;
    }
    gint64 key = (gint64)(paddr >> 12);
    const CodePage *cp = g_hash_table_lookup(cpu->bc->code, &key);
    if (!cp) {
        return false;
    }
    unsigned first = (paddr & 0xfff) >> 4, last = ((paddr & 0xfff) + len - 1) >> 4;
    for (unsigned g = first; g <= last && g < 256; g++) {
        if ((cp->bits[g / 64] >> (g % 64)) & 1) {
            return true;
        }
    }
    return false;
}

static void mark_code(RiscvCpu *cpu, uint64_t paddr, unsigned len)
{
    RvBlockCache *bc = cpu->bc;
    gint64 key = (gint64)(paddr >> 12);
    CodePage *cp = g_hash_table_lookup(bc->code, &key);
    if (!cp) {
        cp = g_new0(CodePage, 1);
        g_hash_table_insert(bc->code, g_memdup2(&key, sizeof(key)), cp);
        /* cached write entries of this page must now take the slow path */
        rv_tlb_flush_writes(cpu);
    }
    unsigned first = (paddr & 0xfff) >> 4, last = ((paddr & 0xfff) + len - 1) >> 4;
    for (unsigned g = first; g <= last && g < 256; g++) {
        cp->bits[g / 64] |= (uint64_t)1 << (g % 64);
    }
}

static unsigned hash(uint64_t paddr)
{
    return (unsigned)((paddr >> 1) ^ (paddr >> 15)) & (RV_HASH_SIZE - 1);
}

/* Read a halfword of code at physical pa; false when nothing is there. */
static bool fetch16(RiscvCpu *cpu, const RvTlbEntry *e, uint64_t va,
                    uint32_t *v)
{
    if (!(e->tag & RV_TLB_MMIO)) {
        const uint8_t *p = (const uint8_t *)(e->addend + (uintptr_t)va);
        *v = p[0] | (uint32_t)p[1] << 8;
        return true;
    }
    uint64_t x;
    if (!addrspace_ld(cpu->base.as, e->paddr | (va & 0xfff), 2, &x)) {
        return false;
    }
    *v = (uint32_t)x;
    return true;
}

/* A 32-bit instruction at the last halfword of a page: decoded each time
 * into a block of its own (its second half may live anywhere). */
static RvBlock *straddling(RiscvCpu *cpu, const RvTlbEntry *e, uint64_t pc,
                           uint32_t lo)
{
    RvBlockCache *bc = cpu->bc;
    uint64_t pa = e->paddr | (pc & 0xfff);
    const RvTlbEntry *e2 = rv_fetch_entry(cpu, (pc + 2) & rv_xmask(cpu));
    uint32_t hi;
    if (!e2) {
        return NULL;
    }
    if (!fetch16(cpu, e2, (pc + 2) & rv_xmask(cpu), &hi)) {
        rv_raise(cpu, RV_EXC_INSN_ACCESS, pc + 2, pc);
        return NULL;
    }
    RvBlock *b = &bc->straddle;
    b->paddr = pa;
    b->n = 1;
    b->cached = false;
    b->threaded = false;
    b->succ[0] = b->succ[1] = NULL;
    b->succ_pc[0] = b->succ_pc[1] = RV_NO_SUCC;
    b->insns = bc->straddle_insns;
    rv_decode(lo, hi, cpu->xlen, &b->insns[0]);
    b->insns[0].off = 0;
    b->insns[1] = (RvInsn){ .op = RV_OP_end, .off = 4 };
    return b;
}

static RvBlock *lookup(RiscvCpu *cpu, uint64_t pc)
{
    RvBlockCache *bc = cpu->bc;
    const RvTlbEntry *e = &cpu->itlb[(pc >> 12) & (RV_TLB_SIZE - 1)];
    if (e->tag != (pc & RV_PAGE_MASK)) {
        e = rv_fetch_entry(cpu, pc);
        if (!e) {
            return NULL;
        }
    }
    uint64_t pa = e->paddr | (pc & 0xfff);
    unsigned h = hash(pa);
    for (RvBlock *b = bc->hash[h]; b; b = b->hnext) {
        if (b->paddr == pa) {
            return b;
        }
    }
    if (bc->nblocks >= RV_MAX_BLOCKS ||
        bc->ninsns + RV_BLOCK_MAX + 1 > RV_MAX_INSNS) {
        rv_bc_flush(cpu);
    }

    /* decode until a jump, a system instruction, the block limit or the
     * end of the page */
    RvBlock *b = &bc->blocks[bc->nblocks];
    RvInsn *ins = &bc->insns[bc->ninsns];
    unsigned n = 0, off = 0, page_left = 4096 - (pc & 0xfff);
    while (n < RV_BLOCK_MAX && off + 2 <= page_left) {
        uint32_t lo, hi = 0;
        uint64_t va = pc + off;
        if (!fetch16(cpu, e, va, &lo)) {
            break;
        }
        if ((lo & 3) == 3) {
            if (off + 4 > page_left) {
                if (n == 0) {
                    return straddling(cpu, e, pc, lo);
                }
                break;
            }
            if (!fetch16(cpu, e, va + 2, &hi)) {
                break;
            }
        }
        RvInsn *d = &ins[n++];
        rv_decode(lo, hi, cpu->xlen, d);
        d->off = off;
        off += d->len;
        if (d->op == RV_OP_illegal || rv_op_ends_block(d->op)) {
            break;
        }
    }
    if (n == 0) {
        rv_raise(cpu, RV_EXC_INSN_ACCESS, pc, pc);
        return NULL;
    }
    ins[n] = (RvInsn){ .op = RV_OP_end, .off = off };
    b->paddr = pa;
    b->n = n;
    b->cached = true;
    b->threaded = false;
    b->insns = ins;
    b->succ[0] = b->succ[1] = NULL;
    b->succ_pc[0] = b->succ_pc[1] = RV_NO_SUCC;
    b->hnext = bc->hash[h];
    bc->hash[h] = b;
    bc->nblocks++;
    bc->ninsns += n + 1;
    if (!(e->tag & RV_TLB_MMIO)) {
        mark_code(cpu, pa, off);
    }
    return b;
}

/* lookup(), remembered in the jump cache when pc's page is RAM/ROM */
static RvBlock *lookup_jc(RiscvCpu *cpu, uint64_t pc)
{
    RvBlock *b = lookup(cpu, pc);
    const RvTlbEntry *e = &cpu->itlb[(pc >> 12) & (RV_TLB_SIZE - 1)];
    if (b && b->cached && e->tag == (pc & RV_PAGE_MASK)) {
        RvJump *j = &cpu->bc->jumps[rv_jc_index(pc)];
        j->pc = pc;
        j->ppage = e->paddr;
        j->b = b;
    }
    return b;
}

RvBlock *rv_block_lookup(RiscvCpu *cpu, uint64_t pc)
{
    return lookup_jc(cpu, pc);
}

RvBlock *rv_block_chain(RiscvCpu *cpu, RvBlock *from, uint64_t from_pc,
                        uint64_t pc)
{
    uint64_t flushes = cpu->bc->flushes;
    RvBlock *b = lookup_jc(cpu, pc);
    /* chain only within the page: its translation was checked when from
     * was looked up, and the cache still holds from */
    if (b && from->cached && b->cached && cpu->bc->flushes == flushes &&
        !((pc ^ from_pc) & RV_PAGE_MASK)) {
        rv_block_link(from, b, pc);
    }
    return b;
}
