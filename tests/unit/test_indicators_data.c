/*
 * Indicators through the library: every header form of docs/format.md §5 (field
 * names, eras from 明治 to 令和 in kanji, letters and full-width, 元年,
 * bracketed Gregorian years, month dates, @ years in cells), the values,
 * each indicator warning at its FILE:LINE:COL, achievement rates, and the
 * CSV export read back by Python's csv module as a spreadsheet would.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/indicators.h"
#include "model/kpi.h"
#include "plancc.h"
#include "render/data/indicators.h"
#include "support.h"
#include "util/csv.h"
#include "util/unicode.h"

static pc_diags diags;

#define FRONT "---\ntitle: 計画\n---\n"

/* Compiles one chapter file "00.md" from memory. */
static pc_doc *compile(const char *md)
{
	return compile_text(md, &diags);
}

static void done(pc_doc *doc)
{
	compile_text_done(doc, &diags);
}

static const pc_indicator *ind(const pc_doc *doc, size_t i)
{
	cr_assert_lt(i, doc->indicators.len, "no indicator %zu", i);
	return doc->indicators.items[i];
}

/* The k-th value (0-based) of a field in an indicator, or NULL. */
static const pc_ivalue *val(const pc_indicator *in, pc_field f, size_t k)
{
	for (size_t i = 0; i < in->nvalues; i++)
		if (in->values[i].field == f && !k--)
			return &in->values[i];
	return NULL;
}

/* The messages of a run as "LINE:COL CODE" lines, to compare at once. */
static int count_code(pc_diag_code code)
{
	int n = 0;
	for (size_t i = 0; i < diags.len; i++)
		n += diags.items[i].code == code;
	return n;
}

static const pc_message *find_code(pc_diag_code code, size_t k)
{
	for (size_t i = 0; i < diags.len; i++)
		if (diags.items[i].code == code && !k--)
			return &diags.items[i];
	return NULL;
}

static void assert_at(pc_diag_code code, size_t k, unsigned line, unsigned col)
{
	const pc_message *m = find_code(code, k);
	cr_assert_not_null(m, "no message %d #%zu", (int)code, k);
	cr_assert_str_eq(m->file, "00.md");
	cr_assert_eq(m->line, line, "line %u, want %u: %s", m->line, line, m->msg);
	cr_assert_eq(m->col, col, "col %u, want %u: %s", m->col, col, m->msg);
}

static void print_diags(void)
{
	for (size_t i = 0; i < diags.len; i++)
		pc_diags_print_one(&diags.items[i], stderr);
}

TestSuite(headers, .fini = pc_unicode_cleanup);
TestSuite(values, .fini = pc_unicode_cleanup);
TestSuite(warnings, .fini = pc_unicode_cleanup);
TestSuite(rates, .fini = pc_unicode_cleanup);
TestSuite(export, .fini = pc_unicode_cleanup);

/* ---- Header names ---- */

static void assert_fields(const char *header, const pc_field *want, size_t n)
{
	char md[2048];
	snprintf(md, sizeof md, FRONT "# 章\n\n```indicators\n%s\n```\n", header);
	pc_doc *doc = compile(md);
	cr_assert_eq(diags.len, 0, "%s: %zu messages", header, diags.len);
	const pc_node *t = doc->tables.items[0];
	cr_assert_eq(t->u.table->ncols, n, "%s", header);
	for (size_t c = 0; c < n; c++)
		cr_assert_eq(t->u.table->columns[c].field, want[c], "%s: column %zu is %s", header,
		             c, pc_field_name(t->u.table->columns[c].field));
	done(doc);
}

