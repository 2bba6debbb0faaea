/* The vni decoder and encoder (see fuzz_codec.h). */
#include "fuzz_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  codec_roundtrip(TTHC_ENC_VNI, data, size);
  return 0;
}
