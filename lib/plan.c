/* plan: to be written. */
#include "internal.h"
