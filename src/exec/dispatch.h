/* What the targets' threaded-code dispatchers (src/target/ARCH/run.h)
 * share.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_EXEC_DISPATCH_H
#define HEMU_EXEC_DISPATCH_H

/* The attributes of a dispatcher function: GCC must keep every
 * instruction's own indirect jump to the next one (no cross-jumping, no
 * GCSE merging them into one shared jump, which costs the branch predictor
 * its per-instruction history). clang has neither option and does not
 * merge them. */
#if defined(__clang__)
#define DISPATCH_FN
#else
#define DISPATCH_FN __attribute__((optimize("no-crossjumping", "no-gcse")))
#endif

#endif
