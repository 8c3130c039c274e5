"""Programme reports (itav_report): indicators with attainment, reach, matches, review outcomes
and the element portfolio, with small-cell suppression, written as JSON, CSV or Markdown."""

import ctypes
import json

from collections import namedtuple

from ._dates import DATE_NONE, to_date, to_days
from ._enums import Hidden, Lang, ReportFormat, _lang, coerce_member
from ._errors import NotFound, RangeError, error_for, strerror
from ._lib import (ITAV_REPORT_PERTURB, ITAV_REPORT_SUPPRESS, dec, enc, itav_report_options,
                   lib, release_iter_p, release_p, report_p, take_string)
from ._owned import Owned
from ._participants import offer_id

_NOT_FOUND = 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1  # (size_t)-1


class ReportTable:
    """One table of a Report (a view; it keeps the report alive).

    ``columns`` are the headings; rows and columns are addressed by index, a row also by the
    text of its first cell (the first such row) and a column by its heading. Cells are the published texts: a
    number, text, "<5" when suppressed, "" when empty.
    """

    __slots__ = ("_report", "index")

    def __init__(self, report, index):
        self._report = report
        self.index = index

    @property
    def _ptr(self):
        return self._report._ptr

    @property
    def name(self):
        """The table's name ("matches_by_state")."""
        return dec(lib.itav_report_table_name(self._ptr, self.index))

    @property
    def columns(self):
        """The column headings."""
        n = lib.itav_report_column_count(self._ptr, self.index)
        return [dec(lib.itav_report_column(self._ptr, self.index, c)) for c in range(n)]

    def __len__(self):
        return lib.itav_report_row_count(self._ptr, self.index)

    def _row(self, row):
        if isinstance(row, str):
            for r in range(len(self)):
                if dec(lib.itav_report_cell(self._ptr, self.index, r, 0)) == row:
                    return r
            raise NotFound("report table %s has no row %r" % (self.name, row))
        return _position(row, len(self), "row", self.name)

    def _column(self, column):
        if isinstance(column, str):
            try:
                return self.columns.index(column)
            except ValueError:
                raise NotFound("report table %s has no column %r (columns: %s)"
                               % (self.name, column, ", ".join(self.columns))) from None
        return _position(column, lib.itav_report_column_count(self._ptr, self.index),
                         "column", self.name)

    def cell(self, row, column):
        """A cell as it is published (text)."""
        return dec(lib.itav_report_cell(self._ptr, self.index, self._row(row),
                                         self._column(column)))

    def value(self, row, column):
        """The number of a cell, or None for a cell that holds text, is empty or is
        suppressed (a suppressed number is never handed out)."""
        out = ctypes.c_double()
        r, c = self._row(row), self._column(column)
        rc = lib.itav_report_cell_value(ctypes.byref(out), self._ptr, self.index, r, c)
        if rc == NotFound.code:
            return None
        if rc < 0:
            raise error_for(rc, "report table %s: cannot read cell (%d, %d): %s"
                            % (self.name, r, c, strerror(rc)))
        v = out.value
        return int(v) if v.is_integer() else v

    def suppressed(self, row, column):
        """Whether a cell is suppressed."""
        return bool(lib.itav_report_cell_suppressed(self._ptr, self.index, self._row(row),
                                                    self._column(column)))

    def hidden(self, row, column):
        """Why a cell is hidden: a Hidden (Hidden.NOT for a published cell). A count
        publishes as "<k", a mean or percent (Hidden.MAGNITUDE) as "hidden to protect small
        numbers"."""
        return Hidden(lib.itav_report_cell_hidden(self._ptr, self.index, self._row(row),
                                                  self._column(column)))

    def audit(self, row, column):
        """The audit of a hidden count: (safe, low, high), the interval an attacker can derive
        for it from the whole report (high None: no upper bound) and whether it is wide
        enough; None for a cell that is not a hidden count."""
        safe, low, high = ctypes.c_int(), ctypes.c_int64(), ctypes.c_int64()
        r, c = self._row(row), self._column(column)
        rc = lib.itav_report_cell_audit(ctypes.byref(safe), ctypes.byref(low),
                                        ctypes.byref(high), self._ptr, self.index, r, c)
        if rc == NotFound.code:
            return None
        if rc < 0:
            raise error_for(rc, "report table %s: cannot audit cell (%d, %d): %s"
                            % (self.name, r, c, strerror(rc)))
        return bool(safe.value), low.value, None if high.value < 0 else high.value

    def row(self, row):
        """The cells of one row (texts)."""
        r = self._row(row)
        n = lib.itav_report_column_count(self._ptr, self.index)
        return [dec(lib.itav_report_cell(self._ptr, self.index, r, c)) for c in range(n)]

    @property
    def rows(self):
        """Every row, as lists of cell texts."""
        return [self.row(r) for r in range(len(self))]

    def as_dicts(self):
        """Every row as {heading: cell text}."""
        cols = self.columns
        return [dict(zip(cols, self.row(r))) for r in range(len(self))]

    def __repr__(self):
        return "<ReportTable %s: %d rows x %d columns>" % (self.name, len(self),
                                                         len(self.columns))


