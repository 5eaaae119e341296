/*
 * plancc: the command-line driver. Reads options, runs the pipeline,
 * prints diagnostics and returns the exit status (0 clean or warnings,
 * 1 errors, 2 usage). The only code that prints or exits.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts/coverage.h"
#include "fonts/fontmap.h"
#include "model/grade.h"
#include "plancc.h"
#include "render/data/indicators.h"
#include "render/data/report.h"
#include "render/glossary/glossary.h"
#include "render/html/html.h"
#include "render/html/report.h"
#include "render/json/json.h"
#include "render/pdf/device.h"
#include "render/pdf/pdf.h"
#include "render/tree/tree.h"
#include "serve/serve.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/heap.h"
#include "util/output.h"
#include "util/unicode.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

/* Output formats of `build`; bits of a mask. */
enum {
	FMT_JSON = 1 << 0,
	FMT_HTML = 1 << 1,
	FMT_DATA = 1 << 2,
	FMT_PDF = 1 << 8,
	FMT_PRINT = 1 << 9, /* the print edition: print/body.pdf, print/cover.pdf */
};

static const struct {
	const char *name;
	unsigned bit;
} formats[] = {{"json", FMT_JSON},
               {"html", FMT_HTML},
               {"data", FMT_DATA},
               {"pdf", FMT_PDF},
               {"print", FMT_PRINT}};

typedef struct args {
	const char *command;
	const char *dir, *out;
	const char *fonts;     /* --fonts: the font map for the PDF; NULL: look for it */
	const char **chapters; /* glossary --chapter: ids or numbers, NULL-terminated */
	bool out_given;
	bool open; /* serve --open */
	int port;  /* serve --port */
	int year;  /* report --year: a Gregorian fiscal year */
	unsigned formats;
	pc_options opt;
} args;

static void usage(FILE *f)
{
	fputs("usage: plancc check [DIR] [--strict]\n"
	      "       plancc dump [DIR]\n"
	      "       plancc build [DIR] [-o OUT] [--format LIST] [--draft] [--strict]\n"
	      "       plancc glossary [DIR] -o FILE.{pdf,html,csv,md} [--chapter LIST]\n"
	      "       plancc indicators [DIR] -o FILE.{csv,json}\n"
	      "       plancc serve [DIR] [--port N] [--open]\n"
	      "       plancc report [DIR] --year N [-o OUT] [--format LIST] [--strict]\n"
	      "       plancc --help | --version\n"
	      "\n"
	      "  check     read the plan in DIR (default: source-docs) and report problems\n"
	      "  dump      print the plan's tree as the outputs are made from it: every\n"
	      "            node with its place in the sources and what is printed for it\n"
	      "  build     check, then write the outputs into OUT (default: output)\n"
	      "  indicators write the indicators with their years and achievement\n"
	      "            rates to FILE (data: the same as indicators.csv/.json of build)\n"
	      "  serve     preview the plan at http://127.0.0.1:N/ (default 8000; 0 any free\n"
	      "            port), rebuilt whenever a file of DIR is saved\n"
	      "  glossary  write the glossary alone, in reading order, to FILE (its\n"
	      "            extension picks the format; CSV is UTF-8 with a BOM for Excel)\n"
	      "  report    write the yearly progress report of fiscal year N (2028, R10)\n"
	      "            into OUT: report-N.pdf, html/report-N*.html, report-N.csv/.json\n"
	      "\n"
	      "  -o OUT         output folder\n"
	      "  --format LIST  comma-separated outputs to write (json, html, data, pdf, print); "
	      "all by "
	      "default\n"
	      "  --year N       report: the fiscal year to evaluate\n"
	      "  --draft        mark the outputs as a draft whatever the plan says\n"
	      "  --fonts FILE   font map for the PDF (default: fonts/fonts.map here, else\n"
	      "                 the one of plancc's source tree)\n"
	      "  --chapter LIST glossary: only the terms defined in these chapters\n"
	      "                 (ids or numbers, comma-separated)\n"
	      "  --strict       treat warnings as errors\n"
	      "\n"
	      "Problems are reported as FILE:LINE:COL: error|warning: message.\n"
	      "Exit status: 0 no errors, 1 errors (nothing written), 2 usage.\n",
	      f);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("plancc: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	usage(stderr);
	return EXIT_USAGE;
}

static bool parse_formats(const char *list, unsigned *mask)
{
	*mask = 0;
	char *copy = strdup(list), *save = NULL;
	bool ok = true;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		bool known = false;
		for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
			if (!strcmp(t, formats[i].name)) {
				*mask |= formats[i].bit;
				known = true;
			}
		ok &= known;
	}
	free(copy);
	return ok && *mask;
}

