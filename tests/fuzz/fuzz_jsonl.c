/* Dossiers in JSON Lines (see fuzz_io.h). */
#include "fuzz_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  io_fuzz(TTHC_IO_JSONL, data, size);
  return 0;
}
