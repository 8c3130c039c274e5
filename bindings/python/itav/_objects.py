"""Python objects over the C values: figures, roles, interventions and offers."""

import collections
import json
import ctypes
import math
import re
from collections.abc import MutableSequence

from ._dates import DATE_NONE, format_date, to_date, to_days
from ._enums import (Audience, Channel, Element, Evidence, Factor, FigureList, Kind,
                     ProfileSource,
                     Qualifier, RoleKind, Scope, Setting, Status, TextList, Theme,
                     coerce_audience, coerce_enum, coerce_flags, elements_of, maybe_enum)
from ._errors import Error, InvalidArgument, RangeError, check, error_for, strerror
from ._lib import (ITAV_AGE_NONE, ITAV_THEME_ALL, dec, enc, figure_p, intervention_p, lib,
                   offer_p, role_p, take_string)
from ._owned import Owned
from ._plan import plan_property
from ._access import access_has_method, access_property
from ._cost import CostsMixin

# Field names whose source reference can be set (docs/format.md, lib/model/sources.c).
INTERVENTION_FIELDS = ("name", "kind", "summary", "providers", "municipalities", "regions",
                       "since", "audience", "themes", "setting", "scope", "channel", "roles",
                       "phases", "evidence_level", "reach", "works", "improve", "links")
OFFER_FIELDS = ("name", "intervention", "municipalities", "region", "provider", "start", "end",
                "contact", "programme", "targets", "reach", "capacity")