Test(headers, every_name_of_every_field)
{
	const pc_field f1[] = {PC_FIELD_NAME, PC_FIELD_METHOD, PC_FIELD_BASELINE, PC_FIELD_MIDTERM,
	                       PC_FIELD_TARGET};
	assert_fields("指標名\t把握方法\t基準値\t中間目標値\t目標値", f1, 5);
	assert_fields("指標\t指標の説明\t現在値\t中間値\t最終目標値", f1, 5);
	assert_fields("指標名\t指標の定義\t現状値\t中間値\t目標値", f1, 5);
	assert_fields("指標名\t説明\t基準値\t中間目標値\t最終目標値", f1, 5);
	assert_fields("name\tmethod\tbaseline\tmidterm\ttarget", f1, 5);
	assert_fields("Name\tMETHOD\tBaseline\tMidTerm\tTarget", f1, 5);
	/* spaces ignored, ASCII and U+3000 */
	assert_fields("指 標 名\t把握　方法\t基準 値\t中間 目標値\t最終　目標値", f1, 5);
	const pc_field f2[] = {PC_FIELD_NAME,   PC_FIELD_UNIT,   PC_FIELD_DIRECTION,
	                       PC_FIELD_ACTUAL, PC_FIELD_ACTUAL, PC_FIELD_ACTUAL};
	assert_fields("指標名\t単位\t方向\t実績値\t実績\tactual", f2, 6);
	assert_fields("name\tunit\tdirection\t実績値 (R5年度)\t実績 (R6年度)\tactual (2025)", f2,
	              6);
	/* pipe form, with and without outer pipes */
	assert_fields("| 指標名 | 単位 | 方向 | 実績値 | 実績 | actual |", f2, 6);
	assert_fields("指標名 | 単位 | 方向 | 実績値 | 実績 | actual", f2, 6);
}

Test(headers, unknown_header_warns_and_a_missing_name_is_an_error)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n指標名\t担当課\t目標値\n```\n\n"
	                            "```indicators\n把握方法\t目標値\n```\n");
	cr_assert_eq(count_code(PC_W_UNKNOWN_HEADER), 1);
	assert_at(PC_W_UNKNOWN_HEADER, 0, 7, 5);
	assert_at(PC_E_NO_NAME_COLUMN, 0, 11, 1);
	done(doc);
}

typedef struct yexp {
	const char *header;
	int year, month;
	bool fiscal;
} yexp;

/* Each header form as the year of an actual column. */
Test(headers, years_of_every_era_and_form)
{
	static const yexp want[] = {
	    {"実績値 (明治45年)", 1912, 0, false},
	    {"実績値 (M45年)", 1912, 0, false},
	    {"実績値 (大正15年)", 1926, 0, false},
	    {"実績値 (T元年)", 1912, 0, false},
	    {"実績値 (昭和63年度)", 1988, 0, true},
	    {"実績値 (S64年)", 1989, 0, false},
	    {"実績値 (平成元年度)", 1989, 0, true},
	    {"実績値 (H29年度)", 2017, 0, true},
	    {"実績値 (H31年3月末)", 2019, 3, false},
	    {"実績値 (令和元年度)", 2019, 0, true},
	    {"実績値 (R元年度)", 2019, 0, true},
	    {"実績値 (R2年度)", 2020, 0, true},
	    {"実績値 (r3年度)", 2021, 0, true},
	    {"実績値 (Ｒ４年度)", 2022, 0, true},
	    {"実績値（令和５年度）", 2023, 0, true},
	    {"実績値〔令和6(2024)年度〕", 2024, 0, true},
	    {"実績値〔令和7（2025）年度〕", 2025, 0, true},
	    {"実績値 [R7年3月末]", 2025, 3, false},
	    {"実績値 (R8年度末)", 2026, 0, true},
	    {"実績値 (2021)", 2021, 0, true},
	    {"実績値 (2022年度)", 2022, 0, true},
	    {"実績値 (2023年)", 2023, 0, false},
	    {"実績値 (２０２４年度)", 2024, 0, true},
	    {"実績値 (㍻30年度)", 2018, 0, true},
	    {"実績値 (㋿3年度)", 2021, 0, true},
	};
	size_t n = sizeof want / sizeof want[0];
	char md[8192] = FRONT "# 章\n\n```indicators\n指標名";
	for (size_t i = 0; i < n; i++) {
		strcat(md, "\t");
		strcat(md, want[i].header);
	}
	strcat(md, "\n指標");
	for (size_t i = 0; i < n; i++)
		strcat(md, "\t1");
	strcat(md, "\n```\n");
	pc_doc *doc = compile(md);
	print_diags();
	cr_assert_eq(diags.len, 0);
	const pc_indicator *in = ind(doc, 0);
	cr_assert_eq(in->nvalues, n);
	for (size_t i = 0; i < n; i++) {
		const pc_year *y = &val(in, PC_FIELD_ACTUAL, i)->year;
		cr_assert_eq(y->year, want[i].year, "%s: %d", want[i].header, y->year);
		cr_assert_eq(y->month, want[i].month, "%s: month %d", want[i].header, y->month);
		cr_assert_eq(y->fiscal, want[i].fiscal, "%s: fiscal", want[i].header);
	}
	done(doc);
}

