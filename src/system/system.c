/* The running emulator: object tree, run state, schema and the one
 * dispatcher that the CLI, config files and QMP monitors all call.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "qapi/keyval.h"
#include "qapi/validate.h"
#include "system/system.h"
#include "system/types.h"

/* The schema's {'target': T} condition (docs/qapi.md "Targets"): before
 * a machine exists, whether the binary has a CPU type of target T; then,
 * whether the machine has a CPU of it. */
static bool system_has_target(const char *target, void *opaque)
{
    System *sys = opaque;
    if (!sys->machine) {
        size_t n;
        const TypeImpl *const *all = type_all(&n);
        for (size_t i = 0; i < n; i++) {
            if (type_is_a(all[i], TYPE_CPU) &&
                target_matches(type_target(all[i]), target)) {
                return true;
            }
        }
        return false;
    }
    g_autoptr(GPtrArray) cpus = cpu_list(sys->machine);
    for (guint i = 0; i < cpus->len; i++) {
        if (target_matches(type_target(((Object *)cpus->pdata[i])->type), target)) {
            return true;
        }
    }
    return false;
}

System *system_new(Error **errp)
{
    if (!hemu_types_init(errp)) {
        return NULL;
    }
    QapiSchema *schema = qapi_schema_load_builtin_nodoc(errp);
    if (!schema) {
        return NULL;
    }
    System *sys = g_new0(System, 1);
    sys->schema = schema;
    sys->root = object_new_root();
    object_new_child(sys->root, "container", "objects", NULL);
    object_new_child(sys->root, "container", "chardevs", NULL);
    sys->state = RUN_STATE_NO_MACHINE;
    sys->autostart = true;
    sys->handlers = g_hash_table_new(g_str_hash, g_str_equal);
    for (const QmpCommandDef *c = qmp_commands; c->name; c++) {
        g_hash_table_insert(sys->handlers, (void *)c->name, (void *)c->fn);
    }
    sys->target_handlers = g_hash_table_new(g_str_hash, g_str_equal);
    for (const CpuQmpCommand *const *t = hemu_target_commands; *t; t++) {
        for (const CpuQmpCommand *c = *t; c->name; c++) {
            g_hash_table_insert(sys->target_handlers, (void *)c->name,
                                (void *)c->fn);
        }
    }
    sys->cond.has_target = system_has_target;
    sys->cond.opaque = sys;
    sys->monitors = g_ptr_array_new();
    sys->serials = g_ptr_array_new_with_free_func(g_free);
    system_monitors_init(sys);
    return sys;
}

void system_free(System *sys)
{
    if (!sys) {
        return;
    }
    system_run_stop(sys);
    system_monitors_free(sys);
    object_destroy(sys->root);
    qapi_schema_free(sys->schema);
    g_hash_table_destroy(sys->handlers);
    g_hash_table_destroy(sys->target_handlers);
    g_ptr_array_free(sys->monitors, true);
    g_ptr_array_free(sys->serials, true);
    g_free(sys);
}

json_t *system_dispatch(System *sys, const char *name, json_t *args,
                        Error **errp)
{
    const QapiEntity *cmd = qapi_schema_lookup_command(sys->schema, name,
                                                       &sys->cond);
    QmpHandler fn = cmd ? (QmpHandler)g_hash_table_lookup(sys->handlers, name)
                        : NULL;
    CpuQmpHandler tfn = cmd && !fn ? (CpuQmpHandler)g_hash_table_lookup(
                                         sys->target_handlers, name) : NULL;
    if (!fn && !tfn) {
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
    json_t *ret = fn ? fn(sys, a, errp) : tfn(sys->machine, a, errp);
    json_decref(a);
    return ret;
}

bool system_has_command(System *sys, const char *name)
{
    return g_hash_table_contains(sys->handlers, name) ||
           g_hash_table_contains(sys->target_handlers, name);
}

json_t *system_dispatch_kv(System *sys, const char *name, json_t *kv,
                           Error **errp)
{
    const QapiEntity *cmd = qapi_schema_lookup_command(sys->schema, name,
                                                       &sys->cond);
    if (!cmd) {
        error_set(errp, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "The command %s has not been found", name);
        return NULL;
    }
    /* declared members get their schema types; with 'gen': false the
     * others stay strings for the handler (properties in CLI spelling) */
    json_t *declared = json_object(), *extra = json_object();
    const char *key;
    json_t *v;
    json_object_foreach(kv, key, v) {
        bool known = cmd->arg_type &&
                     qapi_entity_find_member(cmd->arg_type, key, &sys->cond);
        json_object_set(known || !cmd->open_args ? declared : extra, key, v);
    }
    json_t *args = keyval_convert(cmd->arg_type, declared, &sys->cond, errp);
    json_decref(declared);
    json_t *ret = NULL;
    if (args) {
        json_object_update(args, extra);
        bool outer = sys->keyval_args;
        sys->keyval_args = true;
        ret = system_dispatch(sys, name, args, errp);
        sys->keyval_args = outer;
        json_decref(args);
    }
    json_decref(extra);
    return ret;
}

json_t *system_dispatch_keyval(System *sys, const char *name,
                               const char *params, const char *implied_key,
                               Error **errp)
{
    json_t *kv = keyval_parse(params ? params : "", implied_key, NULL, errp);
    if (!kv) {
        return NULL;
    }
    json_t *ret = system_dispatch_kv(sys, name, kv, errp);
    json_decref(kv);
    return ret;
}

void system_request_quit(System *sys, int status)
{
    sys->quit = true;
    sys->exit_status = status;
}

/* machine-created -> accel-created: the interpreter is the only accelerator. */
static bool step_accel(System *sys, Error **errp)
{
    system_set_state(sys, RUN_STATE_ACCEL_CREATED);
    return true;
}

/* accel-created -> initialized: the machine's own parts exist and are
 * realized, so devices have somewhere to attach. The machine object itself
 * is realized with everything else on the way to prelaunch. */
static bool step_init(System *sys, Error **errp)
{
    OBJECT_FOREACH_CHILD(sys->machine, c) {
        if (!object_realize(c, errp)) {
            return false;
        }
    }
    system_set_state(sys, RUN_STATE_INITIALIZED);
    return true;
}

/* initialized -> prelaunch: realize everything still unrealized, reset. */
static bool step_prelaunch(System *sys, Error **errp)
{
    if (!object_realize(sys->machine, errp)) {
        return false;
    }
    object_reset(sys->machine);
    system_set_state(sys, RUN_STATE_PRELAUNCH);
    return true;
}

bool system_advance(System *sys, HemuRunState target, Error **errp)
{
    if (!sys->machine) {
        error_setg(errp, "no machine: create one first (-M, or machine-set)");
        return false;
    }
    while (sys->state < target && sys->state < RUN_STATE_PRELAUNCH) {
        bool ok;
        switch (sys->state) {
        case RUN_STATE_MACHINE_CREATED: ok = step_accel(sys, errp); break;
        case RUN_STATE_ACCEL_CREATED: ok = step_init(sys, errp); break;
        default: ok = step_prelaunch(sys, errp); break;
        }
        if (!ok) {
            return false;
        }
    }
    return true;
}

void system_run(System *sys)
{
    if (sys->state == RUN_STATE_PRELAUNCH || sys->state == RUN_STATE_PAUSED) {
        system_set_state(sys, RUN_STATE_RUNNING);
        system_emit_event(sys, "RESUME", NULL);
        system_run_start(sys);
    }
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
