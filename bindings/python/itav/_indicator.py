"""Indicators (itav_indicator): definitions, baselines, targets, measurements and attainment,
every number a qualified quantity; figures derived from the store."""

import collections
import ctypes
import math

from ._dates import DATE_NONE, to_date, to_days
from ._enums import (Attainment, Comparator, Derived, Lang, Measure, Qualifier, _lang,
                     coerce_member, maybe_enum)
from ._errors import InvalidArgument, RangeError, error_for, strerror
from ._lib import dec, enc, indicator_iter_p, indicator_p, lib, take_string
from ._objects import ID_RULE, _number, _ref_problem, _short, _text_problem
from ._owned import Owned
from ._participants import offer_id

QUANTITY_FORMS = ('"12", "about 12", "~12", "at least 12", ">=12", "at most 12", "<=12", '
                  '"5..10", "5-10" or "about 5..10"')


class Quantity(collections.namedtuple("Quantity", "qualifier min max")):
    """A qualified quantity: a Qualifier with a number (min) and, for a range or an
    approximate range, an upper bound (max, equal to min otherwise); both None for Qualifier.TEXT.

    ``Quantity.coerce()`` takes what the indicator methods accept: a Quantity, a number
    (exact), a text the library parses (QUANTITY_FORMS), a tuple (qualifier, min[, max]), or
    None for a quantity given only in words (qualifier text; the words go in ``text=``).
    """

    __slots__ = ()

    @classmethod
    def parse(cls, text):
        """The quantity a text states (itav_quantity_parse()); InvalidArgument naming the
        accepted forms for anything else."""
        if not isinstance(text, str):
            raise TypeError("quantity text: expected str, got %s" % type(text).__name__)
        q, lo, hi = ctypes.c_int(), ctypes.c_double(), ctypes.c_double()
        rc = lib.itav_quantity_parse(ctypes.byref(q), ctypes.byref(lo), ctypes.byref(hi),
                                     enc(text))
        if rc < 0:
            raise error_for(rc, "%s is not a quantity (expected %s; a range's lower bound may "
                                "not exceed its upper bound)" % (_short(text), QUANTITY_FORMS))
        return cls._make_c(q.value, lo.value, hi.value)

    @classmethod
    def _make_c(cls, qualifier, lo, hi):
        return cls(Qualifier(qualifier), _number(lo), _number(hi))

    @classmethod
    def coerce(cls, value):
        if isinstance(value, cls):
            return value
        if value is None:
            return cls(Qualifier.TEXT, None, None)
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return cls(Qualifier.EXACT, value, value)
        if isinstance(value, tuple) and len(value) in (2, 3):
            q = coerce_member(Qualifier, value[0], "qualifier")
            lo = value[1]
            hi = value[2] if len(value) == 3 else lo
            return cls(q, lo, hi)
        raise TypeError("a quantity is a number, a text such as \"about 12\", a tuple "
                        "(qualifier, min[, max]), a Quantity or None; got %r" % (value,))

    def _c_args(self):
        """(qualifier, min, max) as C takes them (NaN for a missing number)."""
        lo = math.nan if self.min is None else float(self.min)
        hi = lo if self.max is None else float(self.max)
        return int(self.qualifier), lo, hi

    def verdict(self, comparator, value, high=None):
        """The Attainment of this quantity against a target, without dates
        (itav_quantity_verdict()): MET, NOT_MET or UNKNOWN."""
        return quantity_verdict(self, comparator, value, high)

    def __str__(self):
        q = self.qualifier
        if q == Qualifier.TEXT:
            return "(in words)"
        if q.two_numbers:
            return "%s%s..%s" % ("about " if q == Qualifier.ABOUT_RANGE else "", self.min,
                                 self.max)
        prefix = {Qualifier.EXACT: "", Qualifier.ABOUT: "about ",
                  Qualifier.AT_LEAST: "at least ", Qualifier.AT_MOST: "at most "}[q]
        return "%s%s" % (prefix, self.min)


def parse_quantity(text):
    """The Quantity a text states: "12", "about 12", "at least 12", "5..10", ..."""
    return Quantity.parse(text)


def _comparator(cmp):
    return coerce_member(Comparator, cmp, "comparator")


