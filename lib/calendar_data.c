/* calendar: the holiday law by era and the official civil-servant schedules 2019-2026, as data.
 *
 * Facts and sources: FACTS.md §1 (law, eras) and §2 (official schedules), transcribed by hand.
 * The test tests/test_calendar.c checks every official year day for day against its own,
 * independent transcription of the FACTS §2 table. docs/calendar.md explains every row.
 *
 * To add a year announced after this release, portals load it at run time (JSON or .ics,
 * docs/calendar.md "Adding next year's schedule"); to build it in, append its days to
 * `days[]`, one row to `years[]`, and the expected days to the test. */
#include "calendar_internal.h"

/* ---- eras of the Labor Code ---------------------------------------------------------------- */

#define LC94 "Bộ luật Lao động 1994, Điều 73"
#define LC94A "Bộ luật Lao động 1994 (sửa đổi, bổ sung năm 2007), Điều 73"
#define LC12 "Bộ luật Lao động 2012, Điều 115"
#define LC19H "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112"
#define LC19C "Bộ luật Lao động 2019 (45/2019/QH14), Điều 111(3)"

const tthc__cal_era tthc__cal_eras[] = {
    /* from      to        law                       holidays  compensatory day */
    {0, 20061231, "Labor Code 1994", LC94, LC94},
    {20070101, 20130430, "Labor Code 1994 as amended in 2007", LC94A, LC94A},
    {20130501, 20201231, "Labor Code 2012", LC12, LC12},
    {20210101, 99991231, "Labor Code 2019", LC19H, LC19C},
};
const size_t tthc__cal_neras = sizeof tthc__cal_eras / sizeof tthc__cal_eras[0];

/* ---- holiday rules ----------------------------------------------------------------------------
 * Placement defaults where the Prime Minister decides the days each year (Art. 112(3)):
 * - Tết: the last day of the lunar year and the first 3 (4-day era) or 4 (5-day era) days of
 *   the new year (start = -1).
 * - 2/9 + adjacent day (from 2021): the day before (1/9), except when 2/9 is a Monday or a
 *   Thursday, then the day after (3/9) — the choice that joins the break to a weekend; it
 *   reproduces every announced year 2021-2026. */
#define NOADJ {0, 0, 0, 0, 0, 0, 0}
/*                           Mon Tue Wed Thu Fri Sat Sun */
#define ADJ_2_9 {+1, -1, -1, +1, -1, -1, -1}

