/* M: products and high halves, division by zero and overflow giving the
 * spec's values (Unprivileged §7.2, table 7.1).
 * SPDX-License-Identifier: MIT */
#include "test.h"
    START
#if XLEN == 64
#define MIN 0x8000000000000000
#else
#define MIN 0x80000000
#endif
    TEST_RR(1, mul, 42, 6, 7)
    TEST_RR(2, mul, -42, -6, 7)
    TEST_RR(3, mulh, -1, -1, 1)
    TEST_RR(4, mulh, 0, 1, 1)
    TEST_RR(5, mulhu, 1, -1, 2)           /* (2^X - 1) * 2 >> X */
    TEST_RR(6, mulhsu, -1, -1, 2)
    TEST_RR(7, mulhsu, 0, 1, -1)
    TEST_RR(10, div, -3, 20, -6)
    TEST_RR(11, div, -1, 20, 0)           /* by zero: all ones */
    TEST_RR(12, div, MIN, MIN, -1)        /* overflow: the dividend */
    TEST_RR(13, divu, 3, 20, 6)
    TEST_RR(14, divu, -1, 20, 0)
    TEST_RR(15, rem, 2, 20, -6)
    TEST_RR(16, rem, -2, -20, 6)
    TEST_RR(17, rem, 20, 20, 0)           /* by zero: the dividend */
    TEST_RR(18, rem, 0, MIN, -1)          /* overflow: zero */
    TEST_RR(19, remu, 2, 20, 6)
    TEST_RR(20, remu, 20, 20, 0)
#if XLEN == 64
    TEST_RR(21, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)
    TEST_RR(22, mulhu, 0xfffffffffffffffe, -1, -1)
    TEST_RR(23, mulhsu, 0xffffffffffffffff, -1, -1)
    TEST_RR(30, mulw, 0xffffffff80000000, 0x40000000, 2)
    TEST_RR(31, mulw, 6, 0x100000002, 3)
    TEST_RR(32, divw, -3, 20, -6)
    TEST_RR(33, divw, -1, 20, 0)
    TEST_RR(34, divw, 0xffffffff80000000, 0x80000000, -1)
    TEST_RR(35, divuw, 0x7fffffff, 0xfffffffe, 2)
    TEST_RR(36, divuw, -1, 20, 0)
    TEST_RR(37, remw, -2, -20, 6)
    TEST_RR(38, remw, 0, 0x80000000, -1)
    TEST_RR(39, remw, 0xffffffff80000000, 0x80000000, 0)
    TEST_RR(40, remuw, 0xfffffffffffffffe, 0xfffffffe, 0)
    TEST_RR(41, remuw, 2, 20, 6)
    TEST_RR(42, divuw, 0x7fffffff, 0x1fffffffe, 2)   /* upper bits ignored */
#else
    TEST_RR(21, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff)
    TEST_RR(22, mulhu, 0xfffffffe, -1, -1)
#endif
    j pass
    END
