/* Creating /machine: the built-in machine "none", or a machine type
 * written as a description (found in the machine search path, or named by
 * file), whose plan of commands is run here through the one dispatcher.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "chardev/chardev.h"
#include "machine/machine.h"
#include "system/system.h"

/* The QOM type of built-in machine name ("none" -> "none-machine"). */
static const TypeInfo *builtin_find(const char *name)
{
    for (const TypeInfo *const *t = machine_types; *t; t++) {
        if (!(*t)->abstract && g_str_has_prefix((*t)->name, name) &&
            !strcmp((*t)->name + strlen(name), "-machine")) {
            return *t;
        }
    }
    return NULL;
}

json_t *system_machine_list(void)
{
    json_t *list = json_array();
    for (const TypeInfo *const *t = machine_types; *t; t++) {
        if (!(*t)->abstract) {
            g_autofree char *name = g_strndup((*t)->name,
                                              strlen((*t)->name) - strlen("-machine"));
            json_array_append_new(list, json_pack("{s:s, s:s}", "name", name,
                                                  "description", (*t)->doc));
        }
    }
    json_t *files = mdesc_list();
    json_array_extend(list, files);
    json_decref(files);
    return list;
}

static void error_unknown_machine(const char *name, Error **errp)
{
    json_t *all = system_machine_list();
    g_autofree const char **names = g_new0(const char *, json_array_size(all) + 1);
    size_t i;
    json_t *m;
    json_array_foreach(all, i, m) {
        names[i] = json_string_value(json_object_get(m, "name"));
    }
    g_autofree char *hint = suggest_hint(suggest_name(name, names, i));
    error_setg(errp, "unsupported machine type '%s'%s; use -machine help to "
               "list supported machines", name, hint);
    json_decref(all);
}

static const char *arg_str(json_t *args, const char *name)
{
    return json_string_value(json_object_get(args, name));
}

static bool is_control_arg(const char *key)
{
    return !strcmp(key, "type") || !strcmp(key, "file") || !strcmp(key, "empty");
}

/* The machine's parameters from the arguments (typed JSON, or strings in
 * command-line spelling), checked by the property machinery. */
static bool set_params(Object *m, const char *mname, json_t *args, Error **errp)
{
    const char *key;
    json_t *v;
    json_object_foreach(args, key, v) {
        if (is_control_arg(key)) {
            continue;
        }
        if (!type_prop_find(m->type, key) || !strcmp(key, "name")) {
            size_t n;
            const PropDef *const *all = type_props(m->type, &n);
            g_autofree const char **names = g_new0(const char *, n + 1);
            size_t k = 0;
            for (size_t i = 0; i < n; i++) {
                if (strcmp(all[i]->name, "name")) {
                    names[k++] = all[i]->name;
                }
            }
            g_autofree char *hint = suggest_hint(suggest_name(key, names, k));
            g_autofree char *list = g_strjoinv(", ", (char **)names);
            error_setg(errp, "machine '%s' has no parameter '%s'%s%s%s%s", mname,
                       key, hint, k ? " (its parameters: " : "", list, k ? ")" : "");
            return false;
        }
        if (!object_prop_init(m, key, v, true, errp)) {
            return false;
        }
    }
    return true;
}

/* The parameter values as typed JSON, for the description's expressions. */
static json_t *param_values(Object *m)
{
    json_t *vals = json_object();
    size_t n;
    const PropDef *const *all = type_props(m->type, &n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(all[i]->name, "name")) {
            json_object_set_new(vals, all[i]->name,
                                object_prop_get(m, all[i]->name, NULL));
        }
    }
    return vals;
}

/* The plan's first command: this machine, empty, with the same arguments. */
static json_t *plan_head(json_t *args)
{
    json_t *a = json_deep_copy(args);
    json_object_set_new(a, "empty", json_true());
    return json_pack("{s:s, s:o}", "execute", "machine-set", "arguments", a);
}

/* The port a "-serial chardev:ID" gives: the chardev ID itself, or for a
 * mux the first of its ports neither in use nor given to an earlier
 * serial port of this plan (taken: a set of Chardev *). A new path, or
 * NULL. */
static char *serial_chardev(System *sys, const char *id, GHashTable *taken,
                            Error **errp)
{
    Chardev *c = system_find_chardev(sys, id);
    if (!c) {
        error_setg(errp, "no chardev '%s' (a -chardev option must come before -M)", id);
        return NULL;
    }
    Chardev *port = chardev_mux_free_port(c, taken, errp);
    return port ? object_path(&port->obj) : NULL;
}

/* A board that links a UART to /chardevs/serialN gets that chardev, made
 * from the N-th -serial (default null; stdio for serial0 with -nographic)
 * unless it exists already: the chardev-add arguments, or NULL. With
 * "-serial chardev:ID" the link is pointed at that chardev (or a port of
 * that mux) instead: *link is set to its path. */
static json_t *serial_for(System *sys, const char *path, GHashTable *taken,
                          char **link, Error **errp)
{
    unsigned n;
    char end;
    if (!path || sscanf(path, "/chardevs/serial%u%c", &n, &end) != 1 ||
        system_find_chardev(sys, path + strlen("/chardevs/"))) {
        return NULL;
    }
    const char *spec = n < sys->serials->len ? sys->serials->pdata[n]
                       : n == 0 && sys->nographic ? "stdio" : "null";
    json_t *args = NULL;
    if (g_str_has_prefix(spec, "chardev:")) {
        *link = serial_chardev(sys, spec + strlen("chardev:"), taken, errp);
    } else {
        args = system_serial_args(path + strlen("/chardevs/"), spec, errp);
    }
    if (!args && !*link) {
        error_prepend(errp, "-serial %s: ", spec);
    }
    return args;
}

