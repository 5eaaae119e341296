/*
 * The parser and resolver through the library API: section tree, numbers,
 * derived ids, roles, readings, term occurrences, references.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "plancc.h"
#include "resolve/resolve.h"
#include "support.h"

static pc_diags diags;
static char *dir;

static pc_doc *compile(const char *first, const char *second)
{
	return compile_plan(first, second, &dir, &diags);
}

static void done(pc_doc *doc)
{
	compile_done(doc, dir, &diags);
}

static const pc_section *section(pc_doc *doc, size_t i)
{
	cr_assert_lt(i, doc->sections.len);
	return ((pc_node *)doc->sections.items[i])->u.section;
}

#define FRONT "---\ntitle: 計画\n---\n"

Test(reading, given_readings_are_normalised_to_hiragana)
{
	pc_arena *a = pc_arena_new();
	pc_reading r = pc_reading_of(a, "経常収支比率", "ケイジョウ シュウシ ヒリツ");
	cr_assert_str_eq(r.reading, "けいじょうしゅうしひりつ");
	cr_assert(!r.derived && !r.bad_given);
	r = pc_reading_of(a, "協働", "ｷｮｳﾄﾞｳ"); /* half-width katakana */
	cr_assert_str_eq(r.reading, "きょうどう");
	r = pc_reading_of(a, "協働", "kyoudou");
	cr_assert(r.bad_given);
	pc_arena_free(a);
}

Test(reading, kana_and_latin_terms_get_derived_readings)
{
	pc_arena *a = pc_arena_new();
	pc_reading r = pc_reading_of(a, "ダイバーシティ", NULL);
	cr_assert_str_eq(r.reading, "だいばーしてぃ"); /* ー kept for display */
	cr_assert(r.derived);
	cr_assert_str_eq(pc_reading_of(a, "ワーク・ライフ・バランス", "").reading,
	                 "わーく・らいふ・ばらんす");
	cr_assert_str_eq(pc_reading_of(a, "ＮＰＯ", NULL).reading, "NPO");
	cr_assert_str_eq(pc_reading_of(a, "PDCAサイクル", NULL).reading, "PDCAさいくる");
	cr_assert_null(pc_reading_of(a, "地域包括ケア", NULL).reading);
	pc_arena_free(a);
}

Test(parse, sections_nest_by_level_across_files)
{
	pc_doc *doc =
	    compile(FRONT "# 1 まち {#town sdgs=3,11}\n\n## 1-1 医療\n\n### 目指す姿\n\n本文\n",
	            "## 1-2 福祉 {label=施策}\n\n#### ①見守り\n\n# 経営方針 {no=経営方針1}\n");
	cr_assert_eq(diags.errors, 0);
	cr_assert_eq(doc->sections.len, 6);
	cr_assert_str_eq(section(doc, 0)->id, "town");
	cr_assert_eq(section(doc, 0)->nsdgs, 2);
	cr_assert_eq(section(doc, 0)->sdgs[1], 11);
	cr_assert_str_eq(section(doc, 1)->number, "1-1");
	cr_assert_str_eq(section(doc, 1)->title, "医療");
	cr_assert_str_eq(section(doc, 1)->id, "s1-1");
	cr_assert_eq(section(doc, 2)->role, PC_ROLE_VISION);
	cr_assert_str_eq(section(doc, 2)->id, "s1-1_1");
	/* The second file continues chapter 1. */
	pc_node *s3 = doc->sections.items[3];
	cr_assert_eq(pc_node_section(s3), doc->sections.items[0]);
	cr_assert_str_eq(section(doc, 3)->label, "施策");
	cr_assert_str_eq(section(doc, 4)->number, "①");
	cr_assert_str_eq(section(doc, 4)->title, "見守り");
	cr_assert_str_eq(section(doc, 4)->id, "s1-2_1");
	cr_assert_str_eq(section(doc, 5)->number, "経営方針1");
	done(doc);
}

Test(parse, fullwidth_numbers_and_derived_id_clashes)
{
	pc_doc *doc = compile(FRONT "# １ まち\n\n## １－１ 医療\n\n# 1 重複\n", NULL);
	cr_assert_str_eq(section(doc, 0)->number, "1");
	cr_assert_str_eq(section(doc, 1)->number, "1-1");
	cr_assert_str_eq(section(doc, 0)->id, "s1");
	/* A second chapter 1 cannot take s1 again. */
	cr_assert_str_neq(section(doc, 2)->id, "s1");
	done(doc);
}

Test(parse, role_classes_and_usual_titles)
{
	pc_doc *doc = compile(
	    FRONT "## 施策\n\n### 私たちの将来像 {.vision}\n\n### 10年後の目指す姿\n\n"
	          "### 現状と課題\n\n### 市民の役割\n\n### 関連する計画・指針等\n\n### 用語解説\n\n"
	          "### その他\n",
	    NULL);
	pc_role want[] = {PC_ROLE_NONE,  PC_ROLE_VISION, PC_ROLE_VISION,   PC_ROLE_ISSUES,
	                  PC_ROLE_ROLES, PC_ROLE_PLANS,  PC_ROLE_GLOSSARY, PC_ROLE_NONE};
	for (size_t i = 0; i < 8; i++)
		cr_assert_eq(section(doc, i)->role, want[i], "section %zu", i);
	done(doc);
}

static const char *GLOSSARY = "```glossary\n用語\t読み\t説明\t別名\n"
                              "ダイバーシティ\t\t違いを活かすこと。\t多様性:たようせい\n"
                              "NPO\t\t非営利の団体。\n"
                              "NPO法人\tえぬぴーおーほうじん\t法人格のある団体。\n```\n";

