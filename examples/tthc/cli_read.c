/* Reading dossier files into an aggregate, in one thread or several (see cli_read.h).
 *
 * One thread streams each file with tthc_io_reader_open(). With N > 1 threads the inputs become
 * parts: a regular file is mapped into memory and cut at record boundaries by tthc_io_split()
 * (about N parts per N-th of all the bytes), anything else ("-", a pipe, an empty file) is one
 * part streamed as with one thread. Workers take parts in order from a shared counter; each part
 * is read into its own aggregate by a reader made with tthc_io_reader_new_mem_like() (the CSV
 * columns of the file's header, the part's first line number for messages). The main thread
 * merges the parts with tthc_agg_merge() strictly in part order and prints each part's messages
 * as it merges it, so the report and stderr are byte for byte those of one thread whatever the
 * scheduling. The first part that stops on an error stops the read: later parts are abandoned
 * (never merged), earlier ones are still read, since one of them may hold an earlier error.
 *
 * The progress line (docs/cli.md): on stderr, when stderr is a terminal or TTHC_PROGRESS=1 (0
 * switches it off), after TTHC_PROGRESS_DELAY seconds of reading (default 1), refreshed every
 * quarter of a second, erased before any other message, and ended by a final line with the
 * totals.
 *
 * POSIX threads rather than C11 <threads.h> (which glibc has): ThreadSanitizer does not know
 * threads started by thrd_create() and crashes in them, and the CLI tests run under it. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, mmap, fstat */
#include "cli_read.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool cli_read_parse_threads(const char *cmd, const char *arg, int *out) {
  *out = 1;
  long v = -1;
  if (arg[0] >= '0' && arg[0] <= '9' && strlen(arg) <= 4) {
    char *end;
    v = strtol(arg, &end, 10);
    if (*end) v = -1;
  }
  if (v < 0 || v > CLI_READ_MAX_THREADS) {
    cli_usage_error(cmd, "--threads: expected a whole number from 0 to %d (0: one per online CPU), "
                         "got '%s'", CLI_READ_MAX_THREADS, arg);
    return false;
  }
  if (v == 0) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    v = cpus < 1 ? 1 : cpus > CLI_READ_MAX_THREADS ? CLI_READ_MAX_THREADS : cpus;
  }
  *out = (int)v;
  return true;
}

/* ---- progress line ------------------------------------------------------------------------ */

#define PROGRESS_EVERY 0.25 /* seconds between refreshes */

typedef struct progress {
  bool on;
  const char *cmd;
  double t0, first, next; /* start, first line, next refresh */
  int width;              /* characters of the line on screen (0: none) */
  int nfiles;
  int64_t size; /* bytes of all inputs, -1 if unknown (standard input, a pipe) */
} progress;

static void progress_init(progress *p, const char *cmd, char **files, int nfiles) {
  const char *env = getenv("TTHC_PROGRESS");
  memset(p, 0, sizeof *p);
  p->on = env && !strcmp(env, "1") ? true : env && !strcmp(env, "0") ? false : isatty(2) == 1;
  if (!p->on) return;
  double delay = 1.0;
  const char *d = getenv("TTHC_PROGRESS_DELAY");
  if (d && *d) {
    char *end;
    double v = strtod(d, &end);
    if (!*end && v >= 0 && v < 1e6) delay = v;
  }
  p->cmd = cmd;
  p->t0 = now_seconds();
  p->first = p->next = p->t0 + delay;
  p->nfiles = nfiles;
  for (int f = 0; f < nfiles && p->size >= 0; f++) {
    struct stat sb;
    if (strcmp(files[f], "-") != 0 && stat(files[f], &sb) == 0 && S_ISREG(sb.st_mode))
      p->size += sb.st_size;
    else
      p->size = -1;
  }
}

static bool progress_due(const progress *p, double t) { return p->on && t >= p->next; }

