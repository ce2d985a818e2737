/* SPDX-License-Identifier: BSD-2-Clause */
/* The layout of both pipeline buffers. */
#ifndef PIPELINE_H
#define PIPELINE_H

#define BATCHES 3
#define ITEMS 8

struct batch {
    int number;
    int values[ITEMS];
};

#endif
