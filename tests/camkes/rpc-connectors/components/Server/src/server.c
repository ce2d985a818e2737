#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <camkes.h>

static char *tag(const char *how, const char *s)
{
    char *out = malloc(strlen(how) + strlen(s) + 4);
    sprintf(out, "%s: %s", how, s);
    return out;
}

char *a_echo(const char *s) { return tag("dataport", s); }
char *b_echo(const char *s) { return tag("multi", s); }
char *c_echo(const char *s) { return tag("notype", s); }