def _position(i, n, what, table):
    if isinstance(i, bool) or not isinstance(i, int):
        raise TypeError("a %s is an index or a text, not %s" % (what, type(i).__name__))
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise RangeError("report table %s: %s index out of range (%d %ss)" % (table, what, n,
                                                                              what))
    return i


class Report(Owned):
    """A computed report (itav_report), from ``store.report(offer)``.

    ``report["matches_by_state"]`` (or ``report.table(0)``) is a ReportTable; iterating
    gives the tables in order. write() (to_json(), to_csv(), to_markdown()) publishes it.
    """

    _free = staticmethod(lib.itav_report_free)

    @property
    def title(self):
        """The title, naming the offer ("Programme report: Buurtgezinnen Zuid-Kennemerland";
        the offer's id when it has no name)."""
        return dec(lib.itav_report_title(self._ptr))

    @property
    def table_names(self):
        """The tables' names, in order."""
        return [dec(lib.itav_report_table_name(self._ptr, t)) for t in range(len(self))]

    def __len__(self):
        return lib.itav_report_table_count(self._ptr)

    def __iter__(self):
        return iter([ReportTable(self, t) for t in range(len(self))])

    def __contains__(self, name):
        return lib.itav_report_table_find(self._ptr, enc(name)) != _NOT_FOUND

    def table(self, which):
        """A table by name or index; NotFound for an unknown name."""
        if isinstance(which, str):
            t = lib.itav_report_table_find(self._ptr, enc(which))
            if t == _NOT_FOUND:
                raise NotFound("the report has no table %r (tables: %s)"
                               % (which, ", ".join(self.table_names)))
            return ReportTable(self, t)
        return ReportTable(self, _position(which, len(self), "table", "list"))

    __getitem__ = table

    @property
    def audit_passed(self):
        """Whether every hidden count of the report is safe (Table.audit())."""
        return bool(lib.itav_report_audit_passed(self._ptr))

    @property
    def perturbed(self):
        """Whether the report was made with the cell key method (report(perturb=True)): every
        count is off by at most 3, never shown as 1 or 2."""
        return bool(lib.itav_report_perturbed(self._ptr))

    def write(self, format=ReportFormat.JSON, lang=Lang.EN):
        """The report as text in a format: ReportFormat or code ("json", "csv", "md").

        lang (Lang, "en" or "nl") words the title, table titles, headings, notes and fixed
        cells of Markdown and CSV; codes stay as they are and JSON is the same in both.
        """
        f = coerce_member(ReportFormat, format, "report format")
        language = _lang(lang)
        out = ctypes.c_void_p()
        if language == Lang.EN:
            rc = lib.itav_report_write(ctypes.byref(out), self._ptr, int(f))
        else:
            rc = lib.itav_report_write_lang(ctypes.byref(out), self._ptr, int(f), int(language))
        if rc < 0:
            raise error_for(rc, "cannot write the report as %s: %s" % (f.code, strerror(rc)))
        return take_string(out.value)

    def to_json(self):
        """The report as JSON text ({"format": "itav-report/1", ...})."""
        return self.write(ReportFormat.JSON)

    def to_dict(self):
        """to_json() parsed."""
        return json.loads(self.to_json())

    def to_csv(self, lang=Lang.EN):
        """The report as CSV: one row per cell (table, row, column, value, suppressed). In
        Dutch the fields are separated by ';' and numbers have a decimal comma, as a
        spreadsheet in a Dutch locale reads them."""
        return self.write(ReportFormat.CSV, lang)

    def to_markdown(self, lang=Lang.EN):
        """The report as Markdown: a heading per table and a pipe table."""
        return self.write(ReportFormat.MD, lang)

    def __repr__(self):
        return "<Report %r: %s>" % (self.title, ", ".join(self.table_names))


