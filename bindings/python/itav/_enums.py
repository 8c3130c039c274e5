"""Enumerations of the C API, the element set helpers and the code helpers."""

import ctypes
import enum

from ._errors import InvalidArgument, NotFound, UnknownCode, check
from ._lib import ITAV_EFFECT_LAST_CHILD, ITAV_ELEMSET_ALL, dec, enc, lib


class CodeType(enum.IntEnum):
    """itav_code_type: which enumeration a text code belongs to."""
    KIND = 1
    SETTING = 2
    SCOPE = 3
    CHANNEL = 4
    EVIDENCE = 5
    AUDIENCE = 6
    ROLE = 7
    QUALIFIER = 8
    STATUS = 9
    PROFILE_SOURCE = 10
    SIDE = 11
    PARTICIPANT_KIND = 12
    PARTICIPANT_STATUS = 13
    SUPPORT = 14
    SLOT = 15
    MATCH_STATE = 16
    ACTOR = 17
    END_REASON = 18
    CRITERION = 19
    CONSTRAINT = 20
    DUE_KIND = 21
    PLAN_FIELD = 22
    REVIEW_KIND = 23
    RESPONDENT = 24
    EFFECT = 25
    FORMAL_HELP = 26
    MEASURE = 27
    COMPARATOR = 28
    ATTAINMENT = 29
    DERIVED = 30
    THEME = 31
    PORTFOLIO_FLAG = 32
    ASKER = 33
    REPORT_FORMAT = 34
    OUTCOME_KIND = 35  # since 0.4
    MILESTONE_STATUS = 36  # since 0.4
    COST_UNIT = 37  # since 0.4
    SHARE_KIND = 38  # since 0.4


class Result(enum.IntEnum):
    """itav_result: the library's result codes."""
    OK = 0
    ITEROVER = 1
    ERROR = -1
    ENOMEM = -2
    EINVAL = -3
    ENOTFOUND = -4
    EEXISTS = -5
    EFORMAT = -6
    EIO = -7
    EINUSE = -8
    EBUSY = -9
    EVERSION = -10
    ESTATE = -11
    ERANGE = -12


def _format_coded(member, spec):
    """format() of a coded member: "{:d}" and other number formats give the number, "{}" and
    "{:>10}" the code."""
    if spec and spec[-1] in "bcdeEfFgGnoxX%":
        return format(int(member), spec)
    return format(str(member), spec)


def _what(cls):
    """An enumeration's name in words: MatchState -> "match state"."""
    return "".join(" " + c.lower() if c.isupper() else c for c in cls.__name__).strip()


def code_name(type, value):
    """The stable code of a value (itav_code_name()), or None for an unknown value or 0."""
    return dec(lib.itav_code_name(int(type), int(value)))


def code_parse(type, code):
    """The value of a code (itav_code_parse()).

    Raises NotFound for a code the enumeration does not have, InvalidArgument for an unknown
    type.
    """
    out = ctypes.c_int()
    rc = lib.itav_code_parse(ctypes.byref(out), int(type), enc(code))
    if rc < 0:
        if rc == NotFound.code:
            raise NotFound("%s has no code %r" % (CodeType(type).name.lower(), code))
        check(rc, "code_parse(%r, %r)" % (type, code))
    return out.value


class _Coded:
    """Mixin for enumerations that have stable text codes (docs/format.md).

    A member prints as its code (``str(MatchState.ACTIVE) == "active"``, also in f-strings
    and ``%s``) and is made from one (``MatchState("active")``); it stays an int for the C
    API and compares equal to its number.
    """

    @property
    def code(self):
        """The stable text code ("informal"), or None for a value without one (0)."""
        return code_name(_CODE_TYPES[type(self)], self.value)

    def __str__(self):
        code = self.code
        return code if code is not None else self.name.lower()

    def __format__(self, spec):
        return _format_coded(self, spec)

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            return cls.parse(value)
        return None

    @classmethod
    def parse(cls, code):
        """The member for a stable text code; raises UnknownCode (a ValueError that names
        the codes there are) for an unknown code."""
        try:
            return cls(code_parse(_CODE_TYPES[cls], code))
        except NotFound:
            raise UnknownCode("%r is not a %s code (expected one of %s)"
                              % (code, _what(cls), ", ".join(cls.all_codes()))) from None

    @classmethod
    def all_codes(cls):
        """Every code of the enumeration, in value order."""
        return [m.code for m in cls if m.code is not None]


