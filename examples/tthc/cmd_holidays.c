/* tthc holidays YEAR: the non-working days and make-up working days of a year (holidays,
 * compensatory days, swaps, make-up days, local days), and whether the year is official. */
#include <string.h>

#include "cli_calendar.h"

#define CMD "holidays"

static const char USAGE[] =
    "usage: tthc holidays YEAR [--json|--ics] [--calendar FILE.ics] [--schedule FILE.json]\n"
    "                          [--culture-day]\n"
    "The days off and make-up working days of YEAR (1800-2199) for civil servants with a\n"
    "Saturday + Sunday week: holidays, compensatory days (nghỉ bù), swapped days off, make-up\n"
    "working days (làm bù) and local days. Ordinary weekends are not listed.\n"
    "The status says whether the days are the announced schedule ('official') or computed\n"
    "from the Labor Code in force that year ('rules').\n"
    "  --json               "
    "{\"year\":…,\"status\":…,\"days\":[{\"date\",\"kind\",\"name_vi\",\"name_en\"}]}\n"
    "  --ics                an iCalendar (RFC 5545) file of the year\n" CLI_CAL_HELP;

static const char *status_text(tthc_year_status st) {
  switch (st) {
    case TTHC_YEAR_OFFICIAL:
      return "official (announced schedule)";
    case TTHC_YEAR_RULES:
      return "rules (computed from the Labor Code in force; no announced schedule built in or "
             "loaded)";
    default:
      return "custom";
  }
}

static int print_json(const tthc_cal *cal, int year, tthc_year_status st, tthc_date a,
                      tthc_date z) {
  json_t *days = json_array();
  tthc_cal_iter *it;
  if (!days || tthc_cal_iter_new(cal, a, z, &it) != TTHC_OK) {
    json_decref(days);
    return cli_input_error(CMD, "out of memory");
  }
  for (const tthc_cal_entry *e; (e = tthc_cal_iter_next(it)) != NULL;) {
    char d[TTHC_DATE_STRLEN];
    cli_fmt_date(tthc_cal_entry_date(e), d);
    json_array_append_new(
        days, json_pack("{s:s,s:s,s:s,s:s}", "date", d, "kind",
                        tthc_day_kind_name(tthc_cal_entry_kind(e)), "name_vi",
                        tthc_cal_entry_name_vi(e), "name_en", tthc_cal_entry_name_en(e)));
  }
  tthc_cal_iter_free(it);
  return cli_print_json(
      json_pack("{s:i,s:s,s:o}", "year", year, "status", tthc_year_status_name(st), "days", days));
}

static int print_plain(const tthc_cal *cal, int year, tthc_year_status st, tthc_date a,
                       tthc_date z) {
  tthc_cal_iter *it;
  if (tthc_cal_iter_new(cal, a, z, &it) != TTHC_OK) return cli_input_error(CMD, "out of memory");
  printf("%d: %s\n", year, status_text(st));
  for (const tthc_cal_entry *e; (e = tthc_cal_iter_next(it)) != NULL;) {
    char d[TTHC_DATE_STRLEN];
    tthc_date date = tthc_cal_entry_date(e);
    int wd = tthc_date_weekday(date);
    cli_fmt_date(date, d);
    /* pad the weekday by characters, not bytes ("Chủ nhật" is the longest, 8) */
    printf("%s %s%*s %-14s %s / %s\n", d, cli_weekday_vi[wd], 8 - cli_columns(cli_weekday_vi[wd]),
           "", tthc_day_kind_name(tthc_cal_entry_kind(e)), tthc_cal_entry_name_vi(e),
           tthc_cal_entry_name_en(e));
  }
  tthc_cal_iter_free(it);
  return CLI_OK;
}

int cmd_holidays(int argc, char **argv) {
  bool json = false, ics = false, help = false;
  cli_cal_opts co = {0};
  const char *pos[1];
  cli_opt opts[] = {
      {"--json", false, NULL, &json}, {"--ics", false, NULL, &ics}, CLI_CAL_OPTIONS(co), {0}};
  int n = cli_parse(argc, argv, opts, pos, 1, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts(USAGE);
    return CLI_OK;
  }
  if (n == 0) return cli_usage_error(CMD, "expected a year (see tthc holidays --help)");
  if (json && ics) return cli_usage_error(CMD, "--json and --ics cannot be used together");
  int year;
  if (!cli_parse_year(CMD, pos[0], &year)) return CLI_BAD_INPUT;
  tthc_cal *cal;
  int rc = cli_cal_build(CMD, year, year, &co, &cal);
  if (rc != CLI_OK) return rc;
  tthc_year_status st;
  tthc_cal_year_status(cal, year, &st);
  tthc_date a = tthc_cal_first_date(cal), z = tthc_cal_last_date(cal);
  if (json)
    rc = print_json(cal, year, st, a, z);
  else if (ics) {
    char *text;
    tthc_status s = tthc_ical_export_alloc(cal, a, z, &text, NULL);
    if (s != TTHC_OK)
      rc = cli_status_error(CMD, s, NULL);
    else {
      fputs(text, stdout);
      tthc_free(text);
    }
  } else {
    rc = print_plain(cal, year, st, a, z);
  }
  tthc_cal_free(cal);
  return rc;
}
