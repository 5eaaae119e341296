/*
 * The yearly progress report (docs/format.md §2.1, §5.5, §11;
 * docs/indicators.md): each grading style of a city's evaluation
 * guideline on a small plan whose grades are computed by hand in the
 * comments; a plan across three years; rules and evaluation blocks
 * written wrong; the stable ids and the city code of the open data; the
 * outputs of `plancc report` read back with Python's csv and json.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/grade.h"
#include "support.h"

/* ---- helpers ------------------------------------------------------------- */

static pc_doc *doc_;
static pc_diags d_;

/* Compiles md (the plan's only file) and grades it for year. */
static const pc_report *report(const char *md, int year)
{
	doc_ = compile_text(md, &d_);
	for (size_t i = 0; i < d_.len; i++)
		cr_assert_neq(d_.items[i].sev, PC_SEV_ERROR, "%u:%u: %s", d_.items[i].line,
		              d_.items[i].col, d_.items[i].msg);
	return pc_report_of(doc_, year, &d_);
}

static void done(void)
{
	compile_text_done(doc_, &d_);
	doc_ = NULL;
}

static const pc_ind_grade *ind(const pc_report *r, const char *name)
{
	for (size_t m = 0; m < r->nmeasures; m++)
		for (size_t i = 0; i < r->measures[m].ninds; i++)
			if (!strcmp(r->measures[m].inds[i].ind->name, name))
				return &r->measures[m].inds[i];
	cr_assert_fail("no indicator %s", name);
	return NULL;
}

static const pc_measure_grade *measure(const pc_report *r, const char *number)
{
	for (size_t m = 0; m < r->nmeasures; m++)
		if (!strcmp(r->measures[m].measure->u.section->number, number))
			return &r->measures[m];
	cr_assert_fail("no measure %s", number);
	return NULL;
}

/* The indicator's grade, and its value when score is not NAN. */
static void expect(const pc_report *r, const char *name, const char *grade, double score)
{
	const pc_ind_grade *g = ind(r, name);
	cr_assert_str_eq(g->grade, grade, "%s: grade %s, want %s (%s)", name, g->grade, grade,
	                 g->note ? g->note : "");
	if (isnan(score))
		cr_assert_not(g->has_score, "%s has a value %.1f", name, g->score);
	else {
		cr_assert(g->has_score, "%s: no value (%s)", name, g->note ? g->note : "");
		cr_assert_float_eq(g->score, score, 1e-9, "%s: %.4f, want %.1f", name, g->score,
		                   score);
	}
}

/* The first message of a compile, as FILE:LINE:COL and its text. */
static char *messages(const char *md)
{
	pc_diags d;
	pc_doc *doc = compile_text(md, &d);
	pc_diags_sort(&d);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pc_diags_print(&d, f);
	fclose(f);
	compile_text_done(doc, &d);
	return buf;
}

#define FRONT(rule) "---\ntitle: テスト市総合計画\ncity: テスト市\nperiod: 2027-2031\n" rule "---\n"

/* ---- each grading style ----------------------------------------------------- */

/* The default rule: 進捗率, A ≥ 100, B ≥ 80, C ≥ 50, D; measures by the
 * mean of the points A 4, B 3, C 2, D 1. */
static const char *const PROGRESS =
    FRONT("") "# 1 章 {#c1}\n## 1-1 施策 {#m1}\n"
              "```indicators\n"
              "指標名\t方向\t基準値 (R8年度)\t目標値 (R13年度)\t実績値 (R10年度)\n"
              "到達\t増\t40%\t60%\t60%\n"
              "八割五分\t増\t100 件\t200 件\t185 件\n"
              "境界\t増\t100 件\t200 件\t150 件\n"
              "わずかに下\t増\t100 件\t200 件\t149.9 件\n"
              "減らす\t減\t60 分\t40 分\t55 分\n"
              "集計中\t増\t100 件\t200 件\t集計中\n"
              "困難\t増\t100 件\t200 件\t評価困難\n"
              "維持する\t維持\t486 人\t486 人\t471 人\n"
              "```\n";

Test(report, progress_rate_in_bands)
{
	const pc_report *r = report(PROGRESS, 2028);
	expect(r, "到達", "A", 100.0);      /* (60−40)/(60−40) */
	expect(r, "八割五分", "B", 85.0);   /* (185−100)/(200−100) */
	expect(r, "境界", "C", 50.0);       /* exactly 50 is C */
	expect(r, "わずかに下", "D", 49.9); /* 49.9 < 50 */
	expect(r, "減らす", "D", 25.0);     /* (55−60)/(40−60) */
	expect(r, "集計中", "－", NAN);     /* text: the none grade */
	expect(r, "困難", "評価困難", NAN); /* an extra grade written as the result */
	expect(r, "維持する", "B", 96.9);   /* kept: 471/486 = 96.91 */
	cr_assert_str_eq(ind(r, "八割五分")->score_text, "85.0%");
	cr_assert_not_null(strstr(ind(r, "集計中")->note, "数値ではありません"));
	/* the measure: A 4, B 3, C 2, D 1, D 1, B 3 → 14/6 = 2.33 → C */
	const pc_measure_grade *m = measure(r, "1-1");
	cr_assert_float_eq(m->average, 14.0 / 6, 1e-9);
	cr_assert_str_eq(m->grade, "C");
	/* the counts: one measure C; indicators A1 B2 C1 D2, 評価困難 1, － 1 */
	static const size_t want[] = {1, 2, 1, 2, 0, 0, 1, 1};
	cr_assert_eq(r->ngrades, 8);
	for (size_t g = 0; g < r->ngrades; g++)
		cr_assert_eq(r->total.indicators[g], want[g], "%s: %zu", r->grades[g],
		             r->total.indicators[g]);
	cr_assert_eq(r->total.measures[2], 1);
	done();
}

