/* Element portfolios (itav/portfolio.h): which interventions a filter selects and what their
 * element profiles have in common. Portfolios describe; nothing here ranks by element count
 * (seed 001, footnote at line 2387). The JSON is written in portfolio_json.c, the radar
 * chart in svg.c. */
#include "evaluation/evaluation_int.h"

#include <stdlib.h>
#include <string.h>

/* The element each "no_..." flag is about (0: few_elements is not about one element). */
static const itav_element flag_element[ITAV__PORTFOLIO_FLAGS + 1] = {
    0, 0, ITAV_ELEMENT_INFORMAL_SUPPORT, ITAV_ELEMENT_EQUALITY, ITAV_ELEMENT_DEMAND_LED};

/* Seed 001 L2358: every example states at least five elements; fewer is worth a look. */
#define FEW_ELEMENTS 5

/* What the portfolio keeps of one selected intervention. */
typedef struct member {
    char *id;
    itav_elemset present, known;
    itav_factorset factors;
    itav_setting setting;
    itav_scope scope;
} member;

typedef struct build_state {
    itav_db *db;
    const itav_portfolio_filter *f;
    itav__strlist in_municipality; /* interventions with an offer in the municipality */
    itav__strlist in_region;       /* interventions with an offer in the region */
    member *v;
    size_t n, cap;
    int rc;
} build_state;

static bool listed(const itav__strlist *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], id) == 0)
            return true;
    return false;
}

static int offer_scan(void *arg, const char *key, const void *data, size_t size)
{
    build_state *st = arg;
    itav_offer *of;
    char err[256];
    int rc = itav__offer_decode(&of, st->db, data, size, err, sizeof err);
    if (rc != ITAV_OK) {
        st->rc = itav__error(st->db, rc, "stored offer \"%s\" is damaged: %s", key, err);
        return 1;
    }
    const itav_portfolio_filter *f = st->f;
    if (f->municipality && itav__strlist_has_nocase(&of->municipalities, f->municipality))
        rc = itav__strlist_add(&st->in_municipality, of->intervention);
    if (rc == ITAV_OK && f->region && of->region &&
        itav__strcasecmp(of->region, f->region) == 0)
        rc = itav__strlist_add(&st->in_region, of->intervention);
    itav_offer_free(of);
    if (rc != ITAV_OK)
        st->rc = itav__error(st->db, rc, "out of memory building a portfolio");
    return rc != ITAV_OK;
}

static bool selected(const build_state *st, const itav_intervention *iv)
{
    const itav_portfolio_filter *f = st->f;
    bool ok = true;
    if (f->ids) {
        ok = false;
        for (size_t i = 0; !ok && i < f->id_count; i++)
            ok = strcmp(f->ids[i], iv->id) == 0;
    }
    if (ok && f->municipality)
        ok = itav__strlist_has_nocase(&iv->text[ITAV_TEXT_MUNICIPALITIES], f->municipality) ||
             listed(&st->in_municipality, iv->id);
    if (ok && f->region)
        ok = itav__strlist_has_nocase(&iv->text[ITAV_TEXT_REGIONS], f->region) ||
             listed(&st->in_region, iv->id);
    return ok;
}

static int intervention_scan(void *arg, const char *key, const void *data, size_t size)
{
    build_state *st = arg;
    itav_intervention *iv;
    char err[512];
    int rc = itav__intervention_decode(&iv, st->db, data, size, err, sizeof err);
    if (rc != ITAV_OK) {
        st->rc = itav__error(st->db, rc, "stored intervention \"%s\" is damaged: %s", key, err);
        return 1;
    }
    if (selected(st, iv)) {
        if (st->n == st->cap) {
            size_t cap = st->cap ? st->cap * 2 : 16;
            member *v = itav__realloc(st->v, cap * sizeof *v);
            if (!v)
                rc = ITAV_ENOMEM;
            else
                st->v = v, st->cap = cap;
        }
        if (rc == ITAV_OK) {
            member *m = &st->v[st->n];
            m->present = itav_intervention_elements(iv, st->f->source);
            m->known = itav_intervention_known_elements(iv, st->f->source);
            m->factors = itav_intervention_factors(iv);
            m->setting = iv->setting;
            m->scope = iv->scope;
            if ((m->id = itav__strdup(iv->id)) != NULL)
                st->n++;
            else
                rc = ITAV_ENOMEM;
        }
    }
    itav_intervention_free(iv);
    if (rc != ITAV_OK)
        st->rc = itav__error(st->db, rc, "out of memory building a portfolio");
    return rc != ITAV_OK;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const member *)a)->id, ((const member *)b)->id);
}