const tthc__cal_rule tthc__cal_rules[] = {
    {TTHC__RULE_SOLAR, 1, 1, 1, 0, NOADJ, 0, 99991231, 0, "Tết Dương lịch", "New Year's Day",
     NULL, NULL, "Nghỉ bù Tết Dương lịch", "Compensatory day off for New Year's Day", NULL},
    {TTHC__RULE_LUNAR_SPAN, 1, 1, 4, -1, NOADJ, 0, 20130430, 0, "Tết Nguyên đán",
     "Lunar New Year (Tết)", NULL, NULL, "Nghỉ bù Tết Nguyên đán",
     "Compensatory day off for Lunar New Year", NULL},
    {TTHC__RULE_LUNAR_SPAN, 1, 1, 5, -1, NOADJ, 20130501, 99991231, 0, "Tết Nguyên đán",
     "Lunar New Year (Tết)", NULL, NULL, "Nghỉ bù Tết Nguyên đán",
     "Compensatory day off for Lunar New Year", NULL},
    {TTHC__RULE_LUNAR, 3, 10, 1, 0, NOADJ, 20070101, 99991231, 0, "Giỗ Tổ Hùng Vương",
     "Hùng Kings' Commemoration Day", NULL, NULL, "Nghỉ bù Giỗ Tổ Hùng Vương",
     "Compensatory day off for Hùng Kings' Commemoration Day", NULL},
    {TTHC__RULE_SOLAR, 4, 30, 1, 0, NOADJ, 0, 99991231, 0, "Ngày Chiến thắng",
     "Reunification Day", NULL, NULL, "Nghỉ bù Ngày Chiến thắng",
     "Compensatory day off for Reunification Day", NULL},
    {TTHC__RULE_SOLAR, 5, 1, 1, 0, NOADJ, 0, 99991231, 0, "Ngày Quốc tế Lao động",
     "International Labour Day", NULL, NULL, "Nghỉ bù Ngày Quốc tế Lao động",
     "Compensatory day off for International Labour Day", NULL},
    {TTHC__RULE_SOLAR, 9, 2, 1, 0, NOADJ, 0, 20201231, 0, "Quốc khánh", "National Day", NULL,
     NULL, "Nghỉ bù Quốc khánh", "Compensatory day off for National Day", NULL},
    {TTHC__RULE_ADJACENT, 9, 2, 1, 0, ADJ_2_9, 20210101, 99991231, 0, "Quốc khánh",
     "National Day", "Quốc khánh (ngày liền kề)", "National Day (adjacent day)",
     "Nghỉ bù Quốc khánh", "Compensatory day off for National Day", NULL},
    /* Pending: Resolution 80-NQ/TW (7/1/2026) and Government Resolution 30/NQ-CP (26/2/2026)
     * ask for Art. 112(1) to be amended; not law as of the sources read (FACTS §1.3). */
    {TTHC__RULE_SOLAR, 11, 24, 1, 0, NOADJ, 20260101, 99991231, TTHC_CAL_CULTURE_DAY,
     "Ngày Văn hóa Việt Nam", "Vietnamese Culture Day", NULL, NULL,
     "Nghỉ bù Ngày Văn hóa Việt Nam", "Compensatory day off for Vietnamese Culture Day",
     "Nghị quyết 80-NQ/TW (07/01/2026), Nghị quyết 30/NQ-CP (26/02/2026): quy định chờ sửa "
     "Điều 112(1) Bộ luật Lao động, chưa có hiệu lực"},
};
const size_t tthc__cal_nrules = sizeof tthc__cal_rules / sizeof tthc__cal_rules[0];

/* ---- official schedules 2019-2026 (FACTS §2) --------------------------------------------------- */

/* Announcements (FACTS §2 sources; document numbers where FACTS gives them). */
#define A19 "lịch nghỉ lễ, Tết 2019 được Thủ tướng phê duyệt (07/2018); " \
            "https://e.vnexpress.net/news/travel-life/vietnam-s-2019-holiday-plan-includes-9-day-tet-break-3777252.html"
#define A19Q "Quốc khánh 2019 nghỉ 1 ngày; " \
             "http://118.69.201.250:801/news/headlines/24463/employees-to-take-a-long-and-fully-paid-vacation-in-nearly-the-next-two-months"
#define A20T "lịch nghỉ Tết Canh Tý 2020 được Thủ tướng phê duyệt (11/2019); " \
             "https://vietnamnet.vn/en/seven-day-holiday-for-lunar-new-year-2020-approved-582674.html"
#define A20 "lịch nghỉ lễ 2020; https://www.vietnam-briefing.com/news/vietnams-public-holidays-2020.html/"
#define A21T "lịch nghỉ Tết Tân Sửu 2021 được Thủ tướng phê duyệt (11/2020); " \
             "https://tuoitrenews.vn/news/society/20201128/vietnamese-govt-approves-seven-days-off-for-2021-lunar-new-year-holiday/58007.html"
#define A21 "lịch nghỉ lễ 2021; https://sggpnews.org.vn/culture_art/vietnams-public-holidays-in-2021-89687.html"
#define A22T "lịch nghỉ Tết Dương lịch và Tết Nhâm Dần 2022; " \
             "https://www.sggpnews.org.vn/national/ministry-submits-tet-holiday-schedule-to-prime-minister-96166.html"
#define A22A "lịch nghỉ Giỗ Tổ, 30/4, 1/5 năm 2022; " \
             "https://www.sggpnews.org.vn/national/seven-days-off-in-total-for-national-holidays-in-april-97988.html"
#define A22Q "lịch nghỉ Quốc khánh 2022; " \
             "https://en.dangcongsan.vn/vietnam-today/workers-to-have-four-day-off-from-september-1-to-4-on-national-day-599964.html"
