/* Fuzz target: element labels (itav_element_parse, itav_element_from_code). Beyond "no
 * crash" it checks:
 * - parse gives ITAV_OK or ITAV_ENOTFOUND, and a parsed element is one of the eight, whose
 *   code, Dutch label and English label all parse back to it;
 * - parsing ignores ASCII case and treats every ASCII character that is not a letter or digit
 *   alike (the input upper-cased, or with all of those turned into spaces, parses the same);
 * - from_code accepts exactly the eight codes, and an accepted code parses to the same
 *   element;
 * - the element's set operations agree with it. */
#include "fuzz.h"

#include <itav.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void check_parse_same(const char *variant, int rc, itav_element e)
{
    itav_element e2 = 0;
    int rc2 = itav_element_parse(&e2, variant);
    FUZZ_CHECK(rc2 == rc, variant);
    FUZZ_CHECK(rc != ITAV_OK || e2 == e, variant);
}

static void check_element(itav_element e)
{
    itav_element back = 0;
    FUZZ_CHECK(e >= 1 && e <= ITAV_ELEMENT_COUNT, "parsed element out of range");
    const char *forms[] = {itav_element_code(e), itav_element_label(e, ITAV_LANG_NL),
                           itav_element_label(e, ITAV_LANG_EN)};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        FUZZ_CHECK(forms[i] != NULL, "element without a code or label");
        FUZZ_CHECK(itav_element_parse(&back, forms[i]) == ITAV_OK && back == e, forms[i]);
    }
    FUZZ_CHECK(itav_element_from_code(&back, forms[0]) == ITAV_OK && back == e, forms[0]);
    itav_elemset s = itav_elemset_add(0, e);
    FUZZ_CHECK(itav_elemset_has(s, e) == 1 && itav_elemset_count(s) == 1, forms[0]);
    FUZZ_CHECK(itav_elemset_has(itav_elemset_remove(ITAV_ELEMSET_ALL, e), e) == 0, forms[0]);
    FUZZ_CHECK(itav_elemset_count(itav_elemset_remove(ITAV_ELEMSET_ALL, e)) ==
                   ITAV_ELEMENT_COUNT - 1, forms[0]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    itav_element e = 0;
    int rc = itav_element_parse(&e, text);
    FUZZ_CHECK(rc == ITAV_OK || rc == ITAV_ENOTFOUND, text);
    if (rc == ITAV_OK)
        check_element(e);

    char *variant = strdup(text);
    for (char *p = variant; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    check_parse_same(variant, rc, e);
    strcpy(variant, text);
    for (char *p = variant; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (c < 0x80 && !alnum)
            *p = ' ';
    }
    check_parse_same(variant, rc, e);
    free(variant);

    itav_element c = 0;
    int rc_code = itav_element_from_code(&c, text);
    bool is_code = false;
    for (int i = 1; i <= ITAV_ELEMENT_COUNT; i++)
        is_code = is_code || strcmp(text, itav_element_code((itav_element)i)) == 0;
    FUZZ_CHECK(rc_code == (is_code ? ITAV_OK : ITAV_ENOTFOUND), text);
    if (rc_code == ITAV_OK) {
        FUZZ_CHECK(strcmp(itav_element_code(c), text) == 0, text);
        FUZZ_CHECK(rc == ITAV_OK && e == c, text);
    }
    free(text);
    return 0;
}
