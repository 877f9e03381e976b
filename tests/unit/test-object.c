/* Unit tests for the object model: registry, creation under a parent,
 * paths, the life cycle with expand and roll-back, destruction, links.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "core/object.h"

/* Hooks append "hook:path" here so tests can check the order. */
static GString *trace;

typedef struct TestDev {
    Object obj;
    bool fail_realize;
    bool fail_expand;
    int64_t n;
    char *label;
    Object *peer;
    int init_ran;
} TestDev;

static void trace_add(const char *what, Object *obj)
{
    g_autofree char *p = object_path(obj);
    g_string_append_printf(trace, "%s:%s ", what, p);
}

static void dev_init(Object *obj)
{
    ((TestDev *)obj)->init_ran++;
}

static bool dev_expand(Object *obj, Error **errp)
{
    TestDev *s = (TestDev *)obj;
    for (int64_t i = 0; i < s->n; i++) {
        g_autofree char *name = g_strdup_printf("sub[%" G_GINT64_FORMAT "]", i);
        if (!object_new_child(obj, "test-leaf", name, errp)) {
            return false;
        }
    }
    if (s->fail_expand) {
        error_setg(errp, "expand failed");
        return false;
    }
    return true;
}

static bool dev_realize(Object *obj, Error **errp)
{
    TestDev *s = (TestDev *)obj;
    if (s->fail_realize) {
        error_setg(errp, "told to fail");
        return false;
    }
    trace_add("realize", obj);
    return true;
}

static void dev_unrealize(Object *obj)
{
    trace_add("unrealize", obj);
}

static void dev_reset(Object *obj)
{
    trace_add("reset", obj);
}

static const PropDef dev_props[] = {
    PROP_BOOL("fail-realize", TestDev, fail_realize, false, "fail in realize"),
    PROP_BOOL("fail-expand", TestDev, fail_expand, false, "fail in expand"),
    PROP_INT("n", TestDev, n, 0, 0, 8, "children made by expand"),
    PROP_STR("label", TestDev, label, "none", "a label"),
    PROP_LINK("peer", TestDev, peer, "test-dev", "another test device"),
    PROP_END
};

static const TypeInfo test_dev = {
    .name = "test-dev", .parent = "object", .doc = "a test device",
    .instance_size = sizeof(TestDev),
    .init = dev_init, .expand = dev_expand, .realize = dev_realize,
    .unrealize = dev_unrealize, .reset = dev_reset, .props = dev_props,
};

static bool leaf_realize(Object *obj, Error **errp)
{
    trace_add("realize", obj);
    return true;
}

static void leaf_unrealize(Object *obj)
{
    trace_add("unrealize", obj);
}

static const TypeInfo test_leaf = {
    .name = "test-leaf", .parent = "object", .doc = "a leaf",
    .realize = leaf_realize, .unrealize = leaf_unrealize,
};

/* A derived type: each level's hooks run, base first on the way up. */
static bool sub_realize(Object *obj, Error **errp)
{
    trace_add("sub-realize", obj);
    return true;
}

static void sub_unrealize(Object *obj)
{
    trace_add("sub-unrealize", obj);
}

static const TypeInfo test_sub = {
    .name = "test-sub-dev", .parent = "test-dev", .doc = "a derived device",
    .realize = sub_realize, .unrealize = sub_unrealize,
};

static const TypeInfo test_abstract = {
    .name = "test-abstract", .parent = "object", .abstract = true,
    .doc = "cannot be instantiated",
};

static const TypeInfo *const test_types[] = {
    &test_dev, &test_leaf, &test_sub, &test_abstract, NULL,
};

static void setup(void)
{
    Error *err = NULL;
    const TypeInfo *const *const lists[] = { core_types, test_types, NULL };
    g_assert_true(type_registry_init(lists, &err));
    g_assert_null(err);
    g_string_truncate(trace, 0);
}

static void test_registry(void)
{
    setup();
    const TypeImpl *t = type_lookup("test-sub-dev");
    g_assert_nonnull(t);
    g_assert_true(type_is_a(t, "test-dev"));
    g_assert_true(type_is_a(t, "object"));
    g_assert_false(type_is_a(t, "container"));
    size_t n;
    type_props(t, &n);
    g_assert_cmpuint(n, ==, 5); /* inherited */
    g_assert_nonnull(type_prop_find(t, "label"));
    g_assert_cmpstr(type_suggest("test-deev"), ==, "test-dev");
    g_assert_null(type_suggest("zzzzzzzzzzzz"));
}

