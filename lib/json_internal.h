/* Private helper shared by the modules that read JSON through jansson. Not installed. */
#ifndef TTHC_JSON_INTERNAL_H
#define TTHC_JSON_INTERNAL_H

#include <jansson.h>
#include <string.h>

/* 1 if jansson's error says an allocation failed: json_error_out_of_memory, or the empty error
 * jansson 2.14 leaves when its lexer cannot even start. */
static inline int tthc__json_oom(const json_error_t *je) {
  enum json_error_code code = json_error_code(je);
  return code == json_error_out_of_memory || (code == json_error_unknown && !je->text[0]);
}

/* json_loadb() that tells a failed allocation from bad input: *oom is set to 1 when the NULL
 * result comes from an allocation failure. jansson 2.14 reports some of those as syntax errors
 * (a string or number buffer that cannot grow), so a syntax error is confirmed by parsing again:
 * a real one is found again (*je then describes it); if the second parse succeeds, its result
 * is returned. */
static inline json_t *tthc__json_loadb(const char *s, size_t n, size_t flags, json_error_t *je,
                                       int *oom) {
  /* jansson fills the error's text but not its code when its first allocation fails: start
   * from zero (json_error_unknown, no text), which tthc__json_oom() reads as out of memory */
  memset(je, 0, sizeof *je);
  json_t *root = json_loadb(s, n, flags, je);
  if (!root && !tthc__json_oom(je)) {
    json_error_t again;
    memset(&again, 0, sizeof again);
    root = json_loadb(s, n, flags, &again);
    if (!root) *je = again;
  }
  *oom = !root && tthc__json_oom(je);
  return root;
}

/* 1 if a and b have the same structure, keys, strings, integers and literals; reals are only
 * compared by type (the writers round them to a precision). */
static inline int tthc__json_same(const json_t *a, const json_t *b) {
  if (json_typeof(a) != json_typeof(b)) return 0;
  switch (json_typeof(a)) {
    case JSON_OBJECT: {
      if (json_object_size(a) != json_object_size(b)) return 0;
      const char *k;
      json_t *v;
      json_object_foreach((json_t *)a, k, v) {
        const json_t *w = json_object_get(b, k);
        if (!w || !tthc__json_same(v, w)) return 0;
      }
      return 1;
    }
    case JSON_ARRAY:
      if (json_array_size(a) != json_array_size(b)) return 0;
      for (size_t i = 0; i < json_array_size(a); i++)
        if (!tthc__json_same(json_array_get(a, i), json_array_get(b, i))) return 0;
      return 1;
    case JSON_STRING:
      return json_string_length(a) == json_string_length(b) &&
             memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
    case JSON_INTEGER:
      return json_integer_value(a) == json_integer_value(b);
    default:
      return 1;
  }
}

/* json_dumps() that never hands out a damaged text: jansson 2.14 can return a malformed or
 * incomplete document, as if it had succeeded, when an allocation fails while it writes
 * (a key written as a lone quote, found by the allocation-failure sweep). The text is read
 * back and compared with v; NULL (treat as TTHC_ENOMEM) when it differs or cannot be read.
 * Release the result with tthc__json_free(). */
static inline void tthc__json_free(void *p);
static inline char *tthc__json_dumps(const json_t *v, size_t flags) {
  char *s = json_dumps(v, flags);
  if (!s) return NULL;
  json_error_t je;
  json_t *back = json_loads(s, 0, &je);
  int ok = back && tthc__json_same(v, back);
  json_decref(back);
  if (!ok) tthc__json_free(s);
  return ok ? s : NULL;
}

/* Release memory jansson allocated (json_dumps): with jansson's free function, which the
 * application may have replaced (json_set_alloc_funcs), never free() directly. */
static inline void tthc__json_free(void *p) {
  json_malloc_t m = NULL;
  json_free_t f = NULL;
  json_get_alloc_funcs(&m, &f);
  if (f) f(p);
}

#endif
