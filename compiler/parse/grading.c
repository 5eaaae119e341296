/*
 * Front-matter keys of the yearly progress report (docs/format.md §2.1):
 * the grading rule (評価方法, 評価区分, 維持の幅, …), the city's code
 * (全国地方公共団体コード, check digit verified) and the plan's term read
 * from period. Each key has an English and a Japanese name; values are
 * written as planning staff write them in an evaluation guideline:
 * 「A（100%以上）、B（80%以上）、C（50%以上）、D」.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/unicode.h"
#include "../util/utf8.h"
#include "parse.h"
#include "readers.h"

/* The keys, each with its names; the first is the one messages use. */
enum {
	K_CITY_CODE,
	K_GRADE_BY,
	K_GRADES,
	K_KEEP,
	K_SURVEY,
	K_SURVEY_KEEP,
	K_MEASURE,
	K_NONE,
	K_EXTRA,
	K_COUNT
};

static const char *const key_names[K_COUNT][4] = {
    [K_CITY_CODE] = {"city-code", "全国地方公共団体コード", "団体コード", NULL},
    [K_GRADE_BY] = {"grade-by", "評価方法", NULL},
    [K_GRADES] = {"grades", "評価区分", NULL},
    [K_KEEP] = {"grade-keep", "維持の幅", NULL},
    [K_SURVEY] = {"grade-survey", "調査指標", NULL},
    [K_SURVEY_KEEP] = {"grade-survey-keep", "調査指標の維持の幅", NULL},
    [K_MEASURE] = {"grade-measure", "施策の評価", NULL},
    [K_NONE] = {"grade-none", "測定不能", NULL},
    [K_EXTRA] = {"grade-extra", "そのほかの評価", NULL},
};

static int key_of(const char *key)
{
	for (int k = 0; k < K_COUNT; k++)
		for (int i = 0; key_names[k][i]; i++)
			if (!strcmp(key, key_names[k][i]))
				return k;
	return -1;
}

const char *pc_front_key_canonical(const char *key)
{
	int k = key_of(key);
	return k < 0 ? key : key_names[k][0];
}

/* Where a value was written: the character column of its byte offset. */
typedef struct at {
	pc_doc *doc;
	const pc_source *src;
	unsigned line, vcol;
	const char *val;
	pc_diags *d;
} at;

static pc_pos pos_at(const at *a, size_t off)
{
	return (pc_pos){a->src->name, a->line, a->vcol + (unsigned)pc_utf8_count(a->val, off)};
}

static void bad_value(const at *a, const char *key, const char *hint)
{
	pc_diag(a->d, PC_E_FRONT_BAD_VALUE, a->src->name, a->line, a->vcol, key, a->val, hint);
}

/* ---- small readers over NFKC text ------------------------------------- */

static bool starts(const char *s, const char *word)
{
	return !strncmp(s, word, strlen(word));
}

static const char *skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* A number with an optional sign (- − △ ▲ +); NULL when none. */
static const char *read_number(const char *s, double *v)
{
	bool neg = false;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	} else if (starts(s, "−") || starts(s, "△") || starts(s, "▲")) {
		neg = true;
		s += 3;
	}
	if (!(*s >= '0' && *s <= '9'))
		return NULL;
	char *end;
	*v = strtod(s, &end);
	if (end == s)
		return NULL;
	if (neg)
		*v = -*v;
	return end;
}

/* A unit after a number: 1 percent, 2 points, 0 none. */
static const char *read_unit(const char *s, int *unit)
{
	s = skip_blank(s);
	static const struct {
		const char *w;
		int unit;
	} units[] = {{"%", 1}, {"パーセント", 1}, {"ポイント", 2}, {"pt", 2}, {"point", 2}};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (starts(s, units[i].w)) {
			*unit = units[i].unit;
			return s + strlen(units[i].w);
		}
	*unit = 0;
	return s;
}

/* ---- 評価方法 ------------------------------------------------------------ */

