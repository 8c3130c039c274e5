/* Tests of itav/review.h. ISSUE4: placeholder until the review work lands; it fails on purpose. */
#include "testutil.h"

START_TEST(not_written_yet)
{
    ck_abort_msg("the review tests are not written yet");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("review");
    TCase *tc = tcase_create("review");
    tcase_add_test(tc, not_written_yet);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
