/* Unit tests for qapi/keyval: QEMU's KEY=VALUE,... syntax (the cases of
 * QEMU's tests/unit/test-keyval.c) and conversion through schema types.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "qapi/keyval.h"

/* Parse @params and compare with @json (compact, keys sorted), or with
 * the error @expect. */
static void check_parse(const char *params, const char *implied,
                        const char *json, const char *expect)
{
    Error *err = NULL;
    json_t *v = keyval_parse(params, implied, NULL, &err);
    if (expect) {
        if (v) {
            g_error("'%s' parsed; expected: %s", params, expect);
        }
        g_assert_cmpstr(error_get_pretty(err), ==, expect);
        error_free(err);
        return;
    }
    if (!v) {
        g_error("'%s': %s", params, error_get_pretty(err));
    }
    char *got = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
    g_assert_cmpstr(got, ==, json);
    free(got);
    json_decref(v);
}

static void test_parse_basic(void)
{
    check_parse("", NULL, "{}", NULL);
    check_parse("a=1", NULL, "{\"a\":\"1\"}", NULL);
    check_parse("a=1,b=two", NULL, "{\"a\":\"1\",\"b\":\"two\"}", NULL);
    check_parse("a=1,", NULL, "{\"a\":\"1\"}", NULL);
    check_parse("a=", NULL, "{\"a\":\"\"}", NULL);
    check_parse("a=1,a=2", NULL, "{\"a\":\"2\"}", NULL);   /* last wins */
    check_parse("a=x,,y,b=2", NULL, "{\"a\":\"x,y\",\"b\":\"2\"}", NULL);
    check_parse("a=,,,,", NULL, "{\"a\":\",,\"}", NULL);
    check_parse("a=b=c", NULL, "{\"a\":\"b=c\"}", NULL);
}

static void test_parse_errors(void)
{
    check_parse("=", NULL, NULL, "Invalid parameter ''");
    check_parse("a", NULL, NULL, "Expected '=' after parameter 'a'");
    check_parse("a.b", NULL, NULL, "Expected '=' after parameter 'a.b'");
    check_parse(",", NULL, NULL, "Invalid parameter ''");
    check_parse("a..b=1", NULL, NULL, "Invalid parameter 'a..b'");
    check_parse("a.=1", NULL, NULL, "Invalid parameter 'a.'");
    check_parse("1=x", NULL, NULL, "Invalid parameter '1'");
    check_parse("a b=1", NULL, NULL, "Invalid parameter 'a b'");
    char *long_key = g_strnfill(128, 'k');
    char *p = g_strdup_printf("%s=1", long_key);
    char *msg = g_strdup_printf("Parameter '%s' is too long", long_key);
    check_parse(p, NULL, NULL, msg);
    g_free(p);
    g_free(msg);
    p = g_strdup_printf("a.%s=1", long_key);
    msg = g_strdup_printf("Parameter fragment '%s' is too long", long_key);
    check_parse(p, NULL, NULL, msg);
    g_free(p);
    g_free(msg);
    g_free(long_key);
}

static void test_parse_nested_and_lists(void)
{
    check_parse("a.b.c=1,a.b.d=2,a.e=3", NULL,
                "{\"a\":{\"b\":{\"c\":\"1\",\"d\":\"2\"},\"e\":\"3\"}}", NULL);
    check_parse("a.b=1,a=2", NULL, NULL, "Parameters 'a.*' used inconsistently");
    check_parse("a=2,a.b=1", NULL, NULL, "Parameters 'a.*' used inconsistently");
    check_parse("list.0=x,list.1=y", NULL, "{\"list\":[\"x\",\"y\"]}", NULL);
    check_parse("list.1=y,list.0=x", NULL, "{\"list\":[\"x\",\"y\"]}", NULL);
    check_parse("l.0.a=1,l.0.b=2,l.1.a=3", NULL,
                "{\"l\":[{\"a\":\"1\",\"b\":\"2\"},{\"a\":\"3\"}]}", NULL);
    check_parse("list.1=y", NULL, NULL, "Parameter 'list.0' missing");
    check_parse("list.0=x,list.2=z", NULL, NULL, "Parameter 'list.1' missing");
    check_parse("a.0=x,a.b=y", NULL, NULL, "Parameters 'a.*' used inconsistently");
    check_parse("x.a.0=x,x.a.b=y", NULL, NULL,
                "Parameters 'x.a.*' used inconsistently");
}

