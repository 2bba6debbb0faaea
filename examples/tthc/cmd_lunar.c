/* tthc lunar: the Vietnamese lunar calendar — solar <-> lunar, ranges as CSV, the months of a
 * lunar year with their new moons, the 24 solar terms of a year. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "lunar"

static const char USAGE[] =
    "usage: tthc lunar DATE [--json]                  solar date -> lunar date\n"
    "       tthc lunar --to-solar Y-M-D [--leap] [--json]   lunar date -> solar date\n"
    "       tthc lunar --range FROM TO --csv          one CSV line per day\n"
    "       tthc lunar --months YEAR [--json]         the months of lunar year YEAR\n"
    "       tthc lunar --terms YEAR [--json]          the 24 solar terms of Gregorian YEAR\n"
    "Every form takes --convention vietnam|utc7|utc8 (default vietnam: UTC+8 reckoning up to\n"
    "lunar year 1967, UTC+7 from Tết 1968; utc7 is Hồ Ngọc Đức's reckoning for every year;\n"
    "utc8 the Chinese calendar). Dates are YYYY-MM-DD; a lunar date is written year-month-day\n"
    "(\"2025-06-15\", with --leap for the leap month). Range: 1800-01-01 to 2199-12-31.\n"
    "The CSV header is solar,year,month,day,leap (leap 0/1).";

static const char *const WEEKDAY_VI[8] = {"",        "Thứ Hai", "Thứ Ba",  "Thứ Tư",
                                          "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};

static int parse_convention(const char *s, tthc_lunar_convention *out) {
  if (!s || !strcmp(s, "vietnam")) *out = TTHC_LUNAR_VIETNAM;
  else if (!strcmp(s, "utc7")) *out = TTHC_LUNAR_UTC7;
  else if (!strcmp(s, "utc8")) *out = TTHC_LUNAR_UTC8;
  else return 0;
  return 1;
}

static const char *convention_name(tthc_lunar_convention c) {
  return c == TTHC_LUNAR_UTC7 ? "utc7" : c == TTHC_LUNAR_UTC8 ? "utc8" : "vietnam";
}

/* "2025-01-29T12:35:54Z" of a Unix time, or with an offset "…+07:00" in local time. */
static void fmt_instant(int64_t unix_ut, int offset, char out[48]) {
  int64_t t = unix_ut + offset;
  int64_t days = t / 86400 - (t % 86400 < 0), sec = t - days * 86400;
  char d[TTHC_DATE_STRLEN];
  cli_fmt_date((tthc_date)days, d);
  if (offset == 0)
    snprintf(out, 48, "%sT%02d:%02d:%02dZ", d, (int)(sec / 3600), (int)(sec / 60 % 60),
             (int)(sec % 60));
  else
    snprintf(out, 48, "%sT%02d:%02d:%02d+%02d:00", d, (int)(sec / 3600), (int)(sec / 60 % 60),
             (int)(sec % 60), offset / 3600);
}

/* Parse an integer of 1..max_digits digits at *p; advance. */
static int parse_num(const char **p, int max_digits, int *out) {
  int v = 0, n = 0;
  while (**p >= '0' && **p <= '9' && n < max_digits) v = v * 10 + (*(*p)++ - '0'), n++;
  *out = v;
  return n > 0;
}

/* A lunar date "Y-M-D" (year 4 digits, month and day 1-2 digits). */
static int parse_lunar(const char *s, int leap, tthc_lunar_date *out) {
  const char *p = s;
  int y, m, d;
  if (!parse_num(&p, 4, &y) || *p++ != '-' || !parse_num(&p, 2, &m) || *p++ != '-' ||
      !parse_num(&p, 2, &d) || *p) {
    cli_input_error(CMD, "invalid lunar date \"%s\": expected YEAR-MONTH-DAY, e.g. 2025-01-01",
                    s);
    return 0;
  }
  if (m < 1 || m > 12) {
    cli_input_error(CMD, "invalid lunar date \"%s\": month %d is out of range 1-12", s, m);
    return 0;
  }
  if (d < 1 || d > 30) {
    cli_input_error(CMD, "invalid lunar date \"%s\": day %d is out of range 1-30", s, d);
    return 0;
  }
  *out = (tthc_lunar_date){y, (int8_t)m, (int8_t)d, (int8_t)leap};
  return 1;
}

