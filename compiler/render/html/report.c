/*
 * HTML back end, the yearly progress report: a summary page and a page
 * per chapter with one evaluation sheet per measure, in the site's style
 * (its header, crumbs, tables, charts) plus report.css for the grades.
 * Everything printed comes from the report model (model/grade.h).
 */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "../../model/indicators.h"
#include "../../util/buf.h"
#include "../../util/escape.h"
#include "chart.h"
#include "frame.h"
#include "script.h"
#include "style.h"

/* What the report adds to the site's style sheet: grade badges in five
 * tones (each with at least 4.5:1 contrast on its background), the sheet
 * of a measure, the summary tables. */
static const char report_style[] =
    ".grade{display:inline-block;min-width:2.2em;padding:0 .45em;border-radius:.25rem;"
    "font-weight:bold;text-align:center;border:1px solid transparent}\n"
    ".grade.t0{background:#1d6b4f;color:#fff}.grade.t1{background:#d8eee2;color:#124a36;"
    "border-color:#1d6b4f}\n"
    ".grade.t2{background:#fff4d6;color:#5c4500;border-color:#b8860b}"
    ".grade.t3{background:#fde3d3;color:#7a3307;border-color:#a3470b}\n"
    ".grade.t4{background:#9b1c1c;color:#fff}.grade.tx{background:#eee;color:#333;"
    "border-color:#999}\n"
    ".sheet{border-top:4px solid var(--accent);margin:2.5rem 0 1rem;padding-top:.2rem}\n"
    ".sheet-head{display:flex;align-items:flex-start;justify-content:space-between;gap:1rem}\n"
    ".sheet-head h2{margin:.4rem 0}.sheet-head .grade{font-size:1.6rem;line-height:1.4}\n"
    ".sheet .facts{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;margin:.2rem 0 .8rem;"
    "padding:0;list-style:none}\n"
    ".sheet .facts li{margin:0}.sheet .facts strong{margin-right:.4em}\n"
    ".course{display:inline-block;border:1px solid var(--accent);color:var(--accent);"
    "padding:0 .5em;border-radius:.2rem;font-weight:bold}\n"
    ".comment{background:var(--box);border:1px solid var(--line);border-radius:.3rem;"
    "padding:.4rem 1rem;margin:1rem 0}\n"
    ".comment h3{margin:.4rem 0;font-size:1rem}\n"
    ".kpi td.grade-cell{text-align:center}\n"
    ".sheet-table th,.sheet-table td{min-width:0;padding:.3rem .35rem}"
    ".sheet-table tbody th{min-width:7em}\n"
    ".mark{font-size:.75rem;margin-left:.2em}\n"
    ".notes{list-style:none;padding:0;margin:-.6rem 0 1rem;font-size:.85rem;color:var(--muted)}\n"
    ".rule li{margin:.3rem 0}\n"
    ".summary th,.summary td{min-width:0}.summary tbody th{min-width:12em}\n"
    ".summary td{text-align:right}.summary .total th,.summary .total td{font-weight:bold;"
    "border-top:2px solid var(--accent)}\n"
    "@media print{.sheet{break-before:page}}\n";

typedef struct page {
	const pc_report *r;
	pc_doc *doc;
	pc_output *out;
	pc_buf b;
	bool draft;
	bool ok;
	unsigned charts; /* chart ids on the page */
} page;

static void put(page *p, const char *s)
{
	pc_buf_puts(&p->b, s);
}

static void text(page *p, const char *s)
{
	pc_escape_html(&p->b, s);
}

static const char *summary_file(const page *p)
{
	return pc_arena_printf(p->doc->arena, "report-%d.html", p->r->year);
}

/* The page of a chapter's sheets ("report-2028-anshin.html"). */
static const char *chapter_file(const page *p, const pc_node *ch)
{
	return pc_arena_printf(p->doc->arena, "report-%d-%s.html", p->r->year,
	                       ch ? ch->u.section->id : "plan");
}

static void begin(page *p, const char *title, bool top)
{
	pc_buf_clear(&p->b);
	p->charts = 0;
	static const char *const css[] = {"report.css", NULL};
	const char *year = pc_arena_printf(p->doc->arena, "%s 進捗評価", p->r->year_label);
	pc_html_crumb up[] = {{summary_file(p), year}, {NULL, title}};
	pc_html_frame_begin(&p->b, &p->doc->meta, title, css,
	                    p->draft ? "この評価は案です。内容は確定していません。" : NULL,
	                    top ? up + 1 : up, top ? 1 : 2);
}