static int check_filter(itav_db *db, const itav_portfolio_filter *f)
{
    if (f->version == 0 || f->version > ITAV_PORTFOLIO_FILTER_VERSION)
        return itav__error(db, ITAV_EVERSION,
                           "portfolio filter version %u is not supported (struct "
                           "itav_portfolio_filter: this library knows versions 1 to %d)",
                           f->version, ITAV_PORTFOLIO_FILTER_VERSION);
    if (f->source < ITAV_PROFILE_DEFAULT || f->source > ITAV_PROFILE_OTHER)
        return itav__error(db, ITAV_EINVAL,
                           "portfolio filter: profile source %d is unknown (0 for the one in "
                           "use, or table, sections, other)",
                           (int)f->source);
    if (!f->ids && f->id_count)
        return itav__error(db, ITAV_EINVAL,
                           "portfolio filter: id_count is %zu but ids is NULL", f->id_count);
    for (size_t i = 0; f->ids && i < f->id_count; i++) {
        bool exists;
        if (!f->ids[i])
            return itav__error(db, ITAV_EINVAL, "portfolio filter: ids[%zu] is NULL", i);
        int rc = itav__exists(&exists, db, ITAV__KIND_INTERVENTION, f->ids[i]);
        if (rc != ITAV_OK)
            return rc;
        if (!exists)
            return itav__error(db, ITAV_ENOTFOUND,
                               "portfolio filter: ids[%zu]: no intervention \"%s\"", i,
                               f->ids[i]);
    }
    return ITAV_OK;
}

/* Moves the (sorted) members into p and counts. */
static int fill(itav_portfolio *p, member *v, size_t n)
{
    if (n && (!(p->present = itav__calloc(n, sizeof *p->present)) ||
              !(p->known = itav__calloc(n, sizeof *p->known))))
        return ITAV_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const member *m = &v[i];
        if (itav__strlist_add(&p->members, m->id) != ITAV_OK)
            return ITAV_ENOMEM;
        p->present[i] = m->present;
        p->known[i] = m->known;
        for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            p->npresent[e] += itav_elemset_has(m->present, (itav_element)e);
            p->nknown[e] += itav_elemset_has(m->known, (itav_element)e);
        }
        for (int f = 1; f <= ITAV_FACTOR_COUNT; f++)
            p->nfactor[f] += itav_factorset_has(m->factors, (itav_factor)f);
        p->table[m->setting][m->scope]++;
        for (int flag = 1; flag <= ITAV__PORTFOLIO_FLAGS; flag++) {
            bool on = flag == ITAV_FLAG_FEW_ELEMENTS
                          ? itav_elemset_count(m->present) < FEW_ELEMENTS
                          : !itav_elemset_has(m->present, flag_element[flag]);
            if (on && itav__strlist_add(&p->flagged[flag], m->id) != ITAV_OK)
                return ITAV_ENOMEM;
        }
    }
    return ITAV_OK;
}

