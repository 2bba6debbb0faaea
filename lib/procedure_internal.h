/* Private structures of the procedure module (records, processes, rules, catalogs). */
#ifndef TTHC_PROCEDURE_INTERNAL_H
#define TTHC_PROCEDURE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core_internal.h"
#include "tthc/procedure.h"

/* ---- small helpers shared by the procedure files ------------------------------------------ */

/* strdup of the first n bytes (NUL-terminated result); NULL on allocation failure. */
char *tthc__proc_strndup(const char *s, size_t n);
/* Replace *slot with a copy of s (NULL clears). ENOMEM leaves *slot unchanged. */
tthc_status tthc__proc_setstr(char **slot, const char *s);
/* Replace *a and *b with copies of sa and sb together: on failure neither changes. */
tthc_status tthc__proc_setstr2(char **a, const char *sa, char **b, const char *sb);
/* Grow a vector *v of *n elements of size sz by one zeroed element; returns it or NULL. */
void *tthc__proc_push(void **v, size_t *n, size_t sz);
/* The first legal document reference in text (text module): number "123/2015/NĐ-CP" (malloc'd,
 * NULL if none), its type (static) and date (0 if none). ENOMEM only; no reference is OK. */
tthc_status tthc__proc_find_ref(const char *text, char **number, const char **type,
                                tthc_date *date);
/* 1 if s (len bytes) is valid UTF-8 without NUL bytes (the text module's decoder). */
bool tthc__proc_utf8_ok(const char *s, size_t len);
/* Byte offset of the first invalid sequence (or NUL byte unless nul_ok) in s, len if none. */
size_t tthc__proc_utf8_bad(const char *s, size_t len, bool nul_ok);

/* ---- records ------------------------------------------------------------------------------ */

typedef struct proc_limit {
  bool set;
  char *phrase;        /* the published wording, kept verbatim */
  tthc_limit limit;    /* parsed by the deadline module */
} proc_limit;

typedef struct proc_fee {
  unsigned channels;   /* mask of 1u << tthc_channel */
  tthc_fee_kind kind;
  int64_t amount;      /* đồng */
  char *description;
} proc_fee;

typedef struct proc_doc {
  char *name;
  int32_t originals, copies;
} proc_doc;

typedef struct proc_basis {
  char *text;
  char *number;        /* "123/2015/NĐ-CP" when the text module finds a reference, else NULL */
  const char *type;    /* "Nghị định" (static, from the text module) or NULL */
  tthc_date date;      /* the reference's date, 0 if none */
} proc_basis;

struct tthc_proc {
  char code[TTHC_PROC_CODE_SIZE];
  char *name;
  char *field_code, *field_name;
  tthc_proc_level level;
  char *agency;
  tthc_online online;
  bool interagency;
  proc_limit limits[TTHC_CHANNEL_COUNT];
  char *limit_note;
  proc_fee *fees;
  size_t nfees;
  proc_doc *docs;
  size_t ndocs;
  char **results;
  size_t nresults;
  proc_basis *bases;
  size_t nbases;
  char *decision_number;
  tthc_date decision_date;
  bool has_decision;
  char *source;
  tthc_process *process;
  /* Filled when the catalog is built: folded name and its words, collation key. */
  char *fold;          /* folded name, words separated by one space */
  int fold_words;      /* number of words in fold */
  char *coll;          /* collation key of the name */
  size_t coll_len;
  char *fold_field;    /* folded field name ("" if none) */
  bool frozen;         /* owned by a built catalog: setters refuse */
};

/* ---- internal processes ------------------------------------------------------------------- */

typedef struct proc_step {
  tthc_process_step_kind kind;
  char *description;
  char *role;
  int32_t minutes;     /* working minutes; 0 for an uncounted step */
  bool counted;
  char *budget_text;   /* "0,5 ngày" as published, or NULL */
} proc_step;

struct tthc_process {
  proc_step *steps;
  size_t nsteps;
};

/* Deep copy (for saving / reduction); NULL on allocation failure. */
tthc_process *tthc__process_clone(const tthc_process *p);

/* ---- rules -------------------------------------------------------------------------------- */

struct tthc_proc_rules {
  int64_t v[TTHC_RULE__COUNT];
  char **fields;       /* 4-at-place fields as given */
  char **fields_fold;  /* folded */
  size_t nfields;
};

/* The built-in defaults (read-only, used when a function gets NULL rules). */
const tthc_proc_rules *tthc__proc_rules_default(void);
/* Deep copy of rules into a fresh object. */
tthc_status tthc__proc_rules_copy(const tthc_proc_rules *src, tthc_proc_rules **out);
/* 1 if the folded field name is one of the 4-at-place fields. */
bool tthc__proc_rules_has_field(const tthc_proc_rules *r, const char *fold);

/* ---- catalogs ----------------------------------------------------------------------------- */

struct tthc_catalog_builder {
  tthc_proc **procs;
  size_t n, cap;
  uint32_t *codes;         /* open-addressing set of the codes added (code number + 1; 0 empty) */
  size_t codes_cap;        /* a power of two, > 2 n; 0 before the first add */
  tthc_proc_rules *rules;  /* NULL = defaults */
  char *title, *source;
};

struct tthc_catalog {
  tthc_proc **by_coll;     /* Vietnamese collation order of the names */
  tthc_proc **by_code;     /* sorted by code, for lookup */
  uint32_t *keys;          /* keys[i]: by_code[i]'s code as a number, for binary search */
  size_t n;
  tthc_proc_rules *rules;  /* never NULL once built */
  char *title, *source;
};

/* Fold text for search (accents and case removed, runs of non-alphanumerics to one space,
 * trimmed). Allocates; NULL on allocation failure or invalid UTF-8. */
char *tthc__proc_fold(const char *s, size_t len);
/* Collation key of text (memcmp order = Vietnamese dictionary order); *klen its length.
 * Allocates; NULL on allocation failure or invalid UTF-8. */
char *tthc__proc_coll(const char *s, size_t len, size_t *klen);

#endif
