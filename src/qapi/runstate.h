/* hemu's run states: the one state machine reported by query-status and
 * used by the schema's per-command 'states' (see docs/qapi.md). The names
 * match enum RunState in qapi/run-state.json.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_QAPI_RUNSTATE_H
#define HEMU_QAPI_RUNSTATE_H

#include <stdint.h>

typedef enum HemuRunState {
    RUN_STATE_NO_MACHINE,
    RUN_STATE_MACHINE_CREATED,
    RUN_STATE_ACCEL_CREATED,
    RUN_STATE_INITIALIZED,
    RUN_STATE_PRELAUNCH,
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,
    RUN_STATE_SHUTDOWN,
    RUN_STATE_GUEST_PANICKED,
    RUN_STATE_INTERNAL_ERROR,
    RUN_STATE__MAX
} HemuRunState;

/* Bitmasks over HemuRunState: bit (1u << state). */
#define RUN_STATE_BIT(s)        (1u << (s))
#define RUN_STATE_MASK_ANY      ((1u << RUN_STATE__MAX) - 1)
/* 'machine': every state from machine-created on. */
#define RUN_STATE_MASK_MACHINE  (RUN_STATE_MASK_ANY & ~RUN_STATE_BIT(RUN_STATE_NO_MACHINE))

/* The QMP name ("no-machine", ...), or NULL when out of range. */
const char *run_state_name(HemuRunState s);
/* The state named @name, or -1. */
int run_state_lookup(const char *name);
/* Mask for a state name or a group name ('any', 'machine'); 0 if unknown. */
uint32_t run_state_mask_lookup(const char *name);
/* Comma-separated names of the states in @mask ("any" and "machine" for the
 * groups); the caller frees the string with g_free(). */
char *run_state_mask_format(uint32_t mask);

#endif
