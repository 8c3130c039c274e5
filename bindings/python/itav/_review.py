"""Reviews of matches (itav_review): trial, periodic and final evaluations with their outcomes."""

import ctypes

from ._dates import to_date, to_days
from ._enums import Effect, FormalHelp, Respondent, ReviewKind, coerce_member, maybe_enum
from ._errors import InvalidArgument, RangeError, error_for, strerror
from ._lib import (ITAV_EFFECT_UNKNOWN, dec, enc, lib, review_iter_p, review_p,
                   take_string)
from ._objects import _short, _text_problem
from ._owned import Owned
from ._participants import _bool, offer_id

_SCORES = "-2 (much worse) to +2 (much better), or None for unknown"


def _effect(effect):
    return coerce_member(Effect, effect, "effect")


def _int_arg(value, what):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s: expected int, got %s" % (what, type(value).__name__))
    return value


def _call_int(fn, ptr, *args):
    """fn(ptr, *args) whose last argument is a C int; ERANGE for one C cannot hold."""
    if not -2 ** 31 <= args[-1] < 2 ** 31:
        return RangeError.code
    return fn(ptr, *args)


class Review(Owned):
    """One review of a match (itav_review), as one respondent gave it.

    ``Review("final", "2022-03-01", "asking", satisfaction=8, formal_help="reduced",
    effects={"rest": 2, "network": 1})``. kind is a ReviewKind, respondent a Respondent
    (members or codes); date a datetime.date or ISO text. A new review is not stored:
    ``store.add_review(match, review)`` stores it on a match, and stored reviews are never
    rewritten. Objects read from a store are detached copies with ``id`` and ``match`` set.
    """

    _free = staticmethod(lib.itav_review_free)

    def __init__(self, kind, date, respondent, satisfaction=None, safety_concern=False,
                 safety_note=None, effects=None, formal_help=None, note=None):
        k = coerce_member(ReviewKind, kind, "review kind")
        who = coerce_member(Respondent, respondent, "respondent")
        days = to_days(date)
        if days is None:
            raise InvalidArgument("review: a date is required")
        ptr = review_p()
        rc = lib.itav_review_new(ctypes.byref(ptr), int(k), days, int(who))
        if rc < 0:
            raise error_for(rc, "cannot make a %s review: %s" % (k.code, strerror(rc)))
        self._adopt(ptr)
        self.satisfaction = satisfaction
        if safety_concern or safety_note:
            self.set_safety(safety_concern, safety_note)
        if effects:
            self.effects = effects
        self.formal_help = formal_help
        self.note = note

    def _fail(self, rc, what, why):
        raise error_for(rc, "review: cannot set %s: %s" % (what, why))

    # ---- fixed ----
    @property
    def id(self):
        """The id the store gave it ("r-00000001"), or None if not stored."""
        return dec(lib.itav_review_id(self._ptr))

    @property
    def match(self):
        """The id of the match it belongs to, or None if not stored."""
        return dec(lib.itav_review_match(self._ptr))

    @property
    def kind(self):
        """The ReviewKind."""
        return maybe_enum(ReviewKind, lib.itav_review_get_kind(self._ptr))

    @property
    def date(self):
        """The date of the review (datetime.date)."""
        return to_date(lib.itav_review_date(self._ptr))

    @property
    def respondent(self):
        """The Respondent: who answered."""
        return maybe_enum(Respondent, lib.itav_review_respondent(self._ptr))

    # ---- outcomes ----
    @property
    def satisfaction(self):
        """The satisfaction mark, 1 to 10, or None if not given. Assign a mark or None."""
        return lib.itav_review_satisfaction(self._ptr) or None

    @satisfaction.setter
    def satisfaction(self, mark):
        raw = 0 if mark is None else _int_arg(mark, "satisfaction")
        rc = _call_int(lib.itav_review_set_satisfaction, self._ptr, raw)
        if rc < 0:
            self._fail(rc, "satisfaction to %r" % (mark,),
                       "a mark is 1 to 10 (None clears it)")

    @property
    def safety_concern(self):
        """Whether a concern about safety was raised (bool)."""
        return bool(lib.itav_review_safety_concern(self._ptr))

    @property
    def safety_note(self):
        """What the safety concern is, or None."""
        return dec(lib.itav_review_safety_note(self._ptr))

    def set_safety(self, concern, note=None):
        """Records whether there is a safety concern (True/False), with a note on it; a note
        is only allowed with a concern."""
        concern = _bool(concern, "review: safety concern")
        if note is not None and not isinstance(note, str):
            raise TypeError("safety note: expected str or None, got %s" % type(note).__name__)
        rc = lib.itav_review_set_safety(self._ptr, concern, enc(note))
        if rc < 0:
            why = ("a note is only allowed with a concern" if note and not concern
                   else _text_problem(note) or strerror(rc))
            self._fail(rc, "the safety concern", why)

    def effect(self, effect):
        """The score of one effect category (Effect, number or code): -2 to +2, or None if
        unknown."""
        score = lib.itav_review_effect(self._ptr, int(_effect(effect)))
        return None if score == ITAV_EFFECT_UNKNOWN else score

    def set_effect(self, effect, score):
        """Scores one effect category on the five-point scale -2 to +2; None makes it
        unknown."""
        e = _effect(effect)
        raw = ITAV_EFFECT_UNKNOWN if score is None else _int_arg(score, "effect score")
        rc = _call_int(lib.itav_review_set_effect, self._ptr, int(e), raw)
        if rc < 0:
            self._fail(rc, "effect %s to %r" % (e.code, score), "a score is " + _SCORES)

    @property
    def effects(self):
        """{Effect: score} of the categories that are scored. Assigning a dict (keys members,
        numbers or codes) sets those and makes every other category unknown."""
        out = {}
        for e in Effect:
            score = self.effect(e)
            if score is not None:
                out[e] = score
        return out

    @effects.setter
    def effects(self, scores):
        wanted = {_effect(e): s for e, s in dict(scores or {}).items()}
        old = self.effects
        try:
            for e in Effect:
                self.set_effect(e, wanted.get(e))
        except BaseException:  # a bad score changes nothing
            for e in Effect:
                self.set_effect(e, old.get(e))
            raise

    @property
    def formal_help(self):
        """What happened to formal help (FormalHelp), or None if not recorded. Assign a
        member, a code or None."""
        return maybe_enum(FormalHelp, lib.itav_review_formal_help(self._ptr))

    @formal_help.setter
    def formal_help(self, value):
        raw = 0 if value is None else int(coerce_member(FormalHelp, value, "formal help"))
        rc = lib.itav_review_set_formal_help(self._ptr, raw)
        if rc < 0:
            self._fail(rc, "formal help to %r" % (value,),
                       "expected one of %s or None" % ", ".join(FormalHelp.all_codes()))

    @property
    def note(self):
        """A free note, or None."""
        return dec(lib.itav_review_note(self._ptr))

    @note.setter
    def note(self, text):
        if text is not None and not isinstance(text, str):
            raise TypeError("note: expected str or None, got %s" % type(text).__name__)
        rc = lib.itav_review_set_note(self._ptr, enc(text))
        if rc < 0:
            self._fail(rc, "the note to %s" % _short(text), _text_problem(text) or strerror(rc))

    # ---- values ----
    def to_dict(self):
        """The review as Python data with codes and ISO dates (unset fields left out)."""
        out = {"id": self.id, "match": self.match, "kind": self.kind.code,
               "date": self.date.isoformat(), "respondent": self.respondent.code,
               "satisfaction": self.satisfaction, "safety_concern": self.safety_concern,
               "safety_note": self.safety_note,
               "effects": {e.code: s for e, s in self.effects.items()},
               "formal_help": self.formal_help.code if self.formal_help else None,
               "note": self.note}
        return {k: v for k, v in out.items() if v is not None and v != {}}

    def __eq__(self, other):
        if not isinstance(other, Review):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None

    def __repr__(self):
        return "<Review %s %s %s by %s>" % (self.id or "(new)", self.kind.code,
                                           self.date.isoformat(), self.respondent.code)


