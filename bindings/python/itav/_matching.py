"""Matches and their lifecycle, due items, scoring, suggestions and assignment."""

import collections
import ctypes
import datetime
from typing import Dict, List, Optional, Union

from ._dates import DATE_NONE, to_date, to_days
from ._enums import (Actor, Constraint, Criterion, DueKind, EndReason, MatchState,
                     coerce_member, maybe_enum)
from ._errors import InvalidArgument, check
from ._lib import (ITAV_ASSIGN_DRY_RUN, ITAV_ASSIGN_WRITE, assignment_p, dec, due_iter_p,
                   due_p, enc, itav_match_filter, itav_match_options, lib, match_iter_p,
                   match_p, plan_p, suggestion_iter_p, suggestion_p,
                   take_string)
from ._objects import Offer, _Value
from ._participants import Participant, offer_id, ref_of
from ._plan import Plan

# Argument types (typing): a date is a datetime.date, "YYYY-MM-DD" or None; a participant,
# offer or match by its object or its id; options a MatchOptions, a dict of its fields or None.
DateLike = Union[datetime.date, str, None]
Ref = Union[str, "Participant"]
OfferRef = Union[str, "Offer"]
MatchRef = Union[str, "Match"]
Options = Union["MatchOptions", Dict[str, object], None]

Transition = collections.namedtuple("Transition", "state date actor note")
Transition.__doc__ = ("One entry of a match's audit trail: the MatchState entered, the date "
                      "(datetime.date), the Actor, and the note (None if none).")

class Due(collections.namedtuple("Due", "match kind date overdue_days")):
    """Something that falls due in an open match: the match id, the DueKind, the date
    (datetime.date) and the days it is overdue on the query's date (negative while still
    ahead). The attribute ``since`` (not part of the tuple, so that it compares as before) is
    the date its time counts from: the day of the proposal for DueKind.PROPOSAL, so a
    proposal has waited ``as_of - since`` (itav_due_since())."""
    since = None  # type: Optional[datetime.date]


class CertificateDue(collections.namedtuple("CertificateDue",
                                            "participant kind date overdue_days")):
    """A supporter's certificate of conduct (VOG) that stops counting: the participant's
    reference, DueKind.VOG_EXPIRY, the first date it no longer counts (datetime.date) and the
    days that lies behind the query's date (negative while still ahead). ``since`` is the
    certificate's date."""
    since = None  # type: Optional[datetime.date]

CriterionScore = collections.namedtuple("CriterionScore", "value weight applies")
CriterionScore.__doc__ = ("One criterion of a score's breakdown: its value (0 to 1), the "
                          "weight it counted with (0 if it did not apply), and whether it "
                          "applied.")


def move_legal(from_state: Union[MatchState, str, int], to_state: Union[MatchState, str, int],
               has_trial: bool = True) -> bool:
    """Whether a match may move from one state to another (itav_match_move_legal()).
    has_trial: whether the plan has a trial period (introduced -> active skips it only when
    it has none)."""
    a = coerce_member(MatchState, from_state, "match state")
    b = coerce_member(MatchState, to_state, "match state")
    return bool(lib.itav_match_move_legal(int(a), int(b), 1 if has_trial else 0))


def _id_of_match(m):
    if isinstance(m, Match):
        return m.id
    if isinstance(m, str):
        return m
    raise TypeError("expected a match id or Match, got %s" % type(m).__name__)


def _required_date(value, what):
    days = to_days(value)
    if days is None:
        raise InvalidArgument("%s: a date is required" % what)
    return days


# ---- matches ------------------------------------------------------------------------------

