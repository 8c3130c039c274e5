"""Low-level ctypes layer: finding libitav, its types and the prototype of every function.

Everything here mirrors the C headers (include/itav.h, include/itav/*.h) one to one.
``PROTOTYPES`` is the table of every exported function (lib/libitav.map) with its restype and
argtypes; ``lib`` is the loaded library with those prototypes applied. The Pythonic API in the
other modules is built on these; use this module directly only for what it does not cover.
"""

import ctypes
import ctypes.util
import glob
import os

from ctypes import (CFUNCTYPE, POINTER, Structure, c_char_p, c_double, c_int, c_int32,
                    c_size_t, c_uint, c_uint32, c_void_p)

# ---- constants of the headers -------------------------------------------------------------

ITAV_OK = 0
ITAV_ITEROVER = 1
ITAV_DATE_NONE = -(2 ** 31)          # INT32_MIN
ITAV_AGE_NONE = -(2 ** 31)           # INT32_MIN
ITAV_DATE_BUFSIZE = 11
ITAV_ELEMENT_COUNT = 8
ITAV_ELEMSET_ALL = 0xFF
ITAV_AUDIENCE_ALL = 63
ITAV_INTERVENTION_FILTER_VERSION = 1
ITAV_BACKEND_VERSION = 1
ITAV_BACKEND_INDEXES = 4
ITAV_SCAN_ALL = -1

# ---- opaque handles -----------------------------------------------------------------------


class itav_db(Structure):
    """struct itav_db (opaque)."""


class itav_figure(Structure):
    """struct itav_figure (opaque)."""


class itav_role(Structure):
    """struct itav_role (opaque)."""


class itav_intervention(Structure):
    """struct itav_intervention (opaque)."""


class itav_intervention_iter(Structure):
    """struct itav_intervention_iter (opaque)."""


class itav_offer(Structure):
    """struct itav_offer (opaque)."""


class itav_offer_iter(Structure):
    """struct itav_offer_iter (opaque)."""


db_p = POINTER(itav_db)
figure_p = POINTER(itav_figure)
role_p = POINTER(itav_role)
intervention_p = POINTER(itav_intervention)
intervention_iter_p = POINTER(itav_intervention_iter)
offer_p = POINTER(itav_offer)
offer_iter_p = POINTER(itav_offer_iter)

# Scalar typedefs, named as in the headers.
itav_elemset = c_uint32
itav_enum = c_int          # every C enum (itav_element, itav_kind, ...) is an int


class itav_intervention_filter(Structure):
    """struct itav_intervention_filter, version 1 (include/itav/intervention.h).

    ``itav_intervention_filter()`` is initialised like ITAV_INTERVENTION_FILTER_INIT:
    version 1, nothing selected, age_months ITAV_AGE_NONE.
    """

    _fields_ = [
        ("version", c_uint),
        ("all_of", itav_elemset),
        ("any_of", itav_elemset),
        ("kind", c_int),
        ("setting", c_int),
        ("scope", c_int),
        ("channel", c_int),
        ("audience", c_uint),
        ("age_months", c_int32),
        ("municipality", c_char_p),
        ("text", c_char_p),
    ]

    def __init__(self, **fields):
        init = {"version": ITAV_INTERVENTION_FILTER_VERSION, "age_months": ITAV_AGE_NONE}
        init.update(fields)
        super().__init__(**init)


# ---- the backend struct (include/itav/backend.h) ------------------------------------------


class itav_backend(Structure):
    """struct itav_backend, version 1. Fields are set after the function types below."""


backend_p = POINTER(itav_backend)

# typedef int (*itav_record_fn)(void *arg, const char *key, const void *data, size_t size);
# key is declared c_void_p (not c_char_p) so that the C pointer can be passed back unchanged.
itav_record_fn = CFUNCTYPE(c_int, c_void_p, c_void_p, c_void_p, c_size_t)
backend_begin_fn = CFUNCTYPE(c_int, backend_p)
backend_commit_fn = CFUNCTYPE(c_int, backend_p)
backend_rollback_fn = CFUNCTYPE(c_int, backend_p)
backend_put_fn = CFUNCTYPE(c_int, backend_p, c_char_p, c_char_p, POINTER(c_char_p), c_void_p,
                           c_size_t)
