/* Reading dossier files into an aggregate (tthc indicators): one thread streaming the files, or
 * N threads over parts of the files merged in file order, with the same output and messages;
 * and the progress line of a long read. Threads live here, never in the library. */
#ifndef TTHC_CLI_READ_H
#define TTHC_CLI_READ_H

#include "cli.h"

/* Largest --threads value. */
#define CLI_READ_MAX_THREADS 1024

typedef struct cli_read_opts {
  const char *cmd; /* subcommand name, for messages */
  bool skip_bad;   /* report a bad record on stderr and go on (ENOMEM and EIO still stop) */
  int threads;     /* >= 1 */
  /* A new empty aggregate configured exactly like the one read into (keys, period, report
   * instant, policy, clock, catalog): one per part when threads > 1. */
  tthc_status (*new_agg)(void *ctx, tthc_agg **out);
  void *ctx;
} cli_read_opts;

/* The value of --threads: 0 (one per online CPU) to CLI_READ_MAX_THREADS. On a bad value prints
 * a usage error naming the option and returns false. */
bool cli_read_parse_threads(const char *cmd, const char *arg, int *out);

/* Read every dossier of files[0..nfiles) into agg ("-" is standard input). Bad records are
 * reported on stderr as "tthc CMD: FILE: message" in file order; *bad counts those skipped
 * (skip_bad). Returns CLI_OK or the exit code of the error that stopped the read (printed). */
int cli_read_dossiers(char **files, int nfiles, tthc_agg *agg, const cli_read_opts *o,
                      int64_t *bad);

#endif
