/* A Cortex-M context switch on mps2-an385, as an RTOS does it (ARMv7-M
 * ARM B1.4.4, B1.5.6-B1.5.8): three threads in unprivileged Thread mode
 * on their own process stacks (CONTROL.nPRIV, EXC_RETURN 0xFFFFFFFD),
 * cooperative round-robin: SVC 0 yields by pending PendSV (lowest
 * priority), whose handler saves r4-r11 on the thread's PSP and restores
 * the next thread's; SVC 1 ends a thread, SVC 2 returns a value in the
 * stacked r0. The threads print the interleaving; an unprivileged CPSID
 * and MSR BASEPRI are ignored. Then a thread whose stack is gone: a
 * stacking error on SVC. (No time slicing by SysTick: where a
 * SysTick lands on QEMU depends on host time.)
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

#define NTHREADS 3
#define STACK_WORDS 512

static uint32_t stacks[NTHREADS][STACK_WORDS] __attribute__((aligned(8)));
static uint32_t saved_sp[NTHREADS];
static int alive[NTHREADS];
static int current = -1;        /* -1: main, on MSP */
static unsigned switches;
static char order[8];           /* of the lost-stack handlers, below */
static unsigned norder;
static volatile int lost_active;

static int svc_call(int n)
{
    register int r0 __asm__("r0") = n;
    switch (n) {
    case 0: __asm__ volatile("svc 0" : "+r"(r0) :: "memory"); break;
    case 1: __asm__ volatile("svc 1" : "+r"(r0) :: "memory"); break;
    default: __asm__ volatile("svc 2" : "+r"(r0) :: "memory"); break;
    }
    return r0;
}

static void yield(void) { svc_call(0); }

static void thread_exit(void)
{
    svc_call(1);
    for (;;) {
    }
}

static void worker(int steps)
{
    int id = svc_call(2);
    uint32_t control = get_special(control);
    printf("thread %d: CONTROL %#lx IPSR %lu\n", id, (unsigned long)control,
           (unsigned long)(get_special(ipsr) & 0x1ff));
    for (int i = 0; i < steps; i++) {
        printf("thread %d step %d\n", id, i);
        yield();
    }
}

static void thread_a(void) { worker(3); }
static void thread_b(void)
{
    /* privileged-only changes are ignored in unprivileged Thread mode */
    __asm__ volatile("cpsid i" ::: "memory");
    set_special(basepri, 0x80);
    printf("thread 1 after CPSID/MSR: PRIMASK %lu BASEPRI %#lx\n",
           (unsigned long)get_special(primask), (unsigned long)get_special(basepri));
    worker(2);
}
static void thread_c(void) { worker(4); }

/* SVC: the number is in the SVC instruction before the stacked pc */
void svc_c(uint32_t *frame);
void svc_c(uint32_t *frame)
{
    if (lost_active) {
        order[norder++] = 'S';  /* the frame is the fault handler's */
        return;
    }
    uint8_t n = ((const uint8_t *)frame[6])[-2];
    switch (n) {
    case 0:
        SCB_ICSR = ICSR_PENDSVSET;
        break;
    case 1:
        alive[current] = 0;
        printf("thread %d ends\n", current);
        SCB_ICSR = ICSR_PENDSVSET;
        break;
    case 2:
        frame[0] = (uint32_t)current;
        break;
    default:
        break;
    }
}

__attribute__((naked)) static void svc_handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n ite eq\n mrseq r0, msp\n mrsne r0, psp\n"
        "push {r4, lr}\n bl svc_c\n pop {r4, pc}\n");
}

/* Save the running thread's sp (after r4-r11 went on it); pick the next
 * live thread round-robin; return its sp, or 0 to go back to main. */
uint32_t switch_c(uint32_t sp);
uint32_t switch_c(uint32_t sp)
{
    if (current >= 0) {
        saved_sp[current] = sp;
    }
    switches++;
    for (int i = 1; i <= NTHREADS; i++) {
        int t = (current + i + NTHREADS) % NTHREADS;
        if (current < 0) {
            t = i - 1;
        }
        if (alive[t]) {
            current = t;
            return saved_sp[t];
        }
    }
    current = -1;
    return 0;
}

/* PendSV: from main (EXC_RETURN to MSP) r4-r11 go on MSP; from a thread
 * on its PSP. Then to the next thread (unprivileged, PSP) or to main. */
__attribute__((naked)) static void pendsv_handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n"
        "bne 1f\n"
        "push {r4-r11}\n"          /* main's registers, on MSP */
        "movs r0, #0\n"
        "b 2f\n"
        "1: mrs r0, psp\n"
        "stmdb r0!, {r4-r11}\n"
        "2: bl switch_c\n"
        "cbz r0, 3f\n"
        "ldmia r0!, {r4-r11}\n"
        "msr psp, r0\n"
        "movs r0, #1\n msr control, r0\n isb\n"   /* nPRIV */
        "mvn lr, #2\n"            /* 0xFFFFFFFD: Thread, PSP */
        "bx lr\n"
        "3: movs r0, #0\n msr control, r0\n isb\n"
        "pop {r4-r11}\n"
        "mvn lr, #6\n"            /* 0xFFFFFFF9: Thread, MSP */
        "bx lr\n");
}

