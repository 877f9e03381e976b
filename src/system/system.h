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

typedef struct System System;
typedef struct Monitor Monitor;

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
    GMainContext *ctx;
    GPtrArray *monitors;       /* Monitor * */
    bool quit;                 /* leave the main loop */
    int exit_status;
};

/* A system with an empty tree in state no-machine. */
System *system_new(Error **errp);
void system_free(System *sys);

/* Run command name with args (NULL: none) as every transport does: find it
 * (CommandNotFound), validate the arguments against the schema, check the
 * run state, call the handler. Returns the "return" value or NULL. */
json_t *system_dispatch(System *sys, const char *name, json_t *args,
                        Error **errp);

/* Change the run state (emits STATUS_CHANGE once monitors exist). */
void system_set_state(System *sys, HemuRunState state);
/* Broadcast an event to every monitor; data may be NULL (steals data). */
void system_emit_event(System *sys, const char *name, json_t *data);
/* Ask the main loop to stop with an exit status. */
void system_request_quit(System *sys, int status);

/* Create /machine for the built-in machine type name (state ->
 * machine-created). */
bool system_machine_create(System *sys, const char *name, Error **errp);
/* [{name, description}] of the built-in machine types. */
json_t *system_machine_list(void);
extern const TypeInfo *const system_types[];

#endif
