"""Match plans (itav_plan): trial, reviews, duration, distance and screening of an offer."""

import ctypes

from ._enums import Criterion, PlanField, coerce_member
from ._errors import InvalidArgument, error_for, strerror
from ._lib import ITAV_PLAN_UNSET, dec, enc, lib, plan_p
from ._owned import Owned

PLAN_FIELDS = tuple(f.code for f in PlanField)

_BOOLEAN = (PlanField.TRIAL, PlanField.VOG, PlanField.TRAINING, PlanField.FINAL_REVIEW)
# What itav_plan_set() accepts, in words, for messages (include/itav/plan.h).
_RULES = {
    PlanField.TRIAL: "True or False",
    PlanField.TRIAL_MONTHS: "whole months, 1 to 1200",
    PlanField.REVIEW_MONTHS: "whole months, 1 to 1200",
    PlanField.MAX_MONTHS: "whole months, 1 to 1200",
    PlanField.MAX_DISTANCE_M: "whole metres, 1 to 20000000",
    PlanField.VOG: "True or False",
    PlanField.VOG_VALID_MONTHS: "whole months, 0 to 1200",
    PlanField.TRAINING: "True or False",
    PlanField.CRITERIA: "a non-empty set of criteria (%s)" % ", ".join(Criterion.all_codes()),
    PlanField.FINAL_REVIEW: "True or False",
    PlanField.PROPOSAL_DAYS: "whole days, 0 to 36500 (0: a proposal never falls due)",
}


def criteria_bits(criteria):
    """The ITAV_PLAN_CRITERIA bits (1 << criterion) of an iterable of criteria (codes or
    Criterion) or of an int that already is such a set."""
    if isinstance(criteria, int) and not isinstance(criteria, bool):
        return criteria
    if isinstance(criteria, (str, Criterion)):
        criteria = [criteria]
    bits = 0
    for c in criteria:
        bits |= 1 << int(coerce_member(Criterion, c, "criterion"))
    return bits


def criteria_codes(bits):
    """The set of criterion codes in ITAV_PLAN_CRITERIA bits."""
    return {c.code for c in Criterion if bits >> int(c) & 1}


def _field(field):
    return coerce_member(PlanField, field, "plan field")


