"""Participants (itav_participant): the people who ask for and who give informal support."""

import collections
import ctypes
import datetime
import json
import math
import os
from typing import List, Optional, Union

from ._dates import DATE_NONE, to_date, to_days
from ._enums import (ImportFlag, ParticipantKind, ParticipantStatus, Severity, Side, Slot,
                     Support, coerce_flags, coerce_member, flag_codes, maybe_enum)
from ._errors import FormatError, InvalidArgument, RangeError, error_for, strerror
from ._lib import (ITAV_CHILDREN_MAX, ITAV_EXCLUSIONS_MAX, ITAV_INTERESTS_MAX,
                   ITAV_LANGUAGES_MAX, dec, enc, erasure_p, itav_participant_filter, lib,
                   participant_iter_p, participant_p, take_string)
from ._objects import Offer, _short, _text_problem, _Value

PARTICIPANT_FIELDS = ("municipality", "postcode", "location", "availability", "support",
                      "languages", "language_required", "interests", "children", "age_range",
                      "vog_date", "trained", "capacity", "registered", "max_distance_m",
                      "exclusions")

REF_RULE = ("a reference is 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter "
            "or digit")
_INTEREST_RULE = "an interest is lower-case letters, digits and single hyphens, at most 64"


# Argument types (typing): a date is a datetime.date, "YYYY-MM-DD" or None; a participant
# by its object or its reference.
DateLike = Union[datetime.date, str, None]
RefLike = Union[str, "Participant"]

Erasure = collections.namedtuple("Erasure", "ref date closed")
Erasure.__doc__ = ("What an erasure did: the participant's new reference (\"~erased-N\"), the "
                   "date (datetime.date), and the open matches it closed, as a list of "
                   "(match id, MatchState) pairs in order of match id.")


def language_known(code: str) -> bool:
    """Whether a code is an ISO 639-1 or ISO 639-3 language code ("nl", "nld", "pap")
    (itav_language_known())."""
    return bool(lib.itav_language_known(enc(code)))


def language_canonical(code: str) -> Optional[str]:
    """The form a language is stored in: its ISO 639-1 code when it has one, else its
    ISO 639-3 code ("nld" gives "nl", "pap" gives "pap"); None for an unknown code
    (itav_language_canonical())."""
    out = lib.itav_language_canonical(enc(code))
    return None if out is None else dec(out)


def ref_of(obj):
    """The reference of a Participant, or a reference given as text."""
    if isinstance(obj, Participant):
        return obj.ref
    if isinstance(obj, str):
        return obj
    raise TypeError("expected a participant reference or Participant, got %s"
                    % type(obj).__name__)


def offer_id(offer):
    """The id of an Offer, or an offer id given as text (None stays None)."""
    return offer.id if isinstance(offer, Offer) else offer


def _bool(value, what):
    if not isinstance(value, (bool, int)) or value not in (0, 1):
        raise InvalidArgument("%s: expected True or False, got %r" % (what, value))
    return int(value)


def _date_arg(value):
    d = to_days(value)
    return DATE_NONE if d is None else d