/* The extension of a glossary file, or NULL when it names no format. */
static const char *glossary_format(const char *file)
{
	const char *dot = strrchr(file, '.');
	static const char *known[] = {".pdf", ".html", ".csv", ".md"};
	for (size_t i = 0; dot && i < sizeof known / sizeof known[0]; i++)
		if (!strcmp(dot, known[i]))
			return known[i];
	return NULL;
}

static bool indicators_format(const char *file)
{
	const char *dot = strrchr(file, '.');
	return dot && (!strcmp(dot, ".csv") || !strcmp(dot, ".json"));
}

/* Returns -1 when the arguments are fine, else the exit status. */
static int parse_args(int argc, char **argv, args *a)
{
	memset(a, 0, sizeof *a);
	a->dir = "source-docs";
	a->out = "output";
	a->formats = ~0u;
	a->port = 8000;
	if (argc < 2)
		return usage_error("%s", "a command is needed");
	a->command = argv[1];
	if (!strcmp(a->command, "--help") || !strcmp(a->command, "-h")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(a->command, "--version")) {
		printf("plancc %s\n", PLANCC_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(a->command, "check") && strcmp(a->command, "build") &&
	    strcmp(a->command, "dump") && strcmp(a->command, "glossary") &&
	    strcmp(a->command, "indicators") && strcmp(a->command, "serve") &&
	    strcmp(a->command, "report"))
		return usage_error("unknown command '%s'", a->command);
	bool report = !strcmp(a->command, "report");
	bool indicators = !strcmp(a->command, "indicators");
	bool glossary = !strcmp(a->command, "glossary");
	bool serve = !strcmp(a->command, "serve");
	bool build = !strcmp(a->command, "build") || glossary || indicators || report;
	bool one_file = glossary || indicators;
	bool have_dir = false;
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "--strict"))
			a->opt.strict = true;
		else if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
			usage(stdout);
			return EXIT_CLEAN;
		} else if (build && !one_file && !strcmp(s, "--draft"))
			a->opt.draft = true;
		else if (build && !strcmp(s, "-o")) {
			if (++i >= argc)
				return usage_error("%s", "-o needs a folder");
			a->out = argv[i];
			a->out_given = true;
		} else if (glossary && !strcmp(s, "--chapter")) {
			if (++i >= argc)
				return usage_error("%s", "--chapter needs a list");
			size_t n = 1;
			for (const char *c = argv[i]; *c; c++)
				n += *c == ',';
			a->chapters = calloc(n + 1, sizeof *a->chapters);
			char *save = NULL, *list = argv[i];
			n = 0;
			for (char *t = strtok_r(list, ",", &save); t;
			     t = strtok_r(NULL, ",", &save))
				a->chapters[n++] = t;
		} else if (serve && !strcmp(s, "--open"))
			a->open = true;
		else if (serve && !strcmp(s, "--port")) {
			char *end = NULL;
			long port = ++i < argc ? strtol(argv[i], &end, 10) : -1;
			if (!end || *end || port < 0 || port > 65535)
				return usage_error("%s", "--port needs a number from 0 to 65535");
			a->port = (int)port;
		} else if ((build || serve || !strcmp(a->command, "check")) &&
		           !strcmp(s, "--fonts")) {
			if (++i >= argc)
				return usage_error("%s", "--fonts needs a file");
			a->fonts = argv[i];
		} else if (report && !strcmp(s, "--year")) {
			if (++i >= argc || !(a->year = pc_report_year_parse(argv[i])))
				return usage_error(
				    "%s", "--year needs a fiscal year (2028, R10, 令和10年度)");
		} else if (build && !one_file && !strcmp(s, "--format")) {
			if (++i >= argc)
				return usage_error("%s", "--format needs a list");
			if (!parse_formats(argv[i], &a->formats))
				return usage_error(
				    "unknown format in '%s' (known: json, html, data, pdf, print)",
				    argv[i]);
		} else if (s[0] == '-' && s[1])
			return usage_error("unknown option '%s'", s);
		else if (have_dir)
			return usage_error("one plan folder only ('%s')", s);
		else {
			a->dir = s;
			have_dir = true;
		}
	}
	if (report && !a->year)
		return usage_error("%s", "report needs --year N");
	if (report && a->formats & FMT_JSON && a->formats != ~0u)
		return usage_error("%s", "report writes pdf, html and data (json is part of data)");
	if (indicators && (!a->out_given || !indicators_format(a->out)))
		return usage_error("%s", "indicators needs -o FILE ending in .csv or .json");
	if (glossary && !a->out_given)
		return usage_error("%s", "glossary needs -o FILE (.pdf, .html, .csv or .md)");
	if (glossary && !glossary_format(a->out))
		return usage_error("'%s': the file name must end in .pdf, .html, .csv or .md",
		                   a->out);
	return -1;
}

