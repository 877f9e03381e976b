/* The sweep: every registered non-abstract type is created, attached,
 * realized where its defaults allow, unrealized and destroyed, and the tree
 * around it is unchanged afterwards; every type, property, pin and region
 * has a doc. Run under ASan (make check-asan), it also shows no leak.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "core/object.h"
#include "system/types.h"

/* A recursive dump: path, type, state and every property value. */
static void dump(Object *obj, GString *out)
{
    g_autofree char *path = object_path(obj);
    json_t *props = object_list_props(obj);
    g_string_append_printf(out, "%s %s %s\n", path,
                           type_name(obj->type), object_state_name(obj));
    size_t i;
    json_t *p;
    json_array_foreach(props, i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        json_t *v = object_prop_get(obj, name, NULL);
        g_autofree char *txt = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
        g_string_append_printf(out, "  %s=%s\n", name, txt ? txt : "?");
        json_decref(v);
    }
    json_decref(props);
    OBJECT_FOREACH_CHILD(obj, c) {
        dump(c, out);
    }
}

static void test_docs(void)
{
    size_t n;
    const TypeImpl *const *all = type_all(&n);
    g_assert_cmpuint(n, >, 0);
    for (size_t i = 0; i < n; i++) {
        const TypeImpl *t = all[i];
        g_assert_nonnull(type_doc(t));
        g_assert_cmpuint(strlen(type_doc(t)), >, 10);
        size_t np;
        const PropDef *const *props = type_props(t, &np);
        for (size_t k = 0; k < np; k++) {
            g_assert_true(props[k]->doc && *props[k]->doc);
        }
        const PinDef *const *pins = type_pins(t, &np);
        for (size_t k = 0; k < np; k++) {
            g_assert_true(pins[k]->doc && *pins[k]->doc);
        }
        const RegionDef *const *regs = type_regions(t, &np);
        for (size_t k = 0; k < np; k++) {
            g_assert_true(regs[k]->doc && *regs[k]->doc);
        }
    }
}

static void test_every_type(void)
{
    size_t n;
    const TypeImpl *const *all = type_all(&n);
    Object *root = object_new_root();
    Object *m = object_new_child(root, "container", "machine", NULL);
    object_new_child(m, "container", "other", NULL);
    GString *before = g_string_new(""), *after = g_string_new("");
    dump(root, before);
    unsigned created = 0, realized = 0;

    for (size_t i = 0; i < n; i++) {
        const TypeImpl *t = all[i];
        if (type_is_abstract(t)) {
            continue;
        }
        Error *err = NULL;
        Object *obj = object_new_child(m, type_name(t), "dut", &err);
        if (!obj) {
            g_test_message("%s: %s", type_name(t), err->msg);
        }
        g_assert_nonnull(obj);
        created++;
        g_assert_cmpstr(object_state_name(obj), ==, "attached");
        /* Defaults may not be enough (a ram needs a size); then the error
         * must name the object and nothing may stay realized. */
        if (object_realize(obj, &err)) {
            realized++;
            g_assert_true(object_is_realized(obj));
            object_reset(obj);
            object_unrealize(obj);
            g_assert_false(object_is_realized(obj));
        } else {
            g_test_message("%s does not realize with defaults: %s",
                           type_name(t), err->msg);
            g_assert_nonnull(strstr(err->msg, "/machine/dut"));
            g_assert_false(object_is_realized(obj));
            error_free(err);
        }
        object_destroy(obj);
        g_string_truncate(after, 0);
        dump(root, after);
        g_assert_cmpstr(after->str, ==, before->str);
    }
    g_test_message("%u types created, %u realized with defaults", created, realized);
    g_assert_cmpuint(created, >, 0);
    g_string_free(before, true);
    g_string_free(after, true);
    object_destroy(root);
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    g_test_init(&argc, &argv, NULL);
    if (!hemu_types_init(&err)) {
        g_printerr("%s\n", err->msg);
        return 1;
    }
    g_test_add_func("/sweep/docs", test_docs);
    g_test_add_func("/sweep/every-type", test_every_type);
    return g_test_run();
}
