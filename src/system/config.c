/* Config files: a list of commands, [{"execute": NAME, "arguments": {...}}],
 * in JSON (comments not allowed) or YAML, run in order through the same
 * dispatcher as QMP. -readconfig injects a file's commands in place.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/data.h"
#include "core/file.h"
#include "system/system.h"

/* JSON (comments allowed) when the text starts with '[' or '{', else YAML. */
static DataDoc *load(const char *path, Error **errp)
{
    size_t len;
    g_autofree char *text = file_read(path, FILE_MAX_TEXT, &len, errp);

    if (!text) {
        return NULL;
    }
    const char *p = text;
    while (g_ascii_isspace(*p)) {
        p++;
    }
    return data_load_text(text, len, path, *p != '[' && *p != '{', errp);
}

bool system_run_config_file(System *sys, const char *path, Error **errp)
{
    DataDoc *d = load(path, errp);
    if (!d) {
        return false;
    }
    json_t *doc = data_root(d);
    bool ok = false;
    DataPos pos = { 1, 1 };
    if (!json_is_array(doc)) {
        data_error_at(errp, d, pos, "expected a list of commands "
                      "([{\"execute\": ..., \"arguments\": {...}}, ...])");
        goto out;
    }
    size_t i;
    json_t *c;
    json_array_foreach(doc, i, c) {
        const char *name = json_string_value(json_object_get(c, "execute"));
        json_t *args = json_object_get(c, "arguments");
        const char *key;
        json_t *v;
        data_pos_element(d, doc, i, &pos);
        if (!json_is_object(c) || !name) {
            data_error_at(errp, d, pos, "command %zu: expected an object with "
                          "a string member 'execute'", i + 1);
            goto out;
        }
        json_object_foreach(c, key, v) {
            if (strcmp(key, "execute") && strcmp(key, "arguments")) {
                data_pos_member(d, c, key, &pos);
                data_error_at(errp, d, pos, "command %zu (%s): member '%s' is "
                              "unexpected", i + 1, name, key);
                goto out;
            }
        }
        if (args && !json_is_object(args)) {
            data_pos_member(d, c, "arguments", &pos);
            data_error_at(errp, d, pos, "command %zu (%s): 'arguments' must be "
                          "an object", i + 1, name);
            goto out;
        }
        json_t *ret = system_dispatch(sys, name, args, errp);
        if (!ret) {
            g_autofree char *where = g_strdup_printf("%s:%d:%d: command %zu (%s): ",
                                                     path, pos.line, pos.col, i + 1, name);
            error_prepend(errp, "%s", where);
            goto out;
        }
        json_decref(ret);
    }
    ok = true;
out:
    data_doc_free(d);
    return ok;
}
