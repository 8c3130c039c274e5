/* suggest: to be written. */
#include "internal.h"
