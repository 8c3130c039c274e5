// A C++11 program on the public headers: every ITAV_*_INIT initialiser must be valid C++
// aggregate initialisation, and the extern "C" blocks must give C linkage (else the link
// fails). Compiled, linked and run by headers.py with -std=c++11 -pedantic -Werror.
#include <itav.h>
#include <itav/backend.h>

#include <cstdio>
#include <cstring>
#include <string>

static int failures = 0;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

int main()
{
    itav_intervention_filter filter = ITAV_INTERVENTION_FILTER_INIT;
    itav_participant_filter participants = ITAV_PARTICIPANT_FILTER_INIT;
    itav_match_filter matches = ITAV_MATCH_FILTER_INIT;
    itav_match_options options = ITAV_MATCH_OPTIONS_INIT;
    itav_portfolio_filter portfolio = ITAV_PORTFOLIO_FILTER_INIT;
    itav_question question = ITAV_QUESTION_INIT;
    itav_report_options report = ITAV_REPORT_OPTIONS_INIT;
    itav_backend backend = ITAV_BACKEND_INIT;
    CHECK(filter.version == ITAV_INTERVENTION_FILTER_VERSION);
    CHECK(participants.version == ITAV_PARTICIPANT_FILTER_VERSION);
    CHECK(matches.version == ITAV_MATCH_FILTER_VERSION);
    CHECK(options.version == ITAV_MATCH_OPTIONS_VERSION && options.min_score == 0.4);
    CHECK(portfolio.version == ITAV_PORTFOLIO_FILTER_VERSION);
    CHECK(question.version == ITAV_QUESTION_VERSION && question.age_months == ITAV_AGE_NONE);
    CHECK(report.version == ITAV_REPORT_OPTIONS_VERSION && report.k == 5);
    CHECK(backend.version == ITAV_BACKEND_VERSION && backend.purge == NULL);

    // Built in the same tree as the library, so the versions are equal.
    CHECK(std::string(itav_version()) == ITAV_VERSION_STRING);
    CHECK(itav_version_number() == ITAV_VERSION_NUMBER);
    CHECK(std::strcmp(itav_strerror(ITAV_EVERSION), "unsupported version") == 0);

    itav_db *db = NULL;
    CHECK(itav_open(&db, "memory:") == ITAV_OK);
    CHECK(itav_catalog_load(db) == ITAV_OK);

    filter.all_of = itav_elemset_add(0, ITAV_ELEMENT_INFORMAL_SUPPORT);
    itav_intervention_iter *it = NULL;
    itav_intervention *iv = NULL;
    int listed = 0, buurtgezinnen = 0, rc;
    CHECK(itav_intervention_list(&it, db, &filter) == ITAV_OK);
    while ((rc = itav_intervention_iter_next(&iv, it)) == ITAV_OK) {
        listed++;
        if (std::strcmp(itav_intervention_id(iv), "buurtgezinnen") == 0)
            buurtgezinnen++;
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    CHECK(rc == ITAV_ITEROVER);
    CHECK(listed >= 10 && buurtgezinnen == 1);

    // The participant filter with its defaults lists nothing in a store without people.
    itav_participant_iter *pit = NULL;
    itav_participant *p = NULL;
    CHECK(itav_participant_list(&pit, db, &participants) == ITAV_OK);
    CHECK(itav_participant_iter_next(&p, pit) == ITAV_ITEROVER);
    itav_participant_iter_free(pit);

    itav_report *r = NULL;
    CHECK(itav_report_programme(&r, db, "itav-hoeksche-waard-2020", &report) == ITAV_OK);
    CHECK(itav_report_table_count(r) == 9);
    itav_report_free(r);

    report.version = ITAV_REPORT_OPTIONS_VERSION + 1;
    CHECK(itav_report_programme(&r, db, "itav-hoeksche-waard-2020", &report) ==
          ITAV_EVERSION);
    itav_close(db);

    if (failures)
        return 1;
    std::printf("C++ client: %d interventions with informal support, report of 8 tables\n",
                listed);
    return 0;
}