/* Print s and pad it with spaces to `width` characters (UTF-8 code points, not bytes). */
static void print_padded(const char *s, int width) {
  int n = 0;
  for (const char *p = s; *p; p++) n += ((unsigned char)*p & 0xc0) != 0x80;
  fputs(s, stdout);
  for (; n < width; n++) putchar(' ');
}

static void lunar_numeric(tthc_lunar_date ld, char *out, size_t cap) {
  snprintf(out, cap, "%d/%d/%d âm lịch%s", ld.day, ld.month, (int)ld.year,
           ld.leap ? ", tháng nhuận" : "");
}

static int print_pair(tthc_date d, tthc_lunar_date ld, tthc_lunar_convention conv, bool json,
                      bool lunar_first) {
  tthc_lunar_can_chi_names cc;
  tthc_status st = tthc_lunar_can_chi(d, conv, &cc);
  if (st != TTHC_OK) return cli_status_error(CMD, st, NULL);
  char s[TTHC_DATE_STRLEN];
  cli_fmt_date(d, s);
  if (json)
    return cli_print_json(json_pack("{s:s,s:{s:i,s:i,s:i,s:b},s:{s:s,s:s,s:s}}", "solar", s,
                                    "lunar", "year", (int)ld.year, "month", ld.month, "day",
                                    ld.day, "leap", ld.leap, "can_chi", "year", cc.year,
                                    "month", cc.month, "day", cc.day));
  char words[TTHC_LUNAR_STRLEN], num[64];
  tthc_lunar_format(ld, words, sizeof words, NULL);
  lunar_numeric(ld, num, sizeof num);
  if (lunar_first)
    printf("%s (%s) = %s %s\n", words, num, s, WEEKDAY_VI[tthc_date_weekday(d)]);
  else
    printf("%s %s = %s (%s)\n", s, WEEKDAY_VI[tthc_date_weekday(d)], words, num);
  printf("ngày %s, tháng %s, năm %s\n", cc.day, cc.month, cc.year);
  return CLI_OK;
}

static int lunar_status_error(tthc_status st, tthc_lunar_date ld, tthc_lunar_convention conv) {
  int lm = 0, len = 0;
  if (st == TTHC_EDATE && ld.leap && tthc_lunar_leap_month(ld.year, conv, &lm) == TTHC_OK &&
      lm != ld.month) {
    if (lm)
      return cli_input_error(CMD, "lunar year %d has no leap month %d (its leap month is %d)",
                             (int)ld.year, ld.month, lm);
    return cli_input_error(CMD, "lunar year %d has no leap month", (int)ld.year);
  }
  if (st == TTHC_EDATE &&
      tthc_lunar_month_length(ld.year, ld.month, ld.leap, conv, &len) == TTHC_OK)
    return cli_input_error(CMD, "day %d does not exist: %smonth %d of lunar year %d has %d days",
                           ld.day, ld.leap ? "leap " : "", ld.month, (int)ld.year, len);
  if (st == TTHC_ERANGE)
    return cli_input_error(CMD,
                           "lunar date %d-%d-%d is outside the supported range (solar dates "
                           "1800-01-01 to 2199-12-31)",
                           (int)ld.year, ld.month, ld.day);
  return cli_status_error(CMD, st, NULL);
}

static int from_solar(const char *arg, tthc_lunar_convention conv, bool json) {
  tthc_date d;
  if (!cli_parse_date(CMD, arg, &d)) return CLI_BAD_INPUT;
  tthc_lunar_date ld;
  tthc_status st = tthc_lunar_from_solar(d, conv, &ld);
  if (st == TTHC_ERANGE)
    return cli_input_error(CMD, "%s is outside the supported range 1800-01-01 to 2199-12-31",
                           arg);
  if (st != TTHC_OK) return cli_status_error(CMD, st, NULL);
  return print_pair(d, ld, conv, json, false);
}

