/* The commands of the schema's core: control, introspection, run state and
 * the QOM tree. Handlers receive validated arguments (see system.h).
 * Error classes and texts follow QEMU 7.2 where QEMU has the command.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "chardev/chardev.h"
#include "core/version.h"
#include "core/yaml.h"
#include "exec/cluster.h"
#include "exec/cpu.h"
#include "machine/machine.h"
#include "memory/memory.h"
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
    if (!sys->session) {
        error_setg(errp, "qmp_capabilities negotiates a QMP session; "
                   "it has no meaning here");
        return NULL;
    }
    if (!qmp_session_accept_capabilities(sys->session,
                                         json_object_get(args, "enable"), errp)) {
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
            system_has_command(sys, e->name)) {
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
    /* from the command line (-cmd), values come in CLI spelling */
    if (!obj || !object_prop_set(obj, arg_str(args, "property"),
                                 json_object_get(args, "value"),
                                 sys->keyval_args, errp)) {
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

/* ---- the start-up state machine ----------------------------------------- */

static json_t *qmp_query_machines(System *sys, json_t *args, Error **errp)
{
    json_t *list = system_machine_list();
    size_t i;
    json_t *m;
    json_array_foreach(list, i, m) {
        if (!strcmp(json_string_value(json_object_get(m, "name")), "none")) {
            json_object_set_new(m, "is-default", json_true());
        }
        if (!json_object_get(m, "cpu-max")) {
            json_object_set_new(m, "cpu-max", json_integer(1));
        }
        json_object_set_new(m, "hotpluggable-cpus", json_false());
        json_object_set_new(m, "numa-mem-supported", json_false());
        json_object_set_new(m, "deprecated", json_false());
    }
    return list;
}

/* Members of args other than the named ones: properties to set. */
static bool set_extra_props(Object *obj, json_t *args, const char *const *skip,
                            Error **errp)
{
    const char *key;
    json_t *v;
    json_object_foreach(args, key, v) {
        bool skipped = false;
        for (const char *const *k = skip; *k && !skipped; k++) {
            skipped = !strcmp(*k, key);
        }
        /* typed JSON or, as from the command line, strings */
        if (!skipped && !object_prop_set(obj, key, v, true, errp)) {
            return false;
        }
    }
    return true;
}

static json_t *qmp_machine_set(System *sys, json_t *args, Error **errp)
{
    return system_machine_set(sys, args, sys->print_plan ? &sys->printed_plan
                              : NULL, errp) ? json_object() : NULL;
}

static json_t *qmp_machine_export(System *sys, json_t *args, Error **errp)
{
    const char *format = arg_str(args, "format");
    char *text;
    if (!strcmp(format, "dot")) {
        text = machine_export_dot(sys->machine);
    } else {
        json_t *d = machine_export(sys->machine);
        text = !strcmp(format, "yaml") ? json_to_yaml(d)
               : json_dumps(d, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(d);
        if (strcmp(format, "yaml")) {
            char *t = g_strconcat(text, "\n", NULL);
            free(text);
            text = t;
        }
    }
    json_t *ret = json_pack("{s:s}", "data", text);
    g_free(text);
    return ret;
}

static json_t *qmp_accel_set(System *sys, json_t *args, Error **errp)
{
    return system_advance(sys, RUN_STATE_ACCEL_CREATED, errp) ? json_object() : NULL;
}

static json_t *qmp_x_machine_init(System *sys, json_t *args, Error **errp)
{
    return system_advance(sys, RUN_STATE_INITIALIZED, errp) ? json_object() : NULL;
}

static json_t *qmp_x_exit_preconfig(System *sys, json_t *args, Error **errp)
{
    if (!system_advance(sys, RUN_STATE_PRELAUNCH, errp)) {
        return NULL;
    }
    if (sys->autostart) {
        system_run(sys);
    }
    return json_object();
}

static json_t *qmp_cont(System *sys, json_t *args, Error **errp)
{
    system_run(sys);
    return json_object();
}

static json_t *qmp_stop(System *sys, json_t *args, Error **errp)
{
    sys->autostart = false;
    if (sys->state == RUN_STATE_RUNNING) {
        system_run_stop(sys);
        system_set_state(sys, RUN_STATE_PAUSED);
        system_emit_event(sys, "STOP", NULL);
    }
    return json_object();
}

static json_t *qmp_system_reset(System *sys, json_t *args, Error **errp)
{
    object_reset(sys->machine);
    system_emit_event(sys, "RESET", json_pack("{s:b, s:s}", "guest", 0,
                      "reason", "host-qmp-system-reset"));
    return json_object();
}

/* ---- CPUs --------------------------------------------------------------- */

static json_t *qmp_query_cpus_fast(System *sys, json_t *args, Error **errp)
{
    json_t *list = json_array();
    g_autoptr(GPtrArray) cpus = cpu_list(sys->machine);
    for (guint i = 0; i < cpus->len; i++) {
        Object *c = cpus->pdata[i];
        g_autofree char *path = object_path(c);
        json_t *props = json_pack("{s:i}", "core-id", (int)i);
        CpuCluster *cl = cpu_cluster_of(c);
        if (cl) {
            json_object_set_new(props, "cluster-id", json_integer(cl->id));
        }
        json_array_append_new(list, json_pack("{s:i, s:s, s:I, s:o, s:s}",
            "cpu-index", (int)i, "qom-path", path, "thread-id",
            (json_int_t)getpid(), "props", props,
            "target", type_target(c->type)));
    }
    return list;
}

static json_t *qmp_query_cpu_definitions(System *sys, json_t *args, Error **errp)
{
    json_t *list = json_array();
    size_t n;
    const TypeImpl *const *all = type_all(&n);
    for (size_t i = 0; i < n; i++) {
        if (type_is_a(all[i], TYPE_CPU) && !type_is_abstract(all[i])) {
            json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:b, s:b, s:s}",
                "name", type_name(all[i]), "typename", type_name(all[i]),
                "static", 0, "migration-safe", 0, "deprecated", 0,
                "target", type_target(all[i])));
        }
    }
    return list;
}

