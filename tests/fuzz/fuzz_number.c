/* Vietnamese numbers: parse, then format and parse again gives the same value; amounts in words. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tthc_decimal v, w;
  int pct, pct2;
  tthc_error err;
  if (tthc_text_number_parse((const char *)data, size, &v, &pct, &err) != TTHC_OK) {
    FUZZ_CHECK(err.message[0] != '\0');
    return 0;
  }
  char buf[64], words[512];
  size_t n;
  FUZZ_CHECK(tthc_text_number_format(v, pct ? TTHC_NUMBER_PERCENT : 0, buf, sizeof buf, &n) == TTHC_OK);
  FUZZ_CHECK(tthc_text_number_parse(buf, n, &w, &pct2, NULL) == TTHC_OK);
  FUZZ_CHECK(v.units == w.units && v.scale == w.scale && pct == pct2);
  FUZZ_CHECK(tthc_text_amount_words(v.units, TTHC_WORDS_CAPITALIZE | TTHC_WORDS_DONG, words, sizeof words, &n) == TTHC_OK);
  return 0;
}
