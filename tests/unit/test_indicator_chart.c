/*
 * The chart model of an indicator: which values it draws, the x axis of
 * years (eras converted), the y axis with round ticks, when it is left
 * out, and its text alternative.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "model/chart.h"
#include "plancc.h"
#include "support.h"
#include "util/unicode.h"

static pc_diags diags;

#define FRONT "---\ntitle: 計画\n---\n# 1 章\n\n```indicators\n"

static pc_doc *compile(const char *rows)
{
	char md[4096];
	snprintf(md, sizeof md, "%s%s```\n", FRONT, rows);
	return compile_text(md, &diags);
}

static void done(pc_doc *doc)
{
	compile_text_done(doc, &diags);
}

/* The chart of the plan's only indicator; false when none is drawn. */
static bool chart_of(pc_doc *doc, pc_chart *c)
{
	cr_assert_eq(doc->indicators.len, 1, "%zu indicators", doc->indicators.len);
	return pc_chart_of(doc->indicators.items[0], c);
}

Test(chart, planned_and_actual_series_on_a_year_axis)
{
	pc_doc *doc =
	    compile("指標名\t現在値 (H29年度)\t中間目標値 (R4年度)\t最終目標値 (R8年度)\t実績値 "
	            "(R6年度)\n特定健康診査の受診率\t38.2%\t50.0%\t60.0%\t44.1%\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert(c.by_year);
	cr_assert_eq(c.nplan, 3);
	cr_assert_eq(c.nactual, 1);
	cr_assert_float_eq(c.plan[0].x, 2017, 1e-9);
	cr_assert_float_eq(c.plan[1].x, 2022, 1e-9);
	cr_assert_float_eq(c.plan[2].x, 2026, 1e-9);
	cr_assert_float_eq(c.actual[0].x, 2024, 1e-9);
	cr_assert_float_eq(c.xmin, 2017, 1e-9);
	cr_assert_float_eq(c.xmax, 2026, 1e-9);
	cr_assert_str_eq(c.unit, "%");
	/* 38.2 … 60.0: zero is near enough (38.2 ≤ 30 is false, so not) */
	cr_assert_leq(c.ymin, 38.2);
	cr_assert_geq(c.ymax, 60.0);
	cr_assert_gt(c.ymin, 0, "zero would flatten 38–60: ymin %g", c.ymin);
	cr_assert_leq(c.nyticks, PC_CHART_MAX_TICKS);
	done(doc);
}

Test(chart, ticks_are_round_and_cover_the_values)
{
	static const char *rows[] = {
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t4,812 人\t5,000 人\n",
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t8,640 件/年\t10,200 件/年\n",
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t0.6億円\t1.5億円\n",
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t81.2%\t81.0%\n",
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t3\t250\n",
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t-12.5\t-3\n",
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		pc_doc *doc = compile(rows[i]);
		pc_chart c;
		cr_assert(chart_of(doc, &c), "%s", rows[i]);
		double lo = fmin(c.plan[0].y, c.plan[1].y), hi = fmax(c.plan[0].y, c.plan[1].y);
		cr_assert_leq(c.ymin, lo, "%s", rows[i]);
		cr_assert_geq(c.ymax, hi, "%s", rows[i]);
		cr_assert(c.nyticks >= 2 && c.nyticks <= PC_CHART_MAX_TICKS, "%s: %d ticks",
		          rows[i], c.nyticks);
		cr_assert_float_eq(c.ymin + (c.nyticks - 1) * c.ystep, c.ymax,
		                   1e-6 * fabs(c.ymax) + 1e-9);
		/* the step is 1, 2, 2.5 or 5 times a power of ten */
		double f = c.ystep / pow(10, floor(log10(c.ystep)));
		cr_assert(fabs(f - 1) < 1e-9 || fabs(f - 2) < 1e-9 || fabs(f - 2.5) < 1e-9 ||
		              fabs(f - 5) < 1e-9,
		          "%s: step %g", rows[i], c.ystep);
		/* ticks on whole multiples of the step */
		cr_assert_float_eq(remainder(c.ymin, c.ystep), 0, 1e-6 * c.ystep);
		done(doc);
	}
}

Test(chart, zero_is_on_the_axis_when_values_are_near_it)
{
	pc_doc *doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t40 人\t120 人\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert_float_eq(c.ymin, 0, 1e-12);
	done(doc);
}

Test(chart, one_value_only_draws_nothing)
{
	pc_doc *doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t312 件\t増加\n");
	pc_chart c;
	cr_assert_not(chart_of(doc, &c));
	done(doc);
}

Test(chart, different_units_draw_nothing)
{
	pc_doc *doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t312 件\t40%\n");
	pc_chart c;
	cr_assert_not(chart_of(doc, &c));
	done(doc);
}

Test(chart, without_years_points_follow_the_columns)
{
	pc_doc *doc = compile("指標名\t基準値\t目標値\nA\t10 回\t20 回\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert_not(c.by_year);
	cr_assert_lt(c.plan[0].x, c.plan[1].x);
	char buf[64];
	cr_assert_str_eq(pc_chart_x_label(&c, &c.plan[1], buf, sizeof buf), "目標値");
	done(doc);
}

Test(chart, some_years_missing_draws_nothing)
{
	pc_doc *doc = compile("指標名\t基準値\t目標値 (R13年度)\nA\t10 回\t20 回\n");
	pc_chart c;
	cr_assert_not(chart_of(doc, &c));
	done(doc);
}

Test(chart, a_falling_indicator_keeps_its_order)
{
	pc_doc *doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\t方向\n"
	                      "成人の喫煙率\t16.8%\t12.0%\t減\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert_gt(c.plan[0].y, c.plan[1].y);
	cr_assert_lt(c.plan[0].x, c.plan[1].x);
	done(doc);
}

Test(chart, tick_labels_have_separators_and_the_step_s_decimals)
{
	pc_doc *doc =
	    compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t8,640 件\t10,200 件\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	char buf[64];
	pc_chart_tick_label(&c, 10000, buf, sizeof buf);
	cr_assert_str_eq(buf, "10,000");
	c.decimals = 1;
	pc_chart_tick_label(&c, -1234.5, buf, sizeof buf);
	cr_assert_str_eq(buf, "-1,234.5");
	done(doc);
}

Test(chart, the_text_alternative_states_every_value)
{
	pc_doc *doc = compile("指標名\t現在値 (H29年度)\t最終目標値 (R8年度)\t実績値 (R6年度)\n"
	                      "受診率\t38.2%\t60.0%\t44.1%\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	pc_buf b = {0};
	pc_chart_describe(&c, &b);
	pc_buf_putc(&b, '\0');
	cr_assert_str_eq(b.data,
	                 "受診率：基準値 2017年度 38.2%、目標値 2026年度 60.0%、実績値 2024年度 "
	                 "44.1%（達成率 27.1%）");
	pc_buf_free(&b);
	done(doc);
}

Test(chart, huge_numbers_draw_nothing_rather_than_overflow)
{
	char rows[1024] = "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t1";
	for (int i = 0; i < 320; i++)
		strcat(rows, "0");
	strcat(rows, "\t2\n");
	pc_doc *doc = compile(rows);
	pc_chart c;
	cr_assert_not(chart_of(doc, &c));
	done(doc);
}

/* Every tick of a chart of whole numbers is a whole number. */
static void expect_whole_ticks(const pc_chart *c, const char *what)
{
	for (int i = 0; i < c->nyticks; i++) {
		double v = c->ymin + i * c->ystep;
		cr_expect_float_eq(v, round(v), 1e-9, "%s: tick %g", what, v);
	}
}

Test(chart, counts_have_whole_ticks)
{
	static const char *rows[] = {
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t100 件\t110 件\n",
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t12 件\t13 件\n",
	    "指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t3 回\t4 回\n",
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		pc_doc *doc = compile(rows[i]);
		pc_chart c;
		cr_assert(chart_of(doc, &c), "%s", rows[i]);
		cr_expect_geq(c.ystep, 1, "%s: step %g", rows[i], c.ystep);
		expect_whole_ticks(&c, rows[i]);
		cr_expect_eq(c.decimals, 0, "%s", rows[i]);
		done(doc);
	}
}

Test(chart, shares_may_keep_fractional_ticks)
{
	pc_doc *doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t38.2%\t41.0%\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert_leq(c.ymin, 38.2);
	cr_assert_geq(c.ymax, 41.0);
	done(doc);
}

Test(chart, a_kept_value_does_not_look_like_a_fall)
{
	pc_doc *doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\t方向\n"
	                      "A\t81.2%\t81.0%\t維持\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	/* a change of 0.2 points on an axis of at least a tenth of 81 */
	cr_assert_geq(c.ymax - c.ymin, 8.1, "axis %g–%g", c.ymin, c.ymax);
	cr_assert_leq(c.ymin, 81.0);
	cr_assert_geq(c.ymax, 81.2);
	cr_assert_leq(c.ymax, 100, "a share never runs past 100%%: %g", c.ymax);
	done(doc);
}

Test(chart, a_share_near_the_top_stays_under_100)
{
	pc_doc *doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t99.5%\t100%\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert_float_eq(c.ymax, 100, 1e-9);
	cr_assert_geq(c.ymax - c.ymin, 9.9);
	done(doc);
}

Test(chart, long_numbers_are_scaled_so_labels_fit)
{
	pc_doc *doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\n"
	                      "A\t600,000,000 円\t800,000,000 円\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert_float_eq(c.scale, 1e8, 1);
	cr_assert_str_eq(c.axis_unit, "億円");
	for (int i = 0; i < c.nyticks; i++) {
		char buf[64];
		pc_chart_tick_label(&c, c.ymin + i * c.ystep, buf, sizeof buf);
		cr_expect_leq(strlen(buf), PC_CHART_LABEL_MAX, "label %s", buf);
	}
	char buf[64];
	pc_chart_tick_label(&c, 800000000, buf, sizeof buf);
	cr_assert_str_eq(buf, "8.0"); /* a step of 0.5 億 */
	done(doc);

	doc = compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t1,234,000 人\t1,500,000 人\n");
	cr_assert(chart_of(doc, &c));
	cr_assert_str_eq(c.axis_unit, "万人");
	pc_chart_tick_label(&c, 1500000, buf, sizeof buf);
	cr_assert_str_eq(buf, "150");
	done(doc);
}

Test(chart, numbers_that_fit_are_not_scaled)
{
	pc_doc *doc =
	    compile("指標名\t基準値 (R6年度)\t目標値 (R13年度)\nA\t69,820 人\t68,000 人\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert_float_eq(c.scale, 1, 1e-12);
	cr_assert_str_eq(c.axis_unit, "人");
	done(doc);
}

Test(chart, a_bare_year_is_not_called_a_fiscal_year_in_words)
{
	pc_doc *doc = compile("指標名\t基準値 (2024)\t目標値 (2031)\n"
	                      "刑法犯の認知件数\t312 件\t250 件\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	pc_buf b = {0};
	pc_chart_describe(&c, &b);
	pc_buf_putc(&b, '\0');
	cr_assert_str_eq(b.data, "刑法犯の認知件数：基準値 2024年 312 件、目標値 2031年 250 件");
	pc_buf_free(&b);
	done(doc);
}

Test(chart, the_unit_column_is_said_with_each_value)
{
	pc_doc *doc = compile("指標名\t単位\t基準値 (2024)\t目標値 (2031)\n"
	                      "自転車ヘルメットの着用率\t%\t21.5\t50.0\n");
	pc_chart c;
	cr_assert(chart_of(doc, &c));
	cr_assert_str_eq(c.axis_unit, "%");
	pc_buf b = {0};
	pc_chart_describe(&c, &b);
	pc_buf_putc(&b, '\0');
	cr_assert_str_eq(b.data,
	                 "自転車ヘルメットの着用率：基準値 2024年 21.5%、目標値 2031年 50.0%");
	pc_buf_free(&b);
	done(doc);
}
