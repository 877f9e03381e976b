/* Stores into decoded code: seen at the next execution without fence.i
 * (as QEMU users expect), with fence.i (Zifencei), and within the block
 * that is running (the store ends the block).
 * SPDX-License-Identifier: MIT */
#include "test.h"
    START
    .option norvc
    la s0, target
    jal ra, target
    TEST_EQ(1, a1, 5)
    lw t0, newinsn
    sw t0, 0(s0)
    jal ra, target
    TEST_EQ(2, a1, 7)
    lw t0, newinsn2
    sw t0, 0(s0)
    fence.i
    jal ra, target
    TEST_EQ(3, a1, 9)
    la s1, patch
    lw t0, newinsn3
    li a2, 0
    sw t0, 0(s1)
patch:
    li a2, 1
    TEST_EQ(4, a2, 3)
    j pass
    .balign 64
target:
    li a1, 5
    ret
    .balign 64
newinsn:  li a1, 7
newinsn2: li a1, 9
newinsn3: li a2, 3
    END
