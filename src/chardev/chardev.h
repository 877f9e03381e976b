/* The character backend types of this folder (null, file, ringbuf).
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CHARDEV_CHARDEV_H
#define HEMU_CHARDEV_CHARDEV_H

#include "core/chardev.h"

/* Take up to max bytes of a chardev-ringbuf's output, oldest first. */
size_t chardev_ringbuf_read(Chardev *c, uint8_t *out, size_t max);

extern const TypeInfo chardev_null_type, chardev_file_type, chardev_ringbuf_type;
extern const TypeInfo *const chardev_types[];

#endif