Test(headers, cell_years_after_at_override_the_header)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "指標名\t現在値 (H29年度)\t目標値 (R8年度)\n"
	                            "団体数\t93 団体 @ R2年度\t113 団体\n"
	                            "参加者数\t4,210 人＠R元年度\t4,500 人 @ 2027年3月末\n"
	                            "```\n");
	cr_assert_eq(diags.len, 0);
	const pc_ivalue *b = val(ind(doc, 0), PC_FIELD_BASELINE, 0);
	cr_assert_str_eq(b->value.text, "93 団体"); /* the @ part is not printed */
	cr_assert_eq(b->year.year, 2020);
	cr_assert(b->year.fiscal);
	cr_assert_str_eq(b->year.text, "R2年度");
	cr_assert_eq(val(ind(doc, 0), PC_FIELD_TARGET, 0)->year.year, 2026);
	const pc_ivalue *b2 = val(ind(doc, 1), PC_FIELD_BASELINE, 0);
	cr_assert_str_eq(b2->value.text, "4,210 人");
	cr_assert_eq(b2->year.year, 2019);
	const pc_ivalue *t2 = val(ind(doc, 1), PC_FIELD_TARGET, 0);
	cr_assert_eq(t2->year.year, 2027);
	cr_assert_eq(t2->year.month, 3);
	cr_assert(!t2->year.fiscal);
	done(doc);
}

Test(headers, heisei_past_31_and_gregorian_mismatch)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "指標名\t基準値 (H29年度)\t目標値 (H35年度)\n"
	                            "率\t1%\t2% @ 令和8(2025)年度\n"
	                            "```\n");
	/* H35 → 2023 with a warning at the year in the header */
	assert_at(PC_W_ERA_PAST_END, 0, 7, 22);
	cr_assert_eq(val(ind(doc, 0), PC_FIELD_TARGET, 0)->year.year, 2026);
	const pc_node *t = doc->tables.items[0];
	cr_assert_eq(t->u.table->columns[2].year.year, 2023);
	/* the bracketed year disagrees: an error at the cell's year */
	assert_at(PC_E_YEAR_MISMATCH, 0, 8, 11);
	done(doc);
}

/* ---- Values ---- */

Test(values, numbers_units_and_text)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "指標名\t基準値\t目標値\n"
	                            "割合\t26.3%\t40.0％\n"
	                            "件数\t256,000 件/年\t290,000 件/年\n"
	                            "販売額\t0.6億円\t1.2億円\n"
	                            "閲覧数\t67万件\t100万件\n"
	                            "新制度\t－\t増加\n"
	                            "全角\t１２３人\t△152 人\n"
	                            "```\n");
	print_diags();
	static const struct {
		const char *text;
		bool has;
		double number;
		const char *unit;
	} want[] = {
	    {"26.3%", true, 26.3, "%"},
	    {"40.0％", true, 40.0, "%"},
	    {"256,000 件/年", true, 256000, "件/年"},
	    {"290,000 件/年", true, 290000, "件/年"},
	    {"0.6億円", true, 60000000, "円"},
	    {"1.2億円", true, 120000000, "円"},
	    {"67万件", true, 670000, "件"},
	    {"100万件", true, 1000000, "件"},
	    {"－", false, 0, ""},
	    {"増加", false, 0, ""},
	    {"１２３人", true, 123, "人"},
	    {"△152 人", true, -152, "人"},
	};
	for (size_t i = 0; i < 12; i++) {
		const pc_indicator *in = ind(doc, i / 2);
		const pc_value *v = &val(in, i % 2 ? PC_FIELD_TARGET : PC_FIELD_BASELINE, 0)->value;
		cr_assert_str_eq(v->text, want[i].text);
		cr_assert_eq(v->has_number, want[i].has, "%s", want[i].text);
		cr_assert_eq(v->number, want[i].number, "%s: %.17g", want[i].text, v->number);
		cr_assert_str_eq(v->unit, want[i].unit, "%s: unit %s", want[i].text, v->unit);
	}
	/* text values: no direction, no rate */
	cr_assert_eq(ind(doc, 4)->direction, PC_DIR_NONE);
	done(doc);
}