class Match(_Value):
    """A match (itav_match, a koppeling) between an asking and a supporting participant.

    Read from a store (``store.get_match(id)``, ``store.matches()``); a read-only snapshot.
    It moves on through ``store.advance()``.
    """

    _kind = "match"
    _free = staticmethod(lib.itav_match_free)

    @property
    def id(self):
        """The id the library gave it ("m-00000001", in order of proposal)."""
        return dec(lib.itav_match_id(self._ptr))

    @property
    def offer(self):
        """The offer's id."""
        return dec(lib.itav_match_offer(self._ptr))

    @property
    def asking(self):
        """The asking participant's reference."""
        return dec(lib.itav_match_asking(self._ptr))

    @property
    def supporting(self):
        """The supporting participant's reference."""
        return dec(lib.itav_match_supporting(self._ptr))

    @property
    def state(self):
        """The MatchState."""
        return maybe_enum(MatchState, lib.itav_match_get_state(self._ptr))

    @property
    def is_open(self):
        """Whether the match is open (proposed, introduced, trial or active)."""
        return isinstance(self.state, MatchState) and self.state.is_open

    @property
    def score(self):
        """The pair's score when it was proposed (0 to 1), or None if not known."""
        s = lib.itav_match_score(self._ptr)
        return None if s < 0 else s

    @property
    def previous(self):
        """The id of the earlier (completed) match this one follows up, or None."""
        return dec(lib.itav_match_previous(self._ptr))

    @property
    def reason(self):
        """The EndReason of a declined or ended-early match; None otherwise."""
        return maybe_enum(EndReason, lib.itav_match_reason(self._ptr))

    @property
    def start(self):
        """The date it started (entered trial, or active without trial), or None."""
        return to_date(lib.itav_match_start(self._ptr))

    @property
    def trail(self):
        """The audit trail, oldest first, as a list of Transition."""
        out = []
        state, date, actor = ctypes.c_int(), ctypes.c_int32(), ctypes.c_int()
        note = ctypes.c_char_p()
        for i in range(lib.itav_match_transition_count(self._ptr)):
            self._check(lib.itav_match_transition(self._ptr, i, ctypes.byref(state),
                                                  ctypes.byref(date), ctypes.byref(actor),
                                                  ctypes.byref(note)),
                        "cannot read transition %d" % i)
            out.append(Transition(maybe_enum(MatchState, state.value), to_date(date.value),
                                  maybe_enum(Actor, actor.value), dec(note.value)))
        return out

    def to_json(self):
        """The match, with its audit trail, as an itav/1 match object (JSON text)."""
        out = ctypes.c_void_p()
        self._check(lib.itav_match_to_json(ctypes.byref(out), self._ptr),
                    "cannot encode as JSON")
        return take_string(out.value)

    def copy(self):
        """The match itself: a Match is read-only, so it needs no copy."""
        return self

    def __repr__(self):
        state = self.state.code if isinstance(self.state, MatchState) else self.state
        return "<Match %s %s %s-%s>" % (self.id, state, self.asking, self.supporting)


# ---- options ------------------------------------------------------------------------------