class Plan(Owned):
    """A match plan (itav_plan), or the fields an offer overrides.

    ``Plan(trial=True, trial_months=2, review_months=6, max_months=24, vog=True,
    sources={"trial_months": "002:L77"})``. Each field is None when unset; booleans (trial,
    vog, training, final_review) are bool, criteria a set of criterion codes, the others int.
    Read and write fields as attributes, by code (``plan["max_months"]``), or with
    get()/set(); None or ``del plan[field]`` unsets one.
    """

    _free = staticmethod(lib.itav_plan_free)

    def __init__(self, sources=None, **fields):
        ptr = plan_p()
        rc = lib.itav_plan_new(ctypes.byref(ptr))
        if rc < 0:
            raise error_for(rc, "cannot make a plan: %s" % strerror(rc))
        self._adopt(ptr)
        for name, value in fields.items():
            if name not in PLAN_FIELDS:
                raise TypeError("a plan has no field %r (fields: %s)"
                                % (name, ", ".join(PLAN_FIELDS)))
            self.set(name, value)
        if sources:
            self.sources = sources

    @classmethod
    def _copy_of(cls, borrowed):
        """A Plan owning a copy of a borrowed C plan; None for NULL."""
        if not borrowed:
            return None
        ptr = plan_p()
        rc = lib.itav_plan_dup(ctypes.byref(ptr), borrowed)
        if rc < 0:
            raise error_for(rc, "cannot copy a plan: %s" % strerror(rc))
        return cls._wrap(ptr)

    @classmethod
    def coerce(cls, value):
        """A Plan from a Plan, a dict like to_dict() gives, or None (None stays None)."""
        if value is None or isinstance(value, Plan):
            return value
        if isinstance(value, dict):
            return cls(**value)
        raise TypeError("expected a Plan, a dict or None, got %s" % type(value).__name__)

    # ---- fields ----
    def get(self, field):
        """The value of a field (PlanField, number or code), or None if unset."""
        f = _field(field)
        raw = lib.itav_plan_get(self._ptr, int(f))
        if raw == ITAV_PLAN_UNSET:
            return None
        if f in _BOOLEAN:
            return bool(raw)
        if f == PlanField.CRITERIA:
            return criteria_codes(raw)
        return raw

    def set(self, field, value):
        """Sets a field; None unsets it. Raises InvalidArgument for a value out of range."""
        f = _field(field)
        if value is None:
            raw = ITAV_PLAN_UNSET
        elif f in _BOOLEAN:
            if not isinstance(value, (bool, int)) or value not in (0, 1):
                raise InvalidArgument("plan: %s is %s, not %r" % (f.code, _RULES[f], value))
            raw = int(value)
        elif f == PlanField.CRITERIA:
            try:
                raw = criteria_bits(value)
            except InvalidArgument as e:
                raise InvalidArgument("plan: criteria: %s" % e.message) from None
        else:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidArgument("plan: %s is %s, not %r" % (f.code, _RULES[f], value))
            raw = value
        if not -2 ** 31 < raw < 2 ** 31:
            raise InvalidArgument("plan: %s is %s, not %r" % (f.code, _RULES[f], value))
        rc = lib.itav_plan_set(self._ptr, int(f), raw)
        if rc < 0:
            raise error_for(rc, "plan: cannot set %s to %r: %s is %s"
                            % (f.code, value, f.code, _RULES[f]))

    def __getitem__(self, field):
        return self.get(field)

    def __setitem__(self, field, value):
        self.set(field, value)

    def __delitem__(self, field):
        self.set(field, None)

    def __contains__(self, field):
        return self.get(field) is not None

    def __iter__(self):
        """The codes of the fields that are set, in field order."""
        return iter([c for c in PLAN_FIELDS if self.get(c) is not None])

    def __len__(self):
        return len(list(iter(self)))

    def __bool__(self):
        return True

    # ---- sources ----
    def source(self, field):
        """Where the seeds state a field ("002:L77"), or None."""
        return dec(lib.itav_plan_source(self._ptr, int(_field(field))))

    def set_source(self, field, ref):
        """Sets (or with None/"" clears) the source reference of a field."""
        f = _field(field)
        rc = lib.itav_plan_set_source(self._ptr, int(f), enc(ref))
        if rc < 0:
            why = ("the field is not set, and a source cites a value"
                   if self.get(f) is None else
                   "a source reference looks like \"002:L77\" or \"002:L77-79\"")
            raise error_for(rc, "plan: cannot set the source of %s to %r: %s"
                            % (f.code, ref, why))

    @property
    def sources(self):
        """{field: ref} of every source set. Assigning a dict replaces them all."""
        out = {}
        for code in PLAN_FIELDS:
            ref = self.source(code)
            if ref is not None:
                out[code] = ref
        return out

    @sources.setter
    def sources(self, refs):
        refs = {_field(f).code: r for f, r in dict(refs or {}).items()}
        for code in PLAN_FIELDS:
            self.set_source(code, refs.get(code))

    # ---- values ----
    def to_dict(self):
        """The fields set, as in JSON: {"trial": True, ..., "criteria": [codes in criterion
        order], "sources": {...}} (sources left out when there are none)."""
        out = {}
        for code in self:
            value = self.get(code)
            if code == "criteria":
                value = [c.code for c in Criterion if c.code in value]
            out[code] = value
        if self.sources:
            out["sources"] = self.sources
        return out

    def copy(self):
        """An independent copy (itav_plan_dup())."""
        return Plan._copy_of(self._ptr)

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    def __eq__(self, other):
        if not isinstance(other, Plan):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None

    def __repr__(self):
        d = self.to_dict()
        return "Plan(%s)" % ", ".join("%s=%r" % kv for kv in d.items())


def _plan_field_property(field):
    f = PlanField(field)

    def fget(self):
        return self.get(f)

    def fset(self, value):
        self.set(f, value)

    def fdel(self):
        self.set(f, None)
    return property(fget, fset, fdel, doc="The %s field, or None if unset (%s)."
                    % (f.code, _RULES[f]))


for _f in PlanField:
    setattr(Plan, _f.code, _plan_field_property(_f))
del _f


def plan_property(getter, setter, kind):
    """The .plan property of interventions and offers: a copy of the C object's plan (or
    None); assigning a Plan, a dict or None replaces it."""
    def fget(self):
        return Plan._copy_of(getter(self._ptr))

    def fset(self, value):
        plan = Plan.coerce(value)
        rc = setter(self._ptr, plan._ptr if plan is not None else None)
        if rc < 0:
            self._raise(rc, "cannot set the plan")
    return property(fget, fset, doc="The match plan of the %s (a copy: change it, then "
                                    "assign it back), or None." % kind)