/* "\rtthc indicators: 2/3 files, 1048576 records, 187.3 MB (42%), 1210000 records/s" */
static void progress_show(progress *p, int files, int64_t records, int64_t bytes, double t,
                          bool final) {
  char line[256];
  double dt = t - p->t0;
  int n = snprintf(line, sizeof line, "tthc %s: %d/%d files, %lld records, %.1f MB", p->cmd, files,
                   p->nfiles, (long long)records, (double)bytes / 1e6);
  if (p->size > 0 && n > 0 && (size_t)n < sizeof line)
    n += snprintf(line + n, sizeof line - (size_t)n, " (%d%%)",
                  (int)((double)bytes * 100.0 / (double)p->size));
  if (n > 0 && (size_t)n < sizeof line)
    n += snprintf(line + n, sizeof line - (size_t)n, ", %.0f records/s",
                  dt > 0 ? (double)records / dt : 0.0);
  if (n < 0) return;
  if ((size_t)n >= sizeof line) n = (int)sizeof line - 1;
  fprintf(stderr, "\r%s%*s", line, p->width > n ? p->width - n : 0, "");
  if (final) {
    fputc('\n', stderr);
    p->width = 0;
  } else {
    p->width = n;
  }
  fflush(stderr);
  p->next = t + PROGRESS_EVERY;
}

/* Erase the line so a message can take its place (it comes back at the next refresh). */
static void progress_clear(progress *p) {
  if (!p->width) return;
  fprintf(stderr, "\r%*s\r", p->width, "");
  p->width = 0;
}

/* After the read: the totals if the line was due, or erase it after a failure. */
static void progress_end(progress *p, bool ok, int files, int64_t records, int64_t bytes) {
  double t = now_seconds();
  if (ok && p->on && (p->width || t >= p->first)) progress_show(p, files, records, bytes, t, true);
  else progress_clear(p);
}

/* ---- parts -------------------------------------------------------------------------------- */

/* A part of the input: a whole file streamed, or a slice of a mapped file. */
typedef struct part {
  int index, file;
  const char *buf; /* NULL: stream the file */
  size_t len;
  int64_t line;                /* line number of the slice's first line */
  size_t extra;                /* bytes before the slice counted for progress (CSV header) */
  const tthc_io_reader *like;  /* the file's reader over the whole map (format, columns) */
  bool last;                   /* last part of its file */
  /* results */
  tthc_agg *agg;
  int64_t bad;     /* records skipped */
  char *msg;       /* messages, in order (threads > 1) */
  size_t msglen;
  int rc;          /* CLI_OK, or the exit code of the error that stopped the part (its message last) */
  bool done;       /* under reader.mu */
  int64_t pub_records, pub_bytes; /* published into the counters */
} part;

typedef struct mapped {
  void *map;
  size_t size;
  tthc_io_reader *like;
} mapped;

typedef struct reader {
  const cli_read_opts *o;
  char **files;
  bool direct; /* one thread: messages straight to stderr, progress inline */
  progress prog;
  int files_done;
  atomic_llong records, bytes; /* read so far, over all parts */
  part *parts;
  int nparts;
  atomic_int next;  /* next part to take */
  atomic_int stop;  /* parts after this one are abandoned */
  pthread_mutex_t mu;
  pthread_cond_t cv;
} reader;

/* A message of part P: straight to stderr with one thread, kept for the merge with several. */
static void part_say(reader *R, part *P, const char *fmt, ...) TTHC_PRINTF(3, 4);
static void part_say(reader *R, part *P, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (R->direct) {
    progress_clear(&R->prog);
    vfprintf(stderr, fmt, ap);
  } else {
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *m = n >= 0 ? realloc(P->msg, P->msglen + (size_t)n + 1) : NULL;
    if (m) {
      vsnprintf(m + P->msglen, (size_t)n + 1, fmt, ap);
      P->msg = m;
      P->msglen += (size_t)n;
    }
  }
  va_end(ap);
}

/* Refresh the progress line if due (the thread that prints: the only one, or the main one). */
static void progress_tick(reader *R) {
  double t = now_seconds();
  if (progress_due(&R->prog, t))
    progress_show(&R->prog, R->files_done, atomic_load(&R->records), atomic_load(&R->bytes), t,
                  false);
}

