/* Dossier codes of both layouts (tthc_dossier_code_parse): a code parsed is written back by
 * tthc_dossier_code_format() to exactly the input (the layouts have one spelling), and parses
 * again to the same fields; a failure zeroes the code and fills the error consistently. */
#include "fuzz_common.h"

static int same(const tthc_dossier_code *a, const tthc_dossier_code *b) {
  return a->layout == b->layout && strcmp(a->agency, b->agency) == 0 && a->date == b->date &&
         a->system == b->system && a->sequence == b->sequence &&
         a->sequence_digits == b->sequence_digits;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  tthc_dossier_code c, back;
  tthc_error err;
  memset(&c, 0x5a, sizeof c);
  tthc_status st = tthc_dossier_code_parse(s, size, &c, &err);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    tthc_dossier_code zero;
    memset(&zero, 0, sizeof zero);
    FUZZ_CHECK(memcmp(&c, &zero, sizeof c) == 0);
    return 0;
  }
  FUZZ_CHECK(c.layout == TTHC_CODE_2018 || c.layout == TTHC_CODE_2026);
  FUZZ_CHECK(memchr(c.agency, '\0', sizeof c.agency) != NULL);
  FUZZ_CHECK(c.sequence_digits >= 4 && c.sequence_digits <= TTHC_DOSSIER_SEQ_MAX_DIGITS);
  char buf[TTHC_DOSSIER_CODE_STRLEN];
  size_t n;
  FUZZ_CHECK(tthc_dossier_code_format(&c, buf, sizeof buf, &n) == TTHC_OK);
  FUZZ_CHECK(n == size && memcmp(buf, s, n) == 0);
  FUZZ_CHECK(tthc_dossier_code_parse(buf, n, &back, NULL) == TTHC_OK && same(&c, &back));
  /* too small a buffer: TTHC_ENOSPC with the length needed, nothing written */
  char small[8] = "xxxxxxx";
  size_t need = 0;
  FUZZ_CHECK(tthc_dossier_code_format(&c, small, sizeof small, &need) == TTHC_ENOSPC && need == n);
  return 0;
}