/* S past the target, A better than the baseline by more than 10 %, B
 * within ±10 % of it, C worse; 「−」 when it cannot be measured. */
static const char *const AGAINST_BASELINE =
    FRONT("評価方法: 基準値比\n評価区分: S（目標達成）、A（改善）、B（維持）、C（悪化）\n"
          "維持の幅: ±10%\n測定不能: −\n") "# 1 章 {#c1}\n## 1-1 施策 {#m1}\n"
                                           "```indicators\n"
                                           "| 指標名 | 基準値 (R8年度) | 目標値 (R13年度) | "
                                           "実績値 (R10年度) |\n"
                                           "|---|---|---|---|\n"
                                           "| 超えた | 100 件 | 120 件 | 125 件 |\n"
                                           "| よくなった | 100 件 | 120 件 | 112 件 |\n"
                                           "| 幅の上端 | 100 件 | 120 件 | 110 件 |\n"
                                           "| 幅の中 | 100 件 | 120 件 | 91 件 |\n"
                                           "| 悪くなった | 100 件 | 120 件 | 89 件 |\n"
                                           "| 減って改善 | 50 分 | 40 分 | 44 分 |\n"
                                           "| 減って達成 | 50 分 | 40 分 | 40 分 |\n"
                                           "| 測れない | 100 件 | 120 件 | － |\n"
                                           "```\n";

Test(report, against_the_baseline_with_a_tolerance)
{
	const pc_report *r = report(AGAINST_BASELINE, 2028);
	expect(r, "超えた", "S", 25.0);      /* 125 ≥ 120; (125−100)/100 */
	expect(r, "よくなった", "A", 12.0);  /* +12 % > 10 % */
	expect(r, "幅の上端", "B", 10.0);    /* +10 % is within ±10 % */
	expect(r, "幅の中", "B", -9.0);      /* −9 % */
	expect(r, "悪くなった", "C", -11.0); /* −11 % */
	expect(r, "減って改善", "A", 12.0);  /* (44−50)/50 = −12 %, turned: +12 */
	expect(r, "減って達成", "S", 20.0);  /* 40 ≤ 40 */
	expect(r, "測れない", "−", NAN);
	/* S 4, A 3, B 2, B 2, C 1, A 3, S 4 → 19/7 = 2.71 → A (3) */
	cr_assert_str_eq(measure(r, "1-1")->grade, "A");
	cr_assert_str_eq(r->grades[r->ngrades - 1], "−");
	done();
}

/* The target pro-rated over the term 2027–2031: 20 % of the way a year. */
static const char *const PRORATED =
    FRONT("評価方法: 年割進捗率\n") "# 1 章 {#c1}\n## 1-1 施策 {#m1}\n"
                                    "```indicators\n"
                                    "指標名\t基準値\t目標値 (R13年度)\t実績値 (R9年度)\t"
                                    "実績値 (R10年度)\t実績値 (R11年度)\n"
                                    "期間の前年から\t100 @ R8年度\t200\t112\t136\t\n"
                                    "古い基準値\t100 @ R6年度\t200\t\t\t160\n"
                                    "期間中の基準値\t100 @ R9年度\t200\t\t160\t\n"
                                    "年割で減らす\t50 @ R8年度\t40\t\t49\t\n"
                                    "```\n";

Test(report, pro_rated_per_year_of_the_term)
{
	/* 2027: from 2026 to 2031 a fifth is due: 100 + 100 × 0.2 = 120;
	 * (112−100)/(120−100) = 60 → C */
	const pc_report *r = report(PRORATED, 2027);
	expect(r, "期間の前年から", "C", 60.0);
	cr_assert_float_eq(ind(r, "期間の前年から")->year_target, 120, 1e-9);
	cr_assert_str_eq(ind(r, "期間の前年から")->year_target_text, "120");
	done();
	/* 2028: two fifths, 140: (136−100)/40 = 90 → B. Baseline in the
	 * term (2027): from 2027 to 2031 a quarter, 125: (160−100)/25 = 240
	 * → A. To decrease: 50 − 10 × 0.4 = 46; (49−50)/(46−50) = 25 → D */
	r = report(PRORATED, 2028);
	expect(r, "期間の前年から", "B", 90.0);
	expect(r, "期間中の基準値", "A", 240.0);
	expect(r, "年割で減らす", "D", 25.0);
	expect(r, "古い基準値", "－", NAN); /* no result in 2028 */
	done();
	/* 2029: a baseline of 2024 still counts from 2026: three fifths,
	 * 160; (160−100)/60 = 100 → A */
	r = report(PRORATED, 2029);
	expect(r, "古い基準値", "A", 100.0);
	cr_assert_float_eq(ind(r, "古い基準値")->share, 0.6, 1e-12);
	done();
}

