/* Shared by the Cortex-M guest tests on mps2-an385: the System Control
 * Space registers (ARMv7-M ARM, DDI 0403E §B3.2-B3.4), a vector table in
 * RAM (VTOR) to install handlers, the special registers.
 * SPDX-License-Identifier: MIT */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>

#define REG(a) (*(volatile uint32_t *)(a))
#define REG8(a) (*(volatile uint8_t *)(a))

#define SYST_CSR REG(0xe000e010)
#define SYST_RVR REG(0xe000e014)
#define SYST_CVR REG(0xe000e018)
#define SYST_CALIB REG(0xe000e01c)
#define NVIC_ISER(n) REG(0xe000e100 + 4 * (n))
#define NVIC_ICER(n) REG(0xe000e180 + 4 * (n))
#define NVIC_ISPR(n) REG(0xe000e200 + 4 * (n))
#define NVIC_ICPR(n) REG(0xe000e280 + 4 * (n))
#define NVIC_IABR(n) REG(0xe000e300 + 4 * (n))
#define NVIC_IPR8(n) REG8(0xe000e400 + (n))
#define SCB_CPUID REG(0xe000ed00)
#define SCB_ICSR REG(0xe000ed04)
#define SCB_VTOR REG(0xe000ed08)
#define SCB_AIRCR REG(0xe000ed0c)
#define SCB_CCR REG(0xe000ed14)
#define SCB_SHPR8(n) REG8(0xe000ed14 + (n))   /* n = exception number 4..15 */
#define SCB_SHCSR REG(0xe000ed24)
#define SCB_CFSR REG(0xe000ed28)
#define SCB_HFSR REG(0xe000ed2c)
#define SCB_MMFAR REG(0xe000ed34)
#define SCB_BFAR REG(0xe000ed38)
#define NVIC_STIR REG(0xe000ef00)

#define EXC_HARDFAULT 3
#define EXC_MEMMANAGE 4
#define EXC_BUSFAULT 5
#define EXC_USAGEFAULT 6
#define EXC_SVCALL 11
#define EXC_PENDSV 14
#define EXC_SYSTICK 15
#define EXC_IRQ(n) (16 + (n))

#define ICSR_PENDSVSET (1u << 28)
#define ICSR_PENDSTSET (1u << 26)
#define ICSR_PENDSTCLR (1u << 25)

typedef void (*Handler)(void);

/* Copy the reset vector table to RAM and point VTOR at it; handlers are
 * then set with set_vector(). */
static uint32_t guest_vectors[16 + 32] __attribute__((aligned(256)));

static inline void vectors_to_ram(void)
{
    const uint32_t *old = (const uint32_t *)SCB_VTOR;
    for (unsigned i = 0; i < sizeof guest_vectors / 4; i++) {
        guest_vectors[i] = old[i];
    }
    SCB_VTOR = (uint32_t)guest_vectors;
    __asm__ volatile("dsb\n isb" ::: "memory");
}

static inline void set_vector(unsigned exc, Handler h)
{
    guest_vectors[exc] = (uint32_t)h;
}

static inline void aircr_prigroup(unsigned g)
{
    SCB_AIRCR = 0x05fa0000u | (g & 7) << 8;
}

#define barrier() __asm__ volatile("dsb\n isb" ::: "memory")
#define get_special(name) ({ uint32_t v_; \
        __asm__ volatile("mrs %0, " #name : "=r"(v_) :: "memory"); v_; })
#define set_special(name, v) \
    __asm__ volatile("msr " #name ", %0\n isb" :: "r"((uint32_t)(v)) : "memory")

#endif