static void end(page *p, const char *file, const char *prev, const char *prev_title,
                const char *next, const char *next_title)
{
	pc_html_frame_end(&p->b, &p->doc->meta, prev, prev_title, next, next_title);
	p->ok &= pc_output_write(p->out, pc_arena_printf(p->doc->arena, "html/%s", file), p->b.data,
	                         p->b.len);
}

/* A grade as a badge in its tone. */
static void grade(page *p, const char *name, int band)
{
	int tone = pc_report_tone(p->r, band);
	if (tone < 0)
		put(p, "<span class=\"grade tx\">");
	else
		pc_buf_printf(&p->b, "<span class=\"grade t%d\">", tone);
	text(p, name);
	put(p, "</span>");
}

/* ---- the summary page ---------------------------------------------------- */

static const char *chapter_name(const pc_node *ch)
{
	return ch ? ch->u.section->display : "計画全体";
}

/* Counts per chapter for measures (or indicators), one column a grade. */
static void counts_table(page *p, const char *caption, bool measures)
{
	const pc_report *r = p->r;
	put(p, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	text(p, caption);
	put(p, "\"><table class=\"summary\"><caption>");
	text(p, caption);
	put(p, "</caption><thead><tr><th scope=\"col\">章</th>");
	for (size_t g = 0; g < r->ngrades; g++) {
		if (!pc_report_grade_shown(r, g))
			continue;
		put(p, "<th scope=\"col\">");
		grade(p, r->grades[g], g < r->rule.nbands ? (int)g : -1);
		put(p, "</th>");
	}
	put(p, "<th scope=\"col\">計</th></tr></thead><tbody>");
	for (size_t i = 0; i <= r->nchapters; i++) {
		const pc_report_chapter *c = i < r->nchapters ? &r->chapters[i] : &r->total;
		put(p, i == r->nchapters ? "<tr class=\"total\"><th scope=\"row\">"
		                         : "<tr><th scope=\"row\">");
		if (i < r->nchapters) {
			put(p, "<a href=\"");
			text(p, chapter_file(p, c->chapter));
			put(p, "\">");
			text(p, chapter_name(c->chapter));
			put(p, "</a>");
		} else {
			put(p, "合計");
		}
		put(p, "</th>");
		const size_t *n = measures ? c->measures : c->indicators;
		for (size_t g = 0; g < r->ngrades; g++)
			if (pc_report_grade_shown(r, g))
				pc_buf_printf(&p->b, "<td>%zu</td>", n[g]);
		pc_buf_printf(&p->b, "<td>%zu</td></tr>", measures ? c->count : c->nindicators);
	}
	put(p, "</tbody></table></div>");
}

static void measure_list(page *p)
{
	const pc_report *r = p->r;
	put(p, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
	       "aria-label=\"施策ごとの評価と今後の方向性\">"
	       "<table class=\"kpi\"><caption>施策ごとの評価と今後の方向性</caption><thead><tr>"
	       "<th scope=\"col\">施策</th><th scope=\"col\">評価</th>"
	       "<th scope=\"col\">今後の方向性</th><th scope=\"col\">指標の評価</th>"
	       "</tr></thead><tbody>");
	for (size_t i = 0; i < r->nmeasures; i++) {
		const pc_measure_grade *m = &r->measures[i];
		put(p, "<tr><th scope=\"row\"><a href=\"");
		text(p, chapter_file(p, m->chapter));
		put(p, "#");
		text(p, m->measure->u.section->id);
		put(p, "\">");
		text(p, m->measure->u.section->display);
		put(p, "</a></th><td class=\"grade-cell\">");
		grade(p, m->grade, m->band);
		put(p, "</td><td class=\"grade-cell\">");
		const char *course = m->eval ? pc_course_name(m->eval->course) : NULL;
		text(p, course ? course : "－");
		put(p, "</td><td class=\"text\">");
		for (size_t k = 0; k < m->ninds; k++) {
			if (k)
				put(p, " ");
			grade(p, m->inds[k].grade, m->inds[k].band);
		}
		put(p, "</td></tr>");
	}
	put(p, "</tbody></table></div>");
}

static void summary_page(page *p)
{
	const pc_report *r = p->r;
	const char *title = pc_arena_printf(p->doc->arena, "%s 進捗評価", r->year_label);
	begin(p, title, true);
	put(p, "<h1>");
	text(p, title);
	put(p, "</h1><p>");
	text(p, p->doc->meta.title);
	if (p->doc->meta.subtitle) {
		put(p, "　");
		text(p, p->doc->meta.subtitle);
	}
	put(p, "の施策と成果指標を、");
	text(p, r->year_label);
	put(p, "の実績値で評価しました。</p><h2>評価の方法</h2><ul class=\"rule\">");
	for (size_t i = 0; i < r->nrule_text; i++) {
		put(p, "<li>");
		text(p, r->rule_text[i]);
		put(p, "</li>");
	}
	put(p, "</ul><h2>評価の集計</h2>");
	if (!r->nmeasures)
		put(p, "<p>この計画には、この年度に評価する施策（成果指標か評価の表のある施策）が"
		       "ありません。</p>");
	counts_table(p, "章ごとの施策の評価（施策数）", true);
	counts_table(p, "章ごとの指標の評価（指標数）", false);
	put(p, "<h2>施策の評価の一覧</h2>");
	measure_list(p);
	const char *next = r->nchapters ? chapter_file(p, r->chapters[0].chapter) : NULL;
	end(p, summary_file(p), NULL, NULL, next,
	    r->nchapters ? chapter_name(r->chapters[0].chapter) : NULL);
}

/* ---- a chapter's sheets -------------------------------------------------- */

/* A value, with its year when the column's heading does not give it. */
static void value_cell(page *p, const pc_indicator *ind, const pc_ivalue *v, bool year)
{
	put(p, "<td>");
	text(p, pc_report_value_text(p->doc->arena, ind, v));
	const char *y = year ? pc_ivalue_year_text(p->doc->arena, v) : NULL;
	if (y) {
		put(p, "<span class=\"year\">（");
		text(p, y);
		put(p, "）</span>");
	}
	put(p, "</td>");
}

static void column_head(page *p, const char *name, const char *year)
{
	put(p, "<th scope=\"col\">");
	text(p, name);
	if (year) {
		put(p, "<span class=\"year\">（");
		text(p, year);
		put(p, "）</span>");
	}
	put(p, "</th>");
}

/* The sheet's table, with the columns and notes the model decided. */
static void indicators_table(page *p, const pc_measure_grade *m)
{
	const pc_report *r = p->r;
	/* named after the measure: a chapter's page holds several sheets */
	const char *caption = pc_arena_printf(p->doc->arena, "%s の成果指標の評価（%s）",
	                                      m->measure->u.section->display, r->year_label);
	put(p, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	text(p, caption);
	put(p, "\"><table class=\"kpi sheet-table\"><caption>");
	text(p, caption);
	put(p, "</caption><thead><tr><th scope=\"col\">指標名</th>");
	column_head(p, "基準値", m->baseline_year);
	column_head(p, "目標値", m->target_year);
	if (m->year_targets)
		column_head(p, "年割目標値", NULL);
	column_head(p, "実績値", NULL);
	column_head(p, r->score_name, NULL);
	put(p, "<th scope=\"col\">評価</th></tr></thead><tbody>");
	for (size_t i = 0; i < m->ninds; i++) {
		const pc_ind_grade *ig = &m->inds[i];
		put(p, "<tr><th scope=\"row\">");
		text(p, ig->ind->name);
		put(p, "</th>");
		value_cell(p, ig->ind, ig->ind->baseline, !m->baseline_year);
		value_cell(p, ig->ind, ig->ind->target, !m->target_year);
		if (m->year_targets) {
			put(p, "<td>");
			text(p, ig->has_year_target ? ig->year_target_text : "－");
			put(p, "</td>");
		}
		value_cell(p, ig->ind, ig->actual, false);
		put(p, "<td>");
		text(p, ig->score_text);
		put(p, "</td><td class=\"grade-cell\">");
		grade(p, ig->grade, ig->band);
		if (ig->note_no)
			pc_buf_printf(&p->b, "<a class=\"mark\" href=\"#n.%s.%d\">※%d</a>",
			              m->measure->u.section->id, ig->note_no, ig->note_no);
		put(p, "</td></tr>");
	}
	put(p, "</tbody></table></div>");
	if (!m->nnotes)
		return;
	put(p, "<ul class=\"notes\">");
	for (size_t i = 0; i < m->ninds; i++) {
		const pc_ind_grade *ig = &m->inds[i];
		if (!ig->note_no)
			continue;
		pc_buf_printf(&p->b, "<li id=\"n.");
		text(p, m->measure->u.section->id);
		pc_buf_printf(&p->b, ".%d\">※%d ", ig->note_no, ig->note_no);
		text(p, ig->note);
		put(p, "</li>");
	}
	put(p, "</ul>");
}

static void sheet(page *p, const pc_measure_grade *m)
{
	const pc_section *s = m->measure->u.section;
	put(p, "<section class=\"sheet\" id=\"");
	text(p, s->id);
	put(p, "\"><div class=\"sheet-head\"><h2>");
	if (s->number) {
		put(p, "<span class=\"num\">");
		text(p, s->number);
		put(p, "</span> ");
	}
	text(p, s->title);
	put(p, "</h2><p>");
	put(p, "<span class=\"vh\">施策の評価 </span>");
	grade(p, m->grade, m->band);
	put(p, "</p></div><ul class=\"facts\"><li><strong>施策の評価</strong>");
	text(p, m->grade);
	put(p, "（");
	text(p, m->basis);
	put(p, "）</li><li><strong>今後の方向性</strong>");
	const char *course = m->eval ? pc_course_name(m->eval->course) : NULL;
	if (course) {
		put(p, "<span class=\"course\">");
		text(p, course);
		put(p, "</span>");
	} else {
		put(p, "－");
	}
	put(p, "</li><li><a href=\"");
	text(p, pc_arena_printf(p->doc->arena, "c-%s.html#%s",
	                        m->chapter ? m->chapter->u.section->id : "", s->id));
	put(p, "\">計画の本文</a></li></ul>");
	if (m->ninds) {
		indicators_table(p, m);
	}
	put(p, "<div class=\"comment\"><h3>要因・分析</h3>");
	const char *c = m->eval && *m->eval->comment ? m->eval->comment : NULL;
	if (!c) {
		put(p, "<p>（この年度の評価の記述はありません）</p>");
	} else {
		while (*c) {
			const char *nl = strchr(c, '\n');
			size_t len = nl ? (size_t)(nl - c) : strlen(c);
			put(p, "<p>");
			text(p, pc_arena_strndup(p->doc->arena, c, len));
			put(p, "</p>");
			c += len + (nl ? 1 : 0);
		}
	}
	put(p, "</div>");
	/* as on the printed sheet: the figures, the words, then the charts */
	if (m->ninds)
		pc_html_charts(&p->b, m->charts, &p->charts);
	put(p, "</section>");
}

static void chapter_page(page *p, size_t k)
{
	const pc_report *r = p->r;
	const pc_report_chapter *c = &r->chapters[k];
	begin(p, chapter_name(c->chapter), false);
	put(p, "<h1>");
	text(p, chapter_name(c->chapter));
	put(p, "<span class=\"sub\">　");
	text(p, r->year_label);
	put(p, " 進捗評価</span></h1>");
	for (size_t i = c->first; i < c->first + c->count; i++)
		sheet(p, &r->measures[i]);
	const char *prev = k ? chapter_file(p, r->chapters[k - 1].chapter) : summary_file(p);
	const char *prev_title = k ? chapter_name(r->chapters[k - 1].chapter)
	                           : pc_arena_printf(p->doc->arena, "%s 進捗評価", r->year_label);
	const char *next =
	    k + 1 < r->nchapters ? chapter_file(p, r->chapters[k + 1].chapter) : NULL;
	end(p, chapter_file(p, c->chapter), prev, prev_title, next,
	    next ? chapter_name(r->chapters[k + 1].chapter) : NULL);
}

bool pc_html_render_report(const pc_report *r, bool draft, pc_output *o, pc_diags *d)
{
	(void)d; /* the pages cannot fail but for writing, which o reports */
	page p = {.r = r, .doc = r->doc, .out = o, .draft = draft, .ok = true};
	summary_page(&p);
	for (size_t k = 0; k < r->nchapters; k++)
		chapter_page(&p, k);
	p.ok &= pc_output_write(o, "html/style.css", pc_html_style, strlen(pc_html_style));
	p.ok &= pc_output_write(o, "html/site.js", pc_html_script, strlen(pc_html_script));
	p.ok &= pc_output_write(o, "html/report.css", report_style, strlen(report_style));
	pc_buf_free(&p.b);
	return p.ok;
}
