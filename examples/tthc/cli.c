#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_parse(int argc, char **argv, const cli_opt *opts, const char **pos, int maxpos,
              bool *help) {
  int npos = 0;
  bool only_pos = false;
  *help = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    bool is_opt = !only_pos && a[0] == '-' && a[1] != '\0' && !(a[1] >= '0' && a[1] <= '9');
    if (!is_opt) {
      if (npos >= maxpos) {
        cli_usage_error(argv[0], "unexpected argument '%s' (see tthc %s --help)", a, argv[0]);
        return -1;
      }
      pos[npos++] = a;
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_pos = true;
      continue;
    }
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      *help = true;
      continue;
    }
    const char *eq = strchr(a, '=');
    size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
    const cli_opt *o = opts;
    while (o && o->name && !(strlen(o->name) == nlen && strncmp(o->name, a, nlen) == 0)) o++;
    if (!o || !o->name) {
      cli_usage_error(argv[0], "unknown option '%s' (see tthc %s --help)", a, argv[0]);
      return -1;
    }
    if (o->takes_value) {
      if (eq) *o->value = eq + 1;
      else if (i + 1 < argc) *o->value = argv[++i];
      else {
        cli_usage_error(argv[0], "option %s needs a value", o->name);
        return -1;
      }
    } else {
      if (eq) {
        cli_usage_error(argv[0], "option %s takes no value", o->name);
        return -1;
      }
      *o->flag = true;
    }
  }
  return npos;
}

static int vreport(const char *cmd, int code, const char *fmt, va_list ap) {
  fprintf(stderr, "tthc %s: ", cmd);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  return code;
}

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vreport(cmd, CLI_USAGE, fmt, ap);
  va_end(ap);
  return r;
}

int cli_input_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vreport(cmd, CLI_BAD_INPUT, fmt, ap);
  va_end(ap);
  return r;
}

int cli_status_error(const char *cmd, tthc_status st, const tthc_error *err) {
  if (err && err->message[0]) return cli_input_error(cmd, "%s", err->message);
  return cli_input_error(cmd, "%s", tthc_strerror(st));
}

int cli_print_json(json_t *v) {
  char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(v);
  if (!s) return cli_input_error("json", "out of memory");
  puts(s);
  free(s);
  return CLI_OK;
}

void cli_fmt_date(tthc_date d, char out[TTHC_DATE_STRLEN]) {
  if (tthc_date_format(d, out, TTHC_DATE_STRLEN, NULL) != TTHC_OK) strcpy(out, "?");
}

void cli_fmt_datetime(tthc_datetime t, char out[TTHC_DATETIME_STRLEN]) {
  if (tthc_datetime_format(t, 0, out, TTHC_DATETIME_STRLEN, NULL) != TTHC_OK) strcpy(out, "?");
}

bool cli_parse_date(const char *cmd, const char *arg, tthc_date *out) {
  tthc_error err;
  tthc_status st = tthc_date_parse(arg, strlen(arg), out, &err);
  if (st != TTHC_OK) cli_status_error(cmd, st, &err);
  return st == TTHC_OK;
}

bool cli_parse_datetime(const char *cmd, const char *arg, tthc_datetime *out) {
  tthc_error err;
  tthc_status st = tthc_datetime_parse(arg, strlen(arg), out, &err);
  if (st != TTHC_OK) cli_status_error(cmd, st, &err);
  return st == TTHC_OK;
}

char *cli_read_stdin(size_t *len) {
  size_t cap = 1 << 16, n = 0, r;
  char *b = malloc(cap);
  while (b && (r = fread(b + n, 1, cap - n, stdin)) > 0)
    if ((n += r) == cap) {
      char *nb = realloc(b, cap *= 2);
      if (!nb) free(b);
      b = nb;
    }
  *len = n;
  return b;
}
