/* match: to be written. */
#include "internal.h"
