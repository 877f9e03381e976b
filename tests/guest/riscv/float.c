/* F and D on the hart: arithmetic in each rounding mode with the flags it
 * raises, conversions and their saturation, NaN handling, and picolibc's
 * libm (sqrt, sin, exp, log, pow) in double and float. Printed as hex
 * bits and %a so the output is exact; it must match QEMU's.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const rm_names[] = { "rne", "rtz", "rdn", "rup", "rmm" };

static uint32_t bits_s(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint64_t bits_d(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static void set_frm(unsigned rm)
{
    __asm__ volatile("csrw frm, %0" : : "r"(rm));
}

static unsigned take_flags(void)
{
    unsigned f;
    __asm__ volatile("csrrw %0, fflags, zero" : "=r"(f));
    return f;
}

/* The operations under test run with the dynamic rounding mode. */
#define OP(type, name, expr) \
    static type name(type a, type b, type c) \
    { \
        type r; \
        __asm__ volatile(expr : "=f"(r) : "f"(a), "f"(b), "f"(c)); \
        return r; \
    }
OP(float, add_s, "fadd.s %0, %1, %2, dyn")
OP(float, mul_s, "fmul.s %0, %1, %2, dyn")
OP(float, div_s, "fdiv.s %0, %1, %2, dyn")
OP(float, fma_s, "fmadd.s %0, %1, %2, %3, dyn")
OP(double, add_d, "fadd.d %0, %1, %2, dyn")
OP(double, mul_d, "fmul.d %0, %1, %2, dyn")
OP(double, div_d, "fdiv.d %0, %1, %2, dyn")
OP(double, fma_d, "fmadd.d %0, %1, %2, %3, dyn")
OP(double, sqrt_d, "fsqrt.d %0, %1, dyn")

static void rounding(void)
{
    static const float fs[][3] = {
        { 1.0f, 0x1p-24f, 0 }, { -1.0f, -0x1p-24f, 0 }, { 1.0f, 0x1.8p-24f, 0 },
        { 0x1.fffffep127f, 0x1.fffffep127f, 0 }, { 0x1.000002p-126f, 0.5f, 0 },
        { 1.0f, 3.0f, 0 }, { -2.0f, 3.0f, 0 }, { 0x1.000002p0f, 0x1.000002p0f, -1.0f },
    };
    static const double ds[][3] = {
        { 1.0, 0x1p-53, 0 }, { -1.0, -0x1.8p-53, 0 }, { 0x1.fffffffffffffp1023, 2, 0 },
        { 0x1.0000000000001p-1022, 0.5, 0 }, { 1.0, 3.0, 0 }, { -2.0, 10.0, 0 },
        { 0x1.0000000000001p0, 0x1.0000000000001p0, -1.0 }, { 2.0, 0, 0 },
    };
    for (unsigned rm = 0; rm < 5; rm++) {
        set_frm(rm);
        take_flags();
        for (unsigned i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
            const float *v = fs[i];
            float r[4] = { add_s(v[0], v[1], 0), mul_s(v[0], v[1], 0),
                           div_s(v[0], v[1], 0), fma_s(v[0], v[1], v[2]) };
            printf("%s s%u", rm_names[rm], i);
            for (unsigned k = 0; k < 4; k++) {
                printf(" %08lx", (unsigned long)bits_s(r[k]));
            }
            printf(" flags %02x\n", take_flags());
        }
        for (unsigned i = 0; i < sizeof(ds) / sizeof(ds[0]); i++) {
            const double *v = ds[i];
            double r[5] = { add_d(v[0], v[1], 0), mul_d(v[0], v[1], 0),
                            div_d(v[0], v[1], 0), fma_d(v[0], v[1], v[2]),
                            sqrt_d(v[1], 0, 0) };
            printf("%s d%u", rm_names[rm], i);
            for (unsigned k = 0; k < 5; k++) {
                printf(" %016llx", (unsigned long long)bits_d(r[k]));
            }
            printf(" flags %02x\n", take_flags());
        }
    }
    set_frm(0);
}

#define CVT(type, name, insn, rm) \
    static type name(double a) \
    { \
        type r; \
        __asm__ volatile(insn " %0, %1, " rm : "=r"(r) : "f"(a)); \
        return r; \
    }
CVT(long, cvt_w_rne, "fcvt.w.d", "rne")
CVT(long, cvt_w_rtz, "fcvt.w.d", "rtz")
CVT(long, cvt_w_rdn, "fcvt.w.d", "rdn")
CVT(long, cvt_w_rup, "fcvt.w.d", "rup")
CVT(long, cvt_w_rmm, "fcvt.w.d", "rmm")
CVT(unsigned long, cvt_wu_rtz, "fcvt.wu.d", "rtz")
CVT(long, cvt_l_rne, "fcvt.l.d", "rne")
CVT(unsigned long, cvt_lu_rdn, "fcvt.lu.d", "rdn")