static void test_create_attach(void)
{
    setup();
    Error *err = NULL;
    Object *root = object_new_root();
    Object *m = object_new_child(root, "container", "machine", &err);
    g_assert_nonnull(m);
    Object *d = object_new_child(m, "test-dev", "dev0", &err);
    g_assert_nonnull(d);
    g_assert_cmpint(((TestDev *)d)->init_ran, ==, 1);
    g_assert_cmpstr(object_state_name(d), ==, "attached");
    g_assert_cmpstr(((TestDev *)d)->label, ==, "none"); /* default */

    /* duplicate names, bad names, unknown and abstract types */
    g_assert_null(object_new_child(m, "test-leaf", "dev0", &err));
    g_assert_cmpstr(err->msg, ==, "'/machine' already has a child named 'dev0'");
    error_free(err);
    err = NULL;
    g_assert_null(object_new_child(m, "test-leaf", "a/b", &err));
    g_assert_nonnull(strstr(err->msg, "not a valid object name"));
    error_free(err);
    err = NULL;
    g_assert_null(object_new_child(m, "test-deev", "x", &err));
    g_assert_cmpstr(err->msg, ==, "unknown type 'test-deev' (did you mean 'test-dev'?)");
    error_free(err);
    err = NULL;
    g_assert_null(object_new_child(m, "test-abstract", "x", &err));
    g_assert_cmpstr(err->msg, ==, "type 'test-abstract' is abstract");
    error_free(err);
    err = NULL;
    g_assert_null(object_new_child(NULL, "test-leaf", "x", &err));
    g_assert_nonnull(err);
    error_free(err);
    g_assert_cmpuint(m->nchildren, ==, 1);
    object_destroy(root);
}

static void test_paths(void)
{
    setup();
    Object *root = object_new_root();
    Object *m = object_new_child(root, "container", "machine", NULL);
    Object *soc = object_new_child(m, "container", "soc", NULL);
    Object *u = object_new_child(soc, "test-leaf", "uart0", NULL);
    g_autofree char *p = object_path(u);
    g_assert_cmpstr(p, ==, "/machine/soc/uart0");
    g_autofree char *rp = object_path(root);
    g_assert_cmpstr(rp, ==, "/");
    g_assert_true(object_resolve(u, "/machine/soc/uart0") == u);
    g_assert_true(object_resolve(m, "soc/uart0") == u);
    g_assert_true(object_resolve(u, "..") == soc);
    g_assert_true(object_resolve(u, "../../soc") == soc);
    g_assert_true(object_resolve(u, "/") == root);
    g_assert_null(object_resolve(root, "/machine/nope"));
    g_assert_null(object_resolve(root, "/machine/soc/uart0/x"));
    object_destroy(root);
}

static void test_partial_paths(void)
{
    setup();
    Object *root = object_new_root();
    Object *m = object_new_child(root, "container", "machine", NULL);
    Object *soc = object_new_child(m, "container", "soc", NULL);
    Object *u0 = object_new_child(soc, "test-leaf", "uart0", NULL);
    Object *p = object_new_child(m, "container", "peripheral", NULL);
    object_new_child(p, "test-leaf", "rtc", NULL);
    object_new_child(soc, "test-leaf", "rtc", NULL);
    bool amb;
    g_assert_true(object_resolve_partial(root, "uart0", &amb) == u0);
    g_assert_true(object_resolve_partial(root, "soc/uart0", &amb) == u0);
    g_assert_true(object_resolve_partial(root, "/machine/soc", &amb) == soc);
    g_assert_null(object_resolve_partial(root, "rtc", &amb));
    g_assert_true(amb);
    g_assert_nonnull(object_resolve_partial(root, "peripheral/rtc", &amb));
    g_assert_null(object_resolve_partial(root, "nothing", &amb));
    g_assert_false(amb);
    object_destroy(root);
}

