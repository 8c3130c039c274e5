"""Stores: opening by URI or on a Python backend, reading, writing, listing, JSON."""

import builtins
import contextlib
import ctypes
import os
import weakref
from typing import List, Optional, Union

from ._enums import (Channel, Kind, Lang, Scope, Setting, _lang, coerce_audience, coerce_enum,
                     elemset,
                     factorset)
from ._errors import (Error, Exists, InvalidArgument, NoMemory, NotFound, check_db, error_for,
                      strerror)
from ._lib import (ITAV_BACKEND_INDEXES, ITAV_BACKEND_VERSION, ITAV_ITEROVER,
                   ITAV_OK, ITAV_SCAN_ALL, backend_begin_fn, backend_commit_fn, backend_del_fn,
                   backend_errmsg_fn, backend_free_fn, backend_get_fn, backend_purge_fn,
                   backend_read_fn, backend_scan_range_fn, backend_put_place_fn,
                   backend_scan_box_fn,
                   backend_put_fn, backend_rollback_fn, backend_scan_fn, db_p, dec, enc,
                   intervention_iter_p, intervention_p, itav_backend, itav_intervention_filter,
                   lib, offer_iter_p, offer_p, take_string)
from ._indicator import Indicator, IndicatorStore
from ._matching import MatchingStore
from ._objects import Intervention, Offer
from ._participants import Participant, ParticipantStore
from ._portfolio import PortfolioStore
from ._recommend import RecommendStore
from ._report import ReportStore
from ._review import ReviewStore


def version() -> str:
    """The library's version text (itav_version()), e.g. "0.4.0"."""
    return dec(lib.itav_version())


def version_number() -> int:
    """The library's version as major * 10000 + minor * 100 + patch."""
    return lib.itav_version_number()


def catalog_json() -> str:
    """The built-in catalogue's JSON text (itav_catalog_json())."""
    return dec(lib.itav_catalog_json())


def _close_db(db, bridge):
    lib.itav_close(db)
    # bridge (a Python backend's callbacks) is kept alive by this finalizer until here


@contextlib.contextmanager
def _scratch_db(store):
    """The context of store, or a temporary memory: one, to receive error messages."""
    if store is not None:
        yield store._handle()
        return
    db = db_p()
    rc = lib.itav_open(ctypes.byref(db), b"memory:")
    try:
        if rc < 0:
            raise error_for(rc, "cannot open a memory: store: %s" % strerror(rc))
        yield db
    finally:
        lib.itav_close(db)


def _id_of(obj, cls):
    if isinstance(obj, cls):
        return obj.id
    if isinstance(obj, str):
        return obj
    raise TypeError("expected an id or %s, got %s" % (cls.__name__, type(obj).__name__))


