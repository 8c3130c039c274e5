/* Source references ("001:L373-380") attached to the named fields of a record. */
#include "model/model_int.h"

#include <string.h>

const char *const itav__intervention_fields[] = {"name", "kind", "summary", "providers",
    "municipalities", "regions", "since", "audience", "themes", "setting", "scope", "channel",
    "roles", "phases", "evidence_level", "reach", "works", "improve", "links", NULL};

const char *const itav__offer_fields[] = {"name", "intervention", "municipalities", "region",
    "provider", "start", "end", "contact", "programme", "targets", "reach", "capacity", NULL};

int itav__field_index(const char *const *fields, const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; fields[i]; i++)
        if (strcmp(fields[i], name) == 0)
            return i;
    return -1;
}

int itav__sources_set(itav__sources *s, const char *const *fields, const char *field,
                      const char *ref)
{
    int i = itav__field_index(fields, field);
    if (i < 0 || (ref && *ref && !itav__valid_ref(ref)))
        return ITAV_EINVAL;
    return itav__set_text(&s->ref[i], ref);
}

void itav__sources_clear(itav__sources *s)
{
    for (int i = 0; i < ITAV__MAX_FIELDS; i++) {
        itav__free(s->ref[i]);
        s->ref[i] = NULL;
    }
}

int itav__sources_copy(itav__sources *dst, const itav__sources *src)
{
    itav__sources tmp = {{0}};
    for (int i = 0; i < ITAV__MAX_FIELDS; i++) {
        if (itav__set_text(&tmp.ref[i], src->ref[i]) != ITAV_OK) {
            itav__sources_clear(&tmp);
            return ITAV_ENOMEM;
        }
    }
    itav__sources_clear(dst);
    *dst = tmp;
    return ITAV_OK;
}