Test(values, the_unit_column_fills_bare_numbers)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "指標名\t単位\t基準値 (2024)\t目標値 (2031)\n"
	                            "認知件数\t件\t312\t250\n"
	                            "```\n");
	cr_assert_eq(diags.len, 0);
	cr_assert_str_eq(val(ind(doc, 0), PC_FIELD_BASELINE, 0)->value.unit, "件");
	cr_assert_str_eq(val(ind(doc, 0), PC_FIELD_TARGET, 0)->value.unit, "件");
	cr_assert_eq(ind(doc, 0)->direction, PC_DIR_DOWN);
	done(doc);
}

/* ---- Warnings, each at its cell ---- */

Test(warnings, each_at_its_cell)
{
	/* line 7 is the header; columns count characters */
	pc_doc *doc =
	    compile(FRONT "# 章\n\n```indicators\n"
	                  "指標名\t基準値 (R2年度)\t中間目標値 (R5年度)\t目標値 (R8年度)\t方向\n"
	                  "単位違い\t10 人\t12 人\t15 件\t増\n"
	                  "同じ値\t10 人\t10 人\t10 人\n"
	                  "逆向き\t10 人\t9 人\t8 人\t増\n"
	                  "逆向き減\t10 人\t11 人\t12 人\t減\n"
	                  "維持\t486 人\t486 人\t486 人\t維持\n"
	                  "範囲外\t10 人\t20 人\t15 人\n"
	                  "年の逆転\t10 人 @ R9年度\t12 人\t15 人\n"
	                  "```\n");
	print_diags();
	/* 単位違い: the target's unit, at the target cell */
	cr_assert_eq(count_code(PC_W_UNIT_MISMATCH), 1);
	assert_at(PC_W_UNIT_MISMATCH, 0, 8, 16);
	cr_assert(strstr(find_code(PC_W_UNIT_MISMATCH, 0)->msg, "「件」"));
	/* 同じ値: target equal to baseline; not for 維持 */
	cr_assert_eq(count_code(PC_W_TARGET_IS_BASELINE), 1);
	assert_at(PC_W_TARGET_IS_BASELINE, 0, 9, 15);
	/* 増 but the target is below the baseline, 減 but above */
	cr_assert_eq(count_code(PC_W_DIRECTION_CONTRADICTS), 2);
	assert_at(PC_W_DIRECTION_CONTRADICTS, 0, 10, 14);
	assert_at(PC_W_DIRECTION_CONTRADICTS, 1, 11, 16);
	cr_assert(strstr(find_code(PC_W_DIRECTION_CONTRADICTS, 1)->msg, "「減」"));
	/* the direction as given is kept */
	cr_assert_eq(ind(doc, 2)->direction, PC_DIR_UP);
	/* 範囲外: the midterm outside baseline–target, at the midterm cell */
	cr_assert_eq(count_code(PC_W_MIDTERM_RANGE), 1);
	assert_at(PC_W_MIDTERM_RANGE, 0, 13, 10);
	/* 年の逆転: baseline R9 (from the cell) after the midterm R5 */
	cr_assert_eq(count_code(PC_W_YEARS_ORDER), 1);
	assert_at(PC_W_YEARS_ORDER, 0, 14, 18);
	cr_assert_eq(diags.errors, 0);
	done(doc);
}

Test(warnings, a_unit_on_one_side_only_and_no_comparison_across_units)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "指標名\t基準値\t目標値\t方向\n"
	                            "片方\t10\t15 件\n"
	                            "別単位\t10 人\t10 件\t減\n"
	                            "比率\t1.36\t1.45\n"
	                            "```\n");
	print_diags();
	cr_assert_eq(count_code(PC_W_UNIT_MISMATCH), 2);
	assert_at(PC_W_UNIT_MISMATCH, 0, 8, 7);
	cr_assert(strstr(find_code(PC_W_UNIT_MISMATCH, 0)->msg, "基準値の単位「（なし）」"));
	assert_at(PC_W_UNIT_MISMATCH, 1, 9, 10);
	/* 10 人 and 10 件 are not "the same value", nor against 減 */
	cr_assert_eq(count_code(PC_W_TARGET_IS_BASELINE), 0);
	cr_assert_eq(count_code(PC_W_DIRECTION_CONTRADICTS), 0);
	cr_assert_eq(diags.len, 2);
	/* and no rate across units */
	done(doc);
}

Test(warnings, years_of_the_header_warn_once_at_the_header)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "| 指標名 | 基準値 (R5年度) | 目標値 (R3年度) |\n"
	                            "|---|---|---|\n"
	                            "| 一 | 1 | 2 |\n"
	                            "| 二 | 1 | 2 |\n"
	                            "```\n");
	print_diags();
	cr_assert_eq(count_code(PC_W_YEARS_ORDER), 1);
	assert_at(PC_W_YEARS_ORDER, 0, 7, 22);
	done(doc);
}

