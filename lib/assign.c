/* assign: to be written. */
#include "internal.h"