/* Add what r has read since the last call to the counters of the progress line. */
static void publish(reader *R, part *P, const tthc_io_reader *r, bool end) {
  int64_t rec = tthc_io_reader_records(r);
  int64_t bytes = (int64_t)P->extra + (end && P->buf ? (int64_t)P->len : tthc_io_reader_bytes(r));
  atomic_fetch_add(&R->records, rec - P->pub_records);
  atomic_fetch_add(&R->bytes, bytes - P->pub_bytes);
  P->pub_records = rec, P->pub_bytes = bytes;
  if (R->direct && !end) progress_tick(R);
}

/* Read r to the end into P->agg. */
static void read_records(reader *R, part *P, tthc_io_reader *r, tthc_dossier *d) {
  const char *path = R->files[P->file];
  for (unsigned n = 1;; n++) {
    int got;
    tthc_error err;
    tthc_error_clear(&err);
    tthc_status st = tthc_io_reader_next(r, d, &got, &err);
    if (st == TTHC_OK && got) st = tthc_agg_add(P->agg, d, &err);
    if (st != TTHC_OK) {
      part_say(R, P, "tthc %s: %s: %s\n", R->o->cmd, path,
               err.message[0] ? err.message : tthc_strerror(st));
      if (!R->o->skip_bad || st == TTHC_ENOMEM || st == TTHC_EIO) {
        P->rc = CLI_BAD_INPUT;
        break;
      }
      P->bad++;
      continue;
    }
    if (!got) break;
    if ((n & 1023) == 0) {
      publish(R, P, r, false);
      if (P->index > atomic_load(&R->stop)) break; /* an earlier part failed: abandon */
    }
  }
  publish(R, P, r, P->rc == CLI_OK);
}

/* Read part P (its aggregate already made). */
static void read_part(reader *R, part *P, tthc_dossier *d) {
  tthc_io_reader *r;
  tthc_error err;
  tthc_status st;
  tthc_error_clear(&err);
  if (P->buf) {
    st = tthc_io_reader_new_mem_like(P->like, P->buf, P->len, P->line, 0, &r);
  } else {
    st = tthc_io_reader_open(R->files[P->file], TTHC_IO_AUTO, 0, &r, &err);
  }
  if (st != TTHC_OK) {
    part_say(R, P, "tthc %s: %s\n", R->o->cmd, err.message[0] ? err.message : tthc_strerror(st));
    P->rc = CLI_BAD_INPUT;
    return;
  }
  read_records(R, P, r, d);
  tthc_io_reader_free(r);
}

/* ---- one thread --------------------------------------------------------------------------- */

static int read_direct(reader *R, int nfiles, tthc_agg *agg, int64_t *bad) {
  tthc_dossier *d;
  if (tthc_dossier_new(NULL, 0, &d) != TTHC_OK) return cli_input_error(R->o->cmd, "out of memory");
  int rc = CLI_OK;
  for (int f = 0; f < nfiles && rc == CLI_OK; f++) {
    part P = {.index = f, .file = f, .agg = agg, .rc = CLI_OK};
    read_part(R, &P, d);
    *bad += P.bad;
    rc = P.rc;
    if (rc == CLI_OK) R->files_done++, progress_tick(R);
  }
  tthc_dossier_free(d);
  return rc;
}

/* ---- several threads ---------------------------------------------------------------------- */

/* The format tthc_io_reader_open() chooses for a path (TTHC_IO_AUTO). */
static int format_of(const char *path) {
  size_t n = strlen(path);
  static const char ext[] = ".csv";
  for (size_t i = 0; n >= 4 && i < 4; i++) {
    char c = path[n - 4 + i];
    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != ext[i]) return TTHC_IO_JSONL;
  }
  return n >= 4 ? TTHC_IO_CSV : TTHC_IO_JSONL;
}

