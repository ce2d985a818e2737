/* SPDX-License-Identifier: BSD-2-Clause */
/* CAmkES components include the build's generated <autoconf.h> first. Tessera
 * configures nothing through it: the board and architecture come as
 * TESSERA_BOARD_* and TESSERA_ARCH_* (docs/adl.md, The preprocessor). */
#ifndef AUTOCONF_H
#define AUTOCONF_H
#endif
