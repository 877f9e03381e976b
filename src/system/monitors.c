/* QMP monitors of the System: the server whose dispatcher is
 * system_dispatch, the monitors (frontends of chardev objects) opened by
 * -qmp and -mon, -chardev, and the events they carry. Command-line monitors start suspended and are resumed
 * once the command line is consumed, so nothing races with it.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "chardev/chardev.h"
#include "core/version.h"
#include "monitor/monitor.h"
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
}

void system_monitors_free(System *sys)
{
    for (guint i = 0; i < sys->monitors->len; i++) {
        qmp_monitor_free(sys->monitors->pdata[i]);
    }
    g_ptr_array_set_size(sys->monitors, 0);
    g_clear_pointer(&sys->qmp, qmp_server_free);
}

static bool monitor_open(System *sys, Chardev *chr, Error **errp)
{
    /* until the command line is consumed, monitors read nothing */
    QmpMonitor *mon = qmp_monitor_new(sys->qmp, chr, sys->monitors_live ? 0 : 1,
                                      errp);
    if (!mon) {
        return false;
    }
    g_ptr_array_add(sys->monitors, mon);
    return true;
}

Chardev *system_find_chardev(System *sys, const char *id)
{
    Object *o = object_child(object_child(sys->root, "chardevs"), id);
    return o && object_is_a(o, TYPE_CHARDEV) ? (Chardev *)o : NULL;
}

/* chardev-add {"id": id, "backend": {"type": kind, "data": data}} with
 * data in keyval form (strings, converted through the schema); steals
 * data. */
static bool chardev_add_kv(System *sys, const char *id, const char *kind,
                           json_t *data, Error **errp)
{
    json_t *args = json_pack("{s:s, s:{s:s, s:o}}", "id", id, "backend",
                             "type", kind, "data", data);
    json_t *ret = system_dispatch_kv(sys, "chardev-add", args, errp);
    json_decref(args);
    json_decref(ret);
    return ret != NULL;
}

/* The legacy flags of QEMU's socket options: "server" alone means
 * server=on, "nowait" wait=off, "wait" wait=on. */
static bool set_socket_flag(json_t *data, const char *opt, Error **errp)
{
    g_autofree char *key = g_strdup(opt);
    char *eq = strchr(key, '=');
    const char *val = eq ? eq + 1 : "on";

    if (eq) {
        *eq = 0;
    }
    if (!strcmp(key, "nowait") && !eq) {
        g_free(key);
        key = g_strdup("wait");
        val = "off";
    }
    if (strcmp(key, "server") && strcmp(key, "wait")) {
        error_setg(errp, "Invalid parameter '%s'", key);
        return false;
    }
    json_object_set_new(data, key, json_string(val));
    return true;
}

/* -qmp and -serial SPEC: "stdio", "pty", "null", "file:PATH",
 * "unix:PATH[,OPTS]", "tcp:[HOST]:PORT[,OPTS]" as QEMU's legacy chardev
 * syntax, into (kind, keyval data); what names the spec in errors. */
static json_t *parse_legacy_spec(const char *what, const char *spec,
                                 const char **kind, Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    json_t *data = json_object();
    const char *addr = parts[0] ? parts[0] : "";

    if (!strcmp(addr, "stdio") || !strcmp(addr, "pty") || !strcmp(addr, "null")) {
        *kind = addr;
        if (parts[1]) {
            error_setg(errp, "%s '%s': %s takes no options", what, spec, *kind);
            goto fail;
        }
        *kind = addr[0] == 's' ? "stdio" : addr[0] == 'p' ? "pty" : "null";
        return data;
    }
    if (g_str_has_prefix(addr, "file:") && !parts[1]) {
        *kind = "file";
        json_object_set_new(data, "out", json_string(addr + 5));
        return data;
    }
    *kind = "socket";
    if (g_str_has_prefix(addr, "unix:")) {
        json_object_set_new(data, "path", json_string(addr + 5));
    } else if (g_str_has_prefix(addr, "tcp:")) {
        g_autofree char *hp = g_strdup(addr + 4);
        char *colon = strrchr(hp, ':');

        if (!colon) {
            error_setg(errp, "chardev: tcp: expects HOST:PORT, not '%s'", hp);
            goto fail;
        }
        *colon = 0;
        json_object_set_new(data, "port", json_string(colon + 1));
        if (hp[0] == '[' && colon > hp && colon[-1] == ']') {
            colon[-1] = 0;
            json_object_set_new(data, "host", json_string(hp + 1));
        } else if (hp[0]) {
            json_object_set_new(data, "host", json_string(hp));
        }
    } else {
        error_setg(errp, "%s '%s': hemu supports stdio, pty, null, file:PATH, "
                   "unix:PATH and tcp:HOST:PORT", what, spec);
        goto fail;
    }
    for (int i = 1; parts[i]; i++) {
        if (parts[i][0] && !set_socket_flag(data, parts[i], errp)) {
            goto fail;
        }
    }
    return data;

fail:
    json_decref(data);
    return NULL;
}