Test(warnings, the_sample_plan_is_clean)
{
	pc_diags d;
	pc_diags_init(&d, false);
	pc_doc *doc = pc_compile(PLANCC_SOURCE_DIR "/source-docs", NULL, &d);
	/* the sample shows one old Heisei year on purpose; nothing else */
	static const pc_diag_code checks[] = {PC_W_UNIT_MISMATCH, PC_W_TARGET_IS_BASELINE,
	                                      PC_W_YEARS_ORDER, PC_W_DIRECTION_CONTRADICTS,
	                                      PC_W_MIDTERM_RANGE};
	for (size_t i = 0; i < d.len; i++) {
		pc_diags_print_one(&d.items[i], stderr);
		for (size_t k = 0; k < sizeof checks / sizeof checks[0]; k++)
			cr_assert_neq(d.items[i].code, checks[k]);
	}
	cr_assert_eq(d.errors, 0);
	cr_assert_gt(doc->indicators.len, 20);
	pc_doc_free(doc);
	pc_diags_free(&d);
}

/* ---- Achievement rates ---- */

static double rate_of(const pc_indicator *in, bool *ok)
{
	double r = NAN;
	*ok = pc_indicator_rate(in, &r);
	return r;
}

Test(rates, up_down_keep_and_the_latest_result)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "指標名\t基準値 (R2年度)\t目標値 (R8年度)\t方向\t"
	                            "実績値 (R6年度)\t実績値 (R4年度)\n"
	                            "受診率\t40.0%\t50.0%\t\t46.0%\t42.0%\n"
	                            "待ち時間\t60 分\t40 分\t\t55 分\t\n"
	                            "団員数\t486 人\t486 人\t維持\t480 人\t\n"
	                            "未集計\t10 件\t20 件\t\t－\t12 件\n"
	                            "なし\t10 件\t20 件\t\t\t\n"
	                            "文字\t－\t増加\t増\t12 件\t\n"
	                            "超過\t10 件\t20 件\t\t25 件\t\n"
	                            "```\n");
	print_diags();
	bool ok;
	/* the R6 result, though written before R4: (46 − 40) ÷ (50 − 40) */
	cr_assert_float_eq(rate_of(ind(doc, 0), &ok), 60.0, 1e-9);
	cr_assert(ok);
	cr_assert_eq(pc_indicator_latest_actual(ind(doc, 0))->year.year, 2024);
	/* down: (55 − 60) ÷ (40 − 60) */
	cr_assert_float_eq(rate_of(ind(doc, 1), &ok), 25.0, 1e-9);
	cr_assert(ok);
	/* keep with target = baseline: no distance, no rate */
	rate_of(ind(doc, 2), &ok);
	cr_assert(!ok);
	/* a result that is not a number is skipped: the R4 one counts */
	cr_assert_float_eq(rate_of(ind(doc, 3), &ok), 20.0, 1e-9);
	cr_assert(ok);
	rate_of(ind(doc, 4), &ok);
	cr_assert(!ok);
	rate_of(ind(doc, 5), &ok);
	cr_assert(!ok);
	/* beyond the target: over 100 % */
	cr_assert_float_eq(rate_of(ind(doc, 6), &ok), 150.0, 1e-9);
	cr_assert(ok);
	done(doc);
}

Test(rates, keep_with_a_distance_negative_progress_and_units)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "指標名\t基準値\t目標値\t方向\t実績値\n"
	                            "割合\t81.2%\t81.0%\t維持\t81.1%\n"
	                            "後退\t100 件\t200 件\t\t90 件\n"
	                            "単位違い\t100 件\t200 件\t\t150 人\n"
	                            "```\n");
	bool ok;
	/* 維持 with a small planned change is a floor (81.0 below 81.2): no rate,
	 * which would read "50 % achieved" for a level kept; met instead
	 * (this was the formula before floors and ceilings were read) */
	rate_of(ind(doc, 0), &ok);
	cr_assert_not(ok);
	cr_assert_eq(pc_indicator_achievement(ind(doc, 0)), PC_ACH_MET);
	/* moved away from the target: negative */
	cr_assert_float_eq(rate_of(ind(doc, 1), &ok), -10.0, 1e-9);
	cr_assert(ok);
	/* a result in another unit has no rate */
	rate_of(ind(doc, 2), &ok);
	cr_assert(!ok);
	done(doc);
}

