/* Indicators as data: CSV/JSON export, achievement rates, the warnings. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const char *PLAN = "---\ntitle: 計画\n---\n# 1 まち {#town}\n\n## 1-1 医療 {#med}\n\n"
                          "```indicators\n"
                          "指標名\t把握方法\t基準値 (R2年度)\t中間目標値 (R5年度)\t目標値 "
                          "(R8年度)\t実績値 (R4年度)\t実績値 (R6年度)\n"
                          "受診率\t\"調査\", 年1回\t40.0%\t45.0%\t50.0%\t42.0%\t46.0%\n"
                          "待ち時間\t計測\t60 分\t50 分\t40 分\t\t55 分\n"
                          "予算\t決算\t0.6億円\t－\t67万円\n"
                          "```\n";

static run_result export(const char *plan, const char *file)
{
	const char *argv[] = {"indicators", plan, "-o", file, NULL};
	return run_plancc(NULL, argv);
}

Test(indicators, csv_reads_back_with_rates)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	write_file(plan, "00.md", PLAN);
	char file[4096];
	snprintf(file, sizeof file, "%s/i.csv", out);
	run_result r = export(plan, file);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	char cmd[8192];
	snprintf(
	    cmd, sizeof cmd,
	    "python3 %s/plans/check_indicators_csv.py %s 3 '受診率|達成率(%%)|60.0' "
	    "'受診率|実績値|46.0%%' '受診率|実績値西暦年|2024' '受診率|把握方法|\"調査\", 年1回' "
	    "'受診率|施策番号|1-1' '受診率|章id|town' '待ち時間|達成率(%%)|25.0' "
	    "'待ち時間|方向|減' "
	    "'予算|基準値数値|60000000' '予算|中間目標値数値|' '予算|目標値単位|円' "
	    "'予算|基準値年区分|年度' '予算|達成率(%%)|'",
	    PLANCC_TESTS_DIR, file);
	cr_assert_eq(system(cmd), 0, "CSV differs (printed above)");
	snprintf(file, sizeof file, "%s/i.json", out);
	r = export(plan, file);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	char *json = read_whole(file, NULL);
	cr_assert_not_null(strstr(json, "\"achievement_rate\": 60"), "%s", json);
	free(json);
	snprintf(file, sizeof file, "%s/i.txt", out);
	r = export(plan, file);
	cr_assert_eq(r.status, 2);
	run_free(&r);
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

Test(indicators, warnings_at_the_cell)
{
	char *plan = tmp_dir();
	write_file(plan, "00.md",
	           "---\ntitle: 計画\n---\n# 章\n\n```indicators\n"
	           "指標名\t基準値 (R5年度)\t中間目標値 (R3年度)\t目標値 (R8年度)\t方向\n"
	           "単位違い\t10 人\t12 人\t15 件\t増\n"
	           "同じ値\t10 人\t10 人\t10 人\n"
	           "逆向き\t10 人\t9 人\t8 人\t増\n"
	           "```\n");
	const char *argv[] = {"check", plan, NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	/* the header years: midterm R3 before baseline R5, once, at the header */
	cr_assert_eq(count_lines(r.err, "中間目標値の年（R3年度）"), 1, "%s", r.err);
	cr_assert(strstr(r.err, "00.md:7:16: warning: 中間目標値の年"), "%s", r.err);
	cr_assert(strstr(r.err, "00.md:8:16: warning: 目標値の単位「件」"), "%s", r.err);
	cr_assert(strstr(r.err, "00.md:9:15: warning: 目標値 10 人 が基準値と同じ"), "%s", r.err);
	cr_assert(strstr(r.err, "00.md:10:14: warning: 方向は「増」"), "%s", r.err);
	run_free(&r);
	remove_tree(plan);
	free(plan);
}
