/*
 * The sample plan in source-docs/: it checks clean (one intended warning),
 * and plan.json says what its sources say (tests/plans/check_sample.py
 * counts the constructs in the Markdown on its own and compares).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

Test(sample, checks_with_only_the_intended_warning)
{
	const char *argv[] = {"check", PLANCC_SOURCE_DIR "/source-docs", NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	/* H35年度 is written on purpose: plans drafted before 2019 have it. */
	cr_assert_eq(count_lines(r.err, "warning:"), 1, "%s", r.err);
	cr_assert(has_line(r.err, "05-keiei.md:136:22: warning:"), "%s", r.err);
	cr_assert_eq(count_lines(r.err, "error:"), 0, "%s", r.err);
	run_free(&r);
}

Test(sample, json_matches_the_sources)
{
	char *out = tmp_dir();
	const char *argv[] = {
	    "build", PLANCC_SOURCE_DIR "/source-docs", "-o", out, "--format", "json", NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 %s/plans/check_sample.py %s/source-docs %s/plan.json",
	         PLANCC_TESTS_DIR, PLANCC_SOURCE_DIR, out);
	int st = system(cmd);
	cr_assert_eq(st, 0, "check_sample.py found differences (printed above)");
	remove_tree(out);
	free(out);
}

Test(sample, every_paragraph_is_in_the_pdf)
{
	char *out = tmp_dir();
	const char *argv[] = {"build", PLANCC_SOURCE_DIR "/source-docs", "-o", out, NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	/* The text block only: the running header and page number would
	 * otherwise cut paragraphs that run over a page break. */
	char cmd[8192];
	snprintf(cmd, sizeof cmd,
	         "pdftotext -x 0 -y 70 -W 596 -H 700 %s/plan.pdf %s/plan.txt && "
	         "python3 %s/plans/check_pdf_text.py %s/source-docs %s/plan.json %s/plan.txt",
	         out, out, PLANCC_TESTS_DIR, PLANCC_SOURCE_DIR, out, out);
	cr_assert_eq(system(cmd), 0, "paragraphs missing from the PDF (printed above)");
	/* and the index: each page number it prints shows the term */
	snprintf(cmd, sizeof cmd, "python3 %s/plans/check_pdf_index.py %s/plan.pdf %s/plan.json",
	         PLANCC_TESTS_DIR, out, out);
	cr_assert_eq(system(cmd), 0, "index pages wrong (printed above)");
	remove_tree(out);
	free(out);
}

/* Built alone, the screen booklet is drawn for the last time, and drawing
 * gives back the glyphs and ops of each page done (render/pdf/draw.c);
 * built with the print edition, which draws the same layout again after,
 * it keeps them all. The two plan.pdf files are the same bytes: nothing
 * given back was read again. */
Test(sample, the_booklet_drawn_last_is_the_booklet_drawn_before_the_print_edition)
{
	char *alone = tmp_dir(), *with_print = tmp_dir();
	const char *a[] = {
	    "build", PLANCC_SOURCE_DIR "/source-docs", "-o", alone, "--format", "pdf", NULL};
	const char *b[] = {
	    "build", PLANCC_SOURCE_DIR "/source-docs", "-o", with_print, "--format", "pdf,print",
	    NULL};
	run_result ra = run_plancc(NULL, a), rb = run_plancc(NULL, b);
	cr_assert_eq(ra.status, 0, "%s", ra.err);
	cr_assert_eq(rb.status, 0, "%s", rb.err);
	char p1[4096], p2[4096];
	snprintf(p1, sizeof p1, "%s/plan.pdf", alone);
	snprintf(p2, sizeof p2, "%s/plan.pdf", with_print);
	size_t n1, n2;
	char *x = read_whole(p1, &n1), *y = read_whole(p2, &n2);
	cr_assert(x && y);
	cr_expect(n1 == n2 && !memcmp(x, y, n1),
	          "the screen booklet differs when drawn last (%zu bytes) and before the print "
	          "edition (%zu bytes)",
	          n1, n2);
	free(x);
	free(y);
	run_free(&ra);
	run_free(&rb);
	remove_tree(alone);
	remove_tree(with_print);
	free(alone);
	free(with_print);
}