class MatchOptions:
    """Options of scoring, suggestions and assignment (struct itav_match_options).

    Starts from the library's defaults (itav_match_options_init()); give what you change:
    ``MatchOptions(weights={"distance": 3, "waiting": 0}, min_score=0.5, as_of="2021-06-01")``.
    ``weights`` is a dict criterion code -> weight (every criterion is in it); as_of is a
    datetime.date or None (today); max_distance_m None or 0 means no extra limit.
    """

    FIELDS = ("version", "weights", "min_score", "as_of", "waiting_full_days",
              "distance_scale_m", "max_distance_m")
    __slots__ = ("version", "weights", "min_score", "_as_of", "waiting_full_days",
                 "distance_scale_m", "max_distance_m")

    def __init__(self, weights=None, **fields):
        c = itav_match_options()
        check(lib.itav_match_options_init(ctypes.byref(c)), "itav_match_options_init")
        self.version = c.version
        self.weights = {cr.code: c.weights[int(cr)] for cr in Criterion}
        self.min_score = c.min_score
        self.as_of = to_date(c.as_of)
        self.waiting_full_days = c.waiting_full_days
        self.distance_scale_m = c.distance_scale_m
        self.max_distance_m = c.max_distance_m or None
        for name, value in fields.items():
            if name not in self.FIELDS or name == "weights":
                raise TypeError("MatchOptions has no field %r (fields: %s)"
                                % (name, ", ".join(self.FIELDS)))
            setattr(self, name, value)
        for criterion, weight in (weights or {}).items():
            self.set_weight(criterion, weight)

    @property
    def as_of(self):
        """The date to judge waiting time and screening by (datetime.date), or None for
        today; assign a date, an ISO text or None."""
        return self._as_of

    @as_of.setter
    def as_of(self, value):
        self._as_of = to_date(to_days(value))

    def set_weight(self, criterion, weight):
        """Sets the weight of one criterion (Criterion, number or code)."""
        cr = coerce_member(Criterion, criterion, "criterion")
        self.weights[cr.code] = float(weight)

    def weight(self, criterion):
        """The weight of one criterion."""
        return self.weights[coerce_member(Criterion, criterion, "criterion").code]

    @classmethod
    def coerce(cls, value):
        """MatchOptions from MatchOptions, a dict of its fields, or None (None stays None)."""
        if value is None or isinstance(value, MatchOptions):
            return value
        if isinstance(value, dict):
            return cls(**value)
        raise TypeError("options: expected MatchOptions, a dict or None, got %s"
                        % type(value).__name__)

    def _to_c(self):
        """The C struct; unknown criteria in weights raise InvalidArgument."""
        c = itav_match_options()
        c.version = self.version
        for code, w in self.weights.items():
            c.weights[int(coerce_member(Criterion, code, "criterion"))] = float(w)
        c.min_score = float(self.min_score)
        as_of = to_days(self.as_of)
        c.as_of = DATE_NONE if as_of is None else as_of
        c.waiting_full_days = int(self.waiting_full_days)
        c.distance_scale_m = float(self.distance_scale_m)
        c.max_distance_m = float(self.max_distance_m or 0.0)
        return c

    def _key(self):
        return tuple(getattr(self, f) for f in self.FIELDS)

    def __eq__(self, other):
        if not isinstance(other, MatchOptions):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None

    def __repr__(self):
        return "MatchOptions(%s)" % ", ".join("%s=%r" % (f, getattr(self, f))
                                              for f in self.FIELDS)


def _with_as_of(options, as_of):
    """The options with as_of set, when one is given (a copy: the caller's stay as they
    are)."""
    if as_of is None:
        return options
    opts = MatchOptions.coerce(options) or MatchOptions()
    opts = MatchOptions(weights=dict(opts.weights),
                        **{f: getattr(opts, f) for f in MatchOptions.FIELDS if f != "weights"})
    opts.as_of = as_of
    return opts


def _options_arg(options):
    """The pointer argument for options (None for the defaults); byref keeps the struct."""
    opts = MatchOptions.coerce(options)
    return None if opts is None else ctypes.byref(opts._to_c())


# ---- suggestions and assignments ----------------------------------------------------------