static void conversions(void)
{
    static const double vs[] = {
        2.5, -2.5, 0.5, -0.5, 1e10, -1e10, 2147483647.5, -2147483648.5,
        0x1p63, -0x1p63, 0x1p64, INFINITY, -INFINITY, NAN, -0.0, 123456.789,
    };
    take_flags();
    for (unsigned i = 0; i < sizeof(vs) / sizeof(vs[0]); i++) {
        double v = vs[i];
        long w[5] = { cvt_w_rne(v), cvt_w_rtz(v), cvt_w_rdn(v), cvt_w_rup(v),
                      cvt_w_rmm(v) };
        unsigned f1 = take_flags();
        unsigned long wu = cvt_wu_rtz(v);
        long l = cvt_l_rne(v);
        unsigned long lu = cvt_lu_rdn(v);
        unsigned f2 = take_flags();
        printf("cvt %a: w %ld %ld %ld %ld %ld [%02x] wu %lx l %lx lu %lx [%02x]\n",
               v, w[0], w[1], w[2], w[3], w[4], f1, wu, l, lu, f2);
    }
    static const long is[] = { 16777217, -16777217, 9007199254740993,
                               -9223372036854775807 - 1, 0x7fffffffffffffff };
    for (unsigned i = 0; i < sizeof(is) / sizeof(is[0]); i++) {
        float s = (float)is[i];
        double d = (double)is[i];
        float su = (float)(unsigned long)is[i];
        double du = (double)(unsigned long)is[i];
        unsigned f = take_flags();
        printf("int %ld: s %08lx d %016llx su %08lx du %016llx [%02x]\n", is[i],
               (unsigned long)bits_s(s), (unsigned long long)bits_d(d),
               (unsigned long)bits_s(su), (unsigned long long)bits_d(du), f);
    }
    static const double ns[] = { 0x1.fffffffp-127, 0x1p128, 1.0 / 3, -0x1p-150,
                                 0x1.000001p0 };
    for (unsigned i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
        volatile double v = ns[i];
        float s = (float)v;
        unsigned f = take_flags();
        volatile float b = s;
        double back = b;
        printf("d->s %a: %08lx [%02x] back %a\n", ns[i], (unsigned long)bits_s(s),
               f, back);
    }
}

static void specials(void)
{
    volatile double z = 0, one = 1, inf = INFINITY;
    volatile float zf = 0;
    take_flags();
    double q = z / z;
    printf("0/0 %016llx [%02x]\n", (unsigned long long)bits_d(q), take_flags());
    q = one / z;
    printf("1/0 %016llx [%02x]\n", (unsigned long long)bits_d(q), take_flags());
    q = inf - inf;
    printf("inf-inf %016llx [%02x]\n", (unsigned long long)bits_d(q), take_flags());
    float qf = zf / zf;
    printf("0f/0f %08lx [%02x]\n", (unsigned long)bits_s(qf), take_flags());
    printf("fmin(-0,+0) %a fmax(-0,+0) %a fmin(nan,1) %a\n", fmin(-0.0, z),
           fmax(-0.0, z), fmin(NAN, one));
    volatile double nan = NAN;
    int lt = nan < one, eq = nan == one;
    printf("nan<1 %d [%02x] nan==1 %d\n", lt, take_flags(), eq);
}

static void libm(void)
{
    static const double xs[] = { 0.5, 1.0, 2.0, 3.14159, 10.0, 1e-5, 100.25 };
    for (unsigned i = 0; i < sizeof(xs) / sizeof(xs[0]); i++) {
        volatile double x = xs[i];
        volatile float xf = (float)xs[i];
        printf("x %a: sqrt %a sin %a cos %a exp %a log %a pow %a\n", x, sqrt(x),
               sin(x), cos(x), exp(x), log(x), pow(x, 1.5));
        printf("  f: sqrtf %a sinf %a expf %a logf %a\n", (double)sqrtf(xf),
               (double)sinf(xf), (double)expf(xf), (double)logf(xf));
    }
    take_flags();
}

int main(void)
{
    unsigned long ms;
    __asm__ volatile("csrr %0, mstatus" : "=r"(ms));
    printf("mstatus.FS %lu\n", (ms >> 13) & 3);
    rounding();
    conversions();
    specials();
    libm();
    return 0;
}
