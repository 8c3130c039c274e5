/**
 * @file itav.h
 * @brief libitav: normalisation in Dutch youth and parenting support, as a C library.
 *
 * Include this one header for the whole public API. Backend implementers also include
 * itav/backend.h. See README.md and docs/guide.md for an introduction.
 */
#ifndef ITAV_H
#define ITAV_H

#include "itav/common.h"
#include "itav/codes.h"
#include "itav/element.h"
#include "itav/factor.h"
#include "itav/figure.h"
#include "itav/store.h"
#include "itav/problem.h"
#include "itav/intervention.h"
#include "itav/offer.h"
#include "itav/plan.h"
#include "itav/participant.h"
#include "itav/match.h"
#include "itav/matching.h"
#include "itav/interchange.h"
#include "itav/review.h"
#include "itav/indicator.h"
#include "itav/portfolio.h"
#include "itav/recommend.h"
#include "itav/report.h"
#include "itav/access.h"
#include "itav/outcome.h"
#include "itav/milestone.h"
#include "itav/cost.h"

#endif
