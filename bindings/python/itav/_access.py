"""Access sheets (itav_access): who an intervention or offer is for, how people reach it and
what running it takes (include/itav/access.h)."""

import ctypes
from collections import namedtuple

from ._errors import InvalidArgument, UnknownCode, error_for, strerror
from ._lib import ITAV_AGE_NONE, access_p, dec, enc, lib

# The lists of a sheet, by code, in the library's order (itav_access_list 1..5).
ACCESS_LISTS = tuple(dec(lib.itav_access_list_code(n)) for n in range(1, 6))
_EFFECTIVE = 1  # ITAV_ACCESS_EFFECTIVE
_LANGS = {"en": 1, "nl": 2}


class AccessEntry(namedtuple("AccessEntry", "code text source effective")):
    """One entry of a list: a code of the list's vocabulary, the text, its source reference
    (or None) and whether the source says this way worked well."""

    def __new__(cls, code, text, source=None, effective=False):
        return super().__new__(cls, code, text, source, bool(effective))


def _list_number(name):
    n = ctypes.c_int()
    if not isinstance(name, str) or lib.itav_access_list_from_code(ctypes.byref(n),
                                                                   enc(name)) != 0:
        raise UnknownCode("unknown access list %r (expected one of: %s)"
                          % (name, ", ".join(ACCESS_LISTS)))
    return n.value


def access_codes(list_name):
    """The vocabulary of a list, in the library's order with "other" last."""
    n = _list_number(list_name)
    out, i = [], 0
    while True:
        c = lib.itav_access_code_at(n, i)
        if c is None:
            return tuple(out)
        out.append(dec(c))
        i += 1


def access_label(list_name, code, lang="en"):
    """The label of a code of a list in "en" or "nl"; UnknownCode for an unknown one."""
    label = lib.itav_access_code_label(_list_number(list_name), enc(code), _LANGS.get(lang, 0))
    if label is None:
        raise UnknownCode("no %s label for %s code %r (codes: %s)"
                          % (lang, list_name, code, ", ".join(access_codes(list_name))))
    return dec(label)


