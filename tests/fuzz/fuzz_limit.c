/* Statutory time-limit phrases (tthc_limit_parse): a limit parsed is valid, its Vietnamese text
 * (short and full) parses back to the same limit, its English text is written; a failure fills
 * the error consistently and zeroes the limit. tthc_proc_set_limit_text agrees with the parser. */
#include "fuzz_common.h"

static int same(tthc_limit a, tthc_limit b) {
  return a.value == b.value && a.milli == b.milli && a.unit == b.unit && a.cutoff == b.cutoff;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  tthc_limit l, back;
  tthc_error err;
  tthc_status st = tthc_limit_parse(s, size, &l, &err);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(l.value == 0 && l.milli == 0 && l.cutoff == -1);
  } else {
    FUZZ_CHECK(l.value >= 0 && l.value <= 100000 && l.milli >= 0 && l.milli <= 999);
    FUZZ_CHECK(l.cutoff >= -1 && l.cutoff < 86400);
    FUZZ_CHECK(tthc_limit_unit_name(l.unit) != NULL);
    char buf[512];
    size_t n;
    FUZZ_CHECK(tthc_limit_format(l, TTHC_LIMIT_FORMAT_VI, buf, sizeof buf, &n) == TTHC_OK);
    FUZZ_CHECK(tthc_limit_parse(buf, n, &back, NULL) == TTHC_OK && same(l, back));
    FUZZ_CHECK((back.flags & TTHC_LIMIT_CUTOFF_NEXT_DAY) == (l.flags & TTHC_LIMIT_CUTOFF_NEXT_DAY));
    FUZZ_CHECK(tthc_limit_format(l, TTHC_LIMIT_FORMAT_FULL, buf, sizeof buf, &n) == TTHC_OK);
    FUZZ_CHECK(tthc_limit_parse(buf, n, &back, NULL) == TTHC_OK && same(l, back));
    /* the full text keeps every flag it can write: not FROM_OTHER (the other event is not
     * kept), and the qualifiers only with an amount ("Không quá 05 ngày …") */
    uint32_t kept = TTHC_LIMIT_CUTOFF_NEXT_DAY;
    if (l.unit <= TTHC_LIMIT_MONTHS) kept |= TTHC_LIMIT_AT_MOST | TTHC_LIMIT_FROM_COMPLETE;
    FUZZ_CHECK((back.flags & kept) == (l.flags & kept));
    FUZZ_CHECK(tthc_limit_format(l, TTHC_LIMIT_FORMAT_EN, buf, sizeof buf, &n) == TTHC_OK);
    FUZZ_CHECK(tthc_limit_format(l, TTHC_LIMIT_FORMAT_EN | TTHC_LIMIT_FORMAT_FULL, buf,
                                 sizeof buf, &n) == TTHC_OK);
  }
  /* the procedure record reads the same phrase (a C string: up to the first NUL) */
  char *c = fuzz_cstr(data, size);
  tthc_proc *p = NULL;
  FUZZ_CHECK(tthc_proc_new("1.000001", "Thủ tục thử", &p, NULL) == TTHC_OK);
  tthc_status pst = tthc_proc_set_limit_text(p, TTHC_CHANNELS_ALL, c, &err);
  tthc_limit again;
  tthc_status cst = tthc_limit_parse(c, strlen(c), &again, NULL);
  if (pst == TTHC_OK) {
    tthc_limit got;
    const char *phrase = NULL;
    FUZZ_CHECK(cst == TTHC_OK);
    FUZZ_CHECK(tthc_proc_limit(p, TTHC_CHANNEL_DIRECT, &got, &phrase) == TTHC_OK);
    FUZZ_CHECK(same(got, again) && phrase && strcmp(phrase, c) == 0);
  } else if (pst != TTHC_ENOMEM && pst != TTHC_EINVAL) {
    FUZZ_CHECK(cst == pst);
  }
  tthc_proc_free(p);
  free(c);
  return 0;
}
