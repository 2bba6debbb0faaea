/* due_date: the due instant of a dossier, and why — a small program over the installed
 * libtthc (build: cc -std=c11 due_date.c $(pkg-config --cflags --libs tthc)).
 *
 *   due_date RECEIVED LIMIT [--vi]
 *   due_date 2025-01-24T16:10 "05 ngày làm việc"
 *
 * RECEIVED is a Vietnam local date-time, LIMIT a statutory limit as catalogs write it. Prints
 * the due instant, then every step of the computation (in Vietnamese with --vi). Exit status
 * 0, 1 when an argument is rejected (the library's message on stderr), 2 on a usage error. */
#include <stdio.h>
#include <string.h>
#include <tthc.h>

int main(int argc, char **argv) {
  int vi = argc == 4 && strcmp(argv[3], "--vi") == 0;
  if (argc != 3 && !vi) {
    fprintf(stderr, "usage: due_date RECEIVED LIMIT [--vi]\n");
    return 2;
  }
  tthc_datetime received;
  tthc_limit limit;
  tthc_error err;
  tthc_error_clear(&err);
  if (tthc_datetime_parse(argv[1], strlen(argv[1]), &received, &err) != TTHC_OK ||
      tthc_limit_parse(argv[2], strlen(argv[2]), &limit, &err) != TTHC_OK) {
    fprintf(stderr, "due_date: %s\n", err.message);
    return 1;
  }
  /* The national calendar from the year before the receipt to two years after: room for any
   * limit of up to a year. */
  int year;
  tthc_date_to_ymd(tthc_datetime_date(received), &year, NULL, NULL);
  tthc_cal *cal = NULL;
  tthc_deadline_result *r = NULL;
  tthc_status st = tthc_cal_new_vietnam(year - 1, year + 2, &cal);
  if (st == TTHC_OK) st = tthc_deadline_explain(cal, NULL, NULL, received, limit, &r);
  if (st != TTHC_OK) {
    fprintf(stderr, "due_date: %s\n", tthc_strerror(st));
    tthc_cal_free(cal);
    return 1;
  }
  char due[TTHC_DATETIME_STRLEN], text[512];
  tthc_datetime_format(tthc_deadline_result_due(r), 0, due, sizeof due, NULL);
  printf("due %s\n", due);
  for (size_t i = 0; i < tthc_deadline_result_step_count(r); i++) {
    tthc_deadline_step step;
    if (tthc_deadline_result_step(r, i, &step) == TTHC_OK &&
        tthc_deadline_step_describe(&step, vi, text, sizeof text, NULL) == TTHC_OK)
      printf("  %s\n", text);
  }
  tthc_deadline_result_free(r);
  tthc_cal_free(cal);
  return 0;
}