static void test_many_children_index(void)
{
    setup();
    Object *root = object_new_root();
    for (int i = 0; i < 100; i++) {
        g_autofree char *n = g_strdup_printf("c%d", i);
        g_assert_nonnull(object_new_child(root, "test-leaf", n, NULL));
    }
    g_assert_nonnull(object_child(root, "c57"));
    Error *err = NULL;
    g_assert_null(object_new_child(root, "test-leaf", "c99", &err));
    error_free(err);
    object_destroy(object_child(root, "c57"));
    g_assert_null(object_child(root, "c57"));
    g_assert_cmpuint(root->nchildren, ==, 99);
    /* creation order is kept */
    g_assert_cmpstr(root->first_child->name, ==, "c0");
    g_assert_cmpstr(root->first_child->next->name, ==, "c1");
    object_destroy(root);
}

static void test_realize_order(void)
{
    setup();
    Object *root = object_new_root();
    Object *d = object_new_child(root, "test-dev", "d", NULL);
    object_new_child(d, "test-leaf", "a", NULL);
    object_new_child(d, "test-leaf", "b", NULL);
    Error *err = NULL;
    g_assert_true(object_realize(d, &err));
    g_assert_cmpstr(trace->str, ==, "realize:/d/a realize:/d/b realize:/d ");
    g_assert_true(object_is_realized(object_child(d, "a")));
    g_string_truncate(trace, 0);
    object_reset(d);
    g_assert_cmpstr(trace->str, ==, "reset:/d ");
    g_string_truncate(trace, 0);
    object_unrealize(d);
    g_assert_cmpstr(trace->str, ==, "unrealize:/d unrealize:/d/b unrealize:/d/a ");
    g_assert_cmpstr(object_state_name(d), ==, "attached");
    object_destroy(root);
}

static void test_hook_chain(void)
{
    setup();
    Object *root = object_new_root();
    Object *d = object_new_child(root, "test-sub-dev", "s", NULL);
    g_assert_true(object_realize(d, NULL));
    g_assert_cmpstr(trace->str, ==, "realize:/s sub-realize:/s ");
    g_string_truncate(trace, 0);
    object_destroy(root);
    g_assert_cmpstr(trace->str, ==, "sub-unrealize:/s unrealize:/s ");
}

static void test_expand(void)
{
    setup();
    Object *root = object_new_root();
    Object *d = object_new_child(root, "test-dev", "d", NULL);
    json_t *three = json_integer(3);
    g_assert_true(object_prop_set(d, "n", three, false, NULL));
    json_decref(three);
    g_assert_true(object_realize(d, NULL));
    g_assert_cmpuint(d->nchildren, ==, 3);
    g_assert_cmpstr(trace->str, ==,
        "realize:/d/sub[0] realize:/d/sub[1] realize:/d/sub[2] realize:/d ");
    /* unrealize removes what expand made; realize makes it again */
    object_unrealize(d);
    g_assert_cmpuint(d->nchildren, ==, 0);
    g_assert_true(object_realize(d, NULL));
    g_assert_cmpuint(d->nchildren, ==, 3);
    object_destroy(root);
}

static void test_rollback(void)
{
    setup();
    Object *root = object_new_root();
    Object *top = object_new_child(root, "container", "top", NULL);
    Object *a = object_new_child(top, "test-dev", "a", NULL);
    object_new_child(a, "test-leaf", "a1", NULL);
    Object *b = object_new_child(top, "test-dev", "b", NULL);
    Object *c = object_new_child(top, "test-dev", "c", NULL);
    g_assert_true(object_prop_set_str(b, "fail-realize", "on", NULL));

    Error *err = NULL;
    g_assert_false(object_realize(top, &err));
    g_assert_cmpstr(err->msg, ==, "/top/b: told to fail");
    error_free(err);
    /* a1 and a were realized in this step: undone in reverse order */
    g_assert_cmpstr(trace->str, ==,
        "realize:/top/a/a1 realize:/top/a unrealize:/top/a unrealize:/top/a/a1 ");
    g_assert_false(object_is_realized(a));
    g_assert_false(object_is_realized(object_child(a, "a1")));
    g_assert_false(object_is_realized(c));
    g_assert_false(object_is_realized(top));

    /* fixed, it realizes */
    g_assert_true(object_prop_set_str(b, "fail-realize", "off", NULL));
    g_assert_true(object_realize(top, &err));
    g_assert_true(object_is_realized(c));
    object_destroy(root);
}

