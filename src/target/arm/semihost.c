/* Semihosting (Arm "Semihosting for AArch32 and AArch64", version 3): BKPT
 * 0xAB with r0 the operation and r1 its argument, when the CPU's
 * "semihosting" property is on, as QEMU's -semihosting. SYS_WRITEC,
 * SYS_WRITE0 and SYS_WRITE (to the "semihosting-chardev"), SYS_EXIT and
 * SYS_EXIT_EXTENDED (the "exit" pin, 0x100 | status). Others return -1.
 * SPDX-License-Identifier: MIT */
#include "core/log.h"
#include "target/arm/cpu.h"

enum {
    SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05,
    SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20,
};
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static void out(ArmCpu *cpu, const uint8_t *buf, size_t len)
{
    if (cpu->semi_chr) {
        chardev_write(cpu->semi_chr, buf, len);
    }
}

static bool rd32(ArmCpu *cpu, uint32_t a, uint32_t *v)
{
    uint64_t x;
    if (!addrspace_ld(cpu->base.as, a, 4, &x)) {
        return false;
    }
    *v = (uint32_t)x;
    return true;
}

/* copy len bytes from guest memory at a to the output */
static bool out_guest(ArmCpu *cpu, uint32_t a, uint32_t len)
{
    uint8_t buf[256];
    while (len) {
        uint32_t n = len < sizeof(buf) ? len : sizeof(buf);
        if (!addrspace_read(cpu->base.as, a, buf, n)) {
            return false;
        }
        out(cpu, buf, n);
        a += n;
        len -= n;
    }
    return true;
}

static void do_exit(ArmCpu *cpu, unsigned status)
{
    pin_set(&cpu->exit_pin, 0x100 | (status & 0xff));
    cpu->stopped = true;
    cpu->base.halted = true;
    cpu->base.exit_request = true;
}

int arm_semihost(ArmCpu *cpu)
{
    uint32_t op = cpu->r[0], arg = cpu->r[1], ret = 0;
    switch (op) {
    case SYS_WRITEC: {
        uint8_t c;
        if (!addrspace_read(cpu->base.as, arg, &c, 1)) {
            ret = UINT32_MAX;
            break;
        }
        out(cpu, &c, 1);
        ret = cpu->r[0];                 /* r0 is corrupted: keep it */
        break;
    }
    case SYS_WRITE0: {
        uint8_t buf[256];
        size_t n = 0;
        for (uint32_t a = arg; a - arg < (1u << 20); a++) {
            if (!addrspace_read(cpu->base.as, a, &buf[n], 1) || !buf[n]) {
                break;
            }
            if (++n == sizeof(buf)) {
                out(cpu, buf, n);
                n = 0;
            }
        }
        out(cpu, buf, n);
        ret = cpu->r[0];
        break;
    }
    case SYS_WRITE: {                    /* {fd, buf, len}: bytes not written */
        uint32_t fd, buf, len;
        if (!rd32(cpu, arg, &fd) || !rd32(cpu, arg + 4, &buf) ||
            !rd32(cpu, arg + 8, &len)) {
            ret = UINT32_MAX;
            break;
        }
        ret = (fd == 1 || fd == 2) && out_guest(cpu, buf, len) ? 0 : len;
        break;
    }
    case SYS_EXIT:
        /* AArch32: r1 is the reason itself */
        do_exit(cpu, arg == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
        return ARM_NEXT;
    case SYS_EXIT_EXTENDED: {
        uint32_t reason = 0, code = 1;
        if (!rd32(cpu, arg, &reason) || !rd32(cpu, arg + 4, &code)) {
            reason = 0;
        }
        do_exit(cpu, reason == ADP_STOPPED_APPLICATION_EXIT ? code : 1);
        return ARM_NEXT;
    }
    default:
        log_unimp(&cpu->base.obj, "semihosting call %#x", op);
        ret = UINT32_MAX;
        break;
    }
    cpu->r[0] = ret;
    return ARM_NEXT;
}