/* ---- devices and objects ------------------------------------------------ */

/* "driver[N]" with the lowest N free among parent's children. */
static char *auto_name(Object *parent, const char *driver)
{
    for (unsigned n = 0;; n++) {
        char *name = g_strdup_printf("%s[%u]", driver, n);
        if (!object_child(parent, name)) {
            return name;
        }
        g_free(name);
    }
}

static const TypeImpl *find_type(const char *name, const char *what,
                                 Error **errp)
{
    const TypeImpl *t = type_lookup(name);
    if (!t) {
        g_autofree char *hint = suggest_hint(type_suggest(name));
        error_setg(errp, "'%s' is not a valid %s name%s", name, what, hint);
    } else if (type_is_abstract(t)) {
        error_setg(errp, "'%s' is an abstract type", name);
        t = NULL;
    }
    return t;
}

static json_t *qmp_device_add(System *sys, json_t *args, Error **errp)
{
    static const char *const skip[] = { "driver", "id", "bus", "parent",
                                        "realized", NULL };
    const char *driver = arg_str(args, "driver");
    const char *id = arg_str(args, "id");
    const char *ppath = arg_str(args, "parent");
    json_t *rj = json_object_get(args, "realized");
    bool realize = !rj || json_is_true(rj);
    const TypeImpl *t = find_type(driver, "device model", errp);

    if (!t) {
        return NULL;
    }
    if (!type_is_a(t, "device")) {
        error_setg(errp, "'%s' is not a device type (objects are created "
                   "with object-add)", driver);
        return NULL;
    }
    if (sys->state >= RUN_STATE_PRELAUNCH && !type_info(t)->hotpluggable) {
        error_setg(errp, "Device '%s' can not be hotplugged on this machine "
                   "(it can be added before prelaunch)", driver);
        return NULL;
    }
    if (json_object_get(args, "bus")) {
        error_setg(errp, "hemu has no buses: use 'parent' to place the device");
        return NULL;
    }
    Object *parent = ppath ? resolve_path(sys, ppath, errp)
                           : object_child(sys->machine, "peripheral");
    if (!parent) {
        return NULL;
    }
    g_autofree char *name = id ? g_strdup(id) : auto_name(parent, driver);
    Object *obj = object_new_child(parent, driver, name, errp);
    if (!obj) {
        return NULL;
    }
    if (!set_extra_props(obj, args, skip, errp) ||
        (realize && !object_realize(obj, errp))) {
        object_destroy(obj);
        return NULL;
    }
    g_autofree char *path = object_path(obj);
    return json_pack("{s:s, s:s}", "id", name, "path", path);
}

