/* "virtual-clock": virtual time and the scheduler of a machine's CPUs (see
 * vclock.h). Each round gives every runnable CPU, in tree order, the
 * instructions its clock frequency retires in one quantum (less what it
 * retired beyond its earlier turns, as exec ends at a block boundary past
 * the budget: so its time is its retired count); a round is cut
 * short at the next timer deadline, so timers fire on time; when no CPU can
 * run, time jumps to the next deadline (wfi skips idle time).
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "exec/vclock.h"

#define NS_PER_S 1000000000ULL

uint64_t vclock_now(const VClock *c)
{
    const Cpu *cpu = c->running;
    if (!cpu) {
        return c->now;
    }
    /* within a round a CPU retires at most quantum * freq instructions,
     * so the product stays far below 2^64 */
    return c->now + (cpu->retired - c->running_base) * NS_PER_S / cpu->freq;
}

void vtimer_init(VTimer *t, void (*cb)(void *opaque), void *opaque)
{
    *t = (VTimer){ .cb = cb, .opaque = opaque };
}

void vtimer_del(VTimer *t)
{
    if (!t->armed) {
        return;
    }
    for (VTimer **pp = &t->clock->timers; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->armed = false;
    t->next = NULL;
}

void vtimer_mod(VTimer *t, VClock *c, uint64_t deadline)
{
    vtimer_del(t);
    t->clock = c;
    t->deadline = deadline;
    VTimer **pp = &c->timers;
    while (*pp && (*pp)->deadline <= deadline) {
        pp = &(*pp)->next;      /* equal deadlines fire in arming order */
    }
    t->next = *pp;
    *pp = t;
    t->armed = true;
}

static void fire_due(VClock *c)
{
    while (c->timers && c->timers->deadline <= c->now) {
        VTimer *t = c->timers;
        c->timers = t->next;
        t->next = NULL;
        t->armed = false;
        t->cb(t->opaque);
    }
}

void vclock_attach_cpus(VClock *c)
{
    g_autoptr(GPtrArray) all = cpu_list(c->obj.parent ? c->obj.parent : &c->obj);
    GPtrArray *cpus = g_ptr_array_new();
    for (guint i = 0; i < all->len; i++) {
        if (object_is_realized(all->pdata[i])) {
            g_ptr_array_add(cpus, all->pdata[i]);
        }
    }
    g_free(c->cpus);
    c->ncpus = cpus->len;
    c->cpus = (Cpu **)g_ptr_array_free(cpus, false);
}

bool vclock_run(VClock *c, uint64_t budget)
{
    uint64_t end = c->now + budget;
    while (c->now < end) {
        uint64_t q = MIN(c->quantum, end - c->now);
        if (c->timers && c->timers->deadline > c->now &&
            c->timers->deadline - c->now < q) {
            q = c->timers->deadline - c->now;
        }
        bool ran = false;
        for (size_t i = 0; i < c->ncpus; i++) {
            Cpu *cpu = c->cpus[i];
            if (!cpu_runnable(cpu)) {
                cpu->ahead = 0;     /* its idle time absorbs it */
                continue;
            }
            /* its share of the round (the fraction of an instruction
             * carried), less what it ran ahead before: a CPU's time is
             * its retired instructions at its frequency */
            unsigned __int128 f = (unsigned __int128)q * cpu->freq + cpu->frac;
            uint64_t n = (uint64_t)(f / NS_PER_S);
            cpu->frac = (uint64_t)(f % NS_PER_S);
            ran = true;
            if (cpu->ahead >= n && (n || cpu->ahead)) {
                cpu->ahead -= n;
                continue;
            }
            uint64_t want = n > cpu->ahead ? n - cpu->ahead : 1;
            uint64_t base = cpu->retired;
            c->running = cpu;
            c->running_base = base - cpu->ahead;
            /* exec also returns early when its passes that retired nothing
             * (exceptions, faults) used up the budget: run it again for
             * the rest while it makes progress, does not wait and was not
             * asked to stop (a reset or exit request ends its turn) */
            for (;;) {
                uint64_t before = cpu->retired;
                cpu->exit_request = false;
                cpu_ops(cpu)->exec(cpu, want - (before - base));
                if (cpu->retired - base >= want || cpu->retired == before ||
                    cpu->exit_request || !cpu_runnable(cpu)) {
                    break;
                }
            }
            cpu->exit_request = false;
            c->running = NULL;
            uint64_t done = cpu->ahead + (cpu->retired - base);
            cpu->ahead = done > n ? done - n : 0;
        }
        if (ran) {
            c->now += q;
        } else if (c->timers) {
            c->now = MAX(c->now, c->timers->deadline);   /* skip idle time */
        } else {
            return false;
        }
        fire_due(c);
    }
    return true;
}

static void vclock_finalize(Object *obj)
{
    VClock *c = (VClock *)obj;
    while (c->timers) {
        vtimer_del(c->timers);
    }
    g_free(c->cpus);
    c->cpus = NULL;
    c->ncpus = 0;
}

static const PropDef vclock_props[] = {
    PROP_UINT64_RANGE("quantum", VClock, quantum, 100000, 1000, 1000000000,
                      "Virtual ns each CPU runs per round before the next "
                      "one (timers are exact: a round ends at a deadline)."),
    PROP_END
};

const TypeInfo vclock_type = {
    .name = TYPE_VIRTUAL_CLOCK,
    .parent = "object",
    .doc = "Virtual time of a machine and the scheduler of the CPUs below "
           "its parent: rounds of 'quantum' ns in tree order; timers fire "
           "at virtual deadlines; idle time is skipped.",
    .instance_size = sizeof(VClock),
    .props = vclock_props,
    .unrealize = vclock_finalize,
    .finalize = vclock_finalize,
};