static int to_solar(const char *arg, bool leap, tthc_lunar_convention conv, bool json) {
  tthc_lunar_date ld;
  if (!parse_lunar(arg, leap, &ld)) return CLI_BAD_INPUT;
  tthc_date d;
  tthc_status st = tthc_lunar_to_solar(ld, conv, &d);
  if (st != TTHC_OK) return lunar_status_error(st, ld, conv);
  return print_pair(d, ld, conv, json, true);
}

static int range_csv(const char *a, const char *b, tthc_lunar_convention conv) {
  tthc_date from, to;
  if (!cli_parse_date(CMD, a, &from) || !cli_parse_date(CMD, b, &to)) return CLI_BAD_INPUT;
  if (to < from) return cli_input_error(CMD, "the range ends (%s) before it begins (%s)", b, a);
  if (from < TTHC_LUNAR_DATE_MIN || to > TTHC_LUNAR_DATE_MAX)
    return cli_input_error(CMD, "the range %s..%s leaves the supported range 1800-01-01 to "
                                "2199-12-31", a, b);
  puts("solar,year,month,day,leap");
  for (tthc_date d = from; d <= to; d++) {
    tthc_lunar_date ld;
    tthc_status st = tthc_lunar_from_solar(d, conv, &ld);
    if (st != TTHC_OK) return cli_status_error(CMD, st, NULL);
    char s[TTHC_DATE_STRLEN];
    cli_fmt_date(d, s);
    printf("%s,%d,%d,%d,%d\n", s, (int)ld.year, ld.month, ld.day, ld.leap);
  }
  return CLI_OK;
}

static int parse_year(const char *s, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < -99999 || v > 99999) {
    cli_input_error(CMD, "invalid year \"%s\": expected a number such as 2025", s);
    return 0;
  }
  *out = (int)v;
  return 1;
}

static int months(const char *arg, tthc_lunar_convention conv, bool json) {
  int year, lm;
  if (!parse_year(arg, &year)) return CLI_BAD_INPUT;
  tthc_status st = tthc_lunar_leap_month(year, conv, &lm);
  if (st == TTHC_ERANGE)
    return cli_input_error(CMD, "lunar year %d is outside the supported range 1799-2199", year);
  if (st != TTHC_OK) return cli_status_error(CMD, st, NULL);
  json_t *arr = json ? json_array() : NULL;
  if (!json)
    printf("Lunar year %d (%s), %s reckoning, %s\n", year, tthc_lunar_year_name(year),
           convention_name(conv), lm ? "13 months" : "12 months");
  int skipped = 0;
  for (int i = 0; i < (lm ? 13 : 12); i++) {
    int m = lm && i > lm - 1 ? i : i + 1, leap = lm && i == lm;
    tthc_lunar_month_info mi;
    st = tthc_lunar_month_describe(year, m, leap, conv, &mi);
    if (st == TTHC_ERANGE) { /* months of 1799 before 1800, of 2199 after 2199 */
      skipped++;
      continue;
    }
    if (st != TTHC_OK) {
      json_decref(arr);
      return cli_status_error(CMD, st, NULL);
    }
    char first[TTHC_DATE_STRLEN], ut[48], local[48];
    cli_fmt_date(mi.first_day, first);
    fmt_instant(mi.new_moon_unix, 0, ut);
    fmt_instant(mi.new_moon_unix, mi.utc_offset, local);
    if (json)
      json_array_append_new(arr, json_pack("{s:i,s:b,s:s,s:i,s:s,s:s}", "month", m, "leap",
                                           leap, "first_day", first, "length", mi.length,
                                           "new_moon", ut, "new_moon_local", local));
    else {
      char name[48];
      snprintf(name, sizeof name, "  tháng %s%s", tthc_lunar_month_name(m), leap ? " nhuận" : "");
      print_padded(name, 24);
      printf("%s  %d ngày  sóc (new moon) %s = %s\n", first, mi.length, ut, local);
    }
  }
  if (!json && skipped)
    printf("  (%d month%s outside 1800-01-01..2199-12-31 not shown)\n", skipped,
           skipped > 1 ? "s" : "");
  if (json)
    return cli_print_json(json_pack("{s:i,s:s,s:s,s:i,s:o}", "year", year, "can_chi",
                                    tthc_lunar_year_name(year), "convention",
                                    convention_name(conv), "leap_month", lm, "months", arr));
  return CLI_OK;
}

