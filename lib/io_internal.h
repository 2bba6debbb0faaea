/* Private parts of the io module, for tests. Not installed. */
#ifndef TTHC_IO_INTERNAL_H
#define TTHC_IO_INTERNAL_H

#include <stdbool.h>

#include "tthc/io.h"

/* Read without any fast path (plain CSV splitting, fixed-width instants, the events parser
 * that bypasses jansson): the reference the fast paths are tested against. Results are the
 * same either way. */
void tthc__io_reader_general(tthc_io_reader *r, bool on);

#endif
