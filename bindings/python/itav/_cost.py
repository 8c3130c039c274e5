"""Costs and funding of offers and interventions (itav/cost.h), as Python values."""

import ctypes
import math

from ._dates import DATE_NONE, to_date, to_days
from ._enums import CostUnit, Qualifier, ShareKind, coerce_enum
from ._errors import error_for, strerror
from ._lib import cost_p, dec, enc, lib

__all__ = ["Cost", "Funder"]


def _num(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v) if float(v).is_integer() else float(v)


class Funder:
    """Who pays part of a cost: ``Funder("gemeente Diemen", "percent", 80, qualifier="about")``.

    kind is ShareKind (or its code "percent" / "amount"), None when the seed gives no share;
    min and max are the share (max equals min unless the qualifier takes two numbers).
    """

    __slots__ = ("name", "kind", "min", "max", "qualifier")

    def __init__(self, name, kind=None, min=None, max=None, qualifier=Qualifier.EXACT):
        self.name = name
        self.kind = ShareKind(coerce_enum(ShareKind, kind, "share kind"))
        if self.kind == ShareKind.NONE:
            self.qualifier, self.min, self.max = None, None, None
        else:
            self.qualifier = Qualifier(coerce_enum(Qualifier, qualifier, "qualifier"))
            self.min = min
            self.max = min if max is None or not self.qualifier.two_numbers else max

    def _key(self):
        return (self.name, self.kind, self.qualifier, _num(self.min), _num(self.max))

    def __eq__(self, other):
        return isinstance(other, Funder) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        if self.kind == ShareKind.NONE:
            return "Funder(%r)" % self.name
        return "Funder(%r, %s, %r, %r, %s)" % (self.name, self.kind.code, self.min, self.max,
                                               self.qualifier.code)


