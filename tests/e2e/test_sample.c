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
	const char *argv[] = {"build", PLANCC_SOURCE_DIR "/source-docs", "-o", out, "--format", "json",
			      NULL};
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
