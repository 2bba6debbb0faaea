/* Private view of a dossier, shared by dossier.c, indicator.c and io.c. Not installed. */
#ifndef TTHC_DOSSIER_INTERNAL_H
#define TTHC_DOSSIER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core_internal.h"
#include "tthc/dossier.h"

#define TTHC__DOSSIER_NTEXT 5

/* One stored event: the text lives in the dossier's arena (offset; UINT32_MAX = none). */
typedef struct tthc__event {
  tthc_datetime at;
  tthc_datetime due;
  uint32_t text_off;
  uint8_t kind;
  uint8_t channel;
  uint8_t flags;
  uint8_t pad_;
} tthc__event;

struct tthc_dossier {
  char *arena; /* arena[0] == '\0' is the empty string */
  uint32_t alen, acap;
  uint32_t text_off[TTHC__DOSSIER_NTEXT];
  uint32_t text_len[TTHC__DOSSIER_NTEXT];
  tthc_datetime received_at;
  int8_t channel, online_kind, fee, result_doc, four;
  unsigned flags;
  int8_t eval[9];
  bool has_limit;
  tthc_limit limit;
  tthc__event *ev;
  size_t nev, evcap;
  /* Machine state after the whole log (kept incrementally by append). */
  uint8_t state;
  bool accepted;
  bool apologised;
};

/* Text of a stored event, or NULL. */
static inline const char *tthc__dossier_event_text(const tthc_dossier *d, const tthc__event *e) {
  return e->text_off == UINT32_MAX ? NULL : d->arena + e->text_off;
}

/* Borrowed text attribute and its length (no NUL needed by callers). */
static inline const char *tthc__dossier_text(const tthc_dossier *d, int which, size_t *len) {
  if (len) *len = d->text_len[which];
  return d->arena + d->text_off[which];
}

/* A clock ready for evaluation: the caller's calendar and hours, and an owned copy of its
 * intake policy with the supplementation setting of the status policy applied. */
typedef struct tthc__clock {
  const tthc_cal *cal;
  const tthc_hours *hours;
  tthc_deadline_policy *policy;
  struct tthc__hours_cache *cache; /* working-time cache (tthc__clock_cache), or NULL */
} tthc__clock;

/* Prepare / release a clock (src may be NULL: then c->cal is NULL and nothing is allocated). */
tthc_status tthc__clock_init(tthc__clock *c, const tthc_dossier_clock *src, unsigned status_policy);
void tthc__clock_free(tthc__clock *c);
/* Give an initialised clock with a calendar a working-time cache, for clocks that evaluate many
 * dossiers (one thread at a time). */
tthc_status tthc__clock_cache(tthc__clock *c);

/* tthc_dossier_status_at() without argument checks; clock may be NULL or have a NULL cal. */
tthc_status tthc__dossier_evaluate(const tthc_dossier *d, tthc_datetime t, unsigned policy,
                                   const tthc__clock *clock, tthc_dossier_status *s);

/* Set a text attribute from a (s, n) slice that need not be NUL-terminated; validates UTF-8. */
tthc_status tthc__dossier_set_textn(tthc_dossier *d, int which, const char *s, size_t n);
/* The same for text the caller has already checked (valid UTF-8, no NUL). */
tthc_status tthc__dossier_set_text_trusted(tthc_dossier *d, int which, const char *s, size_t n);

/* tthc_dossier_reset(d, NULL, received_at) then every text attribute i set to the n[i] bytes at
 * s[i] (n[i] 0: empty), checked by the caller (valid UTF-8, no NUL): one arena reservation. */
tthc_status tthc__dossier_reset_texts(tthc_dossier *d, tthc_datetime received_at,
                                      const char *const s[TTHC__DOSSIER_NTEXT],
                                      const size_t n[TTHC__DOSSIER_NTEXT]);

/* Append without the public wrapper's argument copying: the text is (s, n). */
tthc_status tthc__dossier_append(tthc_dossier *d, const tthc_dossier_event *ev, const char *text,
                                 size_t text_len, tthc_error *err);

#endif
