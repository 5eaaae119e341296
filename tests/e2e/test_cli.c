/*
 * End-to-end tests of the command line (compiler/main.c): usage and exit
 * statuses, the default plan folder, `build` and its output transaction,
 * --strict and --draft, and the content of plan.json for a small plan
 * (checked by tests/plans/check_plan_json.py when python3 is there).
 *
 * Each test has its own temporary folder (plan/ and out/ inside it),
 * removed afterwards.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"

#define FM "---\ntitle: テスト計画\n---\n"

static char *work;                 /* this test's folder */
static char plan[4200], out[4200]; /* work/plan, work/out */

static void setup(void)
{
	work = tmp_dir();
	snprintf(plan, sizeof plan, "%s/plan", work);
	snprintf(out, sizeof out, "%s/out", work);
	mkdir(plan, 0777);
}

/* Also called by a test before it skips, since Criterion runs no .fini
 * after cr_skip_test; hence idempotent. */
static void teardown(void)
{
	if (!work)
		return;
	char cmd[4300];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwX '%s' 2>/dev/null", work);
	if (system(cmd) == -1)
		perror("system");
	remove_tree(work);
	free(work);
	work = NULL;
}

TestSuite(cli, .init = setup, .fini = teardown, .timeout = 60);
TestSuite(json, .init = setup, .fini = teardown, .timeout = 60);


#define expect_status(r, want)                                                                     \
	cr_assert_eq((r)->status, (want), "exit status %d, expected %d; stdout:\n%s\nstderr:\n%s", \
	             (r)->status, (want), (r)->out, (r)->err)

static char *path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Number of entries in dir whose name contains needle. */
static int count_names(const char *dir, const char *needle)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strstr(e->d_name, needle))
			n++;
	closedir(d);
	return n;
}

static void good_plan(void)
{
	write_file(plan, "00-a.md", FM "\n# 1 総論\n\n本文です。\n");
}

/* ---- usage ---- */

Test(cli, help)
{
	run_result r = plancc("--help", NULL);
	expect_status(&r, 0);
	cr_assert(has_line(r.out, "usage: plancc"), "usage on stdout:\n%s", r.out);
	cr_assert(strstr(r.out, "check") && strstr(r.out, "build"), "both commands named:\n%s",
	          r.out);
	cr_assert_str_eq(r.err, "", "nothing on stderr:\n%s", r.err);
	run_free(&r);
}

Test(cli, help_after_command)
{
	run_result r = plancc("build", "--help", NULL);
	expect_status(&r, 0);
	cr_assert(has_line(r.out, "usage: plancc"), "usage on stdout:\n%s", r.out);
	run_free(&r);
}

Test(cli, version)
{
	run_result r = plancc("--version", NULL);
	expect_status(&r, 0);
	cr_assert(!strncmp(r.out, "plancc ", 7) && r.out[7] >= '0' && r.out[7] <= '9',
	          "\"plancc N.N.N\" expected, got:\n%s", r.out);
	run_free(&r);
}

Test(cli, no_command)
{
	run_result r = plancc(NULL);
	expect_status(&r, 2);
	cr_assert(strstr(r.err, "usage"), "usage on stderr:\n%s", r.err);
	cr_assert_str_eq(r.out, "", "nothing on stdout:\n%s", r.out);
	run_free(&r);
}

Test(cli, unknown_command)
{
	run_result r = plancc("frobnicate", plan, NULL);
	expect_status(&r, 2);
	cr_assert(strstr(r.err, "frobnicate"), "the command is named:\n%s", r.err);
	run_free(&r);
}

Test(cli, unknown_option)
{
	good_plan();
	run_result r = plancc("check", plan, "--bogus", NULL);
	expect_status(&r, 2);
	cr_assert(strstr(r.err, "--bogus"), "the option is named:\n%s", r.err);
	run_free(&r);
}

Test(cli, build_option_with_check)
{
	good_plan();
	run_result r = plancc("check", plan, "--draft", NULL);
	expect_status(&r, 2);
	run_free(&r);
}

