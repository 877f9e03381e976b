/* The running emulator: the object tree, the run state, the schema and the
 * command table every transport (CLI, config files, QMP) dispatches into.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_SYSTEM_SYSTEM_H
#define HEMU_SYSTEM_SYSTEM_H

#include <glib.h>
#include <jansson.h>

#include "core/object.h"
#include "qapi/runstate.h"
#include "qapi/schema.h"
#include "monitor/qmp.h"

typedef struct System System;

/* A command handler: args are validated against the schema (an object,
 * never NULL); returns the "return" value (new reference) or NULL with
 * errp set. */
typedef json_t *(*QmpHandler)(System *sys, json_t *args, Error **errp);

typedef struct QmpCommandDef {
    const char *name;
    QmpHandler fn;
} QmpCommandDef;

/* Every command of the binary, by schema name (src/system/qmp-cmds.c). */
extern const QmpCommandDef qmp_commands[];

struct System {
    Object *root;              /* "/" */
    Object *machine;           /* "/machine", NULL in no-machine */
    HemuRunState state;
    QapiSchema *schema;
    QapiCondContext cond;      /* evaluates the schema's 'if' conditions */
    GHashTable *handlers;      /* name -> QmpHandler */
    GHashTable *target_handlers; /* name -> CpuQmpHandler (the targets') */
    QmpServer *qmp;
    GPtrArray *monitors;       /* QmpMonitor * */
    unsigned compat_monitors;  /* -qmp chardevs made: compat_monitorN */
    QmpSession *session;       /* the QMP session running a command, if any */
    bool monitors_live;        /* the command line is consumed */
    bool autostart;            /* run once prelaunch is reached (no -S) */
    bool keyval_args;          /* the running command's arguments came in
                                * keyval syntax: 'any' values are strings */
    const char *shutdown_reason; /* SHUTDOWN event's reason (QEMU's names) */
    GPtrArray *serials;        /* -serial specs: /chardevs/serialN */
    bool nographic;            /* serial0 defaults to stdio, not null */
    bool print_plan;           /* machine-set prints instead of building */
    json_t *printed_plan;      /* what it would have run */
    bool quit;                 /* leave the main loop */
    struct VClock *clock;      /* the machine's virtual clock, if any */
    guint run_source;          /* the main loop source running it */
    int exit_status;
};

/* A system with an empty tree in state no-machine. */
System *system_new(Error **errp);
void system_free(System *sys);

/* Whether the command name has a handler (of the system or a target). */
bool system_has_command(System *sys, const char *name);

/* Run command name with args (NULL: none) as every transport does: find it
 * (CommandNotFound), validate the arguments against the schema, check the
 * run state, call the handler. Returns the "return" value or NULL. */
json_t *system_dispatch(System *sys, const char *name, json_t *args,
                        Error **errp);

/* The same with arguments in keyval syntax ("a=1,b.c=x"), as the command
 * line writes them: converted through the command's schema type. */
json_t *system_dispatch_keyval(System *sys, const char *name,
                               const char *params, const char *implied_key,
                               Error **errp);

/* Run the commands of a config file (config.c). */
bool system_run_config_file(System *sys, const char *path, Error **errp);

/* The same with keyval_parse()'s result (a JSON object of strings). */
json_t *system_dispatch_kv(System *sys, const char *name, json_t *kv,
                           Error **errp);

/* Take the steps of the state machine up to target (at most prelaunch):
 * accel-created, initialized (realize the machine's parts), prelaunch
 * (realize everything, reset). Needs a machine. */
bool system_advance(System *sys, HemuRunState target, Error **errp);
/* prelaunch or paused -> running, with the RESUME event. */
void system_run(System *sys);
/* Start / stop giving the machine's virtual clock time (run.c). */
void system_run_start(System *sys);
void system_run_stop(System *sys);
/* Change the run state (emits STATUS_CHANGE once monitors exist). */
void system_set_state(System *sys, HemuRunState state);
/* Broadcast an event to every monitor; data may be NULL (steals data). */
void system_emit_event(System *sys, const char *name, json_t *data);
/* QMP monitors (monitors.c). */
void system_monitors_init(System *sys);
void system_monitors_free(System *sys);
bool system_monitor_add_qmp(System *sys, const char *spec, Error **errp);
bool system_chardev_add(System *sys, const char *spec, Error **errp);
/* The chardev /chardevs/ID from a -serial spec (stdio, pty, null,
 * file:PATH, unix:PATH,..., tcp:HOST:PORT,...). */
bool system_serial_add(System *sys, const char *id, const char *spec,
                       Error **errp);
/* The chardev-add arguments system_serial_add() uses (keyval strings). */
json_t *system_serial_args(const char *id, const char *spec, Error **errp);
bool system_monitor_add_mon(System *sys, const char *spec, Error **errp);
/* The chardev /chardevs/ID, or NULL. */
struct Chardev *system_find_chardev(System *sys, const char *id);
/* The command line is consumed: monitors start reading. */
void system_monitors_resume(System *sys);
/* Ask the main loop to stop with an exit status. */
void system_request_quit(System *sys, int status);
/* Enter shutdown: SHUTDOWN event, and the monitors' output drained. */
void system_shutdown(System *sys);

/* machine-set: create /machine from its arguments (state no-machine ->
 * machine-created): 'type' (built-in, or a description in the machine
 * search path) or 'file' (a description), the machine's parameters, and
 * 'empty' (a description's machine without its parts). A description's
 * plan runs through system_dispatch; on failure nothing is left. With
 * print, nothing is built: *print receives the commands that would run
 * (machine-set with 'empty', then the plan). */
bool system_machine_set(System *sys, json_t *args, json_t **print, Error **errp);
/* [{name, description, file?, params?}]: built-in machine types, then the
 * machine search path's. */
json_t *system_machine_list(void);

#endif
