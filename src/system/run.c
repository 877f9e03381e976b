/* Running the machine: while the state is running, the main loop gives the
 * machine's virtual clock slices of host time (a few ms each, so QMP stays
 * responsive), and takes the guest's requests to exit or reset.
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "exec/vclock.h"
#include "machine/machine.h"
#include "system/system.h"

enum {
    SLICE_US = 10000,          /* host time per slice */
    STEP_NS = 1000000,         /* virtual time per vclock_run call */
    IDLE_POLL_MS = 10,         /* nothing can run: look again this often */
};

static VClock *find_clock(Object *obj)
{
    OBJECT_FOREACH_CHILD(obj, c) {
        if (object_is_a(c, TYPE_VIRTUAL_CLOCK) && object_is_realized(c)) {
            return (VClock *)c;
        }
        VClock *found = find_clock(c);
        if (found) {
            return found;
        }
    }
    return NULL;
}

/* The guest asked for something through the machine's input pins. */
static bool take_requests(System *sys)
{
    Machine *m = (Machine *)sys->machine;
    if (m->exit_requested) {
        m->exit_requested = false;
        sys->shutdown_reason = "guest-shutdown";
        system_request_quit(sys, m->exit_status);
        return true;
    }
    if (m->reset_requested) {
        m->reset_requested = false;
        object_reset(sys->machine);
        system_emit_event(sys, "RESET", json_pack("{s:b, s:s}", "guest", 1,
                          "reason", "guest-reset"));
    }
    return false;
}

static gboolean run_slice(gpointer opaque);

static void schedule(System *sys, bool idle)
{
    sys->run_source = idle ? g_timeout_add(IDLE_POLL_MS, run_slice, sys)
                           : g_idle_add(run_slice, sys);
}

static gboolean run_slice(gpointer opaque)
{
    System *sys = opaque;
    sys->run_source = 0;
    if (sys->state != RUN_STATE_RUNNING || sys->quit || !sys->clock) {
        return G_SOURCE_REMOVE;
    }
    gint64 end = g_get_monotonic_time() + SLICE_US;
    bool busy = true;
    while (busy && g_get_monotonic_time() < end) {
        busy = vclock_run(sys->clock, STEP_NS);
        if (take_requests(sys)) {
            return G_SOURCE_REMOVE;
        }
    }
    schedule(sys, !busy);
    return G_SOURCE_REMOVE;
}

void system_run_start(System *sys)
{
    if (!sys->machine) {
        return;
    }
    sys->clock = find_clock(sys->machine);
    if (sys->clock) {
        vclock_attach_cpus(sys->clock);
    }
    if (sys->clock && !sys->run_source) {
        schedule(sys, false);
    }
}

void system_run_stop(System *sys)
{
    if (sys->run_source) {
        g_source_remove(sys->run_source);
        sys->run_source = 0;
    }
}
