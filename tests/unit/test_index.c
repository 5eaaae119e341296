/* The term index: Japanese reading order, kana rows, see-references. */
#include <criterion/criterion.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "index/index.h"
#include "plancc.h"
#include "support.h"

static pc_diags diags;
static char *dir;

static pc_doc *compile(const char *text)
{
	return compile_plan(text, NULL, &dir, &diags);
}

static void done(pc_doc *doc)
{
	compile_done(doc, dir, &diags);
}

static const char *PLAN =
    "---\ntitle: 計画\n---\n# 章\n\n"
    "[住民自治協議会](index:じゅうみんじちきょうぎかい)と[コミュニティバス](index:)と"
    "[住民自治協議会](index:じゅうみんじちきょうぎかい)。\n\n"
    "```glossary\n用語\t読み\t説明\t別名\n"
    "協働\tきょうどう\t力を合わせること。\n"
    "共同\tきょうどう\t一緒に行うこと。\n"
    "ダイバーシティ\t\t違いを活かすこと。\t多様性:たようせい\n"
    "ワーク・ライフ・バランス\t\t仕事と生活の調和。\n"
    "ガバメントクラウド\t\t共通の基盤。\n"
    "ハザードマップ\t\t災害の地図。\n"
    "バザー\t\t販売会。\n"
    "パブリックコメント\t\t意見公募。\n"
    "データ\t\t資料。\n"
    "デート\t\t日付。\n"
    "NPO\t\t非営利組織。\n"
    "ICT\t\t情報通信技術。\n"
    "DX\t\t変革。\t"
    "デジタル・トランスフォーメーション\n"
    "AI\t\t人工知能。\n"
    "経常収支比率\tけいじょうしゅうしひりつ\t割合。\n"
    "ゐど\t\t古い仮名。\n"
    "ヴィジョン\t\t将来像。\n"
    "ケア\t\t世話。\n"
    "がっこう\t\t学校。\n"
    "かっこう\t\t格好。\n"
    "読みなし語\t\t読みがない。\n"
    "```\n";

static int position(const pc_index *ix, const char *text)
{
	for (size_t i = 0; i < ix->nentries; i++)
		if (!strcmp(ix->entries[i]->text, text))
			return (int)i;
	cr_assert_fail("%s not in the index", text);
	return -1;
}

static const pc_ix_group *group_named(const pc_index *ix, const char *name)
{
	for (size_t g = 0; g < ix->ngroups; g++)
		if (!strcmp(ix->groups[g].name, name))
			return &ix->groups[g];
	return NULL;
}

static const pc_ix_group *group_of_entry(const pc_index *ix, int pos)
{
	for (size_t g = 0; g < ix->ngroups; g++)
		if ((size_t)pos >= ix->groups[g].first &&
		    (size_t)pos < ix->groups[g].first + ix->groups[g].count)
			return &ix->groups[g];
	return NULL;
}

Test(index, kana_rows_then_latin_then_unread)
{
	pc_doc *doc = compile(PLAN);
	pc_index *ix = pc_index_build(doc);
	/* 21 terms, 2 aliases, 2 index entries (one merged from two) */
	cr_assert_eq(ix->nentries, 25);
	cr_assert_str_eq(group_of_entry(ix, position(ix, "ガバメントクラウド"))->name, "か");
	cr_assert_str_eq(group_of_entry(ix, position(ix, "ヴィジョン"))->name, "あ");
	cr_assert_str_eq(group_of_entry(ix, position(ix, "ゐど"))->name, "わ");
	cr_assert_str_eq(group_of_entry(ix, position(ix, "パブリックコメント"))->name, "は");
	cr_assert_str_eq(group_of_entry(ix, position(ix, "NPO"))->name, "N");
	cr_assert_str_eq(group_of_entry(ix, position(ix, "読みなし語"))->name, "その他");
	/* kana rows before A–Z, その他 last */
	cr_assert_lt(position(ix, "ワーク・ライフ・バランス"), position(ix, "AI"));
	cr_assert_eq(position(ix, "読みなし語"), 24);
	cr_assert_lt(position(ix, "AI"), position(ix, "DX"));
	cr_assert_lt(position(ix, "DX"), position(ix, "ICT"));
	done(doc);
}

