/* A program outside the tree, built against the installed libtthc. */
#include <stdio.h>
#include <string.h>
#include <tthc.h>

int main(void) {
  tthc_date d;
  char buf[TTHC_DATE_STRLEN];
  if (strcmp(tthc_version(), TTHC_VERSION_STRING) != 0) return 1;
  if (tthc_date_parse("2025-01-29", 10, &d, NULL) != TTHC_OK) return 1;
  if (tthc_date_weekday(d) != TTHC_WEDNESDAY) return 1;
  if (tthc_date_format(d, buf, sizeof buf, NULL) != TTHC_OK) return 1;
  printf("libtthc %s: %s is weekday %d\n", tthc_version(), buf, tthc_date_weekday(d));
  return 0;
}
