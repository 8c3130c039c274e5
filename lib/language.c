/* language: to be written. */
#include "internal.h"
