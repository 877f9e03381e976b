/* hemu's run states: names and masks (see runstate.h).
 * SPDX-License-Identifier: MIT */
#include "qapi/runstate.h"

#include <string.h>
#include <glib.h>

static const char *const run_state_names[RUN_STATE__MAX] = {
    [RUN_STATE_NO_MACHINE] = "no-machine",
    [RUN_STATE_MACHINE_CREATED] = "machine-created",
    [RUN_STATE_ACCEL_CREATED] = "accel-created",
    [RUN_STATE_INITIALIZED] = "initialized",
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_GUEST_PANICKED] = "guest-panicked",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
};

const char *run_state_name(HemuRunState s)
{
    return (unsigned)s < RUN_STATE__MAX ? run_state_names[s] : NULL;
}

int run_state_lookup(const char *name)
{
    for (int i = 0; i < RUN_STATE__MAX; i++) {
        if (!strcmp(run_state_names[i], name)) {
            return i;
        }
    }
    return -1;
}

uint32_t run_state_mask_lookup(const char *name)
{
    if (!strcmp(name, "any")) {
        return RUN_STATE_MASK_ANY;
    }
    if (!strcmp(name, "machine")) {
        return RUN_STATE_MASK_MACHINE;
    }
    int s = run_state_lookup(name);
    return s < 0 ? 0 : RUN_STATE_BIT(s);
}

char *run_state_mask_format(uint32_t mask)
{
    if (mask == RUN_STATE_MASK_ANY) {
        return g_strdup("any");
    }
    if (mask == RUN_STATE_MASK_MACHINE) {
        return g_strdup("machine");
    }
    GString *s = g_string_new("");
    for (int i = 0; i < RUN_STATE__MAX; i++) {
        if (mask & RUN_STATE_BIT(i)) {
            g_string_append_printf(s, "%s%s", s->len ? ", " : "",
                                   run_state_names[i]);
        }
    }
    return g_string_free(s, FALSE);
}