/* Floors, ceilings and ranges: what a city means by them (issue: a
 * population that fell below its floor read "104.8 % achieved"). */
Test(rates, floors_ceilings_and_ranges)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```indicators\n"
	                            "指標名\t基準値\t目標値\t方向\t実績値\n"
	                            "人口\t69,820 人\t68,000 人以上\t\t67,912 人\n"
	                            "人口2\t69,820 人\t68,000 人\t以上\t68,500 人\n"
	                            "待機\t12 人\t20 人以下\t\t25 人\n"
	                            "満足度\t70%\t80%以上\t\t76%\n"
	                            "範囲\t85%\t80～90%\t\t87%\n"
	                            "範囲上\t60%\t80～90%\t\t70%\n"
	                            "団員\t486 人\t486 人\t維持\t480 人\n"
	                            "犯罪\t280 件\t300 件\t維持\t310 件\n"
	                            "未満\t10 件\t5 件未満\t\t5 件\n"
	                            "```\n");
	print_diags();
	cr_assert_eq(diags.errors, 0);
	bool ok;
	/* 以上 below the baseline: a floor, not reached */
	cr_assert_eq(ind(doc, 0)->direction, PC_DIR_FLOOR);
	rate_of(ind(doc, 0), &ok);
	cr_assert_not(ok, "no rate for a floor");
	cr_assert_eq(pc_indicator_achievement(ind(doc, 0)), PC_ACH_NOT_MET);
	/* the floor given in 方向 */
	cr_assert_eq(ind(doc, 1)->direction, PC_DIR_FLOOR);
	cr_assert(ind(doc, 1)->direction_given);
	cr_assert_eq(pc_indicator_achievement(ind(doc, 1)), PC_ACH_MET);
	/* 以下 above the baseline: a ceiling, exceeded */
	cr_assert_eq(ind(doc, 2)->direction, PC_DIR_CEILING);
	cr_assert_eq(pc_indicator_achievement(ind(doc, 2)), PC_ACH_NOT_MET);
	/* 以上 above the baseline: a target to reach, with a rate */
	cr_assert_eq(ind(doc, 3)->direction, PC_DIR_UP);
	cr_assert_float_eq(rate_of(ind(doc, 3), &ok), 60.0, 1e-9);
	cr_assert(ok);
	cr_assert_eq(pc_indicator_achievement(ind(doc, 3)), PC_ACH_NOT_MET);
	/* a range around the baseline is kept; inside it is met */
	cr_assert_eq(ind(doc, 4)->direction, PC_DIR_KEEP);
	cr_assert_eq(pc_indicator_achievement(ind(doc, 4)), PC_ACH_MET);
	rate_of(ind(doc, 4), &ok);
	cr_assert_not(ok);
	/* a range above the baseline counts from its lower end: 10 of 20 */
	cr_assert_eq(ind(doc, 5)->direction, PC_DIR_UP);
	cr_assert_float_eq(rate_of(ind(doc, 5), &ok), 50.0, 1e-9);
	cr_assert(ok);
	/* 維持 of 486 at 486: which side is kept is not said */
	cr_assert_eq(pc_indicator_achievement(ind(doc, 6)), PC_ACH_NONE);
	/* 維持 with a target above the baseline: a ceiling, exceeded */
	cr_assert_eq(pc_indicator_achievement(ind(doc, 7)), PC_ACH_NOT_MET);
	/* 未満 is strict: 5 is not under 5 */
	cr_assert_eq(ind(doc, 8)->direction, PC_DIR_DOWN);
	cr_assert_eq(pc_indicator_achievement(ind(doc, 8)), PC_ACH_NOT_MET);
	/* a limit or 維持 equal to the baseline is no slip; nothing warns */
	cr_assert_eq(count_code(PC_W_TARGET_IS_BASELINE), 0);
	cr_assert_eq(diags.len, 0);
	done(doc);
}

/* ---- The CSV export, read back by a real CSV reader ---- */