static void set_by(const at *a, const char *key, const char *v, pc_grading *g)
{
	static const struct {
		const char *name;
		pc_grade_by by;
	} names[] = {{"進捗率", PC_GRADE_BY_PROGRESS},
	             {"progress", PC_GRADE_BY_PROGRESS},
	             {"達成率", PC_GRADE_BY_RATIO},
	             {"ratio", PC_GRADE_BY_RATIO},
	             {"年割進捗率", PC_GRADE_BY_PRORATED},
	             {"prorated", PC_GRADE_BY_PRORATED},
	             {"年割達成率", PC_GRADE_BY_PRORATED_RATIO},
	             {"prorated-ratio", PC_GRADE_BY_PRORATED_RATIO},
	             {"基準値比", PC_GRADE_BY_CHANGE},
	             {"change", PC_GRADE_BY_CHANGE},
	             {"基準値差", PC_GRADE_BY_DIFF},
	             {"difference", PC_GRADE_BY_DIFF}};
	const char *n = pc_nfkc_nospace(a->doc->arena, v, strlen(v));
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(n, names[i].name)) {
			g->by = names[i].by;
			return;
		}
	bad_value(
	    a, key,
	    "進捗率・達成率・年割進捗率・年割達成率・基準値比・基準値差のどれかを書いてください");
}

/* ---- 評価区分 ------------------------------------------------------------ */