static void test_parse_implied_and_help(void)
{
    check_parse("virtio-net,id=n0", "driver",
                "{\"driver\":\"virtio-net\",\"id\":\"n0\"}", NULL);
    check_parse("id=n0", "driver", "{\"id\":\"n0\"}", NULL);
    check_parse("a,,b,id=x", "driver", "{\"driver\":\"a,b\",\"id\":\"x\"}", NULL);
    check_parse("x,y", "driver", NULL, "Expected '=' after parameter 'y'");

    bool help = false;
    Error *err = NULL;
    json_t *v = keyval_parse("help", "driver", &help, &err);
    g_assert_nonnull(v);
    g_assert_true(help);
    json_decref(v);
    v = keyval_parse("uart,help", "driver", &help, &err);
    g_assert_true(help);
    char *s = json_dumps(v, JSON_COMPACT);
    g_assert_cmpstr(s, ==, "{\"driver\":\"uart\"}");
    free(s);
    json_decref(v);
    v = keyval_parse("a=1", NULL, &help, &err);
    g_assert_false(help);
    json_decref(v);
    check_parse("help", NULL, NULL, "Help is not available for this option");
    check_parse("?", NULL, NULL, "Help is not available for this option");
}

static const char schema_text[] =
    "{ 'enum': 'Mode', 'data': [ 'fast', 'slow' ] }\n"
    "{ 'struct': 'Sub', 'data': { 'x': 'int', '*y': 'str' } }\n"
    "{ 'alternate': 'IntOrStr', 'data': { 'i': 'int', 's': 'str' } }\n"
    "{ 'alternate': 'IntOrBool', 'data': { 'i': 'int', 'b': 'bool' } }\n"
    "{ 'struct': 'Opts', 'data': {\n"
    "    'driver': 'str', '*n': 'int', '*u8': 'uint8', '*i8': 'int8',\n"
    "    '*u64': 'uint64', '*num': 'number', '*on': 'bool',\n"
    "    '*size': 'size', '*mode': 'Mode', '*sub': 'Sub', '*subs': ['Sub'],\n"
    "    '*strs': ['str'], '*ints': ['int'], '*v': 'any',\n"
    "    '*ios': 'IntOrStr', '*iob': 'IntOrBool' } }\n";

static QapiSchema *schema;

/* Parse @params through Opts and compare with @json, or the error. */
static void check_typed(const char *params, const char *json,
                        const char *expect)
{
    Error *err = NULL;
    const QapiEntity *t = qapi_schema_lookup_type(schema, "Opts", NULL);
    json_t *v = keyval_parse_typed(t, params, "driver", NULL, NULL, &err);
    if (expect) {
        if (v) {
            g_error("'%s' converted; expected: %s", params, expect);
        }
        g_assert_cmpstr(error_get_pretty(err), ==, expect);
        error_free(err);
        return;
    }
    if (!v) {
        g_error("'%s': %s", params, error_get_pretty(err));
    }
    char *got = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
    g_assert_cmpstr(got, ==, json);
    free(got);
    json_decref(v);
}

static void test_convert_scalars(void)
{
    check_typed("d", "{\"driver\":\"d\"}", NULL);
    check_typed("d,n=-42", "{\"driver\":\"d\",\"n\":-42}", NULL);
    check_typed("d,n=0x10", "{\"driver\":\"d\",\"n\":16}", NULL);
    check_typed("d,n=x", NULL, "Parameter 'n' expects integer");
    check_typed("d,n=", NULL, "Parameter 'n' expects integer");
    check_typed("d,u8=255", "{\"driver\":\"d\",\"u8\":255}", NULL);
    check_typed("d,u8=256", NULL, "Parameter 'u8' expects uint8_t");
    check_typed("d,u8=-1", NULL, "Parameter 'u8' expects integer");
    check_typed("d,i8=-128", "{\"driver\":\"d\",\"i8\":-128}", NULL);
    check_typed("d,i8=200", NULL, "Parameter 'i8' expects int8_t");
    check_typed("d,u64=18446744073709551615x", NULL,
                "Parameter 'u64' expects integer");
    check_typed("d,num=1.5", "{\"driver\":\"d\",\"num\":1.5}", NULL);
    check_typed("d,num=abc", NULL,
                "Invalid parameter type for 'num', expected: number");
    check_typed("d,mode=fast", "{\"driver\":\"d\",\"mode\":\"fast\"}", NULL);
    check_typed("d,mode=medium", NULL,
                "Parameter 'mode' does not accept value 'medium'");
    check_typed("d,v=anything", "{\"driver\":\"d\",\"v\":\"anything\"}", NULL);
    check_typed("d,v.a=1,v.b.0=x", "{\"driver\":\"d\",\"v\":{\"a\":\"1\",\"b\":[\"x\"]}}",
                NULL);
    check_typed("d,bogus=1", NULL, "Parameter 'bogus' is unexpected");
    check_typed("n=1", NULL, "Parameter 'driver' is missing");
    check_typed("d,n.a=1", NULL, "Parameters 'n.*' are unexpected");
}