def _match_id(match):
    if isinstance(match, str):
        return match
    mid = getattr(match, "id", None)
    if isinstance(mid, str):
        return mid
    raise TypeError("expected a match id or Match, got %s" % type(match).__name__)


class ReviewStore:
    """The review methods of Store (mixed into itav.Store)."""

    def add_review(self, match, review=None, **fields):
        """Stores a review on a match (id or Match) and returns it as stored, with its id.

        Give a Review, or its fields as keywords (``store.add_review(m, kind="trial",
        date="2021-08-15", respondent="coordinator", satisfaction=8)``). Raises StateError
        when the match's state does not take this kind of review (or a trial review by this
        respondent exists), RangeError for a date before the match's last transition,
        NotFound for an unknown match; nothing is written then.
        """
        if review is None:
            review = Review(**fields)
        elif fields:
            raise TypeError("add_review: give a Review or its fields, not both")
        if not isinstance(review, Review):
            raise TypeError("expected a Review, got %s" % type(review).__name__)
        out = ctypes.c_void_p()
        self._check(lib.itav_review_add(ctypes.byref(out), self._handle(),
                                        enc(_match_id(match)), review._ptr))
        return self.get_review(take_string(out.value))

    def get_review(self, id):
        """The review with this id (a detached copy); raises NotFound."""
        ptr = review_p()
        self._check(lib.itav_review_get(ctypes.byref(ptr), self._handle(), enc(id)))
        return Review._wrap(ptr)

    def reviews(self, match=None, offer=None):
        """Stored reviews by date, then id; only those of a match and/or of the matches of an
        offer when given."""
        mid = None if match is None else _match_id(match)
        it = review_iter_p()
        self._check(lib.itav_review_list(ctypes.byref(it), self._handle(), enc(mid),
                                         enc(offer_id(offer))))
        return self._drain(it, lib.itav_review_iter_next, lib.itav_review_iter_free, review_p,
                           Review._wrap)
