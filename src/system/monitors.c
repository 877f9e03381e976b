/* QMP monitors of the System: the server whose dispatcher is
 * system_dispatch, the monitors opened by -qmp, -chardev + -mon, and the
 * events they carry. Command-line monitors start suspended and are resumed
 * once the command line is consumed, so nothing races with it.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/version.h"
#include "monitor/transport.h"
#include "qapi/keyval.h"
#include "system/system.h"

static json_t *qmp_dispatch(void *opaque, QmpSession *s, const char *name,
                            json_t *args, Error **errp)
{
    System *sys = opaque;
    QmpSession *outer = sys->session;
    sys->session = s;
    json_t *ret = system_dispatch(sys, name, args, errp);
    sys->session = outer;
    return ret;
}

static void chardev_free(gpointer p)
{
    qmp_chardev_opts_clear(p);
    g_free(p);
}

void system_monitors_init(System *sys)
{
    QmpServerConfig cfg = {
        .dispatch = qmp_dispatch,
        .opaque = sys,
        .major = HEMU_VERSION_MAJOR,
        .minor = HEMU_VERSION_MINOR,
        .micro = HEMU_VERSION_MICRO,
        .package = "hemu " HEMU_VERSION,
    };
    sys->qmp = qmp_server_new(&cfg);
    sys->chardevs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                          chardev_free);
}

void system_monitors_free(System *sys)
{
    for (guint i = 0; i < sys->monitors->len; i++) {
        qmp_monitor_free(sys->monitors->pdata[i]);
    }
    g_ptr_array_set_size(sys->monitors, 0);
    g_clear_pointer(&sys->chardevs, g_hash_table_destroy);
    g_clear_pointer(&sys->qmp, qmp_server_free);
}

static bool monitor_open(System *sys, const QmpChardevOpts *o, Error **errp)
{
    /* until the command line is consumed, monitors read nothing */
    QmpMonitor *mon = qmp_monitor_new(sys->qmp, sys->ctx, o,
                                      sys->monitors_live ? 0 : 1, errp);
    if (!mon) {
        return false;
    }
    g_ptr_array_add(sys->monitors, mon);
    return true;
}

bool system_monitor_add_qmp(System *sys, const char *spec, Error **errp)
{
    QmpChardevOpts o = { 0 };
    bool ok = qmp_chardev_parse(spec, &o, errp) && monitor_open(sys, &o, errp);
    qmp_chardev_opts_clear(&o);
    return ok;
}

/* -chardev KIND,id=ID,...: socket and stdio are, for now, transports of
 * -mon only (kept here until -mon uses it); the other kinds are chardev
 * objects made by chardev-add. */
bool system_chardev_add(System *sys, const char *spec, Error **errp)
{
    json_t *kv = keyval_parse(spec, "backend", NULL, errp);
    if (!kv) {
        return false;
    }
    g_autofree char *kind = g_strdup(json_string_value(json_object_get(kv, "backend")));
    if (kind && strcmp(kind, "socket") && strcmp(kind, "stdio")) {
        json_t *id = json_incref(json_object_get(kv, "id"));
        if (!id) {
            error_setg(errp, "chardev: no id specified");
            json_decref(kv);
            return false;
        }
        json_object_del(kv, "id");
        json_object_del(kv, "backend");
        json_t *args = json_pack("{s:o, s:{s:s, s:O}}", "id", id,
                                 "backend", "type", kind, "data", kv);
        json_t *ret = system_dispatch_kv(sys, "chardev-add", args, errp);
        json_decref(args);
        json_decref(kv);
        json_decref(ret);
        return ret != NULL;
    }
    json_decref(kv);

    QmpChardevOpts *o = g_new0(QmpChardevOpts, 1);
    if (!qmp_chardev_parse_chardev(spec, o, errp)) {
        chardev_free(o);
        return false;
    }
    if (!o->id) {
        error_setg(errp, "chardev: no id specified");
        chardev_free(o);
        return false;
    }
    if (g_hash_table_contains(sys->chardevs, o->id)) {
        error_setg(errp, "Duplicate ID '%s' for chardev", o->id);
        chardev_free(o);
        return false;
    }
    g_hash_table_insert(sys->chardevs, o->id, o);
    return true;
}

bool system_monitor_add_mon(System *sys, const char *spec, Error **errp)
{
    json_t *kv = keyval_parse(spec, "chardev", NULL, errp);
    if (!kv) {
        return false;
    }
    const char *id = json_string_value(json_object_get(kv, "chardev"));
    const char *mode = json_string_value(json_object_get(kv, "mode"));
    bool ok = false;
    const char *key;
    json_t *v;
    json_object_foreach(kv, key, v) {
        if (strcmp(key, "chardev") && strcmp(key, "mode") && strcmp(key, "pretty")) {
            error_setg(errp, "Invalid parameter '%s'", key);
            goto out;
        }
    }
    if (!id) {
        error_setg(errp, "Parameter 'chardev' is missing");
        goto out;
    }
    if (mode && strcmp(mode, "control")) {
        error_setg(errp, "monitor mode '%s' is not supported (hemu has only "
                   "QMP: mode=control)", mode);
        goto out;
    }
    if (!mode) {
        error_setg(errp, "the human monitor is not supported: use mode=control");
        goto out;
    }
    const QmpChardevOpts *o = g_hash_table_lookup(sys->chardevs, id);
    if (!o) {
        error_setg(errp, "chardev \"%s\" not found", id);
        goto out;
    }
    ok = monitor_open(sys, o, errp);
out:
    json_decref(kv);
    return ok;
}

void system_monitors_resume(System *sys)
{
    if (sys->monitors_live) {
        return;
    }
    sys->monitors_live = true;
    for (guint i = 0; i < sys->monitors->len; i++) {
        qmp_monitor_resume(sys->monitors->pdata[i]);
    }
}

void system_emit_event(System *sys, const char *name, json_t *data)
{
    if (sys->qmp) {
        qmp_server_emit_event(sys->qmp, name, data);
    } else {
        json_decref(data);
    }
}

static bool output_pending(System *sys)
{
    for (guint i = 0; i < sys->monitors->len; i++) {
        QmpSession *s = qmp_monitor_session(sys->monitors->pdata[i]);
        size_t len = 0;
        if (s) {
            qmp_session_output(s, &len);
        }
        if (len) {
            return true;
        }
    }
    return false;
}

void system_shutdown(System *sys)
{
    system_emit_event(sys, "SHUTDOWN", json_pack("{s:b, s:s}", "guest", 0,
                      "reason", sys->shutdown_reason ? sys->shutdown_reason
                                                     : "host-qmp-quit"));
    system_set_state(sys, RUN_STATE_SHUTDOWN);
    /* let the replies and events reach the clients, for a second at most */
    gint64 deadline = g_get_monotonic_time() + G_USEC_PER_SEC;
    while (output_pending(sys) && g_get_monotonic_time() < deadline) {
        if (!g_main_context_iteration(sys->ctx, FALSE)) {
            g_usleep(1000);
        }
    }
}
