/* Unit tests for qapi/validate: QEMU 7.2's error texts for missing,
 * unexpected and mistyped parameters, ranges, enums, unions, alternates,
 * nested paths, conditions and command arguments.
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "qapi/validate.h"

static const char schema_text[] =
    "{ 'enum': 'Color', 'data': [ 'red', 'green',\n"
    "                             { 'name': 'blue', 'if': 'HAVE_BLUE' } ] }\n"
    "{ 'struct': 'Inner', 'data': { 'b': 'int', '*c': 'str' } }\n"
    "{ 'struct': 'Base', 'data': { 'id': 'str' } }\n"
    "{ 'struct': 'All', 'base': 'Base',\n"
    "  'data': { '*s': 'str', '*i': 'int', '*i8': 'int8', '*i16': 'int16',\n"
    "            '*i32': 'int32', '*i64': 'int64', '*u8': 'uint8',\n"
    "            '*u16': 'uint16', '*u32': 'uint32', '*u64': 'uint64',\n"
    "            '*sz': 'size', '*n': 'number', '*b': 'bool', '*z': 'null',\n"
    "            '*any': 'any', '*color': 'Color', '*a': 'Inner',\n"
    "            '*list': ['Inner'], '*ints': ['int'], '*colors': ['Color'],\n"
    "            '*alt': 'Alt', '*hidden': { 'type': 'int', 'if': 'HAVE_H' } } }\n"
    "{ 'enum': 'Kind', 'data': [ 'file', 'net', 'none' ] }\n"
    "{ 'struct': 'FileOpts', 'data': { 'path': 'str' } }\n"
    "{ 'struct': 'NetOpts', 'data': { 'port': 'uint16', '*host': 'str' } }\n"
    "{ 'union': 'Backend', 'base': { 'kind': 'Kind', '*id': 'str' },\n"
    "  'discriminator': 'kind',\n"
    "  'data': { 'file': 'FileOpts', 'net': 'NetOpts' } }\n"
    "{ 'alternate': 'Alt', 'data': { 'n': 'int', 's': 'str', 'o': 'Inner' } }\n"
    "{ 'command': 'noargs' }\n"
    "{ 'command': 'withargs', 'data': { 'path': 'str', '*verbose': 'bool' } }\n"
    "{ 'command': 'boxed', 'data': 'Backend', 'boxed': true }\n";

static QapiSchema *schema;

static const QapiEntity *type(const char *name)
{
    const QapiEntity *t = qapi_schema_lookup(schema, name);
    g_assert_nonnull(t);
    return t;
}

/* Validate @json against @tname; NULL @expect means it must pass. */
static void check_ctx(const char *tname, const char *json, const char *expect,
                      const QapiCondContext *ctx)
{
    json_error_t jerr;
    json_t *v = json_loads(json, JSON_DECODE_ANY, &jerr);
    if (!v) {
        g_error("bad test JSON %s: %s", json, jerr.text);
    }
    Error *err = NULL;
    bool ok = qapi_validate(type(tname), v, ctx, &err);
    if (expect) {
        if (ok) {
            g_error("%s accepted %s; expected: %s", tname, json, expect);
        }
        g_assert_cmpstr(error_get_pretty(err), ==, expect);
        g_assert_cmpint(err->cls, ==, ERROR_CLASS_GENERIC);
        error_free(err);
    } else {
        if (!ok) {
            g_error("%s rejected %s: %s", tname, json, error_get_pretty(err));
        }
    }
    json_decref(v);
}

static void check(const char *tname, const char *json, const char *expect)
{
    check_ctx(tname, json, expect, NULL);
}

static void test_missing_unexpected(void)
{
    check("All", "{\"id\": \"x\"}", NULL);
    check("All", "{}", "Parameter 'id' is missing");
    check("All", "{\"id\": \"x\", \"bogus\": 1}", "Parameter 'bogus' is unexpected");
    check("All", "{\"id\": \"x\", \"a\": {}}", "Parameter 'a.b' is missing");
    check("All", "{\"id\": \"x\", \"a\": {\"b\": 1, \"d\": 2}}",
          "Parameter 'a.d' is unexpected");
    check("All", "[]", "Invalid parameter type for '<anonymous>', expected: object");
    check("All", "{\"id\": \"x\", \"a\": 3}",
          "Invalid parameter type for 'a', expected: object");
}

