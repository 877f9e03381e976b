/* RISC-V execution: the macros that give the semantics of sem.h their
 * meaning (registers, immediates, the TLB fast path for loads and stores)
 * and the dispatcher of run.h, instantiated for RV64 and RV32. The dispatch
 * is computed goto, or a switch with -DRV_DISPATCH_SWITCH=1.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "exec/dispatch.h"
#include "target/riscv/cpu.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the RAM fast path reads guest memory in host order: little-endian only"
#endif

#ifndef RV_DISPATCH_SWITCH
#define RV_DISPATCH_SWITCH 0
#endif

#if RV_DISPATCH_SWITCH
#define SEM(n) case RV_OP_##n:
#define DISPATCH goto dispatch
#else
#define SEM(n) L_##n:
#define DISPATCH goto *d->h
#endif

#define NEXT do { d++; DISPATCH; } while (0)
#define X(r) ((UX)x[r])
#define WX(r, v) (x[r] = (uint64_t)(UX)(v))
#define IMM ((SX)d->imm)
#define PC ((UX)(bpc + d->off))
#define NPC ((UX)(bpc + d->off + d->len))
/* The end of a block, copied into every jump so each has its own dispatch
 * (better predicted, one jump fewer): count the block, then follow the
 * chain (run.h) */
#define JUMP(t) do { \
        pc = (UX)(t); \
        ret += b->n; \
        if (RV_UNLIKELY(ret >= stop)) { \
            goto leave; \
        } \
        if (RV_LIKELY(pc == b->succ_pc[0])) { \
            b = b->succ[0]; \
        } else if (pc == b->succ_pc[1]) { \
            b = b->succ[1]; \
        } else { \
            goto chain_miss; \
        } \
        bpc = pc; \
        d = b->insns; \
        DISPATCH; \
    } while (0)
#define INDEX ((uint64_t)(d - b->insns))
/* leave the block after a trap (the instruction did not retire) */
#define EXC_EXIT do { ret += INDEX; goto outer; } while (0)
/* leave the block after this instruction (code or the memory map changed) */
#define EXIT_AFTER do { \
        ret += INDEX + 1; cpu->pc = NPC; goto outer; \
    } while (0)
#define RAISE(cause, tval) do { \
        ret += INDEX; rv_raise(cpu, cause, tval, PC); \
        goto outer; \
    } while (0)
#define TERM(call) do { \
        ret += INDEX; \
        cpu->base.retired = ret;   /* CSRs read the counters */ \
        cpu->pc = PC; \
        int r_ = (call); \
        if (r_ != RV_EXC) { \
            ret++; \
        } \
        if (r_ == RV_NEXT) { \
            cpu->pc = NPC; \
        } \
        goto outer; \
    } while (0)
/* after a call that may have reached a device: see run.h */
#define POLL do { \
        if (RV_UNLIKELY(cpu->irq_pending || cpu->base.exit_request)) { \
            stop = 0; \
        } \
    } while (0)
#define MEMCALL(call, use) do { \
        int r_ = (call); \
        POLL; \
        if (r_ == RV_MEM_EXC) { \
            EXC_EXIT; \
        } \
        use; \
        if (RV_UNLIKELY(r_ == RV_MEM_EXIT)) { \
            EXIT_AFTER; \
        } \
    } while (0)
/* The TLB fast path: the tag matches only for an aligned access to a RAM
 * page (flags in the tag's low bits never match an address's). */
#define TLB_HIT(tlb, a, size) \
    (RV_LIKELY((tlb)[((a) >> 12) & (RV_TLB_SIZE - 1)].tag == \
               ((a) & (RV_PAGE_MASK | ((size) - 1)))))
#define LOAD(T, addr, use) do { \
        UX a_ = (addr); \
        SX v_; \
        if (TLB_HIT(cpu->dtlb, a_, sizeof(T))) { \
            T t_; \
            memcpy(&t_, (const void *)(cpu->dtlb[(a_ >> 12) & \
                   (RV_TLB_SIZE - 1)].addend + (uintptr_t)a_), sizeof(T)); \
            v_ = (SX)t_; \
        } else { \
            uint64_t s_; \
            if (!rv_load_slow(cpu, a_, sizeof(T), &s_, PC)) { \
                EXC_EXIT; \
            } \
            POLL; \
            v_ = (SX)(T)s_; \
        } \
        use; \
    } while (0)
#define STORE(T, addr, val) do { \
        UX a_ = (addr); \
        if (TLB_HIT(cpu->wtlb, a_, sizeof(T))) { \
            T t_ = (T)(val); \
            memcpy((void *)(cpu->wtlb[(a_ >> 12) & (RV_TLB_SIZE - 1)].addend + \
                   (uintptr_t)a_), &t_, sizeof(T)); \
        } else { \
            MEMCALL(rv_store_slow(cpu, a_, sizeof(T), (uint64_t)(val), PC), \
                    (void)0); \
        } \
    } while (0)

#define XLEN 64
#define UX uint64_t
#define SX int64_t
#define UX2 unsigned __int128
#define SX2 __int128
#define SX_MIN INT64_MIN
#define RUN_FN run64
#include "target/riscv/run.h"
#undef XLEN
#undef UX
#undef SX
#undef UX2
#undef SX2
#undef SX_MIN
#undef RUN_FN

#define XLEN 32
#define UX uint32_t
#define SX int32_t
#define UX2 uint64_t
#define SX2 int64_t
#define SX_MIN INT32_MIN
#define RUN_FN run32
#include "target/riscv/run.h"

uint64_t rv_exec(Cpu *base, uint64_t budget)
{
    RiscvCpu *cpu = (RiscvCpu *)base;
    if (!cpu->bc) {
        return 0;                 /* not realized */
    }
    return cpu->xlen == 64 ? run64(cpu, budget) : run32(cpu, budget);
}
