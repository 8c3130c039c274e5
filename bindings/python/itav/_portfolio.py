"""Element portfolios (itav_portfolio): the normalisation profile of a set of interventions,
the setting by scope table, the interventions worth a second look, and radar charts.

Portfolios describe; they do not rank: nothing here sorts or scores by element count."""

import collections
import ctypes
import json

from ._enums import (Element, Factor, PortfolioFlag, ProfileSource, Scope, Setting, coerce_enum,
                     coerce_member)
from ._errors import InvalidArgument, error_for, strerror
from ._lib import enc, dec, itav_portfolio_filter, lib, portfolio_p, take_string
from ._objects import Intervention
from ._owned import Owned

Coverage = collections.namedtuple("Coverage", "present known share")
Coverage.__doc__ = ("The coverage of one element: how many members state it present, how "
                    "many state anything about it, and present / the number of members (None "
                    "for an empty portfolio).")


class Portfolio(Owned):
    """A portfolio (itav_portfolio), from ``store.portfolio(...)`` or
    ``store.profile(intervention)``. Iterating gives the member ids in id order."""

    _free = staticmethod(lib.itav_portfolio_free)

    @property
    def members(self):
        """The intervention ids, in id order."""
        return [dec(lib.itav_portfolio_member(self._ptr, i)) for i in range(len(self))]

    def __len__(self):
        return lib.itav_portfolio_count(self._ptr)

    def __iter__(self):
        return iter(self.members)

    def __contains__(self, id):
        return id in self.members

    def coverage(self, element):
        """The Coverage of one element (Element, number, code or wording)."""
        e = Element.coerce(element)
        present, known = ctypes.c_size_t(), ctypes.c_size_t()
        rc = lib.itav_portfolio_coverage(self._ptr, int(e), ctypes.byref(present),
                                         ctypes.byref(known))
        if rc < 0:
            raise error_for(rc, "portfolio: cannot read the coverage of %s: %s"
                            % (e.code, strerror(rc)))
        n = len(self)
        return Coverage(present.value, known.value, present.value / n if n else None)

    def factor_count(self, factor):
        """How many members' practices show a working factor (Factor, number or code)."""
        return lib.itav_portfolio_factor_count(self._ptr, int(Factor.coerce(factor)))

    def factor_coverage(self):
        """{Factor: count} of all fourteen working factors (0.4)."""
        return {f: self.factor_count(f) for f in Factor}

    def coverages(self):
        """{Element: Coverage} of all eight elements."""
        return {e: self.coverage(e) for e in Element}

    def cell(self, setting, scope):
        """How many members are in one cell of the setting by scope table; None (or 0) for
        "not stated" on either side."""
        s = coerce_member(Setting, setting, "setting") if setting else 0
        c = coerce_member(Scope, scope, "scope") if scope else 0
        return lib.itav_portfolio_cell(self._ptr, int(s), int(c))

    def table(self):
        """The whole setting by scope table: {(Setting or None, Scope or None): count}."""
        settings = [None] + list(Setting)
        scopes = [None] + list(Scope)
        return {(s, c): self.cell(s, c) for s in settings for c in scopes}

    def flagged(self, flag):
        """The ids a flag (PortfolioFlag or code) points out, in id order."""
        f = coerce_member(PortfolioFlag, flag, "portfolio flag")
        n = lib.itav_portfolio_flag_count(self._ptr, int(f))
        return [dec(lib.itav_portfolio_flagged(self._ptr, int(f), i)) for i in range(n)]

    @property
    def flags(self):
        """{PortfolioFlag: [ids]} of every flag."""
        return {f: self.flagged(f) for f in PortfolioFlag}

    def to_json(self, other=None):
        """The portfolio as JSON text ("members", "coverage", "table", "flags"); with another
        portfolio both side by side ("a", "b", "difference": share of other minus share of
        this one per element)."""
        out = ctypes.c_void_p()
        rc = lib.itav_portfolio_to_json(ctypes.byref(out), self._ptr, _other(other))
        if rc < 0:
            raise error_for(rc, "portfolio: cannot write JSON: %s" % strerror(rc))
        return take_string(out.value)

    def to_dict(self, other=None):
        """to_json() parsed."""
        return json.loads(self.to_json(other))

    def compare(self, other):
        """This portfolio and another side by side, as Python data (see to_json())."""
        if other is None:
            raise InvalidArgument("compare: another portfolio is needed")
        return self.to_dict(other)

    def svg(self, title=None, other=None, other_title=None):
        """The element profile as an SVG radar chart (text), with another portfolio overlaid
        when given; titles name them in the legend (default: their member ids)."""
        out = ctypes.c_void_p()
        rc = lib.itav_portfolio_svg(ctypes.byref(out), self._ptr, enc(title), _other(other),
                                    enc(other_title))
        if rc < 0:
            why = ("an empty portfolio has no profile to draw" if not len(self) or
                   (other is not None and not len(other)) else strerror(rc))
            raise error_for(rc, "portfolio: cannot draw the radar chart: %s" % why)
        return take_string(out.value)

    def __repr__(self):
        ids = self.members
        shown = ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")
        return "<Portfolio of %d: %s>" % (len(ids), shown)


def _other(other):
    if other is None:
        return None
    if not isinstance(other, Portfolio):
        raise TypeError("expected a Portfolio, got %s" % type(other).__name__)
    return other._ptr


def _ids(ids):
    if isinstance(ids, (str, Intervention)):
        ids = [ids]
    out = []
    for i in ids:
        if isinstance(i, Intervention):
            i = i.id
        if not isinstance(i, str):
            raise TypeError("ids: expected intervention ids, got %s" % type(i).__name__)
        out.append(i)
    return out


class PortfolioStore:
    """The portfolio methods of Store (mixed into itav.Store)."""

    @staticmethod
    def make_portfolio_filter(municipality=None, region=None, ids=None, source=None):
        """The itav_portfolio_filter for these criteria (see portfolio()). The struct keeps
        the array of ids alive."""
        f = itav_portfolio_filter()
        if municipality is not None:
            f.municipality = enc(municipality)
        if region is not None:
            f.region = enc(region)
        if ids is not None:
            names = [enc(i) for i in _ids(ids)]
            f.ids = ctypes.cast((ctypes.c_char_p * max(len(names), 1))(*names),
                                ctypes.POINTER(ctypes.c_char_p))
            f.id_count = len(names)
        f.source = coerce_enum(ProfileSource, source, "profile source")
        return f

    def portfolio(self, municipality=None, region=None, ids=None, source=None):
        """The Portfolio of the interventions that run in a municipality and/or a region (an
        offer of them does, or they name it), or of a list of ids (all must be stored), using
        a profile source (default: the profile in use). No criteria: every intervention."""
        return self.build_portfolio(self.make_portfolio_filter(municipality, region, ids,
                                                               source))

    def profile(self, intervention, source=None):
        """The Portfolio of one intervention (id or Intervention): its element profile."""
        return self.portfolio(ids=[intervention], source=source)

    def build_portfolio(self, filter=None):
        """The Portfolio of a raw itav_portfolio_filter (None: every intervention)."""
        ptr = portfolio_p()
        fp = ctypes.byref(filter) if filter is not None else None
        self._check(lib.itav_portfolio_build(ctypes.byref(ptr), self._handle(), fp))
        return Portfolio._wrap(ptr)