static void test_scalar_types(void)
{
    check("All", "{\"id\": 1}", "Invalid parameter type for 'id', expected: string");
    check("All", "{\"id\": \"x\", \"i\": \"1\"}",
          "Invalid parameter type for 'i', expected: integer");
    check("All", "{\"id\": \"x\", \"i\": 1.5}",
          "Invalid parameter type for 'i', expected: integer");
    check("All", "{\"id\": \"x\", \"i64\": -9223372036854775808}", NULL);
    check("All", "{\"id\": \"x\", \"n\": 1}", NULL);
    check("All", "{\"id\": \"x\", \"n\": 1.5}", NULL);
    check("All", "{\"id\": \"x\", \"n\": \"1\"}",
          "Invalid parameter type for 'n', expected: number");
    check("All", "{\"id\": \"x\", \"b\": true}", NULL);
    check("All", "{\"id\": \"x\", \"b\": 1}",
          "Invalid parameter type for 'b', expected: boolean");
    check("All", "{\"id\": \"x\", \"z\": null}", NULL);
    check("All", "{\"id\": \"x\", \"z\": 0}",
          "Invalid parameter type for 'z', expected: null");
    check("All", "{\"id\": \"x\", \"any\": {\"x\": [1, null]}}", NULL);
    check("All", "{\"id\": \"x\", \"u64\": \"1\"}", "Parameter 'u64' expects uint64");
    check("All", "{\"id\": \"x\", \"sz\": 1.0}", "Parameter 'sz' expects uint64");
    /* QEMU accepts negative values for unsigned types (compatibility) */
    check("All", "{\"id\": \"x\", \"u64\": -1}", NULL);
}

static void test_int_ranges(void)
{
    check("All", "{\"id\": \"x\", \"i8\": 127, \"i16\": -32768}", NULL);
    check("All", "{\"id\": \"x\", \"i8\": 128}", "Parameter 'i8' expects int8_t");
    check("All", "{\"id\": \"x\", \"i8\": -129}", "Parameter 'i8' expects int8_t");
    check("All", "{\"id\": \"x\", \"i16\": 32768}", "Parameter 'i16' expects int16_t");
    check("All", "{\"id\": \"x\", \"i32\": 2147483648}",
          "Parameter 'i32' expects int32_t");
    check("All", "{\"id\": \"x\", \"u8\": 255, \"u16\": 65535, \"u32\": 4294967295}",
          NULL);
    check("All", "{\"id\": \"x\", \"u8\": 256}", "Parameter 'u8' expects uint8_t");
    check("All", "{\"id\": \"x\", \"u8\": -1}", "Parameter 'u8' expects uint8_t");
    check("All", "{\"id\": \"x\", \"u16\": 65536}", "Parameter 'u16' expects uint16_t");
    check("All", "{\"id\": \"x\", \"u32\": 4294967296}",
          "Parameter 'u32' expects uint32_t");
    check("All", "{\"id\": \"x\", \"u8\": \"1\"}", "Parameter 'u8' expects uint64");
    check("All", "{\"id\": \"x\", \"i8\": true}",
          "Invalid parameter type for 'i8', expected: integer");
    /* QEMU names range errors by the member name alone, not its path */
    check("Backend", "{\"kind\": \"net\", \"port\": 65536}",
          "Parameter 'port' expects uint16_t");
}

static void test_enums(void)
{
    check("All", "{\"id\": \"x\", \"color\": \"red\"}", NULL);
    check("All", "{\"id\": \"x\", \"color\": \"pink\"}",
          "Parameter 'color' does not accept value 'pink'");
    check("All", "{\"id\": \"x\", \"color\": 1}",
          "Invalid parameter type for 'color', expected: string");
    /* list elements have no name: QEMU prints 'null' */
    check("All", "{\"id\": \"x\", \"colors\": [\"red\", \"pink\"]}",
          "Parameter 'null' does not accept value 'pink'");
    check("Color", "\"green\"", NULL);
    check("Color", "\"pink\"", "Parameter 'null' does not accept value 'pink'");
}

static void test_lists_and_paths(void)
{
    check("All", "{\"id\": \"x\", \"ints\": [1, 2, 3]}", NULL);
    check("All", "{\"id\": \"x\", \"ints\": []}", NULL);
    check("All", "{\"id\": \"x\", \"ints\": 1}",
          "Invalid parameter type for 'ints', expected: array");
    check("All", "{\"id\": \"x\", \"ints\": [1, \"2\"]}",
          "Invalid parameter type for 'ints[1]', expected: integer");
    check("All", "{\"id\": \"x\", \"list\": [{\"b\": 1}, {\"c\": \"x\"}]}",
          "Parameter 'list[1].b' is missing");
    check("All", "{\"id\": \"x\", \"list\": [{\"b\": 1, \"x\": 0}]}",
          "Parameter 'list[0].x' is unexpected");
    check("All", "{\"id\": \"x\", \"list\": [{\"b\": 1, \"c\": 2}]}",
          "Invalid parameter type for 'list[0].c', expected: string");
    check("[int]", "[1, {}]", "Invalid parameter type for '[1]', expected: integer");
}

