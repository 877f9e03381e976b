/* RISC-V F and D arithmetic (Unprivileged ISA 20191213 ch. 11-13, IEEE
 * 754-2019). Each operation runs once on the host in long double, rounded
 * toward zero, with the host's inexact flag kept as a sticky bit: with at
 * least two more bits than a double, that pair decides the rounding to
 * single or double exactly ("round to odd"). That last rounding is done
 * here in software, so all five modes (RMM has no host mode), overflow,
 * and underflow with tininess after rounding are the same on any host.
 * The host FP environment is saved and restored around each host op.
 * SPDX-License-Identifier: MIT */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "target/riscv/cpu.h"

/* 64 bits: int64 converts exactly and a double has 11 bits to spare; the
 * exponent range holds any product or quotient of doubles unrounded. */
_Static_assert(LDBL_MANT_DIG >= 64 && LDBL_MIN_EXP <= -16381,
               "long double must be x87 extended or IEEE quad");

typedef struct Fmt {
    int p, emin, emax;              /* precision, exponent range */
    uint64_t sign, expo, quiet;     /* bit masks */
    uint64_t canon, max;            /* canonical NaN, largest finite */
} Fmt;

static const Fmt fmts[2] = {
    [RV_FP_S] = { 24, -126, 127, 0x80000000u, 0x7f800000u, 0x400000u,
                  0x7fc00000u, 0x7f7fffffu },
    [RV_FP_D] = { 53, -1022, 1023, 1ull << 63, 0x7ffull << 52, 1ull << 51,
                  0x7ff8000000000000ull, 0x7fefffffffffffffull },
};

static bool is_nan(const Fmt *F, uint64_t a)
{
    return (a & ~F->sign) > F->expo;
}

static bool is_snan(const Fmt *F, uint64_t a)
{
    return is_nan(F, a) && !(a & F->quiet);
}

static bool is_inf(const Fmt *F, uint64_t a)
{
    return (a & ~F->sign) == F->expo;
}

static bool is_zero(const Fmt *F, uint64_t a)
{
    return (a & ~F->sign) == 0;
}

/* Not for NaNs (a signaling one would raise on the host). */
static long double unpack(const Fmt *F, uint64_t a)
{
    if (F->p == 24) {
        float s;
        uint32_t w = (uint32_t)a;
        memcpy(&s, &w, 4);
        return s;
    }
    double v;
    memcpy(&v, &a, 8);
    return v;
}

/* r is exactly representable in the format (or infinite). */
static uint64_t pack(const Fmt *F, long double r)
{
    if (F->p == 24) {
        float s = (float)r;
        uint32_t w;
        memcpy(&w, &s, 4);
        return w;
    }
    double v = (double)r;
    uint64_t w;
    memcpy(&w, &v, 8);
    return w;
}

/* Round t >= 0 (with sticky: something nonzero below t) to an integer in
 * mode rm for a value of sign neg. */
static long double round_int(long double t, bool sticky, bool neg,
                             unsigned rm, bool *inexact)
{
    long double q = truncl(t), frac = t - q;
    bool up;
    *inexact = frac != 0 || sticky;
    switch (rm) {
    case RV_RM_RNE:
        up = frac > 0.5L || (frac == 0.5L && (sticky || fmodl(q, 2) != 0));
        break;
    case RV_RM_RTZ: up = false; break;
    case RV_RM_RDN: up = *inexact && neg; break;
    case RV_RM_RUP: up = *inexact && !neg; break;
    default:        up = frac >= 0.5L; break;        /* RMM */
    }
    return up ? q + 1 : q;
}

/* Round w (finite; the exact value is w, or a bit more in magnitude when
 * sticky) to the format in f->rm, raising NX, UF and OF (§11.2, IEEE 754
 * §7.4-7.6: tininess after rounding). */
static uint64_t round_pack(RvFp *f, const Fmt *F, long double w, bool sticky)
{
    bool neg = signbit(w), inexact;
    long double a = fabsl(w);
    if (a == 0) {
        return neg ? F->sign : 0;
    }
    int e;
    frexpl(a, &e);
    int E = e - 1;                             /* a in [2^E, 2^(E+1)) */
    int ue = (E >= F->emin ? E : F->emin) - (F->p - 1);   /* ulp exponent */
    long double r = ldexpl(round_int(ldexpl(a, -ue), sticky, neg, f->rm,
                                     &inexact), ue);
    if (r >= ldexpl(1, F->emax + 1)) {
        f->flags |= RV_FF_OF | RV_FF_NX;
        bool to_inf = f->rm == RV_RM_RNE || f->rm == RV_RM_RMM ||
                      (f->rm == RV_RM_RUP && !neg) || (f->rm == RV_RM_RDN && neg);
        return (to_inf ? F->expo : F->max) | (neg ? F->sign : 0);
    }
    if (inexact) {
        f->flags |= RV_FF_NX;
        if (E < F->emin) {
            /* tiny if below 2^emin rounded to p bits, exponent unbounded */
            bool ix;
            int ue2 = E - (F->p - 1);
            long double r2 = ldexpl(round_int(ldexpl(a, -ue2), sticky, neg,
                                              f->rm, &ix), ue2);
            if (r2 < ldexpl(1, F->emin)) {
                f->flags |= RV_FF_UF;
            }
        }
    }
    return pack(F, neg ? -r : r);
}

