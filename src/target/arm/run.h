/* The dispatcher over the decoded block cache, included by exec.c.
 * Exceptions, the budget and exit requests are checked at block
 * boundaries; blocks chain to each other without a lookup. The end of a
 * chained block tests ret >= stop; stop drops to 0 (POLL) when a call that
 * may reach a device makes an exception pending or sets exit_request. A
 * store that changed decoded code, the memory map or the pending state
 * leaves the block after its instruction (exit_after).
 * SPDX-License-Identifier: MIT */

#define NS_PER_S 1000000000ull

DISPATCH_FN
static uint64_t arm_run(ArmCpu *cpu, uint64_t budget)
{
#if !ARM_DISPATCH_SWITCH
    static const void *const labels[ARM_OP__COUNT] = {
#define INSN(n, fl) [ARM_OP_##n] = &&L_##n,
#include "target/arm/insns.def"
#undef INSN
        [ARM_OP_end] = &&L_end,
    };
#endif
    uint32_t *const r = cpu->r;
    uint64_t ret = cpu->base.retired;
    const uint64_t start = ret;
    const uint64_t limit = budget > UINT64_MAX - start ? UINT64_MAX
                                                       : start + budget;
    uint64_t stop = limit;
    uint64_t traps = 0;
    bool exit_after = false;
    ArmBlock *b;
    const ArmInsn *d;
    uint32_t pc;

#if ARM_DISPATCH_SWITCH
#define THREAD(blk) ((void)0)
#else
#define THREAD(blk) do { \
        if (ARM_UNLIKELY(!(blk)->threaded)) { \
            for (const ArmInsn *i_ = (blk)->insns; ; i_++) { \
                ((ArmInsn *)i_)->h = labels[i_->op]; \
                if (i_->op == ARM_OP_end) { \
                    break; \
                } \
            } \
            (blk)->threaded = true; \
        } \
    } while (0)
#endif

outer:
    for (;;) {
        if (exit_after) {
            /* a store changed code, the map or the pending state: the
             * instruction is done, continue after it */
            exit_after = false;
            ret += d->idx + 1;
            cpu->pc = NPC;
            cpu->itstate = (uint8_t)arm_it_advance(d->it);
        }
        cpu->base.retired = ret;
        stop = limit;
        if (ret + traps >= limit) {
            break;
        }
        traps++;
        if (cpu->base.exit_request) {
            break;                      /* the caller clears it */
        }
        if (cpu->flush_pending) {
            arm_bc_flush(cpu);
        }
        if (cpu->map_gen != memory_map_gen()) {
            arm_tlb_flush(cpu);
            arm_bc_flush(cpu);
            cpu->map_gen = memory_map_gen();
        }
        if (!cpu->clock) {
            arm_systick_poll(cpu);
        }
        if (cpu->irq_pending) {
            arm_take_pending(cpu);
        }
        if (cpu->base.halted) {
            /* without a clock, idle time is skipped to SysTick's next
             * event, as a virtual clock would */
            uint64_t dl = cpu->clock || cpu->lockup ? UINT64_MAX
                                                    : arm_systick_deadline(cpu);
            uint64_t now = arm_now_ns(cpu);
            if (dl == UINT64_MAX) {
                break;
            }
            if (dl > now) {
                cpu->idle_ns += dl - now;
            }
            arm_systick_poll(cpu);
            if (cpu->base.halted) {
                break;
            }
            continue;
        }
        if (!cpu->clock) {
            /* stop at SysTick's next event (to a block) */
            uint64_t dl = arm_systick_deadline(cpu), now = arm_now_ns(cpu);
            if (dl != UINT64_MAX) {
                uint64_t n = dl > now ? (dl - now) * cpu->base.freq / NS_PER_S : 0;
                if (ret + n + 1 < stop) {
                    stop = ret + n + 1;
                }
            }
        }
        if (!cpu->thumb) {
            arm_fault(cpu, ARM_EXC_USAGEFAULT, ARM_CFSR_INVSTATE);
            continue;
        }
        b = arm_block_lookup(cpu, cpu->pc, cpu->itstate);
        if (!b) {
            arm_take_fault(cpu);                 /* the fetch faulted */
            continue;
        }
        THREAD(b);
        d = b->insns;
        DISPATCH;

#if ARM_DISPATCH_SWITCH
dispatch:
        switch (d->op) {
#endif
#include "target/arm/sem.h"
        SEM(end) {
            if (d->it) {                         /* inside an IT block */
                ret += b->n;
                cpu->pc = d->pc;
                cpu->itstate = d->it;
                continue;
            }
            JUMP(d->pc);
        }
#if ARM_DISPATCH_SWITCH
        default:
            __builtin_unreachable();
        }
#endif

leave:
        cpu->pc = pc;
        cpu->itstate = 0;
        continue;

chain_miss:
        {
            cpu->pc = pc;
            cpu->itstate = 0;
            cpu->base.retired = ret;
            ArmBlock *nb = arm_block_lookup(cpu, pc, 0);
            if (!nb) {
                arm_take_fault(cpu);
                continue;
            }
            if (b->succ_pc[0] == ARM_NO_SUCC) {
                b->succ[0] = nb;
                b->succ_pc[0] = pc;
            } else {
                b->succ[1] = nb;
                b->succ_pc[1] = pc;
            }
            THREAD(nb);
            b = nb;
            d = b->insns;
            if (cpu->flush_pending) {
                continue;
            }
            DISPATCH;
        }
    }
    cpu->base.retired = ret;
    return ret - start;
#undef THREAD
}

uint64_t arm_exec(Cpu *base, uint64_t budget)
{
    ArmCpu *cpu = (ArmCpu *)base;
    if (!cpu->bc) {
        return 0;                 /* not realized */
    }
    return arm_run(cpu, budget);
}