#define A23N "Tết Dương lịch 2023: suy ra theo Điều 111(3) (chưa thấy thông báo)"
#define A23T "lịch nghỉ Tết Quý Mão và Quốc khánh 2023 được Thủ tướng phê duyệt (12/2022); " \
             "https://en.nhandan.vn/2023-lunar-new-year-holiday-to-last-seven-days-post120513.html"
#define A23A "lịch nghỉ Giỗ Tổ, 30/4, 1/5 năm 2023; " \
             "https://en.vietnamplus.vn/workers-to-enjoy-fiveday-reunification-day-holiday/247586.vnp"
#define A24N "lịch nghỉ Tết Dương lịch 2024; " \
             "https://e.vnexpress.net/news/news/vietnam-to-enjoy-3-day-break-for-new-year-4660762.html"
#define A24T "lịch nghỉ Tết Giáp Thìn và Quốc khánh 2024 được Thủ tướng phê duyệt (11/2023); " \
             "https://vietnamnews.vn/society/1636141/one-week-break-approved-for-tet-holiday-in-2024.html"
#define A24H "lịch nghỉ lễ 2024; https://vietnamnet.vn/en/laborers-to-enjoy-17-days-of-holidays-in-2024-2232489.html"
#define A24A "Công văn 2450/VPCP-KGVX (2024): nghỉ thứ Hai 29/4, làm bù thứ Bảy 04/5/2024"
#define A24Q "lịch nghỉ Quốc khánh 2024; " \
             "https://en.sggp.org.vn/national-day-holiday-to-last-four-days-post111612.html"
#define A25N "Tết Dương lịch 2025: suy ra theo Điều 112 (chưa thấy thông báo hoán đổi)"
#define A25T "lịch nghỉ Tết Ất Tỵ 2025 được Thủ tướng phê duyệt (11/2024); " \
             "https://en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2025-post114084.html"
#define A25A "lịch nghỉ Giỗ Tổ, 30/4, 1/5 năm 2025 (hoán đổi 02/5, làm bù 26/4); " \
             "https://en.baochinhphu.vn/three-days-off-in-celebration-for-hung-kings-commemoration-day-111250304153250976.htm"
#define A25Q "lịch nghỉ Quốc khánh 2025 do Bộ Nội vụ đề xuất; " \
             "https://vietnamnews.vn/society/1722634/national-day-holiday-to-last-four-days.html"
#define A26N "Công văn 12729/VPCP-KGVX (25/12/2025): nghỉ thứ Sáu 02/01, làm bù thứ Bảy 10/01/2026"
#define A26T "lịch nghỉ Tết Bính Ngọ 2026 được Thủ tướng phê duyệt (10/2025); " \
             "https://en.baochinhphu.vn/prime-minister-approves-9-day-lunar-new-year-holiday-in-2026-111251014090102864.htm"
#define A26H "lịch nghỉ Giỗ Tổ, 30/4, 1/5 năm 2026; " \
             "https://news.laodong.vn/du-lich/tin-tuc/lich-nghi-gio-to-hung-vuong-2026-304-15-va-chi-tiet-cac-ky-nghi-le-1658835.ldo"
#define A26Q "phương án nghỉ Quốc khánh 2026 của Bộ Nội vụ được Thủ tướng phê duyệt (10/2025): " \
             "nghỉ thứ Hai 31/8, làm bù thứ Bảy 22/8/2026; " \
             "https://en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2026-post120979.html"

#define NY "Tết Dương lịch", "New Year's Day"
#define TET "Tết Nguyên đán", "Lunar New Year (Tết)"
#define HUNG "Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration Day"
#define VICT "Ngày Chiến thắng", "Reunification Day"
#define LAB "Ngày Quốc tế Lao động", "International Labour Day"
#define QK "Quốc khánh", "National Day"
#define QKA "Quốc khánh (ngày liền kề)", "National Day (adjacent day)"
#define C_NY "Nghỉ bù Tết Dương lịch", "Compensatory day off for New Year's Day"
#define C_TET "Nghỉ bù Tết Nguyên đán", "Compensatory day off for Lunar New Year"
#define C_HUNG "Nghỉ bù Giỗ Tổ Hùng Vương", "Compensatory day off for Hùng Kings' Commemoration Day"
#define C_VICT "Nghỉ bù Ngày Chiến thắng", "Compensatory day off for Reunification Day"
#define C_LAB "Nghỉ bù Ngày Quốc tế Lao động", "Compensatory day off for International Labour Day"
#define C_QK "Nghỉ bù Quốc khánh", "Compensatory day off for National Day"
#define S_NY "Nghỉ hoán đổi dịp Tết Dương lịch", "Swapped day off (New Year break)"
#define S_MAY "Nghỉ hoán đổi dịp 30/4 – 1/5", "Swapped day off (30 April – 1 May break)"
#define S_QK "Nghỉ hoán đổi dịp Quốc khánh", "Swapped day off (National Day break)"

