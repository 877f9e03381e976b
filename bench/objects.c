/* bench/objects: build, realize and destroy trees of 1k, 10k and 100k
 * simple objects; print time and heap bytes per object, and how the cost
 * per object grows with the tree (it should stay flat: linear growth).
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <malloc.h>
#include <stdio.h>

#include "core/object.h"
#include "system/types.h"

static size_t heap_used(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* A tree of n objects: groups of 100 containers under containers, as a
 * board has SoCs with many devices each. */
static void run(size_t n, double *us_build, double *us_realize,
                double *us_destroy, double *bytes)
{
    size_t before = heap_used();
    gint64 t0 = g_get_monotonic_time();
    Object *root = object_new_root();
    Object *group = NULL;
    char name[32];
    for (size_t i = 0; i < n; i++) {
        if (i % 100 == 0) {
            snprintf(name, sizeof(name), "g%zu", i / 100);
            group = object_new_child(root, "container", name, NULL);
        }
        snprintf(name, sizeof(name), "o%zu", i);
        object_new_child(group, "container", name, NULL);
    }
    gint64 t1 = g_get_monotonic_time();
    size_t after = heap_used();
    if (!object_realize(root, NULL)) {
        fprintf(stderr, "realize failed\n");
    }
    gint64 t2 = g_get_monotonic_time();
    object_destroy(root);
    gint64 t3 = g_get_monotonic_time();
    *us_build = (double)(t1 - t0) / n;
    *us_realize = (double)(t2 - t1) / n;
    *us_destroy = (double)(t3 - t2) / n;
    *bytes = (double)(after - before) / n;
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    if (!hemu_types_init(&err)) {
        fprintf(stderr, "%s\n", error_get_pretty(err));
        return 1;
    }
    static const size_t sizes[] = { 1000, 10000, 100000 };
    double first = 0;
    printf("%-8s %12s %12s %12s %12s %10s\n", "objects", "create µs/obj",
           "realize µs/obj", "destroy µs/obj", "bytes/obj", "growth");
    for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
        double b, r, d, bytes, best = 1e9;
        double bb = 0, br = 0, bd = 0, bbytes = 0;
        for (int rep = 0; rep < 3; rep++) {   /* best of three */
            run(sizes[i], &b, &r, &d, &bytes);
            if (b + r + d < best) {
                best = b + r + d;
                bb = b, br = r, bd = d, bbytes = bytes;
            }
        }
        if (i == 0) {
            first = best;
        }
        printf("%-8zu %12.3f %12.3f %12.3f %12.0f %9.2fx\n", sizes[i], bb, br,
               bd, bbytes, best / first);
    }
    printf("growth: total cost per object relative to the 1k tree "
           "(1.00x = linear)\n");
    return 0;
}
