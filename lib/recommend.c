/* recommend: filled in by issue 4 work. */
#include "internal.h"
