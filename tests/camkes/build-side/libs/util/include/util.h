#define UTIL_GREETING "hello from an interface library"