static int terms(const char *arg, tthc_lunar_convention conv, bool json) {
  int year;
  if (!parse_year(arg, &year)) return CLI_BAD_INPUT;
  tthc_lunar_solar_term t[24];
  tthc_status st = tthc_lunar_solar_terms(year, conv, t);
  if (st == TTHC_ERANGE)
    return cli_input_error(CMD, "year %d is outside the range of the solar terms, 1001-2999",
                           year);
  if (st != TTHC_OK) return cli_status_error(CMD, st, NULL);
  json_t *arr = json ? json_array() : NULL;
  if (!json) printf("Solar terms (tiết khí) of %d, %s reckoning\n", year, convention_name(conv));
  for (int i = 0; i < 24; i++) {
    char d[TTHC_DATE_STRLEN], ut[48];
    cli_fmt_date(t[i].date, d);
    fmt_instant(t[i].unix_ut, 0, ut);
    if (json)
      json_array_append_new(arr, json_pack("{s:s,s:i,s:b,s:s,s:s}", "name", t[i].name,
                                           "longitude", t[i].longitude, "major", t[i].major,
                                           "date", d, "instant", ut));
    else {
      printf("  %s  ", d);
      print_padded(t[i].name, 12);
      printf("%3d°  %s  %s\n", t[i].longitude, t[i].major ? "trung khí" : "tiết khí ", ut);
    }
  }
  if (json)
    return cli_print_json(json_pack("{s:i,s:s,s:o}", "year", year, "convention",
                                    convention_name(conv), "terms", arr));
  return CLI_OK;
}

int cmd_lunar(int argc, char **argv) {
  bool json = false, csv = false, leap = false, range = false, help = false;
  const char *to_solar_arg = NULL, *conv_arg = NULL, *months_arg = NULL, *terms_arg = NULL;
  const char *pos[3];
  cli_opt opts[] = {{"--json", false, NULL, &json},
                    {"--csv", false, NULL, &csv},
                    {"--leap", false, NULL, &leap},
                    {"--range", false, NULL, &range},
                    {"--to-solar", true, &to_solar_arg, NULL},
                    {"--convention", true, &conv_arg, NULL},
                    {"--months", true, &months_arg, NULL},
                    {"--terms", true, &terms_arg, NULL},
                    {0}};
  int n = cli_parse(argc, argv, opts, pos, 3, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts(USAGE);
    return CLI_OK;
  }
  tthc_lunar_convention conv;
  if (!parse_convention(conv_arg, &conv))
    return cli_usage_error(CMD, "unknown convention '%s' (expected vietnam, utc7 or utc8)",
                           conv_arg);
  int modes = (to_solar_arg != NULL) + range + (months_arg != NULL) + (terms_arg != NULL);
  if (modes > 1)
    return cli_usage_error(CMD, "--to-solar, --range, --months and --terms exclude each other");
  if (leap && !to_solar_arg) return cli_usage_error(CMD, "--leap goes with --to-solar");
  if (csv && !range) return cli_usage_error(CMD, "--csv goes with --range");
  if (range) {
    if (json) return cli_usage_error(CMD, "--range writes CSV only (use --csv)");
    if (n != 2) return cli_usage_error(CMD, "--range needs two dates: --range FROM TO --csv");
    return range_csv(pos[0], pos[1], conv);
  }
  if (modes == 1 && n != 0)
    return cli_usage_error(CMD, "unexpected argument '%s' (see tthc lunar --help)", pos[0]);
  if (to_solar_arg) return to_solar(to_solar_arg, leap, conv, json);
  if (months_arg) return months(months_arg, conv, json);
  if (terms_arg) return terms(terms_arg, conv, json);
  if (n != 1) return cli_usage_error(CMD, "expected one date (see tthc lunar --help)");
  return from_solar(pos[0], conv, json);
}