/* Survey indicators: a change under ±3 points counts as 現状維持. */
static const char *const SURVEY =
    FRONT("評価区分: 現状維持（維持）、A（100%以上）、B（50%以上）、C（0%超）、D\n"
          "調査指標: 市民意識調査\n調査指標の維持の幅: ±3ポイント\n") "# 1 章 {#c1}\n## 1-1 施策 "
                                                                      "{#m1}\n"
                                                                      "```indicators\n"
                                                                      "指標名\t把握方法\t基準値 "
                                                                      "(R8年度)\t目標値 "
                                                                      "(R13年度)\t実績値 "
                                                                      "(R10年度)\n"
                                                                      "調査で少し上\t市民意識調"
                                                                      "査\t40.0%\t50.0%\t42.5%\n"
                                                                      "調査で幅の端\t市民意識調"
                                                                      "査\t40.0%\t50.0%\t43.0%\n"
                                                                      "調査で上\t市民意識調査\t40."
                                                                      "0%\t50.0%\t45.0%\n"
                                                                      "調査で少し下\t市民意識調"
                                                                      "査\t40.0%\t50.0%\t37.5%\n"
                                                                      "調査で下\t市民意識調査\t40."
                                                                      "0%\t50.0%\t36.0%\n"
                                                                      "統計\t県の統計\t40.0%\t50."
                                                                      "0%\t42.5%\n"
                                                                      "```\n";

Test(report, survey_indicators_within_three_points_are_kept)
{
	const pc_report *r = report(SURVEY, 2028);
	expect(r, "調査で少し上", "現状維持", 25.0);  /* +2.5 points */
	expect(r, "調査で幅の端", "現状維持", 30.0);  /* +3.0: still within */
	expect(r, "調査で上", "B", 50.0);             /* +5: progress 50 % */
	expect(r, "調査で少し下", "現状維持", -25.0); /* −2.5 */
	expect(r, "調査で下", "D", -40.0);            /* −4: progress −40 % */
	expect(r, "統計", "C", 25.0);                 /* not a survey: no tolerance, 25 % > 0 */
	cr_assert(ind(r, "調査で上")->survey);
	cr_assert_not(ind(r, "統計")->survey);
	done();
}

/* 達成率 (実績 ÷ 目標) and 基準値差 (points). */
static const char *const RATIO = FRONT(
    "評価方法: 達成率\n") "# 1 章 {#c1}\n## 1-1 施策 {#m1}\n"
                          "```indicators\n"
                          "指標名\t方向\t基準値 (R8年度)\t目標値 (R13年度)\t実績値 (R10年度)\n"
                          "九割\t増\t50 人\t80 人\t72 人\n"
                          "減らして八割\t減\t60 分\t40 分\t50 分\n"
                          "ゼロを目指す\t減\t9 件\t0 件\t0 件\n"
                          "```\n";

Test(report, achievement_ratio)
{
	const pc_report *r = report(RATIO, 2028);
	expect(r, "九割", "B", 90.0);          /* 72/80 */
	expect(r, "減らして八割", "B", 80.0);  /* 40/50 */
	expect(r, "ゼロを目指す", "A", 100.0); /* 0 of 0 */
	done();
}

static const char *const DIFFERENCE = FRONT(
    "評価方法: 基準値差\n評価区分: A（5ポイント以上）、B（0ポイント超）、C\n") "# 1 章 "
                                                                               "{#c1}\n## "
                                                                               "1-1 施策 "
                                                                               "{#m1}\n"
                                                                               "```"
                                                                               "indicators\n"
                                                                               "指標名\t方向"
                                                                               "\t基準値 "
                                                                               "(R8年度)"
                                                                               "\t目標値 "
                                                                               "(R13年度)"
                                                                               "\t実績値 "
                                                                               "(R10年度)\n"
                                                                               "割合\t増\t40."
                                                                               "0%\t50.0%"
                                                                               "\t44.2%\n"
                                                                               "件数\t増\t100 "
                                                                               "件\t120 "
                                                                               "件\t106 件\n"
                                                                               "時間\t減\t60 "
                                                                               "分\t50 分\t58 "
                                                                               "分\n"
                                                                               "金額\t増\t2,"
                                                                               "980 万円\t3,"
                                                                               "500 "
                                                                               "万円\t2,860 "
                                                                               "万円\n"
                                                                               "```\n";