class Participant(_Value):
    """A participant (itav_participant), on the asking or the supporting side of an offer.

    ``Participant("bg-zk-a001", "buurtgezinnen-zuid-kennemerland", "family",
    municipality="Haarlem", location=(52.38, 4.64), availability={"wed_afternoon"},
    support={"daytime_care"}, languages=["nl"])``. Every field of PARTICIPANT_FIELDS may be
    given as a keyword; ``status=`` (and ``status_date=``) give a starting status other than
    registered. Objects read from a store are detached snapshots: change them, then
    ``store.update_participant(p)``. Reference, offer and kind are fixed; the status moves
    through the store (``store.set_participant_status()`` and the matches).
    """

    _kind = "participant"
    _free = staticmethod(lib.itav_participant_free)
    _settable = PARTICIPANT_FIELDS

    def __init__(self, ref, offer, kind, status=None, status_date=None, **fields):
        if not isinstance(ref, str):
            raise TypeError("participant ref: expected str, got %s" % type(ref).__name__)
        if isinstance(offer, Offer):
            offer = offer.id
        if not isinstance(offer, str):
            raise TypeError("participant offer: expected an id or Offer, got %s"
                            % type(offer).__name__)
        k = coerce_member(ParticipantKind, kind, "participant kind")
        ptr = participant_p()
        rc = lib.itav_participant_new(ctypes.byref(ptr), enc(ref), enc(offer), int(k))
        if rc < 0:
            raise error_for(rc, "cannot make participant %s of offer %s: %s; an offer id is "
                                "a-z, 0-9 and single '-'" % (_short(ref), _short(offer),
                                                              REF_RULE))
        self._adopt(ptr)
        self._apply(fields)
        if status is not None or status_date is not None:
            self._take(self.with_status(status or self.status, status_date))

    def _take(self, other):
        """Frees this object's C participant and takes over other's."""
        self._finalizer()
        other._finalizer.detach()
        self._adopt(other._ptr)

    @property
    def _label(self):
        return self.ref

    # ---- fixed ----
    @property
    def ref(self):
        """The external reference (never a name); "~erased-N" after erasure."""
        return dec(lib.itav_participant_ref(self._ptr))

    @property
    def offer(self):
        """The id of the offer the participant is enrolled in."""
        return dec(lib.itav_participant_offer(self._ptr))

    @property
    def kind(self):
        """The ParticipantKind."""
        return maybe_enum(ParticipantKind, lib.itav_participant_get_kind(self._ptr))

    @property
    def side(self):
        """The Side, which follows from the kind."""
        return maybe_enum(Side, lib.itav_participant_side(self._ptr))

    @property
    def status(self):
        """The ParticipantStatus."""
        return maybe_enum(ParticipantStatus, lib.itav_participant_get_status(self._ptr))

    @property
    def status_date(self):
        """The date of the last status change (datetime.date), or None."""
        return to_date(lib.itav_participant_status_date(self._ptr))

    def with_status(self, status, date=None):
        """A copy with another starting status (and status date), for creating a participant
        that is, say, already waiting. It goes through the JSON form, so the library checks
        it; the store still refuses starting statuses that only matches give (matched)."""
        st = coerce_member(ParticipantStatus, status, "participant status")
        data = self.to_dict()
        data["status"] = st.code
        days = to_days(date)
        if days is None:
            data.pop("status_date", None)
        else:
            data["status_date"] = to_date(days).isoformat()
        return Participant.from_json(json.dumps(data))

    # ---- text fields ----
    def _set_text(self, setter, value, name, rule):
        if value is not None and not isinstance(value, str):
            raise TypeError("%s: expected str or None, got %s" % (name, type(value).__name__))
        rc = setter(self._ptr, enc(value))
        if rc < 0:
            raise error_for(rc, 'participant "%s": cannot set %s to %s: %s'
                            % (self.ref, name, _short(value), rule))

    @property
    def municipality(self):
        """The municipality, or None."""
        return dec(lib.itav_participant_municipality(self._ptr))

    @municipality.setter
    def municipality(self, value):
        self._set_text(lib.itav_participant_set_municipality, value, "municipality",
                       _text_problem(value) or "a municipality is a short text")

    @property
    def postcode(self):
        """The four-digit postcode area ("2011"), or None."""
        return dec(lib.itav_participant_postcode(self._ptr))

    @postcode.setter
    def postcode(self, value):
        self._set_text(lib.itav_participant_set_postcode, value, "postcode",
                       "a postcode area is four digits, the first not 0 (\"2011\"); a full "
                       "postcode says more than matching needs")

    # ---- coordinates ----
    @property
    def location(self):
        """(lat, lon) in degrees, or None. Assign a pair or None."""
        lat, lon = ctypes.c_double(), ctypes.c_double()
        if lib.itav_participant_location(self._ptr, ctypes.byref(lat), ctypes.byref(lon)):
            return (lat.value, lon.value)
        return None

    @location.setter
    def location(self, value):
        if value is None:
            self._check(lib.itav_participant_clear_location(self._ptr), "cannot clear location")
            return
        try:
            lat, lon = (float(x) for x in value)
        except (TypeError, ValueError):
            raise TypeError("location: expected (lat, lon) or None, got %r" % (value,)) from None
        rc = lib.itav_participant_set_location(self._ptr, lat, lon)
        if rc < 0:
            raise error_for(rc, 'participant "%s": cannot set location to (%r, %r): latitude '
                                'is -90 to 90 and longitude -180 to 180 degrees'
                            % (self.ref, lat, lon))

    # ---- bit sets ----
    def _set_bits(self, cls, setter, value, name):
        try:
            bits = coerce_flags(cls, value, name)
        except InvalidArgument as e:
            raise InvalidArgument('participant "%s": %s' % (self.ref, e.message)) from None
        top = int(cls.all())
        rc = setter(self._ptr, bits) if 0 <= bits <= top else InvalidArgument.code
        if rc < 0:
            raise error_for(rc, 'participant "%s": cannot set %s to %r: unknown bits 0x%x '
                                '(codes: %s)' % (self.ref, name, value, bits & ~top,
                                                 ", ".join(cls.all_codes())))

    @property
    def availability(self):
        """The weekly availability, a set of slot codes ("wed_afternoon"). Assign codes,
        Slot flags or None."""
        return flag_codes(Slot, lib.itav_participant_availability(self._ptr))

    @availability.setter
    def availability(self, value):
        self._set_bits(Slot, lib.itav_participant_set_availability, value, "availability")

    @property
    def availability_flags(self):
        """The weekly availability as Slot flags."""
        return Slot(lib.itav_participant_availability(self._ptr))

    @property
    def support(self):
        """The support types needed (asking side) or offered (supporting side), a set of
        codes ("daytime_care"). Assign codes, Support flags or None."""
        return flag_codes(Support, lib.itav_participant_support(self._ptr))

    @support.setter
    def support(self, value):
        self._set_bits(Support, lib.itav_participant_set_support, value, "support")

    @property
    def support_flags(self):
        """The support types as Support flags."""
        return Support(lib.itav_participant_support(self._ptr))

    # ---- lists ----
    def _list(self, count, item):
        return [item(self._ptr, i) for i in range(count(self._ptr))]

    def _replace(self, name, values, clear, add, old):
        """Replaces a list through clear and add; on failure the old list comes back."""
        if isinstance(values, (str, bytes)):
            raise TypeError("%s: expected a list, not one %s" % (name, type(values).__name__))
        values = list(values)
        self._check(clear(self._ptr), "cannot clear %s" % name)
        try:
            for v in values:
                add(v)
        except BaseException:
            clear(self._ptr)
            for v in old:
                add(v)
            raise

    @property
    def languages(self):
        """Language codes (a list, a copy), each in the form language_canonical() gives;
        assign a list to replace them."""
        return [dec(x) for x in self._list(lib.itav_participant_language_count,
                                           lib.itav_participant_language)]

    @languages.setter
    def languages(self, codes):
        self._replace("languages", codes, lib.itav_participant_clear_languages,
                      self.add_language, self.languages)

    def add_language(self, code):
        """Adds a language (an ISO 639-1 or ISO 639-3 code in lower case, stored in the form
        language_canonical() gives); one listed is not added twice."""
        if not isinstance(code, str):
            raise TypeError("language: expected str, got %s" % type(code).__name__)
        rc = lib.itav_participant_add_language(self._ptr, enc(code))
        self._check_full(rc, "languages", ITAV_LANGUAGES_MAX)
        if rc < 0:
            raise error_for(rc, 'participant "%s": %s is not an ISO 639-1 or ISO 639-3 '
                                'language code (two or three lower-case letters, such as '
                                '"nl", "ar" or "pap")'
                            % (self.ref, _short(code)))

    @property
    def language_required(self):
        """Whether a supporter must share one of the languages."""
        return bool(lib.itav_participant_language_required(self._ptr))

    @language_required.setter
    def language_required(self, value):
        self._check(lib.itav_participant_set_language_required(
            self._ptr, _bool(value, "language_required")), "cannot set language_required")

    @property
    def interests(self):
        """Interest tags ("football"), a list (a copy); assign a list to replace them."""
        return [dec(x) for x in self._list(lib.itav_participant_interest_count,
                                           lib.itav_participant_interest)]

    @interests.setter
    def interests(self, tags):
        self._replace("interests", tags, lib.itav_participant_clear_interests,
                      self.add_interest, self.interests)

    def add_interest(self, tag):
        """Adds an interest tag; one listed is not added twice."""
        if not isinstance(tag, str):
            raise TypeError("interest: expected str, got %s" % type(tag).__name__)
        rc = lib.itav_participant_add_interest(self._ptr, enc(tag))
        self._check_full(rc, "interests", ITAV_INTERESTS_MAX)
        if rc < 0:
            raise error_for(rc, 'participant "%s": cannot add interest %s: %s characters'
                            % (self.ref, _short(tag), _INTEREST_RULE))

    @property
    def children(self):
        """Children's ages in months, a list (a copy); assign a list to replace them."""
        return self._list(lib.itav_participant_child_count, lib.itav_participant_child_age)

    @children.setter
    def children(self, ages):
        self._replace("children", ages, lib.itav_participant_clear_children, self.add_child,
                      self.children)

    def add_child(self, age_months):
        """Adds a child by age in months (0 to 300); at most ITAV_CHILDREN_MAX children."""
        if isinstance(age_months, bool) or not isinstance(age_months, int):
            raise TypeError("child age: expected int months, got %s"
                            % type(age_months).__name__)
        rc = (lib.itav_participant_add_child(self._ptr, age_months)
              if -2 ** 31 < age_months < 2 ** 31 else InvalidArgument.code)
        if rc == RangeError.code:
            raise RangeError('participant "%s": cannot add a child: at most %d children'
                             % (self.ref, ITAV_CHILDREN_MAX), rc)
        if rc < 0:
            raise error_for(rc, 'participant "%s": cannot add a child of %r months: ages are 0 '
                                'to 300 months' % (self.ref, age_months))

    @property
    def exclusions(self):
        """References this participant must never be matched with, a list (a copy); assign
        a list to replace them."""
        return [dec(x) for x in self._list(lib.itav_participant_exclusion_count,
                                           lib.itav_participant_exclusion)]

    @exclusions.setter
    def exclusions(self, refs):
        self._replace("exclusions", refs, lib.itav_participant_clear_exclusions,
                      self.add_exclusion, self.exclusions)

    def _check_full(self, rc, what, most):
        if rc == RangeError.code:
            raise RangeError('participant "%s": cannot add to %s: at most %d'
                             % (self.ref, what, most), rc)

    def add_exclusion(self, ref):
        """Adds a participant (reference or Participant) never to be matched with."""
        ref = ref_of(ref)
        rc = lib.itav_participant_add_exclusion(self._ptr, enc(ref))
        self._check_full(rc, "exclusions", ITAV_EXCLUSIONS_MAX)
        if rc < 0:
            why = ("a participant cannot exclude itself" if ref == self.ref else REF_RULE)
            raise error_for(rc, 'participant "%s": cannot exclude %s: %s'
                            % (self.ref, _short(ref), why))

    # ---- numbers and dates ----
    @property
    def age_range(self):
        """(min, max) ages in months of children a supporter takes on, or None."""
        lo, hi = ctypes.c_int32(), ctypes.c_int32()
        if lib.itav_participant_age_range(self._ptr, ctypes.byref(lo), ctypes.byref(hi)):
            return (lo.value, hi.value)
        return None

    @age_range.setter
    def age_range(self, value):
        lo, hi = (-1, -1) if value is None else value
        for v in (lo, hi):
            if isinstance(v, bool) or not isinstance(v, int):
                raise TypeError("age_range: expected (min, max) ints or None, got %r"
                                % (value,))
        ok = -2 ** 31 < lo < 2 ** 31 and -2 ** 31 < hi < 2 ** 31
        rc = lib.itav_participant_set_age_range(self._ptr, lo, hi) if ok else -3
        if rc < 0:
            raise error_for(rc, 'participant "%s": cannot set age range to (%r, %r): ages are '
                                '0 to 300 months and min <= max' % (self.ref, lo, hi))

    def _set_date(self, setter, value, name):
        rc = setter(self._ptr, _date_arg(value))
        if rc < 0:
            raise error_for(rc, 'participant "%s": cannot set %s to %r: a date from 1900 to '
                                '9999' % (self.ref, name, value))

    @property
    def vog_date(self):
        """The date of the certificate of conduct (VOG), or None."""
        return to_date(lib.itav_participant_vog_date(self._ptr))

    @vog_date.setter
    def vog_date(self, value):
        self._set_date(lib.itav_participant_set_vog_date, value, "vog_date")

    @property
    def registered(self):
        """The registration date (start of the waiting time), or None."""
        return to_date(lib.itav_participant_registered(self._ptr))

    @registered.setter
    def registered(self, value):
        self._set_date(lib.itav_participant_set_registered, value, "registered")

    @property
    def trained(self):
        """Whether the participant has done the offer's training."""
        return bool(lib.itav_participant_trained(self._ptr))

    @trained.setter
    def trained(self, value):
        self._check(lib.itav_participant_set_trained(self._ptr, _bool(value, "trained")),
                    "cannot set trained")

    @property
    def capacity(self):
        """How many matches the participant can have at the same time (1 or more)."""
        return lib.itav_participant_capacity(self._ptr)

    @capacity.setter
    def capacity(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("capacity: expected int, got %s" % type(value).__name__)
        rc = (lib.itav_participant_set_capacity(self._ptr, value)
              if -2 ** 31 < value < 2 ** 31 else InvalidArgument.code)
        if rc < 0:
            raise error_for(rc, 'participant "%s": cannot set capacity to %r: capacity is 1 to '
                                '100, and 1 on the asking side' % (self.ref, value))

    @property
    def max_distance_m(self):
        """The participant's own limit on distance in metres, or None."""
        return lib.itav_participant_max_distance(self._ptr) or None

    @max_distance_m.setter
    def max_distance_m(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float, type(None))):
            raise TypeError("max_distance_m: expected a number or None, got %s"
                            % type(value).__name__)
        metres = 0.0 if value is None else float(value)
        rc = lib.itav_participant_set_max_distance(self._ptr, metres)
        if rc < 0 or math.isnan(metres):
            raise error_for(rc if rc < 0 else InvalidArgument.code,
                            'participant "%s": cannot set max_distance_m to %r: more than 0 '
                            'and at most 20000000 metres (None clears it)' % (self.ref, value))

    # ---- JSON and copies ----
    def to_json(self):
        """The participant as an itav/1 participant object (JSON text)."""
        out = ctypes.c_void_p()
        self._check(lib.itav_participant_to_json(ctypes.byref(out), self._ptr),
                    "cannot encode as JSON")
        return take_string(out.value)

    @classmethod
    def from_json(cls, text, store=None):
        """Reads a participant from an itav/1 participant object (text or dict); raises
        FormatError with the JSON path of the problem. Nothing is stored."""
        from ._store import _scratch_db
        if isinstance(text, dict):
            text = json.dumps(text)
        ptr = participant_p()
        with _scratch_db(store) as db:
            rc = lib.itav_participant_from_json(ctypes.byref(ptr), db, enc(text))
            if rc < 0:
                raise error_for(rc, dec(lib.itav_errmsg(db)) or strerror(rc))
        return cls._wrap(ptr)

    def copy(self):
        """An independent copy (itav_participant_dup())."""
        ptr = participant_p()
        self._check(lib.itav_participant_dup(ctypes.byref(ptr), self._ptr), "cannot copy")
        return type(self)._wrap(ptr)

    def __repr__(self):
        kind = self.kind.code if isinstance(self.kind, ParticipantKind) else self.kind
        status = self.status.code if isinstance(self.status, ParticipantStatus) else self.status
        return "<Participant %s %s %s in %s>" % (self.ref, kind, status, self.offer)