/* An id under base, or a path. */
static Object *find_by_id(System *sys, Object *base, const char *id)
{
    if (strchr(id, '/')) {
        bool ambiguous;
        return object_resolve_partial(sys->root, id, &ambiguous);
    }
    return base ? object_child(base, id) : NULL;
}

static json_t *qmp_device_del(System *sys, json_t *args, Error **errp)
{
    const char *id = arg_str(args, "id");
    Object *obj = find_by_id(sys, object_child(sys->machine, "peripheral"), id);
    if (!obj || !object_is_a(obj, "device")) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", id);
        return NULL;
    }
    if (sys->state >= RUN_STATE_PRELAUNCH && !type_info(obj->type)->hotpluggable) {
        error_setg(errp, "Device '%s' can not be unplugged: type '%s' is not "
                   "hotpluggable", id, type_name(obj->type));
        return NULL;
    }
    g_autofree char *path = object_path(obj);
    g_autofree char *name = g_strdup(obj->name);
    object_destroy(obj);
    system_emit_event(sys, "DEVICE_DELETED", json_pack("{s:s, s:s}",
                      "device", name, "path", path));
    return json_object();
}

static json_t *qmp_object_add(System *sys, json_t *args, Error **errp)
{
    static const char *const skip[] = { "qom-type", "id", "parent", "realized",
                                        NULL };
    const char *tname = arg_str(args, "qom-type");
    const char *ppath = arg_str(args, "parent");
    const TypeImpl *t = find_type(tname, "object type", errp);

    if (!t) {
        return NULL;
    }
    if (type_is_a(t, "device") || type_is_a(t, "machine")) {
        error_setg(errp, "'%s' is not a user-creatable object type%s", tname,
                   type_is_a(t, "device") ? " (devices are added with device_add)" : "");
        return NULL;
    }
    Object *parent = ppath ? resolve_path(sys, ppath, errp)
                           : object_child(sys->root, "objects");
    if (!parent) {
        return NULL;
    }
    Object *obj = object_new_child(parent, tname, arg_str(args, "id"), errp);
    if (!obj) {
        return NULL;
    }
    json_t *rj = json_object_get(args, "realized");
    if (!set_extra_props(obj, args, skip, errp) ||
        ((!rj || json_is_true(rj)) && !object_realize(obj, errp))) {
        object_destroy(obj);
        return NULL;
    }
    return json_object();
}

static json_t *qmp_object_del(System *sys, json_t *args, Error **errp)
{
    const char *id = arg_str(args, "id");
    Object *obj = find_by_id(sys, object_child(sys->root, "objects"), id);
    if (!obj || object_is_a(obj, "device") || object_is_a(obj, "machine") ||
        obj == sys->root) {
        error_setg(errp, "object '%s' not found", id);
        return NULL;
    }
    object_destroy(obj);
    return json_object();
}

/* ---- character backends ------------------------------------------------ */

static json_t *qmp_chardev_add(System *sys, json_t *args, Error **errp)
{
    json_t *backend = json_object_get(args, "backend");
    const char *kind = json_string_value(json_object_get(backend, "type"));
    json_t *data = json_object_get(backend, "data");  /* the wrapper's member */
    g_autofree char *tname = g_strdup_printf("chardev-%s", kind);
    Object *obj = object_new_child(object_child(sys->root, "chardevs"), tname,
                                   arg_str(args, "id"), errp);
    if (!obj) {
        return NULL;
    }
    const char *key;
    json_t *v;
    json_object_foreach(data, key, v) {
        if (!object_prop_set(obj, key, v, false, errp)) {
            object_destroy(obj);
            return NULL;
        }
    }
    if (!object_realize(obj, errp)) {
        object_destroy(obj);
        return NULL;
    }
    return json_object();
}