class Store(ParticipantStore, MatchingStore, ReviewStore, IndicatorStore, PortfolioStore,
            RecommendStore, ReportStore):
    """A connection to a store (itav_db). Use ``itav.open(uri)``; close with close() or a
    ``with`` block. One thread at a time may use a store.

    Interventions and offers are here; participants come from ParticipantStore, matches,
    plans and matching from MatchingStore, reviews from ReviewStore, indicators from
    IndicatorStore, portfolios from PortfolioStore, recommendations from RecommendStore and
    reports from ReportStore."""

    def __init__(self, uri: str = "memory:", lang: Union[str, Lang] = "en") -> None:
        """Opens the store at uri; lang is the language of its messages (see lang),
        what the open itself says included (itav_open_lang())."""
        if not isinstance(uri, str):
            raise TypeError("store URI: expected str, got %s" % type(uri).__name__)
        language = _lang(lang)
        db = db_p()
        rc = lib.itav_open_lang(ctypes.byref(db), enc(uri), int(language))
        if rc < 0:
            msg = dec(lib.itav_errmsg(db)) if db else ""
            lib.itav_close(db)
            raise error_for(rc, msg or "cannot open %r: %s" % (uri, strerror(rc)))
        self.uri = uri
        self._setup(db, None)

    def _setup(self, db, bridge):
        self._db = db
        self._bridge = bridge
        self._finalizer = weakref.finalize(self, _close_db, db, bridge)

    @classmethod
    def _on_backend(cls, backend, lang: Union[str, Lang] = "en"):
        language = _lang(lang)
        bridge = _BackendBridge(backend)
        db = db_p()
        rc = lib.itav_open_backend_lang(ctypes.byref(db), ctypes.byref(bridge.struct),
                                        int(language))
        if rc < 0:
            msg = dec(lib.itav_errmsg(db)) if db else ""
            lib.itav_close(db)  # a failed open leaves the backend with the caller
            raise error_for(rc, msg or "cannot open the backend: %s" % strerror(rc))
        store = cls.__new__(cls)
        store.uri = None
        store._setup(db, bridge)
        return store

    # ---- life ----
    def close(self) -> None:
        """Closes the store (twice is harmless)."""
        self._finalizer()

    @property
    def closed(self):
        return not self._finalizer.alive

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if not self._finalizer.alive:
            raise error_for(-11, "the store is closed")  # StateError
        return self._db

    def _check(self, rc, what=None):
        return check_db(rc, self._db, what)

    def _drain(self, it, next_fn, free_fn, ptr_type, wrap):
        """Every item of a C iterator, wrapped; the iterator is freed."""
        out = []
        try:
            while True:
                ptr = ptr_type()
                rc = next_fn(ctypes.byref(ptr), it)
                if rc == ITAV_ITEROVER:
                    break
                self._check(rc)
                out.append(wrap(ptr))
        finally:
            free_fn(it)
        return out

    @property
    def errmsg(self):
        """The last error of this store in words (itav_errmsg())."""
        return dec(lib.itav_errmsg(self._handle()))

    @property
    def lang(self) -> Lang:
        """The language of this store's messages (itav_get_lang(), itav_set_lang()): the
        errors' words and the problems of an import (FormatError.problems). Set "en" (the
        default) or "nl" (or a Lang); codes, columns and ids stay the same."""
        return Lang(lib.itav_get_lang(self._handle()))

    @lang.setter
    def lang(self, lang: Union[str, Lang]) -> None:
        self._check(lib.itav_set_lang(self._handle(), int(_lang(lang))))

    @property
    def errcode(self):
        """The code of the last error of this store (itav_errcode())."""
        return lib.itav_errcode(self._handle())

    def __repr__(self):
        state = "closed" if self.closed else "open"
        where = self.uri if self.uri is not None else "backend %r" % (self._bridge.backend,)
        return "<itav.Store %s %s>" % (where, state)

    # ---- interventions ----
    def get_intervention(self, id: str) -> Intervention:
        """The intervention with this id (a detached copy); raises NotFound."""
        ptr = intervention_p()
        self._check(lib.itav_intervention_get(ctypes.byref(ptr), self._handle(),
                                              enc(_id_of(id, Intervention))))
        return Intervention._wrap(ptr)

    def create_intervention(self, iv: Intervention) -> Intervention:
        """Adds a new intervention; raises Exists, InvalidArgument (no name), ..."""
        self._need(iv, Intervention)
        self._check(lib.itav_intervention_create(self._handle(), iv._ptr))
        return iv

    def update_intervention(self, iv: Intervention) -> Intervention:
        """Replaces a stored intervention; raises NotFound if it is not there."""
        self._need(iv, Intervention)
        self._check(lib.itav_intervention_update(self._handle(), iv._ptr))
        return iv

    def delete_intervention(self, id: str) -> None:
        """Deletes an intervention (id or object); raises NotFound, InUse (offers refer to
        it)."""
        self._check(lib.itav_intervention_delete(self._handle(), enc(_id_of(id, Intervention))))

    def interventions(self, all_of=None, any_of=None, kind=None, setting=None, scope=None,
                      channel=None, audience=None, age_months=None, municipality=None,
                      text=None, factors=None):
        """The interventions that pass every criterion given, ordered by name then id.

        all_of / any_of: elements (Element, number, code or wording, or an iterable of them)
        the profile in use has present (all of them / at least one). kind, setting, scope,
        channel: a member or code ("both" satisfies either channel). audience: flags or codes
        (at least one in common). age_months: inside the stated age range. municipality:
        named by the intervention or one of its offers (ignoring case). text: in the name or
        summary (ignoring ASCII case). factors: working factors (Factor, number or code, or an
        iterable of them) its practice shows, all of them.
        """
        f = self.make_filter(all_of=all_of, any_of=any_of, kind=kind, setting=setting,
                             scope=scope, channel=channel, audience=audience,
                             age_months=age_months, municipality=municipality, text=text,
                             factors=factors)
        return self.list_interventions(f)

    @staticmethod
    def make_filter(all_of=None, any_of=None, kind=None, setting=None, scope=None, channel=None,
                    audience=None, age_months=None, municipality=None, text=None,
                    factors=None):
        """The itav_intervention_filter for these criteria (see interventions())."""
        f = itav_intervention_filter()
        if all_of is not None:
            f.all_of = elemset(all_of)
        if any_of is not None:
            f.any_of = elemset(any_of)
        f.kind = coerce_enum(Kind, kind, "kind")
        f.setting = coerce_enum(Setting, setting, "setting")
        f.scope = coerce_enum(Scope, scope, "scope")
        f.channel = coerce_enum(Channel, channel, "channel")
        bits = coerce_audience(audience)
        if bits < 0 or bits > 0xFFFFFFFF:
            raise InvalidArgument("filter: audience %r is out of range" % (audience,))
        f.audience = bits
        if age_months is not None:
            if isinstance(age_months, bool) or not isinstance(age_months, int):
                raise TypeError("age_months: expected int or None")
            if not -2 ** 31 < age_months < 2 ** 31:
                raise InvalidArgument("filter: age_months %r is out of range" % age_months)
            f.age_months = age_months
        if municipality is not None:
            f.municipality = enc(municipality)
        if text is not None:
            f.text = enc(text)
        if factors is not None:
            f.factors = factorset(factors)
        return f

    def list_interventions(self, filter=None):
        """The interventions passing a raw itav_intervention_filter (None for all)."""
        it = intervention_iter_p()
        fp = ctypes.byref(filter) if filter is not None else None
        self._check(lib.itav_intervention_list(ctypes.byref(it), self._handle(), fp))
        return self._drain(it, lib.itav_intervention_iter_next, lib.itav_intervention_iter_free,
                           intervention_p, Intervention._wrap)

    # ---- offers ----
    def get_offer(self, id: str) -> Offer:
        """The offer with this id (a detached copy); raises NotFound."""
        ptr = offer_p()
        self._check(lib.itav_offer_get(ctypes.byref(ptr), self._handle(),
                                       enc(_id_of(id, Offer))))
        return Offer._wrap(ptr)

    def create_offer(self, offer: Offer) -> Offer:
        """Adds a new offer; raises Exists, NotFound (its intervention is not stored)."""
        self._need(offer, Offer)
        self._check(lib.itav_offer_create(self._handle(), offer._ptr))
        return offer

    def update_offer(self, offer: Offer) -> Offer:
        """Replaces a stored offer; raises NotFound."""
        self._need(offer, Offer)
        self._check(lib.itav_offer_update(self._handle(), offer._ptr))
        return offer

    def delete_offer(self, id: str) -> None:
        """Deletes an offer (id or object); raises NotFound."""
        self._check(lib.itav_offer_delete(self._handle(), enc(_id_of(id, Offer))))

    def offers(self, intervention: Union[str, Intervention, None] = None,
               municipality: Optional[str] = None) -> List[Offer]:
        """Offers ordered by id, optionally only those of an intervention (id or object)
        and/or naming a municipality (ignoring case)."""
        if intervention is not None:
            intervention = _id_of(intervention, Intervention)
        it = offer_iter_p()
        self._check(lib.itav_offer_list(ctypes.byref(it), self._handle(), enc(intervention),
                                        enc(municipality)))
        return self._drain(it, lib.itav_offer_iter_next, lib.itav_offer_iter_free, offer_p,
                           Offer._wrap)

    # ---- any ----
    def _by_type(self, obj, action):
        for cls, name in ((Offer, "offer"), (Participant, "participant"),
                          (Indicator, "indicator"), (Intervention, "intervention")):
            if isinstance(obj, cls):
                return getattr(self, "%s_%s" % (action, name))
        return getattr(self, "%s_intervention" % action)

    def create(self, obj):
        """create_intervention(), create_offer(), create_participant() or
        create_indicator(), by type."""
        return self._by_type(obj, "create")(obj)

    def update(self, obj):
        """update_intervention(), update_offer(), update_participant() or
        update_indicator(), by type."""
        return self._by_type(obj, "update")(obj)

    def delete(self, obj):
        """delete_intervention(), delete_offer(), delete_participant() or
        delete_indicator(), by type (objects only)."""
        if isinstance(obj, (Offer, Intervention, Participant, Indicator)):
            return self._by_type(obj, "delete")(obj)
        raise TypeError("delete() needs an Intervention, Offer, Participant or Indicator; for "
                        "an id use delete_intervention(), delete_offer(), delete_participant() "
                        "or delete_indicator()")

    @staticmethod
    def _need(obj, cls):
        if not isinstance(obj, cls):
            raise TypeError("expected %s, got %s" % (cls.__name__, type(obj).__name__))

    # ---- JSON ----
    def import_json(self, source, name=None):
        """Imports a dataset (all or nothing) from a path or from JSON text.

        A path-like object is a file; a str is JSON text when it starts with "{" or "[" (after
        white space) or holds a line break, else a file path; bytes are JSON text. Raises
        FormatError naming file:line:column or the JSON path of every problem.
        """
        if isinstance(source, bytes):
            return self.import_json_text(source.decode("utf-8"), name)
        if isinstance(source, os.PathLike):
            return self.import_json_file(source)
        if not isinstance(source, str):
            raise TypeError("import_json: expected a path or JSON text, got %s"
                            % type(source).__name__)
        s = source.lstrip()
        if s.startswith(("{", "[")) or "\n" in source:
            return self.import_json_text(source, name)
        return self.import_json_file(source)

    def import_json_text(self, text: str, name: Optional[str] = None) -> None:
        """Imports a dataset from JSON text; name is what messages call it."""
        self._check(lib.itav_import_json_string(self._handle(), enc(text), enc(name)))

    def import_json_file(self, path):
        """Imports a dataset file."""
        self._check(lib.itav_import_json_file(self._handle(), enc(os.fsdecode(path))))

    def export_json(self, path: Optional[str] = None) -> str:
        """The whole store as itav/1 JSON text; with path, also written (atomically) there."""
        if path is not None:
            self._check(lib.itav_export_json_file(self._handle(), enc(os.fsdecode(path))))
            with builtins.open(path, "r", encoding="utf-8", newline="") as f:
                return f.read()
        out = ctypes.c_void_p()
        self._check(lib.itav_export_json_string(ctypes.byref(out), self._handle()))
        return take_string(out.value)

    def load_catalog(self) -> bool:
        """Loads the built-in catalogue. Returns True when it loaded it, False when the
        catalogue is already in the store (then it does nothing); raises FormatError if some,
        not all, of its ids are stored (nothing is loaded then)."""
        rc = lib.itav_catalog_load(self._handle())
        if rc == Exists.code:
            return False
        self._check(rc)
        return True


