/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The logging macros seL4 code uses (libutils' <utils/zf_log.h>), printed on
 * the console: ZF_LOGV, ZF_LOGD, ZF_LOGI, ZF_LOGW, ZF_LOGE and ZF_LOGF each
 * take printf arguments and print one line with the level's letter, the
 * function and the line. Lines below ZF_LOG_LEVEL (define it before
 * including; ZF_LOG_ERROR by default, as libutils) are compiled out.
 * ZF_LOGF ends the thread as abort() does. ZF_LOG<x>_IF(cond, ...) logs only
 * if cond holds.
 */
#ifndef UTILS_ZF_LOG_H
#define UTILS_ZF_LOG_H

#include <stdio.h>
#include <stdlib.h>

#define ZF_LOG_VERBOSE  1
#define ZF_LOG_DEBUG    2
#define ZF_LOG_INFO     3
#define ZF_LOG_WARN     4
#define ZF_LOG_ERROR    5
#define ZF_LOG_FATAL    6
#define ZF_LOG_NONE     0xff

#ifndef ZF_LOG_LEVEL
#define ZF_LOG_LEVEL ZF_LOG_ERROR
#endif

#define ZF_LOG_ENABLED(level)   ((level) >= ZF_LOG_LEVEL)
#define ZF_LOG_ENABLED_VERBOSE  ZF_LOG_ENABLED(ZF_LOG_VERBOSE)
#define ZF_LOG_ENABLED_DEBUG    ZF_LOG_ENABLED(ZF_LOG_DEBUG)
#define ZF_LOG_ENABLED_INFO     ZF_LOG_ENABLED(ZF_LOG_INFO)
#define ZF_LOG_ENABLED_WARN     ZF_LOG_ENABLED(ZF_LOG_WARN)
#define ZF_LOG_ENABLED_ERROR    ZF_LOG_ENABLED(ZF_LOG_ERROR)
#define ZF_LOG_ENABLED_FATAL    ZF_LOG_ENABLED(ZF_LOG_FATAL)

#define ZF_LOG_WRITE_(level, letter, ...)                                       \
    do {                                                                        \
        if (ZF_LOG_ENABLED(level)) {                                            \
            printf("%s %s@%d ", letter, __func__, __LINE__);                    \
            printf(__VA_ARGS__);                                                \
            printf("\n");                                                       \
        }                                                                       \
    } while (0)

#define ZF_LOGV(...) ZF_LOG_WRITE_(ZF_LOG_VERBOSE, "V", __VA_ARGS__)
#define ZF_LOGD(...) ZF_LOG_WRITE_(ZF_LOG_DEBUG, "D", __VA_ARGS__)
#define ZF_LOGI(...) ZF_LOG_WRITE_(ZF_LOG_INFO, "I", __VA_ARGS__)
#define ZF_LOGW(...) ZF_LOG_WRITE_(ZF_LOG_WARN, "W", __VA_ARGS__)
#define ZF_LOGE(...) ZF_LOG_WRITE_(ZF_LOG_ERROR, "E", __VA_ARGS__)
#define ZF_LOGF(...)                                                            \
    do {                                                                        \
        ZF_LOG_WRITE_(ZF_LOG_FATAL, "F", __VA_ARGS__);                          \
        abort();                                                                \
    } while (0)

#define ZF_LOGV_IF(cond, ...) do { if (cond) ZF_LOGV(__VA_ARGS__); } while (0)
#define ZF_LOGD_IF(cond, ...) do { if (cond) ZF_LOGD(__VA_ARGS__); } while (0)
#define ZF_LOGI_IF(cond, ...) do { if (cond) ZF_LOGI(__VA_ARGS__); } while (0)
#define ZF_LOGW_IF(cond, ...) do { if (cond) ZF_LOGW(__VA_ARGS__); } while (0)
#define ZF_LOGE_IF(cond, ...) do { if (cond) ZF_LOGE(__VA_ARGS__); } while (0)
#define ZF_LOGF_IF(cond, ...) do { if (cond) ZF_LOGF(__VA_ARGS__); } while (0)

#endif