_REF = re.compile(r"^[0-9]{3}:L[0-9]+(-[0-9]+)?$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

ID_RULE = "an id is 1 to 64 characters of a-z, 0-9 and single '-' between them"
REF_RULE = "a source reference looks like \"001:L373\" or \"001:L373-380\""


def _ref_problem(ref):
    if ref and not _REF.match(ref):
        return "malformed source reference %r (%s)" % (ref, REF_RULE)
    return None


TEXT_MAX = 65536


def _short(value, limit=60):
    """repr() of a value, cut short for messages."""
    r = repr(value)
    return r if len(r) <= limit else r[:limit - 5] + "...'" + " (%d characters)" % len(value)


def _text_problem(value):
    """Why the library refuses a text, as far as Python can tell."""
    if value is not None and len(value.encode("utf-8")) > TEXT_MAX:
        return "a text is at most %d bytes of UTF-8" % TEXT_MAX
    return None


def _opt_text(value, what):
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("%s: expected str or None, got %s" % (what, type(value).__name__))
    return value


# ---- figures ------------------------------------------------------------------------------

class Figure:
    """Something counted, as a qualified quantity (itav_figure), as a Python value.

    ``Figure("families", "at_least", 1700, text="ruim 1700", period="2020")``;
    ``Figure("volunteers", Qualifier.RANGE, 5, 10)``; ``Figure("x", "text", text="honderden")``.
    min and max are floats (integers stay ints); max equals min unless the qualifier is
    RANGE or ABOUT_RANGE; both are None for TEXT. The constructor checks the figure with the
    library.
    """

    __slots__ = ("what", "qualifier", "min", "max", "text", "period", "where", "note",
                 "source")

    def __init__(self, what, qualifier=Qualifier.EXACT, min=None, max=None, text=None,
                 period=None, where=None, note=None, source=None):
        self.what = what
        self.qualifier = Qualifier(coerce_enum(Qualifier, qualifier, "qualifier"))
        self.min = min
        self.max = max
        self.text = text
        self.period = period
        self.where = where
        self.note = note
        self.source = source
        ptr = self._to_c()  # validates; normalises min/max as the library keeps them
        try:
            self.min = _number(lib.itav_figure_get_min(ptr))
            self.max = _number(lib.itav_figure_get_max(ptr))
        finally:
            lib.itav_figure_free(ptr)

    def _problem(self):
        if not self.what:
            return "what is counted must be a non-empty text"
        for name in ("what", "text", "period", "where", "note"):
            why = _text_problem(getattr(self, name))
            if why:
                return "%s: %s" % (name, why)
        q = self.qualifier
        if q == Qualifier.TEXT:
            return None if self.text else "qualifier text needs the text"
        if self.min is None or not math.isfinite(float(self.min)):
            return "qualifier %s needs a finite number" % q.code
        if q.two_numbers:
            if self.max is None or not math.isfinite(float(self.max)):
                return "qualifier %s needs a finite max" % q.code
            if float(self.min) > float(self.max):
                return "range min %r is above max %r" % (self.min, self.max)
        return _ref_problem(self.source)

    def _to_c(self):
        """A new C figure (owned by the caller: itav_figure_free())."""
        q = int(self.qualifier)
        lo = math.nan if self.min is None else float(self.min)
        hi = lo if self.max is None else float(self.max)
        if Qualifier(q).two_numbers and self.max is None:
            hi = math.nan
        ptr = figure_p()
        rc = lib.itav_figure_new(ctypes.byref(ptr), enc(_opt_text(self.what, "what")), q, lo,
                                 hi, enc(_opt_text(self.text, "text")))
        if rc < 0:
            raise error_for(rc, "invalid figure %r: %s" % (self, self._problem() or strerror(rc)))
        try:
            for name, setter in (("period", lib.itav_figure_set_period),
                                 ("where", lib.itav_figure_set_where),
                                 ("note", lib.itav_figure_set_note),
                                 ("source", lib.itav_figure_set_source)):
                value = getattr(self, name)
                rc = setter(ptr, enc(_opt_text(value, name)))
                if rc < 0:
                    why = (_ref_problem(value) if name == "source" else
                           _text_problem(value) or strerror(rc))
                    raise error_for(rc, "invalid figure %r: %s: %s" % (self, name, why))
        except BaseException:
            lib.itav_figure_free(ptr)
            raise
        return ptr

    @classmethod
    def _from_c(cls, ptr):
        f = cls.__new__(cls)
        f.what = dec(lib.itav_figure_get_what(ptr))
        f.qualifier = Qualifier(lib.itav_figure_get_qualifier(ptr))
        f.min = _number(lib.itav_figure_get_min(ptr))
        f.max = _number(lib.itav_figure_get_max(ptr))
        f.text = dec(lib.itav_figure_get_text(ptr))
        f.period = dec(lib.itav_figure_get_period(ptr))
        f.where = dec(lib.itav_figure_get_where(ptr))
        f.note = dec(lib.itav_figure_get_note(ptr))
        f.source = dec(lib.itav_figure_get_source(ptr))
        return f

    def _key(self):
        return tuple(getattr(self, s) for s in self.__slots__)

    def __eq__(self, other):
        if not isinstance(other, Figure):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        parts = [_short(self.what), self.qualifier.code]
        if self.qualifier.two_numbers:
            parts += ["%r" % self.min, "%r" % self.max]
        elif self.qualifier != Qualifier.TEXT:
            parts.append("%r" % self.min)
        for s in ("text", "period", "where", "note", "source"):
            if getattr(self, s) is not None:
                parts.append("%s=%s" % (s, _short(getattr(self, s))))
        return "Figure(%s)" % ", ".join(parts)


def _number(x):
    if math.isnan(x):
        return None
    # whole numbers that a double holds exactly come back as int (1700, not 1700.0)
    return int(x) if x.is_integer() and abs(x) <= 2 ** 53 else x


# ---- roles --------------------------------------------------------------------------------

class Role:
    """Who delivers an intervention (itav_role), as a Python value.

    ``Role("volunteer", description="visits weekly", vog=True, training="basic course")``.
    """

    __slots__ = ("kind", "description", "vog", "training")

    def __init__(self, kind, description=None, vog=False, training=None):
        k = coerce_enum(RoleKind, kind, "role kind")
        try:
            self.kind = RoleKind(k)
        except ValueError:
            raise InvalidArgument("%r is not a role kind (expected one of %s)"
                                  % (kind, ", ".join(RoleKind.all_codes()))) from None
        self.description = _opt_text(description, "description") or None
        self.vog = bool(vog)
        self.training = _opt_text(training, "training") or None

    def _to_c(self):
        ptr = role_p()
        check(lib.itav_role_new(ctypes.byref(ptr), int(self.kind)), "role %r" % (self,))
        try:
            check(lib.itav_role_set_description(ptr, enc(self.description)),
                  "role %r: description" % (self,))
            check(lib.itav_role_set_vog(ptr, 1 if self.vog else 0), "role %r: vog" % (self,))
            check(lib.itav_role_set_training(ptr, enc(self.training)),
                  "role %r: training" % (self,))
        except BaseException:
            lib.itav_role_free(ptr)
            raise
        return ptr

    @classmethod
    def _from_c(cls, ptr):
        r = cls.__new__(cls)
        r.kind = RoleKind(lib.itav_role_get_kind(ptr))
        r.description = dec(lib.itav_role_get_description(ptr))
        r.vog = bool(lib.itav_role_get_vog(ptr))
        r.training = dec(lib.itav_role_get_training(ptr))
        return r

    def _key(self):
        return (self.kind, self.description, self.vog, self.training)

    def __eq__(self, other):
        if not isinstance(other, Role):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        parts = [repr(self.kind.code)]
        if self.description is not None:
            parts.append("description=%s" % _short(self.description))
        if self.vog:
            parts.append("vog=True")
        if self.training is not None:
            parts.append("training=%s" % _short(self.training))
        return "Role(%s)" % ", ".join(parts)


ElementStatement = collections.namedtuple("ElementStatement", "status evidence source")
ElementStatement.__doc__ = "What one profile source says about one element."


# ---- lists of texts -----------------------------------------------------------------------

class TextListView(MutableSequence):
    """A live, list-like view of one list of texts of an intervention or offer.

    Reading, len(), iteration, ``append``/``add``, ``remove(text)``, ``del view[i]``,
    slicing and comparison with lists work as for a list; changes go straight into the C
    object. ``list(view)`` takes a copy.
    """

    __slots__ = ("_owner", "_list")

    def __init__(self, owner, which):
        self._owner = owner
        self._list = TextList(which)

    def __len__(self):
        return self._owner._text_count(self._list)

    def _item(self, i):
        return dec(self._owner._text_get(self._list, i))

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._item(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("%s index out of range" % self._list.name.lower())
        return self._item(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self._item(i)

    def append(self, text):
        """Appends a non-empty text."""
        if not isinstance(text, str):
            raise TypeError("%s: expected str, got %s"
                            % (self._list.name.lower(), type(text).__name__))
        rc = self._owner._text_add(self._list, enc(text))
        if rc < 0:
            why = "a text must not be empty" if not text else _text_problem(text)
            raise error_for(rc, '%s "%s": cannot add %s to %s: %s' % (
                self._owner._kind, self._owner.id, _short(text), self._list.name.lower(),
                why or strerror(rc)))

    add = append

    def __delitem__(self, i):
        if isinstance(i, slice):
            for k in sorted(range(*i.indices(len(self))), reverse=True):
                del self[k]
            return
        n = len(self)
        if i < 0:
            i += n
        rc = self._owner._text_remove(self._list, i if i >= 0 else n)
        if rc < 0:
            if rc == RangeError.code:
                raise RangeError("%s index %d out of range (%d texts)"
                                 % (self._list.name.lower(), i, n), rc)
            self._owner._raise(rc, "cannot remove text %d of %s" % (i, self._list.name.lower()))

    def _replace(self, texts):
        texts = list(texts)
        for t in texts:
            if not isinstance(t, str):
                raise TypeError("%s: expected str items, got %s"
                                % (self._list.name.lower(), type(t).__name__))
            if not t:
                raise InvalidArgument("%s: a text must not be empty" % self._list.name.lower())
        old = list(self)
        try:
            for i in range(len(self) - 1, -1, -1):
                del self[i]
            for t in texts:
                self.append(t)
        except Error:
            for i in range(len(self) - 1, -1, -1):
                del self[i]
            for t in old:
                self.append(t)
            raise

    def __setitem__(self, i, value):
        items = list(self)
        items[i] = value
        self._replace(items)

    def insert(self, i, text):
        items = list(self)
        items.insert(i, text)
        self._replace(items)

    def clear(self):
        for i in range(len(self) - 1, -1, -1):
            del self[i]

    def __eq__(self, other):
        if isinstance(other, (TextListView, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        return repr(list(self))


# ---- base of interventions and offers -----------------------------------------------------

class _Value(Owned):
    """An owned C object with an id, a JSON form and settable fields."""

    _kind = "record"
    _settable = ()

    @property
    def _label(self):
        """What messages call the record (its id)."""
        return self.id

    def _raise(self, rc, what):
        raise error_for(rc, '%s "%s": %s: %s' % (self._kind, self._label, what, strerror(rc)))

    def _check(self, rc, what):
        if rc < 0:
            self._raise(rc, what)

    def _apply(self, fields):
        for name, value in fields.items():
            if name not in self._settable:
                raise TypeError("%s has no settable field %r" % (self._kind, name))
            setattr(self, name, value)

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    def to_dict(self):
        """The record as Python data (the parsed to_json())."""
        return json.loads(self.to_json())


class _Record(_Value):
    """An intervention or offer: a _Value with sources, texts and figures."""

    _fields = ()

    # sources
    def source(self, field):
        """Where the seeds state a field ("001:L373-380"), or None."""
        return dec(self._get_source(enc(field)))

    def set_source(self, field, ref):
        """Sets (or with None/"" clears) the source reference of a field."""
        rc = self._set_source(enc(field), enc(ref))
        if rc < 0:
            if field not in self._fields:
                why = "unknown field %r (expected one of %s)" % (field, ", ".join(self._fields))
            else:
                why = _ref_problem(ref) or strerror(rc)
            raise error_for(rc, '%s "%s": cannot set the source of %s: %s'
                            % (self._kind, self.id, field, why))

    @property
    def sources(self):
        """Every source reference set, as {field: ref}. Assigning a dict replaces them all."""
        out = {}
        for f in self._fields:
            ref = self.source(f)
            if ref is not None:
                out[f] = ref
        return out

    @sources.setter
    def sources(self, refs):
        refs = dict(refs)
        for f in refs:
            if f not in self._fields:
                raise InvalidArgument('%s "%s": unknown source field %r' % (self._kind, self.id,
                                                                             f))
        for f in self._fields:
            self.set_source(f, refs.get(f))

    # text list plumbing for TextListView
    def _text_count(self, which):
        raise NotImplementedError

    def _figures(self, which):
        n = self._figure_count(self._ptr, int(which))
        return [Figure._from_c(self._figure_get(self._ptr, int(which), i)) for i in range(n)]

    def figures(self, which=FigureList.REACH):
        """The figures of a list (reach or targets), as a list of Figure (copies)."""
        return self._figures(FigureList(which))

    def add_figure(self, figure, which=FigureList.REACH):
        """Appends a figure (a copy) to a list."""
        if not isinstance(figure, Figure):
            raise TypeError("expected a Figure, got %s" % type(figure).__name__)
        which = FigureList(which)
        ptr = figure._to_c()
        try:
            rc = self._figure_add(self._ptr, int(which), ptr)
        finally:
            lib.itav_figure_free(ptr)
        if rc < 0:
            self._raise(rc, "cannot add a figure to %s" % which.name.lower())

    def remove_figure(self, index, which=FigureList.REACH):
        """Removes figure index of a list."""
        which = FigureList(which)
        n = self._figure_count(self._ptr, int(which))
        if index < 0:
            index += n
        rc = self._figure_remove(self._ptr, int(which), index if index >= 0 else n)
        if rc < 0:
            self._raise(rc, "cannot remove figure %d of %s (%d figures)"
                        % (index, which.name.lower(), n))

    def set_figures(self, figures, which=FigureList.REACH):
        """Replaces a list of figures."""
        figures = list(figures)
        which = FigureList(which)
        ptrs = []
        try:
            for f in figures:
                if not isinstance(f, Figure):
                    raise TypeError("expected Figure items, got %s" % type(f).__name__)
                ptrs.append(f._to_c())
            # the C object has no "clear": remove from the end, then add
            for i in range(self._figure_count(self._ptr, int(which)) - 1, -1, -1):
                self._check(self._figure_remove(self._ptr, int(which), i),
                            "cannot clear %s" % which.name.lower())
            for p in ptrs:
                self._check(self._figure_add(self._ptr, int(which), p),
                            "cannot add a figure to %s" % which.name.lower())
        finally:
            for p in ptrs:
                lib.itav_figure_free(p)

    @property
    def reach(self):
        """The reach figures, as a list of Figure (copies); assign a list to replace them."""
        return self._figures(FigureList.REACH)

    @reach.setter
    def reach(self, figures):
        self.set_figures(figures, FigureList.REACH)


def _text_property(list_id, doc):
    def fget(self):
        return TextListView(self, list_id)

    def fset(self, texts):
        if isinstance(texts, str):
            raise TypeError("expected a list of texts, not one str")
        TextListView(self, list_id)._replace(texts)
    return property(fget, fset, doc=doc)


def _str_property(getter, setter, name, doc, required=False):
    def fget(self):
        return dec(getter(self._ptr))

    def fset(self, value):
        rc = setter(self._ptr, enc(_opt_text(value, name)))
        if rc < 0:
            why = ("a %s is required (a non-empty text)" % name if required and not value
                   else _text_problem(value) or strerror(rc))
            raise error_for(rc, '%s "%s": cannot set %s to %s: %s' % (
                self._kind, self.id, name, _short(value), why))
    return property(fget, fset, doc=doc)


def _enum_property(cls, getter, setter, name, doc):
    def fget(self):
        return maybe_enum(cls, getter(self._ptr))

    def fset(self, value):
        try:
            v = coerce_enum(cls, value, name)
        except InvalidArgument as e:
            raise InvalidArgument('%s "%s": %s' % (self._kind, self.id, e.message)) from None
        rc = setter(self._ptr, v)
        if rc < 0:
            raise error_for(rc, '%s "%s": cannot set %s to %r: expected one of %s or None'
                            % (self._kind, self.id, name, value, ", ".join(cls.all_codes())))
    return property(fget, fset, doc=doc)


# ---- interventions ------------------------------------------------------------------------

class Intervention(CostsMixin, _Record):
    """An intervention (itav_intervention): a programme, method, initiative, policy or activity.

    ``Intervention("buurtgezinnen", name="Buurtgezinnen", setting="informal")`` makes a new
    one (any settable property may be given as a keyword). Objects read from a store are
    detached snapshots: change them, then ``store.update_intervention(iv)``.
    """

    _kind = "intervention"
    _free = staticmethod(lib.itav_intervention_free)
    _fields = INTERVENTION_FIELDS
    _settable = ("name", "summary", "kind", "setting", "scope", "channel", "evidence", "since",
                 "audience", "themes", "conditions", "age_range", "age_min", "age_max",
                 "providers", "municipalities", "regions", "phases", "works", "improve", "links",
                 "roles", "reach", "sources", "plan", "outcomes")

    def _get_source(self, field):
        return lib.itav_intervention_source(self._ptr, field)

    def _set_source(self, field, ref):
        return lib.itav_intervention_set_source(self._ptr, field, ref)

    _figure_count = staticmethod(lib.itav_intervention_figure_count)
    _figure_get = staticmethod(lib.itav_intervention_figure)
    _figure_add = staticmethod(lib.itav_intervention_add_figure)
    _figure_remove = staticmethod(lib.itav_intervention_remove_figure)
    _cost_count = staticmethod(lib.itav_intervention_cost_count)
    _cost_get = staticmethod(lib.itav_intervention_cost)
    _cost_add = staticmethod(lib.itav_intervention_add_cost)
    _cost_remove = staticmethod(lib.itav_intervention_remove_cost)

    def __init__(self, id, **fields):
        if not isinstance(id, str):
            raise TypeError("intervention id: expected str, got %s" % type(id).__name__)
        ptr = intervention_p()
        rc = lib.itav_intervention_new(ctypes.byref(ptr), enc(id))
        if rc < 0:
            raise error_for(rc, "invalid intervention id %s: %s" % (_short(id), ID_RULE))
        self._adopt(ptr)
        self._apply(fields)

    # text lists
    def _text_count(self, which):
        return lib.itav_intervention_text_count(self._ptr, int(which))

    def _text_get(self, which, i):
        return lib.itav_intervention_text(self._ptr, int(which), i)

    def _text_add(self, which, text):
        return lib.itav_intervention_add_text(self._ptr, int(which), text)

    def _text_remove(self, which, i):
        return lib.itav_intervention_remove_text(self._ptr, int(which), i)

    def texts(self, which):
        """The live view of a list of texts (TextList.PROVIDERS, ...)."""
        return TextListView(self, which)

    @property
    def id(self):
        """The id (a slug); fixed at creation."""
        return dec(lib.itav_intervention_id(self._ptr))

    name = _str_property(lib.itav_intervention_name, lib.itav_intervention_set_name, "name",
                         "The name, or None if not set yet (a name is required to save).",
                         required=True)
    summary = _str_property(lib.itav_intervention_summary, lib.itav_intervention_set_summary,
                            "summary", "A few sentences in English, or None.")
    conditions = _str_property(lib.itav_intervention_conditions,
                               lib.itav_intervention_set_conditions, "conditions",
                               "Further conditions on the audience, or None.")
    kind = _enum_property(Kind, lib.itav_intervention_kind, lib.itav_intervention_set_kind,
                          "kind", "The Kind, or None if not stated.")
    setting = _enum_property(Setting, lib.itav_intervention_setting,
                             lib.itav_intervention_set_setting, "setting",
                             "The Setting, or None if not stated.")
    scope = _enum_property(Scope, lib.itav_intervention_scope, lib.itav_intervention_set_scope,
                           "scope", "The Scope, or None if not stated.")
    channel = _enum_property(Channel, lib.itav_intervention_channel,
                             lib.itav_intervention_set_channel, "channel",
                             "The Channel, or None if not stated.")
    evidence = _enum_property(Evidence, lib.itav_intervention_evidence,
                              lib.itav_intervention_set_evidence, "evidence level",
                              "The Evidence level, or None if not stated.")

    @property
    def since(self):
        """The year it started, or None."""
        return lib.itav_intervention_since(self._ptr) or None

    @since.setter
    def since(self, year):
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise TypeError("since: expected int or None, got %s" % type(year).__name__)
        rc = lib.itav_intervention_set_since(self._ptr, year or 0)
        if rc < 0:
            raise error_for(rc, 'intervention "%s": cannot set since to %r: a year is 1800 to '
                                '9999' % (self.id, year))

    @property
    def audience(self):
        """The Audience flags (Audience(0) if not stated). Assign flags, codes or None."""
        return Audience(lib.itav_intervention_audience(self._ptr))

    @audience.setter
    def audience(self, value):
        bits = coerce_audience(value)
        rc = lib.itav_intervention_set_audience(self._ptr, bits & 0xFFFFFFFF)
        if rc < 0 or bits < 0:
            raise error_for(rc if rc < 0 else InvalidArgument.code,
                            'intervention "%s": cannot set audience to %r: unknown bits 0x%x'
                            % (self.id, value, bits & ~63))

    @property
    def themes(self):
        """The Theme flags: what it helps with (Theme(0) if not stated). Assign flags, codes
        or None."""
        return Theme(lib.itav_intervention_themes(self._ptr))

    @themes.setter
    def themes(self, value):
        bits = coerce_flags(Theme, value, "themes")
        if bits & ~ITAV_THEME_ALL or bits < 0:
            raise InvalidArgument('intervention "%s": cannot set themes to %r: unknown bits 0x%x'
                                  % (self.id, value, bits & ~ITAV_THEME_ALL))
        self._check(lib.itav_intervention_set_themes(self._ptr, bits), "cannot set themes")

    @property
    def age_range(self):
        """(min, max) age in months; either is None when not stated."""
        lo, hi = ctypes.c_int32(), ctypes.c_int32()
        check(lib.itav_intervention_age_range(ctypes.byref(lo), ctypes.byref(hi), self._ptr),
              "age_range")
        return (None if lo.value == ITAV_AGE_NONE else lo.value,
                None if hi.value == ITAV_AGE_NONE else hi.value)

    @age_range.setter
    def age_range(self, value):
        if value is None:
            value = (None, None)
        lo, hi = value
        for v in (lo, hi):
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                raise TypeError("age_range: expected ints or None, got %s" % type(v).__name__)
        rc = lib.itav_intervention_set_age_range(self._ptr,
                                                 ITAV_AGE_NONE if lo is None else lo,
                                                 ITAV_AGE_NONE if hi is None else hi)
        if rc < 0:
            raise error_for(rc, 'intervention "%s": cannot set age range to (%r, %r): bounds '
                                'are -12 to 1200 months and min <= max' % (self.id, lo, hi))

    @property
    def age_min(self):
        """The lower age bound in months, or None."""
        return self.age_range[0]

    @age_min.setter
    def age_min(self, value):
        self.age_range = (value, self.age_range[1])

    @property
    def age_max(self):
        """The upper age bound in months, or None."""
        return self.age_range[1]

    @age_max.setter
    def age_max(self, value):
        self.age_range = (self.age_range[0], value)

    providers = _text_property(TextList.PROVIDERS, "Providing organisations (a live list).")
    municipalities = _text_property(TextList.MUNICIPALITIES, "Municipalities (a live list).")
    regions = _text_property(TextList.REGIONS, "Regions (a live list).")
    phases = _text_property(TextList.PHASES, "Phases, in order (a live list).")
    works = _text_property(TextList.WORKS, "What works (a live list).")
    improve = _text_property(TextList.IMPROVE, "What could be better (a live list).")
    links = _text_property(TextList.LINKS, "Web addresses (a live list).")

    plan = plan_property(lib.itav_intervention_plan, lib.itav_intervention_set_plan,
                         "intervention")
    access = access_property(lib.itav_intervention_access, lib.itav_intervention_set_access,
                             "intervention")
    access_has = access_has_method(lib.itav_intervention_access)

    # roles
    @property
    def roles(self):
        """The roles, as a list of Role (copies); assign a list to replace them."""
        n = lib.itav_intervention_role_count(self._ptr)
        return [Role._from_c(lib.itav_intervention_role(self._ptr, i)) for i in range(n)]

    @roles.setter
    def roles(self, roles):
        roles = list(roles)
        ptrs = []
        try:
            for r in roles:
                if not isinstance(r, Role):
                    raise TypeError("expected Role items, got %s" % type(r).__name__)
                ptrs.append(r._to_c())
            for i in range(lib.itav_intervention_role_count(self._ptr) - 1, -1, -1):
                self._check(lib.itav_intervention_remove_role(self._ptr, i), "cannot clear roles")
            for p in ptrs:
                self._check(lib.itav_intervention_add_role(self._ptr, p), "cannot add a role")
        finally:
            for p in ptrs:
                lib.itav_role_free(p)

    def add_role(self, role):
        """Appends a role (a copy)."""
        if not isinstance(role, Role):
            raise TypeError("expected a Role, got %s" % type(role).__name__)
        ptr = role._to_c()
        try:
            self._check(lib.itav_intervention_add_role(self._ptr, ptr), "cannot add a role")
        finally:
            lib.itav_role_free(ptr)

    def remove_role(self, index):
        """Removes role index."""
        n = lib.itav_intervention_role_count(self._ptr)
        if index < 0:
            index += n
        rc = lib.itav_intervention_remove_role(self._ptr, index if index >= 0 else n)
        if rc < 0:
            self._raise(rc, "cannot remove role %d (%d roles)" % (index, n))

    # element profile
    def element(self, element, source=ProfileSource.DEFAULT):
        """The Status a source (default: the profile in use) gives an element."""
        e = Element.coerce(element)
        s = coerce_enum(ProfileSource, source, "profile source")
        return Status(lib.itav_intervention_element(self._ptr, s, int(e)))

    def element_evidence(self, element, source=ProfileSource.DEFAULT):
        """The evidence text a source gives for an element, or None."""
        e = Element.coerce(element)
        s = coerce_enum(ProfileSource, source, "profile source")
        return dec(lib.itav_intervention_element_evidence(self._ptr, s, int(e)))

    def element_source(self, element, source=ProfileSource.DEFAULT):
        """The source reference of a statement about an element, or None."""
        e = Element.coerce(element)
        s = coerce_enum(ProfileSource, source, "profile source")
        return dec(lib.itav_intervention_element_source(self._ptr, s, int(e)))

    def set_element(self, source, element, status, evidence=None, ref=None):
        """Records what a source (table, sections or other) says about an element.

        Status.UNKNOWN (or None) removes the statement.
        """
        s = coerce_enum(ProfileSource, source, "profile source")
        e = Element.coerce(element)
        st = coerce_enum(Status, status, "status")
        rc = lib.itav_intervention_set_element(self._ptr, s, int(e), st,
                                               enc(_opt_text(evidence, "evidence")),
                                               enc(_opt_text(ref, "ref")))
        if rc < 0:
            if s not in (ProfileSource.TABLE, ProfileSource.SECTIONS, ProfileSource.OTHER):
                why = "the source must be table, sections or other, not %r" % (source,)
            elif st not in (0, 1, 2):
                why = "unknown status %r" % (status,)
            else:
                why = _ref_problem(ref) or strerror(rc)
            raise error_for(rc, 'intervention "%s": cannot set element %s: %s'
                            % (self.id, e.code, why))

    # outcomes and research evidence (0.4; Outcome is in _evidence.py)
    @property
    def outcomes(self):
        """Its outcomes and research evidence, as a list of Outcome (copies); assign a list to
        replace them."""
        from ._evidence import outcomes_of
        return outcomes_of(self)

    @outcomes.setter
    def outcomes(self, outcomes):
        from ._evidence import set_outcomes
        set_outcomes(self, outcomes)

    # working factors (0.4)
    @property
    def factors(self):
        """{Factor: source reference or None} of the working factors its practice shows."""
        bits = lib.itav_intervention_factors(self._ptr)
        return {f: dec(lib.itav_intervention_factor_source(self._ptr, int(f)))
                for f in Factor if lib.itav_factorset_has(bits, int(f))}

    def set_factor(self, factor, ref=None):
        """Records that its practice shows a working factor (Factor, number or code), with
        where the source credits it ("004:L419") or None."""
        f = Factor.coerce(factor)
        rc = lib.itav_intervention_set_factor(self._ptr, int(f), enc(_opt_text(ref, "ref")))
        if rc < 0:
            raise error_for(rc, 'intervention "%s": cannot set factor %s: %s'
                            % (self.id, f.code, _ref_problem(ref) or strerror(rc)))

    def clear_factor(self, factor):
        """Records that its practice does not show a working factor."""
        f = Factor.coerce(factor)
        check(lib.itav_intervention_clear_factor(self._ptr, int(f)),
              'intervention "%s": clear factor %s' % (self.id, f.code))

    def elements(self, source=ProfileSource.DEFAULT):
        """The set of Element a source (default: the profile in use) states as present."""
        s = coerce_enum(ProfileSource, source, "profile source")
        return elements_of(lib.itav_intervention_elements(self._ptr, s))

    def known_elements(self, source=ProfileSource.DEFAULT):
        """The set of Element whose status a source states."""
        s = coerce_enum(ProfileSource, source, "profile source")
        return elements_of(lib.itav_intervention_known_elements(self._ptr, s))

    def profile(self, source=ProfileSource.DEFAULT):
        """{Element: ElementStatement(status, evidence, source)} for what a source states."""
        s = coerce_enum(ProfileSource, source, "profile source")
        return {e: ElementStatement(self.element(e, s), self.element_evidence(e, s),
                                    self.element_source(e, s))
                for e in sorted(self.known_elements(s))}

    @property
    def profile_source(self):
        """The ProfileSource of the profile in use (DEFAULT if no source states anything)."""
        return ProfileSource(lib.itav_intervention_profile_source(self._ptr))

    @property
    def disputed(self):
        """The set of Element on which two sources both make a statement and disagree."""
        return elements_of(lib.itav_intervention_disputed(self._ptr))

    # JSON and copies
    def to_json(self):
        """The intervention as a JSON object text (as in a dataset)."""
        out = ctypes.c_void_p()
        rc = lib.itav_intervention_to_json(ctypes.byref(out), self._ptr)
        self._check(rc, "cannot encode as JSON")
        return take_string(out.value)

    @classmethod
    def from_json(cls, text, store=None):
        """Reads an intervention from a JSON object text; raises FormatError with the JSON
        path of the problem."""
        from ._store import _scratch_db
        ptr = intervention_p()
        with _scratch_db(store) as db:
            rc = lib.itav_intervention_from_json(ctypes.byref(ptr), db, enc(text))
            if rc < 0:
                raise error_for(rc, dec(lib.itav_errmsg(db)) or strerror(rc))
        return cls._wrap(ptr)

    def copy(self):
        """An independent copy (itav_intervention_dup())."""
        ptr = intervention_p()
        self._check(lib.itav_intervention_dup(ctypes.byref(ptr), self._ptr), "cannot copy")
        return type(self)._wrap(ptr)

    def __repr__(self):
        return "<Intervention %s %r>" % (self.id, self.name)


# ---- offers -------------------------------------------------------------------------------

class Offer(CostsMixin, _Record):
    """An offer (itav_offer): an intervention as it runs in one place.

    ``Offer("buurtgezinnen-leiden", "buurtgezinnen", municipalities=["Leiden"])``.
    """

    _kind = "offer"
    _free = staticmethod(lib.itav_offer_free)
    _fields = OFFER_FIELDS
    _settable = ("name", "region", "provider", "contact", "start", "end", "period",
                 "municipalities", "reach", "targets", "sources", "plan", "programme",
                 "milestones")

    def _get_source(self, field):
        return lib.itav_offer_source(self._ptr, field)

    def _set_source(self, field, ref):
        return lib.itav_offer_set_source(self._ptr, field, ref)

    _figure_count = staticmethod(lib.itav_offer_figure_count)
    _figure_get = staticmethod(lib.itav_offer_figure)
    _figure_add = staticmethod(lib.itav_offer_add_figure)
    _figure_remove = staticmethod(lib.itav_offer_remove_figure)
    _cost_count = staticmethod(lib.itav_offer_cost_count)
    _cost_get = staticmethod(lib.itav_offer_cost)
    _cost_add = staticmethod(lib.itav_offer_add_cost)
    _cost_remove = staticmethod(lib.itav_offer_remove_cost)

    def __init__(self, id, intervention, **fields):
        if not isinstance(id, str):
            raise TypeError("offer id: expected str, got %s" % type(id).__name__)
        if isinstance(intervention, Intervention):
            intervention = intervention.id
        if not isinstance(intervention, str):
            raise TypeError("offer intervention: expected an id or Intervention, got %s"
                            % type(intervention).__name__)
        ptr = offer_p()
        rc = lib.itav_offer_new(ctypes.byref(ptr), enc(id), enc(intervention))
        if rc < 0:
            bad = id if not _ID.match(id) or len(id) > 64 else intervention
            raise error_for(rc, "invalid id %s for an offer of %s: %s"
                            % (_short(bad), _short(intervention), ID_RULE))
        self._adopt(ptr)
        self._apply(fields)

    def _text_count(self, which):
        return lib.itav_offer_text_count(self._ptr, int(which))

    def _text_get(self, which, i):
        return lib.itav_offer_text(self._ptr, int(which), i)

    def _text_add(self, which, text):
        return lib.itav_offer_add_text(self._ptr, int(which), text)

    def _text_remove(self, which, i):
        return lib.itav_offer_remove_text(self._ptr, int(which), i)

    @property
    def id(self):
        """The id (a slug); fixed at creation."""
        return dec(lib.itav_offer_id(self._ptr))

    @property
    def intervention(self):
        """The id of the intervention it implements; fixed at creation."""
        return dec(lib.itav_offer_intervention(self._ptr))

    name = _str_property(lib.itav_offer_name, lib.itav_offer_set_name, "name",
                         "The local name, or None.")
    region = _str_property(lib.itav_offer_region, lib.itav_offer_set_region, "region",
                           "The region, or None.")
    provider = _str_property(lib.itav_offer_provider, lib.itav_offer_set_provider, "provider",
                             "The local provider, or None.")
    contact = _str_property(lib.itav_offer_contact, lib.itav_offer_set_contact, "contact",
                            "The local contact point, or None.")
    municipalities = _text_property(TextList.MUNICIPALITIES, "Municipalities (a live list).")

    @property
    def programme(self):
        """The id of the programme's own offer this offer is part of, or None. Assign an id,
        an Offer or None; the store checks on saving that the programme offer exists."""
        return dec(lib.itav_offer_programme(self._ptr))

    @programme.setter
    def programme(self, value):
        if isinstance(value, Offer):
            value = value.id
        rc = lib.itav_offer_set_programme(self._ptr, enc(_opt_text(value, "programme")))
        if rc < 0:
            raise error_for(rc, 'offer "%s": cannot set the programme to %s: %s'
                            % (self.id, _short(value), ID_RULE))

    # status and milestones (0.4; Milestone is in _evidence.py)
    @property
    def milestones(self):
        """Its status and milestones, as a list of Milestone (copies); assign a list to
        replace them."""
        from ._evidence import milestones_of
        return milestones_of(self)

    @milestones.setter
    def milestones(self, milestones):
        from ._evidence import set_milestones
        set_milestones(self, milestones)

    plan = plan_property(lib.itav_offer_plan, lib.itav_offer_set_plan, "offer (the fields it "
                         "overrides; Store.effective_plan() gives the plan that holds)")
    access = access_property(lib.itav_offer_access, lib.itav_offer_set_access, "offer")
    access_has = access_has_method(lib.itav_offer_access)

    @property
    def period(self):
        """(start, end) as datetime.date or None. Assign dates, ISO texts or None."""
        return (to_date(lib.itav_offer_start(self._ptr)), to_date(lib.itav_offer_end(self._ptr)))

    @period.setter
    def period(self, value):
        start, end = (None, None) if value is None else value
        s, e = to_days(start), to_days(end)
        rc = lib.itav_offer_set_period(self._ptr, DATE_NONE if s is None else s,
                                       DATE_NONE if e is None else e)
        if rc < 0:
            raise error_for(rc, 'offer "%s": cannot set the period to %s .. %s: the end may not '
                                'be before the start' % (
                                    self.id, "open" if s is None else format_date(s),
                                    "open" if e is None else format_date(e)))

    @property
    def start(self):
        """First day of the period (datetime.date) or None."""
        return self.period[0]

    @start.setter
    def start(self, value):
        end = lib.itav_offer_end(self._ptr)
        self.period = (value, None if end == DATE_NONE else end)

    @property
    def end(self):
        """Last day of the period (datetime.date) or None."""
        return self.period[1]

    @end.setter
    def end(self, value):
        start = lib.itav_offer_start(self._ptr)
        self.period = (None if start == DATE_NONE else start, value)

    @property
    def targets(self):
        """The target figures, as a list of Figure (copies); assign a list to replace them."""
        return self._figures(FigureList.TARGETS)

    @targets.setter
    def targets(self, figures):
        self.set_figures(figures, FigureList.TARGETS)

    @property
    def capacity(self):
        """What the offer has to work with (a coordinator's hours a week), as a list of Figure
        (copies); capacity, not a target. Assign a list to replace them."""
        return self._figures(FigureList.CAPACITY)

    @capacity.setter
    def capacity(self, figures):
        self.set_figures(figures, FigureList.CAPACITY)

    def to_json(self):
        """The offer as a JSON object text."""
        out = ctypes.c_void_p()
        self._check(lib.itav_offer_to_json(ctypes.byref(out), self._ptr),
                    "cannot encode as JSON")
        return take_string(out.value)

    @classmethod
    def from_json(cls, text, store=None):
        """Reads an offer from a JSON object text; raises FormatError with the JSON path."""
        from ._store import _scratch_db
        ptr = offer_p()
        with _scratch_db(store) as db:
            rc = lib.itav_offer_from_json(ctypes.byref(ptr), db, enc(text))
            if rc < 0:
                raise error_for(rc, dec(lib.itav_errmsg(db)) or strerror(rc))
        return cls._wrap(ptr)

    def copy(self):
        """An independent copy (itav_offer_dup())."""
        ptr = offer_p()
        self._check(lib.itav_offer_dup(ctypes.byref(ptr), self._ptr), "cannot copy")
        return type(self)._wrap(ptr)

    def __repr__(self):
        return "<Offer %s of %s>" % (self.id, self.intervention)