/* ---- a thread whose stack is gone ---------------------------------------
 * Its PSP points at nothing when it calls SVC: stacking fails, a derived
 * BusFault (CFSR.STKERR) is taken first on the frame as it is, SVC stays
 * pending and runs after. The fault handler gives the thread a new stack
 * with a frame that resumes it, privileged, in lost_stack_resumed(). With
 * BusFault disabled the derived fault is a HardFault (FORCED). */
static uint32_t new_stack[64] __attribute__((aligned(8)));
static volatile uint32_t seen_cfsr, seen_hfsr, seen_lr, seen_shcsr;
static int lost_round;

static void lost_stack_thread(void);

__attribute__((noreturn, used)) void lost_stack_continue(void);
void lost_stack_continue(void)
{
    order[norder] = 0;
    printf("stack lost, BusFault %s: order %s, CFSR %#lx HFSR %#lx LR %#lx"
           " SHCSR %#lx\n", lost_round ? "disabled" : "enabled", order,
           (unsigned long)seen_cfsr, (unsigned long)seen_hfsr,
           (unsigned long)seen_lr, (unsigned long)seen_shcsr);
    if (lost_round++ == 0) {
        SCB_SHCSR = 0;
        norder = 0;
        lost_stack_thread();
    }
    exit(0);
}

/* back on the MSP (Thread, privileged) before any C code */
__attribute__((naked)) static void lost_stack_resumed(void)
{
    __asm__ volatile("movs r0, #0\n msr control, r0\n isb\n"
                     "b lost_stack_continue\n");
}

void lost_c(uint32_t lr);
void lost_c(uint32_t lr)
{
    order[norder++] = (get_special(ipsr) & 0x1ff) == EXC_HARDFAULT ? 'H' : 'B';
    seen_cfsr = SCB_CFSR;
    seen_hfsr = SCB_HFSR;
    SCB_CFSR = seen_cfsr;
    SCB_HFSR = seen_hfsr;
    seen_lr = lr;
    seen_shcsr = SCB_SHCSR;
    uint32_t *f = &new_stack[56];
    for (int i = 0; i < 6; i++) {
        f[i] = 0;
    }
    f[6] = (uint32_t)lost_stack_resumed & ~1u;
    f[7] = 1u << 24;
    set_special(psp, (uint32_t)f);
    set_special(control, 0);    /* the thread resumes privileged */
}

__attribute__((naked)) static void lost_fault(void)
{
    __asm__ volatile("mov r0, lr\n push {r4, lr}\n bl lost_c\n pop {r4, pc}\n");
}

/* unprivileged, on a PSP where nothing is mapped */
static void lost_stack_thread(void)
{
    lost_active = 1;
    __asm__ volatile("ldr r0, =0x60001000\n msr psp, r0\n"
                     "movs r0, #3\n msr control, r0\n isb\n"
                     "svc 4\n b .\n" ::: "r0", "memory");
}

static void start(int t, void (*entry)(void))
{
    uint32_t *sp = &stacks[t][STACK_WORDS];
    *--sp = 1u << 24;                       /* xPSR: Thumb */
    *--sp = (uint32_t)entry & ~1u;          /* pc */
    *--sp = (uint32_t)thread_exit;          /* lr */
    for (int i = 0; i < 5; i++) {
        *--sp = 0;                          /* r12, r3-r0 */
    }
    for (int i = 0; i < 8; i++) {
        *--sp = 0;                          /* r11-r4 */
    }
    saved_sp[t] = (uint32_t)sp;
    alive[t] = 1;
}

int main(void)
{
    vectors_to_ram();
    set_vector(EXC_SVCALL, svc_handler);
    set_vector(EXC_PENDSV, pendsv_handler);
    SCB_SHPR8(EXC_PENDSV) = 0xff;
    SCB_SHPR8(EXC_SVCALL) = 0x80;
    start(0, thread_a);
    start(1, thread_b);
    start(2, thread_c);
    volatile uint32_t keep = 0x12345678;
    register uint32_t r8 __asm__("r8") = 0x88888888;
    __asm__ volatile("" : "+r"(r8));
    yield();
    __asm__ volatile("" : "+r"(r8));
    printf("back in main after %u switches: CONTROL %#lx, r8 %#lx, local %#lx\n",
           switches, (unsigned long)get_special(control), (unsigned long)r8,
           (unsigned long)keep);
    printf("PRIMASK %lu BASEPRI %#lx\n", (unsigned long)get_special(primask),
           (unsigned long)get_special(basepri));

    set_vector(EXC_BUSFAULT, lost_fault);
    set_vector(EXC_HARDFAULT, lost_fault);
    SCB_SHCSR = 1u << 17;      /* BUSFAULTENA */
    lost_stack_thread();       /* ends in lost_stack_resumed() */
    return 0;
}
