/* One XLEN's dispatcher over the decoded block cache, included by exec.c
 * with XLEN, UX, SX, UX2, SX2, SX_MIN and RUN_FN defined. Interrupts, the
 * budget and exit requests are checked at block boundaries only; blocks on
 * the same page chain to each other without a lookup.
 *
 * The end of a chained block tests one thing, ret >= stop. stop is the
 * budget's limit, or 0 once the hart must come back here (an interrupt
 * became pending, exit_request was set). Those change only in code the
 * hart calls, on its own thread (devices behind a slow load or store or an
 * MMIO fetch, helpers), so each such call in a block is followed by POLL;
 * helpers that can change more (CSRs, traps, xRET) leave the block anyway.
 * Semantics that call out other than through LOAD, STORE, MEMCALL or TERM
 * must POLL too.
 * SPDX-License-Identifier: MIT */

DISPATCH_FN
static uint64_t RUN_FN(RiscvCpu *cpu, uint64_t budget)
{
#if !RV_DISPATCH_SWITCH
    static const void *const labels[RV_OP__COUNT] = {
#define INSN(n, ma, mk, f, fl) [RV_OP_##n] = &&L_##n,
#include "target/riscv/insns.def"
#undef INSN
        [RV_OP_illegal] = &&L_illegal,
        [RV_OP_end] = &&L_end,
    };
#endif
    uint64_t *const x = cpu->x;
    uint64_t ret = cpu->base.retired;   /* synced before helpers and on return */
    const uint64_t start = ret;
    const uint64_t limit = budget > UINT64_MAX - start ? UINT64_MAX
                                                       : start + budget;
    uint64_t stop = limit;
    RvJump *const jumps = rv_bc_jumps(cpu);
    RvBlock *b;
    const RvInsn *d;
    UX bpc, pc;

    /* threaded code: each instruction of a block holds its handler, filled
     * once when the block first runs here (blocks are per hart, so per XLEN) */
#if RV_DISPATCH_SWITCH
#define THREAD(blk) ((void)0)
#else
#define THREAD(blk) do { \
        if (RV_UNLIKELY(!(blk)->threaded)) { \
            for (uint32_t i_ = 0; i_ <= (blk)->n; i_++) { \
                (blk)->insns[i_].h = labels[(blk)->insns[i_].op]; \
            } \
            (blk)->threaded = true; \
        } \
    } while (0)
#endif

    /* the jump cache: pc's entry, if the fetch TLB still maps pc's page
     * where it did (entries hold threaded, cached blocks) */
#define JC_FIND(pc_) __extension__ ({ \
        uint64_t p_ = (pc_); \
        const RvJump *j_ = &jumps[rv_jc_index(p_)]; \
        const RvTlbEntry *e_ = &cpu->itlb[(p_ >> 12) & (RV_TLB_SIZE - 1)]; \
        j_->pc == p_ && e_->tag == (p_ & RV_PAGE_MASK) && \
            e_->paddr == j_->ppage ? j_->b : NULL; \
    })

    uint64_t traps = 0;   /* passes that retired nothing (faults) */

outer:
    for (;;) {
        stop = limit;
        /* a fault loop (a handler that faults itself) retires nothing:
         * count each pass so exec still ends within its budget */
        if (ret + traps >= limit) {
            break;
        }
        traps++;
        if (cpu->base.exit_request) {
            break;                      /* the caller clears it */
        }
        if (cpu->map_gen != memory_map_gen()) {
            rv_flush_all(cpu);
        }
        if (cpu->irq_pending) {
            rv_take_interrupt(cpu);
        }
        if (cpu->base.halted) {
            break;
        }
        b = JC_FIND(cpu->pc);
        if (!b) {
            b = rv_block_lookup(cpu, cpu->pc);
            POLL;
            if (!b) {
                continue;                 /* fetch fault: at the handler */
            }
        }
        THREAD(b);
        bpc = (UX)cpu->pc;
        d = b->insns;
        DISPATCH;

#if RV_DISPATCH_SWITCH
dispatch:
        switch (d->op) {
#endif
#include "target/riscv/sem.h"
        SEM(end) JUMP(PC);
#if RV_DISPATCH_SWITCH
        default:
            __builtin_unreachable();
        }
#endif

leave:                                    /* budget spent, or POLL */
        cpu->pc = pc;
        continue;

chain_miss:                               /* JUMP's successor not chained */
        {
            RvBlock *nb = JC_FIND(pc);
            if (nb) {
                /* b and nb belong to the cache as it is: a flush leaves the
                 * running block, and empties the jump cache */
                if (b->cached && !((pc ^ bpc) & RV_PAGE_MASK)) {
                    rv_block_link(b, nb, pc);
                }
            } else {
                cpu->pc = pc;
                nb = rv_block_chain(cpu, b, bpc, pc);
                POLL;
                if (!nb) {
                    continue;
                }
            }
            THREAD(nb);
            b = nb;
            bpc = pc;
            d = b->insns;
            DISPATCH;
        }
    }
    cpu->base.retired = ret;
    return ret - start;
#undef THREAD
#undef JC_FIND
}
