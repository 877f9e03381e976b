/* The commands of the schema's core: control, introspection, run state and
 * the QOM tree. Handlers receive validated arguments (see system.h).
 * Error classes and texts follow QEMU 7.2 where QEMU has the command.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/version.h"
#include "qapi/introspect.h"
#include "system/system.h"

static const char *arg_str(json_t *args, const char *name)
{
    return json_string_value(json_object_get(args, name));
}

/* Resolve a QMP path argument as QEMU does (absolute or partial). */
static Object *resolve_path(System *sys, const char *path, Error **errp)
{
    bool ambiguous;
    Object *obj = object_resolve_partial(sys->root, path, &ambiguous);
    if (!obj) {
        if (ambiguous) {
            error_setg(errp, "Path '%s' is ambiguous", path);
        } else {
            error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                      "Device '%s' not found", path);
        }
    }
    return obj;
}

static json_t *qmp_capabilities(System *sys, json_t *args, Error **errp)
{
    /* hemu offers no capability yet (the greeting lists none) */
    json_t *enable = json_object_get(args, "enable");
    size_t i;
    json_t *cap;
    json_array_foreach(enable, i, cap) {
        error_setg(errp, "Capability %s not available", json_string_value(cap));
        return NULL;
    }
    return json_object();
}

static json_t *qmp_query_version(System *sys, json_t *args, Error **errp)
{
    return json_pack("{s:{s:i, s:i, s:i}, s:s}", "qemu",
                     "micro", HEMU_VERSION_MICRO, "minor", HEMU_VERSION_MINOR,
                     "major", HEMU_VERSION_MAJOR,
                     "package", "hemu " HEMU_VERSION);
}

static json_t *qmp_query_commands(System *sys, json_t *args, Error **errp)
{
    json_t *list = json_array();
    for (guint i = 0; i < sys->schema->entities->len; i++) {
        const QapiEntity *e = sys->schema->entities->pdata[i];
        if (e->meta == QAPI_META_COMMAND && qapi_entity_visible(e, &sys->cond) &&
            g_hash_table_contains(sys->handlers, e->name)) {
            json_array_append_new(list, json_pack("{s:s}", "name", e->name));
        }
    }
    return list;
}

static json_t *qmp_query_qmp_schema(System *sys, json_t *args, Error **errp)
{
    return qapi_introspect(sys->schema, &sys->cond);
}

static json_t *qmp_query_status(System *sys, json_t *args, Error **errp)
{
    return json_pack("{s:b, s:b, s:s}",
                     "running", sys->state == RUN_STATE_RUNNING,
                     "singlestep", 0,
                     "status", run_state_name(sys->state));
}

static json_t *qmp_quit(System *sys, json_t *args, Error **errp)
{
    system_request_quit(sys, 0);
    return json_object();
}

static json_t *qmp_qom_list(System *sys, json_t *args, Error **errp)
{
    Object *obj = resolve_path(sys, arg_str(args, "path"), errp);
    return obj ? object_list_props(obj) : NULL;
}

static json_t *qmp_qom_get(System *sys, json_t *args, Error **errp)
{
    Object *obj = resolve_path(sys, arg_str(args, "path"), errp);
    return obj ? object_prop_get(obj, arg_str(args, "property"), errp) : NULL;
}

static json_t *qmp_qom_set(System *sys, json_t *args, Error **errp)
{
    Object *obj = resolve_path(sys, arg_str(args, "path"), errp);
    if (!obj || !object_prop_set(obj, arg_str(args, "property"),
                                 json_object_get(args, "value"), false, errp)) {
        return NULL;
    }
    return json_object();
}

static json_t *qmp_qom_list_types(System *sys, json_t *args, Error **errp)
{
    const char *impl = arg_str(args, "implements");
    bool abstract = json_is_true(json_object_get(args, "abstract"));
    size_t n;
    const TypeImpl *const *all = type_all(&n);
    json_t *list = json_array();

    for (size_t i = 0; i < n; i++) {
        const TypeImpl *t = all[i];
        if ((impl && !type_is_a(t, impl)) || (!abstract && type_is_abstract(t))) {
            continue;
        }
        json_t *info = json_pack("{s:s}", "name", type_name(t));
        if (type_is_abstract(t)) {
            json_object_set_new(info, "abstract", json_true());
        }
        if (type_parent(t)) {
            json_object_set_new(info, "parent", json_string(type_name(type_parent(t))));
        }
        json_array_append_new(list, info);
    }
    return list;
}

static json_t *qmp_qom_list_properties(System *sys, json_t *args, Error **errp)
{
    const char *name = arg_str(args, "typename");
    const TypeImpl *t = type_lookup(name);
    if (!t) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Class '%s' not found", name);
        return NULL;
    }
    return type_list_props(t);
}

static json_t *qmp_device_list_properties(System *sys, json_t *args, Error **errp)
{
    const char *name = arg_str(args, "typename");
    const TypeImpl *t = type_lookup(name);
    if (!t) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", name);
        return NULL;
    }
    if (!type_is_a(t, "device")) {
        error_setg(errp, "Parameter 'typename' expects device type");
        return NULL;
    }
    if (type_is_abstract(t)) {
        error_setg(errp, "Parameter 'typename' expects non-abstract device type");
        return NULL;
    }
    return type_list_props(t);
}

const QmpCommandDef qmp_commands[] = {
    { "qmp_capabilities", qmp_capabilities },
    { "query-version", qmp_query_version },
    { "query-commands", qmp_query_commands },
    { "query-qmp-schema", qmp_query_qmp_schema },
    { "query-status", qmp_query_status },
    { "quit", qmp_quit },
    { "qom-list", qmp_qom_list },
    { "qom-get", qmp_qom_get },
    { "qom-set", qmp_qom_set },
    { "qom-list-types", qmp_qom_list_types },
    { "qom-list-properties", qmp_qom_list_properties },
    { "device-list-properties", qmp_device_list_properties },
    { NULL, NULL }
};
