/* The command line, run left to right: each option is an action on the
 * System (most of them a schema command through system_dispatch), so the
 * CLI, config files and QMP stay three transports of one command set.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "core/log.h"
#include "core/version.h"
#include "hw/core/device-tree.h"
#include "system/cli.h"

typedef bool (*CliFn)(System *sys, Cli *cli, const char *arg, Error **errp);

typedef struct CliOption {
    const char *name;      /* without the leading dash */
    const char *alias;
    const char *argname;   /* NULL: takes no argument */
    CliFn fn;              /* or, with machine_prop, the machine property */
    const char *help;
    const char *machine_prop;
} CliOption;

/* Run a schema command with keyval arguments; the reply is dropped. */
static bool run_cmd(System *sys, const char *cmd, const char *arg,
                    const char *implied, Error **errp)
{
    json_t *ret = system_dispatch_keyval(sys, cmd, arg, implied, errp);
    json_decref(ret);
    return ret != NULL;
}

static void print_props(const TypeImpl *t)
{
    size_t n;
    const PropDef *const *props = type_props(t, &n);
    printf("%s options:\n", type_name(t));
    for (size_t i = 0; i < n; i++) {
        g_autofree char *tn = prop_type_name(props[i]);
        json_t *d = prop_default_json(props[i]);
        g_autofree char *dt = d ? json_dumps(d, JSON_ENCODE_ANY) : NULL;
        json_decref(d);
        printf("  %s=<%s>%*s - %s%s%s%s\n", props[i]->name, tn,
               (int)(24 - MIN(24, strlen(props[i]->name) + strlen(tn) + 3)), "",
               props[i]->doc, dt ? " (default: " : "", dt ? dt : "",
               dt ? ")" : "");
    }
}

/* "help" or "TYPE,help": list the types (of base) or one type's options. */
static bool type_help(Cli *cli, const char *arg, const char *base)
{
    g_auto(GStrv) parts = g_strsplit(arg, ",", -1);
    bool help = !strcmp(arg, "help") || !strcmp(arg, "?");
    for (char **p = parts; *p && !help; p++) {
        help = !strcmp(*p, "help") || !strcmp(*p, "?");
    }
    if (!help) {
        return false;
    }
    cli->exit_now = true;
    const TypeImpl *t = type_lookup(parts[0]);
    if (t && strcmp(parts[0], "help")) {
        print_props(t);
        return true;
    }
    size_t n;
    const TypeImpl *const *all = type_all(&n);
    printf("Available %s types:\n", base);
    for (size_t i = 0; i < n; i++) {
        bool user = strcmp(base, "object") ||
                    (!type_is_a(all[i], "device") && !type_is_a(all[i], "machine"));
        if (!type_is_abstract(all[i]) && type_is_a(all[i], base) && user) {
            printf("name \"%s\", desc \"%s\"\n", type_name(all[i]),
                   type_doc(all[i]));
        }
    }
    return true;
}

static bool opt_device(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return type_help(cli, arg, "device") ||
           run_cmd(sys, "device_add", arg, "driver", errp);
}

static bool opt_object(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return type_help(cli, arg, "object") ||
           run_cmd(sys, "object-add", arg, "qom-type", errp);
}

static bool opt_accel(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return run_cmd(sys, "accel-set", arg, "accel", errp);
}

/* -cmd NAME[,ARGS]: any schema command, arguments in keyval syntax. */
static bool opt_cmd(System *sys, Cli *cli, const char *arg, Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(arg, ",", 2);
    return run_cmd(sys, parts[0], parts[1] ? parts[1] : "", NULL, errp);
}

static bool opt_dumpdtb(System *sys, Cli *cli, const char *arg, Error **errp)
{
    cli->dumpdtb = arg;
    return true;
}

static Object *find_device_tree(Object *obj)
{
    OBJECT_FOREACH_CHILD(obj, c) {
        Object *found = object_is_a(c, "device-tree") ? c : find_device_tree(c);
        if (found) {
            return found;
        }
    }
    return NULL;
}