def open(uri: str = "memory:", lang: Union[str, Lang] = "en") -> "Store":
    """Opens a store: "memory:" or "sqlite:PATH". Returns a Store (a context manager). lang
    ("en" or "nl") is the language of its messages (Store.lang)."""
    return Store(uri, lang)


def open_backend(backend: "Backend", lang: Union[str, Lang] = "en") -> "Store":
    """Opens a store on a Python backend object (see Backend). lang ("en" or "nl") is the
    language of its messages, what the open itself says included
    (itav_open_backend_lang())."""
    return Store._on_backend(backend, lang)


# ---- Python backends ----------------------------------------------------------------------

class Backend:
    """The storage contract of include/itav/backend.h, for backends written in Python.

    Subclass it and implement the methods; pass an instance to itav.open_backend(). Methods
    return nothing on success and raise on failure (an itav.Error keeps its code, e.g.
    Busy; anything else is reported as a storage error, with the exception's words).
    """

    def begin(self):
        raise NotImplementedError

    def commit(self):
        raise NotImplementedError

    def rollback(self):
        raise NotImplementedError

    def put(self, kind, key, index, data):
        """Inserts or replaces (kind, key): index is a list of ITAV_BACKEND_INDEXES str/None,
        data bytes."""
        raise NotImplementedError

    def get(self, kind, key):
        """The bytes of (kind, key), or None if there is no such record."""
        raise NotImplementedError

    def delete(self, kind, key):
        """Deletes (kind, key); returns False if there was no such record."""
        raise NotImplementedError

    def scan(self, kind, slot, value):
        """(key, data) of every record of kind in ascending byte order of key; with slot 0..3
        only those whose index value in that slot equals value (slot -1: all)."""
        raise NotImplementedError

    def close(self):
        """Called once when the store is closed."""

    def purge(self):
        """Removes leftover copies of deleted and replaced data from the storage itself
        (called after a participant's erasure is committed, outside any transaction). The
        default does nothing: right for a backend that keeps no such copies."""

    #: Optional read transactions: set both to methods (no arguments) to have every get and
    #: scan between begin_read() and end_read() see one state of the storage while other
    #: connections commit (a report, an export, suggestions and an assignment read in one).
    #: None, the default, leaves them out: right for a backend only one store uses.
    begin_read = None
    end_read = None

    #: Optional typed scans (set to methods to have them pushed down; None, the default, has
    #: the core scan the whole kind instead):
    #: scan_range(kind, slot, low, high) gives (key, data) of the records whose index value v
    #: in that slot has low <= v <= high (None: open), by v and then key, compared as UTF-8
    #: bytes; put_place(kind, key, place) gives the record a place (lat, lon) or, with None,
    #: takes it away (inside a transaction; False if there is no such record; a put keeps the
    #: place, a delete removes it); scan_box(kind, (south, west, north, east)) gives (key,
    #: data) of the records whose place is in the box, edges included, in any order. Set
    #: put_place and scan_box both or neither.
    scan_range = None
    put_place = None
    scan_box = None


