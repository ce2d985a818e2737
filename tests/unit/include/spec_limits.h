/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Array sizes for the host unit tests, in place of the generator's
 * spec_limits.h. The fake spec (fake_spec.c) uses fewer of each.
 */
#ifndef SPEC_LIMITS_H
#define SPEC_LIMITS_H

#define SPEC_MAX_THREADS 8
#define SPEC_MAX_VSPACES 8
#define SPEC_MAX_ENDPOINTS 8
#define SPEC_MAX_NOTIFICATIONS 8
#define SPEC_MAX_IRQS 8
#define SPEC_BUDGETS 1           /* budgets compiled in (kernel/budget.h) */

#endif