def quantity_verdict(quantity, comparator, value, high=None):
    """Judges a quantity (anything Quantity.coerce() takes) against a target (comparator,
    value, and high for between) as intervals: MET when every value it allows satisfies the
    target, NOT_MET when none does, UNKNOWN otherwise."""
    q, lo, hi = Quantity.coerce(quantity)._c_args()
    c = _comparator(comparator)
    if c == Comparator.BETWEEN and high is None:
        raise InvalidArgument("a between target needs high, its upper bound")
    top = float(value) if high is None else float(high)
    return Attainment(lib.itav_quantity_verdict(q, lo, hi, int(c), float(value), top))


Baseline = collections.namedtuple("Baseline", "date quantity text source")
Baseline.__doc__ = ("An indicator's baseline: the date it describes (datetime.date), the "
                    "Quantity, the source's wording and its source reference (None if none).")

Target = collections.namedtuple("Target", "comparator value high relative deadline text source")
Target.__doc__ = ("A target: the Comparator, the value (a change in percent of the baseline "
                  "when relative), high (the upper bound for between, else None), relative "
                  "(bool), the deadline (datetime.date), the wording and its source.")

Measurement = collections.namedtuple("Measurement", "date period quantity text source")
Measurement.__doc__ = ("A measurement: the date it describes (datetime.date), the period in "
                       "words, the Quantity, the wording and its source.")

Verdict = collections.namedtuple("Verdict", "attainment why")
Verdict.__doc__ = "The Attainment of a target on a date, and the explanation in English."

Derivation = collections.namedtuple("Derivation", "value basis")
Derivation.__doc__ = ("A figure derived from the store: the count, mean or percentage (None "
                      "for a mean or percentage of nothing) and how many matches or reviews "
                      "it rests on.")


def _required_days(value, what):
    days = to_days(value)
    if days is None:
        raise InvalidArgument("%s: a date is required" % what)
    return days


def _quantity_problem(quantity, text):
    """Why the library would refuse a quantity with this wording, as far as Python can
    tell (None when it cannot)."""
    q = quantity.qualifier
    if q == Qualifier.TEXT:
        return None if text else "a quantity in words (qualifier text) needs the text"
    for x in (quantity.min, quantity.max):
        if x is None or not math.isfinite(float(x)):
            return "qualifier %s needs a finite number" % q.code
    if q.two_numbers and float(quantity.min) > float(quantity.max):
        return "range lower bound %r is above its upper bound %r" % (quantity.min, quantity.max)
    return None


