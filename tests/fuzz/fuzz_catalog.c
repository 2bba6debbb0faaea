/* Procedure catalogs in JSON (tthc_catalog_load_json): a failure fills the error consistently;
 * a catalog loaded is saved, reloaded and saved again to the same bytes (save(load(x)) reloads
 * identically, compact and indented), and its records are found by code and searched. */
#include "fuzz_common.h"

static char *save(const tthc_catalog *c, unsigned flags, size_t *len) {
  char *s = NULL;
  FUZZ_CHECK(tthc_catalog_to_json_alloc(c, flags, &s, len) == TTHC_OK);
  FUZZ_CHECK(strlen(s) == *len);
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tthc_catalog *c = NULL, *c2 = NULL;
  tthc_error err;
  tthc_status st = tthc_catalog_load_json((const char *)data, size, &c, &err);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(c == NULL);
    return 0;
  }
  size_t n1, n2, n3;
  char *s1 = save(c, TTHC_JSON_COMPACT, &n1);
  char *s3 = save(c, TTHC_JSON_INDENT, &n3);
  if (tthc_catalog_load_json(s1, n1, &c2, &err) != TTHC_OK) {
    fprintf(stderr, "reload failed: %s\n%s\n", err.message, s1);
    FUZZ_CHECK(0);
  }
  char *s2 = save(c2, TTHC_JSON_COMPACT, &n2);
  FUZZ_CHECK(n1 == n2 && memcmp(s1, s2, n1) == 0);
  tthc_catalog_free(c2);
  tthc_free(s2);
  c2 = NULL;
  FUZZ_CHECK(tthc_catalog_load_json(s3, n3, &c2, &err) == TTHC_OK);
  s2 = save(c2, TTHC_JSON_COMPACT, &n2);
  FUZZ_CHECK(n1 == n2 && memcmp(s1, s2, n1) == 0);
  /* every record is found by its code, and a search by its name finds something */
  size_t count = tthc_catalog_count(c);
  FUZZ_CHECK(count == tthc_catalog_count(c2));
  for (size_t i = 0; i < count; i++) {
    const tthc_proc *p = tthc_catalog_at(c, i), *q = NULL;
    FUZZ_CHECK(p && tthc_catalog_get(c, tthc_proc_code(p), &q) == TTHC_OK && q == p);
    char *one = NULL;
    size_t ol;
    FUZZ_CHECK(tthc_proc_to_json_alloc(p, TTHC_JSON_COMPACT, &one, &ol) == TTHC_OK);
    tthc_free(one);
    if (i < 4) {
      const char *name = tthc_proc_name(p);
      size_t found = 0;
      const tthc_proc *res[4];
      tthc_match m[4];
      st = tthc_catalog_search(c, name, strlen(name), res, m, 4, &found);
      FUZZ_CHECK(st == TTHC_OK && found >= 1);
    }
  }
  tthc_catalog_free(c);
  tthc_catalog_free(c2);
  tthc_free(s1);
  tthc_free(s2);
  tthc_free(s3);
  return 0;
}