/* One condition word; *kind set, or -1 for 「それ以外」; NULL when none. */
static const char *read_word(const char *s, int *kind)
{
	static const struct {
		const char *w;
		int kind;
	} words[] = {{"目標を達成", PC_COND_REACHED},
	             {"目標達成", PC_COND_REACHED},
	             {"達成", PC_COND_REACHED},
	             {"改善", PC_COND_IMPROVED},
	             {"現状維持", PC_COND_KEPT},
	             {"維持", PC_COND_KEPT},
	             {"横ばい", PC_COND_KEPT},
	             {"悪化", PC_COND_WORSENED},
	             {"それ以外", -1},
	             {"その他", -1},
	             {"上記以外", -1}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (starts(s, words[i].w)) {
			*kind = words[i].kind;
			return s + strlen(words[i].w);
		}
	return NULL;
}

/* A threshold: 「80%以上」「50%未満」「≥ 100%」; NULL when s is none. */
static const char *read_threshold(const char *s, pc_grade_cond *c, int *unit)
{
	static const struct {
		const char *w;
		pc_grade_cond_kind kind;
	} pre[] = {{">=", PC_COND_AT_LEAST}, {"≥", PC_COND_AT_LEAST}, {"≧", PC_COND_AT_LEAST},
	           {"<=", PC_COND_AT_MOST},  {"≤", PC_COND_AT_MOST},  {"≦", PC_COND_AT_MOST},
	           {">", PC_COND_ABOVE},     {"<", PC_COND_BELOW}},
	  post[] = {{"以上", PC_COND_AT_LEAST},
	            {"超", PC_COND_ABOVE},
	            {"以下", PC_COND_AT_MOST},
	            {"未満", PC_COND_BELOW}};
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
		if (starts(s, pre[i].w)) {
			const char *e = read_number(skip_blank(s + strlen(pre[i].w)), &c->value);
			if (!e)
				return NULL;
			c->kind = pre[i].kind;
			return read_unit(e, unit);
		}
	const char *e = read_number(s, &c->value);
	if (!e)
		return NULL;
	e = read_unit(e, unit);
	e = skip_blank(e);
	for (size_t i = 0; i < sizeof post / sizeof post[0]; i++)
		if (starts(e, post[i].w)) {
			c->kind = post[i].kind;
			return e + strlen(post[i].w);
		}
	return NULL;
}

/* The inside of a grade's brackets (NFKC): conditions and points. Returns
 * NULL, or a reason the text cannot be read. */
static const char *read_conditions(const char *s, pc_grade_band *b, bool *rest)
{
	*rest = false;
	while (*s) {
		s = skip_blank(s);
		if (starts(s, "、") || starts(s, "・")) {
			s += 3;
			continue;
		}
		if (*s == ',' || *s == ';') {
			s++;
			continue;
		}
		if (!*s)
			break;
		int kind, unit = 0;
		pc_grade_cond c = {0};
		const char *e = read_word(s, &kind);
		if (e && kind < 0) {
			*rest = true;
			s = e;
			continue;
		}
		if (e)
			c.kind = (pc_grade_cond_kind)kind;
		else if ((e = read_threshold(s, &c, &unit)) == NULL) {
			double pts;
			const char *p = read_number(s, &pts);
			if (p && starts(skip_blank(p), "点")) {
				b->points = pts;
				b->points_given = true;
				s = skip_blank(p) + strlen("点");
				continue;
			}
			return "条件は「100%以上」「50%未満」「目標達成」「改善」「維持」「悪化」"
			       "「それ以外」、点数は「4点」のように書いてください";
		}
		if (b->nconds == 2)
			return "一つの区分の条件は二つまでです";
		if (unit)
			b->unit = unit;
		b->conds[b->nconds++] = c;
		s = e;
	}
	if (*rest && b->nconds)
		return "「それ以外」と条件は一緒に書けません";
	return NULL;
}

/* Offsets of the list's items: split at 、 , ， outside brackets. */
typedef struct item {
	size_t off, len;
} item;

static size_t split_items(const char *s, item *out, size_t max, bool *unbalanced)
{
	size_t n = 0, start = 0;
	int depth = 0;
	*unbalanced = false;
	for (size_t i = 0;; i++) {
		size_t sep = 0;
		if (!s[i])
			sep = 1;
		else if (starts(s + i, "（") || s[i] == '(')
			depth++;
		else if (starts(s + i, "）") || s[i] == ')')
			depth--;
		else if (depth == 0 && (s[i] == ',' || starts(s + i, "、") || starts(s + i, "，")))
			sep = s[i] == ',' ? 1 : 3;
		if (depth < 0)
			*unbalanced = true;
		if (!sep)
			continue;
		if (n < max)
			out[n++] = (item){start, i - start};
		if (!s[i])
			break;
		start = i + sep;
		i += sep - 1;
	}
	if (depth)
		*unbalanced = true;
	return n;
}

/* Reads one grade: 名前（条件）; false after an error. */
static bool read_band(const at *a, size_t off, size_t len, pc_grade_band *b)
{
	pc_arena *ar = a->doc->arena;
	const char *raw = pc_trimmed(ar, a->val + off, len);
	const char *open = strstr(raw, "（"), *po = strchr(raw, '(');
	if (!open || (po && po < open))
		open = po;
	pc_pos pos = pos_at(a, off + (size_t)(strstr(a->val + off, raw) - (a->val + off)));
	b->pos = pos;
	if (!*raw) {
		pc_diag(a->d, PC_E_GRADE_BAND, pos.file, pos.line, pos.col, "",
		        "区分の名前が空です。「、」が続いていないか確かめてください");
		return false;
	}
	if (!open) {
		b->name = raw;
		return true;
	}
	b->name = pc_trimmed(ar, raw, (size_t)(open - raw));
	size_t ol = *open == '(' ? 1 : 3;
	const char *inside = open + ol;
	const char *close = strstr(inside, "）"), *pc = strchr(inside, ')');
	if (!close || (pc && pc < close))
		close = pc;
	const char *after = close ? close + (*close == ')' ? 1 : 3) : NULL;
	if (!*b->name || !close || *skip_blank(after)) {
		pc_diag(a->d, PC_E_GRADE_BAND, pos.file, pos.line, pos.col, raw,
		        !*b->name
		            ? "括弧の前に区分の名前を書いてください"
		            : "「A（100%以上）」のように、名前の後に括弧で条件を書いてください");
		return false;
	}
	b->condition = pc_trimmed(ar, inside, (size_t)(close - inside));
	bool rest;
	const char *why =
	    read_conditions(pc_nfkc(ar, b->condition, strlen(b->condition)), b, &rest);
	if (why) {
		pc_diag(a->d, PC_E_GRADE_BAND, pos.file, pos.line, pos.col, raw, why);
		return false;
	}
	return true;
}

static bool catches_rest(const pc_grade_band *b)
{
	for (int i = 0; i < b->nconds; i++)
		if (b->conds[i].kind == PC_COND_BELOW || b->conds[i].kind == PC_COND_AT_MOST ||
		    b->conds[i].kind == PC_COND_WORSENED)
			return true;
	return b->nconds == 0;
}

static void set_bands(const at *a, pc_grading *g)
{
	item items[64];
	bool unbalanced;
	size_t n = split_items(a->val, items, 64, &unbalanced);
	if (unbalanced) {
		pc_diag(a->d, PC_E_GRADE_BAND, a->src->name, a->line, a->vcol, a->val,
		        "括弧（ ）の対応が取れていません");
		return;
	}
	if (n == 0 || n == 64) {
		pc_diag(a->d, PC_E_GRADE_BAND, a->src->name, a->line, a->vcol, a->val,
		        "区分を 1〜63 個、「、」で区切って書いてください");
		return;
	}
	pc_grade_band *bands = pc_arena_alloc(a->doc->arena, n * sizeof *bands);
	bool ok = true, rest = false;
	for (size_t i = 0; i < n; i++) {
		ok &= read_band(a, items[i].off, items[i].len, &bands[i]);
		if (!ok)
			continue;
		if (rest) {
			pc_diag(a->d, PC_E_GRADE_BAND, bands[i].pos.file, bands[i].pos.line,
			        bands[i].pos.col, bands[i].name,
			        "前の区分が残りをすべて受けるので、この区分になる指標はありません");
			ok = false;
		}
		rest |= bands[i].nconds == 0;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(bands[k].name, bands[i].name)) {
				pc_diag(a->d, PC_E_GRADE_DUP, bands[i].pos.file, bands[i].pos.line,
				        bands[i].pos.col, bands[i].name);
				ok = false;
			}
	}
	if (!ok)
		return;
	bool covered = false;
	for (size_t i = 0; i < n; i++)
		covered |= catches_rest(&bands[i]);
	if (!covered) {
		pc_pos p = bands[n - 1].pos;
		pc_diag(a->d, PC_E_GRADE_NO_REST, p.file, p.line, p.col);
		return;
	}
	g->bands = bands;
	g->nbands = n;
	g->bands_pos = (pc_pos){a->src->name, a->line, a->vcol};
}

