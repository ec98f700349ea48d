/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef BPFKIT_PIN_H
#define BPFKIT_PIN_H

#include "args.h"

/*
 * OBJECT pin HANDLE FILE, the handle read by parse_fd (an fd, or a
 * negative exit code after its error line); null under -j on success.
 */
int do_pin_any(int argc, char **argv, int (*parse_fd)(struct argcur *c));

#endif
