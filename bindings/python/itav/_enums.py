"""Enumerations of the C API, the element set helpers and the code helpers."""

import ctypes
import enum

from ._errors import InvalidArgument, NotFound, check
from ._lib import ITAV_ELEMSET_ALL, dec, enc, lib


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
    """Mixin for enumerations that have stable text codes (docs/format.md)."""

    @property
    def code(self):
        """The stable text code ("informal"), or None for a value without one (0)."""
        return code_name(_CODE_TYPES[type(self)], self.value)

    @classmethod
    def parse(cls, code):
        """The member for a stable text code; raises NotFound for an unknown code."""
        return cls(code_parse(_CODE_TYPES[cls], code))

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


class Audience(enum.IntFlag):
    """itav_audience: who an intervention is for (bits, combine with |)."""
    PARENTS = 1
    EXPECTING_PARENTS = 2
    YOUTH = 4
    CHILDREN = 8
    CO_CARERS = 16
    PROFESSIONALS = 32

    @property
    def code(self):
        """The code of a single bit ("parents"); None for a combination or no bits."""
        return code_name(CodeType.AUDIENCE, int(self))

    @property
    def codes(self):
        """The codes of every bit set, in bit order."""
        return [code_name(CodeType.AUDIENCE, 1 << i) for i in range(6) if int(self) >> i & 1]

    @classmethod
    def parse(cls, codes):
        """The flags for a code ("parents") or an iterable of codes."""
        if isinstance(codes, str):
            codes = [codes]
        value = 0
        for c in codes:
            value |= code_parse(CodeType.AUDIENCE, c)
        return cls(value)

    @classmethod
    def all(cls):
        """Every audience bit."""
        return cls(63)


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

    def label(self, lang="en"):
        """The label in a language: "en" (or Lang.EN) or "nl" (Lang.NL)."""
        return dec(lib.itav_element_label(self.value, int(_lang(lang))))

    @classmethod
    def from_code(cls, code):
        """The element with this exact code; raises NotFound."""
        out = ctypes.c_int()
        rc = lib.itav_element_from_code(ctypes.byref(out), enc(code))
        if rc == NotFound.code:
            raise NotFound("no element has the code %r" % code)
        check(rc, "Element.from_code(%r)" % code)
        return cls(out.value)

    @classmethod
    def parse(cls, wording):
        """The element any wording the seeds use stands for (itav_element_parse()).

        Case, punctuation, markup and a trailing full stop are ignored. Raises NotFound.
        """
        out = ctypes.c_int()
        rc = lib.itav_element_parse(ctypes.byref(out), enc(wording))
        if rc == NotFound.code:
            raise NotFound("no element is worded %r" % wording)
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
    if value is None:
        return 0
    if isinstance(value, str):
        return int(_audience_parse(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    bits = 0
    for v in value:
        bits |= coerce_audience(v)
    return bits


def _audience_parse(code):
    try:
        return Audience.parse(code)
    except NotFound:
        raise InvalidArgument("unknown audience %r (expected one of %s)"
                              % (code, ", ".join(Audience(1 << i).code for i in range(6)))
                              ) from None