class MemoryBackend(Backend):
    """A Backend in Python dictionaries, with transactions: a reference implementation."""

    def __init__(self):
        self.records = {}      # (kind, key) -> (index list, bytes)
        self.places = {}       # (kind, key) -> (lat, lon)
        self._undo = None
        self.closed = False
        self.purges = 0        # calls of purge(), for tests

    def begin(self):
        if self._undo is not None:
            raise Error("a transaction is already open", -11)
        self._undo = (dict(self.records), dict(self.places))

    def commit(self):
        if self._undo is None:
            raise Error("no transaction is open", -11)
        self._undo = None

    def rollback(self):
        if self._undo is not None:
            self.records, self.places = self._undo
            self._undo = None

    def put(self, kind, key, index, data):
        if self._undo is None:
            raise Error("put outside a transaction", -11)
        self.records[(kind, key)] = (list(index), bytes(data))

    def get(self, kind, key):
        rec = self.records.get((kind, key))
        return None if rec is None else rec[1]

    def delete(self, kind, key):
        if self._undo is None:
            raise Error("delete outside a transaction", -11)
        self.places.pop((kind, key), None)
        return self.records.pop((kind, key), None) is not None

    def scan(self, kind, slot, value):
        keys = sorted((k.encode("utf-8"), k) for (kd, k) in self.records if kd == kind)
        for _, key in keys:
            index, data = self.records[(kind, key)]
            if slot == ITAV_SCAN_ALL or index[slot] == value:
                yield key, data

    def scan_range(self, kind, slot, low, high):
        low = None if low is None else low.encode("utf-8")
        high = None if high is None else high.encode("utf-8")
        chosen = []
        for (kd, key), (index, data) in self.records.items():
            v = None if kd != kind or index[slot] is None else index[slot].encode("utf-8")
            if v is not None and (low is None or v >= low) and (high is None or v <= high):
                chosen.append((v, key.encode("utf-8"), key, data))
        for _, _, key, data in sorted(chosen):
            yield key, data

    def put_place(self, kind, key, place):
        if self._undo is None:
            raise Error("put_place outside a transaction", -11)
        if (kind, key) not in self.records:
            return False
        if place is None:
            self.places.pop((kind, key), None)
        else:
            self.places[(kind, key)] = tuple(place)
        return True

    def scan_box(self, kind, box):
        south, west, north, east = box
        for (kd, key), (lat, lon) in list(self.places.items()):
            if kd == kind and south <= lat <= north and west <= lon <= east:
                yield key, self.records[(kd, key)][1]

    def purge(self):
        if self._undo is not None:
            raise Error("purge inside a transaction", -11)
        self.purges += 1

    def close(self):
        self.closed = True