Test(index, voiced_small_kana_and_long_vowels)
{
	pc_doc *doc = compile(PLAN);
	pc_index *ix = pc_index_build(doc);
	/* unvoiced before voiced before semi-voiced on the same letters */
	cr_assert_lt(position(ix, "かっこう"), position(ix, "がっこう"));
	cr_assert_lt(position(ix, "ハザードマップ"), position(ix, "バザー"));
	cr_assert_lt(position(ix, "バザー"), position(ix, "パブリックコメント"));
	/* ー reads as its vowel: データ (でえた) before デート (でえと) */
	cr_assert_lt(position(ix, "データ"), position(ix, "デート"));
	/* equal readings: a fixed order on the written form */
	int a = position(ix, "共同"), b = position(ix, "協働");
	cr_assert_neq(a, b);
	done(doc);
	pc_doc *again = compile(PLAN);
	pc_index *ix2 = pc_index_build(again);
	cr_assert_eq(position(ix2, "共同"), a);
	done(again);
}

Test(index, order_agrees_with_icu_on_readings)
{
	pc_doc *doc = compile(PLAN);
	pc_index *ix = pc_index_build(doc);
	UErrorCode st = U_ZERO_ERROR;
	UCollator *coll = ucol_open("ja", &st);
	cr_assert(U_SUCCESS(st));
	const pc_ix_group *g = group_named(ix, "か");
	cr_assert_not_null(g);
	for (size_t i = g->first + 1; i < g->first + g->count; i++) {
		UChar a[256], b[256];
		int32_t al, bl;
		st = U_ZERO_ERROR;
		u_strFromUTF8(a, 256, &al, ix->entries[i - 1]->reading, -1, &st);
		u_strFromUTF8(b, 256, &bl, ix->entries[i]->reading, -1, &st);
		cr_assert_neq(ucol_strcoll(coll, a, al, b, bl), UCOL_GREATER, "%s > %s",
		              ix->entries[i - 1]->reading, ix->entries[i]->reading);
	}
	ucol_close(coll);
	done(doc);
}

Test(index, aliases_are_see_references_and_entries_merge)
{
	pc_doc *doc = compile(PLAN);
	pc_index *ix = pc_index_build(doc);
	pc_ix_entry *alias = ix->entries[position(ix, "多様性")];
	cr_assert_eq(alias->kind, PC_IX_ALIAS);
	cr_assert_str_eq(alias->term->term, "ダイバーシティ");
	pc_ix_entry *term = ix->entries[position(ix, "ダイバーシティ")];
	cr_assert(term->places[0].definition);
	pc_ix_entry *e = ix->entries[position(ix, "住民自治協議会")];
	cr_assert_eq(e->kind, PC_IX_ENTRY);
	cr_assert_eq(e->nplaces, 2);
	cr_assert_str_eq(group_of_entry(ix, position(ix, "住民自治協議会"))->name, "さ");
	done(doc);
}

Test(index, see_references_point_to_entries)
{
	pc_doc *doc = compile(PLAN);
	pc_index *ix = pc_index_build(doc);
	for (size_t i = 0; i < ix->nentries; i++) {
		if (ix->entries[i]->kind != PC_IX_ALIAS)
			continue;
		bool found = false;
		for (size_t k = 0; k < ix->nentries; k++)
			found |= ix->entries[k]->kind == PC_IX_TERM &&
			         ix->entries[k]->term == ix->entries[i]->term;
		cr_assert(found, "%s points nowhere", ix->entries[i]->text);
	}
	done(doc);
}

Test(index, latin_first_when_asked)
{
	char *text = malloc(strlen(PLAN) + 64);
	strcpy(text, "---\ntitle: 計画\nindex-order: latin-first\n");
	strcat(text, PLAN + strlen("---\ntitle: 計画\n"));
	pc_doc *doc = compile(text);
	pc_index *ix = pc_index_build(doc);
	cr_assert_str_eq(ix->groups[0].name, "A");
	cr_assert_lt(position(ix, "NPO"), position(ix, "協働"));
	done(doc);
	free(text);
}