class Kind(_Coded, enum.IntEnum):
    """itav_kind: what sort of thing an intervention is."""
    PROGRAMME = 1
    METHOD = 2
    INITIATIVE = 3
    POLICY = 4
    ACTIVITY = 5


class Setting(_Coded, enum.IntEnum):
    """itav_setting: where the support is mainly situated."""
    INFORMAL = 1
    FORMAL = 2
    MIXED = 3


class Scope(_Coded, enum.IntEnum):
    """itav_scope: individual or group support."""
    INDIVIDUAL = 1
    COLLECTIVE = 2
    MIXED = 3


class Channel(_Coded, enum.IntEnum):
    """itav_channel: how it reaches people."""
    IN_PERSON = 1
    ONLINE = 2
    BOTH = 3


class Evidence(_Coded, enum.IntEnum):
    """itav_evidence: rating in the NJi databank of effective interventions."""
    NOT_ASSESSED = 1
    WELL_FOUNDED = 2
    FIRST_INDICATIONS = 3
    GOOD_INDICATIONS = 4
    STRONG_INDICATIONS = 5


class _CodedFlag:
    """Mixin for bit sets whose single bits have stable text codes (audience, support, slot).
    A set prints as its codes joined by "|" (``str(Support.SLEEPOVER) == "sleepover"``)."""

    def __str__(self):
        return "|".join(self.codes)

    def __format__(self, spec):
        return _format_coded(self, spec)

    @classmethod
    def _bits(cls):
        return max(int(m) for m in cls.__members__.values()).bit_length()

    @property
    def code(self):
        """The code of a single bit ("parents"); None for a combination or no bits."""
        return code_name(_CODE_TYPES[type(self)], int(self))

    @property
    def codes(self):
        """The codes of every bit set, in bit order."""
        ct = _CODE_TYPES[type(self)]
        return [code_name(ct, 1 << i) for i in range(self._bits()) if int(self) >> i & 1]

    @classmethod
    def parse(cls, codes):
        """The flags for a code ("parents") or an iterable of codes; raises UnknownCode (a
        NotFound and a ValueError that names the codes) for an unknown one."""
        if isinstance(codes, str):
            codes = [codes]
        value = 0
        for c in codes:
            try:
                value |= code_parse(_CODE_TYPES[cls], c)
            except NotFound:
                raise UnknownCode("%r is not a %s code (expected one of %s)"
                                  % (c, _what(cls), ", ".join(cls.all_codes()))) from None
        return cls(value)

    @classmethod
    def all(cls):
        """Every bit."""
        return cls((1 << cls._bits()) - 1)

    @classmethod
    def all_codes(cls):
        """Every code, in bit order."""
        return cls.all().codes


class Audience(_CodedFlag, enum.IntFlag):
    """itav_audience: who an intervention is for (bits, combine with |)."""
    PARENTS = 1
    EXPECTING_PARENTS = 2
    YOUTH = 4
    CHILDREN = 8
    CO_CARERS = 16
    PROFESSIONALS = 32


class RoleKind(_Coded, enum.IntEnum):
    """itav_role_kind: who delivers an intervention."""
    VOLUNTEER = 1
    PEER = 2
    PROFESSIONAL = 3
    COORDINATOR = 4


class Qualifier(_Coded, enum.IntEnum):
    """itav_qualifier: how a figure's number is meant."""
    EXACT = 1
    ABOUT = 2
    AT_LEAST = 3
    AT_MOST = 4
    RANGE = 5
    TEXT = 6
    ABOUT_RANGE = 7  # since 0.4: "ongeveer 5 à 10"

    @property
    def two_numbers(self):
        """Whether the qualifier takes min and max (RANGE, ABOUT_RANGE) rather than one value."""
        return self in (Qualifier.RANGE, Qualifier.ABOUT_RANGE)


class Status(_Coded, enum.IntEnum):
    """itav_status: what a profile source says about an element."""
    UNKNOWN = 0
    PRESENT = 1
    ABSENT = 2


class ProfileSource(_Coded, enum.IntEnum):
    """itav_profile_source: where an element profile comes from."""
    DEFAULT = 0
    TABLE = 1
    SECTIONS = 2
    OTHER = 3


class Side(_Coded, enum.IntEnum):
    """itav_side: the two sides of a match."""
    ASKING = 1
    SUPPORTING = 2


