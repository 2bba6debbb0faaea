/* One legacy decoder under fuzzing: no crash; its output is NFC; encode(decode(x)) decodes back
 * to the same text whenever the encoder accepts it (and when it does not, encode_check says
 * why). Included by fuzz_tcvn3.c, fuzz_vni.c, fuzz_viscii.c and fuzz_viqr.c. */
#ifndef TTHC_FUZZ_CODEC_H
#define TTHC_FUZZ_CODEC_H
#include "fuzz_common.h"

static void codec_roundtrip(tthc_encoding e, const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  char *d = NULL, *x = NULL, *back = NULL, *n = NULL;
  size_t dl, xl, bl, nl;
  tthc_error err;
  tthc_status st = tthc_text_decode_alloc(s, size, e, 0, &d, &dl, &err);
  FUZZ_CHECK(st == TTHC_OK || (st == TTHC_EFORMAT && err.offset >= 0 && (size_t)err.offset < size));
  tthc_free(d);
  FUZZ_CHECK(tthc_text_decode_alloc(s, size, e, TTHC_TEXT_REPLACE_INVALID, &d, &dl, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_text_normalize_alloc(d, dl, TTHC_TEXT_TONE_KEEP, &n, &nl, NULL) == TTHC_OK);
  FUZZ_CHECK(nl == dl && memcmp(n, d, dl) == 0);
  if (tthc_text_encode_alloc(d, dl, e, 0, &x, &xl, NULL) == TTHC_OK) {
    FUZZ_CHECK(tthc_text_decode_alloc(x, xl, e, 0, &back, &bl, NULL) == TTHC_OK);
    /* VIQR cannot tell a hỏi/nặng mark ending a non-syllable from '?' or '.': exempt those */
    bool viqr_ambiguous = e == TTHC_ENC_VIQR && (memchr(x, '?', xl) || memchr(x, '.', xl));
    if (!viqr_ambiguous) FUZZ_CHECK(bl == dl && memcmp(back, d, dl) == 0);
  } else {
    size_t count = 0;
    FUZZ_CHECK(tthc_text_encode_check(d, dl, e, NULL, NULL, 0, &count, NULL) == TTHC_OK);
    FUZZ_CHECK(count > 0);
  }
  tthc_free(d), tthc_free(n), tthc_free(x), tthc_free(back);
}

#endif