backend_get_fn = CFUNCTYPE(c_int, backend_p, c_char_p, c_char_p, itav_record_fn, c_void_p)
backend_del_fn = CFUNCTYPE(c_int, backend_p, c_char_p, c_char_p)
backend_scan_fn = CFUNCTYPE(c_int, backend_p, c_char_p, c_int, c_char_p, itav_record_fn,
                            c_void_p)
# The returned string must outlive the call: c_void_p lets the binding return the address of
# a buffer it keeps.
backend_errmsg_fn = CFUNCTYPE(c_void_p, backend_p)
backend_free_fn = CFUNCTYPE(None, backend_p)

itav_backend._fields_ = [
    ("version", c_uint),
    ("begin", backend_begin_fn),
    ("commit", backend_commit_fn),
    ("rollback", backend_rollback_fn),
    ("put", backend_put_fn),
    ("get", backend_get_fn),
    ("del", backend_del_fn),
    ("scan", backend_scan_fn),
    ("errmsg", backend_errmsg_fn),
    ("free", backend_free_fn),
]

# ---- prototypes of every exported function ------------------------------------------------
# name: (restype, [argtypes]). Owned char * results (char **out) are declared as
# POINTER(c_void_p) so that the binding copies the text and frees it with itav_free();
# borrowed const char * results use c_char_p (ctypes copies them at once).

_P = POINTER
_str = c_char_p
_int = c_int
_sz = c_size_t

