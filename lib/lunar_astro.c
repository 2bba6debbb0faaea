/* lunar (astronomy): ΔT, the Sun's apparent longitude, true new moons, and the structure of the
 * lunar year they imply. This is the model the year tables in lunar_data.c are generated from
 * (tests/gen/gen_lunar.c); conversions at run time use the tables, not this code.
 *
 * Sources of the constants (facts, re-typed; no code copied):
 *   - J. Meeus, Astronomical Algorithms, 2nd ed. (1998): ch. 22 nutation (IAU 1980, 63 terms),
 *     ch. 25 "higher accuracy" Sun with the truncated VSOP87 of appendix III, ch. 49 phases of
 *     the Moon (all new-moon terms and the 14 planetary arguments A1-A14).
 *   - F. Espenak & J. Meeus, Five Millennium Canon of Solar Eclipses (NASA/TP-2006-214141),
 *     polynomial expressions for ΔT.
 */
#include <math.h>

#include "core_internal.h"
#include "lunar_internal.h"

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)
#define ARCSEC (1.0 / 3600.0)
#define SYNODIC_MONTH 29.530588861
#define NEW_MOON_0 2451550.09766 /* JDE of lunation 0, 2000-01-06 */
#define J2000 2451545.0

/* ---- ΔT --------------------------------------------------------------------------------- */

static double poly(const double *c, int n, double t) {
  double r = 0.0;
  for (int i = n - 1; i >= 0; i--) r = r * t + c[i];
  return r;
}