Test(report, difference_in_points)
{
	const pc_report *r = report(DIFFERENCE, 2028);
	expect(r, "割合", "B", 4.2);        /* 44.2 − 40.0 */
	expect(r, "件数", "A", 6.0);        /* 106 − 100 */
	expect(r, "時間", "B", 2.0);        /* −(58 − 60) */
	expect(r, "金額", "C", -1200000.0); /* −120 万円 */
	cr_assert_str_eq(ind(r, "割合")->score_text, "+4.2ポイント");
	cr_assert_str_eq(ind(r, "金額")->score_text, "-120 万円");
	done();
}

/* The worst grade for the measure; grades given by hand. */
static const char *const WORST =
    FRONT("施策の評価: 最低\n") "# 1 章 {#c1}\n## 1-1 一つ目 {#m1}\n"
                                "```indicators\n"
                                "指標名\t基準値 (R8年度)\t目標値 (R13年度)\t実績値 (R10年度)\n"
                                "よい\t0 件\t10 件\t10 件\n"
                                "ふつう\t0 件\t10 件\t8 件\n"
                                "よくない\t0 件\t10 件\t2 件\n"
                                "中止した\t0 件\t10 件\t中止\n"
                                "```\n\n"
                                "```evaluation\n"
                                "年度\t方向性\t要因・分析\n"
                                "R10年度\t縮小\t一つ目の分析。<br>二段落目。\n"
                                "```\n"
                                "## 1-2 二つ目 {#m2}\n"
                                "```indicators\n"
                                "指標名\t基準値 (R8年度)\t目標値 (R13年度)\t実績値 (R10年度)\n"
                                "別の指標\t0 件\t10 件\t10 件\n"
                                "```\n\n"
                                "```evaluation\n"
                                "| 年度 | 方向性 | 評価 | 要因・分析 |\n"
                                "|---|---|---|---|\n"
                                "| R9年度 | 継続 | | 前の年。 |\n"
                                "| 2028 | 廃止 | 未着手 | 事業に着手できなかった。 |\n"
                                "```\n";

Test(report, worst_grade_and_grades_given_by_hand)
{
	const pc_report *r = report(WORST, 2028);
	expect(r, "中止した", "中止", NAN);
	const pc_measure_grade *m1 = measure(r, "1-1"), *m2 = measure(r, "1-2");
	cr_assert_str_eq(m1->grade, "D"); /* A, B, D: the worst; 中止 not counted */
	cr_assert_not(m1->given);
	cr_assert_eq(m1->eval->course, PC_COURSE_REDUCE);
	cr_assert_str_eq(m1->eval->comment, "一つ目の分析。\n二段落目。");
	cr_assert_str_eq(m2->grade, "未着手"); /* given: over its A */
	cr_assert(m2->given);
	cr_assert_str_eq(pc_course_name(m2->eval->course), "廃止");
	done();
	r = report(WORST, 2027); /* no results: the none grade; the row of 2027 */
	cr_assert_str_eq(measure(r, "1-2")->grade, "－");
	cr_assert_str_eq(measure(r, "1-2")->eval->comment, "前の年。");
	cr_assert_null(measure(r, "1-1")->eval);
	done();
}

/* Points given with the grades change the mean. */
Test(report, points_given_with_the_grades)
{
	const pc_report *r = report(
	    FRONT("評価区分: A（100%以上、10点）、B（50%以上、6点）、C（0点）\n") "# 1 章\n## "
	                                                                          "1-1 "
	                                                                          "施策\n"
	                                                                          "```"
	                                                                          "indicators\n"
	                                                                          "指標名\t基準"
	                                                                          "値 "
	                                                                          "(R8年度)"
	                                                                          "\t目標値 "
	                                                                          "(R13年度)"
	                                                                          "\t実績値 "
	                                                                          "(R10年度)\n"
	                                                                          "あ\t0\t10\t10"
	                                                                          "\n"
	                                                                          "い\t0\t10\t1\n"
	                                                                          "```\n",
	    2028);
	/* A 10 and C 0: the mean 5 is nearer B's 6 than A's 10 or C's 0 */
	cr_assert_float_eq(measure(r, "1-1")->average, 5.0, 1e-9);
	cr_assert_str_eq(measure(r, "1-1")->grade, "B");
	done();
}

/* ---- three years of one plan ----------------------------------------------- */

static const char *const THREE_YEARS =
    "---\ntitle: 三年市総合計画\ncity: 三年市\ncity-code: 399906\nperiod: 令和9年度～令和13年度\n"
    "評価方法: 年割進捗率\n---\n"
    "# 1 暮らし {#life}\n## 1-1 健康 {#health}\n"
    "```indicators\n"
    "指標名\tID\t基準値 (R8年度)\t目標値 (R13年度)\t実績値 (R9年度)\t実績値 (R10年度)\t"
    "実績値 (R11年度)\n"
    "健診の受診率\tkenshin\t40.0%\t50.0%\t42.0%\t43.0%\t44.0%\n"
    "教室の参加者\t\t100 人\t200 人\t110 人\t150 人\t150 人\n"
    "```\n\n"
    "```evaluation\n"
    "年度\t方向性\t要因・分析\n"
    "R9年度\t継続\t一年目。\nR10年度\t拡充\t二年目。\nR11年度\t改善\t三年目。\n"
    "```\n";