/* The font map: --fonts, else fonts/fonts.map in the current folder, else
 * the map of the source tree plancc was built from. */
static const char *fontmap_path(const args *a, char *buf, size_t size)
{
	if (a->fonts)
		return a->fonts;
	FILE *f = fopen("fonts/fonts.map", "r");
	if (f) {
		fclose(f);
		return "fonts/fonts.map";
	}
	snprintf(buf, size, "%s/fonts.map", PLANCC_FONTS_DIR);
	return buf;
}

static bool write_pdf(pc_doc *doc, const args *a, pc_output *o, pc_diags *d)
{
	char buf[4096];
	pc_fontmap fonts = {0};
	size_t errors = d->errors; /* a bad map line or, under --strict, a missing glyph */
	unsigned editions = (a->formats & FMT_PDF ? PC_PDF_SCREEN : 0) |
	                    (a->formats & FMT_PRINT ? PC_PDF_PRINT : 0);
	bool ok = pc_fontmap_load(&fonts, fontmap_path(a, buf, sizeof buf), d) &&
	          pc_pdf_render_editions(doc, &fonts, editions, o, d);
	pc_fontmap_free(&fonts);
	return ok && d->errors == errors;
}

/* The text outputs: plan.json, the indicators' data and the site. */
static bool write_text_outputs(pc_doc *doc, unsigned which, pc_output *o, pc_diags *d)
{
	bool ok = true;
	if (which & FMT_JSON) {
		pc_buf b = {0};
		pc_json_render(doc, &b);
		ok &= pc_output_write(o, "plan.json", b.data, b.len);
		pc_buf_free(&b);
	}
	if (ok && (which & FMT_DATA)) {
		pc_buf csv = {0}, json = {0};
		pc_indicators_csv(doc, &csv);
		pc_json_render_indicators(doc, &json);
		ok &= pc_output_write(o, "indicators.csv", csv.data, csv.len) &&
		      pc_output_write(o, "indicators.json", json.data, json.len);
		pc_buf_free(&csv);
		pc_buf_free(&json);
	}
	return ok && (!(which & FMT_HTML) || pc_html_render(doc, o, d));
}

typedef struct text_job {
	pc_doc *doc;
	unsigned formats;
	pc_output *o;
	pc_diags diags;  /* the thread's own, moved into the build's after it */
	pc_arena *arena; /* the thread's allocations, adopted by the document */
	bool ok;
} text_job;

static void *run_text_job(void *p)
{
	text_job *j = p;
	pc_arena_divert(j->doc->arena, j->arena);
	pc_output_report_to(&j->diags);
	j->ok = write_text_outputs(j->doc, j->formats, j->o, &j->diags);
	pc_output_report_to(NULL);
	pc_arena_divert(NULL, NULL);
	return NULL;
}