/* ---- The host operation ------------------------------------------------ */

enum { OP_ADD, OP_MUL, OP_DIV, OP_SQRT, OP_FMA };

typedef struct Wide {
    long double v;
    int ex;             /* host exceptions raised */
} Wide;

/* One host op in host rounding mode mode; the volatiles keep the op
 * between the mode change and the flag test. */
static Wide wide(int op, long double a, long double b, long double c,
                 int mode)
{
    fenv_t env;
    Wide w;
    fegetenv(&env);
    fesetround(mode);
    feclearexcept(FE_ALL_EXCEPT);
    volatile long double x = a, y = b, z = c, r;
    switch (op) {
    case OP_ADD:  r = x + y; break;
    case OP_MUL:  r = x * y; break;
    case OP_DIV:  r = x / y; break;
    case OP_SQRT: r = sqrtl(x); break;
    default:      r = fmal(x, y, z); break;
    }
    w.v = r;
    w.ex = fetestexcept(FE_ALL_EXCEPT);
    fesetenv(&env);
    return w;
}

static uint64_t arith(RvFp *f, unsigned fmt, int op, uint64_t a, uint64_t b,
                      uint64_t c)
{
    const Fmt *F = &fmts[fmt];
    int n = op == OP_SQRT ? 1 : op == OP_FMA ? 3 : 2;
    const uint64_t in[3] = { a, b, c };
    bool nan = false;
    /* inf * 0 is invalid even when the addend is a quiet NaN (§11.6) */
    if (op == OP_FMA && ((is_inf(F, a) && is_zero(F, b)) ||
                         (is_zero(F, a) && is_inf(F, b)))) {
        f->flags |= RV_FF_NV;
        nan = true;
    }
    for (int i = 0; i < n; i++) {
        if (is_nan(F, in[i])) {
            nan = true;
            if (is_snan(F, in[i])) {
                f->flags |= RV_FF_NV;
            }
        }
    }
    if (nan) {
        return F->canon;
    }
    long double x = unpack(F, a), y = unpack(F, b), z = unpack(F, c);
    Wide w = wide(op, x, y, z, FE_TOWARDZERO);
    if (w.v == 0 && f->rm == RV_RM_RDN && (op == OP_ADD || op == OP_FMA)) {
        w = wide(op, x, y, z, FE_DOWNWARD);    /* an exact zero sum is -0 */
    }
    if ((w.ex & FE_INVALID) || isnan(w.v)) {
        f->flags |= RV_FF_NV;
        return F->canon;
    }
    if (w.ex & FE_DIVBYZERO) {
        f->flags |= RV_FF_DZ;
    }
    if (isinf(w.v)) {
        return F->expo | (signbit(w.v) ? F->sign : 0);
    }
    return round_pack(f, F, w.v, (w.ex & FE_INEXACT) != 0);
}

uint64_t rv_fp_add(RvFp *f, unsigned fmt, uint64_t a, uint64_t b)
{
    return arith(f, fmt, OP_ADD, a, b, 0);
}

uint64_t rv_fp_sub(RvFp *f, unsigned fmt, uint64_t a, uint64_t b)
{
    return arith(f, fmt, OP_ADD, a, b ^ fmts[fmt].sign, 0);
}

uint64_t rv_fp_mul(RvFp *f, unsigned fmt, uint64_t a, uint64_t b)
{
    return arith(f, fmt, OP_MUL, a, b, 0);
}

uint64_t rv_fp_div(RvFp *f, unsigned fmt, uint64_t a, uint64_t b)
{
    return arith(f, fmt, OP_DIV, a, b, 0);
}

uint64_t rv_fp_sqrt(RvFp *f, unsigned fmt, uint64_t a)
{
    return arith(f, fmt, OP_SQRT, a, 0, 0);
}

uint64_t rv_fp_fma(RvFp *f, unsigned fmt, uint64_t a, uint64_t b, uint64_t c)
{
    return arith(f, fmt, OP_FMA, a, b, c);
}

/* ---- Without rounding --------------------------------------------------- */

