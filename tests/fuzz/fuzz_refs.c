/* Legal references: every reference found lies inside the text, in order, and parses alone. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  tthc_text_ref r, one;
  size_t from = 0, prev_end = 0;
  while (tthc_text_ref_find(s, size, from, &r) == TTHC_OK) {
    FUZZ_CHECK(r.offset >= prev_end && r.length > 0 && r.offset + r.length <= size);
    FUZZ_CHECK(r.symbol_offset >= r.offset && r.symbol_offset + r.symbol_length <= r.offset + r.length);
    FUZZ_CHECK(r.issuer_offset >= r.symbol_offset &&
               r.issuer_offset + r.issuer_length <= r.symbol_offset + r.symbol_length);
    FUZZ_CHECK(tthc_text_ref_parse(s + r.offset, r.length, &one, NULL) == TTHC_OK);
    FUZZ_CHECK(one.number == r.number && one.year == r.year && one.length == r.length);
    prev_end = from = r.offset + r.length;
  }
  (void)tthc_text_ref_parse(s, size, &one, NULL);
  return 0;
}