class ParticipantKind(_Coded, enum.IntEnum):
    """itav_participant_kind: what kind of participant; the kind fixes the side."""
    FAMILY = 1
    YOUTH = 2
    PARENT = 3
    SUPPORT_FAMILY = 4
    VOLUNTEER = 5
    BUDDY = 6
    PEER = 7

    @property
    def side(self):
        """The Side this kind is on."""
        return Side.ASKING if self <= ParticipantKind.PARENT else Side.SUPPORTING


class ParticipantStatus(_Coded, enum.IntEnum):
    """itav_participant_status: where a participant stands."""
    REGISTERED = 1
    INTAKE = 2
    APPROVED = 3
    NOT_SUITABLE = 4
    WAITING = 5
    AVAILABLE = 6
    MATCHED = 7
    INACTIVE = 8
    ERASED = 9


class Severity(enum.IntEnum):
    """itav_severity: how serious a problem of an import is (codes "note", "warning",
    "error"); str() gives the code."""
    NOTE = 1
    WARNING = 2
    ERROR = 3

    @property
    def code(self):
        """The text code: "note", "warning" or "error"."""
        return self.name.lower()

    def __str__(self):
        return self.code


class ImportFlag(enum.IntFlag):
    """itav_import_flags: how a participant CSV import treats its file."""
    STRICT = 1
    UPDATE = 2


class Support(_CodedFlag, enum.IntFlag):
    """itav_support: types of support needed or offered (bits, combine with |)."""
    DAYTIME_CARE = 1
    SLEEPOVER = 2
    ACCOMPANY = 4
    HOMEWORK = 8
    LISTENING_EAR = 16
    PRACTICAL_HELP = 32
    ACTIVITIES = 64
    PARENTING = 128
    WAYFINDING = 256


class Slot(_CodedFlag, enum.IntFlag):
    """The weekly availability bits, ITAV_SLOT(day, part): "mon_morning" ... "sun_evening"."""
    MON_MORNING = 1 << 0
    MON_AFTERNOON = 1 << 1
    MON_EVENING = 1 << 2
    TUE_MORNING = 1 << 3
    TUE_AFTERNOON = 1 << 4
    TUE_EVENING = 1 << 5
    WED_MORNING = 1 << 6
    WED_AFTERNOON = 1 << 7
    WED_EVENING = 1 << 8
    THU_MORNING = 1 << 9
    THU_AFTERNOON = 1 << 10
    THU_EVENING = 1 << 11
    FRI_MORNING = 1 << 12
    FRI_AFTERNOON = 1 << 13
    FRI_EVENING = 1 << 14
    SAT_MORNING = 1 << 15
    SAT_AFTERNOON = 1 << 16
    SAT_EVENING = 1 << 17
    SUN_MORNING = 1 << 18
    SUN_AFTERNOON = 1 << 19
    SUN_EVENING = 1 << 20

    @classmethod
    def of(cls, day, part):
        """The bit of a day (0 = Monday ... 6 = Sunday) and a daypart (0 morning, 1 afternoon,
        2 evening), as ITAV_SLOT()."""
        if not (0 <= day <= 6 and 0 <= part <= 2):
            raise InvalidArgument("no slot for day %r, part %r (days 0-6, parts 0-2)"
                                  % (day, part))
        return cls(1 << (day * 3 + part))


class MatchState(_Coded, enum.IntEnum):
    """itav_match_state: the states of a match."""
    PROPOSED = 1
    INTRODUCED = 2
    TRIAL = 3
    ACTIVE = 4
    COMPLETED = 5
    DECLINED = 6
    ENDED_EARLY = 7

    @property
    def is_open(self):
        """True for proposed, introduced, trial and active."""
        return self <= MatchState.ACTIVE


class Actor(_Coded, enum.IntEnum):
    """itav_actor: who made a move."""
    COORDINATOR = 1
    ASKING = 2
    SUPPORTING = 3
    SYSTEM = 4


class EndReason(_Coded, enum.IntEnum):
    """itav_end_reason: why a match was declined or ended early."""
    NO_CLICK = 1
    ASKING_STOPPED = 2
    SUPPORTING_STOPPED = 3
    MOVED = 4
    PROFESSIONAL_HELP = 5
    SAFETY = 6
    OTHER = 7


class Criterion(_Coded, enum.IntEnum):
    """itav_criterion: the scoring criteria."""
    DISTANCE = 1
    AVAILABILITY = 2
    NEEDS = 3
    LANGUAGES = 4
    INTERESTS = 5
    AGES = 6
    WAITING = 7