/* The chardev-add commands of the serial ports the plan links to; links
 * to a -serial chardev:ID are redirected in the plan. */
static bool plan_serials(System *sys, MachinePlan *plan, json_t *out,
                         Error **errp)
{
    size_t i;
    json_t *c;
    g_autoptr(GHashTable) taken = g_hash_table_new(g_direct_hash, g_direct_equal);
    json_array_foreach(plan->cmds, i, c) {
        Error *err = NULL;
        char *link = NULL;
        json_t *a = json_object_get(c, "arguments");
        json_t *args = serial_for(sys, json_string_value(json_object_get(a, "value")),
                                  taken, &link, &err);
        if (err) {
            error_propagate(errp, err);
            g_autofree char *w = machine_plan_where(plan, i);
            error_prepend(errp, "%s: ", w);
            return false;
        }
        if (link) {
            json_object_set_new(a, "value", json_string(link));
            g_free(link);
        }
        if (args) {
            json_array_append_new(out, json_pack("{s:s, s:o}", "execute",
                                  "chardev-add", "arguments", args));
        }
    }
    return true;
}

static bool run_plan(System *sys, MachinePlan *plan, Error **errp)
{
    size_t i;
    json_t *c;
    json_t *serials = json_array();
    bool ok = plan_serials(sys, plan, serials, errp);
    json_array_foreach(serials, i, c) {
        json_t *ret = ok ? system_dispatch_kv(sys, "chardev-add",
                                              json_object_get(c, "arguments"), errp) : NULL;
        ok = ret != NULL;
        json_decref(ret);
    }
    json_decref(serials);
    if (!ok) {
        return false;
    }
    json_array_foreach(plan->cmds, i, c) {
        const char *name = json_string_value(json_object_get(c, "execute"));
        json_t *ret = system_dispatch(sys, name, json_object_get(c, "arguments"),
                                      errp);
        if (!ret) {
            /* the object the command is about, for the message */
            json_t *a = json_object_get(c, "arguments");
            const char *id = arg_str(a, "id");
            const char *subject = arg_str(a, "path") ?: arg_str(a, "from")
                                  ?: arg_str(a, "object");
            g_autofree char *path = id ? g_strconcat(arg_str(a, "parent"), "/", id,
                                                     NULL) : g_strdup(subject);
            g_autofree char *w = machine_plan_where(plan, i);
            error_prepend(errp, "%s: %s: ", w, path);
            return false;
        }
        json_decref(ret);
    }
    return true;
}

bool system_machine_set(System *sys, json_t *args, json_t **print, Error **errp)
{
    const char *type = arg_str(args, "type"), *file = arg_str(args, "file");
    MachineDesc *d = NULL;
    const TypeInfo *bt = type ? builtin_find(type) : NULL;
    const char *tname = bt ? bt->name : NULL, *mname = type;
    MachinePlan plan = { 0 };
    Object *m = NULL;
    bool ok = false;

    if (!type == !file) {
        error_setg(errp, "machine-set needs either 'type' (a machine type's "
                   "name) or 'file' (a machine description)");
        return false;
    }
    if (sys->machine) {
        error_setg(errp, "a machine exists already");
        return false;
    }
    if (!bt) {
        g_autofree char *path = file ? g_strdup(file) : mdesc_find(type);
        if (!path) {
            error_unknown_machine(type, errp);
            return false;
        }
        d = mdesc_load(path, errp);
        if (!d) {
            return false;
        }
        if (type && strcmp(type, mdesc_name(d))) {
            error_setg(errp, "%s describes machine '%s', not '%s'", path,
                       mdesc_name(d), type);
            goto out;
        }
        mname = mdesc_name(d);
        if (!(tname = mdesc_register_type(d, errp))) {
            goto out;
        }
    }
    m = object_new_child(sys->root, tname, "machine", errp);
    json_t *namev = json_string(mname);
    ok = m && object_prop_init(m, "name", namev, false, errp) &&
         object_new_child(m, "container", "peripheral", errp) &&
         set_params(m, mname, args, errp);
    json_decref(namev);
    if (!ok) {
        goto out;
    }
    if (print && !d) {
        *print = json_pack("[{s:s, s:O}]", "execute", "machine-set",
                           "arguments", args);
        ok = false;     /* nothing stays */
        goto out;
    }
    if (d && (!json_is_true(json_object_get(args, "empty")) || print)) {
        json_t *vals = param_values(m);
        ok = mdesc_compile(d, vals, &plan, errp);
        json_decref(vals);
        if (!ok) {
            goto out;
        }
        if (print) {
            *print = json_array();
            if (!plan_serials(sys, &plan, *print, errp)) {
                json_decref(*print);
                *print = NULL;
                ok = false;
                goto out;
            }
            json_array_append_new(*print, plan_head(args));
            json_array_extend(*print, plan.cmds);
            ok = false;     /* nothing stays */
            goto out;
        }
        /* the plan's commands run in machine-created; the state is
         * announced once the machine stands */
        sys->machine = m;
        sys->state = RUN_STATE_MACHINE_CREATED;
        ok = run_plan(sys, &plan, errp);
        sys->state = RUN_STATE_NO_MACHINE;
        if (!ok) {
            goto out;
        }
    }
    ok = true;
out:
    if (!ok && m) {
        object_destroy(m);
        m = NULL;
    }
    sys->machine = m;
    machine_plan_clear(&plan);
    mdesc_free(d);
    if (ok) {
        system_set_state(sys, RUN_STATE_MACHINE_CREATED);
    }
    return ok || (print && *print);
}
