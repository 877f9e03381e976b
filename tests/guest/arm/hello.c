/* The first Cortex-M guest program: prints through the UART, exits 0.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    uint32_t cpuid = *(volatile uint32_t *)0xe000ed00;
    printf("hello from a Cortex-M%lu\n", (unsigned long)((cpuid >> 4) & 0xf));
    long sum = 0;
    for (long i = 1; i <= 1000; i++) {
        sum += i * i;
    }
    printf("sum of squares to 1000: %ld\n", sum);
    return 0;
}
