/* Fuzz target: dates (itav_date_parse, _format, _from_ymd, _to_ymd). The input is read as
 * text and, when long enough, as little binary numbers. Beyond "no crash" it checks each
 * function against an independent oracle:
 * - parse accepts exactly the texts "YYYY-MM-DD" that name a day of 1900-9999 (checked with
 *   a separate calendar rule), gives timegm()'s day number, and format writes the same text
 *   back;
 * - to_ymd accepts exactly the day numbers of 1900-01-01 to 9999-12-31, from_ymd inverts it,
 *   and the next day number is the next calendar day;
 * - from_ymd accepts exactly the existing dates of 1900-9999 and to_ymd inverts it;
 * - format refuses a buffer shorter than ITAV_DATE_BUFSIZE and never writes past the size it
 *   is given. */
#define _DEFAULT_SOURCE /* timegm */
#include "fuzz.h"

#include <itav.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The oracle's own calendar rule, written differently from lib/util/date.c on purpose. */
static int month_days(int y, int m)
{
    if (m == 2) {
        bool leap = y % 400 == 0 || (y % 100 != 0 && y % 4 == 0);
        return leap ? 29 : 28;
    }
    return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

static bool oracle_valid(long y, long m, long d)
{
    return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= month_days((int)y, (int)m);
}

static long oracle_days(int y, int m, int d)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12; /* well inside the day */
    time_t t = timegm(&tm);
    return (long)((t - 12 * 3600) / 86400);
}

static int32_t first_day(void) { return (int32_t)oracle_days(1900, 1, 1); }
static int32_t last_day(void) { return (int32_t)oracle_days(9999, 12, 31); }

/* Formats into a buffer of exactly size bytes (so ASan sees any write past it). */
static void check_format(int32_t date, size_t size)
{
    char *buf = malloc(size ? size : 1);
    int rc = itav_date_format(size ? buf : NULL, size, date);
    if (!size) {
        FUZZ_CHECK(rc == ITAV_EINVAL, "format accepted a NULL buffer");
    } else if (size < ITAV_DATE_BUFSIZE) {
        FUZZ_CHECK(rc == ITAV_ERANGE, "format accepted a short buffer");
    } else {
        bool in_range = date >= first_day() && date <= last_day();
        FUZZ_CHECK(rc == (in_range ? ITAV_OK : ITAV_ERANGE), "format: wrong code");
        if (rc == ITAV_OK) {
            int32_t back;
            FUZZ_CHECK(strlen(buf) == 10, buf);
            FUZZ_CHECK(itav_date_parse(&back, buf) == ITAV_OK && back == date, buf);
        }
    }
    free(buf);
}

static void check_text(const char *text)
{
    int32_t date = 0;
    int rc = itav_date_parse(&date, text);
    bool shape = strlen(text) == 10 && text[4] == '-' && text[7] == '-';
    for (int i = 0; shape && i < 10; i++)
        shape = i == 4 || i == 7 || (text[i] >= '0' && text[i] <= '9');
    long y = 0, m = 0, d = 0;
    if (shape) {
        y = strtol(text, NULL, 10);
        m = strtol(text + 5, NULL, 10);
        d = strtol(text + 8, NULL, 10);
    }
    bool valid = shape && oracle_valid(y, m, d);
    FUZZ_CHECK(rc == (valid ? ITAV_OK : ITAV_EINVAL), text);
    if (!valid)
        return;
    FUZZ_CHECK(date == oracle_days((int)y, (int)m, (int)d), text);
    char buf[ITAV_DATE_BUFSIZE];
    FUZZ_CHECK(itav_date_format(buf, sizeof buf, date) == ITAV_OK, text);
    FUZZ_CHECK(strcmp(buf, text) == 0, buf);
    int yy, mm, dd;
    FUZZ_CHECK(itav_date_to_ymd(&yy, &mm, &dd, date) == ITAV_OK, text);
    FUZZ_CHECK(yy == y && mm == m && dd == d, text);
}

static void check_day_number(int32_t date)
{
    int y, m, d;
    char what[64];
    snprintf(what, sizeof what, "day number %ld", (long)date);
    int rc = itav_date_to_ymd(&y, &m, &d, date);
    bool in_range = date >= first_day() && date <= last_day();
    FUZZ_CHECK(rc == (in_range ? ITAV_OK : ITAV_ERANGE), what);
    if (rc != ITAV_OK)
        return;
    FUZZ_CHECK(oracle_valid(y, m, d), what);
    FUZZ_CHECK(oracle_days(y, m, d) == date, what);
    int32_t back;
    FUZZ_CHECK(itav_date_from_ymd(&back, y, m, d) == ITAV_OK && back == date, what);
    if (date < last_day()) {
        int y2, m2, d2;
        FUZZ_CHECK(itav_date_to_ymd(&y2, &m2, &d2, date + 1) == ITAV_OK, what);
        bool next = (y2 == y && m2 == m && d2 == d + 1) ||
                    (y2 == y && m2 == m + 1 && d2 == 1 && d == month_days(y, m)) ||
                    (y2 == y + 1 && m2 == 1 && d2 == 1 && m == 12 && d == 31);
        FUZZ_CHECK(next, what);
    }
}

static void check_ymd(int32_t y, int32_t m, int32_t d)
{
    int32_t date = 0;
    char what[80];
    snprintf(what, sizeof what, "year %ld month %ld day %ld", (long)y, (long)m, (long)d);
    int rc = itav_date_from_ymd(&date, y, m, d);
    bool valid = oracle_valid(y, m, d);
    FUZZ_CHECK(rc == (valid ? ITAV_OK : ITAV_EINVAL), what);
    if (!valid)
        return;
    int yy, mm, dd;
    FUZZ_CHECK(itav_date_to_ymd(&yy, &mm, &dd, date) == ITAV_OK, what);
    FUZZ_CHECK(yy == y && mm == m && dd == d, what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    check_text(text);
    free(text);
    /* The numbers as they are (extremes) and folded to just around the valid range. */
    uint32_t n[3];
    if (size >= sizeof n[0]) {
        memcpy(&n[0], data, sizeof n[0]);
        uint32_t span = (uint32_t)(last_day() - first_day()) + 5;
        int32_t near = first_day() - 2 + (int32_t)(n[0] % span);
        check_day_number((int32_t)n[0]);
        check_day_number(near);
        check_format((int32_t)n[0], data[size - 1] % 16);
        check_format(near, data[size - 1] % 16);
    }
    if (size >= sizeof n) {
        memcpy(n, data, sizeof n);
        check_ymd((int32_t)n[0], (int32_t)n[1], (int32_t)n[2]);
        check_ymd(1898 + (int32_t)(n[0] % 8104), (int32_t)(n[1] % 14), (int32_t)(n[2] % 33));
    }
    return 0;
}