enum {
  X19_NY_S, X19_NY, X19_NY_M, X19_TET, X19_HUNG, X19_HUNG_C, X19_MAY_S, X19_VICT, X19_LAB,
  X19_MAY_M, X19_QK,
  X20_NY, X20_TET, X20_TET_C, X20_HUNG, X20_VICT, X20_LAB, X20_QK,
  X21_NY, X21_TET, X21_TET_C, X21_HUNG, X21_VICT, X21_LAB, X21_LAB_C, X21_QK, X21_QKA,
  X22_NY, X22_NY_C, X22_TET, X22_HUNG, X22_HUNG_C, X22_VICT, X22_LAB, X22_VICT_C, X22_LAB_C,
  X22_QKA, X22_QK,
  X23_NY, X23_NY_C, X23_TET, X23_TET_C, X23_HUNG, X23_VICT, X23_LAB, X23_HUNG_C, X23_VICT_C,
  X23_QKA, X23_QK, X23_QK_C,
  X24_NY, X24_TET, X24_TET_C, X24_HUNG, X24_MAY_S, X24_VICT, X24_LAB, X24_MAY_M, X24_QK,
  X24_QKA,
  X25_NY, X25_TET, X25_HUNG, X25_MAY_M, X25_VICT, X25_LAB, X25_MAY_S, X25_QKA, X25_QK,
  X26_NY, X26_NY_S, X26_NY_M, X26_TET, X26_HUNG, X26_HUNG_C, X26_VICT, X26_LAB, X26_QK_M,
  X26_QK_S, X26_QKA, X26_QK
};