Test(cli, two_plan_folders)
{
	good_plan();
	run_result r = plancc("check", plan, plan, NULL);
	expect_status(&r, 2);
	run_free(&r);
}

Test(cli, output_option_without_folder)
{
	good_plan();
	run_result r = plancc("build", plan, "-o", NULL);
	expect_status(&r, 2);
	cr_assert(!exists(out), "nothing written");
	run_free(&r);
}

Test(cli, unknown_format)
{
	good_plan();
	run_result r = plancc("build", plan, "-o", out, "--format", "nosuchformat", NULL);
	expect_status(&r, 2);
	cr_assert(strstr(r.err, "nosuchformat"), "the format is named:\n%s", r.err);
	cr_assert(!exists(out), "nothing written for a usage error");
	run_free(&r);
}

Test(cli, unknown_format_in_list)
{
	good_plan();
	run_result r = plancc("build", plan, "-o", out, "--format", "json,nosuchformat", NULL);
	expect_status(&r, 2);
	cr_assert(!exists(out), "nothing written for a usage error");
	run_free(&r);
}

/* ---- the plan folder ---- */

Test(cli, check_default_folder_is_source_docs)
{
	/* The sample plan is there once source-docs/ holds a chapter; until
	 * then (no folder, or a folder without .md files) check must fail
	 * naming the folder. */
	const char *argv[] = {"check", NULL};
	char *docs = path_in(PLANCC_SOURCE_DIR, "source-docs");
	bool present = count_names(docs, ".md") > 0;
	free(docs);
	run_result r = run_plancc(PLANCC_SOURCE_DIR, argv);
	if (present) {
		expect_status(&r, 0);
	} else {
		expect_status(&r, 1);
		cr_assert(strstr(r.err, "source-docs"), "the missing folder is named:\n%s", r.err);
		cr_assert(strstr(r.err, "error:"), "reported as an error:\n%s", r.err);
	}
	run_free(&r);
}

Test(cli, missing_plan_folder)
{
	char *missing = path_in(work, "no-such-plan");
	run_result r = plancc("check", missing, NULL);
	expect_status(&r, 1);
	cr_assert(strstr(r.err, "no-such-plan"), "the folder is named:\n%s", r.err);
	cr_assert(strstr(r.err, "error:"), "reported as an error:\n%s", r.err);
	cr_assert(strstr(r.err, "（見つかりません）"), "the reason in Japanese:\n%s", r.err);
	free(missing);
	run_free(&r);
}

Test(cli, plan_folder_without_chapters)
{
	write_file(plan, "notes.txt", "not a chapter\n");
	run_result r = plancc("check", plan, NULL);
	expect_status(&r, 1);
	cr_assert(strstr(r.err, "error:") && strstr(r.err, ".md"), "no .md files reported:\n%s",
	          r.err);
	run_free(&r);
}

Test(cli, check_writes_nothing)
{
	good_plan();
	const char *argv[] = {"check", "plan", NULL};
	run_result r = run_plancc(work, argv);
	expect_status(&r, 0);
	cr_assert(!exists(out), "check wrote an output folder");
	run_free(&r);
}

/* ---- build ---- */

Test(cli, build_writes_plan_json)
{
	good_plan();
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 0);
	char *json = path_in(out, "plan.json");
	char *text = read_whole(json, NULL);
	cr_assert(text, "%s not written; stderr:\n%s", json, r.err);
	cr_assert(text[0] == '{', "plan.json is an object:\n%.200s", text);
	cr_assert(strstr(text, "\"plancc-plan/2\""), "schema named:\n%.200s", text);
	cr_assert(strstr(text, "テスト計画"), "title present");
	cr_assert_eq(count_names(out, ".tmp-"), 0, "temporary files left in %s", out);
	free(text);
	free(json);
	run_free(&r);
}

Test(cli, build_with_default_formats_writes_plan_json)
{
	good_plan();
	run_result r = plancc("build", plan, "-o", out, NULL);
	expect_status(&r, 0);
	char *json = path_in(out, "plan.json");
	cr_assert(exists(json), "%s not written; stderr:\n%s", json, r.err);
	cr_assert_eq(count_names(out, ".tmp-"), 0, "temporary files left in %s", out);
	free(json);
	run_free(&r);
}