class Constraint(_Coded, enum.IntEnum):
    """itav_constraint: the hard constraint that excludes a pair (NONE: allowed)."""
    NONE = 0
    OFFER = 1
    STATUS = 2
    EXCLUDED = 3
    DECLINED = 4
    OPEN = 5
    CAPACITY = 6
    SCREENING = 7
    TRAINING = 8
    LANGUAGE = 9
    DISTANCE = 10
    VOG_EXPIRED = 11


class DueKind(_Coded, enum.IntEnum):
    """itav_due_kind: what falls due in a match (or, VOG_EXPIRY, for a participant)."""
    TRIAL_EVALUATION = 1
    REVIEW = 2
    CLOSURE = 3
    FINAL_REVIEW = 4
    VOG_EXPIRY = 5
    PROPOSAL = 6


class PlanField(_Coded, enum.IntEnum):
    """itav_plan_field: the fields of a match plan."""
    TRIAL = 1
    TRIAL_MONTHS = 2
    REVIEW_MONTHS = 3
    MAX_MONTHS = 4
    MAX_DISTANCE_M = 5
    VOG = 6
    VOG_VALID_MONTHS = 7
    TRAINING = 8
    CRITERIA = 9
    FINAL_REVIEW = 10
    PROPOSAL_DAYS = 11


class Theme(_CodedFlag, enum.IntFlag):
    """itav_theme: what an intervention helps with, and what a question is about (bits,
    combine with |)."""
    PARENTING = 1
    RELIEF = 2
    NETWORK = 4
    POVERTY = 8
    SEPARATION = 16
    MENTAL_HEALTH = 32
    DEVELOPMENT = 64
    PREGNANCY = 128
    BABY_CARE = 256
    SCHOOL_WORK = 512
    LEISURE = 1024
    INFORMATION = 2048
    MEETING = 4096


class ReviewKind(_Coded, enum.IntEnum):
    """itav_review_kind: which evaluation a review is."""
    TRIAL = 1
    PERIODIC = 2
    FINAL = 3


class Respondent(_Coded, enum.IntEnum):
    """itav_respondent: who answered a review."""
    ASKING = 1
    SUPPORTING = 2
    COORDINATOR = 3


class Effect(_Coded, enum.IntEnum):
    """itav_effect: the twelve effect categories of Buurtgezinnen (seed 002 lines 120-121),
    1-6 for the children, 7-12 for the parents."""
    CAREFREE_CHILDHOOD = 1
    BROADER_HORIZON = 2
    CHILD_CONFIDENCE = 3
    SOCIAL_CONTACTS = 4
    SCHOOL_RESULTS = 5
    BEHAVIOUR = 6
    REST = 7
    PARENTING_REPERTOIRE = 8
    PARENT_CONFIDENCE = 9
    NETWORK = 10
    FUTURE = 11
    TAKING_PART = 12

    @property
    def for_children(self):
        """True for the six effects for the children (ITAV_EFFECT_LAST_CHILD and below)."""
        return self <= ITAV_EFFECT_LAST_CHILD


class FormalHelp(_Coded, enum.IntEnum):
    """itav_formal_help: what happened to formal help."""
    PREVENTED = 1
    REDUCED = 2
    STOPPED = 3
    REFERRED = 4
    NONE_NEEDED = 5
    UNKNOWN = 6


class Measure(_Coded, enum.IntEnum):
    """itav_measure: what sort of number an indicator is."""
    COUNT = 1
    PERCENTAGE = 2
    RATING = 3
    MEAN = 4
    CHANGE = 5


class Comparator(_Coded, enum.IntEnum):
    """itav_comparator: how a target compares."""
    AT_LEAST = 1
    AT_MOST = 2
    EQUAL = 3
    BETWEEN = 4


class Attainment(_Coded, enum.IntEnum):
    """itav_attainment: the verdict on a target."""
    MET = 1
    NOT_MET = 2
    ON_TRACK = 3
    UNKNOWN = 4


class Derived(_Coded, enum.IntEnum):
    """itav_derived: the figures an indicator can be derived from in the store."""
    MATCHES_STARTED = 1
    MEAN_SATISFACTION = 2
    FORMAL_HELP = 3


