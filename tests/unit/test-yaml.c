/* Unit tests for YAML as a spelling of JSON data: scalar resolution,
 * nesting, and errors with file:line:col.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "core/yaml.h"

static char *load(const char *text, char **err_msg)
{
    Error *err = NULL;
    json_t *v = yaml_to_json(text, strlen(text), "t.yaml", &err);
    if (!v) {
        *err_msg = g_strdup(err->msg);
        error_free(err);
        return NULL;
    }
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(v);
    return s;
}

#define ASSERT_YAML(text, want) do { \
        char *e_ = NULL; \
        g_autofree char *g_ = load(text, &e_); \
        if (!g_) { \
            g_error("%s", e_); \
        } \
        g_assert_cmpstr(g_, ==, want); \
    } while (0)
#define ASSERT_YAML_ERR(text, want) do { \
    char *e_ = NULL; g_autofree char *g_ = load(text, &e_); \
    g_assert_null(g_); g_assert_cmpstr(e_, ==, want); g_free(e_); } while (0)

static void test_scalars(void)
{
    ASSERT_YAML("[1, -2, 0x10, 0o17, 1.5, 2e3, true, False, null, ~, abc, '1', \"true\"]",
                "[1,-2,16,15,1.5,2000.0,true,false,null,null,\"abc\",\"1\",\"true\"]");
    ASSERT_YAML("size: 64K\nname: uart0\n", "{\"size\":\"64K\",\"name\":\"uart0\"}");
    ASSERT_YAML("", "null");
}

static void test_nesting(void)
{
    ASSERT_YAML("- execute: device_add\n"
                "  arguments:\n"
                "    driver: ram\n"
                "    list: [a, {b: 1}]\n",
                "[{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"ram\",\"list\":[\"a\",{\"b\":1}]}}]");
}

static void test_errors(void)
{
    ASSERT_YAML_ERR("a: 1\na: 2\n", "t.yaml:2:1: duplicate key 'a'");
    ASSERT_YAML_ERR("a: &x 1\nb: *x\n", "t.yaml:2:4: YAML aliases are not supported");
    ASSERT_YAML_ERR("- [1, 2\n", "t.yaml:2:1: did not find expected ',' or ']'");
    ASSERT_YAML_ERR("a: 1\n---\nb: 2\n", "t.yaml:2:1: only one YAML document is allowed");
    ASSERT_YAML_ERR("? [1]\n: x\n", "t.yaml:1:3: a mapping key must be a scalar");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/yaml/scalars", test_scalars);
    g_test_add_func("/yaml/nesting", test_nesting);
    g_test_add_func("/yaml/errors", test_errors);
    return g_test_run();
}