ReleaseCell = namedtuple("ReleaseCell", "table row column value hidden")
ReleaseCell.__doc__ = """A count as a release published it: its table, row label and column
heading, its value (None when it was hidden) and whether it was hidden."""


class Release(Owned):
    """An entry of the store's ledger of releases (itav_release): what one published report
    made public. From ``store.releases()`` or ``store.get_release(id)``."""

    _free = staticmethod(lib.itav_release_free)

    @property
    def id(self):
        """The release's id ("rel-00000001")."""
        return dec(lib.itav_release_id(self._ptr))

    @property
    def offer(self):
        """The offer whose report was released."""
        return dec(lib.itav_release_offer(self._ptr))

    def _parameters(self):
        start, end, k, protection = (ctypes.c_int32(), ctypes.c_int32(), ctypes.c_int(),
                                     ctypes.c_int())
        rc = lib.itav_release_parameters(ctypes.byref(start), ctypes.byref(end),
                                         ctypes.byref(k), ctypes.byref(protection), self._ptr)
        if rc < 0:
            raise error_for(rc, "cannot read release parameters: %s" % strerror(rc))
        return start.value, end.value, k.value, protection.value

    @property
    def start(self):
        """The first day of the report's period (datetime.date), or None."""
        return to_date(self._parameters()[0])

    @property
    def end(self):
        """The last day of the report's period (datetime.date), or None."""
        return to_date(self._parameters()[1])

    @property
    def k(self):
        """The report's suppression threshold."""
        return self._parameters()[2]

    @property
    def protection(self):
        """The width the report's audit asked of every hidden count."""
        return self._parameters()[3]

    @property
    def perturbed(self):
        """Whether the report was made with the cell key method: its counts are perturbed
        ones, each within ITAV_REPORT_PERTURB_MAX_NOISE of the true count."""
        return lib.itav_release_method(self._ptr) == 1  # ITAV_REPORT_PERTURB

    @property
    def members(self):
        """The member offers a programme report covered (empty for an offer's report)."""
        return [dec(lib.itav_release_member(self._ptr, i))
                for i in range(lib.itav_release_member_count(self._ptr))]

    @property
    def cells(self):
        """Every count the release published, as ReleaseCell tuples."""
        out = []
        for i in range(lib.itav_release_cell_count(self._ptr)):
            t, r, c = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_char_p()
            v, h = ctypes.c_int64(), ctypes.c_int()
            rc = lib.itav_release_cell(ctypes.byref(t), ctypes.byref(r), ctypes.byref(c),
                                       ctypes.byref(v), ctypes.byref(h), self._ptr, i)
            if rc < 0:
                raise error_for(rc, "cannot read release cell %d: %s" % (i, strerror(rc)))
            out.append(ReleaseCell(dec(t.value), dec(r.value), dec(c.value),
                                   None if h.value else v.value, bool(h.value)))
        return out

    def __repr__(self):
        return "<Release %s of %s: %d counts>" % (self.id, self.offer,
                                                  lib.itav_release_cell_count(self._ptr))


