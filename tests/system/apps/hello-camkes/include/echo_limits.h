/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef ECHO_LIMITS_H
#define ECHO_LIMITS_H
#define ECHO_PREFIX_MAX 32
#endif