class _BackendBridge:
    """The C struct itav_backend whose functions call a Python Backend."""

    def __init__(self, backend):
        self.backend = backend
        self.error = None
        self._errbuf = None
        s = self.struct = itav_backend()
        s.version = ITAV_BACKEND_VERSION
        self._keep = []
        # the CFUNCTYPE objects must live as long as the struct: they are kept in it
        setattr(s, "begin", backend_begin_fn(lambda be: self._call(backend.begin)))
        setattr(s, "commit", backend_commit_fn(lambda be: self._call(backend.commit)))
        setattr(s, "rollback", backend_rollback_fn(lambda be: self._call(backend.rollback)))
        setattr(s, "put", backend_put_fn(self._put))
        setattr(s, "get", backend_get_fn(self._get))
        setattr(s, "del", backend_del_fn(self._del))
        setattr(s, "scan", backend_scan_fn(self._scan))
        setattr(s, "errmsg", backend_errmsg_fn(self._errmsg))
        setattr(s, "free", backend_free_fn(self._free))
        setattr(s, "purge", backend_purge_fn(lambda be: self._call(backend.purge)))
        if backend.begin_read is not None and backend.end_read is not None:
            setattr(s, "begin_read",
                    backend_read_fn(lambda be: self._call(backend.begin_read)))
            setattr(s, "end_read", backend_read_fn(lambda be: self._call(backend.end_read)))
        if backend.scan_range is not None:
            setattr(s, "scan_range", backend_scan_range_fn(self._scan_range))
        if backend.put_place is not None and backend.scan_box is not None:
            setattr(s, "put_place", backend_put_place_fn(self._put_place))
            setattr(s, "scan_box", backend_scan_box_fn(self._scan_box))
        self._keep = [getattr(s, name) for name, _ in itav_backend._fields_[1:]]

    def _fail(self, e):
        if isinstance(e, Error):
            self.error = e.message
            return e.code
        if isinstance(e, MemoryError):
            self.error = "out of memory"
            return NoMemory.code
        self.error = "%s: %s" % (type(e).__name__, e)
        return -7  # ITAV_EIO

    def _call(self, fn, *args):
        try:
            fn(*args)
            return ITAV_OK
        except BaseException as e:  # never let an exception cross into C
            return self._fail(e)

    def _put(self, be, kind, key, index, data, size):
        try:
            idx = [dec(index[i]) for i in range(ITAV_BACKEND_INDEXES)]
            self.backend.put(dec(kind), dec(key), idx, ctypes.string_at(data, size))
            return ITAV_OK
        except BaseException as e:
            return self._fail(e)

    @staticmethod
    def _emit(fn, arg, key, data):
        k = ctypes.create_string_buffer(enc(key))
        d = ctypes.create_string_buffer(bytes(data), len(data)) if data else None
        return fn(arg, ctypes.addressof(k), ctypes.addressof(d) if d is not None else None,
                  len(data))

    def _get(self, be, kind, key, found, arg):
        try:
            data = self.backend.get(dec(kind), dec(key))
            if data is None:
                return NotFound.code
            return self._emit(found, arg, dec(key), data)
        except BaseException as e:
            return self._fail(e)

    def _del(self, be, kind, key):
        try:
            return ITAV_OK if self.backend.delete(dec(kind), dec(key)) else NotFound.code
        except BaseException as e:
            return self._fail(e)

    def _scan(self, be, kind, slot, value, each, arg):
        try:
            for key, data in self.backend.scan(dec(kind), slot, dec(value)):
                rc = self._emit(each, arg, key, data)
                if rc != 0:
                    return rc
            return ITAV_OK
        except BaseException as e:
            return self._fail(e)

    def _each(self, records, each, arg):
        for key, data in records:
            rc = self._emit(each, arg, key, data)
            if rc != 0:
                return rc
        return ITAV_OK

    def _scan_range(self, be, kind, slot, low, high, each, arg):
        try:
            return self._each(self.backend.scan_range(dec(kind), slot, dec(low), dec(high)),
                              each, arg)
        except BaseException as e:
            return self._fail(e)

    def _put_place(self, be, kind, key, place):
        try:
            where = (place.contents.lat, place.contents.lon) if place else None
            found = self.backend.put_place(dec(kind), dec(key), where)
            return NotFound.code if found is False else ITAV_OK
        except BaseException as e:
            return self._fail(e)

    def _scan_box(self, be, kind, box, each, arg):
        try:
            b = box.contents
            return self._each(self.backend.scan_box(dec(kind), (b.south, b.west, b.north,
                                                                 b.east)), each, arg)
        except BaseException as e:
            return self._fail(e)

    def _errmsg(self, be):
        if not self.error:
            return None
        self._errbuf = ctypes.create_string_buffer(enc(self.error))
        return ctypes.addressof(self._errbuf)

    def _free(self, be):
        try:
            self.backend.close()
        except BaseException:
            pass
