"""Dates: libitav keeps days since 1970-01-01 (int32); these convert to and from Python."""

import ctypes
import datetime

from ._errors import InvalidArgument, check
from ._lib import ITAV_DATE_BUFSIZE, ITAV_DATE_NONE, enc, lib

DATE_NONE = ITAV_DATE_NONE


def parse_date(text):
    """Days since 1970-01-01 of an ISO 8601 date "YYYY-MM-DD" (itav_date_parse())."""
    out = ctypes.c_int32()
    rc = lib.itav_date_parse(ctypes.byref(out), enc(text))
    if rc < 0:
        raise InvalidArgument("%r is not a date YYYY-MM-DD between 1900 and 9999" % (text,), rc)
    return out.value


def format_date(days):
    """The ISO text "YYYY-MM-DD" of days since 1970-01-01 (itav_date_format())."""
    buf = ctypes.create_string_buffer(ITAV_DATE_BUFSIZE)
    check(lib.itav_date_format(buf, len(buf), int(days)),
          "format_date(%r): not a date between 1900 and 9999" % (days,))
    return buf.value.decode("ascii")


def date_from_ymd(year, month, day):
    """Days since 1970-01-01 of a calendar date (itav_date_from_ymd())."""
    out = ctypes.c_int32()
    rc = lib.itav_date_from_ymd(ctypes.byref(out), int(year), int(month), int(day))
    if rc < 0:
        raise InvalidArgument("%04d-%02d-%02d is not a date between 1900 and 9999"
                              % (year, month, day), rc)
    return out.value


def date_to_ymd(days):
    """(year, month, day) of days since 1970-01-01 (itav_date_to_ymd())."""
    y, m, d = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    check(lib.itav_date_to_ymd(ctypes.byref(y), ctypes.byref(m), ctypes.byref(d), int(days)),
          "date_to_ymd(%r): not a date between 1900 and 9999" % (days,))
    return y.value, m.value, d.value


def to_days(value):
    """Days since 1970-01-01 of a datetime.date, an ISO text, or days (int); None for None."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return date_from_ymd(value.year, value.month, value.day)
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        date_to_ymd(value)  # checks the range
        return value
    raise TypeError("expected a datetime.date, an ISO date text or None, got %s"
                    % type(value).__name__)


def to_date(days):
    """The datetime.date of days since 1970-01-01; None for DATE_NONE or None."""
    if days is None or days == DATE_NONE:
        return None
    return datetime.date(*date_to_ymd(days))
