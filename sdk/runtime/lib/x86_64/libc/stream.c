// SPDX-License-Identifier: BSD-2-Clause
/*
 * Character and line output on a stream, and flushing: each goes through the
 * stream's own put, get and flush functions (sdk/runtime/lib/stdio.c provides the
 * console's).
 */
#include <stdio.h>

int fputc(int c, FILE *stream)
{
    if (stream == NULL || stream->put == NULL || stream->put((char)c, stream) < 0)
        return EOF;
    return (unsigned char)c;
}

int putc(int c, FILE *stream)
{
    return fputc(c, stream);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *s, FILE *stream)
{
    while (*s != '\0') {
        if (fputc(*s++, stream) == EOF)
            return EOF;
    }
    return 0;
}

int puts(const char *s)
{
    return fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
}

int fgetc(FILE *stream)
{
    if (stream == NULL || stream->get == NULL)
        return EOF;
    int c = stream->get(stream);
    return c < 0 ? EOF : (unsigned char)c;
}

int getc(FILE *stream)
{
    return fgetc(stream);
}

int getchar(void)
{
    return fgetc(stdin);
}

int fflush(FILE *stream)
{
    if (stream == NULL)
        stream = stdout;
    return stream->flush != NULL ? stream->flush(stream) : 0;
}
