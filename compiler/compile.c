/*
 * The pipeline's owner: a plan folder (or one chapter in memory) goes
 * through load → parse → resolve → present, and the term index is built
 * once, so every back end prints from the same decided tree.
 */
#include "index/index.h"
#include "plancc.h"

pc_doc *pc_doc_new(const char *dir)
{
	pc_arena *a = pc_arena_new();
	pc_doc *doc = pc_arena_alloc(a, sizeof *doc);
	doc->arena = a;
	doc->dir = pc_arena_strdup(a, dir);
	doc->meta.term_mark = PC_MARK_ASTERISK;
	doc->meta.charts = true;
	return doc;
}

void pc_doc_free(pc_doc *doc)
{
	if (doc)
		pc_arena_free(doc->arena);
}

/* The stages after loading, the same for a folder and for memory. */
static void finish(pc_doc *doc, const pc_options *opt, pc_diags *diags)
{
	pc_parse(doc, diags);
	pc_resolve(doc, diags);
	if (opt && opt->draft)
		doc->meta.draft = true;
	if (!doc->root)
		return;
	pc_present(doc);
	doc->index = pc_index_build(doc);
}

pc_doc *pc_compile(const char *dir, const pc_options *opt, pc_diags *diags)
{
	pc_doc *doc = pc_doc_new(dir);
	pc_load(doc, diags);
	finish(doc, opt, diags);
	return doc;
}

pc_doc *pc_compile_memory(const char *dir, const char *name, const char *data, size_t len,
                          const pc_options *opt, pc_diags *diags)
{
	pc_doc *doc = pc_doc_new(dir);
	pc_load_memory(doc, name, data, len, diags);
	finish(doc, opt, diags);
	return doc;
}
