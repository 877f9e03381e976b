/* bench/describe: machine descriptions of 10, 1k and 10k RAMs, written out
 * (JSON, YAML) and as loops: ms and µs per RAM to load, realize and free
 * them, and the growth from 1k to 10k. Usage: bench-describe [FORM [RAMS]]
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/machine.h"
#include "system/system.h"
#include "system/types.h"

enum { GROUP = 32 };    /* RAMs per reset combiner (or-irq) */

/* The board, per RAM: a 4K ram mapped into sysmem and a reset wire from
 * its group's or-irq; the or-irqs' inputs come from one root combiner.
 * Explicit forms write every object, mapping and wire out; the format
 * strings are head, ram, group, objects->memory, map, memory->connect,
 * ram wire, group wire, tail. */
static const char *const json_fmt[] = {
    "// bench/describe: %zu RAMs written out\n"
    "{\"machine\": \"bench-json\", \"doc\": \"%zu RAMs\",\n\"objects\": {\n"
    "  \"sysmem\": {\"type\": \"address-space\"},\n"
    "  \"reset\": {\"type\": \"or-irq\", \"props\": {\"num-lines\": 1}},\n",
    "  \"ram[%zu]\": {\"type\": \"ram\", \"props\": {\"size\": \"4K\"}},\n",
    "  \"rst[%zu]\": {\"type\": \"or-irq\", \"props\": {\"num-lines\": 1}},\n",
    "},\n\"memory\": [\n",
    "  {\"address-space\": \"sysmem\", \"object\": \"ram[%zu]\", "
    "\"addr\": \"0x%" G_GINT64_MODIFIER "x\"},\n",
    "],\n\"connect\": [\n",
    "  {\"from\": \"rst[%zu]:out\", \"to\": \"ram[%zu]:reset\"},\n",
    "  {\"from\": \"reset:out\", \"to\": \"rst[%zu]:in[0]\"},\n",
    "]}\n",
};

static const char *const yaml_fmt[] = {
    "# bench/describe: %zu RAMs written out\n"
    "machine: bench-yaml\ndoc: %zu RAMs\nobjects:\n"
    "  sysmem: { type: address-space }\n"
    "  reset: { type: or-irq, props: { num-lines: 1 } }\n",
    "  \"ram[%zu]\": { type: ram, props: { size: 4K } }\n",
    "  \"rst[%zu]\": { type: or-irq, props: { num-lines: 1 } }\n",
    "memory:\n",
    "  - { address-space: sysmem, object: \"ram[%zu]\", "
    "addr: 0x%" G_GINT64_MODIFIER "x }\n",
    "connect:\n",
    "  - { from: \"rst[%zu]:out\", to: \"ram[%zu]:reset\" }\n",
    "  - { from: \"reset:out\", to: \"rst[%zu]:in[0]\" }\n",
    "",
};

/* The same board with one loop per list; n is a parameter (32: GROUP). */
static const char loop_text[] =
    "# bench/describe: the board of the explicit forms, as loops\n"
    "machine: bench-loop\ndoc: n RAMs in loops\n"
    "params:\n"
    "  n: { type: int, default: 10, min: 1, max: 100000,\n"
    "       doc: number of RAMs }\n"
    "objects:\n"
    "  sysmem: { type: address-space }\n"
    "  reset: { type: or-irq, props: { num-lines: 1 } }\n"
    "  \"ram[${i}]\": { for: \"i in 0..${n}\", type: ram,\n"
    "              props: { size: 4K } }\n"
    "  \"rst[${g}]\":\n"
    "    for: \"g in 0..${(n + 31) / 32}\"\n"
    "    type: or-irq\n"
    "    props: { num-lines: 1 }\n"
    "memory:\n"
    "  - for: \"i in 0..${n}\"\n"
    "    address-space: sysmem\n"
    "    object: \"ram[${i}]\"\n"
    "    addr: \"${0x8000_0000 + i * 4K}\"\n"
    "connect:\n"
    "  - { for: \"i in 0..${n}\", from: \"rst[${i / 32}]:out\",\n"
    "      to: \"ram[${i}]:reset\" }\n"
    "  - { for: \"g in 0..${(n + 31) / 32}\", from: \"reset:out\",\n"
    "      to: \"rst[${g}]:in[0]\" }\n";

static char *write_explicit(const char *const *f, size_t n)
{
    size_t groups = (n + GROUP - 1) / GROUP;
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, f[0], n, n);
    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(s, f[1], i);
    }
    for (size_t g = 0; g < groups; g++) {
        g_string_append_printf(s, f[2], g);
    }
    g_string_append(s, f[3]);
    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(s, f[4], i, (guint64)0x80000000 + i * 4096);
    }
    g_string_append(s, f[5]);
    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(s, f[6], i / GROUP, i);
    }
    for (size_t g = 0; g < groups; g++) {
        g_string_append_printf(s, f[7], g);
    }
    g_string_append(s, f[8]);
    return g_string_free(s, false);
}

typedef struct Form {
    const char *name, *suffix;
    const char *const *fmt;      /* NULL: the loop form */
} Form;

static const Form forms[] = {
    { "json", ".json", json_fmt },
    { "yaml", ".yaml", yaml_fmt },
    { "loop", ".yaml", NULL },
};