uint64_t rv_fp_minmax(RvFp *f, unsigned fmt, uint64_t a, uint64_t b, bool max)
{
    const Fmt *F = &fmts[fmt];
    if (is_snan(F, a) || is_snan(F, b)) {
        f->flags |= RV_FF_NV;
    }
    if (is_nan(F, a)) {
        return is_nan(F, b) ? F->canon : b;
    }
    if (is_nan(F, b)) {
        return a;
    }
    long double x = unpack(F, a), y = unpack(F, b);
    if (x == y) {                         /* equal, or +0 and -0 */
        bool a_neg = (a & F->sign) != 0;
        return max == a_neg ? b : a;
    }
    return (x < y) != max ? a : b;
}

uint64_t rv_fp_cmp(RvFp *f, unsigned fmt, uint64_t a, uint64_t b, int kind)
{
    const Fmt *F = &fmts[fmt];
    if (is_nan(F, a) || is_nan(F, b)) {
        if (kind != 0 || is_snan(F, a) || is_snan(F, b)) {
            f->flags |= RV_FF_NV;
        }
        return 0;
    }
    long double x = unpack(F, a), y = unpack(F, b);
    return kind == 0 ? x == y : kind == 1 ? x < y : x <= y;
}

/* fclass (table 11.5): one bit of ten. */
uint64_t rv_fp_class(unsigned fmt, uint64_t a)
{
    const Fmt *F = &fmts[fmt];
    bool neg = (a & F->sign) != 0;
    uint64_t e = a & F->expo, m = a & (F->expo - 1) & ~F->expo;
    if (e == F->expo) {
        if (!m) {
            return neg ? 1u << 0 : 1u << 7;
        }
        return a & F->quiet ? 1u << 9 : 1u << 8;
    }
    if (!e) {
        if (!m) {
            return neg ? 1u << 3 : 1u << 4;
        }
        return neg ? 1u << 2 : 1u << 5;
    }
    return neg ? 1u << 1 : 1u << 6;
}

/* ---- Conversions -------------------------------------------------------- */

uint64_t rv_fp_to_int(RvFp *f, unsigned fmt, uint64_t a, unsigned bits,
                      bool is_signed)
{
    const Fmt *F = &fmts[fmt];
    uint64_t max, min;
    long double lo, hi;
    if (is_signed) {
        max = bits == 64 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX;
        min = bits == 64 ? (uint64_t)INT64_MIN : (uint64_t)(int64_t)INT32_MIN;
        lo = -ldexpl(1, bits - 1);
        hi = ldexpl(1, bits - 1) - 1;
    } else {
        max = bits == 64 ? UINT64_MAX : (uint64_t)(int64_t)(int32_t)UINT32_MAX;
        min = 0;
        lo = 0;
        hi = ldexpl(1, bits) - 1;
    }
    if (is_nan(F, a)) {
        f->flags |= RV_FF_NV;
        return max;
    }
    bool neg = (a & F->sign) != 0, inexact;
    if (is_inf(F, a)) {
        f->flags |= RV_FF_NV;
        return neg ? min : max;
    }
    long double q = round_int(fabsl(unpack(F, a)), false, neg, f->rm,
                              &inexact);
    long double r = neg ? -q : q;
    if (r < lo || r > hi) {
        f->flags |= RV_FF_NV;                 /* out of range: no NX */
        return neg ? min : max;
    }
    if (inexact) {
        f->flags |= RV_FF_NX;
    }
    if (is_signed) {
        int64_t v = (int64_t)r;
        return bits == 32 ? (uint64_t)(int64_t)(int32_t)v : (uint64_t)v;
    }
    uint64_t v = (uint64_t)r;
    return bits == 32 ? (uint64_t)(int64_t)(int32_t)(uint32_t)v : v;
}

uint64_t rv_fp_from_int(RvFp *f, unsigned fmt, uint64_t v, unsigned bits,
                        bool is_signed)
{
    long double x;
    if (bits == 32) {
        x = is_signed ? (long double)(int32_t)v : (long double)(uint32_t)v;
    } else {
        x = is_signed ? (long double)(int64_t)v : (long double)v;
    }
    return round_pack(f, &fmts[fmt], x, false);
}

uint64_t rv_fp_cvt(RvFp *f, unsigned to, unsigned from, uint64_t a)
{
    const Fmt *T = &fmts[to], *F = &fmts[from];
    if (is_nan(F, a)) {
        if (is_snan(F, a)) {
            f->flags |= RV_FF_NV;
        }
        return T->canon;
    }
    if (is_inf(F, a)) {
        return T->expo | ((a & F->sign) ? T->sign : 0);
    }
    return round_pack(f, T, unpack(F, a), false);
}