def _release_id(release):
    return release.id if isinstance(release, Release) else release


def _date_or_none(value):
    d = to_days(value)
    return DATE_NONE if d is None else d


class ReportStore:
    """The report methods of Store (mixed into itav.Store)."""

    @staticmethod
    def make_report_options(k=5, as_of=None, start=None, end=None, publish=False,
                            low_k=False, protection=0, perturb=False):
        """The itav_report_options for these settings (see report())."""
        for name, v in (("k", k), ("protection", protection)):
            if isinstance(v, bool) or not isinstance(v, int):
                raise TypeError("%s: expected int, got %s" % (name, type(v).__name__))
            if not -2 ** 31 <= v < 2 ** 31:
                raise RangeError("report: %s %r is out of range" % (name, v))
        return itav_report_options(k=k, as_of=_date_or_none(as_of), publish=int(bool(publish)),
                                   low_k=int(bool(low_k)), protection=protection,
                                   method=ITAV_REPORT_PERTURB if perturb
                                   else ITAV_REPORT_SUPPRESS,
                                   **{"from": _date_or_none(start), "to": _date_or_none(end)})

    def report(self, offer, k=5, as_of=None, start=None, end=None, publish=False,
               low_k=False, protection=0, perturb=False):
        """The Report of an offer, or of a programme (its own offer and every offer that
        names it as programme).

        k: counts from participants, matches or reviews below k show as "<k" and are left
        out of totals, means and shares (1 suppresses nothing); as_of: the date targets are
        judged on (None: the last day of the period, or the latest date in the data);
        start, end: the period of matches and reviews (dates, inclusive; None for open);
        publish: a report made for publication (k below 3 is refused unless low_k; the
        report is refused when its audit fails); protection: how many values wide the
        interval an attacker can derive for a hidden cell must be (0: k - 1); perturb: the
        cell key method instead of suppression: every count is published with a noise of at
        most 3 that the cell's records fix, never as 1 or 2, and k applies to means and
        percents only (such a report is not recorded as a release).
        """
        return self.report_programme(offer, self.make_report_options(
            k, as_of, start, end, publish, low_k, protection, perturb))

    def record_release(self, report):
        """Records a Report made with publish=True whose audit passed in the store's ledger
        of releases, and returns the new release's id. Publishing records nothing by itself:
        record a report when it is made public. Raises InvalidArgument for a report not made
        for publication, or a perturbed one."""
        if not isinstance(report, Report):
            raise TypeError("record_release: expected a Report, got %s" % type(report).__name__)
        out = ctypes.c_void_p()
        self._check(lib.itav_release_record(ctypes.byref(out), self._handle(), report._ptr))
        return take_string(out.value)

    def get_release(self, id):
        """The release with this id; raises NotFound."""
        ptr = release_p()
        self._check(lib.itav_release_get(ctypes.byref(ptr), self._handle(),
                                         enc(_release_id(id))))
        return Release._wrap(ptr)

    def releases(self, offer=None):
        """The ledger of releases in the order recorded; only those of an offer's reports
        (id or Offer) when given."""
        it = release_iter_p()
        self._check(lib.itav_release_list(ctypes.byref(it), self._handle(),
                                          enc(offer_id(offer))))
        return self._drain(it, lib.itav_release_iter_next, lib.itav_release_iter_free,
                           release_p, Release._wrap)

    def remove_release(self, id):
        """Removes a release (id or Release) from the ledger; raises NotFound."""
        self._check(lib.itav_release_remove(self._handle(), enc(_release_id(id))))

    def report_programme(self, offer, options=None):
        """The Report of an offer with raw itav_report_options (None for the defaults)."""
        ptr = report_p()
        op = ctypes.byref(options) if options is not None else None
        self._check(lib.itav_report_programme(ctypes.byref(ptr), self._handle(),
                                              enc(offer_id(offer)), op))
        return Report._wrap(ptr)
