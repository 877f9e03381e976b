/* Unit tests for properties: every type, defaults, ranges, enums, lists,
 * sizes, read-only and run-time flags, the config-after-realize rule.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "core/object.h"

typedef struct P {
    Object obj;
    bool b;
    int64_t i;
    uint64_t u;
    uint64_t sz;
    char *s;
    int e;
    PropList li, lu, ls;
    uint64_t rt, ro;
    int changed;
} P;

static const char *const modes[] = { "fast", "slow", "off", NULL };

static void rt_changed(Object *obj, const PropDef *p)
{
    ((P *)obj)->changed++;
}

static const PropDef p_props[] = {
    PROP_BOOL("b", P, b, true, "a bool"),
    PROP_INT("i", P, i, -3, -10, 10, "an int in [-10, 10]"),
    PROP_UINT64_RANGE("u", P, u, 7, 1, 100, "a uint64 in [1, 100]"),
    PROP_SIZE("size", P, sz, 64 * 1024, "a size"),
    PROP_STR("s", P, s, NULL, "a string"),
    PROP_ENUM("mode", P, e, 1, "PMode", modes, "an enum"),
    PROP_LIST("li", P, li, PROP_T_INT, "a list of int"),
    PROP_LIST("lu", P, lu, PROP_T_SIZE, "a list of sizes"),
    PROP_LIST("ls", P, ls, PROP_T_STR, "a list of strings"),
    { .name = "rt", .type = PROP_T_UINT64, .offset = offsetof(P, rt),
      .flags = PROP_F_RUNTIME, .changed = rt_changed, .doc = "run-time" },
    { .name = "ro", .type = PROP_T_UINT64, .offset = offsetof(P, ro),
      .flags = PROP_F_READONLY, .doc = "read-only" },
    PROP_END
};

static const TypeInfo p_type = {
    .name = "test-props", .parent = "object", .doc = "property test type",
    .instance_size = sizeof(P), .props = p_props,
};

static const TypeInfo *const types[] = { &p_type, NULL };

static Object *root;

static Object *fresh(void)
{
    const TypeInfo *const *const lists[] = { core_types, types, NULL };
    g_assert_true(type_registry_init(lists, NULL));
    if (root) {
        object_destroy(root);
    }
    root = object_new_root();
    return object_new_child(root, "test-props", "p", NULL);
}

/* Set from a JSON text; returns the error message or NULL. */
static char *set(Object *o, const char *name, const char *json, bool from_str)
{
    json_error_t je;
    json_t *v = json_loads(json, JSON_DECODE_ANY, &je);
    g_assert_nonnull(v);
    Error *err = NULL;
    bool ok = object_prop_set(o, name, v, from_str, &err);
    json_decref(v);
    g_assert_true(ok == (err == NULL));
    char *m = err ? g_strdup(err->msg) : NULL;
    error_free(err);
    return m;
}

static char *get(Object *o, const char *name)
{
    json_t *v = object_prop_get(o, name, NULL);
    g_assert_nonnull(v);
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    json_decref(v);
    return s;
}

#define ASSERT_GET(o, n, want) do { \
    g_autofree char *got_ = get(o, n); g_assert_cmpstr(got_, ==, want); } while (0)
#define ASSERT_SET_OK(o, n, json, fs) do { \
    g_autofree char *e_ = set(o, n, json, fs); g_assert_null(e_); } while (0)
#define ASSERT_SET_ERR(o, n, json, fs, msg) do { \
    g_autofree char *e_ = set(o, n, json, fs); g_assert_cmpstr(e_, ==, msg); } while (0)

static void test_defaults(void)
{
    Object *o = fresh();
    ASSERT_GET(o, "b", "true");
    ASSERT_GET(o, "i", "-3");
    ASSERT_GET(o, "u", "7");
    ASSERT_GET(o, "size", "65536");
    ASSERT_GET(o, "s", "\"\"");
    ASSERT_GET(o, "mode", "\"slow\"");
    ASSERT_GET(o, "li", "[]");
    ASSERT_GET(o, "type", "\"test-props\"");
    ASSERT_GET(o, "realized", "false");
}