static char *tmp_file(const char *suffix)
{
	char *path = malloc(256);
	snprintf(path, 256, "/tmp/plancc-ind-XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	cr_assert_geq(fd, 0);
	close(fd);
	return path;
}

static void write_all(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Python reads the CSV (csv module, BOM stripped by utf-8-sig) and writes
 * it back as JSON, one row per line, so C can compare exact cells. The
 * script fails unless the file starts with a BOM and every row ends CRLF. */
static char *read_back(const char *csv)
{
	char *json = tmp_file(".json");
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
	         "python3 -c 'import csv,json,sys\n"
	         "raw=open(sys.argv[1],\"rb\").read()\n"
	         "assert raw.startswith(b\"\\xef\\xbb\\xbf\"), \"no BOM\"\n"
	         "assert raw.endswith(b\"\\r\\n\"), \"no CRLF\"\n"
	         "rows=list(csv.reader(open(sys.argv[1],encoding=\"utf-8-sig\",newline=\"\")))\n"
	         "out=open(sys.argv[2],\"w\",encoding=\"utf-8\")\n"
	         "[out.write(json.dumps(r,ensure_ascii=False)+\"\\n\") for r in rows]' %s %s",
	         csv, json);
	cr_assert_eq(system(cmd), 0, "python could not read %s", csv);
	char *s = slurp(json);
	unlink(json);
	free(json);
	return s;
}

Test(export, csv_quoting_of_quotes_commas_and_newlines)
{
	pc_buf b = {0};
	pc_csv_bom(&b);
	pc_csv_field(&b, "plain", true);
	pc_csv_field(&b, "a \"quoted\" word, a comma\nand a second line", false);
	pc_csv_field(&b, "", false);
	pc_csv_field(&b, "末尾", false);
	pc_csv_end_row(&b);
	char *csv = tmp_file(".csv");
	write_all(csv, b.data, b.len);
	cr_assert_str_eq(b.data, "\xEF\xBB\xBFplain,\"a \"\"quoted\"\" word, a comma\nand a "
	                         "second line\",,末尾\r\n");
	char *rows = read_back(csv);
	cr_assert_str_eq(rows, "[\"plain\", \"a \\\"quoted\\\" word, a comma\\nand a second "
	                       "line\", \"\", \"末尾\"]\n");
	free(rows);
	unlink(csv);
	free(csv);
	pc_buf_free(&b);
}

Test(export, csv_columns_and_values_read_back)
{
	pc_doc *doc = compile(FRONT "# 1 まち {#town}\n\n## 1-1 医療 {#med}\n\n### 成果指標\n\n"
	                            "```indicators id=kpi-med\n"
	                            "指標名\t把握方法\t基準値 (R2年度)\t中間目標値 (R5年度)\t"
	                            "目標値 (R8年度)\t実績値 (R4年度)\t実績値 (R6年度)\n"
	                            "受診率\t\"調査\", 年1回\t40.0%\t45.0%\t50.0%\t42.0%\t46.0%\n"
	                            "予算\t決算\t0.6億円\t－\t67万円 @ 2026年3月末\n"
	                            "```\n");
	print_diags();
	cr_assert_eq(diags.errors, 0);
	pc_buf b = {0};
	pc_indicators_csv(doc, &b);
	char *csv = tmp_file(".csv");
	write_all(csv, b.data, b.len);
	char *rows = read_back(csv);
	/* the header row, then one row per indicator */
	char *l1 = strchr(rows, '\n'), *l2 = l1 ? strchr(l1 + 1, '\n') : NULL;
	char *l3 = l2 ? strchr(l2 + 1, '\n') : NULL;
	cr_assert(l3 && l3[1] == '\0', "%s", rows);
	*l1 = *l2 = *l3 = '\0';
	const char *head = rows, *r1 = l1 + 1, *r2 = l2 + 1;
	/* the open-data columns first (no city-code, no city: empty) */
	cr_assert(strstr(head, "[\"全国地方公共団体コード\", \"ID\", \"地方公共団体名\", "
	                       "\"章番号\", \"章\", \"章id\", \"施策番号\", \"施策\", "
	                       "\"施策id\", \"指標名\", \"把握方法\", \"方向\", "
	                       "\"基準値\", \"基準値数値\", \"基準値単位\", \"基準値西暦年\", "
	                       "\"基準値年区分\""),
	          "%s", head);
	cr_assert(strstr(head, "\"達成率(%)\""), "%s", head);
	cr_assert(strstr(head,
	                 "\"ファイル\", \"行\", \"達成状況\", \"基準値年注記\", \"基準値条件\", "
	                 "\"基準値上限値\", \"基準値概数\", \"基準値注記\", \"中間目標値年注記\""),
	          "%s", head);
	cr_assert(strstr(r1, "[\"\", \"med.1\", \"\", \"1\", \"まち\", \"town\", \"1-1\", "
	                     "\"医療\", \"med\", "
	                     "\"受診率\", \"\\\"調査\\\", 年1回\", \"増\", "
	                     "\"40.0%\", \"40\", \"%\", \"2020\", \"年度\", "
	                     "\"45.0%\", \"45\", \"%\", \"2023\", \"年度\", "
	                     "\"50.0%\", \"50\", \"%\", \"2026\", \"年度\", "
	                     "\"46.0%\", \"46\", \"%\", \"2024\", \"年度\""),
	          "%s", r1);
	cr_assert(strstr(r1, "\"60.0\""), "%s", r1);
	cr_assert(strstr(r1, "\"00.md\", \"12\", \"未達成\", \"\""), "%s", r1);
	/* every result column after the rate, in table order */
	cr_assert(strstr(head, "\"達成率(%)\", \"実績値1\", \"実績値1数値\", \"実績値1単位\", "
	                       "\"実績値1西暦年\", \"実績値1年区分\", \"実績値2\""),
	          "%s", head);
	cr_assert(strstr(r1, "\"60.0\", \"42.0%\", \"42\", \"%\", \"2022\", \"年度\", "
	                     "\"46.0%\", \"46\", \"%\", \"2024\", \"年度\", \"00.md\""),
	          "%s", r1);
	/* no results: the rate and the result columns are empty */
	cr_assert(strstr(r2, "\"67万円\", \"670000\", \"円\", \"2026\", \"年\", "
	                     "\"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", "
	                     "\"\", \"\", \"\", \"\", \"\", \"\", \"00.md\", \"13\""),
	          "%s", r2);
	free(rows);
	/* the raw file: quotes doubled inside a quoted field */
	char *raw = slurp(csv);
	cr_assert(strstr(raw, ",\"\"\"調査\"\", 年1回\","), "%s", raw);
	cr_assert(strstr(raw, ",0.6億円,60000000,円,2020,年度,－,,,2023,年度,67万円,670000,円,"
	                      "2026,年,"),
	          "%s", raw);
	free(raw);
	unlink(csv);
	free(csv);
	pc_buf_free(&b);
	done(doc);
}

TestSuite(appendix, .fini = pc_unicode_cleanup);

/* 成果指標一覧 prints the 単位 column's unit after values written without
 * one (「312 (2024)」 with no 件 was the fault), and not twice. */
Test(appendix, values_carry_the_unit_column)
{
	pc_doc *doc = compile(FRONT "# 1 章\n\n## 1-1 施策\n\n```indicators\n"
	                            "指標名\t単位\t基準値 (2024)\t目標値 (2031)\n"
	                            "刑法犯の認知件数\t件\t312\t250 件\n"
	                            "着用率\t%\t21.5\t増加\n```\n");
	pc_kpi_appendix *a = pc_kpi_appendix_of(doc);
	cr_assert_eq(a->ntables, 1);
	cr_assert_eq(a->tables[0].nrows, 2);
	const pc_kpi_row *r = &a->tables[0].rows[0];
	cr_assert_str_eq(r->cells[PC_KPI_BASELINE].value, "312件");
	cr_assert_str_eq(r->cells[PC_KPI_TARGET].value, "250 件");
	cr_assert_str_eq(r->cells[PC_KPI_BASELINE].year, "（2024）");
	r = &a->tables[0].rows[1];
	cr_assert_str_eq(r->cells[PC_KPI_BASELINE].value, "21.5%");
	cr_assert_str_eq(r->cells[PC_KPI_TARGET].value, "増加", "text is not a number with a unit");
	done(doc);
}

/* A rate as printed: one decimal, a minus sign (U+2212) below zero, never
 * 「−0.0%」. */
Test(rates, printed_with_a_minus_sign_below_zero)
{
	char buf[16];
	cr_expect_str_eq(pc_rate_text(62.54, buf, sizeof buf), "62.5%");
	cr_expect_str_eq(pc_rate_text(-62.5, buf, sizeof buf), "\xE2\x88\x92"
	                                                       "62.5%");
	cr_expect_str_eq(pc_rate_text(-0.04, buf, sizeof buf), "0.0%");
	cr_expect_str_eq(pc_rate_text(104.75, buf, sizeof buf), "104.8%");
	cr_expect_str_eq(pc_rate_text(0, buf, sizeof buf), "0.0%");
}