class Suggestion:
    """A scored pair with its breakdown (a copy of an itav_suggestion).

    ``score`` 0 to 1; ``excluded`` the code of the hard constraint that excludes the pair
    ("capacity") or None if it is allowed (``constraint`` is the Constraint member);
    ``distance`` metres or None; ``breakdown`` {criterion code: CriterionScore(value, weight,
    applies)} for every criterion.
    """

    __slots__ = ("asking", "supporting", "score", "constraint", "distance", "breakdown")

    @classmethod
    def _from_c(cls, ptr):
        s = cls.__new__(cls)
        s.asking = dec(lib.itav_suggestion_asking(ptr))
        s.supporting = dec(lib.itav_suggestion_supporting(ptr))
        s.score = lib.itav_suggestion_score(ptr)
        s.constraint = maybe_enum(Constraint, lib.itav_suggestion_excluded(ptr))
        d = lib.itav_suggestion_distance(ptr)
        s.distance = None if d < 0 else d
        s.breakdown = {}
        value, weight = ctypes.c_double(), ctypes.c_double()
        for cr in Criterion:
            applies = check(lib.itav_suggestion_criterion(ptr, int(cr), ctypes.byref(value),
                                                          ctypes.byref(weight)),
                            "itav_suggestion_criterion(%s)" % cr.code)
            s.breakdown[cr.code] = CriterionScore(value.value, weight.value, bool(applies))
        return s

    @classmethod
    def _take(cls, ptr):
        """A Suggestion from an owned C suggestion, which is freed."""
        try:
            return cls._from_c(ptr)
        finally:
            lib.itav_suggestion_free(ptr)

    @property
    def excluded(self):
        """The code of the constraint that excludes the pair, or None if it is allowed."""
        return None if self.constraint == Constraint.NONE else self.constraint.code

    @property
    def allowed(self):
        """Whether no hard constraint excludes the pair."""
        return self.constraint == Constraint.NONE

    def _key(self):
        return tuple(getattr(self, s) for s in self.__slots__)

    def __eq__(self, other):
        if not isinstance(other, Suggestion):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None

    def __repr__(self):
        what = ("score=%.6f" % self.score if self.allowed else "excluded=%r" % self.excluded)
        return "<Suggestion %s-%s %s>" % (self.asking, self.supporting, what)


