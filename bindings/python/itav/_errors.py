"""Exceptions: one class per libitav result code, all derived from itav.Error."""

from ._lib import dec, lib


class Error(Exception):
    """A libitav error.

    ``code`` is the library's negative result code (ITAV_E*), ``message`` the library's own
    words (itav_errmsg() of the store, or a description of the call that failed where no store
    was involved). ``str(error)`` is the message.
    """

    code = -1

    def __init__(self, message, code=None):
        if code is not None:
            self.code = code
        self.message = message
        super().__init__(message)

    @property
    def strerror(self):
        """The generic text of the code (itav_strerror())."""
        return strerror(self.code)


class NoMemory(Error, MemoryError):
    """ITAV_ENOMEM: out of memory."""
    code = -2


class InvalidArgument(Error, ValueError):
    """ITAV_EINVAL: an argument is invalid (out of range, malformed, missing)."""
    code = -3


class NotFound(Error, LookupError):
    """ITAV_ENOTFOUND: the record or item does not exist."""
    code = -4


class UnknownCode(NotFound, ValueError):
    """A text code that its enumeration does not have ("actve" for a match state); the
    message names the codes there are. A NotFound (ITAV_ENOTFOUND) and a ValueError."""


class Exists(Error):
    """ITAV_EEXISTS: a record with that id already exists."""
    code = -5


class FormatError(Error, ValueError):
    """ITAV_EFORMAT: input data (JSON, a record) is malformed or inconsistent.

    ``problems`` lists every problem of a refused CSV import (itav.Problem: row, column,
    code, message, severity), its notes and warnings included; it is empty for other calls.
    """
    code = -6
    problems = ()


class StorageError(Error, OSError):
    """ITAV_EIO: the storage backend failed (I/O, disk full, read-only)."""
    code = -7


class InUse(Error):
    """ITAV_EINUSE: the record is still referred to by another record."""
    code = -8


class Busy(Error):
    """ITAV_EBUSY: the store is locked by another connection."""
    code = -9


class VersionError(Error):
    """ITAV_EVERSION: a struct, schema or format version is not supported."""
    code = -10


class StateError(Error):
    """ITAV_ESTATE: the operation is not allowed in the current state."""
    code = -11


class RangeError(Error, IndexError):
    """ITAV_ERANGE: an index or value is outside its range."""
    code = -12


ERRORS = {cls.code: cls for cls in (NoMemory, InvalidArgument, NotFound, Exists, FormatError,
                                     StorageError, InUse, Busy, VersionError, StateError,
                                     RangeError)}


def strerror(code):
    """The generic English text of a result code (itav_strerror())."""
    return dec(lib.itav_strerror(code))


def error_for(code, message):
    """The exception for a result code, carrying message."""
    cls = ERRORS.get(code, Error)
    err = cls(message, code)
    return err


def check(rc, what):
    """Raises for a negative rc from a call that has no store; what describes the call."""
    if rc < 0:
        raise error_for(rc, "%s: %s" % (what, strerror(rc)))
    return rc


def check_db(rc, db, what=None):
    """Raises for a negative rc from a call on a store, with the store's itav_errmsg()."""
    if rc < 0:
        # The context keeps the last message until the next failure that sets one; a few
        # failures (NULL arguments) set none, so only a message with this code is this one's.
        msg = dec(lib.itav_errmsg(db)) if db and lib.itav_errcode(db) == rc else ""
        if not msg:
            msg = strerror(rc)
        if what:
            msg = "%s: %s" % (what, msg)
        raise error_for(rc, msg)
    return rc