Test(cli, build_creates_nested_output_folder)
{
	good_plan();
	char *deep = path_in(work, "a/b/c");
	run_result r = plancc("build", plan, "-o", deep, "--format", "json", NULL);
	expect_status(&r, 0);
	char *json = path_in(deep, "plan.json");
	cr_assert(exists(json), "%s not written; stderr:\n%s", json, r.err);
	free(json);
	free(deep);
	run_free(&r);
}

Test(cli, build_default_output_folder)
{
	good_plan();
	const char *argv[] = {"build", "plan", "--format", "json", NULL};
	run_result r = run_plancc(work, argv);
	expect_status(&r, 0);
	char *json = path_in(work, "output/plan.json");
	cr_assert(exists(json), "output/plan.json not written; stderr:\n%s", r.err);
	free(json);
	run_free(&r);
}

Test(cli, failed_build_keeps_previous_output)
{
	good_plan();
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 0);
	run_free(&r);
	char *json = path_in(out, "plan.json");
	size_t before_len = 0;
	char *before = read_whole(json, &before_len);
	cr_assert(before, "first build wrote nothing");

	/* Now the plan has an error (and a changed title). */
	write_file(plan, "00-a.md", FM "\n# 1 別の総論\n\n[未定義語](term:)\n");
	r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 1);
	cr_assert(strstr(r.err, "00-a.md:7:1: error: "), "the error is reported:\n%s", r.err);

	size_t after_len = 0;
	char *after = read_whole(json, &after_len);
	cr_assert(after, "plan.json was removed by the failed build");
	cr_assert(after_len == before_len && !memcmp(before, after, before_len),
	          "plan.json changed by the failed build");
	cr_assert_eq(count_names(out, ".tmp-"), 0, "temporary files left in %s", out);
	free(before);
	free(after);
	free(json);
	run_free(&r);
}

Test(cli, failed_build_writes_no_output_folder)
{
	write_file(plan, "00-a.md", FM "\n[未定義語](term:)\n");
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 1);
	cr_assert(!exists(out), "an output folder was made by a failed build");
	run_free(&r);
}

Test(cli, output_under_a_regular_file)
{
	good_plan();
	write_file(work, "somefile", "a file, not a folder\n");
	char *bad = path_in(work, "somefile/out");
	run_result r = plancc("build", plan, "-o", bad, "--format", "json", NULL);
	expect_status(&r, 1);
	cr_assert(strstr(r.err, "error:"), "an error is reported:\n%s", r.err);
	cr_assert_eq(count_names(work, ".tmp-"), 0, "temporary files left in %s", work);
	free(bad);
	run_free(&r);
}

Test(cli, output_folder_not_writable)
{
	if (geteuid() == 0) {
		teardown();
		cr_skip_test("root can write into a folder whatever its mode");
	}
	good_plan();
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 0);
	run_free(&r);
	char *json = path_in(out, "plan.json");
	size_t before_len = 0;
	char *before = read_whole(json, &before_len);
	cr_assert_eq(chmod(out, 0555), 0);

	write_file(plan, "00-a.md", FM "\n# 1 別の総論\n");
	r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	chmod(out, 0755);
	expect_status(&r, 1);
	cr_assert(strstr(r.err, "error:"), "an error is reported:\n%s", r.err);
	size_t after_len = 0;
	char *after = read_whole(json, &after_len);
	cr_assert(after && after_len == before_len && !memcmp(before, after, before_len),
	          "plan.json changed by the failed build");
	cr_assert_eq(count_names(out, ".tmp-"), 0, "temporary files left in %s", out);
	free(before);
	free(after);
	free(json);
	run_free(&r);
}

Test(cli, output_file_blocked_by_a_folder)
{
	/* plan.json cannot replace a folder of that name: the rename fails
	 * after the temporary file was written, for root too. */
	good_plan();
	char *json = path_in(out, "plan.json");
	cr_assert_eq(mkdir(out, 0777), 0);
	cr_assert_eq(mkdir(json, 0777), 0);
	write_file(json, "keep.txt", "keep\n");
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 1);
	cr_assert(strstr(r.err, "error:"), "an error is reported:\n%s", r.err);
	cr_assert_eq(count_names(out, ".tmp-"), 0, "temporary files left in %s", out);
	char *keep = path_in(json, "keep.txt");
	cr_assert(exists(keep), "the folder's content was touched");
	free(keep);
	free(json);
	run_free(&r);
}