PROTOTYPES = {
    # common.h
    "itav_version": (_str, []),
    "itav_version_number": (_int, []),
    "itav_strerror": (_str, [_int]),
    "itav_free": (None, [c_void_p]),
    "itav_date_parse": (_int, [_P(c_int32), _str]),
    "itav_date_format": (_int, [ctypes.c_char_p, _sz, c_int32]),
    "itav_date_from_ymd": (_int, [_P(c_int32), _int, _int, _int]),
    "itav_date_to_ymd": (_int, [_P(c_int), _P(c_int), _P(c_int), c_int32]),
    # codes.h
    "itav_code_name": (_str, [itav_enum, _int]),
    "itav_code_parse": (_int, [_P(c_int), itav_enum, _str]),
    # element.h
    "itav_element_code": (_str, [itav_enum]),
    "itav_element_label": (_str, [itav_enum, itav_enum]),
    "itav_element_from_code": (_int, [_P(itav_enum), _str]),
    "itav_element_parse": (_int, [_P(itav_enum), _str]),
    "itav_elemset_add": (itav_elemset, [itav_elemset, itav_enum]),
    "itav_elemset_remove": (itav_elemset, [itav_elemset, itav_enum]),
    "itav_elemset_has": (_int, [itav_elemset, itav_enum]),
    "itav_elemset_count": (_int, [itav_elemset]),
    # figure.h
    "itav_figure_new": (_int, [_P(figure_p), _str, itav_enum, c_double, c_double, _str]),
    "itav_figure_free": (None, [figure_p]),
    "itav_figure_set_period": (_int, [figure_p, _str]),
    "itav_figure_set_where": (_int, [figure_p, _str]),
    "itav_figure_set_note": (_int, [figure_p, _str]),
    "itav_figure_set_source": (_int, [figure_p, _str]),
    "itav_figure_get_what": (_str, [figure_p]),
    "itav_figure_get_qualifier": (itav_enum, [figure_p]),
    "itav_figure_get_min": (c_double, [figure_p]),
    "itav_figure_get_max": (c_double, [figure_p]),
    "itav_figure_get_text": (_str, [figure_p]),
    "itav_figure_get_period": (_str, [figure_p]),
    "itav_figure_get_where": (_str, [figure_p]),
    "itav_figure_get_note": (_str, [figure_p]),
    "itav_figure_get_source": (_str, [figure_p]),
    # store.h
    "itav_open": (_int, [_P(db_p), _str]),
    "itav_open_backend": (_int, [_P(db_p), backend_p]),
    "itav_close": (None, [db_p]),
    "itav_errmsg": (_str, [db_p]),
    "itav_errcode": (_int, [db_p]),
    # intervention.h: roles
    "itav_role_new": (_int, [_P(role_p), itav_enum]),
    "itav_role_free": (None, [role_p]),
    "itav_role_set_description": (_int, [role_p, _str]),
    "itav_role_set_vog": (_int, [role_p, _int]),
    "itav_role_set_training": (_int, [role_p, _str]),
    "itav_role_get_kind": (itav_enum, [role_p]),
    "itav_role_get_description": (_str, [role_p]),
    "itav_role_get_vog": (_int, [role_p]),
    "itav_role_get_training": (_str, [role_p]),
    # intervention.h: the object
    "itav_intervention_new": (_int, [_P(intervention_p), _str]),
    "itav_intervention_dup": (_int, [_P(intervention_p), intervention_p]),
    "itav_intervention_free": (None, [intervention_p]),
    "itav_intervention_id": (_str, [intervention_p]),
    "itav_intervention_name": (_str, [intervention_p]),
    "itav_intervention_summary": (_str, [intervention_p]),
    "itav_intervention_kind": (itav_enum, [intervention_p]),
    "itav_intervention_setting": (itav_enum, [intervention_p]),
    "itav_intervention_scope": (itav_enum, [intervention_p]),
    "itav_intervention_channel": (itav_enum, [intervention_p]),
    "itav_intervention_evidence": (itav_enum, [intervention_p]),
    "itav_intervention_since": (_int, [intervention_p]),
    "itav_intervention_audience": (c_uint, [intervention_p]),
    "itav_intervention_conditions": (_str, [intervention_p]),
    "itav_intervention_age_range": (_int, [_P(c_int32), _P(c_int32), intervention_p]),
    "itav_intervention_set_name": (_int, [intervention_p, _str]),
    "itav_intervention_set_summary": (_int, [intervention_p, _str]),
    "itav_intervention_set_kind": (_int, [intervention_p, itav_enum]),
    "itav_intervention_set_setting": (_int, [intervention_p, itav_enum]),
    "itav_intervention_set_scope": (_int, [intervention_p, itav_enum]),
    "itav_intervention_set_channel": (_int, [intervention_p, itav_enum]),
    "itav_intervention_set_evidence": (_int, [intervention_p, itav_enum]),
    "itav_intervention_set_since": (_int, [intervention_p, _int]),
    "itav_intervention_set_audience": (_int, [intervention_p, c_uint]),
    "itav_intervention_set_conditions": (_int, [intervention_p, _str]),
    "itav_intervention_set_age_range": (_int, [intervention_p, c_int32, c_int32]),
    # intervention.h: lists, roles, figures, sources
    "itav_intervention_text_count": (_sz, [intervention_p, itav_enum]),
    "itav_intervention_text": (_str, [intervention_p, itav_enum, _sz]),
    "itav_intervention_add_text": (_int, [intervention_p, itav_enum, _str]),
    "itav_intervention_remove_text": (_int, [intervention_p, itav_enum, _sz]),
    "itav_intervention_role_count": (_sz, [intervention_p]),
    "itav_intervention_role": (role_p, [intervention_p, _sz]),
    "itav_intervention_add_role": (_int, [intervention_p, role_p]),
    "itav_intervention_remove_role": (_int, [intervention_p, _sz]),
    "itav_intervention_figure_count": (_sz, [intervention_p, itav_enum]),
    "itav_intervention_figure": (figure_p, [intervention_p, itav_enum, _sz]),
    "itav_intervention_add_figure": (_int, [intervention_p, itav_enum, figure_p]),
    "itav_intervention_remove_figure": (_int, [intervention_p, itav_enum, _sz]),
    "itav_intervention_source": (_str, [intervention_p, _str]),
    "itav_intervention_set_source": (_int, [intervention_p, _str, _str]),
    # intervention.h: element profile
    "itav_intervention_element": (itav_enum, [intervention_p, itav_enum, itav_enum]),
    "itav_intervention_element_evidence": (_str, [intervention_p, itav_enum, itav_enum]),
    "itav_intervention_element_source": (_str, [intervention_p, itav_enum, itav_enum]),
    "itav_intervention_set_element": (_int, [intervention_p, itav_enum, itav_enum, itav_enum,
                                             _str, _str]),
    "itav_intervention_elements": (itav_elemset, [intervention_p, itav_enum]),
    "itav_intervention_known_elements": (itav_elemset, [intervention_p, itav_enum]),
    "itav_intervention_profile_source": (itav_enum, [intervention_p]),
    "itav_intervention_disputed": (itav_elemset, [intervention_p]),
    # intervention.h: in a store
    "itav_intervention_get": (_int, [_P(intervention_p), db_p, _str]),
    "itav_intervention_create": (_int, [db_p, intervention_p]),
    "itav_intervention_update": (_int, [db_p, intervention_p]),
    "itav_intervention_delete": (_int, [db_p, _str]),
    "itav_intervention_list": (_int, [_P(intervention_iter_p), db_p,
                                      _P(itav_intervention_filter)]),
    "itav_intervention_iter_next": (_int, [_P(intervention_p), intervention_iter_p]),
    "itav_intervention_iter_free": (None, [intervention_iter_p]),
    # offer.h
    "itav_offer_new": (_int, [_P(offer_p), _str, _str]),
    "itav_offer_dup": (_int, [_P(offer_p), offer_p]),
    "itav_offer_free": (None, [offer_p]),
    "itav_offer_id": (_str, [offer_p]),
    "itav_offer_intervention": (_str, [offer_p]),
    "itav_offer_name": (_str, [offer_p]),
    "itav_offer_region": (_str, [offer_p]),
    "itav_offer_provider": (_str, [offer_p]),
    "itav_offer_contact": (_str, [offer_p]),
    "itav_offer_start": (c_int32, [offer_p]),
    "itav_offer_end": (c_int32, [offer_p]),
    "itav_offer_set_name": (_int, [offer_p, _str]),
    "itav_offer_set_region": (_int, [offer_p, _str]),
    "itav_offer_set_provider": (_int, [offer_p, _str]),
    "itav_offer_set_contact": (_int, [offer_p, _str]),
    "itav_offer_set_period": (_int, [offer_p, c_int32, c_int32]),
    "itav_offer_text_count": (_sz, [offer_p, itav_enum]),
    "itav_offer_text": (_str, [offer_p, itav_enum, _sz]),
    "itav_offer_add_text": (_int, [offer_p, itav_enum, _str]),
    "itav_offer_remove_text": (_int, [offer_p, itav_enum, _sz]),
    "itav_offer_figure_count": (_sz, [offer_p, itav_enum]),
    "itav_offer_figure": (figure_p, [offer_p, itav_enum, _sz]),
    "itav_offer_add_figure": (_int, [offer_p, itav_enum, figure_p]),
    "itav_offer_remove_figure": (_int, [offer_p, itav_enum, _sz]),
    "itav_offer_source": (_str, [offer_p, _str]),
    "itav_offer_set_source": (_int, [offer_p, _str, _str]),
    "itav_offer_get": (_int, [_P(offer_p), db_p, _str]),
    "itav_offer_create": (_int, [db_p, offer_p]),
    "itav_offer_update": (_int, [db_p, offer_p]),
    "itav_offer_delete": (_int, [db_p, _str]),
    "itav_offer_list": (_int, [_P(offer_iter_p), db_p, _str, _str]),
    "itav_offer_iter_next": (_int, [_P(offer_p), offer_iter_p]),
    "itav_offer_iter_free": (None, [offer_iter_p]),
    # interchange.h
    "itav_import_json_file": (_int, [db_p, _str]),
    "itav_import_json_string": (_int, [db_p, _str, _str]),
    "itav_export_json_file": (_int, [db_p, _str]),
    "itav_export_json_string": (_int, [_P(c_void_p), db_p]),
    "itav_intervention_to_json": (_int, [_P(c_void_p), intervention_p]),
    "itav_intervention_from_json": (_int, [_P(intervention_p), db_p, _str]),
    "itav_offer_to_json": (_int, [_P(c_void_p), offer_p]),
    "itav_offer_from_json": (_int, [_P(offer_p), db_p, _str]),
    "itav_catalog_load": (_int, [db_p]),
    "itav_catalog_json": (_str, []),
}

