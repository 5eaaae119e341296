/*
 * The yearly progress report (進捗評価) as every output prints it: for a
 * fiscal year, each indicator's result of that year, the value the plan's
 * grading rule computes from it (進捗率, 達成率, 年割…), its grade, and
 * each measure's grade, next step and comment, with the counts per
 * chapter. Computed once here (pc_report_of); the report PDF, the HTML
 * pages and the CSV/JSON read it and decide nothing again.
 */
#ifndef PC_MODEL_GRADE_H
#define PC_MODEL_GRADE_H

#include <stdbool.h>
#include <stddef.h>

#include "../plancc.h"

/* One indicator in the year. */
typedef struct pc_ind_grade {
	const pc_indicator *ind;
	/* The indicator as of the year: results of later years left out and
	 * no rate (the report prints its own value); what its chart shows. */
	pc_indicator *view;
	const pc_ivalue *actual; /* the year's result; NULL when none */
	bool survey;             /* its 把握方法 names a survey of the rule */
	bool prorated;           /* the rule pro-rates the target */
	double share;            /* of the way to the target due by the year, 0..1 */
	bool has_year_target;
	double year_target;           /* the pro-rated target of the year */
	const char *year_target_text; /* as printed: "65.2%" */
	bool has_score;
	double score;           /* the rule's value, rounded to 0.1 as printed */
	const char *score_text; /* "82.5%", "+2.1ポイント", "－" */
	int band;               /* index of the grade in the rule's bands; -1 none */
	const char *grade;      /* a band's name, an extra grade or the rule's none */
	const char *note;       /* why it has no band, or how it was computed; NULL */
	int note_no;            /* the note's number on its measure's sheet (※1), 0 none */
} pc_ind_grade;

/* One measure in the year. */
typedef struct pc_measure_grade {
	const pc_node *measure, *chapter; /* chapter NULL: outside any */
	pc_ind_grade *inds;
	size_t ninds;
	const pc_evaluation *eval; /* the year's row of its evaluation block; NULL */
	int band;                  /* -1 none */
	const char *grade;
	bool given;       /* given by hand in the evaluation block */
	bool has_average; /* the mean of its indicators' points (rule 平均) */
	double average;
	const char *basis; /* how the grade was formed, in words for the sheet */
	/* A table node (outside the tree) of the indicators' views, for the
	 * charts both back ends draw from it. */
	pc_node *charts;
	/* The sheet's table: the year every indicator gives its baseline and
	 * its target ("R6年度"; NULL when they differ: each cell gives its
	 * own), and whether it has a column of pro-rated targets. */
	const char *baseline_year, *target_year;
	bool year_targets;
	size_t nnotes;
} pc_measure_grade;

/* The counts of one chapter (or of the whole plan), per grade. */
typedef struct pc_report_chapter {
	const pc_node *chapter;
	size_t first, count; /* its measures in pc_report.measures */
	size_t *measures;    /* per grade (pc_report.grades) */
	size_t *indicators;  /* per grade */
	size_t nindicators;
} pc_report_chapter;

typedef struct pc_report {
	pc_doc *doc;
	int year;               /* Gregorian fiscal year */
	const char *year_label; /* 令和10（2028）年度 */
	pc_grading rule;        /* the plan's rule with the defaults filled in */
	const char **grades;    /* every grade: bands, extras, then the none grade */
	size_t ngrades;
	pc_measure_grade *measures; /* in plan order */
	size_t nmeasures;
	pc_report_chapter *chapters;
	size_t nchapters;
	pc_report_chapter total;
	const char *score_name; /* 進捗率, 達成率, 年割進捗率, … */
	const char *score_unit; /* "%" or "ポイント" */
	const char **rule_text; /* the rule in sentences, for the reader */
	size_t nrule_text;
} pc_report;

/*
 * The report of a fiscal year, in the document's arena. Indicators whose
 * target lies before the plan's term (a review of the previous plan) are
 * left out. Warnings (a value no grade takes) go to d. The document must
 * be compiled without errors.
 */
pc_report *pc_report_of(pc_doc *doc, int year, pc_diags *d);

/* The plan's grading rule with the defaults for what it leaves unset:
 * 進捗率; A（100%以上）、B（80%以上）、C（50%以上）、D; no tolerance;
 * 平均; 「－」; 未着手・中止・評価困難; points n, n−1, … 1 from the top. */
void pc_grading_effective(pc_doc *doc, pc_grading *out);
/* Whether name is a grade of the rule (a band, an extra or the none). */
bool pc_grading_has(const pc_grading *g, const char *name);
/* The grades of the rule joined with 、 (for messages). */
const char *pc_grading_names(pc_arena *a, const pc_grading *g);

/* A fiscal year as a user writes it on the command line: 2028, 2028年度,
 * R10, 令和10年度; 0 when it is none. */
int pc_report_year_parse(const char *s);

/* The tone a grade is shown in, the same in every output: 0 (the top
 * band) … 4 (the bottom one), spread over the rule's bands; -1 for an
 * extra grade or the none grade. */
int pc_report_tone(const pc_report *r, int band);

/* Whether the counts show a column for grade g of r->grades: every band;
 * an extra grade or the none grade only when some measure or indicator
 * has it in the year. */
bool pc_report_grade_shown(const pc_report *r, size_t g);

/* Index of a grade in r->grades, or -1. */
int pc_report_grade_index(const pc_report *r, const char *name);
/* 拡充, 継続, 改善, 縮小, 廃止; NULL for none. */
const char *pc_course_name(pc_course c);
/* The fiscal year a value belongs to: its year, the year before for a
 * date in January to March; 0 when it has none. */
int pc_ivalue_fiscal_year(const pc_ivalue *v);
/* 令和10（2028）年度; 令和元（2019）年度; 平成30（2018）年度. */
const char *pc_fiscal_year_label(pc_arena *a, int year);
/* A value as printed in the report: as written, with the 単位 column's
 * unit when the cell has none; "－" when NULL. */
const char *pc_report_value_text(pc_arena *a, const pc_indicator *ind, const pc_ivalue *v);

#endif
