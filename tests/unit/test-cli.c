/* Unit tests for the command line run left to right: options as commands,
 * errors naming the option and its position, the machine shorthands.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "system/cli.h"

/* Run argv (a NULL-terminated list after argv[0]) on a fresh System;
 * returns the error message or NULL, and the System in *out. */
static char *run(System **out, const char *const *args)
{
    System *sys = system_new(NULL);
    g_assert_nonnull(sys);
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (char *)"hemu");
    for (const char *const *a = args; *a; a++) {
        g_ptr_array_add(argv, (char *)*a);
    }
    Cli cli = { 0 };
    Error *err = NULL;
    bool ok = cli_run(sys, &cli, argv->len, (char **)argv->pdata, &err);
    g_ptr_array_free(argv, true);
    g_assert_true(ok == (err == NULL));
    char *msg = err ? g_strdup(err->msg) : NULL;
    error_free(err);
    if (out) {
        *out = sys;
    } else {
        system_free(sys);
    }
    return msg;
}

#define ASSERT_CLI_ERR(want, ...) do { \
        const char *const a_[] = { __VA_ARGS__, NULL }; \
        g_autofree char *m_ = run(NULL, a_); \
        g_assert_cmpstr(m_, ==, want); \
    } while (0)

static void test_left_to_right(void)
{
    System *sys;
    const char *const args[] = { "-M", "none", "-device", "ram,id=r,size=4K",
                                 "-cmd", "qom-set,path=r,property=realized,value=off",
                                 "-object", "container,id=c", NULL };
    g_autofree char *m = run(&sys, args);
    g_assert_null(m);
    Object *r = object_resolve(sys->root, "/machine/peripheral/r");
    g_assert_nonnull(r);
    g_assert_false(object_is_realized(r));      /* -cmd ran after -device */
    g_assert_nonnull(object_resolve(sys->root, "/objects/c"));
    json_t *name = object_prop_get(sys->machine, "name", NULL);
    g_assert_cmpstr(json_string_value(name), ==, "none");
    json_decref(name);
    system_free(sys);
}

static void test_errors(void)
{
    ASSERT_CLI_ERR("-device ram (argument 1): The command device_add is not "
                   "available in state 'no-machine' (it runs in: machine-created, "
                   "accel-created, initialized, prelaunch, running, paused)",
                   "-device", "ram");
    ASSERT_CLI_ERR("-frob (argument 3): unknown option", "-M", "none", "-frob");
    ASSERT_CLI_ERR("-devise (argument 1): unknown option; did you mean -device?",
                   "-devise", "x");
    ASSERT_CLI_ERR("-M (argument 1) needs an argument: TYPE", "-M");
    ASSERT_CLI_ERR("'ram' (argument 1): not an option; options start with '-' "
                   "(see -help)", "ram");
    ASSERT_CLI_ERR("-M none (argument 3): -m 1G (argument 1) sets 'ram-size': "
                   "machine 'none' has no parameter 'ram-size'",
                   "-m", "1G", "-M", "none");
    ASSERT_CLI_ERR("-M none (argument 1): -smp 4 (argument 3) sets 'cpus': "
                   "machine 'none' has no parameter 'cpus'", "-M", "none", "-smp", "4");
    ASSERT_CLI_ERR("-cmd no-such,x=1 (argument 3): The command no-such has not "
                   "been found", "-M", "none", "-cmd", "no-such,x=1");
    ASSERT_CLI_ERR("-display gtk (argument 1): display 'gtk' is not supported "
                   "(hemu has no graphical display; use -display none)",
                   "-display", "gtk");
}

static char *prop(System *sys, const char *path, const char *name)
{
    json_t *v = object_prop_get(object_resolve(sys->root, path), name, NULL);
    g_assert_nonnull(v);
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    json_decref(v);
    return s;
}

/* -qmp specs become chardev objects compat_monitorN, as QEMU names them */
static void test_qmp_specs(void)
{
    System *sys;
    g_autofree char *sock = g_build_filename(g_get_tmp_dir(), "hemu-cli-test.sock", NULL);
    g_autofree char *unix_spec = g_strdup_printf("unix:%s,server=on,wait=off", sock);
    const char *const args[] = { "-M", "none", "-qmp", unix_spec,
                                 "-qmp", "tcp::0,server,nowait", NULL };
    g_autofree char *m = run(&sys, args);
    g_assert_null(m);
    g_autofree char *t0 = prop(sys, "/chardevs/compat_monitor0", "type");
    g_assert_cmpstr(t0, ==, "\"chardev-socket\"");
    g_autofree char *p0 = prop(sys, "/chardevs/compat_monitor0", "path");
    g_autofree char *want = g_strdup_printf("\"%s\"", sock);
    g_assert_cmpstr(p0, ==, want);
    g_autofree char *s1 = prop(sys, "/chardevs/compat_monitor1", "server");
    g_assert_cmpstr(s1, ==, "true");
    g_autofree char *w1 = prop(sys, "/chardevs/compat_monitor1", "wait");
    g_assert_cmpstr(w1, ==, "false");
    system_free(sys);

    ASSERT_CLI_ERR("-qmp foo:bar (argument 3): QMP monitor 'foo:bar': hemu "
                   "supports stdio, pty, null, file:PATH, unix:PATH and tcp:HOST:PORT",
                   "-M", "none", "-qmp", "foo:bar");
    ASSERT_CLI_ERR("-qmp tcp:127.0.0.1 (argument 1): chardev: tcp: expects "
                   "HOST:PORT, not '127.0.0.1'", "-qmp", "tcp:127.0.0.1");
    ASSERT_CLI_ERR("-qmp stdio,x (argument 1): QMP monitor 'stdio,x': stdio "
                   "takes no options", "-qmp", "stdio,x");
    ASSERT_CLI_ERR("-mon chardev=nope,mode=control (argument 1): chardev "
                   "\"nope\" not found", "-mon", "chardev=nope,mode=control");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cli/left-to-right", test_left_to_right);
    g_test_add_func("/cli/errors", test_errors);
    g_test_add_func("/cli/qmp-specs", test_qmp_specs);
    return g_test_run();
}