bool cli_after_prelaunch(System *sys, Cli *cli, Error **errp)
{
    if (!cli->dumpdtb) {
        return true;
    }
    Object *dt = sys->machine ? find_device_tree(sys->machine) : NULL;
    size_t len = 0;
    const uint8_t *blob = dt ? device_tree_blob(dt, &len) : NULL;
    GError *gerr = NULL;
    if (!blob) {
        error_setg(errp, "-dumpdtb %s: the machine has no device tree",
                   cli->dumpdtb);
        return false;
    }
    if (!g_file_set_contents(cli->dumpdtb, (const char *)blob, (gssize)len, &gerr)) {
        error_setg(errp, "-dumpdtb: %s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    cli->exit_now = true;
    return true;
}

static bool opt_taken(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return true;    /* taken in the first pass */
}

/* machine-set with arg (the implied key: type or file) and the values of
 * the machine shorthands; with --print-commands, print what it would run
 * and exit. */
static bool machine_cmd(System *sys, Cli *cli, const char *arg,
                        const char *implied, Error **errp)
{
    g_autofree char *all = g_strconcat(arg, cli->machine_args ?
                                       cli->machine_args->str : "", NULL);
    if (!cli->print_commands) {
        bool ok = run_cmd(sys, "machine-set", all, implied, errp);
        for (guint i = 0; !ok && errp && *errp && cli->shorthands &&
                          i < cli->shorthands->len; i++) {
            CliShorthand *sh = &g_array_index(cli->shorthands, CliShorthand, i);
            g_autofree char *needle = g_strdup_printf("no parameter '%s'", sh->prop);
            if (strstr(error_get_pretty(*errp), needle)) {
                error_prepend(errp, "-%s %s (argument %d) sets '%s': ", sh->opt,
                              sh->arg, sh->pos, sh->prop);
                break;
            }
        }
        return ok;
    }
    sys->print_plan = true;
    json_t *ret = system_dispatch_keyval(sys, "machine-set", all, implied, errp);
    sys->print_plan = false;
    if (!ret) {
        return false;
    }
    json_decref(ret);
    size_t i;
    json_t *c;
    json_array_foreach(sys->printed_plan, i, c) {
        g_autofree char *line = json_dumps(c, JSON_PRESERVE_ORDER);
        printf("%s\n", line);
    }
    json_decref(sys->printed_plan);
    sys->printed_plan = NULL;
    cli->exit_now = true;
    return true;
}

/* The targets QEMU-style invocations name (argv[0] hemu-system-TARGET, or
 * -target TARGET) and their default machines. */
static const struct { const char *target, *machine; } targets[] = {
    { "riscv64", "riscv-virt" },
    { "arm", "mps2-an385" },
    { NULL, NULL }
};

static bool opt_target(System *sys, Cli *cli, const char *arg, Error **errp)
{
    for (int i = 0; targets[i].target; i++) {
        if (!strcmp(targets[i].target, arg)) {
            cli->target = targets[i].target;
            return true;
        }
    }
    error_setg(errp, "unknown target '%s' (hemu has: riscv64, arm)", arg);
    return false;
}

bool cli_default_machine(System *sys, Cli *cli, Error **errp)
{
    const char *m = "none";
    for (int i = 0; cli->target && targets[i].target; i++) {
        if (!strcmp(targets[i].target, cli->target)) {
            m = targets[i].machine;
        }
    }
    return machine_cmd(sys, cli, m, "type", errp);
}

void cli_free(Cli *cli)
{
    if (cli->machine_args) {
        g_string_free(cli->machine_args, true);
    }
    if (cli->shorthands) {
        g_array_free(cli->shorthands, true);
    }

}

/* QEMU's shorthands for machine parameters (-m, -smp, ...) are collected
 * before the rest and given to the machine when it is created, wherever
 * they stand, as in QEMU. */
static void add_machine_arg(Cli *cli, const char *option, const char *prop,
                            const char *arg, int pos)
{
    if (!cli->machine_args) {
        cli->machine_args = g_string_new(NULL);
        cli->shorthands = g_array_new(false, false, sizeof(CliShorthand));
    }
    CliShorthand sh = { option, prop, arg, pos };
    g_array_append_val(cli->shorthands, sh);
    g_string_append_printf(cli->machine_args, ",%s=", prop);
    /* QEMU's "-m 512" means MiB */
    for (const char *c = arg; *c; c++) {
        g_string_append_len(cli->machine_args, c, 1 + (*c == ','));
    }
    if (!strcmp(option, "m") && *arg && g_ascii_isdigit(arg[strlen(arg) - 1])) {
        g_string_append_c(cli->machine_args, 'M');
    }
}

static bool opt_machine_file(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return machine_cmd(sys, cli, arg, "file", errp);
}

static bool opt_readconfig(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return system_run_config_file(sys, arg, errp);
}

static bool opt_machine(System *sys, Cli *cli, const char *arg, Error **errp)
{
    if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
        json_t *list = system_machine_list();
        size_t i;
        json_t *m;
        printf("Supported machines are:\n");
        json_array_foreach(list, i, m) {
            printf("%-20s %s\n", json_string_value(json_object_get(m, "name")),
                   json_string_value(json_object_get(m, "description")));
        }
        json_decref(list);
        cli->exit_now = true;
        return true;
    }
    return machine_cmd(sys, cli, arg, "type", errp);
}

static bool opt_display(System *sys, Cli *cli, const char *arg, Error **errp)
{
    if (strcmp(arg, "none") != 0) {
        error_setg(errp, "display '%s' is not supported (hemu has no "
                   "graphical display; use -display none)", arg);
        return false;
    }
    return true;
}

static bool opt_ignore(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return true;
}

static bool opt_nodefaults(System *sys, Cli *cli, const char *arg, Error **errp)
{
    cli->nodefaults = true;
    return true;
}

static bool opt_S(System *sys, Cli *cli, const char *arg, Error **errp)
{
    cli->start_paused = true;
    return true;
}

static bool opt_preconfig(System *sys, Cli *cli, const char *arg, Error **errp)
{
    cli->preconfig = true;
    return true;
}

static bool opt_qmp(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return system_monitor_add_qmp(sys, arg, errp);
}

static bool opt_chardev(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return system_chardev_add(sys, arg, errp);
}

static bool opt_mon(System *sys, Cli *cli, const char *arg, Error **errp)
{
    return system_monitor_add_mon(sys, arg, errp);
}

static bool opt_log(System *sys, Cli *cli, const char *arg, Error **errp)
{
    unsigned mask;
    if (!log_parse_mask(arg, &mask, errp)) {
        return false;
    }
    log_set_mask(mask);
    return true;
}

static bool opt_pidfile(System *sys, Cli *cli, const char *arg, Error **errp)
{
    g_autofree char *pid = g_strdup_printf("%d\n", (int)getpid());
    GError *gerr = NULL;
    if (!g_file_set_contents(arg, pid, -1, &gerr)) {
        error_setg(errp, "cannot write pid file: %s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    return true;
}

static bool opt_version(System *sys, Cli *cli, const char *arg, Error **errp)
{
    printf("hemu version %s\n", HEMU_VERSION);
    cli->exit_now = true;
    return true;
}

static bool opt_help(System *sys, Cli *cli, const char *arg, Error **errp);

static const CliOption options[] = {
    { "machine", "M", "TYPE", opt_machine, "create the machine TYPE ('help' lists them)" },
    { "machine-file", NULL, "FILE[,PARAM=VALUE...]", opt_machine_file, "create the machine a description file defines" },
    { "print-commands", NULL, NULL, opt_taken, "print the commands the machine's description compiles to (QMP JSON, one per line) and exit" },
    { "target", NULL, "TARGET", opt_target, "the target whose default machine runs without -M (riscv64: riscv-virt, arm: mps2-an385); also taken from argv[0] hemu-system-TARGET" },
    { "dumpdtb", NULL, "FILE", opt_dumpdtb, "write the machine's device tree (as built at reset) to FILE and exit" },
    { "accel", NULL, "tcg", opt_accel, "choose the accelerator (needs a machine)" },
    { "m", NULL, "SIZE", NULL, "the machine's RAM size (property ram-size; a bare number is MiB)", "ram-size" },
    { "smp", NULL, "N", NULL, "the machine's number of CPUs (property cpus)", "cpus" },
    { "cpu", NULL, "MODEL", NULL, "the machine's CPU model (property cpu-type)", "cpu-type" },
    { "kernel", NULL, "FILE", NULL, "the image the boot CPU starts (property kernel)", "kernel" },
    { "bios", NULL, "FILE", NULL, "the firmware (property bios)", "bios" },
    { "append", NULL, "CMDLINE", NULL, "the kernel command line (property append)", "append" },
    { "semihosting", NULL, NULL, NULL, "enable semihosting calls (parameter semihosting=on)", "semihosting" },
    { "device", NULL, "DRIVER[,PROP=VALUE...]", opt_device, "add a device (device_add); 'help' lists types, 'DRIVER,help' its properties" },
    { "object", NULL, "TYPE,id=ID[,PROP=VALUE...]", opt_object, "add an object (object-add)" },
    { "cmd", NULL, "COMMAND[,ARG=VALUE...]", opt_cmd, "run any QMP command, arguments in keyval syntax" },
    { "readconfig", NULL, "FILE", opt_readconfig, "run the commands of FILE (JSON or YAML list of {execute, arguments})" },
    { "qmp", NULL, "DEV", opt_qmp, "a QMP monitor on DEV: stdio, unix:PATH,server=on,wait=off, tcp:HOST:PORT,server=on,wait=off" },
    { "chardev", NULL, "BACKEND,id=ID,...", opt_chardev, "a character backend (socket, stdio) for -mon" },
    { "mon", NULL, "chardev=ID,mode=control", opt_mon, "a QMP monitor on the character backend ID" },
    { "S", NULL, NULL, opt_S, "do not start the CPUs (stay in prelaunch)" },
    { "preconfig", NULL, NULL, opt_preconfig, "stop after the command line and wait for QMP to finish the configuration" },
    { "nodefaults", NULL, NULL, opt_nodefaults, "create no default devices" },
    { "display", NULL, "TYPE", opt_display, "display type; only 'none'" },
    { "nographic", NULL, NULL, opt_taken, "no graphical output (hemu has none): the first serial port goes to stdio" },
    { "serial", NULL, "DEV", opt_taken, "the board's next serial port (/chardevs/serialN): stdio, null, pty, file:PATH, unix:PATH,server=on,wait=off, tcp:HOST:PORT,server=on,wait=off" },
    { "no-user-config", NULL, NULL, opt_ignore, "read no user configuration (hemu reads none)" },
    { "name", NULL, "NAME", opt_ignore, "a name for the guest" },
    { "d", NULL, "ITEMS", opt_log, "log items: guest_errors, unimp" },
    { "pidfile", NULL, "FILE", opt_pidfile, "write the process id to FILE" },
    { "version", NULL, NULL, opt_version, "print the version and exit" },
    { "help", "h", NULL, opt_help, "print this help and exit" },
    { NULL }
};

static bool opt_help(System *sys, Cli *cli, const char *arg, Error **errp)
{
    printf("usage: hemu [options]\n"
           "hemu is a machine emulator whose machines are data.\n"
           "Options run left to right; each is a command (see docs/cli.md).\n\n");
    for (const CliOption *o = options; o->name; o++) {
        g_autofree char *lhs = g_strdup_printf("-%s%s%s%s%s", o->name,
            o->alias ? ", -" : "", o->alias ? o->alias : "",
            o->argname ? " " : "", o->argname ? o->argname : "");
        printf("  %-28s %s\n", lhs, o->help);
    }
    cli->exit_now = true;
    return true;
}

static const CliOption *find_option(const char *name)
{
    for (const CliOption *o = options; o->name; o++) {
        if (!strcmp(o->name, name) || (o->alias && !strcmp(o->alias, name))) {
            return o;
        }
    }
    return NULL;
}

/* The first pass: machine shorthands and --print-commands. */
static void cli_prescan(System *sys, Cli *cli, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const CliOption *o = a[0] == '-' ? find_option(a + 1 + (a[1] == '-')) : NULL;
        if (!o) {
            continue;
        }
        if (!strcmp(o->name, "print-commands")) {
            cli->print_commands = true;
        }
        sys->nographic |= !strcmp(o->name, "nographic");
        if (!strcmp(o->name, "serial") && i + 1 < argc) {
            g_ptr_array_add(sys->serials, g_strdup(argv[i + 1]));
        }
        if (o->argname && i + 1 < argc) {
            i++;
            if (o->machine_prop) {
                add_machine_arg(cli, o->name, o->machine_prop, argv[i], i - 1);
            }
        } else if (!o->argname && o->machine_prop) {
            add_machine_arg(cli, o->name, o->machine_prop, "on", i);
        }
    }
}

bool cli_run(System *sys, Cli *cli, int argc, char **argv, Error **errp)
{
    g_autofree char *self = g_path_get_basename(argv[0]);
    if (g_str_has_prefix(self, "hemu-system-")) {
        opt_target(sys, cli, self + strlen("hemu-system-"), NULL);
    }
    cli_prescan(sys, cli, argc, argv);
    for (int i = 1; i < argc && !cli->exit_now; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) {
            error_setg(errp, "'%s' (argument %d): not an option; options start "
                       "with '-' (see -help)", a, i);
            return false;
        }
        const char *name = a + 1 + (a[1] == '-');   /* -opt and --opt */
        const CliOption *o = find_option(name);
        if (!o) {
            const char *names[G_N_ELEMENTS(options)];
            size_t n = 0;
            for (const CliOption *p = options; p->name; p++) {
                names[n++] = p->name;
            }
            const char *near = suggest_name(name, names, n);
            error_setg(errp, "%s (argument %d): unknown option%s%s%s", a, i,
                       near ? "; did you mean -" : "", near ? near : "",
                       near ? "?" : "");
            return false;
        }
        const char *arg = NULL;
        if (o->argname) {
            if (i + 1 >= argc) {
                error_setg(errp, "%s (argument %d) needs an argument: %s", a, i,
                           o->argname);
                return false;
            }
            arg = argv[++i];
        }
        bool ok = o->machine_prop ? true : o->fn(sys, cli, arg, errp);
        if (!ok) {
            error_prepend(errp, "%s%s%s (argument %d): ", a, arg ? " " : "",
                          arg ? arg : "", i - (arg != NULL));
            return false;
        }
    }
    return true;
}