static void test_rollback_expand(void)
{
    setup();
    Object *root = object_new_root();
    Object *d = object_new_child(root, "test-dev", "d", NULL);
    Object *pre = object_new_child(d, "test-leaf", "mine", NULL);
    g_assert_true(object_prop_set_str(d, "n", "2", NULL));
    g_assert_true(object_prop_set_str(d, "fail-expand", "yes", NULL));
    Error *err = NULL;
    g_assert_false(object_realize(d, &err));
    g_assert_cmpstr(err->msg, ==, "/d: expand failed");
    error_free(err);
    /* children made by the failed expand are gone; the user's child stays */
    g_assert_cmpuint(d->nchildren, ==, 1);
    g_assert_true(d->first_child == pre);

    /* expand ok, realize of the object itself fails: children undone too */
    g_assert_true(object_prop_set_str(d, "fail-expand", "no", NULL));
    g_assert_true(object_prop_set_str(d, "fail-realize", "yes", NULL));
    err = NULL;
    g_assert_false(object_realize(d, &err));
    error_free(err);
    g_assert_cmpuint(d->nchildren, ==, 1);
    object_destroy(root);
}

static void test_links(void)
{
    setup();
    Error *err = NULL;
    Object *root = object_new_root();
    Object *a = object_new_child(root, "test-dev", "a", NULL);
    Object *b = object_new_child(root, "test-dev", "b", NULL);
    object_new_child(root, "test-leaf", "leaf", NULL);
    TestDev *sa = (TestDev *)a;

    g_assert_true(object_prop_set_str(a, "peer", "b", &err));  /* sibling */
    g_assert_true(sa->peer == b);
    json_t *v = object_prop_get(a, "peer", NULL);
    g_assert_cmpstr(json_string_value(v), ==, "/b");
    json_decref(v);
    g_assert_true(object_prop_set_str(a, "peer", "/a", &err)); /* absolute */
    g_assert_true(sa->peer == a);
    g_assert_false(object_prop_set_str(a, "peer", "leaf", &err));
    g_assert_cmpstr(err->msg, ==,
        "Property 'peer' of '/a': '/leaf' is a 'test-leaf', expected a 'test-dev'");
    error_free(err);
    err = NULL;
    g_assert_false(object_prop_set_str(a, "peer", "/nowhere", &err));
    g_assert_cmpint(err->cls, ==, ERROR_CLASS_DEVICE_NOT_FOUND);
    error_free(err);
    err = NULL;
    g_assert_true(sa->peer == a); /* unchanged by the failures */

    /* destroying the target clears the link */
    g_assert_true(object_prop_set_str(a, "peer", "b", NULL));
    object_destroy(b);
    g_assert_null(sa->peer);
    v = object_prop_get(a, "peer", NULL);
    g_assert_cmpstr(json_string_value(v), ==, "");
    json_decref(v);

    /* destroying the source removes its reference from the target */
    Object *c = object_new_child(root, "test-dev", "c", NULL);
    g_assert_true(object_prop_set_str(c, "peer", "a", NULL));
    object_destroy(c);
    g_assert_null(a->refs);
    object_destroy(root);
}

static void test_realized_prop(void)
{
    setup();
    Object *root = object_new_root();
    Object *d = object_new_child(root, "test-dev", "d", NULL);
    json_t *t = json_true(), *f = json_false();
    g_assert_true(object_prop_set(d, "realized", t, false, NULL));
    g_assert_true(object_is_realized(d));
    json_t *v = object_prop_get(d, "realized", NULL);
    g_assert_true(json_is_true(v));
    json_decref(v);
    g_assert_true(object_prop_set(d, "realized", f, false, NULL));
    g_assert_false(object_is_realized(d));
    json_decref(t);
    json_decref(f);
    object_destroy(root);
}

static void test_destroy_order(void)
{
    setup();
    Object *root = object_new_root();
    Object *d = object_new_child(root, "test-dev", "d", NULL);
    object_new_child(d, "test-leaf", "x", NULL);
    object_new_child(d, "test-leaf", "y", NULL);
    g_assert_true(object_realize(root, NULL));
    g_string_truncate(trace, 0);
    object_destroy(d);
    g_assert_cmpstr(trace->str, ==, "unrealize:/d unrealize:/d/y unrealize:/d/x ");
    g_assert_null(root->first_child);
    g_assert_cmpuint(root->nchildren, ==, 0);
    object_destroy(root);
}


