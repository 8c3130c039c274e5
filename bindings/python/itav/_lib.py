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

from ctypes import (CFUNCTYPE, POINTER, Structure, c_char_p, c_double, c_int, c_int32, c_int64,
                    c_long, c_size_t, c_uint, c_uint32, c_void_p)

# ---- constants of the headers -------------------------------------------------------------

ITAV_OK = 0
ITAV_ITEROVER = 1
ITAV_DATE_NONE = -(2 ** 31)          # INT32_MIN
ITAV_AGE_NONE = -(2 ** 31)           # INT32_MIN
ITAV_DATE_BUFSIZE = 11
ITAV_ELEMENT_COUNT = 8
ITAV_ELEMSET_ALL = 0xFF
ITAV_AUDIENCE_ALL = 63
ITAV_INTERVENTION_FILTER_VERSION = 2
ITAV_BACKEND_VERSION = 3
ITAV_BACKEND_INDEXES = 4
ITAV_SCAN_ALL = -1
# participant.h, plan.h, match.h, matching.h
ITAV_SUPPORT_ALL = 511
ITAV_SLOT_ALL = 0x1FFFFF
ITAV_SLOT_COUNT = 21                 # 7 days x 3 dayparts
ITAV_CHILDREN_MAX = 16
ITAV_LANGUAGES_MAX = 32
ITAV_INTERESTS_MAX = 64
ITAV_EXCLUSIONS_MAX = 1000
ITAV_PARTICIPANT_FILTER_VERSION = 1
ITAV_PLAN_UNSET = -1
ITAV_PLAN_FIELD_COUNT = 11
ITAV_MATCH_FILTER_VERSION = 1
ITAV_CRITERION_COUNT = 7
ITAV_CONSTRAINT_COUNT = 11
ITAV_MATCH_OPTIONS_VERSION = 1
ITAV_ASSIGN_DRY_RUN = 0
ITAV_ASSIGN_WRITE = 1
# review.h, indicator.h, intervention.h, portfolio.h, recommend.h, report.h
ITAV_EFFECT_COUNT = 12
ITAV_EFFECT_LAST_CHILD = 6
ITAV_EFFECT_UNKNOWN = -128
ITAV_THEME_ALL = 8191
ITAV_PORTFOLIO_FILTER_VERSION = 1
ITAV_QUESTION_VERSION = 1
ITAV_REPORT_OPTIONS_VERSION = 3
ITAV_REPORT_MIN_K = 3
ITAV_REPORT_SUPPRESS = 0
ITAV_REPORT_PERTURB = 1
ITAV_REPORT_PERTURB_MAX_NOISE = 3

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


class itav_participant(Structure):
    """struct itav_participant (opaque)."""


class itav_participant_iter(Structure):
    """struct itav_participant_iter (opaque)."""


class itav_plan(Structure):
    """struct itav_plan (opaque)."""


class itav_match(Structure):
    """struct itav_match (opaque)."""


class itav_match_iter(Structure):
    """struct itav_match_iter (opaque)."""


class itav_due(Structure):
    """struct itav_due (opaque)."""


class itav_due_iter(Structure):
    """struct itav_due_iter (opaque)."""


class itav_erasure(Structure):
    """struct itav_erasure (opaque)."""


class itav_suggestion(Structure):
    """struct itav_suggestion (opaque)."""


class itav_suggestion_iter(Structure):
    """struct itav_suggestion_iter (opaque)."""


class itav_assignment(Structure):
    """struct itav_assignment (opaque)."""


class itav_review(Structure):
    """struct itav_review (opaque)."""


class itav_review_iter(Structure):
    """struct itav_review_iter (opaque)."""


class itav_indicator(Structure):
    """struct itav_indicator (opaque)."""


class itav_indicator_iter(Structure):
    """struct itav_indicator_iter (opaque)."""


class itav_portfolio(Structure):
    """struct itav_portfolio (opaque)."""


class itav_recommendation(Structure):
    """struct itav_recommendation (opaque)."""


class itav_recommendation_iter(Structure):
    """struct itav_recommendation_iter (opaque)."""


class itav_report(Structure):
    """struct itav_report (opaque)."""


class itav_cost(Structure):
    """struct itav_cost (opaque)."""


class itav_release(Structure):
    """struct itav_release (opaque)."""


class itav_release_iter(Structure):
    """struct itav_release_iter (opaque)."""


class itav_outcome(Structure):
    """struct itav_outcome (opaque)."""


class itav_milestone(Structure):
    """struct itav_milestone (opaque)."""


