#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

static int calls;

int w_count(void)
{
    return ++calls;
}

void w_reset(void)
{
    calls = 0;
}

int w_join(size_t words_sz, char **words, char **joined)
{
    size_t len = 1;
    for (size_t i = 0; i < words_sz; i++)
        len += strlen(words[i]) + 1;
    char *out = malloc(len);
    out[0] = '\0';
    for (size_t i = 0; i < words_sz; i++) {
        if (i > 0)
            strcat(out, "+");
        strcat(out, words[i]);
    }
    *joined = out;
    calls++;
    return (int)words_sz;
}

void w_split(const char *text, size_t *words_sz, char ***words)
{
    size_t n = 0;
    char **out = malloc(8 * sizeof(char *));
    const char *p = text;
    while (*p != '\0' && n < 8) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        out[n] = malloc(len + 1);
        memcpy(out[n], p, len);
        out[n][len] = '\0';
        n++;
        p += len;
        while (*p == ' ')
            p++;
    }
    *words_sz = n;
    *words = out;
    calls++;
}

void w_shout(size_t *words_sz, char ***words)
{
    for (size_t i = 0; i < *words_sz; i++)
        for (char *c = (*words)[i]; *c != '\0'; c++)
            *c = (char)toupper((unsigned char)*c);
    calls++;
}