/* ---- 維持の幅, lists, 施策の評価 ------------------------------------------ */

static void set_tolerance(const at *a, const char *key, pc_tolerance *t)
{
	const char *s = skip_blank(pc_nfkc(a->doc->arena, a->val, strlen(a->val)));
	if (!strcmp(s, "なし") || !strcmp(s, "none")) {
		*t = (pc_tolerance){0, false, a->val};
		return;
	}
	if (starts(s, "±"))
		s += strlen("±");
	else if (starts(s, "+-"))
		s += 2;
	double v;
	int unit;
	const char *e = read_number(skip_blank(s), &v);
	if (e)
		e = skip_blank(read_unit(e, &unit));
	if (!e || *e || v < 0) {
		bad_value(a, key,
		          "「±3ポイント」（指標の単位で）か「±10%"
		          "」（基準値に対する割合）のように書いてください");
		return;
	}
	*t = (pc_tolerance){v, unit == 1, a->val};
}

/* A list separated by 、 , ， (items trimmed, empty ones left out). */
static const char **read_list(pc_arena *ar, const char *s, size_t *n)
{
	item items[64];
	bool unbalanced;
	size_t k = split_items(s, items, 64, &unbalanced);
	const char **out = pc_arena_alloc(ar, (k + 1) * sizeof *out);
	*n = 0;
	for (size_t i = 0; i < k; i++) {
		const char *t = pc_trimmed(ar, s + items[i].off, items[i].len);
		if (*t)
			out[(*n)++] = t;
	}
	return out;
}

static void set_measure(const at *a, const char *key, pc_grading *g)
{
	const char *n = pc_nfkc_nospace(a->doc->arena, a->val, strlen(a->val));
	if (!strcmp(n, "平均") || !strcmp(n, "平均点") || !strcmp(n, "average"))
		g->measure = PC_MEASURE_BY_AVERAGE;
	else if (!strcmp(n, "最低") || !strcmp(n, "最も低い評価") || !strcmp(n, "worst"))
		g->measure = PC_MEASURE_BY_WORST;
	else
		bad_value(a, key,
		          "平均（指標の評価の点数の平均）か最低（最も低い評価）を書いてください");
}

/* ---- 全国地方公共団体コード ------------------------------------------------ */

/* The check digit of a five-digit code (総務省の検査数字の計算方法). */
static int check_digit(const char *d)
{
	int sum = 0;
	for (int i = 0; i < 5; i++)
		sum += (d[i] - '0') * (6 - i);
	return (11 - sum % 11) % 10;
}