static void test_union(void)
{
    check("Backend", "{\"kind\": \"file\", \"path\": \"/tmp/x\"}", NULL);
    check("Backend", "{\"kind\": \"none\"}", NULL);   /* no branch: no members */
    check("Backend", "{\"kind\": \"none\", \"path\": \"p\"}",
          "Parameter 'path' is unexpected");
    check("Backend", "{\"path\": \"/tmp/x\"}", "Parameter 'kind' is missing");
    check("Backend", "{\"kind\": \"disk\"}",
          "Parameter 'kind' does not accept value 'disk'");
    check("Backend", "{\"kind\": \"file\"}", "Parameter 'path' is missing");
    check("Backend", "{\"kind\": \"net\", \"port\": 80, \"path\": \"x\"}",
          "Parameter 'path' is unexpected");
    check("Backend", "{\"kind\": \"net\", \"port\": 80, \"id\": \"n0\"}", NULL);
}

static void test_alternate(void)
{
    check("All", "{\"id\": \"x\", \"alt\": 1}", NULL);
    check("All", "{\"id\": \"x\", \"alt\": \"s\"}", NULL);
    check("All", "{\"id\": \"x\", \"alt\": {\"b\": 2}}", NULL);
    check("All", "{\"id\": \"x\", \"alt\": true}",
          "Invalid parameter type for 'alt', expected: Alt");
    check("All", "{\"id\": \"x\", \"alt\": {\"c\": \"x\"}}",
          "Parameter 'alt.b' is missing");
    check("All", "{\"id\": \"x\", \"alt\": 1.5}",
          "Invalid parameter type for 'alt', expected: integer");
}

static void test_conditions(void)
{
    static const char *const blue[] = { "HAVE_BLUE", "HAVE_H", NULL };
    QapiCondContext ctx = { .defined = blue };
    check("All", "{\"id\": \"x\", \"color\": \"blue\"}",
          "Parameter 'color' does not accept value 'blue'");
    check_ctx("All", "{\"id\": \"x\", \"color\": \"blue\"}", NULL, &ctx);
    check("All", "{\"id\": \"x\", \"hidden\": 1}", "Parameter 'hidden' is unexpected");
    check_ctx("All", "{\"id\": \"x\", \"hidden\": 1}", NULL, &ctx);
}

static void check_cmd(const char *cmd, const char *json, const char *expect)
{
    const QapiEntity *c = qapi_schema_lookup_command(schema, cmd, NULL);
    g_assert_nonnull(c);
    json_t *v = json ? json_loads(json, 0, NULL) : NULL;
    g_assert_true(!json || v);
    Error *err = NULL;
    bool ok = qapi_validate_command_args(c, v, NULL, &err);
    if (expect) {
        g_assert_false(ok);
        g_assert_cmpstr(error_get_pretty(err), ==, expect);
        error_free(err);
    } else {
        if (!ok) {
            g_error("%s rejected %s: %s", cmd, json, error_get_pretty(err));
        }
    }
    json_decref(v);
}

static void test_command_args(void)
{
    check_cmd("noargs", NULL, NULL);
    check_cmd("noargs", "{}", NULL);
    check_cmd("noargs", "{\"x\": 1}", "Parameter 'x' is unexpected");
    check_cmd("withargs", "{\"path\": \"/\"}", NULL);
    check_cmd("withargs", NULL, "Parameter 'path' is missing");
    check_cmd("withargs", "{\"path\": \"/\", \"verbose\": \"yes\"}",
              "Invalid parameter type for 'verbose', expected: boolean");
    check_cmd("withargs", "{\"path\": \"/\", \"extra\": 1}",
              "Parameter 'extra' is unexpected");
    check_cmd("boxed", "{\"kind\": \"file\", \"path\": \"p\"}", NULL);
    check_cmd("boxed", "{\"kind\": \"net\"}", "Parameter 'port' is missing");
}

static void test_convert_returns_value(void)
{
    json_t *v = json_loads("{\"id\": \"x\", \"i\": 3}", 0, NULL);
    json_t *out = qapi_validate_convert(type("All"), v, false, NULL, NULL);
    g_assert_true(out == v);            /* validation keeps the value */
    json_decref(out);
    json_decref(v);
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    g_test_init(&argc, &argv, NULL);
    schema = qapi_schema_parse_string("validate.json", schema_text, &err);
    if (!schema) {
        g_error("%s", error_get_pretty(err));
    }
    g_test_add_func("/qapi/validate/missing-unexpected", test_missing_unexpected);
    g_test_add_func("/qapi/validate/scalar-types", test_scalar_types);
    g_test_add_func("/qapi/validate/int-ranges", test_int_ranges);
    g_test_add_func("/qapi/validate/enums", test_enums);
    g_test_add_func("/qapi/validate/lists-and-paths", test_lists_and_paths);
    g_test_add_func("/qapi/validate/union", test_union);
    g_test_add_func("/qapi/validate/alternate", test_alternate);
    g_test_add_func("/qapi/validate/conditions", test_conditions);
    g_test_add_func("/qapi/validate/command-args", test_command_args);
    g_test_add_func("/qapi/validate/convert-returns-value",
                    test_convert_returns_value);
    int rc = g_test_run();
    qapi_schema_free(schema);
    return rc;
}
