/* The Cortex-M4's DSP instructions from C, on mps2-an386 (built with
 * -mcpu=cortex-m4): every ACLE intrinsic of gcc 12's arm_acle.h on a grid
 * of inputs (result, GE, Q), then plain C that gcc -O2 turns into SMULBB,
 * SMLATT, SMLALBB, SXTAB, UXTAH..., inline assembly for the forms neither
 * reaches, and small kernels. Each operation prints four samples and a
 * hash of all its results, so hemu and QEMU must print the same.
 * SPDX-License-Identifier: MIT */
#include <arm_acle.h>
#include <stdint.h>
#include <stdio.h>

#define N_VALS (sizeof(vals) / sizeof(vals[0]))
#define NOINLINE __attribute__((noinline))

static const uint32_t vals[] = {
    0x00000000, 0x00010001, 0x7fff8000, 0x80017fff, 0x01ff80fe,
    0xffffffff, 0x12345678, 0x7f80ff01, 0x80000000, 0xfedcba98,
};

/* GE[3:0], read by SEL right after the instruction that set it */
static inline unsigned ge_bits(void)
{
    uint32_t m = __sel(0xffffffffu, 0);
    return (m & 1) | ((m >> 7) & 2) | ((m >> 14) & 4) | ((m >> 21) & 8);
}

/* An operation: its result for a, b and accumulator c (64-bit results in
 * two words), and in *st GE | Q << 4 after it (Q cleared before). */
typedef uint64_t OpFn(uint32_t a, uint32_t b, uint32_t c, unsigned *st);
typedef struct Op {
    const char *name;
    OpFn *fn;
} Op;

#define OP(name, expr) \
    static NOINLINE uint64_t op_##name(uint32_t a, uint32_t b, uint32_t c, \
                                       unsigned *st) \
    { \
        (void)a; (void)b; (void)c; \
        __set_saturation_occurred(0); \
        uint64_t res_ = (expr); \
        *st = ge_bits() | (unsigned)__saturation_occurred() << 4; \
        return res_; \
    }
#define U(x) ((uint64_t)(uint32_t)(x))
#define ACC64 ((uint64_t)c << 32 | a)