/*
 * What runs on which thread. The booklet is most of a build's time and
 * stays on this thread (its device compresses on a worker of its own); the
 * text outputs only read the resolved document, so they are written on a
 * second thread meanwhile, with their own arena and diagnostics, and the
 * files of both go into one transaction.
 */
static bool write_outputs(pc_doc *doc, const args *a, pc_diags *d)
{
	pc_output *o = pc_output_begin(a->out, d);
	unsigned text = a->formats & (FMT_JSON | FMT_DATA | FMT_HTML);
	bool pdf = a->formats & (FMT_PDF | FMT_PRINT);
	text_job job = {doc, text, o, {0}, NULL, true};
	pc_diags_init(&job.diags, a->opt.strict);
	pthread_t thread;
	bool threaded = false;
	if (text && pdf) {
		job.arena = pc_arena_new();
		threaded = pthread_create(&thread, NULL, run_text_job, &job) == 0;
	}
	if (text && !threaded)
		job.ok = write_text_outputs(doc, text, o, d);
	bool ok = !pdf || write_pdf(doc, a, o, d);
	if (threaded)
		pthread_join(thread, NULL);
	pc_arena_adopt(doc->arena, job.arena);
	pc_diags_move(d, &job.diags);
	pc_diags_free(&job.diags);
	if (!ok || !job.ok) {
		pc_output_abort(o);
		return false;
	}
	return pc_output_commit(o);
}

/* plancc report: the year's report, graded once, in every format asked. */
static bool write_report(pc_doc *doc, const args *a, pc_diags *d)
{
	const pc_meta *m = &doc->meta;
	if (m->term_first && (a->year < m->term_first || a->year > m->term_last)) {
		pc_diag(d, PC_E_REPORT_YEAR, "", 0, 0, a->year, m->term_first, m->term_last);
		return false;
	}
	size_t errors = d->errors;
	const pc_report *r = pc_report_of(doc, a->year, d);
	if (d->errors != errors) /* --strict: a warning of the grading */
		return false;
	pc_output *o = pc_output_begin(a->out, d);
	bool ok = true;
	if (a->formats & FMT_DATA) {
		pc_buf csv = {0}, json = {0};
		pc_report_csv(r, &csv);
		pc_report_json(r, &json);
		ok &= pc_output_write(o, pc_arena_printf(doc->arena, "report-%d.csv", a->year),
		                      csv.data, csv.len);
		ok &= pc_output_write(o, pc_arena_printf(doc->arena, "report-%d.json", a->year),
		                      json.data, json.len);
		pc_buf_free(&csv);
		pc_buf_free(&json);
	}
	if (ok && (a->formats & FMT_HTML))
		ok = pc_html_render_report(r, a->opt.draft, o, d);
	if (ok && (a->formats & FMT_PDF)) {
		char buf[4096];
		pc_fontmap fonts = {0};
		ok = pc_fontmap_load(&fonts, fontmap_path(a, buf, sizeof buf), d) &&
		     pc_pdf_render_report(r, &fonts, a->opt.draft,
		                          pc_arena_printf(doc->arena, "report-%d.pdf", a->year), o,
		                          d) &&
		     d->errors == errors;
		pc_fontmap_free(&fonts);
	}
	if (!ok) {
		pc_output_abort(o);
		return false;
	}
	return pc_output_commit(o);
}

/* check: the characters the PDF would print as 〓, reported as the PDF
 * build reports them (build itself leaves this to the PDF back end). */
static void check_glyphs(pc_doc *doc, const args *a, pc_diags *d)
{
	char buf[4096];
	pc_fontmap fonts = {0};
	if (pc_fontmap_load(&fonts, fontmap_path(a, buf, sizeof buf), d)) {
		pc_coverage *c = pc_coverage_load(&fonts, d);
		if (c)
			pc_check_glyphs(doc, c, d);
		pc_coverage_free(c);
	}
	pc_fontmap_free(&fonts);
}

/* Writes one file through a transaction in its folder. */
static bool write_one(const char *path, const pc_buf *b, pc_diags *d)
{
	char *dir = strdup(path);
	char *slash = strrchr(dir, '/');
	const char *file = slash ? slash + 1 : path;
	if (slash)
		*slash = '\0';
	pc_output *o = pc_output_begin(slash ? (*dir ? dir : "/") : ".", d);
	bool ok = pc_output_write(o, file, b->data ? b->data : "", b->len);
	free(dir);
	if (!ok) {
		pc_output_abort(o);
		return false;
	}
	return pc_output_commit(o);
}

