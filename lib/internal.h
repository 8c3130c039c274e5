/* The umbrella of the two bottom layers: lib/util and lib/store (the context and the record
 * layer). Each higher layer has its own area header: model/model_int.h,
 * interchange/interchange_int.h, matching/matching_int.h, evaluation/evaluation_int.h. */
#ifndef ITAV_INTERNAL_H
#define ITAV_INTERNAL_H

#include "store/store_int.h"
#include "util/util_int.h"

#endif