/* Types defined by data: added, listed, replaced; built-in ones stay. */
static int data_freed;

static void data_free(const TypeInfo *ti)
{
    data_freed++;
    g_free((void *)ti->props);
    g_free((void *)ti);
}

static TypeInfo *data_type(int64_t def)
{
    typedef struct { Object obj; int64_t v; } DataObj;
    PropDef *props = g_new0(PropDef, 2);
    props[0] = (PropDef)PROP_INT("v", DataObj, v, def, 0, 100, "a value");
    TypeInfo *ti = g_new0(TypeInfo, 1);
    ti->name = "test-data";
    ti->parent = "object";
    ti->doc = "a type defined at run time";
    ti->instance_size = sizeof(DataObj);
    ti->props = props;
    return ti;
}

static void test_data_types(void)
{
    Error *err = NULL;
    size_t before, after;
    type_all(&before);
    g_assert_true(type_register_data(data_type(7), data_free, &err));
    const TypeImpl *const *all = type_all(&after);
    g_assert_cmpuint(after, ==, before + 1);
    for (size_t i = 1; i < after; i++) {
        g_assert_cmpint(strcmp(type_name(all[i - 1]), type_name(all[i])), <, 0);
    }
    Object *root = object_new_root();
    Object *o = object_new_child(root, "test-data", "d", &err);
    g_assert_nonnull(o);
    json_t *v = object_prop_get(o, "v", NULL);
    g_assert_cmpint(json_integer_value(v), ==, 7);
    json_decref(v);
    object_destroy(o);

    /* replaced: the old definition is freed, the new default shows */
    g_assert_true(type_register_data(data_type(9), data_free, &err));
    g_assert_cmpint(data_freed, ==, 1);
    type_all(&after);
    g_assert_cmpuint(after, ==, before + 1);
    o = object_new_child(root, "test-data", "d", &err);
    v = object_prop_get(o, "v", NULL);
    g_assert_cmpint(json_integer_value(v), ==, 9);
    json_decref(v);
    object_destroy(root);

    /* a built-in type cannot be redefined */
    TypeInfo *bad = data_type(1);
    bad->name = "container";
    g_assert_false(type_register_data(bad, data_free, &err));
    g_assert_cmpstr(err->msg, ==, "type 'container' is built in and cannot be redefined");
    error_free(err);
    err = NULL;
    data_free(bad);

    /* a pin may not shadow one of its parent's: connections would find
     * the parent's (an input) instead of the new one */
    static const PinDef shadow_pins[] = {
        { .name = "in", .kind = PIN_IRQ, .dir = PIN_IN, .count = 1,
          .handler = object_reset_input, .doc = "first" },
        { .name = "in", .kind = PIN_IRQ, .dir = PIN_IN, .count = 1,
          .handler = object_reset_input, .doc = "again" },
        PIN_END
    };
    bad = data_type(1);
    bad->name = "test-shadow";
    bad->pins = shadow_pins;
    g_assert_false(type_register_data(bad, data_free, &err));
    g_assert_cmpstr(err->msg, ==, "type 'test-shadow': pin 'in' defined twice");
    error_free(err);
    data_free(bad);
}

int main(int argc, char **argv)
{
    trace = g_string_new("");
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/object/registry", test_registry);
    g_test_add_func("/object/create-attach", test_create_attach);
    g_test_add_func("/object/paths", test_paths);
    g_test_add_func("/object/partial-paths", test_partial_paths);
    g_test_add_func("/object/many-children", test_many_children_index);
    g_test_add_func("/object/realize-order", test_realize_order);
    g_test_add_func("/object/hook-chain", test_hook_chain);
    g_test_add_func("/object/expand", test_expand);
    g_test_add_func("/object/rollback", test_rollback);
    g_test_add_func("/object/rollback-expand", test_rollback_expand);
    g_test_add_func("/object/links", test_links);
    g_test_add_func("/object/realized-prop", test_realized_prop);
    g_test_add_func("/object/destroy-order", test_destroy_order);
    g_test_add_func("/object/data-types", test_data_types);
    int rc = g_test_run();
    g_string_free(trace, true);
    return rc;
}
