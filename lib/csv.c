/* csv: to be written. */
#include "internal.h"
