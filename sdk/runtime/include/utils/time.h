/* SPDX-License-Identifier: BSD-2-Clause */
/* Time units under CAmkES's names (its utils/time.h), for time server clients. */
#ifndef UTILS_TIME_H
#define UTILS_TIME_H

#define NS_IN_US 1000ULL
#define NS_IN_MS 1000000ULL
#define NS_IN_S 1000000000ULL
#define US_IN_MS 1000ULL
#define US_IN_S 1000000ULL
#define MS_IN_S 1000ULL

#endif
