/* Shared helpers of the tthc command: option parsing, output, errors. */
#ifndef TTHC_CLI_H
#define TTHC_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "tthc.h"

/* Exit codes (documented in tthc --help and docs/cli.md). */
enum { CLI_OK = 0, CLI_BAD_INPUT = 1, CLI_USAGE = 2 };

/* A subcommand: argv[0] is the subcommand name. */
typedef int (*cli_command_fn)(int argc, char **argv);

#define X(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef X

/* Option table for cli_parse(). */
typedef struct cli_opt {
  const char *name;   /* "--json" */
  bool takes_value;   /* "--cutoff 15:00" or "--cutoff=15:00" */
  const char **value; /* where the value goes (takes_value) */
  bool *flag;         /* set true when present (!takes_value) */
} cli_opt;

/* Parse options (anywhere on the line) and collect positionals into pos (capacity maxpos).
 * "--help"/"-h" sets *help. Returns -1 after printing a usage error, else the number of
 * positionals. A lone "--" ends the options. Negative numbers ("-3") are positionals. */
int cli_parse(int argc, char **argv, const cli_opt *opts, const char **pos, int maxpos,
              bool *help);

/* Print "tthc NAME: message" on stderr and return the exit code. */
int cli_usage_error(const char *cmd, const char *fmt, ...) TTHC_PRINTF(2, 3);
int cli_input_error(const char *cmd, const char *fmt, ...) TTHC_PRINTF(2, 3);

/* Report a library error on stderr: the message from err if set, else tthc_strerror(st). */
int cli_status_error(const char *cmd, tthc_status st, const tthc_error *err);

/* Read all of stdin into a new buffer (free() it); NULL when out of memory. */
char *cli_read_stdin(size_t *len);

/* Print a JSON value on stdout (compact, UTF-8, key order preserved) and free it. */
int cli_print_json(json_t *v);

/* Format helpers returning a static thread-local-free buffer owned by the caller. */
void cli_fmt_date(tthc_date d, char out[TTHC_DATE_STRLEN]);
void cli_fmt_datetime(tthc_datetime t, char out[TTHC_DATETIME_STRLEN]);

/* Parse a date / date-time argument, printing the library's message on failure. */
bool cli_parse_date(const char *cmd, const char *arg, tthc_date *out);
bool cli_parse_datetime(const char *cmd, const char *arg, tthc_datetime *out);

#endif
