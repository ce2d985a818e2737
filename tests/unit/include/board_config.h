/* The board facts the kernel files under test read: a 1 kHz tick. */
#ifndef BOARD_CONFIG_H
#define BOARD_CONFIG_H
#define BOARD_NAME "unit"
#define BOARD_TICK_HZ 1000u
#endif
