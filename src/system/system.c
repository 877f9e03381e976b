/* The running emulator: object tree, run state, schema and the one
 * dispatcher that the CLI, config files and QMP monitors all call.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "qapi/validate.h"
#include "system/system.h"
#include "system/types.h"

System *system_new(Error **errp)
{
    if (!hemu_types_init(errp)) {
        return NULL;
    }
    QapiSchema *schema = qapi_schema_load_builtin(errp);
    if (!schema) {
        return NULL;
    }
    System *sys = g_new0(System, 1);
    sys->schema = schema;
    sys->root = object_new_root();
    sys->state = RUN_STATE_NO_MACHINE;
    sys->handlers = g_hash_table_new(g_str_hash, g_str_equal);
    for (const QmpCommandDef *c = qmp_commands; c->name; c++) {
        g_hash_table_insert(sys->handlers, (void *)c->name, (void *)c->fn);
    }
    sys->monitors = g_ptr_array_new();
    return sys;
}

void system_free(System *sys)
{
    if (!sys) {
        return;
    }
    object_destroy(sys->root);
    qapi_schema_free(sys->schema);
    g_hash_table_destroy(sys->handlers);
    g_ptr_array_free(sys->monitors, true);
    g_free(sys);
}

json_t *system_dispatch(System *sys, const char *name, json_t *args,
                        Error **errp)
{
    const QapiEntity *cmd = qapi_schema_lookup_command(sys->schema, name,
                                                       &sys->cond);
    QmpHandler fn = cmd ? (QmpHandler)g_hash_table_lookup(sys->handlers, name)
                        : NULL;
    if (!fn) {
        error_set(errp, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "The command %s has not been found", name);
        return NULL;
    }
    if (!(cmd->states & RUN_STATE_BIT(sys->state))) {
        g_autofree char *allowed = run_state_mask_format(cmd->states);
        error_setg(errp, "The command %s is not available in state '%s' "
                   "(it runs in: %s)", name, run_state_name(sys->state), allowed);
        return NULL;
    }
    if (!qapi_validate_command_args(cmd, args, &sys->cond, errp)) {
        return NULL;
    }
    json_t *a = args ? json_incref(args) : json_object();
    json_t *ret = fn(sys, a, errp);
    json_decref(a);
    return ret;
}

void system_request_quit(System *sys, int status)
{
    sys->quit = true;
    sys->exit_status = status;
}

void system_set_state(System *sys, HemuRunState state)
{
    if (sys->state == state) {
        return;
    }
    sys->state = state;
    system_emit_event(sys, "STATUS_CHANGE",
                      json_pack("{s:s}", "status", run_state_name(state)));
}

void system_emit_event(System *sys, const char *name, json_t *data)
{
    /* delivered to monitors once the QMP server is wired in */
    json_decref(data);
}