static void set_city_code(const at *a)
{
	pc_arena *ar = a->doc->arena;
	const char *s = pc_nfkc_nospace(ar, a->val, strlen(a->val));
	size_t n = strlen(s);
	bool digits = n > 0;
	for (size_t i = 0; i < n; i++)
		digits &= s[i] >= '0' && s[i] <= '9';
	pc_pos p = {a->src->name, a->line, a->vcol};
	if (!digits || (n != 5 && n != 6)) {
		pc_diag(a->d, PC_E_CITY_CODE, p.file, p.line, p.col, a->val,
		        "検査数字を含む 6 桁の数字で書いてください");
		return;
	}
	int pref = (s[0] - '0') * 10 + (s[1] - '0');
	if (pref < 1 || pref > 47) {
		pc_diag(a->d, PC_E_CITY_CODE, p.file, p.line, p.col, a->val,
		        "上 2 桁は都道府県の番号 01〜47 です");
		return;
	}
	int cd = check_digit(s);
	if (n == 5) {
		pc_diag(
		    a->d, PC_E_CITY_CODE, p.file, p.line, p.col, a->val,
		    pc_arena_printf(ar, "検査数字を付けた 6 桁の %s%d で書いてください", s, cd));
		return;
	}
	if (s[5] - '0' != cd) {
		pc_diag(a->d, PC_E_CITY_CODE, p.file, p.line, p.col, a->val,
		        pc_arena_printf(
		            ar, "6 桁目の検査数字は %d のはずです。番号を確かめてください", cd));
		return;
	}
	a->doc->meta.city_code = s;
}

/* ---- period: the term --------------------------------------------------- */

/* A fiscal year from one side of a period; 0 when it cannot be read. */
static int term_year(pc_arena *ar, const char *s, size_t len)
{
	const char *t = pc_trimmed(ar, s, len);
	for (int attempt = 0; attempt < 3; attempt++) {
		pc_year y = {0};
		pc_year_detail det = {0};
		size_t n = strlen(t);
		if (n && pc_year_parse(t, n, &y, &det) == PC_YEAR_OK && y.year)
			return y.year;
		if (attempt == 0) { /* 「R13」: an era year without 年度 */
			t = pc_arena_printf(ar, "%s年度", t);
		} else { /* a note in brackets after the year: 「2031（5年間）」 */
			const char *br = strchr(s, '(');
			if (!br || (size_t)(br - s) > len)
				break;
			t = pc_trimmed(ar, s, (size_t)(br - s));
		}
	}
	return 0;
}

static void set_term(const at *a)
{
	pc_meta *m = &a->doc->meta;
	m->period_pos = (pc_pos){a->src->name, a->line, a->vcol};
	m->term_first = m->term_last = 0;
	pc_arena *ar = a->doc->arena;
	const char *s = pc_nfkc(ar, a->val, strlen(a->val));
	static const char *seps[] = {"~", "〜", "から", "-", "—", "―", "‐"};
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		const char *at_sep = strstr(s, seps[i]);
		if (!at_sep)
			continue;
		int y0 = term_year(ar, s, (size_t)(at_sep - s));
		const char *r = at_sep + strlen(seps[i]);
		int y1 = term_year(ar, r, strlen(r));
		if (y0 && y1 && y0 <= y1) {
			m->term_first = y0;
			m->term_last = y1;
		}
		return;
	}
}

bool pc_front_report_key(pc_doc *doc, const pc_source *src, unsigned line, unsigned vcol,
                         const char *key, const char *val, pc_diags *d)
{
	at a = {doc, src, line, vcol, val, d};
	pc_grading *g = &doc->meta.grading;
	if (!strcmp(key, "period")) {
		set_term(&a);
		return false; /* front.c keeps the text */
	}
	int k = key_of(key);
	if (k < 0)
		return false;
	if (k != K_CITY_CODE && !g->pos.file)
		g->pos = (pc_pos){src->name, line, 1};
	switch (k) {
	case K_CITY_CODE:
		set_city_code(&a);
		break;
	case K_GRADE_BY:
		set_by(&a, key, val, g);
		break;
	case K_GRADES:
		set_bands(&a, g);
		break;
	case K_KEEP:
		set_tolerance(&a, key, &g->keep);
		break;
	case K_SURVEY:
		g->survey = read_list(doc->arena, val, &g->nsurvey);
		break;
	case K_SURVEY_KEEP:
		set_tolerance(&a, key, &g->survey_keep);
		break;
	case K_MEASURE:
		set_measure(&a, key, g);
		break;
	case K_NONE:
		if (!*val)
			bad_value(&a, key,
			          "評価できない指標に付ける文字（「－」「評価不能」など）を書いてく"
			          "ださい");
		else
			g->none = val;
		break;
	case K_EXTRA:
		g->extras = read_list(doc->arena, val, &g->nextras);
		g->extras_given = true;
		break;
	default:
		break;
	}
	return true;
}
