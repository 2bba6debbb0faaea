/* Normalisation, folding and collation keys: no crash, idempotence, monotone offset maps. */
#include "fuzz_common.h"

static void idempotent(const char *s, size_t n, unsigned flags) {
  char *a = NULL, *b = NULL;
  size_t al, bl;
  if (tthc_text_normalize_alloc(s, n, flags, &a, &al, NULL) != TTHC_OK) return;
  FUZZ_CHECK(tthc_text_normalize_alloc(a, al, flags, &b, &bl, NULL) == TTHC_OK);
  FUZZ_CHECK(al == bl && memcmp(a, b, al) == 0);
  /* the buffer version agrees and its map never goes backwards */
  size_t *map = malloc((al + 1) * sizeof *map), need;
  char *buf = malloc(al + 1);
  FUZZ_CHECK(tthc_text_normalize(s, n, flags, buf, al + 1, &need, map, NULL) == TTHC_OK);
  FUZZ_CHECK(need == al && memcmp(buf, a, al) == 0 && map[al] == n);
  for (size_t i = 1; i <= al; i++) FUZZ_CHECK(map[i] >= map[i - 1] && map[i] <= n);
  free(map), free(buf), tthc_free(a), tthc_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  idempotent(s, size, 0);
  idempotent(s, size, TTHC_TEXT_TONE_MODERN | TTHC_TEXT_REPLACE_INVALID);
  idempotent(s, size, TTHC_TEXT_NFD | TTHC_TEXT_REPLACE_INVALID);
  idempotent(s, size, TTHC_TEXT_TONE_KEEP | TTHC_TEXT_REPLACE_INVALID);
  char *f = NULL, *g = NULL;
  size_t fl, gl;
  if (tthc_text_fold_alloc(s, size, TTHC_TEXT_REPLACE_INVALID, &f, &fl, NULL) == TTHC_OK) {
    FUZZ_CHECK(tthc_text_fold_alloc(f, fl, 0, &g, &gl, NULL) == TTHC_OK);
    FUZZ_CHECK(fl == gl && memcmp(f, g, fl) == 0);
  }
  tthc_free(f), tthc_free(g);
  unsigned char *k = NULL;
  size_t kl;
  if (tthc_text_collation_key_alloc(s, size, TTHC_TEXT_REPLACE_INVALID, &k, &kl, NULL) == TTHC_OK) {
    int r = 1;
    FUZZ_CHECK(tthc_text_compare(s, size, s, size, TTHC_TEXT_REPLACE_INVALID, &r, NULL) == TTHC_OK);
    FUZZ_CHECK(r == 0);
  }
  tthc_free(k);
  return 0;
}
