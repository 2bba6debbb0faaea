#include "cli_calendar.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *const cli_weekday_vi[8] = {"",        "Thứ Hai", "Thứ Ba",  "Thứ Tư",
                                       "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
const char *const cli_weekday_en[8] = {"",         "Monday", "Tuesday",  "Wednesday",
                                       "Thursday", "Friday", "Saturday", "Sunday"};

/* Whole file into memory (NUL-terminated); NULL with a message on failure. */
static char *read_file(const char *cmd, const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    cli_input_error(cmd, "cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  while (buf) {
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (n < cap) break;
    char *nb = realloc(buf, cap * 2 + 1);
    if (!nb) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = nb;
    cap *= 2;
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf || bad) {
    free(buf);
    cli_input_error(cmd, "cannot read %s", path);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

typedef tthc_status (*loader)(tthc_cal_builder *, const char *, size_t, tthc_error *);

static int load(const char *cmd, tthc_cal_builder *b, const char *path, loader fn) {
  size_t len;
  char *text = read_file(cmd, path, &len);
  if (!text) return CLI_BAD_INPUT;
  tthc_error err;
  tthc_error_clear(&err);
  tthc_status st = fn(b, text, len, &err);
  free(text);
  if (st == TTHC_OK) return CLI_OK;
  return cli_input_error(cmd, "%s: %s", path, err.message[0] ? err.message : tthc_strerror(st));
}

int cli_cal_build(const char *cmd, int first, int last, const cli_cal_opts *o, tthc_cal **out) {
  tthc_cal_builder *b;
  *out = NULL;
  tthc_status st = tthc_cal_builder_new(
      first, last, o->culture_day ? TTHC_CAL_CULTURE_DAY : TTHC_CAL_DEFAULT, &b);
  if (st != TTHC_OK) return cli_status_error(cmd, st, NULL);
  int rc = CLI_OK;
  if (o->schedule) rc = load(cmd, b, o->schedule, tthc_cal_builder_load_json);
  if (rc == CLI_OK && o->ics) rc = load(cmd, b, o->ics, tthc_ical_import);
  if (rc == CLI_OK && (st = tthc_cal_build(b, out)) != TTHC_OK)
    rc = cli_status_error(cmd, st, NULL);
  tthc_cal_builder_free(b);
  return rc;
}

int cli_cal_build_span(const char *cmd, tthc_date lo, tthc_date hi, const cli_cal_opts *o,
                       tthc_cal **out) {
  int y0 = 0, y1 = 0;
  *out = NULL;
  tthc_date_to_ymd(lo, &y0, NULL, NULL);
  tthc_date_to_ymd(hi, &y1, NULL, NULL);
  if (y0 > TTHC_CAL_MAX_YEAR || y1 < TTHC_CAL_MIN_YEAR)
    return cli_input_error(cmd, "dates in %d-%d are outside the supported years %d-%d", y0, y1,
                           TTHC_CAL_MIN_YEAR, TTHC_CAL_MAX_YEAR);
  y0 = y0 - 1 > TTHC_CAL_MIN_YEAR ? y0 - 1 : TTHC_CAL_MIN_YEAR;
  y1 = y1 + 1 < TTHC_CAL_MAX_YEAR ? y1 + 1 : TTHC_CAL_MAX_YEAR;
  return cli_cal_build(cmd, y0, y1, o, out);
}

bool cli_parse_year(const char *cmd, const char *arg, int *out) {
  char *end;
  errno = 0;
  long y = strtol(arg, &end, 10);
  if (!*arg || *end || errno) {
    cli_input_error(cmd, "invalid year '%s': expected a number such as 2025", arg);
    return false;
  }
  if (y < TTHC_CAL_MIN_YEAR || y > TTHC_CAL_MAX_YEAR) {
    cli_input_error(cmd, "year %ld is outside the supported range %d-%d", y, TTHC_CAL_MIN_YEAR,
                    TTHC_CAL_MAX_YEAR);
    return false;
  }
  *out = (int)y;
  return true;
}

int cli_columns(const char *s) {
  int n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}