db_p = POINTER(itav_db)
figure_p = POINTER(itav_figure)
cost_p = POINTER(itav_cost)
role_p = POINTER(itav_role)
intervention_p = POINTER(itav_intervention)
intervention_iter_p = POINTER(itav_intervention_iter)
offer_p = POINTER(itav_offer)
offer_iter_p = POINTER(itav_offer_iter)
participant_p = POINTER(itav_participant)
participant_iter_p = POINTER(itav_participant_iter)
plan_p = POINTER(itav_plan)
match_p = POINTER(itav_match)
match_iter_p = POINTER(itav_match_iter)
due_p = POINTER(itav_due)
due_iter_p = POINTER(itav_due_iter)
erasure_p = POINTER(itav_erasure)
suggestion_p = POINTER(itav_suggestion)
suggestion_iter_p = POINTER(itav_suggestion_iter)
assignment_p = POINTER(itav_assignment)
review_p = POINTER(itav_review)
review_iter_p = POINTER(itav_review_iter)
indicator_p = POINTER(itav_indicator)
indicator_iter_p = POINTER(itav_indicator_iter)
portfolio_p = POINTER(itav_portfolio)
recommendation_p = POINTER(itav_recommendation)
recommendation_iter_p = POINTER(itav_recommendation_iter)
report_p = POINTER(itav_report)
release_p = POINTER(itav_release)
release_iter_p = POINTER(itav_release_iter)
outcome_p = POINTER(itav_outcome)
milestone_p = POINTER(itav_milestone)


class itav_access(Structure):
    """struct itav_access (opaque)."""


access_p = POINTER(itav_access)

# Scalar typedefs, named as in the headers.
itav_elemset = c_uint32
itav_enum = c_int          # every C enum (itav_element, itav_kind, ...) is an int


