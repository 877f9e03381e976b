/* Config files: a list of commands, [{"execute": NAME, "arguments": {...}}],
 * in JSON (comments not allowed) or YAML, run in order through the same
 * dispatcher as QMP. -readconfig injects a file's commands in place.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/yaml.h"
#include "system/system.h"

static json_t *load(const char *path, Error **errp)
{
    g_autofree char *text = NULL;
    gsize len;
    GError *gerr = NULL;

    if (!g_file_get_contents(path, &text, &len, &gerr)) {
        error_setg(errp, "%s", gerr->message);
        g_error_free(gerr);
        return NULL;
    }
    const char *p = text;
    while (g_ascii_isspace(*p)) {
        p++;
    }
    if (*p != '[' && *p != '{') {
        return yaml_to_json(text, len, path, errp);
    }
    json_error_t je;
    json_t *v = json_loadb(text, len, 0, &je);
    if (!v) {
        error_set_at(errp, path, je.line, je.column, "%s", je.text);
    }
    return v;
}

bool system_run_config_file(System *sys, const char *path, Error **errp)
{
    json_t *doc = load(path, errp);
    if (!doc) {
        return false;
    }
    bool ok = false;
    if (!json_is_array(doc)) {
        error_setg(errp, "%s: expected a list of commands "
                   "([{\"execute\": ..., \"arguments\": {...}}, ...])", path);
        goto out;
    }
    size_t i;
    json_t *c;
    json_array_foreach(doc, i, c) {
        const char *name = json_string_value(json_object_get(c, "execute"));
        json_t *args = json_object_get(c, "arguments");
        const char *key;
        json_t *v;
        if (!json_is_object(c) || !name) {
            error_setg(errp, "%s: command %zu: expected an object with a "
                       "string member 'execute'", path, i + 1);
            goto out;
        }
        json_object_foreach(c, key, v) {
            if (strcmp(key, "execute") && strcmp(key, "arguments")) {
                error_setg(errp, "%s: command %zu (%s): member '%s' is "
                           "unexpected", path, i + 1, name, key);
                goto out;
            }
        }
        if (args && !json_is_object(args)) {
            error_setg(errp, "%s: command %zu (%s): 'arguments' must be an "
                       "object", path, i + 1, name);
            goto out;
        }
        json_t *ret = system_dispatch(sys, name, args, errp);
        if (!ret) {
            error_prepend(errp, "%s: command %zu (%s): ", path, i + 1, name);
            goto out;
        }
        json_decref(ret);
    }
    ok = true;
out:
    json_decref(doc);
    return ok;
}