class Problem(collections.namedtuple("Problem", "row column code message severity")):
    """One problem of an import (itav/problem.h): row as a spreadsheet numbers it (the header
    is row 1, 0 for the whole file), column as the header names it or its letters (None for
    none), a stable code ("invalid", "unknown_column", ...; docs/format.md), the message,
    and the Severity (NOTE, WARNING, ERROR)."""
    __slots__ = ()

    def __str__(self):
        place = "row %d" % self.row if self.row else "file"
        if self.column is not None:
            place += ", column %s" % self.column
        return "%s: %s: %s" % (place, self.severity, self.message)


class ImportResult:
    """What a successful CSV import did: how many rows were added, updated and unchanged,
    and its problems (notes and warnings; a refused import raises FormatError instead).
    text is the problem list grouped for people (itav_problems_text())."""

    def __init__(self, added, updated, unchanged, problems, text):
        self.added, self.updated, self.unchanged = added, updated, unchanged
        self.problems = problems
        self.text = text

    @property
    def warnings(self):
        """The problems of severity WARNING."""
        return [p for p in self.problems if p.severity == Severity.WARNING]

    @property
    def notes(self):
        """The problems of severity NOTE."""
        return [p for p in self.problems if p.severity == Severity.NOTE]

    def __repr__(self):
        return "ImportResult(added=%d, updated=%d, unchanged=%d, problems=%d)" % (
            self.added, self.updated, self.unchanged, len(self.problems))


