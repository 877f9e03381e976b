/* Thumb execution: the macros that give the semantics of sem.h their
 * meaning (registers, flags, the RAM fast path for loads and stores, block
 * ends) and the dispatcher of run.h. The dispatch is computed goto
 * (threaded code), or a switch with -DARM_DISPATCH_SWITCH=1.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "exec/dispatch.h"
#include "target/arm/cpu.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the RAM fast path reads guest memory in host order: little-endian only"
#endif

#ifndef ARM_DISPATCH_SWITCH
#define ARM_DISPATCH_SWITCH 0
#endif

/* Shift with carry out (A2.2.1, A7.4.2); amt 0 leaves v and *c. */
static inline uint32_t arm_shift_c(uint32_t v, unsigned type, unsigned amt,
                                   uint32_t *c)
{
    switch (type) {
    case ARM_SH_LSL:
        if (amt == 0) {
            return v;
        }
        if (amt < 32) {
            *c = (v >> (32 - amt)) & 1;
            return v << amt;
        }
        *c = amt == 32 ? v & 1 : 0;
        return 0;
    case ARM_SH_LSR:
        if (amt == 0) {
            return v;
        }
        if (amt < 32) {
            *c = (v >> (amt - 1)) & 1;
            return v >> amt;
        }
        *c = amt == 32 ? v >> 31 : 0;
        return 0;
    case ARM_SH_ASR:
        if (amt == 0) {
            return v;
        }
        if (amt >= 32) {
            *c = v >> 31;
            return (uint32_t)((int32_t)v >> 31);
        }
        *c = ((uint32_t)((int32_t)v >> (amt - 1))) & 1;
        return (uint32_t)((int32_t)v >> amt);
    case ARM_SH_ROR: {
        if (amt == 0) {
            return v;
        }
        amt &= 31;
        uint32_t r = amt ? v >> amt | v << (32 - amt) : v;
        *c = r >> 31;
        return r;
    }
    default: {                                   /* RRX */
        uint32_t r = *c << 31 | v >> 1;
        *c = v & 1;
        return r;
    }
    }
}

/* AddWithCarry (A2.2.1), setting N Z C V */
static inline uint32_t arm_addc(ArmCpu *cpu, uint32_t a, uint32_t b,
                                uint32_t cin)
{
    uint64_t s = (uint64_t)a + b + cin;
    uint32_t r = (uint32_t)s;
    cpu->nf = cpu->zf = r;
    cpu->cf = (uint32_t)(s >> 32);
    cpu->vf = (a ^ r) & (b ^ r);
    return r;
}

/* SignedSatQ and UnsignedSatQ (A2.2.1): v clamped to the signed or
 * unsigned range of bits; *q (when given) set to 1 if it was clamped */
static inline int64_t arm_sat_s(int64_t v, unsigned bits, uint32_t *q)
{
    int64_t hi = (int64_t)((1ull << (bits - 1)) - 1), lo = -hi - 1;
    if (v > hi || v < lo) {
        if (q) {
            *q = 1;
        }
        return v > hi ? hi : lo;
    }
    return v;
}

static inline int64_t arm_sat_u(int64_t v, unsigned bits, uint32_t *q)
{
    int64_t hi = (int64_t)((1ull << bits) - 1);
    if (v > hi || v < 0) {
        if (q) {
            *q = 1;
        }
        return v < 0 ? 0 : hi;
    }
    return v;
}

/* ConditionPassed (A7.3.1) */
static inline bool arm_cond_pass(const ArmCpu *c, unsigned cond)
{
    bool r;
    switch (cond >> 1) {
    case 0: r = c->zf == 0; break;
    case 1: r = c->cf != 0; break;
    case 2: r = (int32_t)c->nf < 0; break;
    case 3: r = (int32_t)c->vf < 0; break;
    case 4: r = c->cf && c->zf != 0; break;
    case 5: r = (int32_t)(c->nf ^ c->vf) >= 0; break;
    case 6: r = c->zf != 0 && (int32_t)(c->nf ^ c->vf) >= 0; break;
    default: return true;
    }
    return (cond & 1) ? !r : r;
}

static inline uint32_t arm_rbit(uint32_t v)
{
    v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
    v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
    v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(v);
}

#if ARM_DISPATCH_SWITCH
#define SEM(n) case ARM_OP_##n:
#define DISPATCH goto dispatch
#else
#define SEM(n) L_##n:
#define DISPATCH goto *d->h
#endif

#define NEXT do { d++; DISPATCH; } while (0)
/* after a store: leave when it changed code, the map or pending state */
#define SNEXT do { \
        if (ARM_UNLIKELY(exit_after)) { \
            goto outer; \
        } \
        NEXT; \
    } while (0)
