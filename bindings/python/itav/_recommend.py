"""Recommendations, lightest first (itav_recommend): which offers fit a question, from the
lightest support to the heaviest ("zo licht als mogelijk, zo zwaar als nodig")."""

import ctypes

from ._enums import Asker, Channel, Theme, coerce_enum, coerce_flags, coerce_member
from ._errors import InvalidArgument
from ._lib import (dec, enc, itav_question, lib, recommendation_iter_p,
                   recommendation_p)

TIERS = {
    1: "informal and collective (or mixed scope)",
    2: "informal and individual",
    3: "formal or mixed, but low-threshold or collective",
    4: "formal or mixed, individual, not stated low-threshold",
    5: "setting not stated: it cannot be placed",
}


class Recommendation:
    """One recommended offer (a copy of an itav_recommendation).

    ``intervention`` and ``offer`` (the offer in the question's municipality; None when the
    question named none) are ids; ``tier`` 1 (lightest) to 5 (see TIERS); ``covered`` the
    Theme flags of the asked needs it covers; ``why`` why it fits, ``placement`` why it
    stands where it stands, both in English.
    """

    __slots__ = ("intervention", "offer", "tier", "covered", "why", "placement")

    @classmethod
    def _take(cls, ptr):
        """A Recommendation from an owned C recommendation, which is freed."""
        try:
            r = cls.__new__(cls)
            r.intervention = dec(lib.itav_recommendation_intervention(ptr))
            r.offer = dec(lib.itav_recommendation_offer(ptr))
            r.tier = lib.itav_recommendation_tier(ptr)
            r.covered = Theme(lib.itav_recommendation_covered(ptr))
            r.why = dec(lib.itav_recommendation_why(ptr))
            r.placement = dec(lib.itav_recommendation_placement(ptr))
            return r
        finally:
            lib.itav_recommendation_free(ptr)

    def _key(self):
        return tuple(getattr(self, s) for s in self.__slots__)

    def __eq__(self, other):
        if not isinstance(other, Recommendation):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None

    def __repr__(self):
        return "<Recommendation tier %d %s%s>" % (self.tier, self.offer or self.intervention,
                                                  " covers %s" % "+".join(self.covered.codes)
                                                  if self.covered else "")


class RecommendStore:
    """The recommendation methods of Store (mixed into itav.Store)."""

    @staticmethod
    def make_question(asker, age_months=None, municipality=None, needs=None, channel=None):
        """The itav_question for these answers (see recommend())."""
        q = itav_question()
        q.asker = int(coerce_member(Asker, asker, "asker"))
        if age_months is not None:
            if isinstance(age_months, bool) or not isinstance(age_months, int):
                raise TypeError("age_months: expected int or None, got %s"
                                % type(age_months).__name__)
            if not -2 ** 31 < age_months < 2 ** 31:
                raise InvalidArgument("question: age_months %r is out of range" % age_months)
            q.age_months = age_months
        if municipality is not None:
            q.municipality = enc(municipality)
        bits = coerce_flags(Theme, needs, "needs")
        if not 0 <= bits <= 0xFFFFFFFF:
            raise InvalidArgument("question: needs %r is out of range" % (needs,))
        q.needs = bits
        q.channel = coerce_enum(Channel, channel, "channel")
        return q

    def recommend(self, asker, age_months=None, municipality=None, needs=None, channel=None):
        """What fits a question, lightest first, as a list of Recommendation.

        asker: Asker or code (parent, expecting, youth); age_months: the child's age (the
        young person's own for youth), negative during pregnancy; municipality: where they
        live (None lists interventions, not offers); needs: Theme flags or codes the
        question is about (None for any); channel: the preferred Channel or None.
        """
        return self.list_recommendations(self.make_question(asker, age_months, municipality,
                                                            needs, channel))

    def list_recommendations(self, question):
        """The recommendations for a raw itav_question."""
        it = recommendation_iter_p()
        self._check(lib.itav_recommend(ctypes.byref(it), self._handle(),
                                       ctypes.byref(question)))
        return self._drain(it, lib.itav_recommendation_iter_next,
                           lib.itav_recommendation_iter_free, recommendation_p,
                           Recommendation._take)
