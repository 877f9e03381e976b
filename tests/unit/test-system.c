/* Unit tests for the dispatcher every transport uses: command lookup,
 * run-state checks, schema validation, and the core command handlers.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "system/system.h"

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
    /* every schema command has a handler, every handler a schema entry */
    for (guint i = 0; i < sys->schema->entities->len; i++) {
        const QapiEntity *e = sys->schema->entities->pdata[i];
        if (e->meta == QAPI_META_COMMAND) {
            g_assert_true(g_hash_table_contains(sys->handlers, e->name));
        }
    }
    for (const QmpCommandDef *c = qmp_commands; c->name; c++) {
        g_assert_nonnull(qapi_schema_lookup(sys->schema, c->name));
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
    Error *err = NULL;
    g_assert_true(system_machine_create(sys, "none", &err));
    g_autofree char *l = run_ok("qom-list", "{\"path\": \"/machine\"}");
    g_assert_nonnull(strstr(l, "{\"name\":\"peripheral\",\"type\":\"child<container>\"}"));
    g_autofree char *p = run_ok("qom-get", "{\"path\": \"peripheral\", \"property\": \"type\"}");
    g_assert_cmpstr(p, ==, "\"container\"");
    g_autofree char *s = run_ok("qom-set", "{\"path\": \"/machine\", \"property\": \"name\", \"value\": \"x\"}");
    g_assert_cmpstr(s, ==, "{}");
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
    g_autofree char *q = run_ok("quit", NULL);
    g_assert_true(sys->quit);
    g_assert_cmpint(sys->exit_status, ==, 0);
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
    int rc = g_test_run();
    system_free(sys);
    return rc;
}