class PortfolioFlag(_Coded, enum.IntEnum):
    """itav_portfolio_flag: the lists of interventions a portfolio points out."""
    FEW_ELEMENTS = 1
    NO_INFORMAL_SUPPORT = 2
    NO_EQUALITY = 3
    NO_DEMAND_LED = 4


class Asker(_Coded, enum.IntEnum):
    """itav_asker: who asks for a recommendation."""
    PARENT = 1
    EXPECTING = 2
    YOUTH = 3


class ReportFormat(_Coded, enum.IntEnum):
    """itav_report_format: the output formats of a report (codes "json", "csv", "md")."""
    JSON = 1
    CSV = 2
    MD = 3
    MARKDOWN = 3  # an alias: ITAV_REPORT_MARKDOWN


class OutcomeKind(_Coded, enum.IntEnum):
    """itav_outcome_kind: what kind of outcome or research evidence (since 0.4)."""
    FOLLOW_UP = 1
    MEASUREMENT_DESIGN = 2
    SOCIAL_RETURN = 3
    FINANCIAL_RETURN = 4
    SATISFACTION = 5
    STUDY = 6


class MilestoneStatus(_Coded, enum.IntEnum):
    """itav_milestone_status: what a milestone records (since 0.4)."""
    ACHIEVED = 1
    DELAYED = 2
    ACCELERATED = 3
    CURRENT_SITUATION = 4
    PLANNED = 5


class Hidden(enum.IntEnum):
    """itav_hidden: why a report cell is hidden."""
    NOT = 0
    PRIMARY = 1
    SECONDARY = 2
    MAGNITUDE = 3


class TextList(enum.IntEnum):
    """itav_text_list: the lists of texts an intervention (or offer) holds."""
    PROVIDERS = 1
    MUNICIPALITIES = 2
    REGIONS = 3
    PHASES = 4
    WORKS = 5
    IMPROVE = 6
    LINKS = 7


class FigureList(enum.IntEnum):
    """itav_figure_list: which list of figures."""
    REACH = 1
    TARGETS = 2
    CAPACITY = 3  # since 0.4: what an offer has to work with (a coordinator's hours)


class CostUnit(_Coded, enum.IntEnum):
    """itav_cost_unit: what a cost's amount is per (since 0.4)."""
    TOTAL = 1
    PER_YEAR = 2
    PER_MONTH = 3
    PER_YOUNG_PERSON = 4
    PER_FAMILY = 5
    PER_COUPLING = 6
    PER_FILM = 7
    PER_CLUB = 8
    PER_MEETING = 9


class ShareKind(_Coded, enum.IntEnum):
    """itav_share_kind: how a funder's share is given (since 0.4); NONE has no code."""
    NONE = 0
    PERCENT = 1
    AMOUNT = 2


class Lang(enum.IntEnum):
    """itav_lang: language of element labels."""
    EN = 1
    NL = 2


_CODE_TYPES = {
    Kind: CodeType.KIND,
    Setting: CodeType.SETTING,
    Scope: CodeType.SCOPE,
    Channel: CodeType.CHANNEL,
    Evidence: CodeType.EVIDENCE,
    RoleKind: CodeType.ROLE,
    Qualifier: CodeType.QUALIFIER,
    Status: CodeType.STATUS,
    ProfileSource: CodeType.PROFILE_SOURCE,
    Audience: CodeType.AUDIENCE,
    Side: CodeType.SIDE,
    ParticipantKind: CodeType.PARTICIPANT_KIND,
    ParticipantStatus: CodeType.PARTICIPANT_STATUS,
    Support: CodeType.SUPPORT,
    Slot: CodeType.SLOT,
    MatchState: CodeType.MATCH_STATE,
    Actor: CodeType.ACTOR,
    EndReason: CodeType.END_REASON,
    Criterion: CodeType.CRITERION,
    Constraint: CodeType.CONSTRAINT,
    DueKind: CodeType.DUE_KIND,
    PlanField: CodeType.PLAN_FIELD,
    ReviewKind: CodeType.REVIEW_KIND,
    Respondent: CodeType.RESPONDENT,
    Effect: CodeType.EFFECT,
    FormalHelp: CodeType.FORMAL_HELP,
    Measure: CodeType.MEASURE,
    Comparator: CodeType.COMPARATOR,
    Attainment: CodeType.ATTAINMENT,
    Derived: CodeType.DERIVED,
    Theme: CodeType.THEME,
    PortfolioFlag: CodeType.PORTFOLIO_FLAG,
    Asker: CodeType.ASKER,
    ReportFormat: CodeType.REPORT_FORMAT,
    OutcomeKind: CodeType.OUTCOME_KIND,
    MilestoneStatus: CodeType.MILESTONE_STATUS,
    CostUnit: CodeType.COST_UNIT,
    ShareKind: CodeType.SHARE_KIND,
}


