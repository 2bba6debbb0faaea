/* tthc workday DATE: is DATE a working day, and if not, why (which holiday, swap, rest day). */
#include "cli_calendar.h"

#define CMD "workday"

static const char USAGE[] =
    "usage: tthc workday DATE [--json] [--calendar FILE.ics] [--schedule FILE.json]\n"
    "                         [--culture-day]\n"
    "Whether DATE (YYYY-MM-DD, 1800-2199) is a working day for civil servants with a\n"
    "Saturday + Sunday week, and if not why: a holiday, a compensatory day, a swapped day off,\n"
    "a local day off or the weekly rest. A make-up Saturday is a working day. Exit status 0\n"
    "either way. (To count or add working days, see tthc workdays.)\n" CLI_CAL_HELP;

int cmd_workday(int argc, char **argv) {
  bool json = false, help = false;
  cli_cal_opts co = {0};
  const char *pos[1];
  cli_opt opts[] = {{"--json", false, NULL, &json}, CLI_CAL_OPTIONS(co), {0}};
  int n = cli_parse(argc, argv, opts, pos, 1, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts(USAGE);
    return CLI_OK;
  }
  if (n == 0) return cli_usage_error(CMD, "expected a date (see tthc workday --help)");
  tthc_date d;
  if (!cli_parse_date(CMD, pos[0], &d)) return CLI_BAD_INPUT;
  int year;
  tthc_date_to_ymd(d, &year, NULL, NULL);
  if (year < TTHC_CAL_MIN_YEAR || year > TTHC_CAL_MAX_YEAR)
    return cli_input_error(CMD, "%s is outside the supported years %d-%d", pos[0],
                           TTHC_CAL_MIN_YEAR, TTHC_CAL_MAX_YEAR);
  tthc_cal *cal;
  int rc = cli_cal_build(CMD, year, year, &co, &cal);
  if (rc != CLI_OK) return rc;
  int work = 0;
  tthc_day_kind kind;
  const tthc_cal_entry *e;
  tthc_year_status st;
  tthc_cal_is_workday(cal, d, &work);
  tthc_cal_day(cal, d, &kind, &e);
  tthc_cal_year_status(cal, year, &st);
  char ds[TTHC_DATE_STRLEN];
  cli_fmt_date(d, ds);
  int wd = tthc_date_weekday(d);
  if (json) {
    json_t *o = json_pack("{s:s,s:b,s:s,s:s}", "date", ds, "workday", work, "kind",
                          tthc_day_kind_name(kind), "year_status", tthc_year_status_name(st));
    json_object_set_new(o, "name_vi", e ? json_string(tthc_cal_entry_name_vi(e)) : json_null());
    json_object_set_new(o, "name_en", e ? json_string(tthc_cal_entry_name_en(e)) : json_null());
    json_object_set_new(o, "source", e ? json_string(tthc_cal_entry_source(e)) : json_null());
    rc = cli_print_json(o);
  } else {
    printf("%s %s (%s): %s", ds, cli_weekday_vi[wd], cli_weekday_en[wd],
           work ? "working day" : "not a working day");
    if (e)
      printf(" — %s: %s / %s", tthc_day_kind_name(kind), tthc_cal_entry_name_vi(e),
             tthc_cal_entry_name_en(e));
    else if (!work)
      printf(" — weekly rest");
    printf(" [%d: %s]\n", year, tthc_year_status_name(st));
    if (e && tthc_cal_entry_source(e)[0]) printf("source: %s\n", tthc_cal_entry_source(e));
  }
  tthc_cal_free(cal);
  return rc;
}
