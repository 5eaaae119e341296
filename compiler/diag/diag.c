/* The message catalogue and its collector. */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"

static const struct {
	pc_severity sev;
	const char *fmt;
} catalogue[PC_DIAG_COUNT] = {
    [PC_E_DIR_OPEN] = {PC_SEV_ERROR,
                       "計画フォルダを開けません（%s）。フォルダ名を確かめてください"},
    [PC_E_NO_FILES] = {PC_SEV_ERROR, "計画フォルダに .md ファイルがありません"},
    [PC_E_READ] = {PC_SEV_ERROR, "ファイルを読めません（%s）。読み取り権限を確かめてください"},
    [PC_E_FILE_TOO_BIG] =
        {PC_SEV_ERROR, "ファイルが大きすぎます（%zu バイト、上限 %zu バイト）。章を分けてください"},
    [PC_E_UTF8] = {PC_SEV_ERROR, "UTF-8 として正しくないバイト（0x%02X）があります。ファイルを "
                                 "UTF-8 で保存し直してください"},
    [PC_E_NUL] = {PC_SEV_ERROR, "NUL 文字（0x00）が含まれています。この文字を削除してください"},
    [PC_E_LINE_TOO_LONG] = {PC_SEV_ERROR, "行が長すぎます（%zu バイト、上限 %zu "
                                          "バイト）。段落を改行で分けてください"},
    [PC_E_FRONT_LATE] = {PC_SEV_ERROR,
                         "計画情報（--- で囲んだ部分）は最初のファイル（%s）の先頭にだけ書けます。"
                         "このブロックを最初のファイルへ移してください"},
    [PC_E_FRONT_UNCLOSED] =
        {PC_SEV_ERROR, "計画情報が --- の行で閉じられていません。最後に --- の行を加えてください"},
    [PC_E_FRONT_SYNTAX] = {PC_SEV_ERROR,
                           "計画情報の行は「キー: 値」の形で書いてください（この行: %s）"},
    [PC_E_FRONT_NO_TITLE] =
        {PC_SEV_ERROR,
         "計画の表題がありません。最初のファイルの計画情報に「title: …」を書いてください"},
    [PC_W_FRONT_UNKNOWN_KEY] = {PC_SEV_WARNING,
                                "計画情報のキー「%s」は使われません（使えるキー: "
                                "title, subtitle, city, city-code, period, edition, draft, "
                                "term-mark, index-order, charts, chapter-start; 印刷版の "
                                "crop-marks, binding, paper-thickness, issuer, issued, "
                                "contact, printer; 進捗評価の "
                                "grade-by, grades, grade-keep, grade-survey, grade-survey-keep, "
                                "grade-measure, grade-none, grade-extra とその日本語の名前）"},
    [PC_E_FRONT_BAD_VALUE] = {PC_SEV_ERROR, "計画情報「%s」の値「%s」は使えません（%s）"},
    [PC_W_FRONT_DUP_KEY] = {PC_SEV_WARNING,
                            "計画情報のキー「%s」が二度書かれています。後の値を使います"},
    [PC_E_BAD_ID] = {PC_SEV_ERROR,
                     "id「%s」に使えない文字があります。半角英数字と - _ だけで書いてください"},
    [PC_E_DUP_ID] = {PC_SEV_ERROR, "id「%s」は %s:%u で既に使われています。別の id にしてください"},
    [PC_E_ATTR_SYNTAX] = {PC_SEV_ERROR, "属性 {…} を読めません（%s）"},
    [PC_W_ATTR_UNKNOWN] =
        {PC_SEV_WARNING,
         "属性「%s」は使われません（使える属性: #id .class no= label= sdgs= id= caption=）"},
    [PC_E_BAD_SDGS] =
        {PC_SEV_ERROR,
         "sdgs の値「%s」は SDGs の目標番号ではありません。1〜17 をカンマで区切って書いてください"},
    [PC_E_TOO_DEEP] = {PC_SEV_ERROR,
                       "入れ子が深すぎます（上限 %d 段）。リストや引用の入れ子を浅くしてください"},
    [PC_W_HEADING_EMPTY] = {PC_SEV_WARNING, "見出しに題名がありません"},
    [PC_W_CHAPTER_EMPTY] =
        {PC_SEV_WARNING,
         "章「%s」には見出ししかありません（冊子では見出しだけのページになります）。"
         "本文や施策を書くか、章を削除してください"},
    [PC_E_ROW_CELLS] = {PC_SEV_ERROR, "この行のセルは %zu 個ですが、見出し行は %zu "
                                      "個です。区切り（タブまたは |）を確かめてください"},
    [PC_E_TABLE_EMPTY] = {PC_SEV_ERROR, "表が空です。1 行目に見出し行を書いてください"},
    [PC_E_TABLE_TOO_BIG] = {PC_SEV_ERROR, "表が大きすぎます（%s が上限 %zu を超えています）"},
    [PC_E_INFO_ATTR] = {PC_SEV_ERROR, "表の属性を読めません（%s）"},
    [PC_E_NO_NAME_COLUMN] =
        {PC_SEV_ERROR,
         "指標の表に指標名の列がありません。見出し行に「指標名」の列を加えてください"},
    [PC_W_UNKNOWN_HEADER] = {PC_SEV_WARNING,
                             "見出し「%s」は指標のどの項目にも当たりません（指標名・把握方法・"
                             "基準値・中間目標値・目標値・実績値・単位・方向・ID）"},
    [PC_E_DUP_COLUMN] = {PC_SEV_ERROR, "見出し「%s」の列が二つあります"},
    [PC_E_BAD_YEAR] = {PC_SEV_ERROR,
                       "年「%s」を読めません。年を一つ、「R5年度」「令和5年度」「2023年度」の"
                       "ように書いてください（「R5年度決算」のように語を添えることはできます）"},
    [PC_E_YEAR_MISMATCH] = {PC_SEV_ERROR, "「%s」の元号の年は西暦 %d 年ですが、併記された西暦は "
                                          "%d 年です。どちらかを直してください"},
    [PC_W_ERA_PAST_END] = {PC_SEV_WARNING,
                           "%s%d年は存在しません（%sは%d年まで）。西暦 %d 年として扱います。"
                           "「%s」のように書き直してください"},
    [PC_W_NUMBER_TOO_LONG] = {PC_SEV_WARNING, "数値「%s」が長すぎるため、数としては扱いません"},
    [PC_E_BAD_DIRECTION] = {PC_SEV_ERROR,
                            "方向「%s」を読めません。「増」「減」「維持」のどれかを書いてください"},
    [PC_W_MIDTERM_RANGE] = {PC_SEV_WARNING,
                            "中間目標値 %s が基準値 %s と目標値 %s の間にありません"},
    [PC_W_ROW_NO_NAME] = {PC_SEV_WARNING, "%sが空の行があります。%sを書くか、行を削除してください"},
    [PC_E_NO_TERM_COLUMN] =
        {PC_SEV_ERROR, "用語の表に用語の列がありません。見出し行に「用語」の列を加えてください"},
    [PC_W_NO_DEFINITION] = {PC_SEV_WARNING, "用語「%s」に説明がありません"},
    [PC_E_DUP_TERM] =
        {PC_SEV_ERROR,
         "用語「%s」は %s:%u で既に定義されています。定義は計画全体で一度だけにしてください"},
    [PC_E_ALIAS_CLASH] = {PC_SEV_ERROR, "別名「%s」は %s:%u の用語「%s」と重なっています"},
    [PC_W_TERM_NO_READING] =
        {PC_SEV_WARNING, "用語「%s」には漢字が含まれていますが読みがありません。"
                         "「読み」の列にひらがなで読みを書いてください（索引では最後に並びます）"},
    [PC_W_BAD_READING] =
        {PC_SEV_WARNING,
         "読み「%s」にかな以外の文字があります。ひらがなかカタカナで書いてください"},
    [PC_W_INDEX_NO_READING] = {PC_SEV_WARNING,
                               "索引語「%s」には漢字が含まれていますが読みがありません。"
                               "[%s](index:よみ) の形で読みを書いてください"},
    [PC_E_UNDEFINED_TERM] = {PC_SEV_ERROR,
                             "用語「%s」は定義されていません。用語解説の表に定義を加えるか、"
                             "表記を確かめてください"},
    [PC_E_UNKNOWN_REF] =
        {PC_SEV_ERROR, "参照先の id「%s」が見つかりません。見出しまたは表の id を確かめてください"},
    [PC_E_EMPTY_REF] = {PC_SEV_ERROR, "参照先の id が空です。[](ref:id) の形で書いてください"},
    [PC_W_EMPTY_ANNOTATION] = {PC_SEV_WARNING, "%s の文字が空です"},
    [PC_E_IMAGE_URL] =
        {PC_SEV_ERROR,
         "画像「%s」はネットワーク上の場所を指しています。画像ファイルを計画フォルダに置き、"
         "相対パスで書いてください"},
    [PC_E_IMAGE_ABSOLUTE] =
        {PC_SEV_ERROR, "画像「%s」は絶対パスです。計画フォルダからの相対パスで書いてください"},
    [PC_E_IMAGE_OUTSIDE] =
        {PC_SEV_ERROR, "画像「%s」は計画フォルダの外にあります。計画フォルダの中に置いてください"},
    [PC_E_IMAGE_MISSING] = {PC_SEV_ERROR,
                            "画像「%s」が見つかりません。ファイル名と置き場所を確かめてください"},
    [PC_E_IMAGE_FORMAT] = {PC_SEV_ERROR,
                           "画像「%s」を使えません（%s）。PNG か JPEG で保存し直してください"},
    [PC_W_IMAGE_LOW_RES] = {PC_SEV_WARNING,
                            "画像「%s」は冊子に印刷される大きさ（幅 %.0f mm）で %.0f ppi しかなく、"
                            "粗く印刷されます（%d×%d ピクセル）。300 ppi 以上になるよう、幅 %d "
                            "ピクセル以上の画像に差し替えてください"},
    [PC_E_OUTPUT] = {PC_SEV_ERROR, "出力を書けません（%s）。以前の出力はそのまま残っています"},
    [PC_E_FONT] = {PC_SEV_ERROR, "%s"},
    [PC_W_GLYPH_MISSING] = {PC_SEV_WARNING,
                            "文字「%s」（U+%04X）はフォントにないため「%s」で代えて印刷します"},
    [PC_E_NO_CHAPTER] =
        {PC_SEV_ERROR,
         "--chapter の章「%s」はこの計画にありません。章の id か番号を書いてください"},
    [PC_W_UNIT_MISMATCH] =
        {PC_SEV_WARNING,
         "目標値の単位「%s」が基準値の単位「%s」と違います。同じ単位で書いてください"},
    [PC_W_TARGET_IS_BASELINE] =
        {PC_SEV_WARNING,
         "目標値 %s が基準値と同じです。現状を維持する指標なら方向の列に「維持」と書いてください"},
    [PC_W_YEARS_ORDER] = {PC_SEV_WARNING,
                          "%sの年（%s）が%sの年（%s）より後になっていません。年を確かめてください"},
    [PC_W_DIRECTION_CONTRADICTS] =
        {PC_SEV_WARNING,
         "方向は「%s」ですが、基準値 %s から目標値 %s へは%sいます。方向か値を確かめてください"},
    [PC_E_CHAPTER_OUTSIDE] = {PC_SEV_ERROR, "このファイルは計画フォルダの外（%s）へのリンクです。"
                                            "ファイルそのものを計画フォルダに置いてください"},
    [PC_E_HEADING_ATTR_MARKUP] = {PC_SEV_ERROR,
                                  "見出しの属性 {…} の中に書式記号か HTML があります。属性には "
                                  "<>*_`[] などを使わず、文字・数字・ハイフンで書いてください"},
    [PC_E_TOO_MANY_PAGES] = {PC_SEV_ERROR, "PDF が %d ページになります（上限 %d ページ）。"
                                           "見出しや表が意図せず増えていないか確かめるか、"
                                           "計画を分冊にしてください"},
    [PC_E_PRINT_PROFILE] = {PC_SEV_ERROR,
                            "印刷版の出力インテントに使う CMYK の ICC プロファイル（%s）を"
                            "読めません。scripts/setup で libgs-common を入れてください"},
    [PC_W_PRINT_GUTTER] = {PC_SEV_WARNING,
                           "印刷版の %d ページ（%s）で、文字がのど（綴じる側の端）から "
                           "5 mm 以内にあります。無線綴じでは綴じ込まれて読めなくなります。"
                           "余白を広げるか、その内容を別のページへ移してください"},
    [PC_W_PRINT_RGB_IMAGE] = {PC_SEV_WARNING,
                              "画像「%s」は CMYK に変換できない形式です（印刷版では RGB "
                              "のまま入ります）。PNG にしてください"},
    [PC_E_GRADE_BAND] = {PC_SEV_ERROR, "評価区分の「%s」を読めません（%s）"},
    [PC_E_GRADE_NO_REST] =
        {PC_SEV_ERROR,
         "評価区分では、どの区分にも当たらない値が出ます。最後の区分は「D」のように条件を付けずに"
         "書くか、「D（50%%未満）」「C（悪化）」のような残りを受ける条件にしてください"},
    [PC_E_GRADE_DUP] =
        {PC_SEV_ERROR,
         "評価「%s」が二度使われています。評価の名前はそれぞれ一度だけにしてください"},
    [PC_E_CITY_CODE] = {PC_SEV_ERROR, "全国地方公共団体コード「%s」は正しくありません（%s）"},
    [PC_W_PERIOD_UNREADABLE] =
        {PC_SEV_WARNING,
         "計画期間「%s」から年度を読めません。「2027-2031」や「令和9年度～令和13年度」"
         "のように書いてください（評価の年度の確かめと年割の評価に使います）"},
    [PC_E_EVAL_NO_YEAR_COLUMN] =
        {PC_SEV_ERROR, "評価の表に年度の列がありません。見出し行に「年度」の列を加えてください"},
    [PC_W_EVAL_UNKNOWN_HEADER] = {PC_SEV_WARNING, "見出し「%s」は評価の表のどの項目にも当たりません"
                                                  "（年度・方向性・評価・要因・分析）"},
    [PC_E_EVAL_NO_YEAR] = {PC_SEV_ERROR, "年度が空の行があります。「R10年度」「2028」のように"
                                         "年度を書いてください"},
    [PC_E_EVAL_COURSE] = {PC_SEV_ERROR, "方向性「%s」は使えません。拡充・継続・改善・縮小・廃止の"
                                        "どれかを書いてください"},
    [PC_E_EVAL_YEAR_OUTSIDE] =
        {PC_SEV_ERROR, "年度「%s」（%d年度）は計画期間（%d〜%d年度）の外です。年度を確かめて"
                       "ください"},
    [PC_E_EVAL_DUP_YEAR] = {PC_SEV_ERROR, "施策「%s」の %d年度の評価は %s:%u で既に書かれています。"
                                          "一つの年度の評価は一度だけ書いてください"},
    [PC_E_EVAL_OUTSIDE] = {PC_SEV_ERROR, "評価の表は施策（## の見出し）の中、その成果指標の近くに"
                                         "書いてください"},
    [PC_E_EVAL_GRADE] = {PC_SEV_ERROR, "評価「%s」は計画情報の評価にありません（使える評価: %s）"},
    [PC_E_BAD_INDICATOR_ID] = {PC_SEV_ERROR, "指標ID「%s」に使えない文字があります。半角英数字と "
                                             "- _ だけで書いてください"},
    [PC_E_DUP_INDICATOR_ID] = {PC_SEV_ERROR, "指標ID「%s」は %s:%u で既に使われています。指標ごとに"
                                             "別の ID にしてください"},
    [PC_E_REPORT_YEAR] = {PC_SEV_ERROR, "評価する年度 %d は計画期間（%d〜%d年度）の外です。"
                                        "--year を確かめてください"},
    [PC_W_GRADE_NO_BAND] = {PC_SEV_WARNING,
                            "指標「%s」の%s %s はどの評価区分にも当たらないため「%s」とします。"
                            "評価区分の最後に条件のない区分を置いてください"},
    [PC_E_BAD_DATE] = {PC_SEV_ERROR,
                       "時点「%s」を読めません。「R5年3月31日」「令和5年3月末」「2023年3月31日"
                       "現在」のように、年・月・日を書いてください"},
    [PC_E_CELLS_BY_SPACES] = {PC_SEV_ERROR,
                              "この行のセルは空白で区切られているようです（見出しは %zu 列、"
                              "タブで区切られたセルは %zu 個）。セルの区切りにはタブか | を"
                              "使ってください"},
    [PC_W_CELLS_BY_SPACES] = {PC_SEV_WARNING,
                              "この行のセルは空白で区切られているようです（見出しは %zu 列、"
                              "タブで区切られたセルは %zu 個）。セルの区切りにはタブか | を"
                              "使ってください"},
    [PC_W_UNKNOWN_GLOSSARY_HEADER] = {PC_SEV_WARNING, "見出し「%s」は用語解説のどの項目にも当たり"
                                                      "ません（用語・読み・説明・別名）"},
    [PC_W_PASTED_CHARS] = {PC_SEV_WARNING,
                           "PDF や Word から貼り付けた文字を置き換えました（%s）。出力はすべて置き"
                           "換えた文字になります。原稿の文字も直しておくと確実です"},
    [PC_E_ANNOTATION_SPACE] = {PC_SEV_ERROR,
                               "「%s」の後に空白があるため注記として読めず、そのまま印刷されます。"
                               "「[…](%s%s)」のように空白を入れずに書いてください"},
    [PC_W_HAND_PAGE_NUMBER] = {PC_SEV_WARNING,
                               "手で書いたページ番号「%s」があります。ページは版ごとに変わるので、"
                               "参照先に id を付けて [](ref:id) と書いてください（ページ番号は"
                               "自動で付きます）"},
};