const tthc__cal_text tthc__cal_official_texts[] = {
    /* 2019 (Labor Code 2012) */
    [X19_NY_S] = {S_NY, "Công văn 6519/VPCP-KGVX (2018): nghỉ thứ Hai 31/12/2018, làm bù thứ Bảy 05/01/2019"},
    [X19_NY] = {NY, LC12},
    [X19_NY_M] = {"Làm bù ngày 31/12/2018", "Make-up working day for 31 December 2018",
                  "Công văn 6519/VPCP-KGVX (2018): nghỉ thứ Hai 31/12/2018, làm bù thứ Bảy 05/01/2019"},
    [X19_TET] = {TET, LC12 "; " A19},
    [X19_HUNG] = {HUNG, LC12},
    [X19_HUNG_C] = {C_HUNG, LC12},
    [X19_MAY_S] = {S_MAY, A19 " (nghỉ thứ Hai 29/4, làm bù thứ Bảy 04/5/2019)"},
    [X19_VICT] = {VICT, LC12},
    [X19_LAB] = {LAB, LC12},
    [X19_MAY_M] = {"Làm bù ngày 29/4/2019", "Make-up working day for 29 April 2019",
                   A19 " (nghỉ thứ Hai 29/4, làm bù thứ Bảy 04/5/2019)"},
    [X19_QK] = {QK, LC12 "; " A19Q},
    /* 2020 (Labor Code 2012) */
    [X20_NY] = {NY, LC12 "; " A20},
    [X20_TET] = {TET, LC12 "; " A20T},
    [X20_TET_C] = {C_TET, LC12 "; " A20T},
    [X20_HUNG] = {HUNG, LC12 "; " A20},
    [X20_VICT] = {VICT, LC12 "; " A20},
    [X20_LAB] = {LAB, LC12 "; " A20},
    [X20_QK] = {QK, LC12 "; " A20},
    /* 2021 (Labor Code 2019 from here on) */
    [X21_NY] = {NY, LC19H "; " A21},
    [X21_TET] = {TET, LC19H "; " A21T},
    [X21_TET_C] = {C_TET, LC19C "; " A21T},
    [X21_HUNG] = {HUNG, LC19H "; " A21},
    [X21_VICT] = {VICT, LC19H "; " A21},
    [X21_LAB] = {LAB, LC19H "; " A21},
    [X21_LAB_C] = {C_LAB, LC19C "; " A21},
    [X21_QK] = {QK, LC19H "; " A21T},
    [X21_QKA] = {QKA, LC19H "; " A21T},
    /* 2022 */
    [X22_NY] = {NY, LC19H "; " A22T},
    [X22_NY_C] = {C_NY, LC19C "; " A22T},
    [X22_TET] = {TET, LC19H "; " A22T},
    [X22_HUNG] = {HUNG, LC19H "; " A22A},
    [X22_HUNG_C] = {C_HUNG, LC19C "; " A22A},
    [X22_VICT] = {VICT, LC19H "; " A22A},
    [X22_LAB] = {LAB, LC19H "; " A22A},
    [X22_VICT_C] = {C_VICT, LC19C "; " A22A},
    [X22_LAB_C] = {C_LAB, LC19C "; " A22A},
    [X22_QKA] = {QKA, LC19H "; " A22Q},
    [X22_QK] = {QK, LC19H "; " A22Q},
    /* 2023 */
    [X23_NY] = {NY, LC19H "; " A23N},
    [X23_NY_C] = {C_NY, LC19C "; " A23N},
    [X23_TET] = {TET, LC19H "; " A23T},
    [X23_TET_C] = {C_TET, LC19C "; " A23T},
    [X23_HUNG] = {HUNG, LC19H "; " A23A},
    [X23_VICT] = {VICT, LC19H "; " A23A},
    [X23_LAB] = {LAB, LC19H "; " A23A},
    [X23_HUNG_C] = {C_HUNG, LC19C "; " A23A},
    [X23_VICT_C] = {C_VICT, LC19C "; " A23A},
    [X23_QKA] = {QKA, LC19H "; " A23T},
    [X23_QK] = {QK, LC19H "; " A23T},
    [X23_QK_C] = {C_QK, LC19C "; " A23T},
    /* 2024 */
    [X24_NY] = {NY, LC19H "; " A24N},
    [X24_TET] = {TET, LC19H "; " A24T},
    [X24_TET_C] = {C_TET, LC19C "; " A24T},
    [X24_HUNG] = {HUNG, LC19H "; " A24H},
    [X24_MAY_S] = {S_MAY, A24A},
    [X24_VICT] = {VICT, LC19H "; " A24H},
    [X24_LAB] = {LAB, LC19H "; " A24H},
    [X24_MAY_M] = {"Làm bù ngày 29/4/2024", "Make-up working day for 29 April 2024", A24A},
    [X24_QK] = {QK, LC19H "; " A24Q},
    [X24_QKA] = {QKA, LC19H "; " A24Q},
    /* 2025 */
    [X25_NY] = {NY, LC19H "; " A25N},
    [X25_TET] = {TET, LC19H "; " A25T},
    [X25_HUNG] = {HUNG, LC19H "; " A25A},
    [X25_MAY_M] = {"Làm bù ngày 02/5/2025", "Make-up working day for 2 May 2025", A25A},
    [X25_VICT] = {VICT, LC19H "; " A25A},
    [X25_LAB] = {LAB, LC19H "; " A25A},
    [X25_MAY_S] = {S_MAY, A25A},
    [X25_QKA] = {QKA, LC19H "; " A25Q},
    [X25_QK] = {QK, LC19H "; " A25Q},
    /* 2026 */
    [X26_NY] = {NY, LC19H "; " A26N},
    [X26_NY_S] = {S_NY, A26N},
    [X26_NY_M] = {"Làm bù ngày 02/01/2026", "Make-up working day for 2 January 2026", A26N},
    [X26_TET] = {TET, LC19H "; " A26T},
    [X26_HUNG] = {HUNG, LC19H "; " A26H},
    [X26_HUNG_C] = {C_HUNG, LC19C "; " A26H},
    [X26_VICT] = {VICT, LC19H "; " A26H},
    [X26_LAB] = {LAB, LC19H "; " A26H},
    [X26_QK_M] = {"Làm bù ngày 31/8/2026", "Make-up working day for 31 August 2026", A26Q},
    [X26_QK_S] = {S_QK, A26Q},
    [X26_QKA] = {QKA, LC19H "; " A26Q},
    [X26_QK] = {QK, LC19H "; " A26Q},
};

