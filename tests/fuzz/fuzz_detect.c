/* The encoding detector: no crash, a confidence in [0, 1], and a decisive answer is an encoding
 * that decodes the input. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  tthc_encoding det, second;
  double conf;
  FUZZ_CHECK(tthc_text_detect(s, size, &det, &conf, &second) == TTHC_OK);
  FUZZ_CHECK(conf >= 0 && conf <= 1);
  FUZZ_CHECK((unsigned)det <= TTHC_ENC_UNKNOWN && (unsigned)second <= TTHC_ENC_UNKNOWN);
  if (det != TTHC_ENC_UNKNOWN) {
    char *d = NULL;
    size_t dl;
    FUZZ_CHECK(tthc_text_decode_alloc(s, size, det, TTHC_TEXT_REPLACE_INVALID, &d, &dl, NULL) == TTHC_OK);
    tthc_free(d);
  }
  return 0;
}