/* the intrinsics */
OP(qadd, U(__qadd((int32_t)a, (int32_t)b)))
OP(qsub, U(__qsub((int32_t)a, (int32_t)b)))
OP(qdbl, U(__qdbl((int32_t)a)))
OP(ssat16_8, U(__ssat16((int32_t)a, 8)))
OP(ssat16_16, U(__ssat16((int32_t)a, 16)))
OP(usat16_0, U(__usat16((int32_t)a, 0)))
OP(usat16_9, U(__usat16((int32_t)a, 9)))
OP(sadd8, U(__sadd8(a, b)))
OP(sadd16, U(__sadd16(a, b)))
OP(sasx, U(__sasx(a, b)))
OP(ssub8, U(__ssub8(a, b)))
OP(ssub16, U(__ssub16(a, b)))
OP(ssax, U(__ssax(a, b)))
OP(qadd8, U(__qadd8(a, b)))
OP(qadd16, U(__qadd16(a, b)))
OP(qasx, U(__qasx(a, b)))
OP(qsub8, U(__qsub8(a, b)))
OP(qsub16, U(__qsub16(a, b)))
OP(qsax, U(__qsax(a, b)))
OP(shadd8, U(__shadd8(a, b)))
OP(shadd16, U(__shadd16(a, b)))
OP(shasx, U(__shasx(a, b)))
OP(shsub8, U(__shsub8(a, b)))
OP(shsub16, U(__shsub16(a, b)))
OP(shsax, U(__shsax(a, b)))
OP(uadd8, U(__uadd8(a, b)))
OP(uadd16, U(__uadd16(a, b)))
OP(uasx, U(__uasx(a, b)))
OP(usub8, U(__usub8(a, b)))
OP(usub16, U(__usub16(a, b)))
OP(usax, U(__usax(a, b)))
OP(uqadd8, U(__uqadd8(a, b)))
OP(uqadd16, U(__uqadd16(a, b)))
OP(uqasx, U(__uqasx(a, b)))
OP(uqsub8, U(__uqsub8(a, b)))
OP(uqsub16, U(__uqsub16(a, b)))
OP(uqsax, U(__uqsax(a, b)))
OP(uhadd8, U(__uhadd8(a, b)))
OP(uhadd16, U(__uhadd16(a, b)))
OP(uhasx, U(__uhasx(a, b)))
OP(uhsub8, U(__uhsub8(a, b)))
OP(uhsub16, U(__uhsub16(a, b)))
OP(uhsax, U(__uhsax(a, b)))
OP(sel_after_usub8, (__usub8(a, b), U(__sel(a, b))))
OP(sel_after_ssub16, (__ssub16(a, b), U(__sel(a, b))))
OP(usad8, U(__usad8(a, b)))
OP(usada8, U(__usada8(a, b, c)))
OP(sxtab16, U(__sxtab16((int32_t)a, (int32_t)b)))
OP(sxtb16, U(__sxtb16((int32_t)a)))
OP(uxtab16, U(__uxtab16(a, b)))
OP(uxtb16, U(__uxtb16(a)))
OP(smlabb, U(__smlabb((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smlabt, U(__smlabt((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smlatb, U(__smlatb((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smlatt, U(__smlatt((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smlawb, U(__smlawb((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smlawt, U(__smlawt((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smuad, U(__smuad((int32_t)a, (int32_t)b)))
OP(smuadx, U(__smuadx((int32_t)a, (int32_t)b)))
OP(smusd, U(__smusd((int32_t)a, (int32_t)b)))
OP(smusdx, U(__smusdx((int32_t)a, (int32_t)b)))
OP(smlad, U(__smlad((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smladx, U(__smladx((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smlsd, U(__smlsd((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smlsdx, U(__smlsdx((int32_t)a, (int32_t)b, (int32_t)c)))
OP(smlald, (uint64_t)__smlald((int32_t)a, (int32_t)b, (int64_t)ACC64))
OP(smlaldx, (uint64_t)__smlaldx((int32_t)a, (int32_t)b, (int64_t)ACC64))
OP(smlsld, (uint64_t)__smlsld((int32_t)a, (int32_t)b, (int64_t)ACC64))
OP(smlsldx, (uint64_t)__smlsldx((int32_t)a, (int32_t)b, (int64_t)ACC64))

/* plain C: gcc -O2 -mcpu=cortex-m4 makes each function the instruction
 * in its name (functions of their own, so that the bookkeeping of OP does
 * not change what gcc chooses) */
static NOINLINE int32_t smulbb_c(int32_t a, int32_t b)
{
    return (int16_t)a * (int16_t)b;
}

static NOINLINE int32_t smultb_c(int32_t a, int32_t b)
{
    return (a >> 16) * (int16_t)b;
}

static NOINLINE int32_t smultt_c(int32_t a, int32_t b)
{
    return (a >> 16) * (b >> 16);
}

static NOINLINE int32_t smlabb_c(int32_t a, int32_t b, int32_t c)
{
    return c + (int16_t)a * (int16_t)b;
}

static NOINLINE int32_t smlatt_c(int32_t a, int32_t b, int32_t c)
{
    return c + (a >> 16) * (b >> 16);
}

static NOINLINE int64_t smlalbb_c(int32_t a, int32_t b, int64_t c)
{
    return c + (int16_t)a * (int16_t)b;
}

static NOINLINE int32_t sxtab_c(int32_t a, int32_t b)
{
    return a + (int8_t)b;
}

static NOINLINE int32_t sxtah_c(int32_t a, int32_t b)
{
    return a + (int16_t)b;
}

static NOINLINE uint32_t uxtab_c(uint32_t a, uint32_t b)
{
    return a + (uint8_t)b;
}

static NOINLINE uint32_t uxtah_c(uint32_t a, uint32_t b)
{
    return a + (uint16_t)b;
}

static NOINLINE int32_t ssat_c(int32_t a)
{
    return a > 127 ? 127 : a < -128 ? -128 : a;
}

OP(c_smulbb, U(smulbb_c((int32_t)a, (int32_t)b)))
OP(c_smultb, U(smultb_c((int32_t)a, (int32_t)b)))
OP(c_smultt, U(smultt_c((int32_t)a, (int32_t)b)))
OP(c_smlabb, U(smlabb_c((int32_t)a, (int32_t)b, (int32_t)c)))
OP(c_smlatt, U(smlatt_c((int32_t)a, (int32_t)b, (int32_t)c)))
OP(c_smlalbb, (uint64_t)smlalbb_c((int32_t)a, (int32_t)b, (int64_t)ACC64))
OP(c_sxtab, U(sxtab_c((int32_t)a, (int32_t)b)))
OP(c_sxtah, U(sxtah_c((int32_t)a, (int32_t)b)))
OP(c_uxtab, U(uxtab_c(a, b)))
OP(c_uxtah, U(uxtah_c(a, b)))
OP(c_ssat, U(ssat_c((int32_t)a)))

/* what neither reaches, as inline assembly: the doubling saturations, the
 * remaining halfword multiplies, the top-word ones, UMAAL, PKH shifts and
 * the rotations of the extends (r = a op b, c the accumulator) */
#define ASM(name, text) \
    OP(name, __extension__ ({ \
        uint32_t r_; \
        __asm__ volatile(text : "=&r"(r_) : "r"(a), "r"(b), "r"(c)); \
        U(r_); \
    }))
/* RdLo, RdHi = c, a */
#define ASM64(name, text) \
    OP(name, __extension__ ({ \
        uint32_t lo_ = c, hi_ = a; \
        __asm__ volatile(text : "+r"(lo_), "+r"(hi_) : "r"(a), "r"(b)); \
        (uint64_t)hi_ << 32 | lo_; \
    }))
ASM(a_qdadd, "qdadd %0, %1, %2")
ASM(a_qdsub, "qdsub %0, %1, %2")
ASM(a_smulbt, "smulbt %0, %1, %2")
ASM(a_smulwb, "smulwb %0, %1, %2")
ASM(a_smulwt, "smulwt %0, %1, %2")
ASM(a_smmul, "smmul %0, %1, %2")
ASM(a_smmulr, "smmulr %0, %1, %2")
ASM(a_smmla, "smmla %0, %1, %2, %3")
ASM(a_smmlar, "smmlar %0, %1, %2, %3")
ASM(a_smmls, "smmls %0, %1, %2, %3")
ASM(a_smmlsr, "smmlsr %0, %1, %2, %3")
ASM64(a_smlalbt, "smlalbt %0, %1, %2, %3")
ASM64(a_smlaltb, "smlaltb %0, %1, %2, %3")
ASM64(a_smlaltt, "smlaltt %0, %1, %2, %3")
ASM64(a_umaal, "umaal %0, %1, %2, %3")
ASM(a_pkhbt_lsl7, "pkhbt %0, %1, %2, lsl #7")
ASM(a_pkhtb_asr9, "pkhtb %0, %1, %2, asr #9")
ASM(a_pkhtb_asr32, "pkhtb %0, %1, %2, asr #32")
ASM(a_sxtab_ror8, "sxtab %0, %1, %2, ror #8")
ASM(a_sxtah_ror16, "sxtah %0, %1, %2, ror #16")
ASM(a_uxtab_ror24, "uxtab %0, %1, %2, ror #24")
ASM(a_uxtah_ror8, "uxtah %0, %1, %2, ror #8")
ASM(a_sxtab16_ror8, "sxtab16 %0, %1, %2, ror #8")
ASM(a_uxtab16_ror16, "uxtab16 %0, %1, %2, ror #16")
ASM(a_sxtb16_ror24, "sxtb16 %0, %2, ror #24")
ASM(a_uxtb16_ror8, "uxtb16 %0, %2, ror #8")

static const Op ops[] = {
#define E(name) { #name, op_##name }
    E(qadd), E(qsub), E(qdbl), E(ssat16_8), E(ssat16_16), E(usat16_0),
    E(usat16_9),
    E(sadd8), E(sadd16), E(sasx), E(ssub8), E(ssub16), E(ssax),
    E(qadd8), E(qadd16), E(qasx), E(qsub8), E(qsub16), E(qsax),
    E(shadd8), E(shadd16), E(shasx), E(shsub8), E(shsub16), E(shsax),
    E(uadd8), E(uadd16), E(uasx), E(usub8), E(usub16), E(usax),
    E(uqadd8), E(uqadd16), E(uqasx), E(uqsub8), E(uqsub16), E(uqsax),
    E(uhadd8), E(uhadd16), E(uhasx), E(uhsub8), E(uhsub16), E(uhsax),
    E(sel_after_usub8), E(sel_after_ssub16), E(usad8), E(usada8),
    E(sxtab16), E(sxtb16), E(uxtab16), E(uxtb16),
    E(smlabb), E(smlabt), E(smlatb), E(smlatt), E(smlawb), E(smlawt),
    E(smuad), E(smuadx), E(smusd), E(smusdx),
    E(smlad), E(smladx), E(smlsd), E(smlsdx),
    E(smlald), E(smlaldx), E(smlsld), E(smlsldx),
    E(c_smulbb), E(c_smultb), E(c_smultt), E(c_smlabb), E(c_smlatt),
    E(c_smlalbb), E(c_sxtab), E(c_sxtah), E(c_uxtab), E(c_uxtah), E(c_ssat),
    E(a_qdadd), E(a_qdsub), E(a_smulbt), E(a_smulwb), E(a_smulwt),
    E(a_smmul), E(a_smmulr), E(a_smmla), E(a_smmlar), E(a_smmls), E(a_smmlsr),
    E(a_smlalbt), E(a_smlaltb), E(a_smlaltt), E(a_umaal),
    E(a_pkhbt_lsl7), E(a_pkhtb_asr9), E(a_pkhtb_asr32),
    E(a_sxtab_ror8), E(a_sxtah_ror16), E(a_uxtab_ror24), E(a_uxtah_ror8),
    E(a_sxtab16_ror8), E(a_uxtab16_ror16), E(a_sxtb16_ror24), E(a_uxtb16_ror8),
#undef E
};

/* FNV-1a over the words */
static uint32_t hash(uint32_t h, uint32_t w)
{
    for (int i = 0; i < 4; i++) {
        h = (h ^ ((w >> (8 * i)) & 0xff)) * 16777619u;
    }
    return h;
}

/* Every (a, b) of vals with the accumulator c = vals[(i + 3 * j) % N]:
 * four samples, then the hash of all results and flags. */
static void run_op(const Op *op)
{
    uint32_t h = 2166136261u;
    printf("%-17s", op->name);
    for (unsigned i = 0; i < N_VALS; i++) {
        for (unsigned j = 0; j < N_VALS; j++) {
            unsigned st = 0;
            uint32_t c = vals[(i + 3 * j) % N_VALS];
            uint64_t r = op->fn(vals[i], vals[j], c, &st);
            h = hash(hash(hash(h, (uint32_t)r), (uint32_t)(r >> 32)), st);
            if ((i == 2 || i == 4) && (j == 3 || j == 7)) {
                if (r >> 32) {
                    printf(" %08lx:%08lx/%02x", (unsigned long)(r >> 32),
                           (unsigned long)(uint32_t)r, st);
                } else {
                    printf(" %08lx/%02x", (unsigned long)(uint32_t)r, st);
                }
            }
        }
    }
    printf(" #%08lx\n", (unsigned long)h);
}

/* kernels: a 16-bit dot product (SMLABB in the loop, SMLALBB for the
 * 64-bit sum), a saturating mix of two stereo sample streams (QADD16),
 * and the byte-wise maximum of two buffers (USUB8 + SEL) */
static int16_t xs[64], ys[64];
static uint32_t left[16], right[16], mixed[16];
static uint8_t bufa[64], bufb[64], bmax[64];

static NOINLINE int32_t dot(const int16_t *a, const int16_t *b, int n)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++) {
        s += a[i] * b[i];
    }
    return s;
}

static NOINLINE int64_t dot64(const int16_t *a, const int16_t *b, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++) {
        s += a[i] * b[i];
    }
    return s;
}

static NOINLINE void mix(uint32_t *out, const uint32_t *a, const uint32_t *b,
                         int n)
{
    for (int i = 0; i < n; i++) {
        out[i] = __qadd16(a[i], b[i]);
    }
}

static NOINLINE void max8(uint8_t *out, const uint8_t *a, const uint8_t *b,
                          int n)
{
    for (int i = 0; i < n; i += 4) {
        uint32_t x, y, m;
        __builtin_memcpy(&x, a + i, 4);
        __builtin_memcpy(&y, b + i, 4);
        __usub8(x, y);
        m = __sel(x, y);
        __builtin_memcpy(out + i, &m, 4);
    }
}

static void kernels(void)
{
    uint32_t seed = 12345;
    for (int i = 0; i < 64; i++) {
        seed = seed * 1103515245u + 12345u;
        xs[i] = (int16_t)(seed >> 8);
        ys[i] = (int16_t)(seed >> 15);
        bufa[i] = (uint8_t)(seed >> 3);
        bufb[i] = (uint8_t)(seed >> 19);
    }
    for (int i = 0; i < 16; i++) {
        left[i] = (uint32_t)xs[i] << 16 | (uint16_t)ys[i];
        right[i] = (uint32_t)xs[i + 16] << 16 | (uint16_t)ys[i + 16];
    }
    printf("dot16 %08lx\n", (unsigned long)(uint32_t)dot(xs, ys, 64));
    int64_t d = dot64(xs, xs, 64);
    printf("dot64 %08lx:%08lx\n", (unsigned long)(uint32_t)((uint64_t)d >> 32),
           (unsigned long)(uint32_t)d);
    mix(mixed, left, right, 16);
    uint32_t h = 2166136261u;
    for (int i = 0; i < 16; i++) {
        h = hash(h, mixed[i]);
    }
    printf("mix %08lx %08lx #%08lx\n", (unsigned long)mixed[0],
           (unsigned long)mixed[1], (unsigned long)h);
    max8(bmax, bufa, bufb, 64);
    h = 2166136261u;
    for (int i = 0; i < 64; i += 4) {
        uint32_t w;
        __builtin_memcpy(&w, bmax + i, 4);
        h = hash(h, w);
    }
    printf("max8 %02x %02x %02x %02x #%08lx\n", bmax[0], bmax[1], bmax[2],
           bmax[3], (unsigned long)h);
}

int main(void)
{
    printf("DSP instructions: samples (a, b) = (%08lx|%08lx, %08lx|%08lx), "
           "result/GE|Q<<4, #hash\n", (unsigned long)vals[2],
           (unsigned long)vals[4], (unsigned long)vals[3],
           (unsigned long)vals[7]);
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        run_op(&ops[i]);
    }
    kernels();
    return 0;
}
