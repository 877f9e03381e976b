/* Unit tests for the dispatcher every transport uses: command lookup,
 * run-state checks, schema validation, and the core command handlers.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "chardev/chardev.h"
#include "system/system.h"
#include "system/types.h"

static System *sys;

static json_t *run(const char *name, const char *args, Error **errp)
{
    json_t *a = args ? json_loads(args, 0, NULL) : NULL;
    json_t *r = system_dispatch(sys, name, a, errp);
    json_decref(a);
    return r;
}

static char *run_ok(const char *name, const char *args)
{
    Error *err = NULL;
    json_t *r = run(name, args, &err);
    if (err) {
        g_error("%s: %s", name, err->msg);
    }
    char *s = json_dumps(r, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(r);
    return s;
}

/* Run a command that must succeed, for its effect only. */
static void run_ok_quiet(const char *name, const char *args)
{
    g_free(run_ok(name, args));
}

static void run_err(const char *name, const char *args, const char *cls,
                    const char *msg)
{
    Error *err = NULL;
    json_t *r = run(name, args, &err);
    g_assert_null(r);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_class_name(err->cls), ==, cls);
    g_assert_cmpstr(err->msg, ==, msg);
    error_free(err);
}

static void test_table_matches_schema(void)
{
    /* every schema command has a handler (the system's or a target's),
     * every handler a schema entry; a target's commands are conditional */
    for (guint i = 0; i < sys->schema->entities->len; i++) {
        const QapiEntity *e = sys->schema->entities->pdata[i];
        if (e->meta == QAPI_META_COMMAND) {
            g_assert_true(system_has_command(sys, e->name));
        }
    }
    for (const QmpCommandDef *c = qmp_commands; c->name; c++) {
        g_assert_nonnull(qapi_schema_lookup(sys->schema, c->name));
    }
    for (const CpuQmpCommand *const *t = hemu_target_commands; *t; t++) {
        for (const CpuQmpCommand *c = *t; c->name; c++) {
            const QapiEntity *e = qapi_schema_lookup(sys->schema, c->name);
            g_assert_nonnull(e);
            g_assert_nonnull(e->cond);
        }
    }
}

static void test_errors(void)
{
    run_err("no-such-command", NULL, "CommandNotFound",
            "The command no-such-command has not been found");
    run_err("qom-get", "{\"path\": \"/\"}", "GenericError",
            "Parameter 'property' is missing");
    run_err("qom-get", "{\"path\": \"/nowhere\", \"property\": \"type\"}",
            "DeviceNotFound", "Device '/nowhere' not found");
    run_err("qom-get", "{\"path\": \"/\", \"property\": \"nope\"}",
            "GenericError", "Property 'container.nope' not found");
    run_err("query-status", "{\"x\": 1}", "GenericError",
            "Parameter 'x' is unexpected");
}

static void test_qom(void)
{
    g_autofree char *t = run_ok("qom-get", "{\"path\": \"/\", \"property\": \"type\"}");
    g_assert_cmpstr(t, ==, "\"container\"");
    g_autofree char *m = run_ok("machine-set", "{\"type\": \"none\"}");
    g_autofree char *l = run_ok("qom-list", "{\"path\": \"/machine\"}");
    g_assert_nonnull(strstr(l, "{\"name\":\"peripheral\",\"type\":\"child<container>\"}"));
    g_autofree char *p = run_ok("qom-get", "{\"path\": \"peripheral\", \"property\": \"type\"}");
    g_assert_cmpstr(p, ==, "\"container\"");
    run_err("qom-set", "{\"path\": \"/machine\", \"property\": \"name\", \"value\": \"x\"}",
            "GenericError", "Property 'name' of '/machine' is read-only");
    g_autofree char *types = run_ok("qom-list-types", "{\"implements\": \"device\", \"abstract\": true}");
    g_assert_nonnull(strstr(types, "{\"name\":\"device\",\"abstract\":true,\"parent\":\"object\"}"));
    g_assert_nonnull(strstr(types, "{\"name\":\"ram\",\"parent\":\"device\"}"));
    g_assert_null(strstr(types, "\"container\""));
    g_autofree char *props = run_ok("device-list-properties", "{\"typename\": \"ram\"}");
    g_assert_nonnull(strstr(props, "\"name\":\"size\",\"type\":\"size\""));
    run_err("device-list-properties", "{\"typename\": \"container\"}", "GenericError",
            "Parameter 'typename' expects device type");
    run_err("device-list-properties", "{\"typename\": \"nope\"}", "DeviceNotFound",
            "Device 'nope' not found");
    run_err("qom-list-properties", "{\"typename\": \"nope\"}", "DeviceNotFound",
            "Class 'nope' not found");
}