/* Map a regular, non-empty file; false (nothing mapped) for anything else. */
static bool map_file(const char *path, mapped *m) {
  if (!strcmp(path, "-")) return false;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return false;
  struct stat sb;
  void *p = MAP_FAILED;
  if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
      (uintmax_t)sb.st_size <= SIZE_MAX)
    p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) return false;
  m->map = p;
  m->size = (size_t)sb.st_size;
  return true;
}

/* Cut the inputs into parts: about `threads` parts per whole input, each file at least one. */
static int plan(reader *R, int nfiles, mapped *maps, int threads) {
  const char *cmd = R->o->cmd;
  double total = 0;
  for (int f = 0; f < nfiles; f++)
    if (map_file(R->files[f], &maps[f])) total += (double)maps[f].size;
  size_t cap = (size_t)nfiles + (size_t)threads; /* sum of ceil(share) over the files */
  R->parts = calloc(cap, sizeof *R->parts);
  size_t *cuts = malloc(((size_t)threads + 1) * sizeof *cuts);
  int64_t *lines = malloc((size_t)threads * sizeof *lines);
  if (!R->parts || !cuts || !lines) {
    free(cuts), free(lines);
    return cli_input_error(cmd, "out of memory");
  }
  int np = 0;
  for (int f = 0; f < nfiles; f++) {
    mapped *m = &maps[f];
    part base = {.file = f, .rc = CLI_OK};
    tthc_error err;
    tthc_error_clear(&err);
    tthc_status st = TTHC_OK;
    if (m->map) {
      int fmt = format_of(R->files[f]);
      st = tthc_io_reader_new_mem(m->map, m->size, fmt, 0, &m->like, &err);
      if (st != TTHC_OK) { /* the header: report it in its place */
        base.rc = CLI_BAD_INPUT;
        base.buf = m->map; /* not streamed */
        part_say(R, &base, "tthc %s: %s\n", cmd, err.message[0] ? err.message : tthc_strerror(st));
      } else {
        size_t body;
        int64_t line0;
        tthc_io_reader_body(m->like, &body, &line0);
        double share = (double)m->size * threads / total;
        int k = share >= threads ? threads : share <= 1 ? 1 : (int)share + (share > (int)share);
        tthc_io_split((const char *)m->map + body, m->size - body, fmt, k, cuts, lines);
        for (int i = 0; i < k; i++) {
          part *P = &R->parts[np++];
          *P = base;
          P->index = np - 1;
          P->buf = (const char *)m->map + body + cuts[i];
          P->len = cuts[i + 1] - cuts[i];
          P->line = line0 + lines[i];
          P->extra = i == 0 ? body : 0;
          P->like = m->like;
          P->last = i == k - 1;
        }
        continue;
      }
    }
    part *P = &R->parts[np++];
    *P = base;
    P->index = np - 1;
    P->last = true;
  }
  R->nparts = np;
  free(cuts), free(lines);
  return CLI_OK;
}

static void *worker(void *arg) {
  reader *R = arg;
  tthc_dossier *d = NULL;
  bool oom = tthc_dossier_new(NULL, 0, &d) != TTHC_OK;
  for (;;) {
    int i = atomic_fetch_add(&R->next, 1);
    if (i >= R->nparts || i > atomic_load(&R->stop)) break;
    part *P = &R->parts[i];
    if (P->rc == CLI_OK) {
      if (oom || R->o->new_agg(R->o->ctx, &P->agg) != TTHC_OK) {
        part_say(R, P, "tthc %s: out of memory\n", R->o->cmd);
        P->rc = CLI_BAD_INPUT;
      } else {
        read_part(R, P, d);
      }
    }
    if (P->rc != CLI_OK) { /* the parts after this one no longer matter */
      int s = atomic_load(&R->stop);
      while (i < s && !atomic_compare_exchange_weak(&R->stop, &s, i)) {
      }
    }
    pthread_mutex_lock(&R->mu);
    P->done = true;
    pthread_cond_signal(&R->cv);
    pthread_mutex_unlock(&R->mu);
  }
  tthc_dossier_free(d);
  return NULL;
}