/* The phases timed: machine-set's load and compile alone (the plan built
 * and freed, not run), machine-set, x-machine-init, system_free. */
enum { COMPILE, SET, REALIZE, TEARDOWN, NPHASES };
static const char *const phase_names[] = { "compile", "set", "realize",
                                           "teardown" };
static const size_t sizes[] = { 10, 1000, 10000 };

static double ms_since(gint64 *t0)
{
    gint64 t = g_get_monotonic_time(), d = t - *t0;
    *t0 = t;
    return d / 1000.0;
}

static bool fail(const char *what, Error *err)
{
    fprintf(stderr, "bench-describe: %s: %s\n", what, error_get_pretty(err));
    error_free(err);
    return false;
}

/* One run of the description at path: ms[] per phase. */
static bool run(const char *path, const Form *f, size_t n, double *ms)
{
    Error *err = NULL;
    json_t *args = json_pack("{s:s}", "file", path);
    json_t *params = json_object();
    if (!f->fmt) {
        json_object_set_new(args, "n", json_integer(n));
        json_object_set_new(params, "n", json_integer(n));
    }
    gint64 t0 = g_get_monotonic_time();
    MachineDesc *d = mdesc_load(path, &err);
    MachinePlan plan = { 0 };
    bool ok = d && mdesc_compile(d, params, &plan, &err);
    machine_plan_clear(&plan);
    mdesc_free(d);
    ms[COMPILE] = ms_since(&t0);
    json_decref(params);
    System *sys = ok ? system_new(&err) : NULL;
    if (!sys) {
        json_decref(args);
        return fail(path, err);
    }
    t0 = g_get_monotonic_time();
    json_t *r = system_dispatch(sys, "machine-set", args, &err);
    ms[SET] = ms_since(&t0);
    json_decref(args);
    if (r) {
        json_decref(r);
        r = system_dispatch(sys, "x-machine-init", NULL, &err);
        ms[REALIZE] = ms_since(&t0);
        json_decref(r);
    }
    t0 = g_get_monotonic_time();
    system_free(sys);
    ms[TEARDOWN] = ms_since(&t0);
    return r ? true : fail(path, err);
}

/* Every size of form f (only: one size, or 0), best of several runs per
 * phase, then the growth from 1k to 10k. */
static bool bench_form(const char *dir, const Form *f, size_t only)
{
    double best[G_N_ELEMENTS(sizes)][NPHASES] = { { 0 } };
    for (size_t si = 0; si < G_N_ELEMENTS(sizes); si++) {
        size_t n = sizes[si];
        if (only && n != only) {
            continue;
        }
        g_autofree char *text = f->fmt ? write_explicit(f->fmt, n)
                                       : g_strdup(loop_text);
        g_autofree char *name = g_strdup_printf("%s-%zu%s", f->name, n,
                                                f->suffix);
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autoptr(GError) gerr = NULL;
        bool ok = g_file_set_contents(path, text, -1, &gerr);
        if (!ok) {
            fprintf(stderr, "bench-describe: %s\n", gerr->message);
        }
        double ms[NPHASES] = { 0 };
        for (int rep = 0; ok && rep < (n >= 10000 ? 5 : 10); rep++) {
            ok = run(path, f, n, ms);
            for (int p = 0; p < NPHASES; p++) {
                best[si][p] = rep ? MIN(best[si][p], ms[p]) : ms[p];
            }
        }
        g_unlink(path);
        if (!ok) {
            return false;
        }
        printf("%-5s %6zu %8.1f", f->name, n, strlen(text) / 1024.0);
        for (int p = 0; p < NPHASES; p++) {
            printf(" | %9.2f %7.2f", best[si][p], best[si][p] * 1000 / n);
        }
        printf("\n");
    }
    if (best[1][SET] && best[2][SET]) {
        printf("%-5s growth 10k/1k per RAM:", f->name);
        for (int p = 0; p < NPHASES; p++) {
            printf(" %s %.2fx%s", phase_names[p], best[2][p] / best[1][p] / 10,
                   p < NPHASES - 1 ? "," : "\n");
        }
    }
    return true;
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    if (!hemu_types_init(&err)) {    /* mdesc_compile looks types up */
        return !fail("types", err);
    }
    g_autofree char *dir = g_dir_make_tmp("hemu-bench-XXXXXX", NULL);
    if (!dir) {
        perror("bench-describe: temporary directory");
        return 1;
    }
    printf("machine descriptions, best of 10 (10k: of 5): ms, and µs per RAM; "
           "each RAM has a mapping and a wire, and 32 share an or-irq\n");
    printf("%-5s %6s %8s", "form", "RAMs", "file KB");
    for (int p = 0; p < NPHASES; p++) {
        printf(" | %9s %7s", phase_names[p], "µs");
    }
    printf("\n");
    bool ok = true;
    for (size_t fi = 0; ok && fi < G_N_ELEMENTS(forms); fi++) {
        if (argc < 2 || !strcmp(argv[1], forms[fi].name)) {
            ok = bench_form(dir, &forms[fi],
                            argc > 2 ? strtoul(argv[2], NULL, 10) : 0);
        }
    }
    printf("compile: machine-set's load and compile alone (plan built, not "
           "run); growth: µs per RAM at 10k over 1k (1.00x = linear)\n");
    g_rmdir(dir);
    return !ok;
}