class Indicator(Owned):
    """An indicator (itav_indicator) of an offer: what is measured, its baseline, targets and
    measurements.

    ``Indicator("itav-hw-info", "itav-hoeksche-waard-2020", "percentage", name="parents "
    "positive about finding information", unit="percent", source="000:L105")``, then
    set_baseline(), add_target() and add_measurement(). Quantities are anything
    Quantity.coerce() takes (12, "about 12", "at least 12", "5..10", ...). A new indicator is
    not stored: ``store.create_indicator(ind)``; objects read from a store are detached
    copies (change them, then ``store.update_indicator(ind)``).
    """

    _free = staticmethod(lib.itav_indicator_free)
    _settable = ("name", "unit", "note", "source", "scale")

    def __init__(self, id, offer, type, **fields):
        for what, value in (("indicator id", id), ("indicator offer", offer_id(offer))):
            if not isinstance(value, str):  # (type is the parameter here)
                raise TypeError("%s: expected str, got %s" % (what, value.__class__.__name__))
        t = coerce_member(Measure, type, "measure")
        ptr = indicator_p()
        rc = lib.itav_indicator_new(ctypes.byref(ptr), enc(id), enc(offer_id(offer)), int(t))
        if rc < 0:
            raise error_for(rc, "cannot make indicator %s of offer %s: %s"
                            % (_short(id), _short(offer_id(offer)), ID_RULE))
        self._adopt(ptr)
        for name, value in fields.items():
            if name not in self._settable:
                raise TypeError("an indicator has no settable field %r (fields: %s)"
                                % (name, ", ".join(self._settable)))
            setattr(self, name, value)

    def _fail(self, rc, what, why=None):
        raise error_for(rc, 'indicator "%s": cannot %s: %s' % (self.id, what,
                                                               why or strerror(rc)))

    # ---- definition ----
    @property
    def id(self):
        """The id (a slug); fixed at creation."""
        return dec(lib.itav_indicator_id(self._ptr))

    @property
    def offer(self):
        """The id of the offer (or programme offer) it belongs to; fixed at creation."""
        return dec(lib.itav_indicator_offer(self._ptr))

    @property
    def type(self):
        """The Measure: what sort of number it is; fixed at creation."""
        return maybe_enum(Measure, lib.itav_indicator_type(self._ptr))

    def _text(getter, setter, name, doc, ref=False):
        def fget(self):
            return dec(getter(self._ptr))

        def fset(self, value):
            if value is not None and not isinstance(value, str):
                raise TypeError("%s: expected str or None, got %s"
                                % (name, type(value).__name__))
            rc = setter(self._ptr, enc(value))
            if rc < 0:
                why = _ref_problem(value) if ref else _text_problem(value)
                self._fail(rc, "set %s to %s" % (name, _short(value)), why)
        return property(fget, fset, doc=doc)

    name = _text(lib.itav_indicator_name, lib.itav_indicator_set_name, "name",
                 "What is measured, in words, or None.")
    unit = _text(lib.itav_indicator_unit, lib.itav_indicator_set_unit, "unit",
                 "The unit (\"percent\", \"themes\", \"mark\"), or None.")
    note = _text(lib.itav_indicator_note, lib.itav_indicator_set_note, "note",
                 "A note on how to read the indicator, or None.")
    source = _text(lib.itav_indicator_source, lib.itav_indicator_set_source, "source",
                   "Where the definition comes from (\"000:L105\"), or None.", ref=True)
    del _text

    @property
    def scale(self):
        """(low, high) of the values; math.inf at an unbounded end. Assign (low, high) to
        set a rating's own scale."""
        lo, hi = ctypes.c_double(), ctypes.c_double()
        rc = lib.itav_indicator_scale(self._ptr, ctypes.byref(lo), ctypes.byref(hi))
        if rc < 0:
            self._fail(rc, "read the scale")
        return (_number(lo.value), _number(hi.value))

    @scale.setter
    def scale(self, value):
        low, high = value
        rc = lib.itav_indicator_set_scale(self._ptr, float(low), float(high))
        if rc < 0:
            if rc == RangeError.code:
                why = "a baseline, target or measurement it holds would fall off the scale"
            elif self.type != Measure.RATING:
                why = "only a rating has a scale of its own; a %s's is fixed" % self.type.code
            elif self.derived == Derived.MEAN_SATISFACTION:
                why = "a rating derived from mean_satisfaction keeps the 1-10 scale"
            else:
                why = "the bounds must be finite and low below high"
            self._fail(rc, "set the scale to %r..%r" % (low, high), why)

    @property
    def derived(self):
        """The Derived figure it is computed from in the store, or None when it is measured
        by hand."""
        return maybe_enum(Derived, lib.itav_indicator_derived(self._ptr))

    @property
    def municipality(self):
        """The municipality a derived indicator is restricted to, or None."""
        return dec(lib.itav_indicator_municipality(self._ptr))

    @property
    def municipalities(self):
        """Every municipality a derived indicator counts together, as a tuple: empty for the
        whole offer, one name, or two or more for a joint target."""
        return tuple(dec(lib.itav_indicator_municipality_at(self._ptr, i))
                     for i in range(lib.itav_indicator_municipality_count(self._ptr)))

    def add_municipality(self, municipality):
        """Adds a municipality to a derived indicator that has one (set_derived()), for a
        target the municipalities share: matches in any of them count together."""
        rc = lib.itav_indicator_add_municipality(self._ptr, enc(municipality))
        if rc < 0:
            self._fail(rc, "add the municipality %r" % (municipality,),
                       "it is counted already" if rc == -5 else
                       "a derived indicator with a first municipality (set_derived()) and a "
                       "non-empty name are needed")

    def set_derived(self, what, municipality=None):
        """Makes it derived from the store (a Derived member or code; None: measured by hand
        again), optionally only for matches whose asking participant lives in a
        municipality. matches_started needs a count, mean_satisfaction a rating on 1-10 or a
        mean, formal_help a percentage."""
        raw = 0 if what is None else int(coerce_member(Derived, what, "derived figure"))
        rc = lib.itav_indicator_set_derived(self._ptr, raw, enc(municipality))
        if rc < 0:
            self._fail(rc, "derive it from %r" % (what,),
                       "matches_started needs a count, mean_satisfaction a rating on the 1-10 "
                       "scale or a mean, formal_help a percentage; this is a %s"
                       % self.type.code)

    # ---- baseline ----
    @property
    def baseline(self):
        """The Baseline, or None. Assign None to remove it (set_baseline() sets it)."""
        date, q = ctypes.c_int32(), ctypes.c_int()
        lo, hi = ctypes.c_double(), ctypes.c_double()
        rc = lib.itav_indicator_baseline(self._ptr, ctypes.byref(date), ctypes.byref(q),
                                         ctypes.byref(lo), ctypes.byref(hi))
        if rc == -4:  # ITAV_ENOTFOUND: none
            return None
        if rc < 0:
            self._fail(rc, "read the baseline")
        return Baseline(to_date(date.value), Quantity._make_c(q.value, lo.value, hi.value),
                        dec(lib.itav_indicator_baseline_text(self._ptr)),
                        dec(lib.itav_indicator_baseline_source(self._ptr)))

    @baseline.setter
    def baseline(self, value):
        if value is not None:
            raise TypeError("assign None to remove the baseline; set_baseline() sets it")
        self.clear_baseline()

    def set_baseline(self, date, quantity, text=None, source=None):
        """Sets the baseline the targets start from: the date it describes and its quantity,
        with the source's wording and reference."""
        days = _required_days(date, "baseline")
        qty = Quantity.coerce(quantity)
        rc = lib.itav_indicator_set_baseline(self._ptr, days, *qty._c_args(), enc(text),
                                             enc(source))
        if rc < 0:
            self._fail(rc, "set the baseline to %s" % (qty,),
                       self._value_problem(rc, qty, text, source))

    def clear_baseline(self):
        """Removes the baseline."""
        rc = lib.itav_indicator_clear_baseline(self._ptr)
        if rc < 0:
            self._fail(rc, "remove the baseline")

    def _value_problem(self, rc, qty, text, source):
        if rc == RangeError.code:
            lo, hi = self.scale
            return "off the scale %s..%s of this %s" % (lo, hi, self.type.code)
        return (_quantity_problem(qty, text) or _ref_problem(source) or _text_problem(text)
                or strerror(rc))

    # ---- targets ----
    @property
    def targets(self):
        """The targets, as a list of Target."""
        out = []
        cmp, rel, deadline = ctypes.c_int(), ctypes.c_int(), ctypes.c_int32()
        value, high = ctypes.c_double(), ctypes.c_double()
        for i in range(lib.itav_indicator_target_count(self._ptr)):
            rc = lib.itav_indicator_target(self._ptr, i, ctypes.byref(cmp), ctypes.byref(value),
                                           ctypes.byref(high), ctypes.byref(rel),
                                           ctypes.byref(deadline))
            if rc < 0:
                self._fail(rc, "read target %d" % i)
            c = Comparator(cmp.value)
            out.append(Target(c, _number(value.value),
                              _number(high.value) if c == Comparator.BETWEEN else None,
                              bool(rel.value), to_date(deadline.value),
                              dec(lib.itav_indicator_target_text(self._ptr, i)),
                              dec(lib.itav_indicator_target_source(self._ptr, i))))
        return out

    def add_target(self, comparator, value, deadline, high=None, relative=False, text=None,
                   source=None):
        """Adds a target: comparator (Comparator or code) and value, with high the upper
        bound for between; relative=True makes value a change in percent of the baseline
        (10: 10 percent more). Raises RangeError for an absolute target off the scale."""
        c = _comparator(comparator)
        days = _required_days(deadline, "target deadline")
        if c == Comparator.BETWEEN and high is None:
            raise InvalidArgument('indicator "%s": a between target needs high, its upper '
                                  'bound' % self.id)
        top = float(value) if high is None else float(high)
        rc = lib.itav_indicator_add_target(self._ptr, int(c), float(value), top,
                                           1 if relative else 0, days, enc(text), enc(source))
        if rc < 0:
            if rc == RangeError.code:
                lo, hi = self.scale
                why = ("an absolute target off the scale %s..%s can never be met or is always "
                       "met" % (lo, hi))
            elif c == Comparator.BETWEEN and top < float(value):
                why = "high %r is below value %r" % (high, value)
            else:
                why = _ref_problem(source) or _text_problem(text) or \
                    "the numbers must be finite"
            self._fail(rc, "add the target %s %r" % (c.code, value), why)

    def remove_target(self, index):
        """Removes target index."""
        n = lib.itav_indicator_target_count(self._ptr)
        rc = lib.itav_indicator_remove_target(self._ptr, _index(index, n))
        if rc < 0:
            self._fail(rc, "remove target %d" % index, "it has %d targets" % n)

    # ---- measurements ----
    @property
    def measurements(self):
        """The measurements in date order, as a list of Measurement."""
        out = []
        date, q = ctypes.c_int32(), ctypes.c_int()
        lo, hi = ctypes.c_double(), ctypes.c_double()
        for i in range(lib.itav_indicator_measurement_count(self._ptr)):
            rc = lib.itav_indicator_measurement(self._ptr, i, ctypes.byref(date),
                                                ctypes.byref(q), ctypes.byref(lo),
                                                ctypes.byref(hi))
            if rc < 0:
                self._fail(rc, "read measurement %d" % i)
            out.append(Measurement(to_date(date.value),
                                   dec(lib.itav_indicator_measurement_period(self._ptr, i)),
                                   Quantity._make_c(q.value, lo.value, hi.value),
                                   dec(lib.itav_indicator_measurement_text(self._ptr, i)),
                                   dec(lib.itav_indicator_measurement_source(self._ptr, i))))
        return out

    def add_measurement(self, date, quantity, period=None, text=None, source=None):
        """Adds a measurement to this object (store.measure() adds one to a stored
        indicator): the date it describes (a period's last day), its quantity, the period in
        words ("2020"), the wording and its source. One per date; raises Exists for a second
        one on a date, RangeError off the scale."""
        days = _required_days(date, "measurement")
        qty = Quantity.coerce(quantity)
        rc = lib.itav_indicator_add_measurement(self._ptr, days, enc(period), *qty._c_args(),
                                                enc(text), enc(source))
        if rc < 0:
            why = ("there is a measurement on %s already" % to_date(days) if rc == -5
                   else self._value_problem(rc, qty, text, source))
            self._fail(rc, "add the measurement %s" % (qty,), why)

    def remove_measurement(self, index):
        """Removes measurement index (in date order)."""
        n = lib.itav_indicator_measurement_count(self._ptr)
        rc = lib.itav_indicator_remove_measurement(self._ptr, _index(index, n))
        if rc < 0:
            self._fail(rc, "remove measurement %d" % index, "it has %d measurements" % n)

    # ---- attainment ----
    def attainment(self, target, as_of, lang=Lang.EN):
        """The Verdict (attainment, why) on target index on a date. Before the deadline the
        latest measurement on or before as_of decides, from the deadline on the latest on or
        before the deadline. lang (Lang, "en" or "nl") words the explanation; the verdict is
        the same."""
        n = lib.itav_indicator_target_count(self._ptr)
        days = _required_days(as_of, "attainment")
        language = _lang(lang)
        verdict, why = ctypes.c_int(), ctypes.c_void_p()
        rc = lib.itav_indicator_attainment_lang(ctypes.byref(verdict), ctypes.byref(why),
                                                self._ptr, _index(target, n), days,
                                                int(language))
        text = take_string(why.value)
        if rc < 0:
            self._fail(rc, "judge target %r" % (target,), "it has %d targets" % n)
        return Verdict(Attainment(verdict.value), text)

    def attainments(self, as_of, lang=Lang.EN):
        """The Verdict on every target on a date, in target order."""
        return [self.attainment(i, as_of, lang)
                for i in range(lib.itav_indicator_target_count(self._ptr))]

    # ---- values ----
    def copy(self):
        """An independent copy (itav_indicator_dup())."""
        ptr = indicator_p()
        rc = lib.itav_indicator_dup(ctypes.byref(ptr), self._ptr)
        if rc < 0:
            self._fail(rc, "copy it")
        return Indicator._wrap(ptr)

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    def to_dict(self):
        """The indicator as Python values (namedtuples and members), for comparison."""
        return {"id": self.id, "offer": self.offer, "type": self.type, "name": self.name,
                "unit": self.unit, "note": self.note, "source": self.source,
                "scale": self.scale, "derived": self.derived,
                "municipality": self.municipality, "municipalities": self.municipalities,
                "baseline": self.baseline,
                "targets": self.targets, "measurements": self.measurements}

    def __eq__(self, other):
        if not isinstance(other, Indicator):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None

    def __repr__(self):
        return "<Indicator %s of %s (%s)>" % (self.id, self.offer, self.type.code)


