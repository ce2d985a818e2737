// SPDX-License-Identifier: BSD-2-Clause
/*
 * The printf family: one formatter (vfprintf) writing through a stream's put
 * function; snprintf and friends use a stream that fills a buffer. Supported:
 * the flags - + space # 0, width and precision (also as *), the length
 * modifiers hh h l ll j z t, and d i u o x X c s p %. Floating point (f e g,
 * printed alike) covers magnitudes below 2^64 in fixed notation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct spec {
    int left, plus, space, alt, zero;
    int width;
    int precision;              /* -1: none */
    int length;                 /* 'H' hh, 'h', 'l', 'L' ll, 'j', 'z', 't', or 0 */
    char conv;
};

struct out {
    FILE *stream;
    int count;
};

static void put(struct out *o, char c)
{
    o->stream->put(c, o->stream);
    o->count++;
}

static void pad(struct out *o, int n, char c)
{
    while (n-- > 0)
        put(o, c);
}

static void put_field(struct out *o, const struct spec *s, const char *prefix, int zeros,
                      const char *body, int len)
{
    int total = (int)strlen(prefix) + zeros + len;

    if (s->zero && !s->left && s->precision < 0 && s->width > total) {
        zeros += s->width - total;
        total = s->width;
    }
    if (!s->left)
        pad(o, s->width - total, ' ');
    while (*prefix != '\0')
        put(o, *prefix++);
    pad(o, zeros, '0');
    for (int i = 0; i < len; i++)
        put(o, body[i]);
    if (s->left)
        pad(o, s->width - total, ' ');
}

static void put_integer(struct out *o, const struct spec *s, uintmax_t v, int negative)
{
    unsigned base = s->conv == 'o' ? 8 : (s->conv == 'x' || s->conv == 'X' || s->conv == 'p') ? 16 : 10;
    const char *set = s->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    const char *prefix = "";
    char buf[24];
    int n = sizeof(buf);

    if (negative)
        prefix = "-";
    else if ((s->conv == 'd' || s->conv == 'i') && s->plus)
        prefix = "+";
    else if ((s->conv == 'd' || s->conv == 'i') && s->space)
        prefix = " ";
    else if (s->conv == 'p' || (s->alt && base == 16 && v != 0))
        prefix = s->conv == 'X' ? "0X" : "0x";
    if (v != 0 || s->precision != 0) {
        do {
            buf[--n] = set[v % base];
            v /= base;
        } while (v != 0);
    }
    int len = (int)sizeof(buf) - n;
    int zeros = s->precision > len ? s->precision - len : 0;
    if (s->alt && base == 8 && zeros == 0 && (len == 0 || buf[n] != '0'))
        zeros = 1;
    put_field(o, s, prefix, zeros, &buf[n], len);
}

