/**
 * @file ical.h
 * @brief iCalendar (RFC 5545) export and import of working calendars.
 *
 * Export writes the entries of a calendar over a date range as all-day VEVENTs that common
 * calendar programs open: Vietnamese SUMMARY, the kind in CATEGORIES ("holiday",
 * "compensatory", "swap_off", "makeup_workday", "local"), the English name and the legal
 * source in DESCRIPTION and in X-TTHC-NAME-EN / X-TTHC-SOURCE, stable UIDs. Make-up working
 * days are included and marked by their category. The calendar also carries its weekly rest
 * days (X-TTHC-WEEKLY-REST) and the status of each year (X-TTHC-YEAR-STATUS), so that
 * importing an export into a builder of the same years gives back the same calendar.
 *
 * Import reads such a file, or any .ics of all-day VEVENTs (one day or several, DTEND or
 * DURATION, yearly RRULEs): an event whose CATEGORIES name a kind gets that kind, any other
 * event is a local day off (::TTHC_DAY_LOCAL). Days imported override the builder's base like
 * tthc_cal_builder_add_day().
 *
 * Thread safety: the functions are reentrant; the calendar passed to export may be shared,
 * the builder passed to import belongs to the calling thread. No global state of libical is
 * touched by bad input: every value is checked before libical sees it.
 */
#ifndef TTHC_ICAL_H
#define TTHC_ICAL_H

#include "tthc/calendar.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Export the entries of @p cal dated in [@p from, @p to] (clipped to the calendar) as an
 * iCalendar text (UTF-8, CRLF line ends, lines folded at 75 octets).
 *
 * Output is deterministic: the same calendar and range always give the same bytes (UID
 * "YYYYMMDD@tthc", DTSTAMP fixed at the entry's date 00:00:00Z), so a portal can cache or
 * compare exports.
 * @param cal the calendar. @param from first date. @param to last date (inclusive).
 * @param[out] out the NUL-terminated text, released with tthc_free(); NULL on failure.
 * @param[out] len if not NULL, its length in bytes (0 on failure).
 * @return TTHC_OK; TTHC_ERANGE if @p to < @p from or the range misses the calendar;
 *         TTHC_EINVAL (NULL @p cal or @p out); TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_ical_export_alloc(const tthc_cal *cal, tthc_date from, tthc_date to,
                                            char **out, size_t *len);

/**
 * Import an iCalendar text into a builder: each all-day VEVENT adds its day(s) (see the file
 * comment for kinds and names), X-TTHC-WEEKLY-REST sets the weekly rest days and
 * X-TTHC-YEAR-STATUS the status of a year. Events with STATUS:CANCELLED are skipped, as are
 * components other than VEVENT (VTIMEZONE, VTODO …) and properties not listed here.
 * Occurrences outside the builder's years are ignored. RRULE: FREQ=YEARLY with INTERVAL,
 * COUNT or UNTIL (and BYMONTH/BYMONTHDAY equal to DTSTART's) is expanded; other rules are
 * TTHC_EUNSUPPORTED.
 *
 * All or nothing: on any error the builder is unchanged.
 * @param b the builder that receives the days.
 * @param text the .ics content (need not be NUL-terminated); @param len its length in bytes.
 * @param[out] err if not NULL, the line (1-based, physical line of the file), column, byte
 *             offset and a message quoting the offending text; tthc_error::record is the
 *             0-based index of the VEVENT, -1 outside events.
 * @return TTHC_OK; TTHC_ESYNTAX (malformed content line, unbalanced BEGIN/END, not a
 *         VCALENDAR); TTHC_EFORMAT (a VEVENT without DTSTART, DTEND before DTSTART, a bad
 *         status …); TTHC_EDATE (a date that does not exist); TTHC_EUNSUPPORTED (a timed
 *         event, an RRULE outside the subset); TTHC_EUTF8; TTHC_EINVAL (NULL @p b or
 *         @p text); TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_ical_import(tthc_cal_builder *b, const char *text, size_t len,
                                      tthc_error *err);

#ifdef __cplusplus
}
#endif
#endif /* TTHC_ICAL_H */