static json_t *qmp_chardev_remove(System *sys, json_t *args, Error **errp)
{
    const char *id = arg_str(args, "id");
    Chardev *c = system_find_chardev(sys, id);
    if (!c) {
        error_setg(errp, "Chardev '%s' not found", id);
        return NULL;
    }
    if (chardev_in_use(c)) {
        error_setg(errp, "Chardev '%s' is busy", id);
        return NULL;
    }
    object_destroy(&c->obj);
    return json_object();
}

static json_t *qmp_query_chardev(System *sys, json_t *args, Error **errp)
{
    json_t *list = json_array();
    OBJECT_FOREACH_CHILD(object_child(sys->root, "chardevs"), o) {
        Chardev *c = (Chardev *)o;
        g_autofree char *fn = c->ops && c->ops->filename
                              ? c->ops->filename(c) : g_strdup(type_name(o->type) + 8);
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "label", o->name,
                              "filename", fn, "frontend-open", chardev_in_use(c)));
    }
    return list;
}

static Chardev *find_ringbuf(System *sys, const char *id, Error **errp)
{
    Chardev *c = system_find_chardev(sys, id);
    if (!c) {
        error_setg(errp, "Device '%s' not found", id);
    } else if (!object_is_a(&c->obj, "chardev-ringbuf")) {
        error_setg(errp, "%s is not a ringbuf device", id);
        c = NULL;
    }
    return c;
}

static bool is_base64(json_t *args)
{
    const char *f = arg_str(args, "format");
    return f && !strcmp(f, "base64");
}

static json_t *qmp_ringbuf_write(System *sys, json_t *args, Error **errp)
{
    Chardev *c = find_ringbuf(sys, arg_str(args, "device"), errp);
    if (!c) {
        return NULL;
    }
    const char *data = arg_str(args, "data");
    if (is_base64(args)) {
        gsize len;
        g_autofree guchar *bin = g_base64_decode(data, &len);
        chardev_write(c, bin, len);
    } else {
        chardev_write(c, data, strlen(data));
    }
    return json_object();
}

static json_t *qmp_ringbuf_read(System *sys, json_t *args, Error **errp)
{
    Chardev *c = find_ringbuf(sys, arg_str(args, "device"), errp);
    json_int_t size = json_integer_value(json_object_get(args, "size"));
    if (!c) {
        return NULL;
    }
    if (size <= 0) {
        error_setg(errp, "size must be greater than zero");
        return NULL;
    }
    g_autofree uint8_t *buf = g_malloc(MIN(size, (json_int_t)1 << 30));
    size_t n = chardev_ringbuf_read(c, buf, MIN(size, (json_int_t)1 << 30));
    if (is_base64(args)) {
        g_autofree char *b64 = g_base64_encode(buf, n);
        return json_string(b64);
    }
    /* as QEMU: bytes that are not UTF-8 become U+FFFD */
    g_autofree char *text = g_utf8_make_valid((const char *)buf, n);
    return json_string(text);
}

/* ---- wires and memory maps --------------------------------------------- */

static json_t *qmp_connect(System *sys, json_t *args, Error **errp)
{
    return pin_connect_path(sys->machine, arg_str(args, "from"),
                            arg_str(args, "to"), errp) ? json_object() : NULL;
}

static json_t *qmp_disconnect(System *sys, json_t *args, Error **errp)
{
    return pin_disconnect_path(sys->machine, arg_str(args, "from"),
                               arg_str(args, "to"), errp) ? json_object() : NULL;
}

static json_t *qmp_query_connections(System *sys, json_t *args, Error **errp)
{
    Object *obj = resolve_path(sys, arg_str(args, "path"), errp);
    return obj ? pin_list_connections(obj) : NULL;
}

