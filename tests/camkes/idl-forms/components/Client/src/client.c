#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

int run(void)
{
    char *words[] = {"alpha", "beta", "gamma"};
    char *joined = NULL;
    int n = w_join(3, words, &joined);
    printf("client: join(%d) = %s\n", n, joined);
    free(joined);

    size_t count = 0;
    char **parts = NULL;
    w_split("one two  three", &count, &parts);
    printf("client: split -> %u:", (unsigned)count);
    for (size_t i = 0; i < count; i++)
        printf(" [%s]", parts[i]);
    printf("\n");

    w_shout(&count, &parts);
    printf("client: shout ->");
    for (size_t i = 0; i < count; i++) {
        printf(" %s", parts[i]);
        free(parts[i]);
    }
    free(parts);
    printf("\n");

    printf("client: count() = %d\n", w_count());
    w_reset();
    printf("client: after reset, count() = %d\n", w_count());
    return 0;
}
