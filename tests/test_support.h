/* Helpers shared by the cmocka tests: dates and instants that must be valid. */
#ifndef TTHC_TEST_SUPPORT_H
#define TTHC_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tthc.h"

/* The day y-m-d; fails the test if there is no such day. */
static inline tthc_date D(int y, int m, int d) {
  tthc_date r = 0;
  assert_int_equal(tthc_date_from_ymd(y, m, d, &r), TTHC_OK);
  return r;
}

/* The Vietnam local instant y-m-d h:mi:s; fails the test if it is not valid. */
static inline tthc_datetime DT(int y, int mo, int d, int h, int mi, int s) {
  tthc_datetime t = 0;
  assert_int_equal(tthc_datetime_make(D(y, mo, d), h, mi, s, &t), TTHC_OK);
  return t;
}

#endif
