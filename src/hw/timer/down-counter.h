/* A down counter in virtual time, shared by the CMSDK APB timers (DDI 0479
 * and QEMU's ptimer policy for them): the count drops by one per tick; the
 * step from 1 to 0 is an event (setting the count to 0 is not); the count
 * holds 0 for one tick, then reloads from 'reload' and counts on, so
 * events are reload + 1 ticks apart. A one-shot counter (or one whose
 * reload is 0) stays at 0 instead.
 *
 * Nothing is stepped: the count is computed from the virtual time since
 * the last write (the base), and the owner arms a VTimer for the next
 * event. Events are taken with dcount_sync(), which is called before any
 * change so that none is lost or taken twice.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_HW_TIMER_DOWN_COUNTER_H
#define HEMU_HW_TIMER_DOWN_COUNTER_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/vclock.h"

#define DCOUNT_NS_PER_S 1000000000ULL
#define DCOUNT_NEVER UINT64_MAX

typedef struct DownCounter {
    uint64_t hz;               /* input clock */
    uint64_t div;              /* prescaler: input cycles per tick (>= 1) */
    uint64_t reload;
    bool oneshot;
    bool running;
    uint64_t count;            /* the count at base_ns (stopped: the count) */
    uint64_t base_ns;
    uint64_t seen;             /* ticks since base whose events were taken */
} DownCounter;

/* Whole ticks from the base to now. */
static inline uint64_t dcount_ticks(const DownCounter *c, uint64_t now)
{
    if (now <= c->base_ns) {
        return 0;
    }
    unsigned __int128 t = (unsigned __int128)(now - c->base_ns) * c->hz;
    return (uint64_t)(t / ((unsigned __int128)DCOUNT_NS_PER_S * c->div));
}

static inline uint64_t dcount_value(const DownCounter *c, uint64_t now)
{
    if (!c->running) {
        return c->count;
    }
    uint64_t t = dcount_ticks(c, now);
    if (t < c->count) {
        return c->count - t;
    }
    if (c->oneshot || !c->reload) {
        return 0;
    }
    uint64_t phase = (t - c->count) % (c->reload + 1);
    return phase ? c->reload - (phase - 1) : 0;
}

/* The first event strictly after tick 'after' (ticks since the base). */
static inline uint64_t dcount_next_event(const DownCounter *c, uint64_t after)
{
    if (!c->running) {
        return DCOUNT_NEVER;
    }
    if (c->count > after) {
        return c->count;                /* the first 1 -> 0 step */
    }
    if (c->oneshot || !c->reload) {
        return DCOUNT_NEVER;
    }
    uint64_t period = c->reload + 1;
    return c->count + ((after - c->count) / period + 1) * period;
}

/* Virtual ns at which tick 'tick' is reached (rounded up). */
static inline uint64_t dcount_deadline(const DownCounter *c, uint64_t tick)
{
    unsigned __int128 ns = (unsigned __int128)tick * DCOUNT_NS_PER_S * c->div;
    ns = (ns + c->hz - 1) / c->hz + c->base_ns;
    return ns > UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}

/* Take the events up to now: whether there was at least one. */
static inline bool dcount_sync(DownCounter *c, uint64_t now)
{
    if (!c->running) {
        return false;
    }
    uint64_t t = dcount_ticks(c, now);
    bool fired = dcount_next_event(c, c->seen) <= t;
    if (t > c->seen) {
        c->seen = t;
    }
    return fired;
}

/* Move the base to now, keeping the count (call after dcount_sync). */
static inline void dcount_rebase(DownCounter *c, uint64_t now)
{
    c->count = dcount_value(c, now);
    c->base_ns = now;
    c->seen = 0;
}

/* Set the count now (call after dcount_sync). */
static inline void dcount_set(DownCounter *c, uint64_t now, uint64_t count)
{
    c->count = count;
    c->base_ns = now;
    c->seen = 0;
}

static inline void dcount_run(DownCounter *c, uint64_t now, bool run)
{
    if (run != c->running) {
        dcount_rebase(c, now);
        c->running = run;
    }
}

/* Arm t for the next event, or disarm it (want false: no one waits). */
static inline void dcount_arm(const DownCounter *c, VTimer *t, VClock *clock,
                              bool want)
{
    uint64_t next = want ? dcount_next_event(c, c->seen) : DCOUNT_NEVER;
    if (next == DCOUNT_NEVER || !clock) {
        vtimer_del(t);
    } else {
        vtimer_mod(t, clock, dcount_deadline(c, next));
    }
}

#endif