class Access:
    """Who an intervention or offer is for and how people reach it, as plain Python values.

    ``Access(ages=(0, 287), ages_source="002:L59", referral=[AccessEntry("gp", "Huisartsen",
    "002:L61")])``. ``ages`` is a (min, max) pair in months by the one rule for ages, with None
    for an open end, or None; each of ``conditions``, ``referral``, ``recruitment``, ``tasks``
    and ``needs`` is a list of AccessEntry (tuples and dicts are accepted). Read it from
    ``Intervention.access`` or ``Offer.access`` (a copy), change it, assign it back.
    """

    def __init__(self, ages=None, ages_source=None, **lists):
        self.ages = ages
        self.ages_source = ages_source
        for name in ACCESS_LISTS:
            setattr(self, name, [self._entry(e) for e in lists.pop(name, ())])
        if lists:
            raise TypeError("an access sheet has no list %r (lists: %s)"
                            % (sorted(lists)[0], ", ".join(ACCESS_LISTS)))

    @staticmethod
    def _entry(e):
        if isinstance(e, AccessEntry):
            return e
        if isinstance(e, dict):
            return AccessEntry(**e)
        return AccessEntry(*e)

    def __eq__(self, other):
        return isinstance(other, Access) and self.to_dict() == other.to_dict()

    def __repr__(self):
        return "Access(%s)" % ", ".join("%s=%r" % kv for kv in self.to_dict().items())

    def has(self, list_name, code):
        """Whether a list has an entry with a code."""
        _list_number(list_name)
        return any(e.code == code for e in getattr(self, list_name))

    def to_dict(self):
        """The sheet as a dict of what is set (ages, ages_source, the non-empty lists)."""
        d = {}
        if self.ages is not None:
            d["ages"] = tuple(self.ages)
            if self.ages_source:
                d["ages_source"] = self.ages_source
        for name in ACCESS_LISTS:
            entries = [self._entry(e) for e in getattr(self, name)]
            if entries:
                d[name] = [e._asdict() for e in entries]
        return d

    # ---- to and from the C sheet ----
    @classmethod
    def _from_c(cls, ptr):
        if not ptr:
            return None
        lo, hi = ctypes.c_int32(), ctypes.c_int32()
        lib.itav_access_ages(ctypes.byref(lo), ctypes.byref(hi), ptr)
        ages = None
        if lo.value != ITAV_AGE_NONE or hi.value != ITAV_AGE_NONE:
            ages = (None if lo.value == ITAV_AGE_NONE else lo.value,
                    None if hi.value == ITAV_AGE_NONE else hi.value)
        lists = {}
        for n, name in enumerate(ACCESS_LISTS, 1):
            entries = []
            for i in range(lib.itav_access_count(ptr, n)):
                code, text, src = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_char_p()
                flags = ctypes.c_uint()
                lib.itav_access_at(ctypes.byref(code), ctypes.byref(text), ctypes.byref(src),
                                   ctypes.byref(flags), ptr, n, i)
                entries.append(AccessEntry(dec(code.value), dec(text.value), dec(src.value),
                                           bool(flags.value & _EFFECTIVE)))
            lists[name] = entries
        return cls(ages, dec(lib.itav_access_ages_source(ptr)), **lists)

    def _to_c(self):
        """A new C sheet (the caller frees it with itav_access_free()); InvalidArgument names
        the field that the library refuses."""
        ptr = access_p()
        rc = lib.itav_access_new(ctypes.byref(ptr))
        if rc < 0:
            raise error_for(rc, "cannot make an access sheet: %s" % strerror(rc))
        try:
            if self.ages is not None:
                lo, hi = self.ages
                rc = lib.itav_access_set_ages(ptr, ITAV_AGE_NONE if lo is None else lo,
                                              ITAV_AGE_NONE if hi is None else hi,
                                              enc(self.ages_source))
                if rc < 0:
                    raise InvalidArgument(
                        "access.ages: (%r, %r) with source %r is not an age range in months "
                        "(-12 to 1200, min <= max) with a reference like \"002:L59\""
                        % (lo, hi, self.ages_source))
            for n, name in enumerate(ACCESS_LISTS, 1):
                for i, e in enumerate(getattr(self, name)):
                    e = self._entry(e)
                    if e.code not in access_codes(name):
                        raise UnknownCode("access.%s[%d].code: unknown %s code %r (expected "
                                          "one of: %s)" % (name, i, name, e.code,
                                                           ", ".join(access_codes(name))))
                    rc = lib.itav_access_add(ptr, n, enc(e.code), enc(e.text), enc(e.source),
                                             _EFFECTIVE if e.effective else 0)
                    if rc < 0:
                        raise error_for(rc, "access.%s[%d]: the text must be non-empty text "
                                        "without control characters and the source a "
                                        "reference like \"002:L61\"" % (name, i))
        except BaseException:
            lib.itav_access_free(ptr)
            raise
        return ptr


def access_has_method(getter):
    """The .access_has(list, code) method of interventions and offers: whether their sheet
    lists a code (False without a sheet), asked of the library without copying the sheet."""
    def access_has(self, list_name, code):
        """Whether the access sheet's list (a code of ACCESS_LISTS) has an entry with code."""
        return bool(lib.itav_access_has(getter(self._ptr), _list_number(list_name), enc(code)))
    return access_has


def access_property(getter, setter, kind):
    """The .access property of interventions and offers: a copy (an Access, or None);
    assigning an Access, a dict like to_dict() gives (with lists of dicts) or None replaces
    it, all or nothing."""
    def fget(self):
        return Access._from_c(getter(self._ptr))

    def fset(self, value):
        if value is None:
            rc = setter(self._ptr, None)
        else:
            if isinstance(value, dict):
                value = Access(**value)
            if not isinstance(value, Access):
                raise TypeError("expected an Access, a dict or None, got %s"
                                % type(value).__name__)
            ptr = value._to_c()
            try:
                rc = setter(self._ptr, ptr)
            finally:
                lib.itav_access_free(ptr)
        if rc < 0:
            self._raise(rc, "cannot set the access sheet")
    return property(fget, fset, doc="Who the %s is for and how people reach it (an Access, "
                                    "a copy: change it, then assign it back), or None." % kind)
