#include "cli.h"

static const char *const weekday_vi[8] = {"",        "Thứ Hai", "Thứ Ba",  "Thứ Tư",
                                          "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
static const char *const weekday_en[8] = {"",         "Monday", "Tuesday",  "Wednesday",
                                          "Thursday", "Friday", "Saturday", "Sunday"};

static int describe(tthc_date d, bool json) {
  char s[TTHC_DATE_STRLEN];
  int wd = tthc_date_weekday(d), iy, wk, doy;
  cli_fmt_date(d, s);
  tthc_date_iso_week(d, &iy, &wk);
  tthc_date_day_of_year(d, &doy);
  if (json)
    return cli_print_json(json_pack("{s:s,s:i,s:s,s:s,s:{s:i,s:i},s:i}", "date", s, "weekday",
                                    wd, "weekday_vi", weekday_vi[wd], "weekday_en",
                                    weekday_en[wd], "iso_week", "year", iy, "week", wk,
                                    "day_of_year", doy));
  printf("%s %s (%s), ISO week %d-W%02d, day %d of the year\n", s, weekday_vi[wd],
         weekday_en[wd], iy, wk, doy);
  return CLI_OK;
}

int cmd_date(int argc, char **argv) {
  bool json = false, help = false;
  const char *pos[2];
  cli_opt opts[] = {{"--json", false, NULL, &json}, {0}};
  int n = cli_parse(argc, argv, opts, pos, 2, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts("usage: tthc date DATE [--json]\n"
         "       tthc date FROM TO [--json]\n"
         "With one date (YYYY-MM-DD): its weekday, ISO week and day of the year.\n"
         "With two: the number of calendar days from FROM to TO (TO - FROM).");
    return CLI_OK;
  }
  if (n == 0) return cli_usage_error("date", "expected a date (see tthc date --help)");
  tthc_date a, b;
  if (!cli_parse_date("date", pos[0], &a)) return CLI_BAD_INPUT;
  if (n == 1) return describe(a, json);
  if (!cli_parse_date("date", pos[1], &b)) return CLI_BAD_INPUT;
  long long days = (long long)tthc_date_diff_days(a, b);
  if (json) {
    char sa[TTHC_DATE_STRLEN], sb[TTHC_DATE_STRLEN];
    cli_fmt_date(a, sa);
    cli_fmt_date(b, sb);
    return cli_print_json(json_pack("{s:s,s:s,s:I}", "from", sa, "to", sb, "days",
                                    (json_int_t)days));
  }
  printf("%lld\n", days);
  return CLI_OK;
}
