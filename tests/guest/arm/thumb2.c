/* Thumb-2 integer instructions, compared with QEMU: each group runs over
 * every pair of a set of operands (and NZCV inputs) and prints a hash of
 * the results and APSR (Q included); loads and stores also hash the
 * memory they touch and the written-back base. Not here: what ARMv7-M
 * leaves UNPREDICTABLE or IMPLEMENTATION DEFINED (STREX of another size
 * than its LDREX, whether the local monitor checks the address).
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

static const uint32_t vals[] = {
    0, 1, 2, 31, 32, 33, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
    0x12345678, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
    0x9abcdef0, 0x55555555, 0xaaaaaaaa,
};
#define NV (sizeof vals / sizeof vals[0])

static uint32_t h;
static void mix(uint32_t v) { h = (h ^ v) * 16777619u; }

/* an operation on a and b, with NZCV in f: its result r and APSR */
#define OP2(name, insn) \
static void t_##name(void) { \
    h = 2166136261u; \
    for (unsigned i = 0; i < NV; i++) for (unsigned j = 0; j < NV; j++) for (unsigned f = 0; f < 16; f += 5) { \
        uint32_t a = vals[i], b = vals[j], r, psr; \
        __asm__ volatile("msr apsr_nzcvq, %[f]\n " insn "\n mrs %[p], apsr" \
            : [r] "=&r"(r), [p] "=&r"(psr) : [a] "r"(a), [b] "r"(b), [f] "r"(f << 28) : "cc", "r12"); \
        mix(r); mix(psr); \
    } \
    printf("%-8s %08lx\n", #name, (unsigned long)h); \
}

OP2(adds, "adds %[r], %[a], %[b]")
OP2(adcs, "adcs %[r], %[a], %[b]")
OP2(subs, "subs %[r], %[a], %[b]")
OP2(sbcs, "sbcs %[r], %[a], %[b]")
OP2(rsbs, "rsbs %[r], %[a], #0\n add %[r], %[r], %[b]")
OP2(lsls_r, "lsls %[r], %[a], %[b]")
OP2(lsrs_r, "lsrs %[r], %[a], %[b]")
OP2(asrs_r, "asrs %[r], %[a], %[b]")
OP2(rors_r, "rors %[r], %[a], %[b]")
OP2(ands_sh, "ands %[r], %[a], %[b], lsl #7")
OP2(orrs_sh, "orrs %[r], %[a], %[b], lsr #31")
OP2(eors_sh, "eors %[r], %[a], %[b], asr #1")
OP2(bics_sh, "bics %[r], %[a], %[b], ror #13")
OP2(orns, "orns %[r], %[a], %[b]")
OP2(movs_rrx, "movs %[r], %[a], rrx\n add %[r], %[b]")
OP2(mvns_sh, "mvns %[r], %[a], lsl #1\n eor %[r], %[b]")
OP2(adds_imm, "adds %[r], %[a], #0xff00ff00\n eor %[r], %[b]")
OP2(subs_imm, "subs %[r], %[a], #0x80000000\n eor %[r], %[b]")
OP2(cmp, "cmp %[a], %[b]\n mov %[r], #0")
OP2(cmn, "cmn %[a], %[b]\n mov %[r], #0")
OP2(tst, "tst %[a], %[b]\n mov %[r], #0")
OP2(teq, "teq %[a], %[b], lsl #3\n mov %[r], #0")
OP2(mul, "mul %[r], %[a], %[b]")
OP2(mla, "mla %[r], %[a], %[b], %[a]")
OP2(mls, "mls %[r], %[a], %[b], %[b]")
OP2(umull, "umull %[r], r12, %[a], %[b]\n eor %[r], r12")
OP2(smull, "smull %[r], r12, %[a], %[b]\n eor %[r], %[r], r12, ror #3")
OP2(umlal, "mov r12, %[a]\n mov %[r], %[b]\n umlal %[r], r12, %[a], %[b]\n eor %[r], %[r], r12, ror #5")
OP2(smlal, "mov r12, %[b]\n mov %[r], %[a]\n smlal %[r], r12, %[a], %[b]\n eor %[r], %[r], r12, ror #7")
OP2(sdiv, "sdiv %[r], %[a], %[b]")
OP2(udiv, "udiv %[r], %[a], %[b]")
OP2(clz, "clz %[r], %[a]\n add %[r], %[b]")
OP2(rbit, "rbit %[r], %[a]\n add %[r], %[b]")
OP2(rev, "rev %[r], %[a]\n rev16 r12, %[b]\n eor %[r], r12")
OP2(revsh, "revsh %[r], %[a]\n add %[r], %[b]")
OP2(ssat, "ssat %[r], #9, %[a], asr #3\n add %[r], %[b]")
OP2(usat, "usat %[r], #13, %[a], lsl #2\n add %[r], %[b]")
OP2(ssat1, "ssat %[r], #1, %[a]\n add %[r], %[b]")
OP2(usat0, "usat %[r], #0, %[a]\n add %[r], %[b]")
OP2(ubfx, "ubfx %[r], %[a], #5, #11\n add %[r], %[b]")
OP2(sbfx, "sbfx %[r], %[a], #3, #17\n add %[r], %[b]")
OP2(bfi, "mov %[r], %[b]\n bfi %[r], %[a], #9, #13")
OP2(bfc, "mov %[r], %[b]\n bfc %[r], #4, #20\n add %[r], %[a]")
OP2(sxtb, "sxtb %[r], %[a], ror #8\n sxth r12, %[b], ror #16\n add %[r], r12")
OP2(uxtb, "uxtb %[r], %[a], ror #24\n uxth r12, %[b]\n add %[r], r12")
OP2(adr_it, "cmp %[a], %[b]\n ite hi\n movhi %[r], #1\n movls %[r], #2\n itt lt\n addlt %[r], #4\n sublt %[r], #1")
OP2(it_flags, "cmp %[a], %[b]\n itet ge\n addge %[r], %[a], %[b]\n sublt %[r], %[a], %[b]\n addsge %[r], %[r], #1")
OP2(lsl_imm, "lsls %[r], %[a], #31\n lsrs r12, %[b], #32\n adc %[r], r12")
OP2(asr_imm, "asrs %[r], %[a], #32\n adcs %[r], %[b]")
OP2(qflag, "ssat %[r], #4, %[a]\n usat r12, #4, %[b]\n add %[r], r12")
OP2(addw, "addw %[r], %[a], #0xabc\n subw %[r], %[r], #0x123\n add %[r], %[b]")
OP2(movt, "movw %[r], #0x1234\n movt %[r], #0xfedc\n eor %[r], %[a]\n add %[r], %[b]")