/* ---- --strict and --draft ---- */

static void plan_with_warning(void)
{
	write_file(plan, "00-a.md",
	           "---\n"
	           "title: テスト計画\n"
	           "colour: blue\n" /* line 3: unknown key, a warning */
	           "---\n"
	           "\n"
	           "# 1 総論\n");
}

Test(cli, warning_alone_exits_zero)
{
	plan_with_warning();
	run_result r = plancc("check", plan, NULL);
	expect_status(&r, 0);
	cr_assert(strstr(r.err, "00-a.md:3:1: warning: "), "the warning is reported:\n%s", r.err);
	run_free(&r);
}

Test(cli, strict_turns_warning_into_error)
{
	plan_with_warning();
	run_result r = plancc("check", plan, "--strict", NULL);
	expect_status(&r, 1);
	cr_assert(strstr(r.err, "00-a.md:3:1: error: "), "reported as an error:\n%s", r.err);
	run_free(&r);
}

Test(cli, strict_build_writes_nothing)
{
	plan_with_warning();
	run_result r = plancc("build", plan, "-o", out, "--format", "json", "--strict", NULL);
	expect_status(&r, 1);
	cr_assert(!exists(out), "a strict build with a warning wrote output");
	run_free(&r);
}

Test(cli, build_with_warning_writes_output)
{
	plan_with_warning();
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 0);
	char *json = path_in(out, "plan.json");
	cr_assert(exists(json), "plan.json not written; stderr:\n%s", r.err);
	free(json);
	run_free(&r);
}

/* plan.json's meta.draft, read without a JSON parser: "draft": true|false. */
static const char *draft_value(const char *text)
{
	const char *m = strstr(text, "\"meta\"");
	const char *d = m ? strstr(m, "\"draft\"") : NULL;
	if (!d)
		return "missing";
	d += strlen("\"draft\"");
	while (*d == ' ' || *d == ':')
		d++;
	return !strncmp(d, "true", 4) ? "true" : !strncmp(d, "false", 5) ? "false" : "other";
}

Test(cli, draft_flag_sets_draft)
{
	good_plan();
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 0);
	run_free(&r);
	char *json = path_in(out, "plan.json");
	char *text = read_whole(json, NULL);
	cr_assert(text);
	cr_assert_str_eq(draft_value(text), "false", "draft without --draft");
	free(text);

	r = plancc("build", plan, "-o", out, "--format", "json", "--draft", NULL);
	expect_status(&r, 0);
	text = read_whole(json, NULL);
	cr_assert(text);
	cr_assert_str_eq(draft_value(text), "true", "draft with --draft");
	free(text);
	free(json);
	run_free(&r);
}

Test(cli, draft_from_front_matter)
{
	write_file(plan, "00-a.md", "---\ntitle: テスト計画\ndraft: true\n---\n\n# 1 総論\n");
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 0);
	char *json = path_in(out, "plan.json");
	char *text = read_whole(json, NULL);
	cr_assert(text);
	cr_assert_str_eq(draft_value(text), "true", "draft: true in the front matter");
	free(text);
	free(json);
	run_free(&r);
}

/* ---- plan.json content ---- */