class Cost:
    """A cost: what it is for, an amount with its unit, period, funders and source.

    ``Cost("the 2021 budget", 109490, unit="total", text="€ 109.490", period=("2021-01-01",
    "2021-12-31"), funders=[Funder("Haarlem")], source="002:L141-143")``. Without an amount
    (amount None) the cost only says who pays. The library checks it: a negative amount,
    percent shares over 100 or an unknown unit raise InvalidArgument naming the field.
    """

    __slots__ = ("what", "qualifier", "min", "max", "text", "unit", "currency", "period",
                 "note", "source", "funders")

    def __init__(self, what, amount=None, max=None, qualifier=None, unit=None, text=None,
                 currency="EUR", period=(None, None), note=None, source=None, funders=()):
        self.what = what
        if qualifier is None:
            qualifier = (None if amount is None and text is None else
                         Qualifier.RANGE if max is not None else Qualifier.EXACT)
        self.qualifier = (None if qualifier is None else
                          Qualifier(coerce_enum(Qualifier, qualifier, "qualifier")))
        self.min = amount
        self.max = max
        self.text = text
        self.unit = None if unit is None else CostUnit(coerce_enum(CostUnit, unit, "unit"))
        self.currency = currency
        self.period = tuple(None if d is None else to_date(to_days(d)) for d in period)
        self.note = note
        self.source = source
        self.funders = list(funders)
        ptr = self._to_c()  # validates and normalises
        try:
            back = Cost._from_c(ptr)
        finally:
            lib.itav_cost_free(ptr)
        self.min, self.max = back.min, back.max

    def _to_c(self):
        """A new C cost (owned by the caller: itav_cost_free())."""
        ptr = cost_p()
        rc = lib.itav_cost_new(ctypes.byref(ptr), enc(self.what))
        if rc < 0:
            raise error_for(rc, "invalid cost: what: must be a non-empty text")

        def check(rc, field, why=None):
            if rc < 0:
                raise error_for(rc, "invalid cost %r: %s: %s" % (self.what, field,
                                                                  why or strerror(rc)))
        try:
            q = 0 if self.qualifier is None else int(self.qualifier)
            lo = math.nan if self.min is None else float(self.min)
            hi = lo if self.max is None else float(self.max)
            unit = 0 if self.unit is None else int(self.unit)
            why = None
            if self.min is not None and float(self.min) < 0:
                why = "an amount is 0 or more, not %r" % self.min
            elif q and q != Qualifier.TEXT and not unit:
                why = "an amount needs a unit"
            check(lib.itav_cost_set_amount(ptr, q, lo, hi, enc(self.text), unit), "amount", why)
            check(lib.itav_cost_set_currency(ptr, enc(self.currency)), "currency",
                  "three capital letters such as EUR")
            start, end = (DATE_NONE if d is None else to_days(d) for d in self.period)
            check(lib.itav_cost_set_period(ptr, start, end), "period",
                  "dates in 1900-9999, the end not before the start")
            check(lib.itav_cost_set_note(ptr, enc(self.note)), "note")
            check(lib.itav_cost_set_source(ptr, enc(self.source)), "source",
                  "a source reference looks like \"001:L373\" or \"001:L373-380\"")
            for i, f in enumerate(self.funders):
                if not isinstance(f, Funder):
                    raise TypeError("funders: expected Funder items, got %s" % type(f).__name__)
                kind = int(f.kind)
                fq = 0 if f.qualifier is None else int(f.qualifier)
                flo = math.nan if f.min is None else float(f.min)
                fhi = flo if f.max is None else float(f.max)
                check(lib.itav_cost_add_funder(ptr, enc(f.name), kind, fq, flo, fhi),
                      "funders[%d]" % i, "a named funder with a share of 0 or more; percent "
                      "shares at most 100 together")
        except BaseException:
            lib.itav_cost_free(ptr)
            raise
        return ptr

    @classmethod
    def _from_c(cls, ptr):
        c = cls.__new__(cls)
        c.what = dec(lib.itav_cost_get_what(ptr))
        q = lib.itav_cost_get_qualifier(ptr)
        c.qualifier = Qualifier(q) if q else None
        c.min = _num(lib.itav_cost_get_min(ptr))
        c.max = _num(lib.itav_cost_get_max(ptr))
        c.text = dec(lib.itav_cost_get_text(ptr))
        u = lib.itav_cost_get_unit(ptr)
        c.unit = CostUnit(u) if u else None
        c.currency = dec(lib.itav_cost_get_currency(ptr))
        c.period = tuple(None if d == DATE_NONE else to_date(d)
                         for d in (lib.itav_cost_get_from(ptr), lib.itav_cost_get_to(ptr)))
        c.note = dec(lib.itav_cost_get_note(ptr))
        c.source = dec(lib.itav_cost_get_source(ptr))
        c.funders = []
        for i in range(lib.itav_cost_funder_count(ptr)):
            name, kind, fq = ctypes.c_char_p(), ctypes.c_int(), ctypes.c_int()
            lo, hi = ctypes.c_double(), ctypes.c_double()
            lib.itav_cost_funder(ctypes.byref(name), ctypes.byref(kind), ctypes.byref(fq),
                                 ctypes.byref(lo), ctypes.byref(hi), ptr, i)
            f = Funder.__new__(Funder)
            f.name = dec(name.value)
            f.kind = ShareKind(kind.value)
            f.qualifier = Qualifier(fq.value) if fq.value else None
            f.min, f.max = _num(lo.value), _num(hi.value)
            c.funders.append(f)
        return c

    def copy(self):
        """An independent copy (through the library's itav_cost_dup())."""
        ptr = self._to_c()
        out = cost_p()
        try:
            rc = lib.itav_cost_dup(ctypes.byref(out), ptr)
            if rc < 0:
                raise error_for(rc, "cannot copy a cost")
            try:
                return Cost._from_c(out)
            finally:
                lib.itav_cost_free(out)
        finally:
            lib.itav_cost_free(ptr)

    def without_funder(self, index):
        """A copy without funder index (through itav_cost_remove_funder())."""
        ptr = self._to_c()
        try:
            rc = lib.itav_cost_remove_funder(ptr, index)
            if rc < 0:
                raise error_for(rc, "cannot remove funder %d of %d" % (index,
                                                                      len(self.funders)))
            return Cost._from_c(ptr)
        finally:
            lib.itav_cost_free(ptr)

    def _key(self):
        return tuple(getattr(self, s) if s != "funders" else tuple(self.funders)
                     for s in self.__slots__)

    def __eq__(self, other):
        return isinstance(other, Cost) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return "Cost(%r, %r, %r, unit=%s, funders=%r)" % (
            self.what, self.min, self.max, self.unit.code if self.unit else None, self.funders)


class CostsMixin:
    """Costs of a record (Intervention, Offer): the class sets _cost_count, _cost_get,
    _cost_add and _cost_remove to its C functions."""

    @property
    def costs(self):
        """The costs, as a list of Cost (copies); assign a list to replace them."""
        return [Cost._from_c(self._cost_get(self._ptr, i))
                for i in range(self._cost_count(self._ptr))]

    @costs.setter
    def costs(self, costs):
        costs = list(costs)
        ptrs = []
        try:
            for c in costs:
                if not isinstance(c, Cost):
                    raise TypeError("expected Cost items, got %s" % type(c).__name__)
                ptrs.append(c._to_c())
            for i in range(self._cost_count(self._ptr) - 1, -1, -1):
                self._check(self._cost_remove(self._ptr, i), "cannot clear the costs")
            for p in ptrs:
                self._check(self._cost_add(self._ptr, p), "cannot add a cost")
        finally:
            for p in ptrs:
                lib.itav_cost_free(p)

    def add_cost(self, cost):
        """Appends a cost (a copy)."""
        if not isinstance(cost, Cost):
            raise TypeError("expected a Cost, got %s" % type(cost).__name__)
        ptr = cost._to_c()
        try:
            self._check(self._cost_add(self._ptr, ptr), "cannot add a cost")
        finally:
            lib.itav_cost_free(ptr)

    def remove_cost(self, index):
        """Removes cost index (negative counts from the end)."""
        n = self._cost_count(self._ptr)
        if index < 0:
            index += n
        rc = self._cost_remove(self._ptr, index if index >= 0 else n)
        if rc < 0:
            self._raise(rc, "cannot remove cost %d (%d costs)" % (index, n))
