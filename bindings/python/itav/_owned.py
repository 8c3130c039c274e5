"""The base of every Python object that owns a C object."""

import weakref


class Owned:
    """Owns a C pointer, freed by a weakref finalizer with the class's ``_free``."""

    _free = None

    def _adopt(self, ptr):
        self._ptr = ptr
        self._finalizer = weakref.finalize(self, type(self)._free, ptr)

    @classmethod
    def _wrap(cls, ptr):
        obj = cls.__new__(cls)
        obj._adopt(ptr)
        return obj