/* -qmp SPEC: an implicit chardev named as QEMU names it
 * (compat_monitorN) and a monitor on it. */
bool system_monitor_add_qmp(System *sys, const char *spec, Error **errp)
{
    const char *kind = NULL;
    json_t *data = parse_legacy_spec("QMP monitor", spec, &kind, errp);
    g_autofree char *id = g_strdup_printf("compat_monitor%u",
                                          sys->compat_monitors++);

    if (!data || !chardev_add_kv(sys, id, kind, data, errp)) {
        return false;
    }
    if (!monitor_open(sys, system_find_chardev(sys, id), errp)) {
        json_decref(system_dispatch(sys, "chardev-remove",
                                    json_pack("{s:s}", "id", id), NULL));
        return false;
    }
    return true;
}

json_t *system_serial_args(const char *id, const char *spec, Error **errp)
{
    const char *kind = NULL;
    json_t *data = parse_legacy_spec("serial", spec, &kind, errp);
    return data ? json_pack("{s:s, s:{s:s, s:o}}", "id", id, "backend",
                            "type", kind, "data", data) : NULL;
}

bool system_serial_add(System *sys, const char *id, const char *spec,
                       Error **errp)
{
    json_t *args = system_serial_args(id, spec, errp);
    json_t *ret = args ? system_dispatch_kv(sys, "chardev-add", args, errp) : NULL;
    json_decref(args);
    json_decref(ret);
    return ret != NULL;
}

/* -chardev KIND,id=ID,...: the object /chardevs/ID made by chardev-add.
 * QEMU's legacy socket flags ("server", "nowait") are accepted. */
bool system_chardev_add(System *sys, const char *spec, Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    g_autoptr(GString) norm = g_string_new(parts[0]);

    for (int i = 1; parts[i]; i++) {
        const char *p = parts[i];
        g_string_append_c(norm, ',');
        if (!strcmp(p, "server") || !strcmp(p, "wait")) {
            g_string_append_printf(norm, "%s=on", p);
        } else if (!strcmp(p, "nowait")) {
            g_string_append(norm, "wait=off");
        } else {
            g_string_append(norm, p);
        }
    }
    json_t *kv = keyval_parse(strstr(spec, ",,") ? spec : norm->str,
                              "backend", NULL, errp);
    if (!kv) {
        return false;
    }
    g_autofree char *kind = g_strdup(json_string_value(json_object_get(kv, "backend")));
    g_autofree char *id = g_strdup(json_string_value(json_object_get(kv, "id")));
    if (!id) {
        error_setg(errp, "chardev: no id specified");
        json_decref(kv);
        return false;
    }
    json_object_del(kv, "id");
    json_object_del(kv, "backend");
    /* mux=on, as QEMU: the backend is ID-base, shared by the mux ID */
    const char *mux = json_string_value(json_object_get(kv, "mux"));
    if (mux && (!strcmp(mux, "on") || !strcmp(mux, "off"))) {
        bool on = !strcmp(mux, "on");
        json_object_del(kv, "mux");
        if (on) {
            g_autofree char *base = g_strdup_printf("%s-base", id);
            return chardev_add_kv(sys, base, kind ? kind : "", kv, errp) &&
                   chardev_add_kv(sys, id, "mux",
                                  json_pack("{s:s}", "chardev", base), errp);
        }
    }
    return chardev_add_kv(sys, id, kind ? kind : "", kv, errp);
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
    Chardev *chr = system_find_chardev(sys, id);
    if (!chr) {
        error_setg(errp, "chardev \"%s\" not found", id);
        goto out;
    }
    chr = chardev_mux_free_port(chr, NULL, errp);    /* a mux: its next free port */
    ok = chr && monitor_open(sys, chr, errp);
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
        if (qmp_monitor_pending(sys->monitors->pdata[i])) {
            return true;
        }
    }
    return false;
}

void system_shutdown(System *sys)
{
    const char *reason = sys->shutdown_reason ? sys->shutdown_reason
                                              : "host-qmp-quit";
    system_run_stop(sys);
    system_emit_event(sys, "SHUTDOWN", json_pack("{s:b, s:s}", "guest",
                      g_str_has_prefix(reason, "guest"), "reason", reason));
    system_set_state(sys, RUN_STATE_SHUTDOWN);
    /* let the replies and events reach the clients, for a second at most */
    gint64 deadline = g_get_monotonic_time() + G_USEC_PER_SEC;
    while (output_pending(sys) && g_get_monotonic_time() < deadline) {
        if (!g_main_context_iteration(NULL, FALSE)) {
            g_usleep(1000);
        }
    }
}