static void put_float(struct out *o, const struct spec *s, double v)
{
    int precision = s->precision < 0 ? 6 : s->precision > 18 ? 18 : s->precision;
    const char *prefix = v < 0 ? "-" : s->plus ? "+" : s->space ? " " : "";
    char buf[48];
    int n = 0;

    if (v != v) {
        put_field(o, s, "", 0, "nan", 3);
        return;
    }
    if (v < 0)
        v = -v;
    if (v >= 18446744073709551616.0) {
        put_field(o, s, prefix, 0, "inf", 3);
        return;
    }
    uint64_t scale = 1;
    for (int i = 0; i < precision; i++)
        scale *= 10;
    uint64_t whole = (uint64_t)v;
    uint64_t frac = (uint64_t)((v - (double)whole) * (double)scale + 0.5);
    if (frac >= scale) {
        whole++;
        frac -= scale;
    }
    char digits[24];
    int d = 0;
    do {
        digits[d++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole != 0);
    while (d > 0)
        buf[n++] = digits[--d];
    if (precision > 0 || s->alt)
        buf[n++] = '.';
    for (int i = precision - 1; i >= 0; i--) {
        buf[n + i] = (char)('0' + frac % 10);
        frac /= 10;
    }
    n += precision;
    struct spec plain = *s;
    plain.precision = -1;
    put_field(o, &plain, prefix, 0, buf, n);
}

/* Parses flags, width, precision and length at *fmt; leaves it on the conversion. */
static void parse_spec(const char **fmt, va_list *ap, struct spec *s)
{
    const char *p = *fmt;

    *s = (struct spec){ .precision = -1 };
    for (;; p++) {
        if (*p == '-') s->left = 1;
        else if (*p == '+') s->plus = 1;
        else if (*p == ' ') s->space = 1;
        else if (*p == '#') s->alt = 1;
        else if (*p == '0') s->zero = 1;
        else break;
    }
    if (*p == '*') {
        s->width = va_arg(*ap, int);
        if (s->width < 0) {
            s->left = 1;
            s->width = -s->width;
        }
        p++;
    }
    while (*p >= '0' && *p <= '9')
        s->width = s->width * 10 + (*p++ - '0');
    if (*p == '.') {
        p++;
        s->precision = 0;
        if (*p == '*') {
            s->precision = va_arg(*ap, int);
            p++;
        }
        while (*p >= '0' && *p <= '9')
            s->precision = s->precision * 10 + (*p++ - '0');
    }
    if (*p == 'h' || *p == 'l') {
        s->length = *p++;
        if (*p == s->length) {
            s->length = s->length == 'h' ? 'H' : 'L';
            p++;
        }
    } else if (*p == 'j' || *p == 'z' || *p == 't' || *p == 'L') {
        s->length = *p++;
    }
    s->conv = *p;
    *fmt = p;
}

static intmax_t signed_arg(const struct spec *s, va_list *ap)
{
    switch (s->length) {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    case 'j': return va_arg(*ap, intmax_t);
    case 'z': return va_arg(*ap, ptrdiff_t);     /* ssize_t has the size of ptrdiff_t here */
    case 't': return va_arg(*ap, ptrdiff_t);
    default:  return va_arg(*ap, int);
    }
}

static uintmax_t unsigned_arg(const struct spec *s, va_list *ap)
{
    switch (s->length) {
    case 'H': return (unsigned char)va_arg(*ap, unsigned);
    case 'h': return (unsigned short)va_arg(*ap, unsigned);
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    case 'j': return va_arg(*ap, uintmax_t);
    case 'z': return va_arg(*ap, size_t);
    case 't': return (uintmax_t)va_arg(*ap, ptrdiff_t);
    default:  return va_arg(*ap, unsigned);
    }
}

static void convert(struct out *o, struct spec *s, va_list *ap)
{
    switch (s->conv) {
    case 'd':
    case 'i': {
        intmax_t v = signed_arg(s, ap);
        put_integer(o, s, v < 0 ? -(uintmax_t)v : (uintmax_t)v, v < 0);
        break;
    }
    case 'u': case 'o': case 'x': case 'X':
        put_integer(o, s, unsigned_arg(s, ap), 0);
        break;
    case 'p':
        put_integer(o, s, (uintptr_t)va_arg(*ap, void *), 0);
        break;
    case 'c': {
        char c = (char)va_arg(*ap, int);
        s->precision = -1;
        s->zero = 0;
        put_field(o, s, "", 0, &c, 1);
        break;
    }
    case 's': {
        const char *str = va_arg(*ap, const char *);
        if (str == NULL)
            str = "(null)";
        size_t len = s->precision >= 0 ? strnlen(str, (size_t)s->precision) : strlen(str);
        s->precision = -1;
        s->zero = 0;
        put_field(o, s, "", 0, str, (int)len);
        break;
    }
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
        put_float(o, s, s->length == 'L' ? (double)va_arg(*ap, long double) : va_arg(*ap, double));
        break;
    case '%':
        put(o, '%');
        break;
    default:                            /* unknown (or %n): print it as written */
        put(o, '%');
        if (s->conv != '\0')
            put(o, s->conv);
        break;
    }
}

int vfprintf(FILE *stream, const char *fmt, va_list ap)
{
    struct out o = { stream, 0 };
    va_list args;

    if (stream == NULL || stream->put == NULL)
        return -1;
    va_copy(args, ap);
    for (; *fmt != '\0'; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        struct spec s;
        parse_spec(&fmt, &args, &s);
        convert(&o, &s, &args);
        if (*fmt == '\0')
            break;
    }
    va_end(args);
    return o.count;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

int fprintf(FILE *stream, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stream, fmt, ap);
    va_end(ap);
    return n;
}

/* A stream into a buffer: keeps the first size - 1 characters, counts all. */
struct string_stream {
    FILE file;
    char *buf;
    size_t size;
    size_t used;
};

static int string_put(char c, FILE *f)
{
    struct string_stream *s = (struct string_stream *)f;

    if (s->used + 1 < s->size)
        s->buf[s->used] = c;
    s->used++;
    return (unsigned char)c;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct string_stream s = {
        .file = FDEV_SETUP_STREAM(string_put, NULL, NULL, _FDEV_SETUP_WRITE),
        .buf = buf, .size = size, .used = 0,
    };
    int n = vfprintf(&s.file, fmt, ap);

    if (size != 0)
        buf[s.used < size ? s.used : size - 1] = '\0';
    return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, SIZE_MAX, fmt, ap);
    va_end(ap);
    return n;
}