def _lang(lang):
    if isinstance(lang, str):
        try:
            return Lang[lang.upper()]
        except KeyError:
            raise InvalidArgument("unknown language %r (expected 'en' or 'nl')" % lang) from None
    return Lang(lang)


class Element(enum.IntEnum):
    """itav_element: the eight elements of the normalisation vision, numbered 1 to 8."""
    DOUBTS_NORMAL = 1
    INFORMAL_SUPPORT = 2
    LOW_THRESHOLD = 3
    EQUALITY = 4
    DEMAND_LED = 5
    BROAD_CONTEXT = 6
    POSITIVE_FOCUS = 7
    NO_PROBLEMATISING = 8

    @property
    def code(self):
        """The stable code ("doubts_normal")."""
        return dec(lib.itav_element_code(self.value))

    def __str__(self):
        return self.code

    def __format__(self, spec):
        return _format_coded(self, spec)

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            return cls.from_code(value)
        return None

    def label(self, lang="en"):
        """The label in a language: "en" (or Lang.EN) or "nl" (Lang.NL)."""
        return dec(lib.itav_element_label(self.value, int(_lang(lang))))

    @classmethod
    def from_code(cls, code):
        """The element with this exact code; raises UnknownCode (a NotFound and a ValueError
        that names the codes)."""
        out = ctypes.c_int()
        rc = lib.itav_element_from_code(ctypes.byref(out), enc(code))
        if rc == NotFound.code:
            raise UnknownCode("no element has the code %r (expected one of %s)"
                              % (code, ", ".join(m.code for m in cls)))
        check(rc, "Element.from_code(%r)" % code)
        return cls(out.value)

    @classmethod
    def parse(cls, wording):
        """The element any wording the seeds use stands for (itav_element_parse()).

        Case, punctuation, markup and a trailing full stop are ignored. Raises UnknownCode
        (a NotFound and a ValueError that names the codes).
        """
        out = ctypes.c_int()
        rc = lib.itav_element_parse(ctypes.byref(out), enc(wording))
        if rc == NotFound.code:
            raise UnknownCode("no element is worded %r (expected one of the codes %s, or a "
                              "wording the seeds use)"
                              % (wording, ", ".join(m.code for m in cls)))
        check(rc, "Element.parse(%r)" % wording)
        return cls(out.value)

    @classmethod
    def coerce(cls, value):
        """An Element from an Element, its number, its code or any wording of it."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                return cls(value)
            except ValueError:
                raise InvalidArgument("%d is not an element (1 to 8)" % value) from None
        raise TypeError("expected an Element, int or str, got %s" % type(value).__name__)


class Factor(enum.IntEnum):
    """itav_factor (0.4): the fourteen working factors of the VWS practice stories (seed 004,
    lines 411-467), numbered 1 to 14 in the seed's order."""
    RIGHT_PEOPLE = 1
    JOINT_SEARCH = 2
    UNCONVENTIONAL = 3
    CELEBRATE_SUCCESS = 4
    YOUTH_WORLD = 5
    CRAFTSMANSHIP = 6
    OPPORTUNITIES = 7
    RESIDENTS_TAKE_PART = 8
    POLITICAL_SUPPORT = 9
    TRUST_SHORT_LINES = 10
    USE_WHAT_EXISTS = 11
    LOW_THRESHOLD_CONTACT = 12
    LONG_TERM = 13
    KNOW_WHAT_WORKS = 14

    @property
    def code(self):
        """The stable code ("right_people")."""
        return dec(lib.itav_factor_code(self.value))

    def label(self, lang="en"):
        """The label in a language: "en" (or Lang.EN) or "nl" (Lang.NL, the seed's own
        wording)."""
        return dec(lib.itav_factor_label(self.value, int(_lang(lang))))

    @property
    def source(self):
        """Where seed 004 states the factor ("004:L413")."""
        return dec(lib.itav_factor_source(self.value))

    @property
    def credited_to_all(self):
        """Whether the seed credits it to all municipalities ("Alle gemeenten")."""
        return bool(lib.itav_factor_credited_to_all(self.value))

    @classmethod
    def from_code(cls, code):
        """The factor with this exact code; raises NotFound."""
        out = ctypes.c_int()
        rc = lib.itav_factor_from_code(ctypes.byref(out), enc(code))
        if rc == NotFound.code:
            raise NotFound("no working factor has the code %r" % code)
        check(rc, "Factor.from_code(%r)" % code)
        return cls(out.value)

    @classmethod
    def coerce(cls, value):
        """A Factor from a Factor, its number or its code."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            return cls.from_code(value)
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                return cls(value)
            except ValueError:
                raise InvalidArgument("%d is not a working factor (1 to 14)" % value) from None
        raise TypeError("expected a Factor, int or str, got %s" % type(value).__name__)


def factorset(factors):
    """The bit set (int) of an iterable of factors (Factor, number or code)."""
    if isinstance(factors, (str, Factor)):
        factors = [factors]
    s = 0
    for f in factors:
        s |= 1 << (int(Factor.coerce(f)) - 1)
    return s


def factors_of(bits):
    """The set of Factor in a bit set."""
    return {f for f in Factor if lib.itav_factorset_has(bits, int(f))}


# ---- element sets (itav_elemset) ----------------------------------------------------------

def elemset(elements):
    """The bit set (int) of an iterable of elements (Element, number, code or wording).

    An int is taken as a set already and checked to have no bits above element 8.
    """
    if isinstance(elements, int) and not isinstance(elements, (bool, Element)):
        if elements & ~ITAV_ELEMSET_ALL or elements < 0:
            raise InvalidArgument("element set 0x%x has bits beyond element 8" % elements)
        return elements
    if isinstance(elements, (str, Element)):
        elements = [elements]
    s = 0
    for e in elements:
        s = lib.itav_elemset_add(s, int(Element.coerce(e)))
    return s


def elements_of(s):
    """The set of Element in a bit set."""
    return {e for e in Element if lib.itav_elemset_has(s, e.value)}


def elemset_count(s):
    """Number of elements in a bit set (itav_elemset_count())."""
    return lib.itav_elemset_count(s)


def elemset_remove(s, e):
    """The bit set with an element removed (itav_elemset_remove())."""
    return lib.itav_elemset_remove(s, int(Element.coerce(e)))


def coerce_enum(cls, value, what):
    """The int value for a coded enum field: None/0, a member, an int or a code."""
    if value is None:
        return 0
    if isinstance(value, str):
        try:
            return int(cls.parse(value))
        except NotFound:
            raise InvalidArgument("unknown %s %r (expected one of %s)"
                                  % (what, value, ", ".join(cls.all_codes()))) from None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s: expected %s, int, str or None, got %s"
                        % (what, cls.__name__, type(value).__name__))
    return int(value)


def maybe_enum(cls, value):
    """A member for a value read from C, or None for 0 ("not stated"); unknown values stay
    ints (a newer library may have more)."""
    if value == 0 and 0 not in cls._value2member_map_:
        return None
    try:
        return cls(value)
    except ValueError:
        return value


def coerce_audience(value):
    """The audience bits of None, an int/Audience, a code or an iterable of codes/flags."""
    return coerce_flags(Audience, value, "audience")


def coerce_member(cls, value, what):
    """A member of a coded enum from a member, its number or its code; InvalidArgument
    (naming the legal codes) for anything it is not."""
    if isinstance(value, cls):
        return value
    try:
        v = coerce_enum(cls, value, what)
        return cls(v)
    except ValueError:
        raise InvalidArgument("%r is not a %s (expected one of %s)"
                              % (value, what, ", ".join(cls.all_codes()))) from None


def coerce_flags(cls, value, what):
    """The bits of a flag enum from None, an int/flag, a code, or an iterable of codes and
    flags; InvalidArgument (naming the legal codes) for an unknown code."""
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        try:
            return int(cls.parse(value))
        except NotFound:
            raise InvalidArgument("unknown %s %r (expected one of %s)"
                                  % (what, value, ", ".join(cls.all_codes()))) from None
    if isinstance(value, (bytes, bool, float)):
        raise TypeError("%s: expected codes, %s flags or None, got %s"
                        % (what, cls.__name__, type(value).__name__))
    bits = 0
    for v in value:
        bits |= coerce_flags(cls, v, what)
    return bits


def flag_codes(cls, bits):
    """The set of codes of the bits set."""
    return set(cls(bits & int(cls.all())).codes)