/* Hand-computed: from 2026 a fifth of the way is due each year.
 * 受診率 (10 points to go): 2027 due 2 → 2/2 = 100 A; 2028 due 4 → 3/4 =
 * 75 C; 2029 due 6 → 4/6 = 66.7 C. 参加者 (100 to go): 2027 10/20 = 50
 * C; 2028 50/40 = 125 A; 2029 50/60 = 83.3 B. The measure (mean of the
 * points): 2027 (4+2)/2 = 3 B; 2028 (2+4)/2 = 3 B; 2029 (2+3)/2 = 2.5 → B
 * (a tie goes up). */
static const char *const THREE_CHECK =
    "import csv, json, sys\n"
    "d = sys.argv[1]\n"
    "want = {2027: [('kenshin', '100', 'A'), ('health.2', '50', 'C'), 'B', '継続'],\n"
    "        2028: [('kenshin', '75', 'C'), ('health.2', '125', 'A'), 'B', '拡充'],\n"
    "        2029: [('kenshin', '66.7', 'C'), ('health.2', '83.3', 'B'), 'B', '改善']}\n"
    "for year, (a, b, mg, course) in want.items():\n"
    "    raw = open(f'{d}/report-{year}.csv', 'rb').read()\n"
    "    assert raw.startswith(b'\\xef\\xbb\\xbf') and raw.count(b'\\r\\n') == raw.count(b'\\n')\n"
    "    rows = list(csv.DictReader(open(f'{d}/report-{year}.csv', encoding='utf-8-sig',\n"
    "                                    newline='')))\n"
    "    got = [(r['ID'], r['算定値'], r['評価']) for r in rows]\n"
    "    assert got == [a, b], (year, got)\n"
    "    for r in rows:\n"
    "        assert r['全国地方公共団体コード'] == '399906' and r['地方公共団体名'] == '三年市'\n"
    "        assert r['評価年度'] == str(year) and r['施策の評価'] == mg, r\n"
    "        assert r['今後の方向性'] == course and r['評価方法'] == '年割進捗率', r\n"
    "    j = json.load(open(f'{d}/report-{year}.json', encoding='utf-8'))\n"
    "    assert j['schema'] == 'plancc-report/1' and j['year'] == year\n"
    "    assert j['city_code'] == '399906'\n"
    "    m = j['measures'][0]\n"
    "    assert m['grade'] == mg and m['course'] == course, m\n"
    "    assert [(i['id'], i['grade']) for i in m['indicators']] == [(a[0], a[2]), (b[0], b[2])]\n"
    "    assert abs(m['indicators'][0]['score'] - float(a[1])) < 1e-9\n"
    "    assert j['summary'][-1]['total'] and j['summary'][-1]['measures'][mg] == 1\n"
    "print('ok')\n";

Test(report, three_years_give_three_reports, .timeout = 120)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	write_file(plan, "00.md", THREE_YEARS);
	for (int year = 2027; year <= 2029; year++) {
		char y[16];
		snprintf(y, sizeof y, "%d", year);
		const char *argv[] = {"report", plan,       "--year", y,   "-o",
		                      out,      "--format", "data",   NULL};
		run_result r = run_plancc(NULL, argv);
		cr_assert_eq(r.status, 0, "%d: %s", year, r.err);
		run_free(&r);
	}
	write_file(out, "check.py", THREE_CHECK);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 %s/check.py %s", out, out);
	cr_assert_eq(system(cmd), 0, "the reports do not read back as computed by hand");
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

/* ---- rules written wrong --------------------------------------------------- */

static void wrong(const char *rule, const char *where, const char *what)
{
	char md[4096];
	snprintf(md, sizeof md, "---\ntitle: t\nperiod: 2027-2031\n%s\n---\n# 1 章\n", rule);
	char *out = messages(md);
	cr_assert(has_line(out, where), "%s: want %s, got\n%s", rule, where, out);
	if (what)
		cr_assert_not_null(strstr(out, what), "%s: want %s in\n%s", rule, what, out);
	free(out);
}

