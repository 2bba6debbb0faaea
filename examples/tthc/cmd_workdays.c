/* tthc workdays: working days between two dates, or N working days after a date. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli_calendar.h"

#define CMD "workdays"

static const char usage[] =
    "usage: tthc workdays FROM TO [--json]\n"
    "       tthc workdays --add N DATE [--json]\n"
    "With FROM and TO (YYYY-MM-DD): the number of working days from FROM to TO inclusive on\n"
    "the national calendar (negative when TO is before FROM).\n"
    "With --add: the date N working days after DATE (N may be negative: before DATE; N = 0:\n"
    "DATE itself if it is a working day, else the next working day).\n" CLI_CAL_HELP;

static int add(const char *narg, const char *darg, bool json, const cli_cal_opts *co) {
  char *end;
  errno = 0;
  long n = strtol(narg, &end, 10);
  if (*narg == '\0' || *end != '\0' || errno || n < -1000000 || n > 1000000)
    return cli_usage_error(CMD, "--add expects an integer from -1000000 to 1000000, not '%s'",
                           narg);
  tthc_date d, r;
  if (!cli_parse_date(CMD, darg, &d)) return CLI_BAD_INPUT;
  tthc_cal *cal;
  int32_t span = (int32_t)(labs(n) * 2 + 30);
  int rc = cli_cal_build_span(CMD, n < 0 ? d - span : d, n < 0 ? d : d + span, co, &cal);
  if (rc != CLI_OK) return rc;
  tthc_status st = tthc_cal_add_workdays(cal, d, (int32_t)n, &r);
  tthc_cal_free(cal);
  if (st != TTHC_OK) return cli_input_error(CMD, "%s: %ld working days from %s", tthc_strerror(st), n, darg);
  char rs[TTHC_DATE_STRLEN], ds[TTHC_DATE_STRLEN];
  cli_fmt_date(r, rs);
  cli_fmt_date(d, ds);
  if (json) return cli_print_json(json_pack("{s:s,s:I,s:s}", "date", ds, "n", (json_int_t)n, "result", rs));
  puts(rs);
  return CLI_OK;
}

static int count(const char *farg, const char *targ, bool json, const cli_cal_opts *co) {
  tthc_date a, b;
  if (!cli_parse_date(CMD, farg, &a) || !cli_parse_date(CMD, targ, &b)) return CLI_BAD_INPUT;
  tthc_cal *cal;
  int rc = cli_cal_build_span(CMD, a < b ? a : b, a < b ? b : a, co, &cal);
  if (rc != CLI_OK) return rc;
  int32_t n;
  tthc_status st = tthc_cal_count_workdays(cal, a, b, &n);
  tthc_cal_free(cal);
  if (st != TTHC_OK) return cli_status_error(CMD, st, NULL);
  if (json) return cli_print_json(json_pack("{s:s,s:s,s:i}", "from", farg, "to", targ, "workdays", (int)n));
  printf("%d\n", (int)n);
  return CLI_OK;
}

int cmd_workdays(int argc, char **argv) {
  bool json = false, help = false;
  const char *n = NULL, *pos[2];
  cli_cal_opts co = {0};
  cli_opt opts[] = {{"--add", true, &n, NULL}, {"--json", false, NULL, &json}, CLI_CAL_OPTIONS(co),
                    {0}};
  int np = cli_parse(argc, argv, opts, pos, 2, &help);
  if (np < 0) return CLI_USAGE;
  if (help) return puts(usage), CLI_OK;
  if (n) {
    if (np != 1) return cli_usage_error(CMD, "--add N needs exactly one DATE (see tthc workdays --help)");
    return add(n, pos[0], json, &co);
  }
  if (np != 2) return cli_usage_error(CMD, "expected FROM and TO (see tthc workdays --help)");
  return count(pos[0], pos[1], json, &co);
}