/* plancc indicators: CSV or JSON by the file's extension. */
static bool write_indicators(pc_doc *doc, const args *a, pc_diags *d)
{
	pc_buf b = {0};
	if (!strcmp(strrchr(a->out, '.'), ".csv"))
		pc_indicators_csv(doc, &b);
	else
		pc_json_render_indicators(doc, &b);
	bool ok = write_one(a->out, &b, d);
	pc_buf_free(&b);
	return ok;
}

/* plancc glossary: one file, written through a transaction in its folder. */
static bool write_glossary(pc_doc *doc, const args *a, pc_diags *d)
{
	const char *unknown;
	const bool *sel = pc_glossary_select(doc, a->chapters, &unknown);
	if (unknown) {
		pc_diag(d, PC_E_NO_CHAPTER, "", 0, 0, unknown);
		return false;
	}
	char *dir = strdup(a->out);
	char *slash = strrchr(dir, '/');
	const char *file = slash ? slash + 1 : a->out;
	if (slash)
		*slash = '\0';
	pc_output *o = pc_output_begin(slash ? (*dir ? dir : "/") : ".", d);
	const char *fmt = glossary_format(a->out);
	bool ok;
	if (!strcmp(fmt, ".pdf")) {
		char buf[4096];
		pc_fontmap fonts = {0};
		ok = pc_fontmap_load(&fonts, fontmap_path(a, buf, sizeof buf), d) &&
		     pc_pdf_render_glossary(doc, &fonts, sel, file, o, d);
		pc_fontmap_free(&fonts);
	} else {
		const pc_glossary *g = pc_glossary_of(doc, sel);
		pc_buf b = {0};
		if (!strcmp(fmt, ".csv"))
			pc_glossary_csv(doc, g, &b);
		else if (!strcmp(fmt, ".md"))
			pc_glossary_md(doc, g, &b);
		else
			pc_glossary_html(doc, g, &b);
		ok = pc_output_write(o, file, b.data ? b.data : "", b.len);
		pc_buf_free(&b);
	}
	free(dir);
	if (!ok) {
		pc_output_abort(o);
		return false;
	}
	return pc_output_commit(o);
}

int main(int argc, char **argv)
{
	args a;
	int st = parse_args(argc, argv, &a);
	if (st >= 0)
		return st;
	if (!strcmp(a.command, "serve")) {
		pc_serve_options so = {a.dir, argv[0], a.fonts, a.port, a.open};
		return pc_serve(&so);
	}
	pc_dev_set_one_shot(true); /* this process ends after the build */
	pc_heap_prefer_huge_pages(pc_heap_estimate(a.dir));
	pc_diags d;
	pc_diags_init(&d, a.opt.strict);
	pc_doc *doc = pc_compile(a.dir, &a.opt, &d);
	if (!strcmp(a.command, "build") && d.errors == 0)
		write_outputs(doc, &a, &d);
	else if (!strcmp(a.command, "glossary") && d.errors == 0)
		write_glossary(doc, &a, &d);
	else if (!strcmp(a.command, "indicators") && d.errors == 0)
		write_indicators(doc, &a, &d);
	else if (!strcmp(a.command, "report") && d.errors == 0)
		write_report(doc, &a, &d);
	else if (!strcmp(a.command, "dump") && d.errors == 0) {
		pc_buf b = {0};
		pc_tree_render(doc, &b);
		fwrite(b.data ? b.data : "", 1, b.len, stdout);
		pc_buf_free(&b);
	} else if (!strcmp(a.command, "check"))
		check_glyphs(doc, &a, &d);
	pc_diags_sort(&d);
	pc_diags_print(&d, stderr);
	st = d.errors ? EXIT_ERRORS : EXIT_CLEAN;
	pc_doc_free(doc);
	pc_diags_free(&d);
	free(a.chapters);
	pc_unicode_cleanup();
	return st;
}