#define R(n) (r[n])
#define W(n, v) (r[n] = (uint32_t)(v))
#define PC (d->pc)
#define NPC (d->pc + d->len)
/* The end of a block: count it, then follow the chain (run.h). Jumps
 * leave IT blocks, so chained blocks start with ITSTATE 0. */
#define JUMP(t) do { \
        pc = (uint32_t)(t); \
        ret += b->n; \
        if (ARM_UNLIKELY(ret >= stop)) { \
            goto leave; \
        } \
        if (ARM_LIKELY(pc == b->succ_pc[0])) { \
            b = b->succ[0]; \
        } else if (pc == b->succ_pc[1]) { \
            b = b->succ[1]; \
        } else { \
            goto chain_miss; \
        } \
        d = b->insns; \
        DISPATCH; \
    } while (0)
/* the state before/after this instruction, for helpers and traps */
#define AT_INSN do { \
        ret += d->idx; cpu->base.retired = ret; \
        cpu->pc = PC; cpu->itstate = d->it; \
    } while (0)
#define AFTER_INSN do { \
        ret += d->idx + 1; cpu->base.retired = ret; \
        cpu->pc = NPC; cpu->itstate = (uint8_t)arm_it_advance(d->it); \
    } while (0)
/* an interworking write of the PC (BX, BLX, POP/LDM/LDR into PC) */
#define BXWRITE(v) do { \
        uint32_t bx_ = (v); \
        if (ARM_LIKELY((bx_ & 1) && bx_ < 0xf0000000u)) { \
            JUMP(bx_ & ~1u); \
        } \
        AFTER_INSN; \
        if (arm_bx_write(cpu, bx_) == ARM_EXC) { \
            ret--; \
        } \
        goto outer; \
    } while (0)
#define RAISE(exc, cfsr) do { \
        AT_INSN; arm_fault(cpu, (exc), (cfsr)); goto outer; \
    } while (0)
#define FAULT_EXIT do { exit_after = false; AT_INSN; arm_take_fault(cpu); goto outer; } while (0)
#define TERM(call) do { \
        AT_INSN; \
        int r_ = (call); \
        if (r_ != ARM_EXC) { \
            ret++; \
        } \
        if (r_ == ARM_NEXT) { \
            cpu->pc = NPC; \
            cpu->itstate = (uint8_t)arm_it_advance(d->it); \
        } \
        goto outer; \
    } while (0)
#define TERM_AFTER(call) do { AFTER_INSN; (void)(call); goto outer; } while (0)
/* after a call that may have reached a device */
#define POLL do { \
        if (ARM_UNLIKELY(cpu->irq_pending || cpu->base.exit_request)) { \
            stop = 0; \
        } \
    } while (0)
#define TLB_HIT(tlb, a, size) \
    (ARM_LIKELY((tlb)[((a) >> 12) & (ARM_TLB_SIZE - 1)].tag == \
                ((a) & (ARM_PAGE_MASK | ((size) - 1)))))
#define LOAD(T, addr, acc, use) do { \
        uint32_t la_ = (addr); \
        T v_; \
        if (TLB_HIT(cpu->rtlb, la_, sizeof(T))) { \
            memcpy(&v_, (const void *)(cpu->rtlb[(la_ >> 12) & \
                   (ARM_TLB_SIZE - 1)].addend + (uintptr_t)la_), sizeof(T)); \
        } else { \
            uint32_t s_; \
            cpu->base.retired = ret + d->idx; \
            if (!arm_load_slow(cpu, la_, sizeof(T), &s_, (acc))) { \
                FAULT_EXIT; \
            } \
            POLL; \
            v_ = (T)s_; \
        } \
        use; \
    } while (0)
#define STORE(T, addr, val, acc) do { \
        uint32_t sa_ = (addr); \
        T st_ = (T)(val); \
        if (TLB_HIT(cpu->wtlb, sa_, sizeof(T))) { \
            memcpy((void *)(cpu->wtlb[(sa_ >> 12) & (ARM_TLB_SIZE - 1)].addend + \
                   (uintptr_t)sa_), &st_, sizeof(T)); \
        } else { \
            cpu->base.retired = ret + d->idx; \
            int sm_ = arm_store_slow(cpu, sa_, sizeof(T), (uint32_t)st_, (acc)); \
            POLL; \
            if (sm_ == ARM_MEM_FAULT) { \
                FAULT_EXIT; \
            } \
            if (ARM_UNLIKELY(sm_ == ARM_MEM_EXIT)) { \
                exit_after = true; \
            } \
        } \
    } while (0)

#include "target/arm/run.h"