#define H TTHC_DAY_HOLIDAY
#define C TTHC_DAY_COMPENSATORY
#define S TTHC_DAY_SWAP_OFF
#define M TTHC_DAY_MAKEUP_WORKDAY

/* {year, month, day, kind, text}, sorted by date. The 2018-12-31 swap belongs to the 2019
 * New Year break and so to the 2019 schedule. */
const tthc__cal_official_day tthc__cal_official_days[] = {
    /* 2019 */
    {2018, 12, 31, S, X19_NY_S},
    {2019, 1, 1, H, X19_NY},
    {2019, 1, 5, M, X19_NY_M},
    {2019, 2, 4, H, X19_TET}, {2019, 2, 5, H, X19_TET}, {2019, 2, 6, H, X19_TET},
    {2019, 2, 7, H, X19_TET}, {2019, 2, 8, H, X19_TET},
    {2019, 4, 14, H, X19_HUNG}, {2019, 4, 15, C, X19_HUNG_C},
    {2019, 4, 29, S, X19_MAY_S}, {2019, 4, 30, H, X19_VICT}, {2019, 5, 1, H, X19_LAB},
    {2019, 5, 4, M, X19_MAY_M},
    {2019, 9, 2, H, X19_QK},
    /* 2020 */
    {2020, 1, 1, H, X20_NY},
    {2020, 1, 23, H, X20_TET}, {2020, 1, 24, H, X20_TET}, {2020, 1, 25, H, X20_TET},
    {2020, 1, 26, H, X20_TET}, {2020, 1, 27, H, X20_TET},
    {2020, 1, 28, C, X20_TET_C}, {2020, 1, 29, C, X20_TET_C},
    {2020, 4, 2, H, X20_HUNG},
    {2020, 4, 30, H, X20_VICT}, {2020, 5, 1, H, X20_LAB},
    {2020, 9, 2, H, X20_QK},
    /* 2021 */
    {2021, 1, 1, H, X21_NY},
    {2021, 2, 10, H, X21_TET}, {2021, 2, 11, H, X21_TET}, {2021, 2, 12, H, X21_TET},
    {2021, 2, 13, H, X21_TET}, {2021, 2, 14, H, X21_TET},
    {2021, 2, 15, C, X21_TET_C}, {2021, 2, 16, C, X21_TET_C},
    {2021, 4, 21, H, X21_HUNG},
    {2021, 4, 30, H, X21_VICT}, {2021, 5, 1, H, X21_LAB}, {2021, 5, 3, C, X21_LAB_C},
    {2021, 9, 2, H, X21_QK}, {2021, 9, 3, H, X21_QKA},
    /* 2022 */
    {2022, 1, 1, H, X22_NY}, {2022, 1, 3, C, X22_NY_C},
    {2022, 1, 31, H, X22_TET}, {2022, 2, 1, H, X22_TET}, {2022, 2, 2, H, X22_TET},
    {2022, 2, 3, H, X22_TET}, {2022, 2, 4, H, X22_TET},
    {2022, 4, 10, H, X22_HUNG}, {2022, 4, 11, C, X22_HUNG_C},
    {2022, 4, 30, H, X22_VICT}, {2022, 5, 1, H, X22_LAB},
    {2022, 5, 2, C, X22_VICT_C}, {2022, 5, 3, C, X22_LAB_C},
    {2022, 9, 1, H, X22_QKA}, {2022, 9, 2, H, X22_QK},
    /* 2023 (New Year derived from Art. 111(3): FACTS marks it DERIVED) */
    {2023, 1, 1, H, X23_NY}, {2023, 1, 2, C, X23_NY_C},
    {2023, 1, 20, H, X23_TET}, {2023, 1, 21, H, X23_TET}, {2023, 1, 22, H, X23_TET},
    {2023, 1, 23, H, X23_TET}, {2023, 1, 24, H, X23_TET},
    {2023, 1, 25, C, X23_TET_C}, {2023, 1, 26, C, X23_TET_C},
    {2023, 4, 29, H, X23_HUNG}, {2023, 4, 30, H, X23_VICT}, {2023, 5, 1, H, X23_LAB},
    {2023, 5, 2, C, X23_HUNG_C}, {2023, 5, 3, C, X23_VICT_C},
    {2023, 9, 1, H, X23_QKA}, {2023, 9, 2, H, X23_QK}, {2023, 9, 4, C, X23_QK_C},
    /* 2024 */
    {2024, 1, 1, H, X24_NY},
    {2024, 2, 8, H, X24_TET}, {2024, 2, 9, H, X24_TET}, {2024, 2, 10, H, X24_TET},
    {2024, 2, 11, H, X24_TET}, {2024, 2, 12, H, X24_TET},
    {2024, 2, 13, C, X24_TET_C}, {2024, 2, 14, C, X24_TET_C},
    {2024, 4, 18, H, X24_HUNG},
    {2024, 4, 29, S, X24_MAY_S}, {2024, 4, 30, H, X24_VICT}, {2024, 5, 1, H, X24_LAB},
    {2024, 5, 4, M, X24_MAY_M},
    {2024, 9, 2, H, X24_QK}, {2024, 9, 3, H, X24_QKA},
    /* 2025 (New Year derived: FACTS marks it DERIVED) */
    {2025, 1, 1, H, X25_NY},
    {2025, 1, 27, H, X25_TET}, {2025, 1, 28, H, X25_TET}, {2025, 1, 29, H, X25_TET},
    {2025, 1, 30, H, X25_TET}, {2025, 1, 31, H, X25_TET},
    {2025, 4, 7, H, X25_HUNG},
    {2025, 4, 26, M, X25_MAY_M}, {2025, 4, 30, H, X25_VICT}, {2025, 5, 1, H, X25_LAB},
    {2025, 5, 2, S, X25_MAY_S},
    {2025, 9, 1, H, X25_QKA}, {2025, 9, 2, H, X25_QK},
    /* 2026 */
    {2026, 1, 1, H, X26_NY}, {2026, 1, 2, S, X26_NY_S}, {2026, 1, 10, M, X26_NY_M},
    {2026, 2, 16, H, X26_TET}, {2026, 2, 17, H, X26_TET}, {2026, 2, 18, H, X26_TET},
    {2026, 2, 19, H, X26_TET}, {2026, 2, 20, H, X26_TET},
    {2026, 4, 26, H, X26_HUNG}, {2026, 4, 27, C, X26_HUNG_C},
    {2026, 4, 30, H, X26_VICT}, {2026, 5, 1, H, X26_LAB},
    {2026, 8, 22, M, X26_QK_M}, {2026, 8, 31, S, X26_QK_S},
    {2026, 9, 1, H, X26_QKA}, {2026, 9, 2, H, X26_QK},
};

/* {year, first, count, source}: first/count index days[] above (counted by hand and checked
 * by the test). */
const tthc__cal_official_year tthc__cal_official_years[] = {
    {2019, 0, 15, "Công văn 6519/VPCP-KGVX (2018); " A19 "; " A19Q},
    {2020, 15, 12, A20T "; " A20},
    {2021, 27, 14, A21T "; " A21},
    {2022, 41, 15, A22T "; " A22A "; " A22Q},
    {2023, 56, 17, A23N "; " A23T "; " A23A},
    {2024, 73, 15, A24N "; " A24T "; " A24H "; " A24A "; " A24Q},
    {2025, 88, 13, A25N "; " A25T "; " A25A "; " A25Q},
    {2026, 101, 16, A26N "; " A26T "; " A26H "; " A26Q},
};
const size_t tthc__cal_nofficial_years =
    sizeof tthc__cal_official_years / sizeof tthc__cal_official_years[0];

const tthc__cal_official_year *tthc__cal_official(int year) {
  for (size_t i = 0; i < tthc__cal_nofficial_years; i++)
    if (tthc__cal_official_years[i].year == year) return &tthc__cal_official_years[i];
  return 0;
}