# ---- finding and loading the library ------------------------------------------------------

SONAME = "libitav.so.0"


def _build_tree_candidates(start):
    """build*/lib/libitav.so.0 in start and each directory above it, nearest first."""
    d = os.path.abspath(start)
    while True:
        found = sorted(glob.glob(os.path.join(glob.escape(d), "build*", "lib", SONAME)))
        # a directory called exactly "build" first, then the others in name order
        found.sort(key=lambda p: os.path.basename(os.path.dirname(os.path.dirname(p))) != "build")
        for path in found:
            yield path
        parent = os.path.dirname(d)
        if parent == d:
            return
        d = parent


def find_library():
    """Where libitav is, as (path or name, how it was found).

    Order: the ITAV_LIBRARY environment variable (a path), the build tree (the nearest
    build*/lib/libitav.so.0 above this package), then the system (ctypes.util.find_library,
    else the SONAME for the dynamic loader to resolve).
    """
    env = os.environ.get("ITAV_LIBRARY")
    if env:
        return env, "ITAV_LIBRARY"
    for path in _build_tree_candidates(os.path.dirname(os.path.abspath(__file__))):
        return path, "build tree"
    name = ctypes.util.find_library("itav")
    if name:
        return name, "system"
    return SONAME, "system"


def _load():
    where, how = find_library()
    try:
        dll = ctypes.CDLL(where)
    except OSError as e:
        hint = {
            "ITAV_LIBRARY": "the ITAV_LIBRARY environment variable names it; fix or unset it",
            "build tree": "found in the build tree; rebuild it (ninja -C build)",
            "system": "install libitav, build it (meson setup build && ninja -C build), or "
                      "set ITAV_LIBRARY to the path of libitav.so.0",
        }[how]
        raise ImportError("cannot load libitav from %r (%s): %s" % (where, hint, e)) from e
    for name, (restype, argtypes) in PROTOTYPES.items():
        try:
            fn = getattr(dll, name)
        except AttributeError as e:
            raise ImportError("libitav at %r lacks %s: too old for these bindings"
                              % (where, name)) from e
        fn.restype = restype
        fn.argtypes = argtypes
    return dll, where, how


lib, LIBRARY_PATH, LIBRARY_FOUND_BY = _load()


# ---- small helpers used by the other modules ----------------------------------------------

def enc(text):
    """A Python text as UTF-8 bytes for a const char * argument (None stays NULL)."""
    if text is None:
        return None
    if isinstance(text, bytes):
        if b"\0" in text:
            raise ValueError("text %r contains a NUL byte, which C strings cannot hold"
                             % (text,))
        return text
    if not isinstance(text, str):
        raise TypeError("expected str, got %s" % type(text).__name__)
    if "\0" in text:
        raise ValueError("text %r contains a NUL character, which C strings cannot hold"
                         % (text,))
    return text.encode("utf-8")


def dec(raw):
    """A const char * result as str (NULL is None)."""
    return None if raw is None else raw.decode("utf-8")


def take_string(ptr):
    """Copies an owned char * (a c_void_p) into a str and frees it with itav_free()."""
    if not ptr:
        return None
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        lib.itav_free(ptr)