Test(report, a_wrong_rule_is_an_error_at_its_line_and_column)
{
	/* line 4 of 00.md; the value starts at column 7 after 「評価方法: 」 */
	wrong("評価方法: 進み率", "00.md:4:7: error:", "年割進捗率");
	wrong("grade-by: speed", "00.md:4:11: error:", "進捗率");
	/* B's item starts at column 7 + 「A（100%以上）、」 (10 characters) */
	wrong("評価区分: A（100%以上）、B（80以上%）、C", "00.md:4:17: error:", "B（80以上%）");
	wrong("評価区分: A（100%以上）、B（80%以上）",
	      "00.md:4:17: error:", "どの区分にも当たらない");
	wrong("評価区分: A（100%以上）、B、C（50%以上）", "00.md:4:19: error:", "前の区分が残りを");
	wrong("評価区分: A（100%以上）、A（50%以上）、D", "00.md:4:17: error:", "二度");
	wrong("評価区分: A（100%以上、B", "00.md:4:7: error:", "括弧");
	wrong("評価区分: （100%以上）、B", "00.md:4:7: error:", "名前");
	wrong("維持の幅: 三ポイント", "00.md:4:7: error:", "±3ポイント");
	wrong("施策の評価: 中央値", "00.md:4:8: error:", "平均");
	wrong("city-code: 399905", "00.md:4:12: error:", "検査数字は 6");
	wrong("全国地方公共団体コード: 39990", "00.md:4:14: error:", "399906");
	wrong("city-code: 489990", "00.md:4:12: error:", "01〜47");
	/* thresholds in the formula's unit, checked once the rule is whole */
	wrong("評価区分: A（3ポイント以上）、B\n評価方法: 進捗率", "00.md:4:7: error:", "80%以上");
	wrong("評価方法: 基準値差\n評価区分: A（3%以上）、B", "00.md:5:7: error:", "ポイント");
	wrong("測定不能: A", "00.md:4:1: error:", "二度");
}

Test(report, a_right_rule_is_read_as_written)
{
	doc_ =
	    compile_text(FRONT("grade-by: prorated-ratio\ngrades: 良（≥ 100%）、可（80%以上100%未満"
	                       "）、不可（それ以外）\n"
	                       "grade-keep: ±3ポイント\ngrade-measure: worst\ngrade-extra: 保留\n"
	                       "city-code: ３９９９０６\n") "# 1 章\n",
	                 &d_);
	cr_assert_eq(d_.errors, 0);
	const pc_grading *g = &doc_->meta.grading;
	cr_assert_eq(g->by, PC_GRADE_BY_PRORATED_RATIO);
	cr_assert_eq(g->nbands, 3);
	cr_assert_str_eq(g->bands[1].name, "可");
	cr_assert_eq(g->bands[1].nconds, 2);
	cr_assert_eq(g->bands[1].conds[1].kind, PC_COND_BELOW);
	cr_assert_float_eq(g->bands[1].conds[1].value, 100, 1e-12);
	cr_assert_eq(g->bands[2].nconds, 0);
	cr_assert_float_eq(g->keep.value, 3, 1e-12);
	cr_assert_not(g->keep.relative);
	cr_assert_eq(g->measure, PC_MEASURE_BY_WORST);
	cr_assert_eq(g->nextras, 1);
	cr_assert_str_eq(doc_->meta.city_code, "399906");
	cr_assert_eq(doc_->meta.term_first, 2027);
	cr_assert_eq(doc_->meta.term_last, 2031);
	done();
}

/* ---- evaluation blocks written wrong ----------------------------------------- */

Test(report, evaluation_blocks_are_checked)
{
	char *out = messages(FRONT("") "段落。\n\n```evaluation\n年度\t方向性\nR9年度\t継続\n```\n"
	                               "# 1 章\n## 1-1 施策\n"
	                               "```evaluation\n"
	                               "| 年度 | 方向性 | 評価 | 所見 | 予算 |\n"
	                               "|---|---|---|---|---|\n"
	                               "| R9年度 | 前進 | | ことば | |\n"
	                               "| R15年度 | 継続 | | | |\n"
	                               "| 2027 | 継続 | S | | |\n"
	                               "| | 継続 | | | |\n"
	                               "```\n");
	/* outside any measure */
	cr_assert(has_line(out, "00.md:10:1: error: 評価の表は施策"), "%s", out);
	/* the header 予算 is none of the columns */
	cr_assert(has_line(out, "00.md:15:24: warning: 見出し「予算」"), "%s", out);
	cr_assert(has_line(out, "00.md:17:10: error: 方向性「前進」"), "%s", out);
	cr_assert(has_line(out, "00.md:18:1: error: 年度「R15年度」（2033年度）は計画期間（2027〜"
	                        "2031年度）の外"),
	          "%s", out);
	/* 2027 again: R9年度 is 2027 */
	cr_assert(has_line(out, "00.md:19:1: error: 施策「施策」の 2027年度の評価は 00.md:17 で"),
	          "%s", out);
	cr_assert(has_line(out, "00.md:19:15: error: 評価「S」は計画情報の評価にありません"), "%s",
	          out);
	cr_assert(has_line(out, "00.md:20:3: error: 年度が空の行があります"), "%s", out);
	free(out);
	out = messages(
	    FRONT("") "# 1 章\n## 1-1 施策\n```evaluation\n方向性\t要因・分析\n継続\tx\n```\n");
	cr_assert(has_line(out, "00.md:9:1: error: 評価の表に年度の列がありません"), "%s", out);
	free(out);
	/* no readable term: a warning at period once the report is used */
	out = messages("---\ntitle: t\nperiod: 5年間\n---\n# 1 章\n## 1-1 施策\n"
	               "```evaluation\n年度\nR9年度\n```\n");
	cr_assert(has_line(out, "00.md:3:9: warning: 計画期間「5年間」から年度を読めません"), "%s",
	          out);
	free(out);
}

