/* The viscii decoder and encoder (see fuzz_codec.h). */
#include "fuzz_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  codec_roundtrip(TTHC_ENC_VISCII, data, size);
  return 0;
}
