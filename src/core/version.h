/* hemu's version, and the QEMU version whose QMP behaviour it follows.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_VERSION_H
#define HEMU_CORE_VERSION_H
#define HEMU_VERSION "0.1.0"
#define HEMU_VERSION_MAJOR 0
#define HEMU_VERSION_MINOR 1
#define HEMU_VERSION_MICRO 0
#endif
