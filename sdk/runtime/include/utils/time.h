/* SPDX-License-Identifier: BSD-2-Clause */
/* Time unit conversions under seL4 libutils' names (<utils/time.h>), as
 * unsigned long long constants: NS_IN_S, NS_IN_MS, US_IN_S, MS_IN_S, ... */
#ifndef UTILS_TIME_H
#define UTILS_TIME_H

#define SEC_IN_MINUTE   60ull
#define MS_IN_S         1000ull
#define US_IN_MS        1000ull
#define US_IN_S         (US_IN_MS * MS_IN_S)
#define NS_IN_US        1000ull
#define NS_IN_MS        (NS_IN_US * US_IN_MS)
#define NS_IN_S         (NS_IN_MS * MS_IN_S)
#define NS_IN_MINUTE    (NS_IN_S * SEC_IN_MINUTE)
#define PS_IN_NS        1000ull
#define PS_IN_US        (PS_IN_NS * NS_IN_US)
#define PS_IN_MS        (PS_IN_US * US_IN_MS)
#define PS_IN_S         (PS_IN_MS * MS_IN_S)
#define FS_IN_PS        1000ull
#define FS_IN_NS        (FS_IN_PS * PS_IN_NS)
#define FS_IN_US        (FS_IN_NS * NS_IN_US)
#define FS_IN_MS        (FS_IN_US * US_IN_MS)
#define FS_IN_S         (FS_IN_MS * MS_IN_S)

#endif