static void json_plan(void)
{
	write_file(
	    plan, "00-intro.md",
	    "---\n"                             /* 1 */
	    "title: 第2次みどり市総合計画\n"    /* 2 */
	    "city: みどり市\n"                  /* 3 */
	    "period: 2022-2031\n"               /* 4 */
	    "---\n"                             /* 5 */
	    "\n"                                /* 6 */
	    "# 7 協働と行財政 {#ch7}\n"         /* 7 */
	    "\n"                                /* 8 */
	    "## 7-1 みんなが主役のまちづくり\n" /* 9 */
	    "\n"                                /* 10 */
	    "### 目指す姿\n"                    /* 11 */
	    "\n"                                /* 12 */
	    "[多様な主体](term:ダイバーシティ)が活躍し、[ダイバーシティ](term:)を尊重する"
	    "まち。詳しくは[](ref:trust)と[指標表](ref:kpi71)を参照。\n" /* 13 */
	    "\n"                                                         /* 14 */
	    "```indicators id=kpi71 caption=\"成果指標\"\n"              /* 15 */
	    "指標名\t把握方法\t現在値 (H29年度)\t中間目標値 (R4年度)\t最終目標値 (R8年度)\n"
	    /* 16 */
	    "NPO・ボランティア登録団体数\t市を拠点とする団体の合計\t93 団体\t105 団体\t113 団体\n"
	    /* 17 */
	    "基金残高\t決算額\t0.4億円 @ R2年度\t0.5億円\t0.6億円\n" /* 18 */
	    "```\n"                                                  /* 19 */
	    "\n"                                                     /* 20 */
	    "```glossary\n"                                          /* 21 */
	    "用語\t読み\t説明\t別名\n"                               /* 22 */
	    "ダイバーシティ\t\t国籍や性別、年齢などの違いを受け入れること。\t"
	    "多様性:たようせい、ダイバース\n" /* 23 */
	    "経常収支比率\tけいじょうしゅうしひりつ\t経常的な経費に充てられる一般財源の割合。\t\n"
	    /* 24 */
	    "```\n"); /* 25 */
	write_file(plan, "01-policy.md",
	           "## 7-2 信頼される行財政運営 {#trust sdgs=15,16,17}\n" /* 1 */
	           "\n"                                                   /* 2 */
	           "[](ref:ch7)の続き。ダイバーシティを進め、"
	           "[住民自治協議会](index:じゅうみんじちきょうぎかい)を支える。\n"); /* 3 */
}

static bool have_python(void)
{
	int st = system("python3 -c 'import json' >/dev/null 2>&1");
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

Test(json, plan_contents)
{
	json_plan();
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 0);
	cr_assert_str_eq(r.err, "", "the plan is clean; stderr:\n%s", r.err);
	char *json = path_in(out, "plan.json");
	char *text = read_whole(json, NULL);
	cr_assert(text, "plan.json not written");

	/* Fragments that do not depend on the layout of the file (checked
	 * without stopping, so that the full check below still runs). */
	cr_expect(strstr(text, "\"だいばーしてぃ\""), "derived reading of ダイバーシティ");
	cr_expect(strstr(text, "\"けいじょうしゅうしひりつ\""), "given reading");
	cr_expect(strstr(text, "60000000"), "0.6億円 as a number");
	cr_expect(strstr(text, "\"7-2 信頼される行財政運営\""), "target text of ref:trust");

	if (have_python()) {
		char cmd[9000];
		snprintf(cmd, sizeof cmd, "python3 '%s/plans/check_plan_json.py' '%s' 1>&2",
		         PLANCC_TESTS_DIR, json);
		int st = system(cmd);
		cr_assert(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		          "check_plan_json.py found mismatches (listed above)");
	}
	free(text);
	free(json);
	run_free(&r);
}

Test(json, same_plan_same_bytes)
{
	/* Builds are deterministic: two builds give the same plan.json. */
	json_plan();
	char *out2 = path_in(work, "out2");
	run_result r = plancc("build", plan, "-o", out, "--format", "json", NULL);
	expect_status(&r, 0);
	run_free(&r);
	r = plancc("build", plan, "-o", out2, "--format", "json", NULL);
	expect_status(&r, 0);
	char *j1 = path_in(out, "plan.json"), *j2 = path_in(out2, "plan.json");
	size_t n1 = 0, n2 = 0;
	char *t1 = read_whole(j1, &n1), *t2 = read_whole(j2, &n2);
	cr_assert(t1 && t2 && n1 == n2 && !memcmp(t1, t2, n1), "the two plan.json differ");
	free(t1);
	free(t2);
	free(j1);
	free(j2);
	free(out2);
	run_free(&r);
}