static void test_scalars(void)
{
    Object *o = fresh();
    ASSERT_SET_OK(o, "b", "false", false);
    ASSERT_GET(o, "b", "false");
    ASSERT_SET_ERR(o, "b", "1", false, "Invalid parameter type for 'b', expected: boolean");
    ASSERT_SET_OK(o, "b", "\"on\"", true);
    ASSERT_GET(o, "b", "true");
    ASSERT_SET_ERR(o, "b", "\"maybe\"", true, "Parameter 'b' expects 'on' or 'off'");

    ASSERT_SET_OK(o, "i", "-10", false);
    ASSERT_SET_ERR(o, "i", "11", false, "Property 'i' of '/p': value 11 is out of range [-10, 10]");
    ASSERT_SET_ERR(o, "i", "\"5\"", false, "Invalid parameter type for 'i', expected: integer");
    ASSERT_SET_OK(o, "i", "\"0x5\"", true);
    ASSERT_GET(o, "i", "5");

    ASSERT_SET_ERR(o, "u", "0", false, "Property 'u' of '/p': value 0 is out of range [1, 100]");
    ASSERT_SET_ERR(o, "u", "-1", false, "Parameter 'u' expects a non-negative number");
    ASSERT_SET_OK(o, "u", "100", false);
    ASSERT_GET(o, "u", "100");

    ASSERT_SET_OK(o, "size", "\"128M\"", false);   /* QMP accepts suffixes */
    ASSERT_GET(o, "size", "134217728");
    ASSERT_SET_OK(o, "size", "\"1.5K\"", true);
    ASSERT_GET(o, "size", "1536");
    ASSERT_SET_ERR(o, "size", "\"12Q\"", true, "Parameter 'size' expects a size value");

    ASSERT_SET_OK(o, "s", "\"hello\"", false);
    ASSERT_GET(o, "s", "\"hello\"");
    ASSERT_SET_ERR(o, "s", "3", false, "Invalid parameter type for 's', expected: string");

    ASSERT_SET_OK(o, "mode", "\"off\"", false);
    ASSERT_GET(o, "mode", "\"off\"");
    ASSERT_SET_ERR(o, "mode", "\"warp\"", false,
        "Parameter 'mode' does not accept value 'warp' (expected one of: fast, slow, off)");
}

static void test_lists(void)
{
    Object *o = fresh();
    ASSERT_SET_OK(o, "li", "[1, -2, 3]", false);
    ASSERT_GET(o, "li", "[1,-2,3]");
    ASSERT_SET_OK(o, "lu", "[\"4K\", 8]", false);
    ASSERT_GET(o, "lu", "[4096,8]");
    ASSERT_SET_OK(o, "ls", "[\"a\", \"b\"]", false);
    ASSERT_GET(o, "ls", "[\"a\",\"b\"]");
    /* a bad element leaves the old value */
    ASSERT_SET_ERR(o, "ls", "[\"c\", 1]", false,
                   "Invalid parameter type for 'ls[1]', expected: string");
    ASSERT_GET(o, "ls", "[\"a\",\"b\"]");
    ASSERT_SET_ERR(o, "li", "3", false, "Invalid parameter type for 'li', expected: array");
    ASSERT_SET_OK(o, "li", "[\"7\"]", true);
    ASSERT_GET(o, "li", "[7]");
}

static void test_flags_and_life_cycle(void)
{
    Object *o = fresh();
    ASSERT_SET_ERR(o, "ro", "1", false, "Property 'ro' of '/p' is read-only");
    ASSERT_SET_ERR(o, "type", "\"x\"", false, "Property 'type' of '/p' is read-only");
    ASSERT_SET_ERR(o, "nope", "1", false, "Property 'test-props.nope' not found");
    ASSERT_SET_OK(o, "rt", "1", false);
    g_assert_cmpint(((P *)o)->changed, ==, 0); /* not realized: no notification */

    g_assert_true(object_realize(o, NULL));
    ASSERT_SET_ERR(o, "size", "4096", false,
        "Property 'size' of '/p' cannot be set once the object is realized");
    ASSERT_GET(o, "size", "65536");
    ASSERT_SET_OK(o, "rt", "2", false);
    g_assert_cmpint(((P *)o)->changed, ==, 1);
    ASSERT_GET(o, "rt", "2");

    /* unrealized, it is configurable again */
    ASSERT_SET_OK(o, "realized", "false", false);
    ASSERT_SET_OK(o, "size", "4096", false);
    Error *err = NULL;
    g_assert_null(object_prop_get(o, "nope", &err));
    g_assert_cmpstr(err->msg, ==, "Property 'test-props.nope' not found");
    error_free(err);
}

static void test_listing(void)
{
    Object *o = fresh();
    object_new_child(o, "container", "kid", NULL);
    json_t *l = object_list_props(o);
    g_autofree char *s = json_dumps(l, JSON_COMPACT);
    json_decref(l);
    g_assert_nonnull(strstr(s, "{\"name\":\"type\",\"type\":\"string\""));
    g_assert_nonnull(strstr(s, "{\"name\":\"size\",\"type\":\"size\",\"description\":\"a size\"}"));
    g_assert_nonnull(strstr(s, "{\"name\":\"mode\",\"type\":\"PMode\""));
    g_assert_nonnull(strstr(s, "{\"name\":\"kid\",\"type\":\"child<container>\"}"));
    ASSERT_GET(o, "kid", "\"/p/kid\"");

    /* listing a type's properties creates nothing */
    json_t *tl = type_list_props(type_lookup("test-props"));
    g_assert_cmpuint(json_array_size(tl), ==, 11);
    g_autofree char *ts = json_dumps(tl, JSON_COMPACT);
    g_assert_nonnull(strstr(ts, "{\"name\":\"size\",\"type\":\"size\",\"description\":\"a size\",\"default-value\":65536}"));
    json_decref(tl);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/property/defaults", test_defaults);
    g_test_add_func("/property/scalars", test_scalars);
    g_test_add_func("/property/lists", test_lists);
    g_test_add_func("/property/flags-and-life-cycle", test_flags_and_life_cycle);
    g_test_add_func("/property/listing", test_listing);
    int rc = g_test_run();
    if (root) {
        object_destroy(root);
    }
    return rc;
}