class ParticipantStore:
    """The participant methods of Store (mixed into itav.Store)."""

    def change_participant(self, ref, **fields):
        """Changes some fields of a stored participant by hand (get, set, update in one
        call): change_participant("zk-01", municipality="Haarlem", vog_date="2024-05-01").
        The fields are those of PARTICIPANT_FIELDS; status moves go through
        set_participant_status(). Returns the participant as stored now; raises ValueError
        for an unknown field, and what update_participant() raises."""
        unknown = sorted(set(fields) - set(PARTICIPANT_FIELDS))
        if unknown:
            raise ValueError("change_participant: unknown field %s (use %s)"
                             % (", ".join(unknown), ", ".join(PARTICIPANT_FIELDS)))
        p = self.get_participant(ref)
        for name, value in fields.items():
            setattr(p, name, value)
        self.update_participant(p)
        return self.get_participant(p.ref)

    def get_participant(self, ref: RefLike) -> "Participant":
        """The participant with this reference (a detached copy); raises NotFound."""
        ptr = participant_p()
        self._check(lib.itav_participant_get(ctypes.byref(ptr), self._handle(),
                                             enc(ref_of(ref))))
        return Participant._wrap(ptr)

    def create_participant(self, p: "Participant") -> "Participant":
        """Adds a new participant; raises Exists, NotFound (no such offer), StateError (a
        starting status that is not allowed)."""
        self._need(p, Participant)
        self._check(lib.itav_participant_create(self._handle(), p._ptr))
        return p

    def update_participant(self, p: "Participant") -> "Participant":
        """Replaces the stored participant with the same reference (its status and status
        date stay as stored); raises NotFound, StateError (erased), InUse (offer change with
        matches)."""
        self._need(p, Participant)
        self._check(lib.itav_participant_update(self._handle(), p._ptr))
        return p

    def delete_participant(self, ref: RefLike) -> None:
        """Deletes a participant that never had a match; raises InUse if it had one (erase
        it instead)."""
        self._check(lib.itav_participant_delete(self._handle(), enc(ref_of(ref))))

    def set_participant_status(self, ref: RefLike, status: Union[ParticipantStatus, str, int],
                               date: DateLike) -> "Participant":
        """Moves a participant to another status on a date; raises StateError, whose message
        lists the legal moves, for a move that is not legal. Returns the participant as
        stored now."""
        st = coerce_member(ParticipantStatus, status, "participant status")
        ref = ref_of(ref)
        self._check(lib.itav_participant_set_status(self._handle(), enc(ref), int(st),
                                                    _date_arg(date)))
        return self.get_participant(ref)

    def erase_participant(self, ref: RefLike, date: DateLike = None) -> str:
        """Erases a participant's personal data (their matches stay, anonymised). Returns the
        new reference ("~erased-N"). date: see erase()."""
        if date is not None:
            return self.erase(ref, date).ref
        out = ctypes.c_void_p()
        self._check(lib.itav_participant_erase(self._handle(), enc(ref_of(ref)),
                                               ctypes.byref(out)))
        return take_string(out.value)

    def erase(self, ref: RefLike, date: DateLike = None) -> Erasure:
        """Erases a participant's personal data, as erase_participant(), and says what it did:
        an Erasure with the new reference, the date, and the open matches it closed as
        (match id, MatchState) pairs. date (datetime.date or "YYYY-MM-DD") is the date of the
        erased status and of the moves that close open matches; not before the participant's
        status date nor an open match's last move. None: today, or a later last move
        (itav_participant_erase_at())."""
        from ._enums import MatchState
        ptr = erasure_p()
        self._check(lib.itav_participant_erase_at(self._handle(), enc(ref_of(ref)),
                                                  _date_arg(date), ctypes.byref(ptr)))
        try:
            closed = []
            for i in range(lib.itav_erasure_closed_count(ptr)):
                state = ctypes.c_int()
                mid = lib.itav_erasure_closed(ptr, i, ctypes.byref(state))
                closed.append((dec(mid), MatchState(state.value)))
            return Erasure(dec(lib.itav_erasure_ref(ptr)), to_date(lib.itav_erasure_date(ptr)),
                           closed)
        finally:
            lib.itav_erasure_free(ptr)

    @staticmethod
    def make_participant_filter(offer=None, side=None, status=None, municipality=None):
        """The itav_participant_filter for these criteria (see participants())."""
        f = itav_participant_filter()
        if offer is not None:
            f.offer = enc(offer_id(offer))
        if side is not None:
            f.side = int(coerce_member(Side, side, "side"))
        if status is not None:
            f.status = int(coerce_member(ParticipantStatus, status, "participant status"))
        if municipality is not None:
            f.municipality = enc(municipality)
        return f

    def participants(self, offer: Union[str, Offer, None] = None,
                     side: Union[Side, str, int, None] = None,
                     status: Union[ParticipantStatus, str, int, None] = None,
                     municipality: Optional[str] = None) -> "List[Participant]":
        """Participants ordered by reference; only those of an offer (id or Offer), a side,
        a status and/or a municipality (ignoring ASCII case) when given."""
        return self.list_participants(self.make_participant_filter(offer, side, status,
                                                                    municipality))

    def list_participants(self, filter=None):
        """The participants passing a raw itav_participant_filter (None for all)."""
        it = participant_iter_p()
        fp = ctypes.byref(filter) if filter is not None else None
        self._check(lib.itav_participant_list(ctypes.byref(it), self._handle(), fp))
        return self._drain(it, lib.itav_participant_iter_next, lib.itav_participant_iter_free,
                           participant_p, Participant._wrap)

    # ---- CSV ----
    def import_participants_csv(self, source, offer=None, name=None, *, strict=True,
                                update=False):
        """Imports participants from CSV (all rows or nothing): a path-like object is a
        file, bytes are CSV text (UTF-8, or Windows-1252 as older Excel saves it), a str is
        CSV text when it holds a line break, else a path. offer is the default for rows
        without one.

        strict=True (the default, as before 0.4) refuses columns the library does not know;
        strict=False ignores them, with a note, and never reads their cells. update=True
        updates the stored participants the rows name (by ref) and adds the others.

        Returns an ImportResult (counts, notes and warnings). Raises FormatError, whose
        problems list every problem with its row and column, when the data is refused."""
        if isinstance(source, bytes):
            return self.import_participants_csv_text(source, offer, name, strict=strict,
                                                     update=update)
        if isinstance(source, os.PathLike):
            return self.import_participants_csv_file(source, offer, strict=strict,
                                                     update=update)
        if not isinstance(source, str):
            raise TypeError("import_participants_csv: expected a path or CSV text, got %s"
                            % type(source).__name__)
        if "\n" in source or "\r" in source:
            return self.import_participants_csv_text(source, offer, name, strict=strict,
                                                     update=update)
        return self.import_participants_csv_file(source, offer, strict=strict, update=update)

    def import_participants_csv_text(self, text, offer=None, name=None, *, strict=True,
                                     update=False):
        """Imports participants from CSV text (str, or bytes in UTF-8 or Windows-1252); name
        is what messages call it. As import_participants_csv()."""
        flags = _import_flags(strict, update)
        # The 0.3 function is the 0.4 one with ITAV_IMPORT_STRICT.
        if flags == ImportFlag.STRICT:
            rc = lib.itav_import_participants_csv_string(self._handle(), enc(text), enc(name),
                                                         enc(offer_id(offer)))
        else:
            rc = lib.itav_import_participants_csv_string_v2(
                self._handle(), enc(text), enc(name), enc(offer_id(offer)), flags)
        return self._import_result(rc)

    def import_participants_csv_file(self, path, offer=None, *, strict=True, update=False):
        """Imports participants from a CSV file. As import_participants_csv()."""
        flags = _import_flags(strict, update)
        if flags == ImportFlag.STRICT:
            rc = lib.itav_import_participants_csv_file(self._handle(), enc(os.fsdecode(path)),
                                                       enc(offer_id(offer)))
        else:
            rc = lib.itav_import_participants_csv_file_v2(
                self._handle(), enc(os.fsdecode(path)), enc(offer_id(offer)), flags)
        return self._import_result(rc)

    def import_problems(self):
        """The problem list of the last CSV import on this store (itav/problem.h)."""
        db = self._handle()
        out = []
        for i in range(lib.itav_problem_count(db)):
            out.append(Problem(lib.itav_problem_row(db, i), dec(lib.itav_problem_column(db, i)),
                               dec(lib.itav_problem_code(db, i)),
                               dec(lib.itav_problem_message(db, i)),
                               Severity(lib.itav_problem_severity(db, i))))
        return out

    def import_problems_text(self):
        """The problem list of the last CSV import as text for people: one line a group of
        problems that repeat ("t.csv:rows 2-56, column offer: error: ... (55 rows)")."""
        out = ctypes.c_void_p()
        self._check(lib.itav_problems_text(ctypes.byref(out), self._handle()))
        return take_string(out.value)

    def _import_result(self, rc):
        if rc < 0:
            problems = self.import_problems()
            try:
                self._check(rc)
            except FormatError as err:
                err.problems = problems
                raise
        counts = [ctypes.c_size_t() for _ in range(3)]
        self._check(lib.itav_import_counts(*[ctypes.byref(c) for c in counts], self._handle()))
        return ImportResult(counts[0].value, counts[1].value, counts[2].value,
                            self.import_problems(), self.import_problems_text())


def _import_flags(strict, update):
    return int((ImportFlag.STRICT if strict else 0) | (ImportFlag.UPDATE if update else 0))
