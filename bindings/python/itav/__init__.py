"""Python bindings of libitav ("it takes a village"), through ctypes.

    import itav
    with itav.open("memory:") as store:
        store.load_catalog()
        for iv in store.interventions(all_of=["informal_support"], setting="informal"):
            print(iv.id, sorted(e.code for e in iv.elements()))

The library is found through ITAV_LIBRARY (a path), the build tree (build*/lib/libitav.so.0
above this package), then the system. ``itav._lib`` is the raw ctypes layer: ``PROTOTYPES``
holds the prototype of every exported function and ``lib`` the loaded library.
"""

from . import _lib
from ._access import ACCESS_LISTS, Access, AccessEntry, access_codes, access_label
from ._dates import (DATE_NONE, date_from_ymd, date_to_ymd, format_date, parse_date, to_date,
                     to_days)
from ._enums import (Actor, Asker, Attainment, Audience, Channel, CodeType, Comparator,
                     Constraint, Criterion, Derived, DueKind, Effect, Element, EndReason, Factor,
                     Evidence, FigureList, FormalHelp, Hidden, Kind, Lang, MatchState, Measure,
                     ParticipantKind, ParticipantStatus, PlanField, PortfolioFlag,
                     ProfileSource, Qualifier, ReportFormat, Respondent, Result, ReviewKind,
                     RoleKind, Scope, Setting, Severity, Side, Slot, Status, Support, TextList,
                     Theme, ImportFlag, MilestoneStatus, OutcomeKind,
                     code_name, code_parse, elements_of, elemset, elemset_count,
                     elemset_remove, factors_of, factorset)
from ._evidence import Milestone, Outcome
from ._errors import (Busy, Error, Exists, FormatError, InUse, InvalidArgument, NoMemory,
                      NotFound, RangeError, StateError, StorageError, UnknownCode, VersionError,
                      strerror)
from ._lib import ITAV_AGE_NONE as AGE_NONE
from ._lib import ITAV_CHILDREN_MAX as CHILDREN_MAX
from ._lib import ITAV_EXCLUSIONS_MAX as EXCLUSIONS_MAX
from ._lib import ITAV_INTERESTS_MAX as INTERESTS_MAX
from ._lib import ITAV_LANGUAGES_MAX as LANGUAGES_MAX
from ._lib import ITAV_ELEMENT_COUNT as ELEMENT_COUNT
from ._indicator import (QUANTITY_FORMS, Baseline, Derivation, Indicator, Measurement,
                         Quantity, Target, Verdict, parse_quantity, quantity_verdict)
from ._lib import ITAV_EFFECT_COUNT as EFFECT_COUNT
from ._lib import LIBRARY_PATH, PROTOTYPES
from ._matching import (Assignment, CertificateDue, CriterionScore, Due, Match, MatchOptions,
                        Suggestion, Transition, move_legal)
from ._objects import (INTERVENTION_FIELDS, OFFER_FIELDS, ElementStatement, Figure,
                       Intervention, Offer, Role, TextListView)
from ._participants import (PARTICIPANT_FIELDS, Erasure, ImportResult, Participant, Problem,
                            language_canonical,
                            language_known)
from ._plan import PLAN_FIELDS, Plan
from ._portfolio import Coverage, Portfolio
from ._recommend import TIERS, Recommendation
from ._report import Release, ReleaseCell, Report, ReportTable
from ._review import Review
from ._cost import Cost, Funder
from ._enums import CostUnit, ShareKind
from ._store import (Backend, MemoryBackend, Store, catalog_json, open, open_backend, version,
                     version_number)

__version__ = "0.4.0"

__all__ = [
    "AGE_NONE", "Actor", "Asker", "Assignment", "Attainment", "Audience", "Backend", "Baseline",
    "Busy", "CHILDREN_MAX", "EXCLUSIONS_MAX", "INTERESTS_MAX", "LANGUAGES_MAX", "Channel", "CodeType", "Comparator", "Constraint", "Coverage",
    "CertificateDue", "Criterion", "CriterionScore", "DATE_NONE", "Derivation", "Derived", "Due",
    "DueKind", "Erasure", "Hidden",
    "EFFECT_COUNT", "ELEMENT_COUNT", "Effect", "Element", "ElementStatement", "EndReason", "Error",
    "Evidence", "Exists", "Factor", "factors_of", "factorset", "Figure", "FigureList",
    "FormalHelp", "FormatError", "ImportFlag", "ImportResult", "Problem", "Severity",
    "INTERVENTION_FIELDS", "InUse", "Indicator", "Intervention", "InvalidArgument", "Kind",
    "LIBRARY_PATH", "Lang", "Match", "MatchOptions", "MatchState", "Measure", "Measurement",
    "MemoryBackend", "NoMemory", "NotFound", "OFFER_FIELDS", "Offer", "PARTICIPANT_FIELDS",
    "PLAN_FIELDS", "PROTOTYPES", "Participant", "ParticipantKind", "ParticipantStatus", "Plan",
    "PlanField", "Portfolio", "PortfolioFlag", "ProfileSource", "QUANTITY_FORMS", "Qualifier",
    "Quantity", "RangeError", "Recommendation", "Release", "ReleaseCell", "Report", "ReportFormat", "ReportTable",
    "Respondent", "Result", "Review", "ReviewKind", "Role", "RoleKind", "Scope", "Setting", "Side",
    "Slot", "StateError", "Status", "StorageError", "Store", "Suggestion", "Support", "TIERS",
    "Target", "TextList", "TextListView", "Theme", "Transition", "UnknownCode", "Verdict",
    "VersionError",
    "catalog_json", "code_name", "code_parse", "date_from_ymd", "date_to_ymd", "elements_of",
    "elemset", "elemset_count", "elemset_remove", "format_date", "language_canonical",
    "language_known", "move_legal", "open", "open_backend", "parse_date", "parse_quantity", "quantity_verdict", "strerror",
    "to_date", "to_days", "version", "version_number",
    "ACCESS_LISTS", "Access", "AccessEntry", "access_codes", "access_label",
    "Milestone", "MilestoneStatus", "Outcome", "OutcomeKind",
    "Cost", "CostUnit", "Funder", "ShareKind",
]
