/* The first guest program: prints through the UART and exits with 0.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

int main(void)
{
    printf("hello from hart %lu\n", csr_read_mhartid());
    long sum = 0;
    for (long i = 1; i <= 1000; i++) {
        sum += i * i;
    }
    printf("sum of squares to 1000: %ld\n", sum);
    return 0;
}