void pc_diags_init(pc_diags *d, bool strict)
{
	memset(d, 0, sizeof *d);
	d->strict = strict;
}

void pc_diags_free(pc_diags *d)
{
	for (size_t i = 0; i < d->len; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}

pc_severity pc_diag_default_severity(pc_diag_code code)
{
	return catalogue[code].sev;
}

void pc_diags_move(pc_diags *d, pc_diags *from)
{
	for (size_t i = 0; i < from->len; i++) {
		if (d->len == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 16;
			d->items = pc_xrealloc(d->items, d->cap * sizeof *d->items);
		}
		pc_message *g = &d->items[d->len];
		*g = from->items[i];
		g->seq = d->len++;
	}
	d->errors += from->errors;
	d->warnings += from->warnings;
	free(from->items);
	bool strict = from->strict;
	memset(from, 0, sizeof *from);
	from->strict = strict;
}

void pc_diag(pc_diags *d, pc_diag_code code, const char *file, unsigned line, unsigned col, ...)
{
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = pc_xrealloc(d->items, d->cap * sizeof *d->items);
	}
	pc_message *g = &d->items[d->len];
	g->code = code;
	g->sev = catalogue[code].sev;
	if (d->strict)
		g->sev = PC_SEV_ERROR;
	g->file = pc_xstrdup(file ? file : "");
	g->line = line;
	g->col = col;
	g->seq = d->len++;

	va_list ap;
	va_start(ap, col);
	int n = vsnprintf(NULL, 0, catalogue[code].fmt, ap);
	va_end(ap);
	g->msg = pc_xmalloc((size_t)(n > 0 ? n : 0) + 1);
	va_start(ap, col);
	vsnprintf(g->msg, (size_t)(n > 0 ? n : 0) + 1, catalogue[code].fmt, ap);
	va_end(ap);

	if (g->sev == PC_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
}

static int cmp_diag(const void *pa, const void *pb)
{
	const pc_message *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool same_message(const pc_message *a, const pc_message *b)
{
	return a->code == b->code && a->line == b->line && a->col == b->col &&
	       !strcmp(a->file, b->file) && !strcmp(a->msg, b->msg);
}

/* Drops a message that repeats one at the same place: text printed twice
 * (a definition in its box and in the glossary) is one problem. */
static void drop_repeats(pc_diags *d)
{
	size_t w = 0, group = 0; /* group: first kept message at this place */
	for (size_t r = 0; r < d->len; r++) {
		pc_message *g = &d->items[r];
		if (w > group &&
		    (d->items[group].line != g->line || d->items[group].col != g->col ||
		     strcmp(d->items[group].file, g->file)))
			group = w;
		bool repeat = false;
		for (size_t k = group; k < w && !repeat; k++)
			repeat = same_message(&d->items[k], g);
		if (repeat) {
			if (g->sev == PC_SEV_ERROR)
				d->errors--;
			else
				d->warnings--;
			free(g->file);
			free(g->msg);
			continue;
		}
		d->items[w++] = *g;
	}
	d->len = w;
}

void pc_diags_sort(pc_diags *d)
{
	if (d->len > 1)
		qsort(d->items, d->len, sizeof *d->items, cmp_diag);
	drop_repeats(d);
}

void pc_diags_print_one(const pc_message *g, FILE *out)
{
	const char *sev = g->sev == PC_SEV_ERROR ? "error" : "warning";
	if (g->line)
		fprintf(out, "%s:%u:%u: %s: %s\n", g->file, g->line, g->col ? g->col : 1, sev,
		        g->msg);
	else if (g->file[0])
		fprintf(out, "%s: %s: %s\n", g->file, sev, g->msg);
	else
		fprintf(out, "plancc: %s: %s\n", sev, g->msg);
}

void pc_diags_print(const pc_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->len; i++)
		pc_diags_print_one(&d->items[i], out);
	if (d->len)
		fprintf(out, "plancc: エラー %zu 件、警告 %zu 件\n", d->errors, d->warnings);
}

const char *pc_errno_text(int e)
{
	switch (e) {
	case ENOENT:
		return "見つかりません";
	case EACCES:
	case EPERM:
		return "権限がありません";
	case ENOTDIR:
		return "途中の名前がフォルダではありません";
	case EISDIR:
		return "ファイルではなくフォルダです";
	case ENOSPC:
		return "ディスクの空きがありません";
	case EDQUOT:
		return "使える容量の上限を超えました";
	case EROFS:
		return "書き込みできない場所です";
	case ENAMETOOLONG:
		return "名前が長すぎます";
	case ELOOP:
		return "リンクがたどれません（循環しています）";
	case EMFILE:
	case ENFILE:
		return "開いているファイルが多すぎます";
	case EIO:
		return "読み書きに失敗しました（装置の故障のおそれがあります）";
	case ENOMEM:
		return "メモリが足りません";
	case EBUSY:
	case ETXTBSY:
		return "ほかのプログラムが使用中です";
	default:
		return strerror(e);
	}
}