/* Merge the parts in order as they finish, printing their messages; progress meanwhile. */
static int merge_in_order(reader *R, tthc_agg *agg, int64_t *bad) {
  int rc = CLI_OK;
  pthread_mutex_lock(&R->mu);
  for (int i = 0; i < R->nparts;) {
    part *P = &R->parts[i];
    if (!P->done) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      ts.tv_nsec += 100 * 1000 * 1000;
      if (ts.tv_nsec >= 1000000000) ts.tv_sec++, ts.tv_nsec -= 1000000000;
      pthread_cond_timedwait(&R->cv, &R->mu, &ts);
      if (progress_due(&R->prog, now_seconds())) {
        pthread_mutex_unlock(&R->mu);
        progress_tick(R);
        pthread_mutex_lock(&R->mu);
      }
      continue;
    }
    pthread_mutex_unlock(&R->mu);
    if (P->msglen) {
      progress_clear(&R->prog);
      fwrite(P->msg, 1, P->msglen, stderr);
    }
    *bad += P->bad;
    rc = P->rc;
    if (rc == CLI_OK && tthc_agg_merge(agg, P->agg) != TTHC_OK)
      rc = cli_input_error(R->o->cmd, "out of memory");
    tthc_agg_free(P->agg), P->agg = NULL;
    pthread_mutex_lock(&R->mu);
    if (rc != CLI_OK) {
      atomic_store(&R->stop, i);
      break;
    }
    R->files_done += P->last;
    i++;
  }
  pthread_mutex_unlock(&R->mu);
  return rc;
}

static int read_threads(reader *R, int nfiles, tthc_agg *agg, int64_t *bad) {
  mapped *maps = calloc((size_t)nfiles, sizeof *maps);
  if (!maps) return cli_input_error(R->o->cmd, "out of memory");
  int rc = plan(R, nfiles, maps, R->o->threads);
  int nth = R->o->threads < R->nparts ? R->o->threads : R->nparts;
  pthread_t *th = calloc(nth > 0 ? (size_t)nth : 1, sizeof *th);
  if (rc == CLI_OK && (!th || pthread_mutex_init(&R->mu, NULL) != 0))
    rc = cli_input_error(R->o->cmd, "out of memory");
  else if (rc == CLI_OK && pthread_cond_init(&R->cv, NULL) != 0) {
    pthread_mutex_destroy(&R->mu);
    rc = cli_input_error(R->o->cmd, "out of memory");
  }
  if (rc == CLI_OK) {
    atomic_init(&R->next, 0);
    atomic_init(&R->stop, R->nparts);
    int started = 0;
    while (started < nth && pthread_create(&th[started], NULL, worker, R) == 0) started++;
    if (started == 0) worker(R); /* no thread to be had: read here */
    rc = merge_in_order(R, agg, bad);
    for (int k = 0; k < started; k++) pthread_join(th[k], NULL);
    pthread_cond_destroy(&R->cv);
    pthread_mutex_destroy(&R->mu);
  }
  for (int i = 0; R->parts && i < R->nparts; i++) tthc_agg_free(R->parts[i].agg), free(R->parts[i].msg);
  free(R->parts);
  for (int f = 0; f < nfiles; f++) {
    tthc_io_reader_free(maps[f].like);
    if (maps[f].map) munmap(maps[f].map, maps[f].size);
  }
  free(maps);
  free(th);
  return rc;
}

int cli_read_dossiers(char **files, int nfiles, tthc_agg *agg, const cli_read_opts *o,
                      int64_t *bad) {
  reader R = {.o = o, .files = files, .direct = o->threads <= 1};
  atomic_init(&R.records, 0);
  atomic_init(&R.bytes, 0);
  atomic_init(&R.stop, nfiles);
  *bad = 0;
  progress_init(&R.prog, o->cmd, files, nfiles);
  int rc = R.direct ? read_direct(&R, nfiles, agg, bad) : read_threads(&R, nfiles, agg, bad);
  progress_end(&R.prog, rc == CLI_OK, R.files_done, atomic_load(&R.records),
               atomic_load(&R.bytes));
  return rc;
}