class Assignment:
    """The result of an assignment run (a copy of an itav_assignment).

    ``pairs``: Suggestion per pair in waiting order; ``match_ids``: the id written for each
    pair (None after a dry run); ``unmatched``: references of asking participants left
    unmatched, in waiting order; ``total``: the sum of the pairs' scores; ``written``:
    whether the pairs were written as proposed matches.
    """

    __slots__ = ("pairs", "match_ids", "unmatched", "total", "written")

    @classmethod
    def _take(cls, ptr, written):
        try:
            a = cls.__new__(cls)
            n = lib.itav_assignment_count(ptr)
            a.pairs = [Suggestion._from_c(lib.itav_assignment_pair(ptr, i)) for i in range(n)]
            a.match_ids = [dec(lib.itav_assignment_match_id(ptr, i)) for i in range(n)]
            a.unmatched = [dec(lib.itav_assignment_unmatched(ptr, i))
                           for i in range(lib.itav_assignment_unmatched_count(ptr))]
            a.total = lib.itav_assignment_total(ptr)
            a.written = written
            return a
        finally:
            lib.itav_assignment_free(ptr)

    @property
    def matched(self):
        """{asking reference: supporting reference} of the pairs."""
        return {p.asking: p.supporting for p in self.pairs}

    def __len__(self):
        return len(self.pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __repr__(self):
        return "<Assignment %d pairs, %d unmatched, total %.6f%s>" % (
            len(self.pairs), len(self.unmatched), self.total, ", written" if self.written
            else "")


# ---- the store methods --------------------------------------------------------------------

class MatchingStore:
    """The match, plan and matching methods of Store (mixed into itav.Store)."""

    def get_match(self, id: str) -> "Match":
        """The match with this id (a snapshot); raises NotFound."""
        ptr = match_p()
        self._check(lib.itav_match_get(ctypes.byref(ptr), self._handle(),
                                       enc(_id_of_match(id))))
        return Match._wrap(ptr)

    @staticmethod
    def make_match_filter(offer=None, participant=None, state=None, open_only=False):
        """The itav_match_filter for these criteria (see matches())."""
        f = itav_match_filter()
        if offer is not None:
            f.offer = enc(offer_id(offer))
        if participant is not None:
            f.participant = enc(ref_of(participant))
        if state is not None:
            f.state = int(coerce_member(MatchState, state, "match state"))
        f.open_only = 1 if open_only else 0
        return f

    def matches(self, offer: Optional[OfferRef] = None, participant: Optional[Ref] = None,
                state: Union["MatchState", str, int, None] = None,
                open_only: bool = False) -> "List[Match]":
        """Matches in order of proposal; only those of an offer, of a participant (either
        side), in a state and/or open when given."""
        return self.list_matches(self.make_match_filter(offer, participant, state, open_only))

    def list_matches(self, filter=None):
        """The matches passing a raw itav_match_filter (None for all)."""
        it = match_iter_p()
        fp = ctypes.byref(filter) if filter is not None else None
        self._check(lib.itav_match_list(ctypes.byref(it), self._handle(), fp))
        return self._drain(it, lib.itav_match_iter_next, lib.itav_match_iter_free, match_p,
                           Match._wrap)

    def propose(self, asking: Ref, supporting: Ref, date: DateLike,
                actor: Union[Actor, str, int] = Actor.COORDINATOR, note: Optional[str] = None,
                options: Options = None) -> "Match":
        """Proposes a match between an asking and a supporting participant on a date and
        returns it. Raises StateError naming the constraint when the pair is excluded."""
        act = coerce_member(Actor, actor, "actor")
        days = _required_date(date, "propose")
        opt = _options_arg(options)
        out = ctypes.c_void_p()
        self._check(lib.itav_match_propose(ctypes.byref(out), self._handle(),
                                           enc(ref_of(asking)), enc(ref_of(supporting)), days,
                                           int(act), enc(note), opt))
        return self.get_match(take_string(out.value))

    def advance(self, match: MatchRef, state: Union[MatchState, str, int], date: DateLike,
                actor: Union[Actor, str, int] = Actor.COORDINATOR,
                reason: Union[EndReason, str, int, None] = None,
                note: Optional[str] = None) -> "Match":
        """Moves a match (id or Match) to another state on a date and returns it as stored
        now. declined and ended_early need a reason (EndReason or code). Raises StateError,
        whose message lists the legal moves, for a move that is not legal."""
        st = coerce_member(MatchState, state, "match state")
        act = coerce_member(Actor, actor, "actor")
        why = 0 if reason is None else int(coerce_member(EndReason, reason, "end reason"))
        mid = _id_of_match(match)
        self._check(lib.itav_match_advance(self._handle(), enc(mid), int(st),
                                           _required_date(date, "advance"), int(act), why,
                                           enc(note)))
        return self.get_match(mid)

    def due(self, as_of: DateLike, offer: Optional[OfferRef] = None,
            within_days: int = 0) -> "List[Due]":
        """What falls due in open matches as of a date (and up to within_days after it), as
        a list of Due ordered by date, match id, kind; only one offer's when given."""
        if isinstance(within_days, bool) or not isinstance(within_days, int):
            raise TypeError("within_days: expected int, got %s" % type(within_days).__name__)
        it = due_iter_p()
        self._check(lib.itav_match_due(ctypes.byref(it), self._handle(),
                                       enc(offer_id(offer)), _required_date(as_of, "due"),
                                       within_days))
        return self._drain(it, lib.itav_due_iter_next, lib.itav_due_iter_free, due_p,
                           _take_due)

    def participants_due(self, as_of: DateLike, offer: Optional[OfferRef] = None,
                         within_days: int = 0) -> "List[CertificateDue]":
        """The certificates of conduct that have expired as of a date (and those that expire
        up to within_days after it), as a list of CertificateDue ordered by date and
        reference; only one offer's when given. Only offers whose plan requires a
        certificate and sets vog_valid_months have any (itav_participant_due())."""
        if isinstance(within_days, bool) or not isinstance(within_days, int):
            raise TypeError("within_days: expected int, got %s" % type(within_days).__name__)
        it = due_iter_p()
        self._check(lib.itav_participant_due(ctypes.byref(it), self._handle(),
                                             enc(offer_id(offer)),
                                             _required_date(as_of, "participants_due"),
                                             within_days))
        return self._drain(it, lib.itav_due_iter_next, lib.itav_due_iter_free, due_p,
                           _take_certificate_due)

    def skip_evaluation(self, match: MatchRef, date: DateLike, note: str,
                        actor: Union[Actor, str, int] = Actor.COORDINATOR) -> "Match":
        """Moves a match in trial to active without a trial review, which advance() refuses
        when the plan has a trial period. The note says why and is required; the trail
        records it as "trial evaluation skipped: <note>". Returns the match as stored now."""
        act = coerce_member(Actor, actor, "actor")
        if not isinstance(note, str):
            raise TypeError("note: expected str, got %s" % type(note).__name__)
        mid = _id_of_match(match)
        self._check(lib.itav_match_skip_evaluation(self._handle(), enc(mid),
                                                   _required_date(date, "skip_evaluation"),
                                                   int(act), enc(note)))
        return self.get_match(mid)

    def effective_plan(self, offer: OfferRef) -> Plan:
        """The plan that holds for an offer (id or Offer): each field from the offer if it
        overrides it, else from its intervention."""
        ptr = plan_p()
        self._check(lib.itav_plan_effective(ctypes.byref(ptr), self._handle(),
                                            enc(offer_id(offer))))
        return Plan._wrap(ptr)

    def score(self, asking: Ref, supporting: Ref, options: Options = None) -> "Suggestion":
        """The score of one pair with its breakdown, or the constraint that excludes it,
        as a Suggestion."""
        opt = _options_arg(options)
        ptr = suggestion_p()
        self._check(lib.itav_match_score_pair(ctypes.byref(ptr), self._handle(),
                                              enc(ref_of(asking)), enc(ref_of(supporting)),
                                              opt))
        return Suggestion._take(ptr)

    def suggest(self, asking: Ref, k: int = 5, options: Options = None, *,
                as_of: DateLike = None) -> "List[Suggestion]":
        """The best k (1 to 1000; 5 as in ``itav match suggest``) allowed supporters for an
        asking participant, best first, as a list of Suggestion. as_of (a date; default
        options.as_of, else today) is the date scores and screening are judged by."""
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError("k: expected int, got %s" % type(k).__name__)
        if k < 0:
            raise InvalidArgument("suggest: k is 1 to 1000, not %d" % k)
        opt = _options_arg(_with_as_of(options, as_of))
        it = suggestion_iter_p()
        self._check(lib.itav_match_suggest(ctypes.byref(it), self._handle(),
                                           enc(ref_of(asking)), k, opt))
        return self._drain(it, lib.itav_suggestion_iter_next, lib.itav_suggestion_iter_free,
                           suggestion_p, Suggestion._take)

    def assign(self, offer: OfferRef, date: DateLike = None, options: Options = None,
               write: bool = False, *, as_of: DateLike = None) -> "Assignment":
        """The best set of matches for every waiting asking participant of an offer, as an
        Assignment. With write=True the pairs are written as proposed matches (actor system,
        on date), all in one transaction; otherwise nothing is written (a dry run). date
        defaults to today, as_of (the date scores are judged by) to options.as_of, else to
        date, as in ``itav match assign``."""
        if date is None:
            date = datetime.date.today()
        opt = _options_arg(_with_as_of(options, as_of))
        flags = ITAV_ASSIGN_WRITE if write else ITAV_ASSIGN_DRY_RUN
        ptr = assignment_p()
        self._check(lib.itav_match_assign(ctypes.byref(ptr), self._handle(),
                                          enc(offer_id(offer)), opt, flags,
                                          _required_date(date, "assign")))
        return Assignment._take(ptr, bool(write))


def _take_certificate_due(ptr):
    try:
        due = CertificateDue(dec(lib.itav_due_participant(ptr)),
                             maybe_enum(DueKind, lib.itav_due_get_kind(ptr)),
                             to_date(lib.itav_due_date(ptr)), lib.itav_due_overdue_days(ptr))
        due.since = to_date(lib.itav_due_since(ptr))
        return due
    finally:
        lib.itav_due_free(ptr)


def _take_due(ptr):
    try:
        due = Due(dec(lib.itav_due_match(ptr)), maybe_enum(DueKind, lib.itav_due_get_kind(ptr)),
                  to_date(lib.itav_due_date(ptr)), lib.itav_due_overdue_days(ptr))
        due.since = to_date(lib.itav_due_since(ptr))
        return due
    finally:
        lib.itav_due_free(ptr)
