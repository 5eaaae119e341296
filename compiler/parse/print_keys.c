/*
 * The print edition's front-matter keys (docs/format.md "印刷版"):
 * crop marks, binding, paper thickness and the colophon's fields, read
 * into pc_meta.print.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* Paper a printer would bind: thinner than 0.03 mm or thicker than 1 mm
 * is a typing slip (0.1 for 0.1 mm written as 1, or µm as mm). */
#define PAPER_MIN_MM 0.03
#define PAPER_MAX_MM 1.0

static void bad_value(pc_diags *d, const pc_source *src, unsigned line, unsigned vcol,
                      const char *key, const char *val, const char *hint)
{
	pc_diag(d, PC_E_FRONT_BAD_VALUE, src->name, line, vcol, key, val, hint);
}

/* "0.1mm", "0.1 mm" or "0.1": millimetres; false for anything else. */
static bool read_mm(const char *val, double *mm)
{
	char *end;
	double v = strtod(val, &end);
	if (end == val || !isfinite(v))
		return false;
	while (*end == ' ')
		end++;
	if (!strcmp(end, "mm") || !strcmp(end, "ｍｍ"))
		end += strlen(end);
	*mm = v;
	return !*end;
}

static void set_paper(pc_print_meta *pm, pc_diags *d, const pc_source *src, unsigned line,
                      unsigned vcol, const char *key, const char *val)
{
	double mm;
	if (!read_mm(val, &mm) || mm < PAPER_MIN_MM || mm > PAPER_MAX_MM) {
		bad_value(d, src, line, vcol, key, val,
		          "紙 1 枚の厚さを 0.03mm から 1mm の間で「0.1mm」のように書いてください");
		return;
	}
	pm->paper_mm = (float)mm;
}

bool pc_front_print_key(pc_doc *doc, const pc_source *src, unsigned line, unsigned vcol,
                        const char *key, const char *val, pc_diags *d)
{
	pc_print_meta *pm = &doc->meta.print;
	if (!strcmp(key, "crop-marks")) {
		if (!strcmp(val, "true") || !strcmp(val, "yes") || !strcmp(val, "はい"))
			pm->crop_marks = true;
		else if (!strcmp(val, "false") || !strcmp(val, "no") || !strcmp(val, "いいえ"))
			pm->crop_marks = false;
		else
			bad_value(d, src, line, vcol, key, val, "true か false を書いてください");
	} else if (!strcmp(key, "binding")) {
		if (!strcmp(val, "perfect") || !strcmp(val, "無線綴じ"))
			pm->binding = PC_BIND_PERFECT;
		else if (!strcmp(val, "saddle") || !strcmp(val, "中綴じ"))
			pm->binding = PC_BIND_SADDLE;
		else {
			bad_value(d, src, line, vcol, key, val,
			          "perfect（無線綴じ）か saddle（中綴じ）を書いてください");
			return true;
		}
		pm->binding_pos = (pc_pos){src->name, line, vcol};
	} else if (!strcmp(key, "paper-thickness")) {
		set_paper(pm, d, src, line, vcol, key, val);
	} else if (!strcmp(key, "issuer") || !strcmp(key, "issued") || !strcmp(key, "contact") ||
	           !strcmp(key, "printer")) {
		const char **slot = !strcmp(key, "issuer")    ? &pm->issuer
		                    : !strcmp(key, "issued")  ? &pm->issued
		                    : !strcmp(key, "contact") ? &pm->contact
		                                              : &pm->printer;
		if (!*val)
			bad_value(d, src, line, vcol, key, val, "奥付に載せる文字を書いてください");
		else
			*slot = val;
	} else {
		return false;
	}
	return true;
}