static void test_status_and_quit(void)
{
    g_autofree char *st = run_ok("query-status", NULL);
    g_assert_cmpstr(st, ==, "{\"running\":false,\"singlestep\":false,\"status\":\"machine-created\"}");
    g_autofree char *cmds = run_ok("query-commands", NULL);
    g_assert_nonnull(strstr(cmds, "{\"name\":\"qom-get\"}"));
    run_ok_quiet("quit", NULL);
    g_assert_true(sys->quit);
    g_assert_cmpint(sys->exit_status, ==, 0);
}

static char *write_tmp(const char *name, const char *text)
{
    char *path = g_build_filename(g_get_tmp_dir(), name, NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

/* A fresh system for the start-up tests. */
static void reset_system(void)
{
    system_free(sys);
    sys = system_new(NULL);
    g_assert_nonnull(sys);
}

static void test_state_machine(void)
{
    reset_system();
    run_err("device_add", "{\"driver\": \"ram\"}", "GenericError",
            "The command device_add is not available in state 'no-machine' "
            "(it runs in: machine-created, accel-created, initialized, "
            "prelaunch, running, paused)");
    run_ok_quiet("machine-set", "{\"type\": \"none\"}");
    g_assert_cmpint(sys->state, ==, RUN_STATE_MACHINE_CREATED);
    g_autofree char *n = run_ok("qom-get", "{\"path\": \"/machine\", \"property\": \"name\"}");
    g_assert_cmpstr(n, ==, "\"none\"");
    /* cold plug, left unrealized, then realized by x-exit-preconfig */
    g_autofree char *d = run_ok("device_add", "{\"driver\": \"ram\", \"size\": \"4K\", \"realized\": false}");
    g_assert_cmpstr(d, ==, "{\"id\":\"ram[0]\",\"path\":\"/machine/peripheral/ram[0]\"}");
    g_autofree char *d2 = run_ok("device_add", "{\"driver\": \"ram\", \"size\": 4096}");
    g_assert_cmpstr(d2, ==, "{\"id\":\"ram[1]\",\"path\":\"/machine/peripheral/ram[1]\"}");
    g_autofree char *r0 = run_ok("qom-get", "{\"path\": \"ram[0]\", \"property\": \"realized\"}");
    g_assert_cmpstr(r0, ==, "false");
    run_err("device_add", "{\"driver\": \"ramm\"}", "GenericError",
            "'ramm' is not a valid device model name (did you mean 'ram'?)");
    run_err("device_add", "{\"driver\": \"ram\", \"id\": \"bad\"}", "GenericError",
            "/machine/peripheral/bad: region 'mem' is empty: set property 'size' (e.g. size=64K)");
    g_assert_null(object_resolve(sys->root, "/machine/peripheral/bad")); /* nothing half-built */
    run_ok_quiet("accel-set", "{\"accel\": \"tcg\"}");
    run_err("accel-set", "{\"accel\": \"tcg\"}", "GenericError",
            "The command accel-set is not available in state 'accel-created' (it runs in: machine-created)");
    run_ok_quiet("x-exit-preconfig", NULL);
    g_assert_cmpint(sys->state, ==, RUN_STATE_RUNNING);
    g_autofree char *r1 = run_ok("qom-get", "{\"path\": \"ram[0]\", \"property\": \"realized\"}");
    g_assert_cmpstr(r1, ==, "true");
    /* hot plug of a type that is not hotpluggable */
    run_err("device_add", "{\"driver\": \"ram\", \"size\": 4096}", "GenericError",
            "Device 'ram' can not be hotplugged on this machine (it can be added before prelaunch)");
    run_err("device_del", "{\"id\": \"ram[0]\"}", "GenericError",
            "Device 'ram[0]' can not be unplugged: type 'ram' is not hotpluggable");
    run_ok_quiet("stop", NULL);
    g_assert_cmpint(sys->state, ==, RUN_STATE_PAUSED);
    run_ok_quiet("cont", NULL);
    g_assert_cmpint(sys->state, ==, RUN_STATE_RUNNING);
}

static void test_objects(void)
{
    reset_system();
    run_ok_quiet("object-add", "{\"qom-type\": \"address-space\", \"id\": \"as0\"}");
    g_autofree char *t = run_ok("qom-get", "{\"path\": \"/objects/as0\", \"property\": \"type\"}");
    g_assert_cmpstr(t, ==, "\"address-space\"");
    run_err("object-add", "{\"qom-type\": \"ram\", \"id\": \"r\"}", "GenericError",
            "'ram' is not a user-creatable object type (devices are added with device_add)");
    run_err("object-add", "{\"qom-type\": \"address-space\", \"id\": \"as0\"}", "GenericError",
            "'/objects' already has a child named 'as0'");
    run_ok_quiet("object-del", "{\"id\": \"as0\"}");
    run_err("object-del", "{\"id\": \"as0\"}", "GenericError", "object 'as0' not found");
}

static void test_keyval_and_config(void)
{
    reset_system();
    Error *err = NULL;
    json_t *r = system_dispatch_keyval(sys, "machine-set", "none", "type", &err);
    g_assert_nonnull(r);
    json_decref(r);
    r = system_dispatch_keyval(sys, "device_add", "ram,id=k,size=8K,realized=off",
                               "driver", &err);
    g_assert_nonnull(r);
    json_decref(r);
    g_autofree char *sz = run_ok("qom-get", "{\"path\": \"k\", \"property\": \"size\"}");
    g_assert_cmpstr(sz, ==, "8192");

    g_autofree char *y = write_tmp("hemu-test.yaml",
        "# comment\n"
        "- execute: device_add\n"
        "  arguments: {driver: ram, id: y0, size: 64K, realized: false}\n"
        "- execute: qom-set\n"
        "  arguments:\n"
        "    path: y0\n"
        "    property: size\n"
        "    value: 128K\n");
    g_assert_true(system_run_config_file(sys, y, &err));
    g_autofree char *nm = run_ok("qom-get", "{\"path\": \"y0\", \"property\": \"size\"}");
    g_assert_cmpstr(nm, ==, "131072");

    g_autofree char *j = write_tmp("hemu-test.json",
        "[{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"ram\", \"id\": \"j0\", \"size\": 4096}},\n"
        " {\"execute\": \"device_add\", \"arguments\": {\"driver\": \"rom\", \"id\": \"j1\"}}]");
    g_assert_false(system_run_config_file(sys, j, &err));
    g_assert_nonnull(strstr(err->msg, "hemu-test.json:2:2: command 2 (device_add): /machine/peripheral/j1: region 'mem' is empty"));
    error_free(err);
    err = NULL;
    g_assert_nonnull(object_resolve(sys->root, "/machine/peripheral/j0"));

    g_autofree char *bad = write_tmp("hemu-bad.yaml", "- execute: quit\n  arguments: [1\n");
    g_assert_false(system_run_config_file(sys, bad, &err));
    g_assert_nonnull(strstr(err->msg, "hemu-bad.yaml:3:1: "));
    error_free(err);
    err = NULL;
    g_autofree char *badj = write_tmp("hemu-bad.json", "[{\"execute\": \"quit\" \"x\"}]");
    g_assert_false(system_run_config_file(sys, badj, &err));
    g_assert_nonnull(strstr(err->msg, "hemu-bad.json:1:21: expected ',' or '}'"));
    error_free(err);
    g_unlink(y);
    g_unlink(j);
    g_unlink(bad);
    g_unlink(badj);
}

static GString *received;

static void fe_receive(void *opaque, const uint8_t *buf, size_t len)
{
    g_string_append_len(received, (const char *)buf, len);
}

static void test_chardevs(void)
{
    reset_system();
    g_autofree char *path = g_build_filename(g_get_tmp_dir(), "hemu-chr.txt", NULL);
    g_autofree char *args = g_strdup_printf("{\"id\": \"f\", \"backend\": "
        "{\"type\": \"file\", \"data\": {\"out\": \"%s\"}}}", path);
    run_ok_quiet("chardev-add", args);
    Chardev *c = (Chardev *)object_resolve(sys->root, "/chardevs/f");
    g_assert_nonnull(c);
    g_assert_cmpuint(chardev_write(c, "line 1\n", 7), ==, 7);

    /* one frontend at a time; a used backend cannot be removed */
    static const ChardevFrontendOps fe = { .receive = fe_receive };
    Error *err = NULL;
    g_assert_true(chardev_attach(c, "/objects", &fe, NULL, &err));
    g_assert_false(chardev_attach(c, "/", &fe, NULL, &err));
    g_assert_cmpstr(err->msg, ==, "chardev '/chardevs/f' is already in use by '/objects'");
    error_free(err);
    received = g_string_new("");
    chardev_deliver(c, "in", 2);
    g_assert_cmpstr(received->str, ==, "in");
    g_string_free(received, true);
    run_err("chardev-remove", "{\"id\": \"f\"}", "GenericError", "Chardev 'f' is busy");
    g_autofree char *q = run_ok("query-chardev", NULL);
    g_assert_nonnull(strstr(q, "\"frontend-open\":true"));
    chardev_detach(c);
    g_assert_cmpuint(chardev_write(c, "line 2\n", 7), ==, 7);
    run_ok_quiet("chardev-remove", "{\"id\": \"f\"}");

    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, "line 1\nline 2\n");
    g_unlink(path);
}

static void fe_receive2(void *opaque, const uint8_t *buf, size_t len)
{
    g_string_append_len(opaque, (const char *)buf, len);
}

static const ChardevFrontendOps collect_ops = { .receive = fe_receive2 };

static void test_mux(void)
{
    reset_system();
    run_ok_quiet("chardev-add", "{\"id\": \"rb\", \"backend\": "
        "{\"type\": \"ringbuf\", \"data\": {\"size\": 256}}}");
    run_ok_quiet("chardev-add", "{\"id\": \"m\", \"backend\": "
        "{\"type\": \"mux\", \"data\": {\"chardev\": \"rb\"}}}");
    Chardev *rb = (Chardev *)object_resolve(sys->root, "/chardevs/rb");
    Chardev *m = (Chardev *)object_resolve(sys->root, "/chardevs/m");
    Error *err = NULL;

    /* frontends naming the mux get its ports in turn */
    Chardev *p0 = chardev_mux_free_port(m, NULL, &err);
    GString *in0 = g_string_new(""), *in1 = g_string_new("");
    g_assert_true(chardev_attach(p0, "serial", &collect_ops, in0, &err));
    Chardev *p1 = chardev_mux_free_port(m, NULL, &err);
    g_assert_true(p1 != p0);
    g_assert_true(chardev_attach(p1, "monitor", &collect_ops, in1, &err));
    g_assert_null(chardev_mux_free_port(m, NULL, &err));
    g_assert_cmpstr(err->msg, ==, "chardev '/chardevs/m': all 2 of its ports are in use (property 'ports')");
    error_free(err);
    err = NULL;

    /* input goes to the port in focus; Ctrl-A c moves it, also when the
     * escape is split across two reads; Ctrl-A Ctrl-A is one Ctrl-A */
    chardev_deliver(rb, "ab\x01" "cde", 6);
    chardev_deliver(rb, "x\x01", 2);
    chardev_deliver(rb, "cy\x01\x01z", 5);
    g_assert_cmpstr(in0->str, ==, "aby\x01z");
    g_assert_cmpstr(in1->str, ==, "dex");
    /* output of both ports reaches the backend */
    g_assert_cmpuint(chardev_write(p0, "S", 1), ==, 1);
    g_assert_cmpuint(chardev_write(p1, "M", 1), ==, 1);
    g_autofree char *out = run_ok("ringbuf-read", "{\"device\": \"rb\", \"size\": 10}");
    g_assert_cmpstr(out, ==, "\"SM\"");

    /* busy while a port is used; the backend while the mux holds it */
    run_err("chardev-remove", "{\"id\": \"m\"}", "GenericError", "Chardev 'm' is busy");
    run_err("chardev-remove", "{\"id\": \"rb\"}", "GenericError", "Chardev 'rb' is busy");
    chardev_detach(p0);
    chardev_detach(p1);
    run_ok_quiet("chardev-remove", "{\"id\": \"m\"}");
    run_ok_quiet("chardev-remove", "{\"id\": \"rb\"}");
    g_string_free(in0, true);
    g_string_free(in1, true);
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    g_test_init(&argc, &argv, NULL);
    sys = system_new(&err);
    if (!sys) {
        g_printerr("%s\n", err->msg);
        return 1;
    }
    g_test_add_func("/system/table-matches-schema", test_table_matches_schema);
    g_test_add_func("/system/errors", test_errors);
    g_test_add_func("/system/qom", test_qom);
    g_test_add_func("/system/status-and-quit", test_status_and_quit);
    g_test_add_func("/system/state-machine", test_state_machine);
    g_test_add_func("/system/objects", test_objects);
    g_test_add_func("/system/keyval-and-config", test_keyval_and_config);
    g_test_add_func("/system/chardevs", test_chardevs);
    g_test_add_func("/system/mux", test_mux);
    int rc = g_test_run();
    system_free(sys);
    return rc;
}
