/* Calendar options shared by the tthc subcommands that need a working calendar
 * (holidays, workday): --calendar FILE.ics, --schedule FILE.json, --culture-day. */
#ifndef TTHC_CLI_CALENDAR_H
#define TTHC_CLI_CALENDAR_H

#include "cli.h"

typedef struct cli_cal_opts {
  const char *ics;      /* --calendar FILE.ics: days added/overridden from an iCalendar file */
  const char *schedule; /* --schedule FILE.json: yearly schedules (docs/calendar.md) */
  bool culture_day;     /* --culture-day: switch on the pending 24/11 rule */
} cli_cal_opts;

/* The option table entries for these options (append before the {0} terminator). */
#define CLI_CAL_OPTIONS(o)                                                           \
  {"--calendar", true, &(o).ics, NULL}, {"--schedule", true, &(o).schedule, NULL}, { \
    "--culture-day", false, NULL, &(o).culture_day                                   \
  }

/* Help text lines for the options. */
#define CLI_CAL_HELP                                                                        \
  "  --calendar FILE.ics  add or override days from an iCalendar file (see docs/ical.md)\n" \
  "  --schedule FILE.json load yearly schedules, e.g. next year's announcement\n"           \
  "                       (schema in docs/calendar.md)\n"                                   \
  "  --culture-day        count 24/11 (Ngày Văn hóa Việt Nam, pending law) as a holiday\n"

/* Build the national calendar over [first, last] with the options; on failure print the
 * error (naming the file) and return the exit code, else CLI_OK. */
int cli_cal_build(const char *cmd, int first, int last, const cli_cal_opts *o, tthc_cal **out);

/* Build the calendar covering the years of the dates lo..hi with a margin of one year (clamped
 * to TTHC_CAL_MIN_YEAR..TTHC_CAL_MAX_YEAR), with the options; prints errors; returns the exit
 * code. Used by deadline and workdays, whose dates may cross a year end. */
int cli_cal_build_span(const char *cmd, tthc_date lo, tthc_date hi, const cli_cal_opts *o,
                       tthc_cal **out);

/* Parse a year argument 1800-2199 (prints the error). */
bool cli_parse_year(const char *cmd, const char *arg, int *out);

/* Characters (code points) in a UTF-8 string, for aligning columns. */
int cli_columns(const char *s);

extern const char *const cli_weekday_vi[8];
extern const char *const cli_weekday_en[8];

#endif