def _index(i, n):
    """A Python index (negative from the end) as a C size_t; past the end stays past it."""
    if isinstance(i, bool) or not isinstance(i, int):
        raise TypeError("an index is an int, not %s" % type(i).__name__)
    if i < 0:
        i += n
    return i if i >= 0 else n


def _indicator_id(ind):
    if isinstance(ind, Indicator):
        return ind.id
    if isinstance(ind, str):
        return ind
    raise TypeError("expected an indicator id or Indicator, got %s" % type(ind).__name__)


class IndicatorStore:
    """The indicator methods of Store (mixed into itav.Store)."""

    def create_indicator(self, ind):
        """Stores a new indicator; raises Exists, NotFound (its offer is not stored)."""
        self._need(ind, Indicator)
        self._check(lib.itav_indicator_create(self._handle(), ind._ptr))
        return ind

    def update_indicator(self, ind):
        """Replaces a stored indicator; raises NotFound."""
        self._need(ind, Indicator)
        self._check(lib.itav_indicator_update(self._handle(), ind._ptr))
        return ind

    def delete_indicator(self, id):
        """Deletes an indicator (id or object) with its measurements; raises NotFound."""
        self._check(lib.itav_indicator_delete(self._handle(), enc(_indicator_id(id))))

    def get_indicator(self, id):
        """The indicator with this id (a detached copy); raises NotFound."""
        ptr = indicator_p()
        self._check(lib.itav_indicator_get(ctypes.byref(ptr), self._handle(),
                                           enc(_indicator_id(id))))
        return Indicator._wrap(ptr)

    def indicators(self, offer=None):
        """Stored indicators by id; only those of an offer (id or Offer) when given."""
        it = indicator_iter_p()
        self._check(lib.itav_indicator_list(ctypes.byref(it), self._handle(),
                                            enc(offer_id(offer))))
        return self._drain(it, lib.itav_indicator_iter_next, lib.itav_indicator_iter_free,
                           indicator_p, Indicator._wrap)

    def measure(self, indicator, date, quantity, period=None, text=None, source=None):
        """Adds a measurement to a stored indicator (id or Indicator) in one transaction and
        returns the indicator as stored now. Arguments as Indicator.add_measurement()."""
        iid = _indicator_id(indicator)
        qty = Quantity.coerce(quantity)
        self._check(lib.itav_indicator_measure(self._handle(), enc(iid),
                                               _required_days(date, "measure"), enc(period),
                                               *qty._c_args(), enc(text), enc(source)))
        return self.get_indicator(iid)

    def derive_indicator(self, indicator, start=None, end=None):
        """Computes a derived indicator's figure (id or Indicator) for a period start..end
        (dates, inclusive; None for open): its figure for its offer, its municipalities
        counted together, as a Derivation(value, basis)."""
        ind = indicator if isinstance(indicator, Indicator) else self.get_indicator(indicator)
        value, basis = ctypes.c_double(), ctypes.c_long()
        lo, hi = to_days(start), to_days(end)
        self._check(lib.itav_indicator_derive_for(ctypes.byref(value), ctypes.byref(basis),
                                                  self._handle(), ind._ptr,
                                                  DATE_NONE if lo is None else lo,
                                                  DATE_NONE if hi is None else hi))
        return Derivation(None if math.isnan(value.value) else _number(value.value),
                          basis.value)

    def derive(self, what, offer=None, municipality=None, start=None, end=None):
        """Computes a figure (Derived member or code) from the matches and reviews in the
        store, for one offer and/or municipality and a period start..end (dates, inclusive;
        None for open), as a Derivation(value, basis)."""
        d = coerce_member(Derived, what, "derived figure")
        value, basis = ctypes.c_double(), ctypes.c_long()
        lo, hi = to_days(start), to_days(end)
        self._check(lib.itav_indicator_derive(ctypes.byref(value), ctypes.byref(basis),
                                              self._handle(), int(d), enc(offer_id(offer)),
                                              enc(municipality),
                                              DATE_NONE if lo is None else lo,
                                              DATE_NONE if hi is None else hi))
        return Derivation(None if math.isnan(value.value) else _number(value.value),
                          basis.value)