Test(report, evaluation_blocks_print_nothing_in_the_plan)
{
	doc_ = compile_text(WORST, &d_);
	cr_assert_eq(d_.errors, 0);
	cr_assert_eq(doc_->evaluations.len, 3);
	for (const pc_node *n = doc_->root; n; n = pc_node_walk_next(n, doc_->root, true))
		cr_assert(n->kind != PC_CODE_BLOCK, "an evaluation block became a code block");
	done();
}

/* ---- open data: ids and the city code -------------------------------------- */

static const char *const IDS =
    FRONT("") "# 1 章 {#c1}\n## 1-1 施策 {#m1}\n"
              "```indicators\n指標名\t指標ID\t基準値\t目標値\n"
              "%s\tkpi-a\t1\t2\n二つ目\t\t1\t2\n三つ目\t\t1\t2\n```\n"
              "## 1-2 次 \n```indicators\n指標名\t基準値\t目標値\nほか\t1\t2\n```\n";

Test(report, stable_ids_given_or_derived)
{
	char md[4096];
	snprintf(md, sizeof md, IDS, "一つ目");
	doc_ = compile_text(md, &d_);
	cr_assert_eq(d_.errors, 0);
	const char *want[] = {"kpi-a", "m1.2", "m1.3", "s1-2.1"};
	for (size_t i = 0; i < 4; i++)
		cr_assert_str_eq(((pc_indicator *)doc_->indicators.items[i])->id, want[i]);
	cr_assert(((pc_indicator *)doc_->indicators.items[0])->id_given);
	done();
	/* a name reworded: the same ids */
	snprintf(md, sizeof md, IDS, "一つ目の指標（名前を直した）");
	doc_ = compile_text(md, &d_);
	for (size_t i = 0; i < 4; i++)
		cr_assert_str_eq(((pc_indicator *)doc_->indicators.items[i])->id, want[i]);
	done();
	char *out = messages(FRONT("") "# 1 章\n## 1-1 施策\n```indicators\n指標名\tID\t基準値\n"
	                               "あ\tk-1\t1\nい\tk-1\t2\nう\tk.2\t3\n```\n");
	cr_assert(has_line(out, "00.md:11:3: error: 指標ID「k-1」は 00.md:10 で既に使われています"),
	          "%s", out);
	cr_assert(has_line(out, "00.md:12:3: error: 指標ID「k.2」に使えない文字"), "%s", out);
	free(out);
}

Test(report, the_indicators_csv_has_the_open_data_columns)
{
	char *plan = tmp_dir(), *out = tmp_dir();
	write_file(plan, "00.md", THREE_YEARS);
	char file[4096];
	snprintf(file, sizeof file, "%s/i.csv", out);
	const char *argv[] = {"indicators", plan, "-o", file, NULL};
	run_result r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	char cmd[8192];
	snprintf(
	    cmd, sizeof cmd,
	    "python3 %s/plans/check_indicators_csv.py %s 2 '健診の受診率|全国地方公共団体コード|"
	    "399906' '健診の受診率|ID|kenshin' '教室の参加者|ID|health.2' "
	    "'教室の参加者|地方公共団体名|三年市' '教室の参加者|基準値西暦年|2026'",
	    PLANCC_TESTS_DIR, file);
	cr_assert_eq(system(cmd), 0);
	snprintf(cmd, sizeof cmd,
	         "python3 -c \"import csv,sys; "
	         "h=next(csv.reader(open(sys.argv[1],encoding='utf-8-sig')));"
	         " assert h[:3]==['全国地方公共団体コード','ID','地方公共団体名'], h\" %s",
	         file);
	cr_assert_eq(system(cmd), 0);
	remove_tree(plan);
	remove_tree(out);
	free(plan);
	free(out);
}

/* ---- plancc report on the sample ------------------------------------------------ */

