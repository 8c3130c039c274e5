/* participant: to be written. */
#include "internal.h"
