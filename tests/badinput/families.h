/* Families of rows that many functions share: a bad value of one kind, one row per form. */
#ifndef BADINPUT_FAMILIES_H
#define BADINPUT_FAMILIES_H

#include "catalogue.h"

/* Text parameter k that is not UTF-8 (one row per kind of fault) or is over 64 KiB. */
#define BAD_TEXT(fn, k, name, ...)                                                             \
    R(fn, name " with an overlong encoding", S(k, "ab" U_OVERLONG), __VA_ARGS__),              \
    R(fn, name " with a three-byte overlong encoding", S(k, U_OVERLONG3 "ab"), __VA_ARGS__),   \
    R(fn, name " with a lone continuation byte", S(k, U_CONT "ab"), __VA_ARGS__),              \
    R(fn, name " with a surrogate", S(k, "a" U_SURROGATE "b"), __VA_ARGS__),                   \
    R(fn, name " with a truncated sequence", S(k, "ab" U_TRUNC), __VA_ARGS__),                 \
    R(fn, name " above U+10FFFF", S(k, U_BIG), __VA_ARGS__),                                   \
    R(fn, name " with byte 0xFF", S(k, "a" U_FF), __VA_ARGS__),                                \
    R(fn, name " over 64 KiB", S(k, TEXT65537), __VA_ARGS__)

/* Enumeration parameter k out of range: -1, one past the last value, INT_MAX. */
#define BAD_ENUM(fn, k, name, last, ...)                                                       \
    R(fn, name " -1", I(k, -1), __VA_ARGS__),                                                  \
    R(fn, name " one past the last", I(k, (long long)(last) + 1), __VA_ARGS__),                \
    R(fn, name " INT_MAX", I(k, INT_MAX), __VA_ARGS__)

/* Id parameter k (a slug: 1-64 of a-z, 0-9 and single '-' between them) in every bad form. */
#define BAD_ID(fn, k, name, ...)                                                               \
    R(fn, "empty " name, S(k, ""), __VA_ARGS__),                                               \
    BAD_ID_FORMS(fn, k, name, __VA_ARGS__)
/* The same without the empty id, for parameters where "" means "none". */
#define BAD_ID_FORMS(fn, k, name, ...)                                                         \
    R(fn, name " with a space", S(k, "a b"), __VA_ARGS__),                                     \
    R(fn, name " with a capital", S(k, "Ab"), __VA_ARGS__),                                    \
    R(fn, name " with an underscore", S(k, "a_b"), __VA_ARGS__),                               \
    R(fn, name " starting with a hyphen", S(k, "-a"), __VA_ARGS__),                            \
    R(fn, name " ending with a hyphen", S(k, "a-"), __VA_ARGS__),                              \
    R(fn, name " with a double hyphen", S(k, "a--b"), __VA_ARGS__),                            \
    R(fn, name " with a tab", S(k, "a\tb"), __VA_ARGS__),                                      \
    R(fn, name " with a control character", S(k, "a\x01"), __VA_ARGS__),                      \
    R(fn, name " with a line break", S(k, "a\nb"), __VA_ARGS__),                               \
    R(fn, name " with an accent", S(k, "h\xc3\xa9"), __VA_ARGS__),                             \
    R(fn, name " with invalid UTF-8", S(k, "a" U_FF), __VA_ARGS__),                            \
    R(fn, name " with a surrogate", S(k, "a" U_SURROGATE), __VA_ARGS__),                       \
    R(fn, name " of 65 characters", S(k, ID65), __VA_ARGS__),                                  \
    R(fn, name " over 64 KiB", S(k, TEXT65537), __VA_ARGS__)

/* Participant reference parameter k (1-64 of A-Z a-z 0-9 . _ -, first a letter or digit). */
#define BAD_PREF(fn, k, name, ...)                                                             \
    R(fn, "empty " name, S(k, ""), __VA_ARGS__),                                               \
    R(fn, name " with a space", S(k, "a b"), __VA_ARGS__),                                     \
    R(fn, name " starting with a dot", S(k, ".a"), __VA_ARGS__),                               \
    R(fn, name " with a slash", S(k, "a/b"), __VA_ARGS__),                                     \
    R(fn, name " with a tab", S(k, "a\tb"), __VA_ARGS__),                                      \
    R(fn, name " with a control character", S(k, "a\x7f"), __VA_ARGS__),                      \
    R(fn, name " with an accent", S(k, "h\xc3\xa9"), __VA_ARGS__),                             \
    R(fn, name " with invalid UTF-8", S(k, "a" U_CONT), __VA_ARGS__),                          \
    R(fn, name " of 65 characters", S(k, REF65), __VA_ARGS__),                                 \
    R(fn, name " over 64 KiB", S(k, TEXT65537), __VA_ARGS__)

/* Source reference parameter k ("NNN:Lline" or "NNN:Lfirst-last") in every bad form. */
#define BAD_SOURCE(fn, k, ...)                                                                 \
    R(fn, "reference to line 0", S(k, "001:L0"), __VA_ARGS__),                                 \
    R(fn, "reference with a one-digit document", S(k, "1:L5"), __VA_ARGS__),                   \
    R(fn, "reference without a colon", S(k, "001L5"), __VA_ARGS__),                            \
    R(fn, "reference with a lower-case l", S(k, "001:l5"), __VA_ARGS__),                       \
    R(fn, "reference with letters for the document", S(k, "abc:L5"), __VA_ARGS__),            \
    R(fn, "reference with a range backwards", S(k, "001:L5-3"), __VA_ARGS__),                 \
    R(fn, "reference with an open range", S(k, "001:L5-"), __VA_ARGS__),                       \
    R(fn, "reference to line 12345678", S(k, "001:L12345678"), __VA_ARGS__),                   \
    R(fn, "reference with a trailing space", S(k, "001:L5 "), __VA_ARGS__),                    \
    R(fn, "reference with invalid UTF-8", S(k, "001:L5" U_FF), __VA_ARGS__),                   \
    R(fn, "reference over 64 KiB", S(k, TEXT65537), __VA_ARGS__)

#endif
