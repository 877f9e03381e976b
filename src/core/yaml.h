/* YAML as a second spelling of JSON data: a YAML document (libyaml) is
 * turned into the jansson value it means, with file:line:col errors.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_YAML_H
#define HEMU_CORE_YAML_H

#include <stddef.h>
#include <jansson.h>

#include "core/error.h"

/* Plain scalars resolve as in YAML 1.2's core schema: null/~, true/false,
 * integers (decimal, 0x hex, 0o octal), floats; everything else and every
 * quoted scalar is a string. Aliases and multiple documents are errors. */
json_t *yaml_to_json(const char *text, size_t len, const char *filename,
                     Error **errp);

/* Called for every member (key set) and element (key NULL, index set) with
 * where it was written; parent NULL for the document's value. */
typedef void YamlPosFn(void *opaque, const json_t *parent, const char *key,
                       size_t index, int line, int col);
/* The same, telling pos() where each value came from. */
json_t *yaml_to_json_pos(const char *text, size_t len, const char *filename,
                         YamlPosFn *pos, void *opaque, Error **errp);

/* The YAML spelling of a JSON value (block style; strings quoted where
 * their plain form would read back as another type). A new string. */
char *json_to_yaml(json_t *v);

#endif