static AddressSpace *find_address_space(System *sys, const char *path,
                                        Error **errp)
{
    Object *obj = resolve_path(sys, path, errp);
    if (obj && !object_is_a(obj, TYPE_ADDRESS_SPACE)) {
        g_autofree char *p = object_path(obj);
        error_setg(errp, "'%s' is a '%s', not an address space", p,
                   type_name(obj->type));
        return NULL;
    }
    return (AddressSpace *)obj;
}

static MemRegion *find_region(System *sys, json_t *args, Error **errp)
{
    Object *obj = resolve_path(sys, arg_str(args, "object"), errp);
    return obj ? memory_region_of(obj, arg_str(args, "region"), errp) : NULL;
}

static json_t *qmp_memory_map(System *sys, json_t *args, Error **errp)
{
    AddressSpace *as = find_address_space(sys, arg_str(args, "address-space"), errp);
    MemRegion *mr = as ? find_region(sys, args, errp) : NULL;
    json_t *prio = json_object_get(args, "priority");
    uint64_t addr = (uint64_t)json_integer_value(json_object_get(args, "addr"));
    if (!mr || !memory_map(&as->root, addr, mr,
                           prio ? (int32_t)json_integer_value(prio) : 0, errp)) {
        return NULL;
    }
    return json_object();
}

static json_t *qmp_memory_unmap(System *sys, json_t *args, Error **errp)
{
    MemRegion *mr = find_region(sys, args, errp);
    if (!mr) {
        return NULL;
    }
    if (!mr->container) {
        g_autofree char *p = memory_region_path(mr);
        error_setg(errp, "%s is not mapped", p);
        return NULL;
    }
    memory_unmap(mr);
    return json_object();
}

static void list_address_spaces(Object *obj, json_t *list)
{
    if (object_is_a(obj, TYPE_ADDRESS_SPACE)) {
        g_autofree char *path = object_path(obj);
        json_array_append_new(list, json_pack("{s:s, s:o}", "path", path,
                              "ranges", addrspace_view_json((AddressSpace *)obj)));
    }
    OBJECT_FOREACH_CHILD(obj, c) {
        list_address_spaces(c, list);
    }
}

static json_t *qmp_query_memory_map(System *sys, json_t *args, Error **errp)
{
    const char *path = arg_str(args, "address-space");
    json_t *list = json_array();
    if (path) {
        AddressSpace *as = find_address_space(sys, path, errp);
        if (!as) {
            json_decref(list);
            return NULL;
        }
        list_address_spaces(&as->obj, list);
        /* only the named one, not address spaces below it */
        while (json_array_size(list) > 1) {
            json_array_remove(list, 1);
        }
    } else {
        list_address_spaces(sys->root, list);
    }
    return list;
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
    { "query-machines", qmp_query_machines },
    { "machine-set", qmp_machine_set },
    { "machine-export", qmp_machine_export },
    { "query-cpus-fast", qmp_query_cpus_fast },
    { "query-cpu-definitions", qmp_query_cpu_definitions },
    { "accel-set", qmp_accel_set },
    { "x-machine-init", qmp_x_machine_init },
    { "x-exit-preconfig", qmp_x_exit_preconfig },
    { "cont", qmp_cont },
    { "stop", qmp_stop },
    { "system_reset", qmp_system_reset },
    { "device_add", qmp_device_add },
    { "device_del", qmp_device_del },
    { "object-add", qmp_object_add },
    { "object-del", qmp_object_del },
    { "chardev-add", qmp_chardev_add },
    { "chardev-remove", qmp_chardev_remove },
    { "query-chardev", qmp_query_chardev },
    { "ringbuf-write", qmp_ringbuf_write },
    { "ringbuf-read", qmp_ringbuf_read },
    { "connect", qmp_connect },
    { "disconnect", qmp_disconnect },
    { "query-connections", qmp_query_connections },
    { "memory-map", qmp_memory_map },
    { "memory-unmap", qmp_memory_unmap },
    { "query-memory-map", qmp_query_memory_map },
    { NULL, NULL }
};
