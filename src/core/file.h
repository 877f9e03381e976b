/* Reading whole files that users name (descriptions, config files, ROM and
 * firmware images) without trusting them: only regular files, and only up
 * to a size, so /dev/zero or a FIFO cannot exhaust memory or hang hemu.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_FILE_H
#define HEMU_CORE_FILE_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "core/error.h"

/* Text and data files hemu parses (descriptions, config files). */
#define FILE_MAX_TEXT (16u << 20)

/* The contents of path (NUL-terminated; *len excludes the NUL), or NULL
 * with an error naming path when it cannot be read, is not a regular file,
 * or is larger than max bytes. Free with g_free. */
char *file_read(const char *path, uint64_t max, size_t *len, Error **errp);

/* Where firmware named without a directory ("hetero-demo-m3.elf") is
 * looked for after the working directory, as QEMU looks up -bios names:
 * $HEMU_FIRMWARE_PATH (':'-separated), the build tree's firmware/, then
 * PREFIX/share/hemu/firmware. A list of new strings. */
GPtrArray *file_firmware_dirs(void);
/* The file a loader reads for name: name itself when it has a '/' or
 * exists, else the first of file_firmware_dirs() that has it. NULL with an
 * error listing the places when there is none. Free with g_free. */
char *file_find_firmware(const char *name, Error **errp);

#endif