class itav_intervention_filter(Structure):
    """struct itav_intervention_filter, version 2 (include/itav/intervention.h).

    ``itav_intervention_filter()`` is initialised like ITAV_INTERVENTION_FILTER_INIT:
    version 2, nothing selected, age_months ITAV_AGE_NONE.
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
        ("factors", c_uint32),  # version 2 (0.4)
    ]

    def __init__(self, **fields):
        init = {"version": ITAV_INTERVENTION_FILTER_VERSION, "age_months": ITAV_AGE_NONE}
        init.update(fields)
        super().__init__(**init)


class itav_participant_filter(Structure):
    """struct itav_participant_filter, version 1 (include/itav/participant.h).

    ``itav_participant_filter()`` is initialised like ITAV_PARTICIPANT_FILTER_INIT.
    """

    _fields_ = [
        ("version", c_int),
        ("offer", c_char_p),
        ("side", c_int),
        ("status", c_int),
        ("municipality", c_char_p),
    ]

    def __init__(self, **fields):
        init = {"version": ITAV_PARTICIPANT_FILTER_VERSION}
        init.update(fields)
        super().__init__(**init)


class itav_match_filter(Structure):
    """struct itav_match_filter, version 1 (include/itav/match.h).

    ``itav_match_filter()`` is initialised like ITAV_MATCH_FILTER_INIT.
    """

    _fields_ = [
        ("version", c_int),
        ("offer", c_char_p),
        ("participant", c_char_p),
        ("state", c_int),
        ("open_only", c_int),
    ]

    def __init__(self, **fields):
        init = {"version": ITAV_MATCH_FILTER_VERSION}
        init.update(fields)
        super().__init__(**init)


class itav_match_options(Structure):
    """struct itav_match_options, version 1 (include/itav/matching.h).

    A new one is all zeros (not valid); fill it with itav_match_options_init().
    """

    _fields_ = [
        ("version", c_int),
        ("weights", c_double * (ITAV_CRITERION_COUNT + 1)),
        ("min_score", c_double),
        ("as_of", c_int32),
        ("waiting_full_days", c_int),
        ("distance_scale_m", c_double),
        ("max_distance_m", c_double),
    ]


class itav_portfolio_filter(Structure):
    """struct itav_portfolio_filter, version 1 (include/itav/portfolio.h).

    ``itav_portfolio_filter()`` is initialised like ITAV_PORTFOLIO_FILTER_INIT (every
    intervention, the profile in use). ids points at an array of id_count C strings that
    the caller keeps alive.
    """

    _fields_ = [
        ("version", c_uint),
        ("municipality", c_char_p),
        ("region", c_char_p),
        ("ids", POINTER(c_char_p)),
        ("id_count", c_size_t),
        ("source", c_int),
    ]

    def __init__(self, **fields):
        init = {"version": ITAV_PORTFOLIO_FILTER_VERSION}
        init.update(fields)
        super().__init__(**init)


class itav_question(Structure):
    """struct itav_question, version 1 (include/itav/recommend.h).

    ``itav_question()`` is initialised like ITAV_QUESTION_INIT: no asker (required),
    age_months ITAV_AGE_NONE, no municipality, needs or channel.
    """

    _fields_ = [
        ("version", c_uint),
        ("asker", c_int),
        ("age_months", c_int32),
        ("municipality", c_char_p),
        ("needs", c_uint),
        ("channel", c_int),
    ]

    def __init__(self, **fields):
        init = {"version": ITAV_QUESTION_VERSION, "age_months": ITAV_AGE_NONE}
        init.update(fields)
        super().__init__(**init)


class itav_report_options(Structure):
    """struct itav_report_options, version 3 (include/itav/report.h).

    ``itav_report_options()`` is initialised like ITAV_REPORT_OPTIONS_INIT: k 5, no period,
    judged on the latest date, not for publication, the default protection, suppression
    (method ITAV_REPORT_SUPPRESS; ITAV_REPORT_PERTURB for the cell key method). The fields "from" and "to" are Python keywords only in
    source code: set them with ``setattr(opt, "from", days)`` or as ``**{"from": days}``.
    """

    _fields_ = [
        ("version", c_uint),
        ("k", c_int),
        ("as_of", c_int32),
        ("from", c_int32),
        ("to", c_int32),
        ("publish", c_int),
        ("low_k", c_int),
        ("protection", c_int),
        ("method", c_int),
    ]

    def __init__(self, **fields):
        init = {"version": ITAV_REPORT_OPTIONS_VERSION, "k": 5, "as_of": ITAV_DATE_NONE,
                "from": ITAV_DATE_NONE, "to": ITAV_DATE_NONE, "publish": 0, "low_k": 0,
                "protection": 0, "method": ITAV_REPORT_SUPPRESS}
        init.update(fields)
        super().__init__(**init)


# ---- the backend struct (include/itav/backend.h) ------------------------------------------


class itav_backend(Structure):
    """struct itav_backend, version 2. Fields are set after the function types below."""


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
backend_purge_fn = CFUNCTYPE(c_int, backend_p)  # optional (version 2)
backend_read_fn = CFUNCTYPE(c_int, backend_p)  # begin_read, end_read: optional (version 3)


class itav_place(Structure):
    _fields_ = [("lat", c_double), ("lon", c_double)]


class itav_box(Structure):
    _fields_ = [("south", c_double), ("west", c_double), ("north", c_double),
                ("east", c_double)]


# typed scans and places: optional (version 3)
backend_scan_range_fn = CFUNCTYPE(c_int, backend_p, c_char_p, c_int, c_char_p, c_char_p,
                                  itav_record_fn, c_void_p)
backend_put_place_fn = CFUNCTYPE(c_int, backend_p, c_char_p, c_char_p, POINTER(itav_place))
backend_scan_box_fn = CFUNCTYPE(c_int, backend_p, c_char_p, POINTER(itav_box), itav_record_fn,
                                c_void_p)

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
    ("purge", backend_purge_fn),
    ("begin_read", backend_read_fn),
    ("end_read", backend_read_fn),
    ("scan_range", backend_scan_range_fn),
    ("put_place", backend_put_place_fn),
    ("scan_box", backend_scan_box_fn),
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
    # factor.h (0.4)
    "itav_factor_code": (_str, [itav_enum]),
    "itav_factor_label": (_str, [itav_enum, itav_enum]),
    "itav_factor_from_code": (_int, [_P(itav_enum), _str]),
    "itav_factor_source": (_str, [itav_enum]),
    "itav_factor_credited_to_all": (_int, [itav_enum]),
    "itav_factorset_has": (_int, [c_uint32, itav_enum]),
    "itav_intervention_set_factor": (_int, [intervention_p, itav_enum, _str]),
    "itav_intervention_clear_factor": (_int, [intervention_p, itav_enum]),
    "itav_intervention_factors": (c_uint32, [intervention_p]),
    "itav_intervention_factor_source": (_str, [intervention_p, itav_enum]),
    "itav_portfolio_factor_count": (_sz, [portfolio_p, itav_enum]),
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
    "itav_participant_to_json": (_int, [_P(c_void_p), participant_p]),
    "itav_participant_from_json": (_int, [_P(participant_p), db_p, _str]),
    "itav_match_to_json": (_int, [_P(c_void_p), match_p]),
    "itav_import_participants_csv_file": (_int, [db_p, _str, _str]),
    "itav_import_participants_csv_string": (_int, [db_p, _str, _str, _str]),
    "itav_import_participants_csv_file_v2": (_int, [db_p, _str, _str, c_uint]),
    "itav_import_participants_csv_string_v2": (_int, [db_p, _str, _str, _str, c_uint]),
    # problem.h
    "itav_problem_count": (_sz, [db_p]),
    "itav_problem_severity": (itav_enum, [db_p, _sz]),
    "itav_problem_row": (c_int64, [db_p, _sz]),
    "itav_problem_column": (_str, [db_p, _sz]),
    "itav_problem_code": (_str, [db_p, _sz]),
    "itav_problem_message": (_str, [db_p, _sz]),
    "itav_problems_text": (_int, [_P(c_void_p), db_p]),
    "itav_import_counts": (_int, [_P(_sz), _P(_sz), _P(_sz), db_p]),
    # participant.h: the object
    "itav_participant_new": (_int, [_P(participant_p), _str, _str, itav_enum]),
    "itav_participant_dup": (_int, [_P(participant_p), participant_p]),
    "itav_participant_free": (None, [participant_p]),
    "itav_participant_ref": (_str, [participant_p]),
    "itav_participant_offer": (_str, [participant_p]),
    "itav_participant_get_kind": (itav_enum, [participant_p]),
    "itav_participant_side": (itav_enum, [participant_p]),
    "itav_participant_get_status": (itav_enum, [participant_p]),
    "itav_participant_status_date": (c_int32, [participant_p]),
    "itav_participant_municipality": (_str, [participant_p]),
    "itav_participant_postcode": (_str, [participant_p]),
    "itav_participant_location": (_int, [participant_p, _P(c_double), _P(c_double)]),
    "itav_participant_availability": (c_uint32, [participant_p]),
    "itav_participant_support": (c_uint, [participant_p]),
    "itav_participant_language_count": (_sz, [participant_p]),
    "itav_participant_language": (_str, [participant_p, _sz]),
    "itav_participant_language_required": (_int, [participant_p]),
    "itav_participant_interest_count": (_sz, [participant_p]),
    "itav_participant_interest": (_str, [participant_p, _sz]),
    "itav_participant_child_count": (_sz, [participant_p]),
    "itav_participant_child_age": (c_int32, [participant_p, _sz]),
    "itav_participant_age_range": (_int, [participant_p, _P(c_int32), _P(c_int32)]),
    "itav_participant_vog_date": (c_int32, [participant_p]),
    "itav_participant_trained": (_int, [participant_p]),
    "itav_participant_capacity": (_int, [participant_p]),
    "itav_participant_registered": (c_int32, [participant_p]),
    "itav_participant_max_distance": (c_double, [participant_p]),
    "itav_participant_exclusion_count": (_sz, [participant_p]),
    "itav_participant_exclusion": (_str, [participant_p, _sz]),
    "itav_participant_set_municipality": (_int, [participant_p, _str]),
    "itav_participant_set_postcode": (_int, [participant_p, _str]),
    "itav_participant_set_location": (_int, [participant_p, c_double, c_double]),
    "itav_participant_clear_location": (_int, [participant_p]),
    "itav_participant_set_availability": (_int, [participant_p, c_uint32]),
    "itav_participant_set_support": (_int, [participant_p, c_uint]),
    "itav_participant_add_language": (_int, [participant_p, _str]),
    "itav_participant_clear_languages": (_int, [participant_p]),
    "itav_participant_set_language_required": (_int, [participant_p, _int]),
    "itav_participant_add_interest": (_int, [participant_p, _str]),
    "itav_participant_clear_interests": (_int, [participant_p]),
    "itav_participant_add_child": (_int, [participant_p, c_int32]),
    "itav_participant_clear_children": (_int, [participant_p]),
    "itav_participant_set_age_range": (_int, [participant_p, c_int32, c_int32]),
    "itav_participant_set_vog_date": (_int, [participant_p, c_int32]),
    "itav_participant_set_trained": (_int, [participant_p, _int]),
    "itav_participant_set_capacity": (_int, [participant_p, _int]),
    "itav_participant_set_registered": (_int, [participant_p, c_int32]),
    "itav_participant_set_max_distance": (_int, [participant_p, c_double]),
    "itav_participant_add_exclusion": (_int, [participant_p, _str]),
    "itav_participant_clear_exclusions": (_int, [participant_p]),
    "itav_language_known": (_int, [_str]),
    "itav_language_canonical": (_str, [_str]),
    # participant.h: in a store
    "itav_participant_get": (_int, [_P(participant_p), db_p, _str]),
    "itav_participant_create": (_int, [db_p, participant_p]),
    "itav_participant_update": (_int, [db_p, participant_p]),
    "itav_participant_delete": (_int, [db_p, _str]),
    "itav_participant_set_status": (_int, [db_p, _str, itav_enum, c_int32]),
    "itav_participant_erase": (_int, [db_p, _str, _P(c_void_p)]),
    "itav_participant_erase_at": (_int, [db_p, _str, c_int32, _P(erasure_p)]),
    "itav_erasure_free": (None, [erasure_p]),
    "itav_erasure_ref": (_str, [erasure_p]),
    "itav_erasure_date": (c_int32, [erasure_p]),
    "itav_erasure_closed_count": (_sz, [erasure_p]),
    "itav_erasure_closed": (_str, [erasure_p, _sz, _P(_int)]),
    "itav_participant_list": (_int, [_P(participant_iter_p), db_p,
                                     _P(itav_participant_filter)]),
    "itav_participant_iter_next": (_int, [_P(participant_p), participant_iter_p]),
    "itav_participant_iter_free": (None, [participant_iter_p]),
    # plan.h
    "itav_plan_new": (_int, [_P(plan_p)]),
    "itav_plan_dup": (_int, [_P(plan_p), plan_p]),
    "itav_plan_free": (None, [plan_p]),
    "itav_plan_get": (c_long, [plan_p, itav_enum]),
    "itav_plan_set": (_int, [plan_p, itav_enum, c_long]),
    "itav_plan_source": (_str, [plan_p, itav_enum]),
    "itav_plan_set_source": (_int, [plan_p, itav_enum, _str]),
    "itav_intervention_plan": (plan_p, [intervention_p]),
    "itav_intervention_set_plan": (_int, [intervention_p, plan_p]),
    "itav_offer_plan": (plan_p, [offer_p]),
    "itav_offer_set_plan": (_int, [offer_p, plan_p]),
    "itav_plan_effective": (_int, [_P(plan_p), db_p, _str]),
    # match.h
    "itav_match_free": (None, [match_p]),
    "itav_match_id": (_str, [match_p]),
    "itav_match_offer": (_str, [match_p]),
    "itav_match_asking": (_str, [match_p]),
    "itav_match_supporting": (_str, [match_p]),
    "itav_match_get_state": (itav_enum, [match_p]),
    "itav_match_score": (c_double, [match_p]),
    "itav_match_previous": (_str, [match_p]),
    "itav_match_reason": (itav_enum, [match_p]),
    "itav_match_start": (c_int32, [match_p]),
    "itav_match_transition_count": (_sz, [match_p]),
    "itav_match_transition": (_int, [match_p, _sz, _P(itav_enum), _P(c_int32), _P(itav_enum),
                                     _P(c_char_p)]),
    "itav_match_get": (_int, [_P(match_p), db_p, _str]),
    "itav_match_propose": (_int, [_P(c_void_p), db_p, _str, _str, c_int32, itav_enum, _str,
                                  _P(itav_match_options)]),
    "itav_match_advance": (_int, [db_p, _str, itav_enum, c_int32, itav_enum, itav_enum, _str]),
    "itav_match_skip_evaluation": (_int, [db_p, _str, c_int32, itav_enum, _str]),
    "itav_match_move_legal": (_int, [itav_enum, itav_enum, _int]),
    "itav_match_list": (_int, [_P(match_iter_p), db_p, _P(itav_match_filter)]),
    "itav_match_iter_next": (_int, [_P(match_p), match_iter_p]),
    "itav_match_iter_free": (None, [match_iter_p]),
    "itav_match_due": (_int, [_P(due_iter_p), db_p, _str, c_int32, _int]),
    "itav_due_iter_next": (_int, [_P(due_p), due_iter_p]),
    "itav_due_iter_free": (None, [due_iter_p]),
    "itav_due_free": (None, [due_p]),
    "itav_due_match": (_str, [due_p]),
    "itav_due_participant": (_str, [due_p]),
    "itav_participant_due": (_int, [_P(due_iter_p), db_p, _str, c_int32, _int]),
    "itav_due_get_kind": (itav_enum, [due_p]),
    "itav_due_date": (c_int32, [due_p]),
    "itav_due_overdue_days": (_int, [due_p]),
    # matching.h
    "itav_match_options_init": (_int, [_P(itav_match_options)]),
    "itav_suggestion_free": (None, [suggestion_p]),
    "itav_suggestion_asking": (_str, [suggestion_p]),
    "itav_suggestion_supporting": (_str, [suggestion_p]),
    "itav_suggestion_score": (c_double, [suggestion_p]),
    "itav_suggestion_excluded": (itav_enum, [suggestion_p]),
    "itav_suggestion_distance": (c_double, [suggestion_p]),
    "itav_suggestion_criterion": (_int, [suggestion_p, itav_enum, _P(c_double),
                                         _P(c_double)]),
    "itav_match_score_pair": (_int, [_P(suggestion_p), db_p, _str, _str,
                                     _P(itav_match_options)]),
    "itav_match_suggest": (_int, [_P(suggestion_iter_p), db_p, _str, _sz,
                                  _P(itav_match_options)]),
    "itav_suggestion_iter_next": (_int, [_P(suggestion_p), suggestion_iter_p]),
    "itav_suggestion_iter_free": (None, [suggestion_iter_p]),
    "itav_match_assign": (_int, [_P(assignment_p), db_p, _str, _P(itav_match_options), c_uint,
                                 c_int32]),
    "itav_assignment_free": (None, [assignment_p]),
    "itav_assignment_count": (_sz, [assignment_p]),
    "itav_assignment_pair": (suggestion_p, [assignment_p, _sz]),
    "itav_assignment_match_id": (_str, [assignment_p, _sz]),
    "itav_assignment_unmatched_count": (_sz, [assignment_p]),
    "itav_assignment_unmatched": (_str, [assignment_p, _sz]),
    "itav_assignment_total": (c_double, [assignment_p]),
    # intervention.h and offer.h (0.3): themes and programme
    "itav_intervention_themes": (c_uint, [intervention_p]),
    "itav_intervention_set_themes": (_int, [intervention_p, c_uint]),
    "itav_offer_programme": (_str, [offer_p]),
    "itav_offer_set_programme": (_int, [offer_p, _str]),
    # review.h
    "itav_review_new": (_int, [_P(review_p), itav_enum, c_int32, itav_enum]),
    "itav_review_free": (None, [review_p]),
    "itav_review_set_satisfaction": (_int, [review_p, _int]),
    "itav_review_set_safety": (_int, [review_p, _int, _str]),
    "itav_review_set_effect": (_int, [review_p, itav_enum, _int]),
    "itav_review_set_formal_help": (_int, [review_p, itav_enum]),
    "itav_review_set_note": (_int, [review_p, _str]),
    "itav_review_id": (_str, [review_p]),
    "itav_review_match": (_str, [review_p]),
    "itav_review_get_kind": (itav_enum, [review_p]),
    "itav_review_date": (c_int32, [review_p]),
    "itav_review_respondent": (itav_enum, [review_p]),
    "itav_review_satisfaction": (_int, [review_p]),
    "itav_review_safety_concern": (_int, [review_p]),
    "itav_review_safety_note": (_str, [review_p]),
    "itav_review_effect": (_int, [review_p, itav_enum]),
    "itav_review_formal_help": (itav_enum, [review_p]),
    "itav_review_note": (_str, [review_p]),
    "itav_review_add": (_int, [_P(c_void_p), db_p, _str, review_p]),
    "itav_review_get": (_int, [_P(review_p), db_p, _str]),
    "itav_review_list": (_int, [_P(review_iter_p), db_p, _str, _str]),
    "itav_review_iter_next": (_int, [_P(review_p), review_iter_p]),
    "itav_review_iter_free": (None, [review_iter_p]),
    # indicator.h: quantities
    "itav_quantity_parse": (_int, [_P(itav_enum), _P(c_double), _P(c_double), _str]),
    "itav_quantity_verdict": (itav_enum, [itav_enum, c_double, c_double, itav_enum, c_double,
                                          c_double]),
    # indicator.h: the object
    "itav_indicator_new": (_int, [_P(indicator_p), _str, _str, itav_enum]),
    "itav_indicator_dup": (_int, [_P(indicator_p), indicator_p]),
    "itav_indicator_free": (None, [indicator_p]),
    "itav_indicator_id": (_str, [indicator_p]),
    "itav_indicator_offer": (_str, [indicator_p]),
    "itav_indicator_type": (itav_enum, [indicator_p]),
    "itav_indicator_name": (_str, [indicator_p]),
    "itav_indicator_unit": (_str, [indicator_p]),
    "itav_indicator_note": (_str, [indicator_p]),
    "itav_indicator_source": (_str, [indicator_p]),
    "itav_indicator_scale": (_int, [indicator_p, _P(c_double), _P(c_double)]),
    "itav_indicator_derived": (itav_enum, [indicator_p]),
    "itav_indicator_municipality": (_str, [indicator_p]),
    "itav_indicator_set_name": (_int, [indicator_p, _str]),
    "itav_indicator_set_unit": (_int, [indicator_p, _str]),
    "itav_indicator_set_note": (_int, [indicator_p, _str]),
    "itav_indicator_set_source": (_int, [indicator_p, _str]),
    "itav_indicator_set_scale": (_int, [indicator_p, c_double, c_double]),
    "itav_indicator_set_derived": (_int, [indicator_p, itav_enum, _str]),
    "itav_indicator_set_baseline": (_int, [indicator_p, c_int32, itav_enum, c_double, c_double,
                                           _str, _str]),
    "itav_indicator_clear_baseline": (_int, [indicator_p]),
    "itav_indicator_baseline": (_int, [indicator_p, _P(c_int32), _P(itav_enum), _P(c_double),
                                       _P(c_double)]),
    "itav_indicator_baseline_text": (_str, [indicator_p]),
    "itav_indicator_baseline_source": (_str, [indicator_p]),
    "itav_indicator_add_target": (_int, [indicator_p, itav_enum, c_double, c_double, _int,
                                         c_int32, _str, _str]),
    "itav_indicator_remove_target": (_int, [indicator_p, _sz]),
    "itav_indicator_target_count": (_sz, [indicator_p]),
    "itav_indicator_target": (_int, [indicator_p, _sz, _P(itav_enum), _P(c_double),
                                     _P(c_double), _P(c_int), _P(c_int32)]),
    "itav_indicator_target_text": (_str, [indicator_p, _sz]),
    "itav_indicator_target_source": (_str, [indicator_p, _sz]),
    "itav_indicator_add_measurement": (_int, [indicator_p, c_int32, _str, itav_enum, c_double,
                                              c_double, _str, _str]),
    "itav_indicator_remove_measurement": (_int, [indicator_p, _sz]),
    "itav_indicator_measurement_count": (_sz, [indicator_p]),
    "itav_indicator_measurement": (_int, [indicator_p, _sz, _P(c_int32), _P(itav_enum),
                                          _P(c_double), _P(c_double)]),
    "itav_indicator_measurement_period": (_str, [indicator_p, _sz]),
    "itav_indicator_measurement_text": (_str, [indicator_p, _sz]),
    "itav_indicator_measurement_source": (_str, [indicator_p, _sz]),
    "itav_indicator_attainment": (_int, [_P(itav_enum), _P(c_void_p), indicator_p, _sz,
                                         c_int32]),
    # indicator.h: in a store
    "itav_indicator_create": (_int, [db_p, indicator_p]),
    "itav_indicator_update": (_int, [db_p, indicator_p]),
    "itav_indicator_delete": (_int, [db_p, _str]),
    "itav_indicator_get": (_int, [_P(indicator_p), db_p, _str]),
    "itav_indicator_measure": (_int, [db_p, _str, c_int32, _str, itav_enum, c_double, c_double,
                                      _str, _str]),
    "itav_indicator_list": (_int, [_P(indicator_iter_p), db_p, _str]),
    "itav_indicator_iter_next": (_int, [_P(indicator_p), indicator_iter_p]),
    "itav_indicator_iter_free": (None, [indicator_iter_p]),
    "itav_indicator_derive": (_int, [_P(c_double), _P(c_long), db_p, itav_enum, _str, _str,
                                     c_int32, c_int32]),
    # indicator.h (0.4): joint targets over several municipalities
    "itav_indicator_municipality_count": (_sz, [indicator_p]),
    "itav_indicator_municipality_at": (_str, [indicator_p, c_size_t]),
    "itav_indicator_add_municipality": (_int, [indicator_p, _str]),
    "itav_indicator_derive_for": (_int, [_P(c_double), _P(c_long), db_p, indicator_p, c_int32,
                                         c_int32]),
    # portfolio.h
    "itav_portfolio_build": (_int, [_P(portfolio_p), db_p, _P(itav_portfolio_filter)]),
    "itav_portfolio_free": (None, [portfolio_p]),
    "itav_portfolio_count": (_sz, [portfolio_p]),
    "itav_portfolio_member": (_str, [portfolio_p, _sz]),
    "itav_portfolio_coverage": (_int, [portfolio_p, itav_enum, _P(_sz), _P(_sz)]),
    "itav_portfolio_cell": (_sz, [portfolio_p, itav_enum, itav_enum]),
    "itav_portfolio_flag_count": (_sz, [portfolio_p, itav_enum]),
    "itav_portfolio_flagged": (_str, [portfolio_p, itav_enum, _sz]),
    "itav_portfolio_to_json": (_int, [_P(c_void_p), portfolio_p, portfolio_p]),
    "itav_portfolio_svg": (_int, [_P(c_void_p), portfolio_p, _str, portfolio_p, _str]),
    # recommend.h
    "itav_recommend": (_int, [_P(recommendation_iter_p), db_p, _P(itav_question)]),
    "itav_recommendation_iter_next": (_int, [_P(recommendation_p), recommendation_iter_p]),
    "itav_recommendation_iter_free": (None, [recommendation_iter_p]),
    "itav_recommendation_free": (None, [recommendation_p]),
    "itav_recommendation_intervention": (_str, [recommendation_p]),
    "itav_recommendation_offer": (_str, [recommendation_p]),
    "itav_recommendation_tier": (_int, [recommendation_p]),
    "itav_recommendation_covered": (c_uint, [recommendation_p]),
    "itav_recommendation_why": (_str, [recommendation_p]),
    "itav_recommendation_placement": (_str, [recommendation_p]),
    # report.h
    "itav_report_programme": (_int, [_P(report_p), db_p, _str, _P(itav_report_options)]),
    "itav_report_free": (None, [report_p]),
    "itav_report_write": (_int, [_P(c_void_p), report_p, itav_enum]),
    "itav_report_write_lang": (_int, [_P(c_void_p), report_p, itav_enum, itav_enum]),
    "itav_report_title": (_str, [report_p]),
    "itav_report_table_count": (_sz, [report_p]),
    "itav_report_table_name": (_str, [report_p, _sz]),
    "itav_report_table_find": (_sz, [report_p, _str]),
    "itav_report_column_count": (_sz, [report_p, _sz]),
    "itav_report_column": (_str, [report_p, _sz, _sz]),
    "itav_report_row_count": (_sz, [report_p, _sz]),
    "itav_report_cell": (_str, [report_p, _sz, _sz, _sz]),
    "itav_report_cell_value": (_int, [_P(c_double), report_p, _sz, _sz, _sz]),
    "itav_report_cell_suppressed": (_int, [report_p, _sz, _sz, _sz]),
    "itav_report_cell_hidden": (_int, [report_p, _sz, _sz, _sz]),
    "itav_report_cell_audit": (_int, [_P(c_int), _P(c_int64), _P(c_int64), report_p, _sz, _sz,
                                      _sz]),
    "itav_report_audit_passed": (_int, [report_p]),
    "itav_report_perturbed": (_int, [report_p]),
    "itav_set_lang": (_int, [db_p, _int]),
    "itav_open_lang": (_int, [_P(db_p), _str, _int]),
    "itav_open_backend_lang": (_int, [_P(db_p), backend_p, _int]),
    "itav_get_lang": (_int, [db_p]),
    "itav_release_record": (_int, [_P(c_void_p), db_p, report_p]),
    "itav_release_get": (_int, [_P(release_p), db_p, _str]),
    "itav_release_remove": (_int, [db_p, _str]),
    "itav_release_list": (_int, [_P(release_iter_p), db_p, _str]),
    "itav_release_iter_next": (_int, [_P(release_p), release_iter_p]),
    "itav_release_iter_free": (None, [release_iter_p]),
    "itav_release_free": (None, [release_p]),
    "itav_release_id": (_str, [release_p]),
    "itav_release_offer": (_str, [release_p]),
    "itav_release_parameters": (_int, [_P(c_int32), _P(c_int32), _P(c_int), _P(c_int),
                                       release_p]),
    "itav_release_member_count": (_sz, [release_p]),
    "itav_release_member": (_str, [release_p, _sz]),
    "itav_release_cell_count": (_sz, [release_p]),
    "itav_release_cell": (_int, [_P(c_char_p), _P(c_char_p), _P(c_char_p), _P(c_int64),
                                 _P(c_int), release_p, _sz]),
    "itav_release_method": (_int, [release_p]),
    "itav_indicator_attainment_lang": (_int, [_P(itav_enum), _P(c_void_p), indicator_p, _sz,
                                              c_int32, itav_enum]),
    "itav_due_since": (c_int32, [due_p]),
    # access.h (0.4): who an intervention or offer is for and how people reach it
    "itav_access_list_code": (_str, [itav_enum]),
    "itav_access_list_from_code": (_int, [_P(itav_enum), _str]),
    "itav_access_code_at": (_str, [itav_enum, _sz]),
    "itav_access_code_label": (_str, [itav_enum, _str, itav_enum]),
    "itav_access_new": (_int, [_P(access_p)]),
    "itav_access_dup": (_int, [_P(access_p), access_p]),
    "itav_access_free": (None, [access_p]),
    "itav_access_set_ages": (_int, [access_p, c_int32, c_int32, _str]),
    "itav_access_ages": (_int, [_P(c_int32), _P(c_int32), access_p]),
    "itav_access_ages_source": (_str, [access_p]),
    "itav_access_add": (_int, [access_p, itav_enum, _str, _str, _str, c_uint]),
    "itav_access_count": (_sz, [access_p, itav_enum]),
    "itav_access_at": (_int, [_P(c_char_p), _P(c_char_p), _P(c_char_p), _P(c_uint), access_p,
                              itav_enum, _sz]),
    "itav_access_remove": (_int, [access_p, itav_enum, _sz]),
    "itav_access_has": (_int, [access_p, itav_enum, _str]),
    "itav_intervention_access": (access_p, [intervention_p]),
    "itav_intervention_set_access": (_int, [intervention_p, access_p]),
    "itav_offer_access": (access_p, [offer_p]),
    "itav_offer_set_access": (_int, [offer_p, access_p]),
    # outcome.h (0.4)
    "itav_outcome_new": (_int, [_P(outcome_p), itav_enum, figure_p]),
    "itav_outcome_free": (None, [outcome_p]),
    "itav_outcome_get_kind": (itav_enum, [outcome_p]),
    "itav_outcome_get_figure": (figure_p, [outcome_p]),
    "itav_intervention_outcome_count": (_sz, [intervention_p]),
    "itav_intervention_outcome": (outcome_p, [intervention_p, _sz]),
    "itav_intervention_add_outcome": (_int, [intervention_p, outcome_p]),
    "itav_intervention_remove_outcome": (_int, [intervention_p, _sz]),
    # milestone.h (0.4)
    "itav_milestone_new": (_int, [_P(milestone_p), itav_enum, c_int32, _str, _str]),
    "itav_milestone_free": (None, [milestone_p]),
    "itav_milestone_set_text": (_int, [milestone_p, _str]),
    "itav_milestone_set_source": (_int, [milestone_p, _str]),
    "itav_milestone_get_status": (itav_enum, [milestone_p]),
    "itav_milestone_get_date": (c_int32, [milestone_p]),
    "itav_milestone_get_period": (_str, [milestone_p]),
    "itav_milestone_get_what": (_str, [milestone_p]),
    "itav_milestone_get_text": (_str, [milestone_p]),
    "itav_milestone_get_source": (_str, [milestone_p]),
    "itav_offer_milestone_count": (_sz, [offer_p]),
    "itav_offer_milestone": (milestone_p, [offer_p, _sz]),
    "itav_offer_add_milestone": (_int, [offer_p, milestone_p]),
    "itav_offer_remove_milestone": (_int, [offer_p, _sz]),
    # costs and funding (itav/cost.h, 0.4)
    "itav_cost_new": (_int, [_P(cost_p), _str]),
    "itav_cost_free": (None, [cost_p]),
    "itav_cost_dup": (_int, [_P(cost_p), cost_p]),
    "itav_cost_set_amount": (_int, [cost_p, itav_enum, c_double, c_double, _str, itav_enum]),
    "itav_cost_set_currency": (_int, [cost_p, _str]),
    "itav_cost_set_period": (_int, [cost_p, c_int32, c_int32]),
    "itav_cost_set_note": (_int, [cost_p, _str]),
    "itav_cost_set_source": (_int, [cost_p, _str]),
    "itav_cost_add_funder": (_int, [cost_p, _str, itav_enum, itav_enum, c_double, c_double]),
    "itav_cost_remove_funder": (_int, [cost_p, _sz]),
    "itav_cost_get_what": (_str, [cost_p]),
    "itav_cost_get_qualifier": (itav_enum, [cost_p]),
    "itav_cost_get_min": (c_double, [cost_p]),
    "itav_cost_get_max": (c_double, [cost_p]),
    "itav_cost_get_text": (_str, [cost_p]),
    "itav_cost_get_unit": (itav_enum, [cost_p]),
    "itav_cost_get_currency": (_str, [cost_p]),
    "itav_cost_get_from": (c_int32, [cost_p]),
    "itav_cost_get_to": (c_int32, [cost_p]),
    "itav_cost_get_note": (_str, [cost_p]),
    "itav_cost_get_source": (_str, [cost_p]),
    "itav_cost_funder_count": (_sz, [cost_p]),
    "itav_cost_funder": (_int, [_P(c_char_p), _P(itav_enum), _P(itav_enum), _P(c_double),
                                _P(c_double), cost_p, _sz]),
    "itav_offer_cost_count": (_sz, [offer_p]),
    "itav_offer_cost": (cost_p, [offer_p, _sz]),
    "itav_offer_add_cost": (_int, [offer_p, cost_p]),
    "itav_offer_remove_cost": (_int, [offer_p, _sz]),
    "itav_intervention_cost_count": (_sz, [intervention_p]),
    "itav_intervention_cost": (cost_p, [intervention_p, _sz]),
    "itav_intervention_add_cost": (_int, [intervention_p, cost_p]),
    "itav_intervention_remove_cost": (_int, [intervention_p, _sz]),
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
