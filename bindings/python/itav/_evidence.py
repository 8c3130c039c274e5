"""Outcomes and research evidence of interventions, status and milestones of offers (0.4).

``Outcome`` (itav_outcome) is a kind and a Figure; ``Milestone`` (itav_milestone) a status,
a day and/or a period, what happened and its source. Both are Python values: an intervention's
``outcomes`` and an offer's ``milestones`` give copies, and assigning a list replaces them.
"""

import ctypes

from ._dates import DATE_NONE, to_date, to_days
from ._enums import MilestoneStatus, OutcomeKind, coerce_enum
from ._errors import check, error_for, strerror
from ._lib import dec, enc, lib, milestone_p, outcome_p
from ._objects import Figure, _opt_text, _ref_problem, _short, _text_problem


class Outcome:
    """An outcome or piece of research evidence: ``Outcome("follow_up", Figure(...))``.

    kind is an OutcomeKind (or its code); figure says what it is about, with its qualified
    quantity or, without a number, the text (qualifier "text"), its period and source.
    """

    __slots__ = ("kind", "figure")

    def __init__(self, kind, figure):
        self.kind = OutcomeKind(coerce_enum(OutcomeKind, kind, "outcome kind"))
        if not isinstance(figure, Figure):
            raise TypeError("outcome figure: expected a Figure, got %s" % type(figure).__name__)
        self.figure = figure

    def _to_c(self):
        """A new C outcome (owned by the caller: itav_outcome_free())."""
        fig = self.figure._to_c()
        ptr = outcome_p()
        try:
            rc = lib.itav_outcome_new(ctypes.byref(ptr), int(self.kind), fig)
        finally:
            lib.itav_figure_free(fig)
        if rc < 0:
            raise error_for(rc, "invalid outcome %r: %s" % (self, strerror(rc)))
        return ptr

    @classmethod
    def _from_c(cls, ptr):
        o = cls.__new__(cls)
        o.kind = OutcomeKind(lib.itav_outcome_get_kind(ptr))
        o.figure = Figure._from_c(lib.itav_outcome_get_figure(ptr))
        return o

    def __eq__(self, other):
        if not isinstance(other, Outcome):
            return NotImplemented
        return (self.kind, self.figure) == (other.kind, other.figure)

    def __hash__(self):
        return hash((self.kind, self.figure))

    def __repr__(self):
        return "Outcome(%s, %r)" % (self.kind.code, self.figure)


class Milestone:
    """A milestone of an offer: ``Milestone("delayed", "slowed down by corona", period="2020",
    text="getemporeerd", source="000:L399")``.

    status is a MilestoneStatus (or its code); date a datetime.date, an ISO text or None;
    period a text such as "2020" or "2021-07"; a milestone has a date, a period or both.
    """

    __slots__ = ("status", "what", "date", "period", "text", "source")

    def __init__(self, status, what, date=None, period=None, text=None, source=None):
        self.status = MilestoneStatus(coerce_enum(MilestoneStatus, status, "milestone status"))
        self.what = what
        self.date = to_date(to_days(date))
        self.period = period
        self.text = text
        self.source = source
        lib.itav_milestone_free(self._to_c())  # checks it with the library

    def _problem(self):
        if not self.what:
            return "what happened must be a non-empty text"
        for name in ("what", "period", "text"):
            why = _text_problem(getattr(self, name))
            if why:
                return "%s: %s" % (name, why)
        if self.date is None and not self.period:
            return "a milestone needs a date or a period"
        return _ref_problem(self.source)

    def _to_c(self):
        """A new C milestone (owned by the caller: itav_milestone_free())."""
        ptr = milestone_p()
        days = DATE_NONE if self.date is None else to_days(self.date)
        rc = lib.itav_milestone_new(ctypes.byref(ptr), int(self.status), days,
                                    enc(_opt_text(self.period, "period")),
                                    enc(_opt_text(self.what, "what")))
        if rc < 0:
            raise error_for(rc, "invalid milestone %r: %s"
                            % (self, self._problem() or strerror(rc)))
        for name, setter in (("text", lib.itav_milestone_set_text),
                             ("source", lib.itav_milestone_set_source)):
            value = getattr(self, name)
            rc = setter(ptr, enc(_opt_text(value, name)))
            if rc < 0:
                lib.itav_milestone_free(ptr)
                why = _ref_problem(value) if name == "source" else _text_problem(value)
                raise error_for(rc, "invalid milestone %r: %s: %s"
                                % (self, name, why or strerror(rc)))
        return ptr

    @classmethod
    def _from_c(cls, ptr):
        m = cls.__new__(cls)
        m.status = MilestoneStatus(lib.itav_milestone_get_status(ptr))
        m.what = dec(lib.itav_milestone_get_what(ptr))
        m.date = to_date(lib.itav_milestone_get_date(ptr))
        m.period = dec(lib.itav_milestone_get_period(ptr))
        m.text = dec(lib.itav_milestone_get_text(ptr))
        m.source = dec(lib.itav_milestone_get_source(ptr))
        return m

    def _key(self):
        return tuple(getattr(self, s) for s in self.__slots__)

    def __eq__(self, other):
        if not isinstance(other, Milestone):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        parts = [self.status.code, _short(self.what)]
        for s in ("date", "period", "text", "source"):
            if getattr(self, s) is not None:
                parts.append("%s=%s" % (s, _short(str(getattr(self, s)))))
        return "Milestone(%s)" % ", ".join(parts)


def _replace(record, items, cls, count, remove, add, name):
    """Replaces a record's list (outcomes, milestones) with copies of items, all or nothing."""
    items = list(items)
    for x in items:
        if not isinstance(x, cls):
            raise TypeError("%s: expected %s items, got %s" % (name, cls.__name__,
                                                               type(x).__name__))
    ptrs = [x._to_c() for x in items]
    try:
        for i in range(count(record._ptr) - 1, -1, -1):
            check(remove(record._ptr, i), "%s: cannot clear" % name)
        for p in ptrs:
            check(add(record._ptr, p), "%s: cannot add" % name)
    finally:
        free = lib.itav_outcome_free if cls is Outcome else lib.itav_milestone_free
        for p in ptrs:
            free(p)


def outcomes_of(iv):
    """The outcomes of an Intervention, as a list of Outcome (copies)."""
    n = lib.itav_intervention_outcome_count(iv._ptr)
    return [Outcome._from_c(lib.itav_intervention_outcome(iv._ptr, i)) for i in range(n)]


def set_outcomes(iv, outcomes):
    _replace(iv, outcomes, Outcome, lib.itav_intervention_outcome_count,
             lib.itav_intervention_remove_outcome, lib.itav_intervention_add_outcome,
             'intervention "%s": outcomes' % iv.id)


def milestones_of(of):
    """The milestones of an Offer, as a list of Milestone (copies)."""
    n = lib.itav_offer_milestone_count(of._ptr)
    return [Milestone._from_c(lib.itav_offer_milestone(of._ptr, i)) for i in range(n)]


def set_milestones(of, milestones):
    _replace(of, milestones, Milestone, lib.itav_offer_milestone_count,
             lib.itav_offer_remove_milestone, lib.itav_offer_add_milestone,
             'offer "%s": milestones' % of.id)

