/* Private interface of the lunar module: the astronomical model (lunar_astro.c), the generated
 * year tables (lunar_data.c, written by tests/gen/gen_lunar.c) and the table layout that
 * lunar.c decodes. Not installed. */
#ifndef TTHC_LUNAR_INTERNAL_H
#define TTHC_LUNAR_INTERNAL_H

#include <stdint.h>

#include "tthc/lunar.h"

/* ---- year tables ------------------------------------------------------------------------- */

/* Lunar years in the tables: 1799 (it holds 1800-01-01) to 2199 (it holds 2199-12-31). */
#define TTHC__LUNAR_FIRST_YEAR 1799
#define TTHC__LUNAR_LAST_YEAR 2199
#define TTHC__LUNAR_YEARS (TTHC__LUNAR_LAST_YEAR - TTHC__LUNAR_FIRST_YEAR + 1)

/* One uint32 per lunar year:
 *   bits  0-12  length of the year's months in order, leap month included: bit i set = the
 *               i-th month (0-based) has 30 days, clear = 29 (bit 12 unused in 12-month years)
 *   bits 13-16  the leap month (1-12), 0 if the year has 12 months
 *   bits 17-22  day of Tết (lunar 1/1) counted from 1 January of the same Gregorian year (0-63)
 * The lunar year Y runs from its Tết to the day before the Tết of Y + 1. */
#define TTHC__LUNAR_LEN_MASK 0x1fffu
#define TTHC__LUNAR_LEAP_SHIFT 13
#define TTHC__LUNAR_TET_SHIFT 17

extern const uint32_t tthc__lunar_table_utc7[TTHC__LUNAR_YEARS];
extern const uint32_t tthc__lunar_table_utc8[TTHC__LUNAR_YEARS];

/* ---- astronomy (lunar_astro.c) ----------------------------------------------------------- */

/* Years the astronomical functions accept (ΔT polynomials and series hold well here). */
#define TTHC__ASTRO_FIRST_YEAR 1000
#define TTHC__ASTRO_LAST_YEAR 3000

/* Julian Day of 1970-01-01T00:00 UT, and the Julian Day Number of 1970-01-01. */
#define TTHC__JD_UNIX_EPOCH 2440587.5
#define TTHC__JDN_UNIX_EPOCH 2440588

/* ΔT = TT − UT in seconds at decimal year @p year (Espenak & Meeus 2006 polynomials). */
double tthc__lunar_delta_t(double year);

/* Apparent geocentric longitude of the Sun in degrees [0, 360) at Julian Ephemeris Day @p jde
 * (TT): truncated VSOP87 (Meeus, appendix III), FK5 correction, IAU 1980 nutation (63 terms)
 * and annual aberration. */
double tthc__lunar_sun_longitude(double jde);

/* Julian Ephemeris Day (TT) of the true new moon of lunation @p k (k = 0: 2000-01-06), Meeus
 * ch. 49 with all periodic terms and the 14 planetary arguments. */
double tthc__lunar_new_moon_jde(int32_t k);

/* The same instant as a Julian Day in UT. */
double tthc__lunar_new_moon_jd_ut(int32_t k);

/* Julian Day (UT) when the Sun's apparent longitude reaches @p longitude degrees (a multiple of
 * 15) during Gregorian year @p year. */
double tthc__lunar_solar_term_jd_ut(int32_t year, int longitude);

/* Local day (tthc_date) containing the instant @p jd_ut in a zone @p tz_hours east of UTC. */
tthc_date tthc__lunar_local_day(double jd_ut, int tz_hours);

/* Unix seconds of a Julian Day (UT), rounded to the second. */
int64_t tthc__lunar_jd_to_unix(double jd_ut);

/* Lunation number whose new moon falls on or before local day @p d (and the next one after). */
int32_t tthc__lunar_lunation_on_or_before(tthc_date d, int tz_hours);

/* The table entry (layout above) of lunar year @p year computed astronomically for a zone
 * @p tz_hours east of UTC. Returns TTHC_ERANGE outside the astronomical range, TTHC_EFORMAT if
 * the year cannot be encoded (never for 1799-2199). */
tthc_status tthc__lunar_astro_year(int32_t year, int tz_hours, uint32_t *code);

/* Solar -> lunar computed directly from the astronomy (no table), for a zone @p tz_hours east
 * of UTC. Tens of microseconds; the tests and the benchmark compare it with the table. */
tthc_status tthc__lunar_astro_from_solar(tthc_date d, int tz_hours, tthc_lunar_date *out);

#endif