Test(resolve, occurrences_longest_match_and_word_boundaries)
{
	char src[2048];
	snprintf(src, sizeof src,
	         FRONT
	         "# 章\n\nNPO法人とNPOが集まり、SNPOやNPOs は別語。多様性を尊重します。\n\n%s",
	         GLOSSARY);
	pc_doc *doc = compile(src, NULL);
	cr_assert_eq(diags.errors, 0);
	pc_term *npo = doc->terms.items[1], *houjin = doc->terms.items[2],
	        *div = doc->terms.items[0];
	cr_assert_eq(houjin->nuses, 1); /* NPO法人: the longer term wins */
	cr_assert_eq(npo->nuses, 1);    /* SNPO and NPOs are other words */
	cr_assert_eq(div->nuses, 1);    /* found through its alias */
	cr_assert_eq(npo->uses[0].pos.line, 6);
	cr_assert_eq(npo->uses[0].pos.col, 7);
	cr_assert(!npo->uses[0].explicit_ref);
	done(doc);
}

Test(resolve, term_refs_by_text_name_and_alias)
{
	char src[2048];
	snprintf(src, sizeof src,
	         FRONT "# 章\n\n[ダイバーシティ](term:)、[多様な主体](term:ダイバーシティ)、"
	               "[多様性](term:)、[ｎｐｏ](term:NPO)\n\n%s",
	         GLOSSARY);
	pc_doc *doc = compile(src, NULL);
	cr_assert_eq(diags.errors, 0, "%s", diags.len ? diags.items[0].msg : "");
	pc_term *div = doc->terms.items[0];
	cr_assert_eq(div->nuses, 3);
	cr_assert(div->uses[0].explicit_ref);
	cr_assert_eq(((pc_term *)doc->terms.items[1])->nuses, 1);
	done(doc);
}

Test(resolve, refs_reach_sections_and_tables)
{
	pc_doc *doc =
	    compile(FRONT "# 1 章 {#c1}\n\n[](ref:c1) [表](ref:kpi)\n\n"
	                  "```indicators id=kpi caption=\"主な指標\"\n指標名\t目標値 (R8年度)\n"
	                  "件数\t5件\n```\n",
	            NULL);
	cr_assert_eq(diags.errors, 0);
	pc_node *r0 = doc->xrefs.items[0], *r1 = doc->xrefs.items[1];
	cr_assert_eq(r0->u.xref.target, doc->sections.items[0]);
	cr_assert_eq(r1->u.xref.target, doc->tables.items[0]);
	cr_assert_str_eq(pc_node_text(doc, r1), "表");
	done(doc);
}

Test(resolve, definitions_and_clashes)
{
	pc_doc *doc = compile(FRONT "# 章\n\n```glossary\n用語\t読み\t説明\t別名\nＤＸ\t\ta\n"
	                            "協働\tきょうどう\tb\tDX\n```\n",
	                      "```glossary\n用語\t説明\nDX\tc\n```\n");
	/* ＤＸ and DX are one term after NFKC: the alias and the second
	 * definition both clash. */
	cr_assert_eq(diags.errors, 2);
	bool dup = false, alias = false;
	for (size_t i = 0; i < diags.len; i++) {
		dup |= diags.items[i].code == PC_E_DUP_TERM &&
		       !strcmp(diags.items[i].file, "01.md") && diags.items[i].line == 3;
		alias |= diags.items[i].code == PC_E_ALIAS_CLASH && diags.items[i].line == 9;
	}
	cr_assert(dup && alias);
	done(doc);
}

Test(parse, indicator_values_and_years)
{
	pc_doc *doc = compile(
	    FRONT
	    "```indicators\n| 指標名 | 現在値 (H29年3月末) | 中間目標値 | "
	    "目標値〔令和8(2026)年度〕 |\n"
	    "|---|---|---|---|\n| 予算 | ０．６億円 | 67万円 @ R元年度 | 1,200,000円 |\n```\n",
	    NULL);
	cr_assert_eq(diags.errors, 0, "%s", diags.len ? diags.items[0].msg : "");
	pc_indicator *ind = doc->indicators.items[0];
	cr_assert_eq(ind->nvalues, 3);
	cr_assert_eq(ind->values[0].value.number, 60000000.0);
	cr_assert_str_eq(ind->values[0].value.unit, "円");
	cr_assert_eq(ind->values[0].year.year, 2017);
	cr_assert_eq(ind->values[0].year.month, 3);
	cr_assert(!ind->values[0].year.fiscal);
	cr_assert_eq(ind->values[1].value.number, 670000.0);
	cr_assert_eq(ind->values[1].year.year, 2019);
	cr_assert_eq(ind->values[2].year.year, 2026);
	cr_assert(ind->values[2].year.fiscal);
	cr_assert_eq(ind->direction, PC_DIR_DOWN);
	done(doc);
}

Test(parse, cells_are_inline_markdown)
{
	pc_doc *doc = compile(
	    FRONT "```table\n| 事業 | 概要 |\n|---|---|\n| **重点** | 一行目<br>二行目 \\| 続き |\n"
	          "| - | 1. 番号 |\n```\n",
	    NULL);
	cr_assert_eq(diags.errors, 0);
	pc_node *table = doc->tables.items[0];
	pc_node *row = table->first->next;
	cr_assert_eq(row->first->first->kind, PC_STRONG);
	pc_node *second = row->first->next;
	cr_assert_eq(second->first->next->kind, PC_LINEBREAK);
	cr_assert_str_eq(pc_node_text(doc, second), "一行目 二行目 | 続き");
	/* Cell text that looks like a list stays text. */
	pc_node *row2 = row->next;
	cr_assert_str_eq(pc_node_text(doc, row2->first), "-");
	cr_assert_str_eq(pc_node_text(doc, row2->first->next), "1. 番号");
	done(doc);
}