/* loads and stores: an operation on a 64-byte buffer at offset 8 + (a &
 * 15), with b as data; the buffer and the registers are hashed */
static uint32_t mem[16] __attribute__((aligned(8)));
#define OPM(name, insn) \
static void t_##name(void) { \
    h = 2166136261u; \
    for (unsigned i = 0; i < NV; i++) for (unsigned j = 0; j < NV; j++) { \
        for (unsigned k = 0; k < 16; k++) mem[k] = 0x01010101u * (k + 1) ^ vals[(i + k) % NV]; \
        uint32_t p = (uint32_t)&mem[4] + (vals[i] & 7) * 4, b = vals[j], r = 0; \
        __asm__ volatile(insn : [r] "+&r"(r), [p] "+&r"(p) : [b] "r"(b) : "cc", "r12", "memory"); \
        mix(r); mix(p - (uint32_t)mem); \
        for (unsigned k = 0; k < 16; k++) mix(mem[k]); \
    } \
    printf("%-8s %08lx\n", #name, (unsigned long)h); \
}
OPM(ldr_idx, "ldr %[r], [%[p], #4]!\n ldr r12, [%[p]], #-8\n add %[r], r12")
OPM(ldrb_s, "ldrsb %[r], [%[p], #3]\n ldrsh r12, [%[p], #-2]\n add %[r], r12")
OPM(ldrh_r, "and r12, %[b], #7\n ldrh %[r], [%[p], r12, lsl #1]")
OPM(str_idx, "str %[b], [%[p], #-4]!\n strh %[b], [%[p], #6]\n strb %[b], [%[p]], #1")
OPM(ldrd, "ldrd %[r], r12, [%[p], #-8]!\n add %[r], r12")
OPM(strd, "strd %[b], %[p], [%[p], #8]")
OPM(ldm, "ldmia %[p]!, {r12}\n ldmdb %[p], {%[r]}\n add %[r], r12")
OPM(stm, "mov r12, #7\n stmdb %[p]!, {%[b], r12}\n stmia %[p], {r12}")
OPM(tbb, "and r12, %[b], #3\n tbb [pc, r12]\n 1: .byte 2, 3, 4, 5\n add %[r], #1\n add %[r], #2\n add %[r], #4\n add %[r], #8\n")
OPM(tbh, "and r12, %[b], #1\n tbh [pc, r12, lsl #1]\n 1: .hword 2, 3\n add %[r], #16\n add %[r], #32\n")
OPM(excl, "ldrex %[r], [%[p]]\n strex r12, %[b], [%[p]]\n add %[r], r12\n strex r12, %[b], [%[p]]\n add %[r], %[r], r12, lsl #4\n ldrexb r12, [%[p]]\n add %[r], %[r], r12, lsl #8\n strexb r12, %[b], [%[p]]\n add %[r], %[r], r12, lsl #12\n ldrexh r12, [%[p]]\n clrex\n strexh r12, %[b], [%[p]]\n add %[r], %[r], r12, lsl #16")
OPM(ldr_lit, "ldr %[r], =0xdeadbeef\n ldr.w r12, 2f\n b 3f\n .ltorg\n .align 2\n 2: .word 0x1234abcd\n 3: add %[r], r12")
OPM(pushpop, "push {%[b]}\n push {%[p]}\n pop {r12}\n pop {%[r]}\n add %[r], r12")

int main(void)
{
    t_adds(); t_adcs(); t_subs(); t_sbcs(); t_rsbs(); t_lsls_r(); t_lsrs_r(); t_asrs_r(); t_rors_r();
    t_ands_sh(); t_orrs_sh(); t_eors_sh(); t_bics_sh(); t_orns(); t_movs_rrx(); t_mvns_sh();
    t_adds_imm(); t_subs_imm(); t_cmp(); t_cmn(); t_tst(); t_teq(); t_mul(); t_mla(); t_mls();
    t_umull(); t_smull(); t_umlal(); t_smlal(); t_sdiv(); t_udiv(); t_clz(); t_rbit(); t_rev(); t_revsh();
    t_ssat(); t_usat(); t_ssat1(); t_usat0(); t_ubfx(); t_sbfx(); t_bfi(); t_bfc(); t_sxtb(); t_uxtb();
    t_adr_it(); t_it_flags(); t_lsl_imm(); t_asr_imm(); t_qflag(); t_addw(); t_movt();
    t_ldr_idx(); t_ldrb_s(); t_ldrh_r(); t_str_idx(); t_ldrd(); t_strd(); t_ldm(); t_stm();
    t_tbb(); t_tbh(); t_excl(); t_ldr_lit(); t_pushpop();
    return 0;
}
