/* Legacy decoders and the detector: no crash; decode(encode(x)) == x for representable text. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  tthc_encoding det;
  double conf;
  FUZZ_CHECK(tthc_text_detect(s, size, &det, &conf, NULL) == TTHC_OK);
  FUZZ_CHECK(conf >= 0 && conf <= 1);
  for (int e = TTHC_ENC_TCVN3; e <= TTHC_ENC_VIQR; e++) {
    char *d = NULL, *x = NULL, *back = NULL;
    size_t dl, xl, bl;
    tthc_status st = tthc_text_decode_alloc(s, size, (tthc_encoding)e, TTHC_TEXT_REPLACE_INVALID, &d, &dl, NULL);
    FUZZ_CHECK(st == TTHC_OK);
    /* the decoded text is NFC: normalising it (tones kept) changes nothing */
    char *n = NULL;
    size_t nl;
    FUZZ_CHECK(tthc_text_normalize_alloc(d, dl, TTHC_TEXT_TONE_KEEP, &n, &nl, NULL) == TTHC_OK);
    FUZZ_CHECK(nl == dl && memcmp(n, d, dl) == 0);
    tthc_free(n);
    if (tthc_text_encode_alloc(d, dl, (tthc_encoding)e, 0, &x, &xl, NULL) == TTHC_OK) {
      FUZZ_CHECK(tthc_text_decode_alloc(x, xl, (tthc_encoding)e, 0, &back, &bl, NULL) == TTHC_OK);
      /* VIQR cannot tell a hỏi/nặng mark ending a non-syllable from '?' or '.': exempt those */
      bool viqr_ambiguous = e == TTHC_ENC_VIQR && (memchr(x, '?', xl) || memchr(x, '.', xl));
      if (!viqr_ambiguous) FUZZ_CHECK(bl == dl && memcmp(back, d, dl) == 0);
    } else {
      size_t count = 0;
      FUZZ_CHECK(tthc_text_encode_check(d, dl, (tthc_encoding)e, NULL, NULL, 0, &count, NULL) == TTHC_OK);
      FUZZ_CHECK(count > 0);
    }
    tthc_free(d), tthc_free(x), tthc_free(back);
  }
  return 0;
}