ITAV_API int itav_portfolio_build(itav_portfolio **out, itav_db *db,
                                  const itav_portfolio_filter *filter)
{
    static const itav_portfolio_filter all = ITAV_PORTFOLIO_FILTER_INIT;
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the portfolio given");
    if (!filter)
        filter = &all;
    int rc = check_filter(db, filter);
    if (rc != ITAV_OK)
        return rc;
    build_state st = {db, filter, {0}, {0}, NULL, 0, 0, ITAV_OK};
    if ((rc = itav__read_begin(db)) != ITAV_OK) /* offers and interventions as one */
        return rc;
    if (filter->municipality || filter->region) {
        rc = itav__scan(db, ITAV__KIND_OFFER, ITAV_SCAN_ALL, NULL, offer_scan, &st);
        if (rc < 0 || st.rc != ITAV_OK)
            goto done;
    }
    rc = itav__scan(db, ITAV__KIND_INTERVENTION, ITAV_SCAN_ALL, NULL, intervention_scan, &st);
    if (rc < 0 || st.rc != ITAV_OK)
        goto done;
    if (st.n > 1)
        qsort(st.v, st.n, sizeof *st.v, by_id);
    itav_portfolio *p = itav__calloc(1, sizeof *p);
    rc = p ? fill(p, st.v, st.n) : ITAV_ENOMEM;
    if (rc != ITAV_OK) {
        itav_portfolio_free(p);
        rc = itav__error(db, rc, "out of memory building a portfolio");
        goto done;
    }
    p->source = filter->source;
    *out = p;
done:
    itav__read_end(db);
    if (st.rc != ITAV_OK)
        rc = st.rc;
    for (size_t i = 0; i < st.n; i++)
        itav__free(st.v[i].id);
    itav__free(st.v);
    itav__strlist_clear(&st.in_municipality);
    itav__strlist_clear(&st.in_region);
    return rc < 0 ? rc : ITAV_OK;
}

ITAV_API void itav_portfolio_free(itav_portfolio *p)
{
    if (!p)
        return;
    itav__strlist_clear(&p->members);
    itav__free(p->present);
    itav__free(p->known);
    for (int flag = 0; flag <= ITAV__PORTFOLIO_FLAGS; flag++)
        itav__strlist_clear(&p->flagged[flag]);
    itav__free(p);
}

ITAV_API size_t itav_portfolio_count(const itav_portfolio *p)
{
    return p ? p->members.n : 0;
}

ITAV_API const char *itav_portfolio_member(const itav_portfolio *p, size_t i)
{
    return p && i < p->members.n ? p->members.v[i] : NULL;
}

ITAV_API int itav_portfolio_coverage(const itav_portfolio *p, itav_element e, size_t *present,
                                     size_t *known)
{
    if (!p || e < 1 || e > ITAV_ELEMENT_COUNT)
        return ITAV_EINVAL;
    if (present)
        *present = p->npresent[e];
    if (known)
        *known = p->nknown[e];
    return ITAV_OK;
}

ITAV_API size_t itav_portfolio_factor_count(const itav_portfolio *p, itav_factor f)
{
    return p && f >= 1 && f <= ITAV_FACTOR_COUNT ? p->nfactor[f] : 0;
}

ITAV_API size_t itav_portfolio_cell(const itav_portfolio *p, itav_setting setting,
                                    itav_scope scope)
{
    if (!p || setting < 0 || setting > ITAV_SETTING_MIXED || scope < 0 ||
        scope > ITAV_SCOPE_MIXED)
        return 0;
    return p->table[setting][scope];
}

ITAV_API size_t itav_portfolio_flag_count(const itav_portfolio *p, itav_portfolio_flag flag)
{
    if (!p || flag < 1 || flag > ITAV__PORTFOLIO_FLAGS)
        return 0;
    return p->flagged[flag].n;
}

ITAV_API const char *itav_portfolio_flagged(const itav_portfolio *p, itav_portfolio_flag flag,
                                            size_t i)
{
    if (!p || flag < 1 || flag > ITAV__PORTFOLIO_FLAGS || i >= p->flagged[flag].n)
        return NULL;
    return p->flagged[flag].v[i];
}

ITAV_API int itav_portfolio_to_json(char **out, const itav_portfolio *a,
                                    const itav_portfolio *b)
{
    if (!out || !a)
        return ITAV_EINVAL;
    return itav__portfolio_json(out, a, b);
}
