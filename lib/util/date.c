/* Dates as days since 1970-01-01 (proleptic Gregorian), ISO 8601 text. */
#include "util/util_int.h"

#include <stdio.h>
#include <time.h>

#define YEAR_MIN 1900
#define YEAR_MAX 9999

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days from civil, after Howard Hinnant's algorithm: exact for every Gregorian date. */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

ITAV_API int itav_date_from_ymd(int32_t *out, int year, int month, int day)
{
    if (!out || year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return ITAV_EINVAL;
    *out = days_from_civil(year, month, day);
    return ITAV_OK;
}

static const int32_t first_day = -25567;  /* 1900-01-01 */
static const int32_t last_day = 2932896;  /* 9999-12-31 */

ITAV_API int itav_date_to_ymd(int *year, int *month, int *day, int32_t date)
{
    if (!year || !month || !day)
        return ITAV_EINVAL;
    if (date < first_day || date > last_day)
        return ITAV_ERANGE;
    civil_from_days(date, year, month, day);
    return ITAV_OK;
}

static int two_or_four(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

ITAV_API int itav_date_parse(int32_t *out, const char *text)
{
    if (!out || !text)
        return ITAV_EINVAL;
    for (int i = 0; i < 10; i++)
        if (!text[i])
            return ITAV_EINVAL;
    if (text[4] != '-' || text[7] != '-' || text[10] != '\0')
        return ITAV_EINVAL;
    int y = two_or_four(text, 4), m = two_or_four(text + 5, 2), d = two_or_four(text + 8, 2);
    if (y < 0 || m < 0 || d < 0)
        return ITAV_EINVAL;
    return itav_date_from_ymd(out, y, m, d);
}

ITAV_API int itav_date_format(char *buf, size_t size, int32_t date)
{
    int y, m, d;
    if (!buf)
        return ITAV_EINVAL;
    if (size < ITAV_DATE_BUFSIZE || itav_date_to_ymd(&y, &m, &d, date) != ITAV_OK)
        return ITAV_ERANGE;
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    return ITAV_OK;
}

/* Every day between the first and the last is a date: a range check, no formatting (the
 * record decoder checks every date it reads). */
bool itav__valid_date(int32_t d) { return d >= first_day && d <= last_day; }

bool itav__valid_date_or_none(int32_t d) { return d == ITAV_DATE_NONE || itav__valid_date(d); }

int itav__add_months(int32_t *out, int32_t date, long months)
{
    int y, m, d;
    if (itav_date_to_ymd(&y, &m, &d, date) != ITAV_OK)
        return ITAV_ERANGE;
    long total = (long)y * 12 + (m - 1) + months;
    if (total < 0 || total / 12 > 9999)
        return ITAV_ERANGE;
    y = (int)(total / 12);
    m = (int)(total % 12) + 1;
    while (d > 28 && itav_date_from_ymd(out, y, m, d) != ITAV_OK)
        d--;
    return itav_date_from_ymd(out, y, m, d) == ITAV_OK ? ITAV_OK : ITAV_ERANGE;
}

int32_t itav__today(void)
{
    return (int32_t)(time(NULL) / 86400);
}
