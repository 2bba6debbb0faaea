/* Dates in Vietnamese: parse, then format (with the place) and parse again gives the same. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tthc_date d, d2;
  size_t pl, pl2, n;
  if (tthc_text_date_parse((const char *)data, size, &d, &pl, NULL) != TTHC_OK) return 0;
  FUZZ_CHECK(pl <= size);
  char buf[512];
  if (tthc_text_date_format(d, (const char *)data, pl, 0, buf, sizeof buf, &n) != TTHC_OK) return 0;
  FUZZ_CHECK(tthc_text_date_parse(buf, n, &d2, &pl2, NULL) == TTHC_OK);
  FUZZ_CHECK(d == d2);
  return 0;
}