double tthc__lunar_delta_t(double y) {
  double t, u;
  if (y < -500 || y >= 2150) {
    u = (y - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (y < 500) {
    static const double c[] = {10583.6, -1014.41, 33.78311, -5.952053, -0.1798452,
                               0.022174192, 0.0090316521};
    return poly(c, 7, y / 100);
  }
  if (y < 1600) {
    static const double c[] = {1574.2, -556.01, 71.23472, 0.319781, -0.8503463,
                               -0.005050998, 0.0083572073};
    return poly(c, 7, (y - 1000) / 100);
  }
  if (y < 1700) {
    static const double c[] = {120, -0.9808, -0.01532, 1.0 / 7129};
    return poly(c, 4, y - 1600);
  }
  if (y < 1800) {
    static const double c[] = {8.83, 0.1603, -0.0059285, 0.00013336, -1.0 / 1174000};
    return poly(c, 5, y - 1700);
  }
  if (y < 1860) {
    static const double c[] = {13.72,       -0.332447,    0.0068612,   0.0041116,
                               -0.00037436, 0.0000121272, -0.0000001699, 0.000000000875};
    return poly(c, 8, y - 1800);
  }
  if (y < 1900) {
    static const double c[] = {7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624,
                               1.0 / 233174};
    return poly(c, 6, y - 1860);
  }
  if (y < 1920) {
    static const double c[] = {-2.79, 1.494119, -0.0598939, 0.0061966, -0.000197};
    return poly(c, 5, y - 1900);
  }
  if (y < 1941) {
    static const double c[] = {21.20, 0.84493, -0.076100, 0.0020936};
    return poly(c, 4, y - 1920);
  }
  if (y < 1961) {
    static const double c[] = {29.07, 0.407, -1.0 / 233, 1.0 / 2547};
    return poly(c, 4, y - 1950);
  }
  if (y < 1986) {
    static const double c[] = {45.45, 1.067, -1.0 / 260, -1.0 / 718};
    return poly(c, 4, y - 1975);
  }
  if (y < 2005) {
    static const double c[] = {63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599};
    return poly(c, 6, y - 2000);
  }
  if (y < 2050) {
    static const double c[] = {62.92, 0.32217, 0.005589};
    return poly(c, 3, y - 2000);
  }
  t = (y - 1820) / 100;
  return -20 + 32 * t * t - 0.5628 * (2150 - y);
}

static double jd_to_year(double jd) { return 2000.0 + (jd - J2000) / 365.25; }

static double delta_t_days(double jd) { return tthc__lunar_delta_t(jd_to_year(jd)) / 86400.0; }

/* ---- the Sun ------------------------------------------------------------------------------ */

typedef struct vsop_term {
  double a, b, c; /* a cos(b + c τ), τ in Julian millennia from J2000 (TT) */
} vsop_term;

/* Earth's heliocentric longitude, VSOP87 as truncated in Meeus' appendix III (units 1e-8 rad). */
static const vsop_term L0[] = {
    {175347046, 0, 0},          {3341656, 4.6692568, 6283.0758500},
    {34894, 4.6261, 12566.1517}, {3497, 2.7441, 5753.3849},
    {3418, 2.8289, 3.5231},      {3136, 3.6277, 77713.7715},
    {2676, 4.4181, 7860.4194},   {2343, 6.1352, 3930.2097},
    {1324, 0.7425, 11506.7698},  {1273, 2.0371, 529.6910},
    {1199, 1.1096, 1577.3435},   {990, 5.233, 5884.927},
    {902, 2.045, 26.298},        {857, 3.508, 398.149},
    {780, 1.179, 5223.694},      {753, 2.533, 5507.553},
    {505, 4.583, 18849.228},     {492, 4.205, 775.523},
    {357, 2.920, 0.067},         {317, 5.849, 11790.629},
    {284, 1.899, 796.298},       {271, 0.315, 10977.079},
    {243, 0.345, 5486.778},      {206, 4.806, 2544.314},
    {205, 1.869, 5573.143},      {202, 2.458, 6069.777},
    {156, 0.833, 213.299},       {132, 3.411, 2942.463},
    {126, 1.083, 20.775},        {115, 0.645, 0.980},
    {103, 0.636, 4694.003},      {102, 0.976, 15720.839},
    {102, 4.267, 7.114},         {99, 6.21, 2146.17},
    {98, 0.68, 155.42},          {86, 5.98, 161000.69},
    {85, 1.30, 6275.96},         {85, 3.67, 71430.70},
    {80, 1.81, 17260.15},        {79, 3.04, 12036.46},
    {75, 1.76, 5088.63},         {74, 3.50, 3154.69},
    {74, 4.68, 801.82},          {70, 0.83, 9437.76},
    {62, 3.98, 8827.39},         {61, 1.82, 7084.90},
    {57, 2.78, 6286.60},         {56, 4.39, 14143.50},
    {56, 3.47, 6279.55},         {52, 0.19, 12139.55},
    {52, 1.33, 1748.02},         {51, 0.28, 5856.48},
    {49, 0.49, 1194.45},         {41, 5.37, 8429.24},
    {41, 2.40, 19651.05},        {39, 6.17, 10447.39},
    {37, 6.04, 10213.29},        {37, 2.57, 1059.38},
    {36, 1.71, 2352.87},         {36, 1.78, 6812.77},
    {33, 0.59, 17789.85},        {30, 0.44, 83996.85},
    {30, 2.74, 1349.87},         {25, 3.16, 4690.48},
};
static const vsop_term L1[] = {
    {628331966747.0, 0, 0},      {206059, 2.678235, 6283.07585},
    {4303, 2.6351, 12566.1517},  {425, 1.590, 3.523},
    {119, 5.796, 26.298},        {109, 2.966, 1577.344},
    {93, 2.59, 18849.23},        {72, 1.14, 529.69},
    {68, 1.87, 398.15},          {67, 4.41, 5507.55},
    {59, 2.89, 5223.69},         {56, 2.17, 155.42},
    {45, 0.40, 796.30},          {36, 0.47, 775.52},
    {29, 2.65, 7.11},            {21, 5.34, 0.98},
    {19, 1.85, 5486.78},         {19, 4.97, 213.30},
    {17, 2.99, 6275.96},         {16, 0.03, 2544.31},
    {16, 1.43, 2146.17},         {15, 1.21, 10977.08},
    {12, 2.83, 1748.02},         {12, 3.26, 5088.63},
    {12, 5.27, 1194.45},         {12, 2.08, 4694.00},
    {11, 0.77, 553.57},          {10, 1.30, 6286.60},
    {10, 4.24, 1349.87},         {9, 2.70, 242.73},
    {9, 5.64, 951.72},           {8, 5.30, 2352.87},
    {6, 2.65, 9437.76},          {6, 4.67, 4690.48},
};
static const vsop_term L2[] = {
    {52919, 0, 0},          {8720, 1.0721, 6283.0758}, {309, 0.867, 12566.152},
    {27, 0.05, 3.52},       {16, 5.19, 26.30},         {16, 3.68, 155.42},
    {10, 0.76, 18849.23},   {9, 2.06, 77713.77},       {7, 0.83, 775.52},
    {5, 4.66, 1577.34},     {4, 1.03, 7.11},           {4, 3.44, 5573.14},
    {3, 5.14, 796.30},      {3, 6.05, 5507.55},        {3, 1.19, 242.73},
    {3, 6.12, 529.69},      {3, 0.31, 398.15},         {3, 2.28, 553.57},
    {2, 4.38, 5223.69},     {2, 3.75, 0.98},
};
static const vsop_term L3[] = {
    {289, 5.844, 6283.076}, {35, 0, 0},          {17, 5.49, 12566.15}, {3, 5.20, 155.42},
    {1, 4.72, 3.52},        {1, 5.30, 18849.23}, {1, 5.97, 242.73},
};
static const vsop_term L4[] = {{114, 3.142, 0}, {8, 4.13, 6283.08}, {1, 3.84, 12566.15}};
static const vsop_term L5[] = {{1, 3.14, 0}};

/* Earth's radius vector (units 1e-8 AU), for the aberration. */
static const vsop_term R0[] = {
    {100013989, 0, 0},          {1670700, 3.0984635, 6283.0758500},
    {13956, 3.05525, 12566.1517}, {3084, 5.1985, 77713.7715},
    {1628, 1.1739, 5753.3849},   {1576, 2.8469, 7860.4194},
    {925, 5.453, 11506.770},     {542, 4.564, 3930.210},
    {472, 3.661, 5884.927},      {346, 0.964, 5507.553},
    {329, 5.900, 5223.694},      {307, 0.299, 5573.143},
    {243, 4.273, 11790.629},     {212, 5.847, 1577.344},
    {186, 5.022, 10977.079},     {175, 3.012, 18849.228},
    {110, 5.055, 5486.778},      {98, 0.89, 6069.78},
    {86, 5.69, 15720.84},        {86, 1.27, 161000.69},
    {85, 0.27, 17260.15},        {63, 0.92, 529.69},
    {57, 2.01, 83996.85},        {56, 5.24, 71430.70},
    {49, 3.25, 2544.31},         {47, 2.58, 775.52},
    {45, 5.54, 9437.76},         {43, 6.01, 6275.96},
    {39, 5.36, 4694.00},         {38, 2.39, 8827.39},
    {37, 0.83, 19651.05},        {37, 4.90, 12139.55},
    {36, 1.67, 12036.46},        {35, 1.84, 2942.46},
    {33, 0.24, 7084.90},         {32, 0.18, 5088.63},
    {32, 1.78, 398.15},          {28, 1.21, 6286.60},
    {28, 1.90, 6279.55},         {26, 4.59, 10447.39},
};
static const vsop_term R1[] = {
    {103019, 1.10749, 6283.07585}, {1721, 1.0644, 12566.1517}, {702, 3.142, 0},
    {32, 1.02, 18849.23},          {31, 2.84, 5507.55},        {25, 1.32, 5223.69},
    {18, 1.42, 1577.34},           {10, 5.91, 10977.08},       {9, 1.42, 6275.96},
    {9, 0.27, 5486.78},
};
static const vsop_term R2[] = {
    {4359, 5.7846, 6283.0758}, {124, 5.579, 12566.152}, {12, 3.14, 0},
    {9, 3.63, 77713.77},       {6, 1.87, 5573.14},      {3, 5.47, 18849.23},
};
static const vsop_term R3[] = {{145, 4.273, 6283.076}, {7, 3.92, 12566.15}};
static const vsop_term R4[] = {{4, 2.56, 6283.08}};

#define NTERMS(t) (sizeof(t) / sizeof((t)[0]))

static double vsop_sum(const vsop_term *t, size_t n, double tau) {
  double s = 0.0;
  for (size_t i = 0; i < n; i++) s += t[i].a * cos(t[i].b + t[i].c * tau);
  return s;
}

/* Nutation in longitude, IAU 1980 (Meeus table 22.A): multipliers of D, M, M', F, Ω and the
 * coefficients of sin, in units of 0.0001": (a + b T) sin(argument). */
typedef struct nutation_term {
  signed char d, m, mp, f, om;
  double a, b;
} nutation_term;

static const nutation_term NUTATION[] = {
    {0, 0, 0, 0, 1, -171996, -174.2}, {-2, 0, 0, 2, 2, -13187, -1.6},
    {0, 0, 0, 2, 2, -2274, -0.2},     {0, 0, 0, 0, 2, 2062, 0.2},
    {0, 1, 0, 0, 0, 1426, -3.4},      {0, 0, 1, 0, 0, 712, 0.1},
    {-2, 1, 0, 2, 2, -517, 1.2},      {0, 0, 0, 2, 1, -386, -0.4},
    {0, 0, 1, 2, 2, -301, 0},         {-2, -1, 0, 2, 2, 217, -0.5},
    {-2, 0, 1, 0, 0, -158, 0},        {-2, 0, 0, 2, 1, 129, 0.1},
    {0, 0, -1, 2, 2, 123, 0},         {2, 0, 0, 0, 0, 63, 0},
    {0, 0, 1, 0, 1, 63, 0.1},         {2, 0, -1, 2, 2, -59, 0},
    {0, 0, -1, 0, 1, -58, -0.1},      {0, 0, 1, 2, 1, -51, 0},
    {-2, 0, 2, 0, 0, 48, 0},          {0, 0, -2, 2, 1, 46, 0},
    {2, 0, 0, 2, 2, -38, 0},          {0, 0, 2, 2, 2, -31, 0},
    {0, 0, 2, 0, 0, 29, 0},           {-2, 0, 1, 2, 2, 29, 0},
    {0, 0, 0, 2, 0, 26, 0},           {-2, 0, 0, 2, 0, -22, 0},
    {0, 0, -1, 2, 1, 21, 0},          {0, 2, 0, 0, 0, 17, -0.1},
    {2, 0, -1, 0, 1, 16, 0},          {-2, 2, 0, 2, 2, -16, 0.1},
    {0, 1, 0, 0, 1, -15, 0},          {-2, 0, 1, 0, 1, -13, 0},
    {0, -1, 0, 0, 1, -12, 0},         {0, 0, 2, -2, 0, 11, 0},
    {2, 0, -1, 2, 1, -10, 0},         {2, 0, 1, 2, 2, -8, 0},
    {0, 1, 0, 2, 2, 7, 0},            {-2, 1, 1, 0, 0, -7, 0},
    {0, -1, 0, 2, 2, -7, 0},          {2, 0, 0, 2, 1, -7, 0},
    {2, 0, 1, 0, 0, 6, 0},            {-2, 0, 2, 2, 2, 6, 0},
    {-2, 0, 1, 2, 1, 6, 0},           {2, 0, -2, 0, 1, -6, 0},
    {2, 0, 0, 0, 1, -6, 0},           {0, -1, 1, 0, 0, 5, 0},
    {-2, -1, 0, 2, 1, -5, 0},         {-2, 0, 0, 0, 1, -5, 0},
    {0, 0, 2, 2, 1, -5, 0},           {-2, 0, 2, 0, 1, 4, 0},
    {-2, 1, 0, 2, 1, 4, 0},           {0, 0, 1, -2, 0, 4, 0},
    {-1, 0, 1, 0, 0, -4, 0},          {-2, 1, 0, 0, 0, -4, 0},
    {1, 0, 0, 0, 0, -4, 0},           {0, 0, 1, 2, 0, 3, 0},
    {0, 0, -2, 2, 2, -3, 0},          {-1, -1, 1, 0, 0, -3, 0},
    {0, 1, 1, 0, 0, -3, 0},           {0, -1, 1, 2, 2, -3, 0},
    {2, -1, -1, 2, 2, -3, 0},         {0, 0, 3, 2, 2, -3, 0},
    {2, -1, 0, 2, 2, -3, 0},
};

/* Nutation in longitude Δψ in degrees, T in Julian centuries (TT) from J2000. */
static double nutation_longitude(double T) {
  double T2 = T * T, T3 = T2 * T;
  double D = (297.85036 + 445267.111480 * T - 0.0019142 * T2 + T3 / 189474) * DEG;
  double M = (357.52772 + 35999.050340 * T - 0.0001603 * T2 - T3 / 300000) * DEG;
  double Mp = (134.96298 + 477198.867398 * T + 0.0086972 * T2 + T3 / 56250) * DEG;
  double F = (93.27191 + 483202.017538 * T - 0.0036825 * T2 + T3 / 327270) * DEG;
  double Om = (125.04452 - 1934.136261 * T + 0.0020708 * T2 + T3 / 450000) * DEG;
  double s = 0.0;
  for (size_t i = 0; i < NTERMS(NUTATION); i++) {
    const nutation_term *n = &NUTATION[i];
    double arg = n->d * D + n->m * M + n->mp * Mp + n->f * F + n->om * Om;
    s += (n->a + n->b * T) * sin(arg);
  }
  return s * 0.0001 * ARCSEC;
}

double tthc__lunar_sun_longitude(double jde) {
  double tau = (jde - J2000) / 365250.0;
  double L = vsop_sum(L0, NTERMS(L0), tau) +
             tau * (vsop_sum(L1, NTERMS(L1), tau) +
                    tau * (vsop_sum(L2, NTERMS(L2), tau) +
                           tau * (vsop_sum(L3, NTERMS(L3), tau) +
                                  tau * (vsop_sum(L4, NTERMS(L4), tau) +
                                         tau * vsop_sum(L5, NTERMS(L5), tau)))));
  double R = vsop_sum(R0, NTERMS(R0), tau) +
             tau * (vsop_sum(R1, NTERMS(R1), tau) +
                    tau * (vsop_sum(R2, NTERMS(R2), tau) +
                           tau * (vsop_sum(R3, NTERMS(R3), tau) +
                                  tau * vsop_sum(R4, NTERMS(R4), tau))));
  L *= 1e-8; /* radians, heliocentric */
  R *= 1e-8; /* AU */
  double theta = L / DEG + 180.0;        /* geometric geocentric longitude, VSOP87 frame */
  theta += -0.09033 * ARCSEC;            /* to FK5 */
  theta += nutation_longitude(tau * 10); /* to the true equinox of date */
  theta += -20.4898 * ARCSEC / R;        /* annual aberration */
  theta = fmod(theta, 360.0);
  return theta < 0 ? theta + 360.0 : theta;
}

/* Signed difference a − b of two longitudes in degrees, in (−180, 180]. */
static double angle_diff(double a, double b) {
  double d = fmod(a - b, 360.0);
  if (d <= -180.0) d += 360.0;
  if (d > 180.0) d -= 360.0;
  return d;
}

static double jd_of_civil(int32_t year, int month, double day) {
  int64_t y = year, m = month;
  if (m <= 2) y--, m += 12;
  int64_t a = tthc__floordiv(y, 100);
  int64_t b = 2 - a + tthc__floordiv(a, 4);
  return floor(365.25 * (double)(y + 4716)) + floor(30.6001 * (double)(m + 1)) + day +
         (double)b - 1524.5;
}

double tthc__lunar_solar_term_jd_ut(int32_t year, int longitude) {
  /* Start from the mean motion counted from about 20 March, then Newton's method on the
   * apparent longitude (dλ/dt ≈ 360°/365.2422 d; the factor leaves a margin for the orbit's
   * eccentricity). Converges to well under a millisecond in 3-5 steps. */
  double off = longitude < 280 ? longitude : longitude - 360.0;
  double jde = jd_of_civil(year, 3, 20.5) + off / 360.0 * 365.2422;
  for (int i = 0; i < 30; i++) {
    double step = angle_diff(longitude, tthc__lunar_sun_longitude(jde)) * (365.2422 / 360.0);
    jde += step;
    if (fabs(step) < 1e-9) break;
  }
  return jde - delta_t_days(jde);
}

/* ---- the Moon ----------------------------------------------------------------------------- */

/* Meeus table 49 (new moon): coefficient, power of E, multipliers of M, M', F, Ω. */
typedef struct phase_term {
  double coef;
  signed char e, m, mp, f, om;
} phase_term;

static const phase_term NEW_MOON_TERMS[] = {
    {-0.40720, 0, 0, 1, 0, 0},  {0.17241, 1, 1, 0, 0, 0},   {0.01608, 0, 0, 2, 0, 0},
    {0.01039, 0, 0, 0, 2, 0},   {0.00739, 1, -1, 1, 0, 0},  {-0.00514, 1, 1, 1, 0, 0},
    {0.00208, 2, 2, 0, 0, 0},   {-0.00111, 0, 0, 1, -2, 0}, {-0.00057, 0, 0, 1, 2, 0},
    {0.00056, 1, 1, 2, 0, 0},   {-0.00042, 0, 0, 3, 0, 0},  {0.00042, 1, 1, 0, 2, 0},
    {0.00038, 1, 1, 0, -2, 0},  {-0.00024, 1, -1, 2, 0, 0}, {-0.00017, 0, 0, 0, 0, 1},
    {-0.00007, 0, 2, 1, 0, 0},  {0.00004, 0, 0, 2, -2, 0},  {0.00004, 0, 3, 0, 0, 0},
    {0.00003, 0, 1, 1, -2, 0},  {0.00003, 0, 0, 2, 2, 0},   {-0.00003, 0, 1, 1, 2, 0},
    {0.00003, 0, -1, 1, 2, 0},  {-0.00002, 0, -1, 1, -2, 0}, {-0.00002, 0, 1, 3, 0, 0},
    {0.00002, 0, 0, 4, 0, 0},
};

/* The 14 planetary arguments A1-A14: constant, rate per lunation, coefficient. A1 also has a
 * T² term (−0.009173°). */
static const struct {
  double c0, rate, coef;
} PLANETARY[] = {
    {299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
    {349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
    {207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
    {207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
    {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
};

double tthc__lunar_new_moon_jde(int32_t lunation) {
  double k = lunation;
  double T = k / 1236.85, T2 = T * T, T3 = T2 * T, T4 = T3 * T;
  double jde = NEW_MOON_0 + SYNODIC_MONTH * k + 0.00015437 * T2 - 0.000000150 * T3 +
               0.00000000073 * T4;
  double E = 1 - 0.002516 * T - 0.0000074 * T2;
  double M = (2.5534 + 29.10535670 * k - 0.0000014 * T2 - 0.00000011 * T3) * DEG;
  double Mp = (201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 -
               0.000000058 * T4) * DEG;
  double F = (160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 +
              0.000000011 * T4) * DEG;
  double Om = (124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3) * DEG;
  double corr = 0.0;
  for (size_t i = 0; i < NTERMS(NEW_MOON_TERMS); i++) {
    const phase_term *p = &NEW_MOON_TERMS[i];
    double e = p->e == 0 ? 1.0 : p->e == 1 ? E : E * E;
    corr += p->coef * e * sin(p->m * M + p->mp * Mp + p->f * F + p->om * Om);
  }
  for (size_t i = 0; i < NTERMS(PLANETARY); i++) {
    double a = PLANETARY[i].c0 + PLANETARY[i].rate * k - (i == 0 ? 0.009173 * T2 : 0.0);
    corr += PLANETARY[i].coef * sin(a * DEG);
  }
  return jde + corr;
}

double tthc__lunar_new_moon_jd_ut(int32_t k) {
  double jde = tthc__lunar_new_moon_jde(k);
  return jde - delta_t_days(jde);
}

tthc_date tthc__lunar_local_day(double jd_ut, int tz_hours) {
  return (tthc_date)(floor(jd_ut + 0.5 + tz_hours / 24.0) - TTHC__JDN_UNIX_EPOCH);
}

int64_t tthc__lunar_jd_to_unix(double jd_ut) {
  return (int64_t)llround((jd_ut - TTHC__JD_UNIX_EPOCH) * 86400.0);
}

static tthc_date new_moon_day(int32_t k, int tz) {
  return tthc__lunar_local_day(tthc__lunar_new_moon_jd_ut(k), tz);
}

int32_t tthc__lunar_lunation_on_or_before(tthc_date d, int tz) {
  double jd = d + TTHC__JD_UNIX_EPOCH;
  int32_t k = (int32_t)floor((jd - NEW_MOON_0) / SYNODIC_MONTH);
  while (new_moon_day(k, tz) > d) k--;
  while (new_moon_day(k + 1, tz) <= d) k++;
  return k;
}

/* ---- the lunar year ------------------------------------------------------------------------ */

/* Index (0-11) of the 30° sector the Sun is in at the local midnight that starts day d. */
static int sun_sector(tthc_date d, int tz) {
  double jd_ut = d + TTHC__JD_UNIX_EPOCH - tz / 24.0;
  double lon = tthc__lunar_sun_longitude(jd_ut + delta_t_days(jd_ut));
  int s = (int)floor(lon / 30.0);
  return s > 11 ? 11 : s;
}

/* The months of "suì" Y: from the month containing the winter solstice of Y − 1 (month 11) up
 * to, excluding, the month containing the winter solstice of Y. */
typedef struct sui {
  int n;                /* 12 or 13 */
  tthc_date start[14];  /* start[i] = first day of month i; start[n] = next month 11 */
  int number[13];
  int leap[13];
} sui;

static int32_t month11_lunation(int32_t year, int tz) {
  tthc_date solstice = tthc__lunar_local_day(tthc__lunar_solar_term_jd_ut(year, 270), tz);
  return tthc__lunar_lunation_on_or_before(solstice, tz);
}

static tthc_status compute_sui(int32_t year, int tz, sui *s) {
  int32_t ka = month11_lunation(year - 1, tz), kb = month11_lunation(year, tz);
  s->n = (int)(kb - ka);
  TTHC_RETURN_IF(s->n != 12 && s->n != 13, TTHC_EFORMAT);
  for (int i = 0; i <= s->n; i++) s->start[i] = new_moon_day(ka + i, tz);
  int leap_at = 0; /* index of the leap month, 0 = none (month 11 itself is never leap) */
  if (s->n == 13) {
    int prev = sun_sector(s->start[1], tz);
    for (int i = 1; i <= 12 && !leap_at; i++) {
      int next = sun_sector(s->start[i + 1], tz);
      if (next == prev) leap_at = i; /* no major term began during month i */
      prev = next;
    }
    TTHC_RETURN_IF(!leap_at, TTHC_EFORMAT);
  }
  int number = 10;
  for (int i = 0; i < s->n; i++) {
    int is_leap = (i == leap_at && leap_at != 0);
    if (!is_leap) number = number % 12 + 1;
    s->number[i] = number;
    s->leap[i] = is_leap;
  }
  return TTHC_OK;
}

static int year_in_range(int32_t y) {
  return y >= TTHC__ASTRO_FIRST_YEAR + 1 && y <= TTHC__ASTRO_LAST_YEAR - 1;
}

tthc_status tthc__lunar_astro_year(int32_t year, int tz, uint32_t *code) {
  TTHC_RETURN_IF(!code, TTHC_EINVAL);
  *code = 0;
  TTHC_RETURN_IF(!year_in_range(year), TTHC_ERANGE);
  sui a, b;
  TTHC_TRY(compute_sui(year, tz, &a));     /* months 1-10 of lunar year `year` */
  TTHC_TRY(compute_sui(year + 1, tz, &b)); /* months 11-12 of it, then Tết of year + 1 */
  tthc_date start[14];
  int n = 0, leap = 0;
  for (int i = 0; i < a.n; i++)
    if (a.number[i] <= 10) {
      start[n++] = a.start[i];
      if (a.leap[i]) leap = a.number[i];
    }
  int i = 0;
  for (; i < b.n && b.number[i] >= 11; i++) {
    start[n++] = b.start[i];
    if (b.leap[i]) {
      TTHC_RETURN_IF(leap, TTHC_EFORMAT);
      leap = b.number[i];
    }
  }
  TTHC_RETURN_IF(n != (leap ? 13 : 12) || b.number[i] != 1 || b.leap[i], TTHC_EFORMAT);
  start[n] = b.start[i];
  tthc_date jan1 = (tthc_date)(jd_of_civil(year, 1, 1.5) - TTHC__JDN_UNIX_EPOCH);
  int32_t tet_off = start[0] - jan1;
  TTHC_RETURN_IF(tet_off < 0 || tet_off > 63, TTHC_EFORMAT);
  uint32_t c = (uint32_t)tet_off << TTHC__LUNAR_TET_SHIFT | (uint32_t)leap << TTHC__LUNAR_LEAP_SHIFT;
  for (int m = 0; m < n; m++) {
    int len = start[m + 1] - start[m];
    TTHC_RETURN_IF(len != 29 && len != 30, TTHC_EFORMAT);
    if (len == 30) c |= 1u << m;
  }
  *code = c;
  return TTHC_OK;
}

tthc_status tthc__lunar_astro_from_solar(tthc_date d, int tz, tthc_lunar_date *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = (tthc_lunar_date){0, 0, 0, 0};
  /* Gregorian year of d, from its Julian Day. */
  double jd = d + TTHC__JD_UNIX_EPOCH + 0.5;
  int32_t year = (int32_t)floor(jd_to_year(jd));
  if (jd_of_civil(year + 1, 1, 1.5) <= jd) year++;
  if (jd_of_civil(year, 1, 1.5) > jd) year--;
  TTHC_RETURN_IF(!year_in_range(year), TTHC_ERANGE);
  sui s;
  TTHC_TRY(compute_sui(year, tz, &s));
  if (d >= s.start[s.n]) {
    year++;
    TTHC_TRY(compute_sui(year, tz, &s));
  }
  int i = s.n - 1;
  while (i > 0 && s.start[i] > d) i--;
  out->year = s.number[i] >= 11 ? year - 1 : year;
  out->month = (int8_t)s.number[i];
  out->day = (int8_t)(d - s.start[i] + 1);
  out->leap = (int8_t)s.leap[i];
  return TTHC_OK;
}