static void test_convert_bools(void)
{
    static const char *const yes[] = { "on", "yes", "true" };
    static const char *const no[] = { "off", "no", "false" };
    for (int i = 0; i < 3; i++) {
        char *p = g_strdup_printf("d,on=%s", yes[i]);
        check_typed(p, "{\"driver\":\"d\",\"on\":true}", NULL);
        g_free(p);
        p = g_strdup_printf("d,on=%s", no[i]);
        check_typed(p, "{\"driver\":\"d\",\"on\":false}", NULL);
        g_free(p);
    }
    check_typed("d,on=1", NULL, "Parameter 'on' expects 'on' or 'off'");
}

static void test_convert_sizes(void)
{
    static const struct {
        const char *in;
        const char *out;
    } ok[] = {
        { "0", "0" }, { "1024", "1024" }, { "4K", "4096" }, { "4k", "4096" },
        { "1M", "1048576" }, { "1G", "1073741824" }, { "2T", "2199023255552" },
        { "1.5K", "1536" }, { "0x1000", "4096" }, { "16B", "16" },
        { "1E", "1152921504606846976" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        char *p = g_strdup_printf("d,size=%s", ok[i].in);
        char *j = g_strdup_printf("{\"driver\":\"d\",\"size\":%s}", ok[i].out);
        check_typed(p, j, NULL);
        g_free(p);
        g_free(j);
    }
    static const char *const bad[] = { "", "x", "1X", "-1", "1.5", "1KB",
                                       "16E", "0x", "1.K" };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        char *p = g_strdup_printf("d,size=%s", bad[i]);
        check_typed(p, NULL, "Parameter 'size' expects size");
        g_free(p);
    }
}

static void test_convert_structs_and_lists(void)
{
    check_typed("d,sub.x=1,sub.y=s",
                "{\"driver\":\"d\",\"sub\":{\"x\":1,\"y\":\"s\"}}", NULL);
    check_typed("d,sub.y=s", NULL, "Parameter 'sub.x' is missing");
    check_typed("d,sub.x=1,sub.z=2", NULL, "Parameter 'sub.z' is unexpected");
    check_typed("d,sub=1", NULL,
                "Invalid parameter type for 'sub', expected: object");
    check_typed("d,strs.0=a,strs.1=b",
                "{\"driver\":\"d\",\"strs\":[\"a\",\"b\"]}", NULL);
    check_typed("d,ints.0=1,ints.1=2", "{\"driver\":\"d\",\"ints\":[1,2]}", NULL);
    check_typed("d,ints.0=1,ints.1=z", NULL, "Parameter 'ints.1' expects integer");
    check_typed("d,subs.0.x=1,subs.1.x=2",
                "{\"driver\":\"d\",\"subs\":[{\"x\":1},{\"x\":2}]}", NULL);
    check_typed("d,subs.0.x=1,subs.1.y=2", NULL, "Parameter 'subs.1.x' is missing");
    check_typed("d,ints=1", NULL,
                "Invalid parameter type for 'ints', expected: array");
}

static void test_convert_alternates(void)
{
    check_typed("d,ios=12", "{\"driver\":\"d\",\"ios\":\"12\"}", NULL);
    check_typed("d,iob=12", "{\"driver\":\"d\",\"iob\":12}", NULL);
    check_typed("d,iob=on", "{\"driver\":\"d\",\"iob\":true}", NULL);
    check_typed("d,iob=maybe", NULL,
                "Invalid parameter type for 'iob', expected: IntOrBool");
}

static void test_convert_no_members(void)
{
    Error *err = NULL;
    json_t *kv = keyval_parse("", NULL, NULL, &err);
    json_t *v = keyval_convert(NULL, kv, NULL, &err);
    g_assert_nonnull(v);
    json_decref(v);
    json_decref(kv);
    kv = keyval_parse("a=1", NULL, NULL, &err);
    g_assert_null(keyval_convert(NULL, kv, NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'a' is unexpected");
    error_free(err);
    json_decref(kv);
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    g_test_init(&argc, &argv, NULL);
    schema = qapi_schema_parse_string("keyval.json", schema_text, &err);
    if (!schema) {
        g_error("%s", error_get_pretty(err));
    }
    g_test_add_func("/keyval/parse/basic", test_parse_basic);
    g_test_add_func("/keyval/parse/errors", test_parse_errors);
    g_test_add_func("/keyval/parse/nested-and-lists", test_parse_nested_and_lists);
    g_test_add_func("/keyval/parse/implied-and-help", test_parse_implied_and_help);
    g_test_add_func("/keyval/convert/scalars", test_convert_scalars);
    g_test_add_func("/keyval/convert/bools", test_convert_bools);
    g_test_add_func("/keyval/convert/sizes", test_convert_sizes);
    g_test_add_func("/keyval/convert/structs-and-lists",
                    test_convert_structs_and_lists);
    g_test_add_func("/keyval/convert/alternates", test_convert_alternates);
    g_test_add_func("/keyval/convert/no-members", test_convert_no_members);
    int rc = g_test_run();
    qapi_schema_free(schema);
    return rc;
}