static const char *const SAMPLE_CHECK =
    "import csv, json, sys\n"
    "d = sys.argv[1]\n"
    "rows = list(csv.DictReader(open(d + '/report-2028.csv', encoding='utf-8-sig', newline='')))\n"
    "j = json.load(open(d + '/report-2028.json', encoding='utf-8'))\n"
    "inds = [i for m in j['measures'] for i in m['indicators']]\n"
    "assert len(rows) == len(inds) == 80, (len(rows), len(inds))\n"
    "assert len(j['measures']) == 19\n"
    "for r, i in zip(rows, inds):\n"
    "    assert r['ID'] == i['id'] and r['評価'] == i['grade'], (r, i)\n"
    "    assert (r['算定値'] == '') == (i['score'] is None)\n"
    "    if r['算定値']: assert abs(float(r['算定値']) - i['score']) < 1e-9\n"
    "assert len({r['ID'] for r in rows}) == len(rows)\n"
    "by = {r['指標名']: r for r in rows}\n"
    "# 4,890 人 from 4,812 to 5,000 (R6 to R13), two fifths due in 2028:\n"
    "# 4,812 + 188 × 0.4 = 4,887.2; (4,890 − 4,812) / 75.2 = 103.7 % → A\n"
    "r = by['休日夜間急患センターの年間受診者数']\n"
    "assert (r['年割目標値数値'], r['算定値'], r['評価']) == ('4887.2', '103.7', 'A'), r\n"
    "# R11年3月末 is fiscal 2028; from 2026 (the term) to R13年3月末 (fiscal 2030)\n"
    "# half is due: 412 + 1,988 × 0.5 = 1,406; (1,260 − 412) / 994 = 85.3 % → B\n"
    "r = by['個別避難計画の作成件数']\n"
    "assert (r['実績値'], r['算定値'], r['評価']) == ('1,260 件', '85.3', 'B'), r\n"
    "assert by['福祉総合相談窓口で支援につながった件数']['評価'] == '－'\n"
    "m = next(m for m in j['measures'] if m['number'] == '1-1')\n"
    "assert (m['grade'], m['course'], m['average']) == ('B', '継続', 3.25), m\n"
    "assert j['summary'][-1]['measures']['A'] + j['summary'][-1]['measures']['B'] + "
    "j['summary'][-1]['measures']['C'] + j['summary'][-1]['measures']['D'] == 19\n"
    "print('ok')\n";

Test(report, the_sample_s_report_in_every_format, .timeout = 300)
{
	char *out = tmp_dir();
	const char *b[] = {"build", PLANCC_SOURCE_DIR "/source-docs", "-o", out, "--format", "html",
	                   NULL};
	run_result r = run_plancc(NULL, b);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	const char *argv[] = {
	    "report", PLANCC_SOURCE_DIR "/source-docs", "--year", "R10", "-o", out, NULL};
	r = run_plancc(NULL, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	write_file(out, "check.py", SAMPLE_CHECK);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 %s/check.py %s", out, out);
	cr_assert_eq(system(cmd), 0, "report-2028.csv/.json");
	/* the PDF: a cover, two pages of counts, then a sheet per measure */
	snprintf(cmd, sizeof cmd, "qpdf --check %s/report-2028.pdf >/dev/null 2>&1", out);
	cr_assert_eq(system(cmd), 0, "qpdf --check");
	snprintf(cmd, sizeof cmd, "pdftotext -layout %s/report-2028.pdf -", out);
	char *text = capture(cmd, NULL);
	cr_assert_not_null(strstr(text, "進捗評価報告書"));
	cr_assert_not_null(strstr(text, "章ごとの施策の評価"));
	cr_assert_geq(count_in(text, "要因・分析"), 19);
	cr_assert_not_null(strstr(text, "県立病院との連携協定により"));
	cr_assert_not_null(strstr(text, "4,887 人"));
	free(text);
	/* the pages: a summary and one per chapter, crawled clean with the site */
	snprintf(cmd, sizeof cmd, "python3 %s/html/crawl.py %s/html", PLANCC_TESTS_DIR, out);
	cr_assert_eq(system(cmd), 0, "crawl.py");
	char path[4096];
	snprintf(path, sizeof path, "%s/html/report-2028-anshin.html", out);
	char *html = read_whole(path, NULL);
	cr_assert_not_null(html);
	cr_assert_eq(count_in(html, "<section class=\"sheet\""), 5);
	cr_assert_not_null(strstr(html, "<span class=\"course\">継続</span>"));
	free(html);
	remove_tree(out);
	free(out);
}

Test(report, usage_and_years)
{
	const char *none[] = {"report", PLANCC_SOURCE_DIR "/source-docs", NULL};
	run_result r = run_plancc(NULL, none);
	cr_assert_eq(r.status, 2);
	run_free(&r);
	const char *bad[] = {"report", PLANCC_SOURCE_DIR "/source-docs", "--year", "来年", NULL};
	r = run_plancc(NULL, bad);
	cr_assert_eq(r.status, 2);
	run_free(&r);
	char *out = tmp_dir();
	const char *outside[] = {
	    "report", PLANCC_SOURCE_DIR "/source-docs", "--year", "2035", "-o", out, NULL};
	r = run_plancc(NULL, outside);
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "評価する年度 2035 は計画期間（2027〜2031年度）の外です"),
	                   "%s", r.err);
	run_free(&r);
	char path[4096];
	snprintf(path, sizeof path, "%s/report-2035.csv", out);
	cr_assert_null(read_whole(path, NULL), "nothing is written");
	cr_assert_eq(pc_report_year_parse("令和10年度"), 2028);
	cr_assert_eq(pc_report_year_parse("R10"), 2028);
	cr_assert_eq(pc_report_year_parse("2028"), 2028);
	cr_assert_eq(pc_report_year_parse("来年"), 0);
	remove_tree(out);
	free(out);
}
