/* Virtual time and the scheduler (DESIGN.md §2.8): a "virtual-clock"
 * object runs the CPUs of its machine in quanta of virtual time, in tree
 * order, and fires timers at their virtual deadlines. Time comes from the
 * instructions CPUs retire at their clock frequency, so the same inputs
 * give the same outputs, byte for byte.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_EXEC_VCLOCK_H
#define HEMU_EXEC_VCLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/object.h"
#include "exec/cpu.h"

#define TYPE_VIRTUAL_CLOCK "virtual-clock"

typedef struct VClock VClock;
typedef struct VTimer VTimer;

/* A timer: a device embeds one and arms it on a clock it links to. */
struct VTimer {
    VClock *clock;
    uint64_t deadline;             /* virtual ns */
    void (*cb)(void *opaque);
    void *opaque;
    VTimer *next;                  /* in the clock's list, by deadline */
    bool armed;
};

struct VClock {
    Object obj;
    uint64_t quantum;              /* "quantum": ns of virtual time per round */
    uint64_t now;                  /* virtual ns at the start of the round */
    VTimer *timers;                /* armed, earliest first */
    Cpu **cpus;                    /* the machine's CPUs, in tree order */
    size_t ncpus;
    Cpu *running;                  /* the CPU inside exec, if any */
    uint64_t running_base;         /* its retired count when it started */
};

/* Virtual time now, in ns: inside a CPU's turn it includes what that CPU
 * has retired so far in the round. */
uint64_t vclock_now(const VClock *c);

void vtimer_init(VTimer *t, void (*cb)(void *opaque), void *opaque);
/* Arm t on clock c to fire at deadline (virtual ns); re-arming moves it. */
void vtimer_mod(VTimer *t, VClock *c, uint64_t deadline);
void vtimer_del(VTimer *t);

/* Find the CPUs: every realized "cpu" below the clock's parent, in tree
 * order. Call after realize and when CPUs are plugged. */
void vclock_attach_cpus(VClock *c);
/* Run rounds until at least budget ns of virtual time have passed, or
 * until nothing can run: then, if a timer is armed, time jumps to it (idle
 * CPUs skip idle time); otherwise it returns false (everything waits for an
 * outside event). */
bool vclock_run(VClock *c, uint64_t budget);

extern const TypeInfo vclock_type;

#endif
