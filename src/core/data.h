/* Data files for people to write: JSON with comments and trailing commas,
 * or YAML, read into jansson values that remember where each member and
 * element came from, so errors can say file:line:col.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_DATA_H
#define HEMU_CORE_DATA_H

#include <stddef.h>
#include <jansson.h>

#include "core/error.h"

typedef struct DataPos {
    int line, col;      /* 1-based */
} DataPos;

typedef struct DataDoc DataDoc;

/* Read a file: YAML when it ends in .yaml or .yml, else JSON (with //
 * and block comments and trailing commas). */
DataDoc *data_load_file(const char *path, Error **errp);
/* Read text named name (for messages). */
DataDoc *data_load_text(const char *text, size_t len, const char *name,
                        bool yaml, Error **errp);
void data_doc_free(DataDoc *d);

/* The document's value (borrowed). */
json_t *data_root(const DataDoc *d);
const char *data_file(const DataDoc *d);
/* Where member key of object obj, or element index of array arr, was
 * written (the key's position for members). The root is at (parent NULL,
 * key NULL, index 0). False when unknown. */
bool data_pos_member(const DataDoc *d, const json_t *obj, const char *key,
                     DataPos *out);
bool data_pos_element(const DataDoc *d, const json_t *arr, size_t index,
                      DataPos *out);
/* An error at a position: "file:line:col: message". */
void data_error_at(Error **errp, const DataDoc *d, DataPos pos,
                   const char *fmt, ...) G_GNUC_FMT(4, 5);

#endif
