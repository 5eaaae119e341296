/*
 * JSON back end: the resolved plan as data (schema in docs/json.md). Field
 * names and order are part of the schema; add fields, never rename them.
 */
#include "json.h"

#include <math.h>

#include "../../model/indicators.h"
#include "../../util/json.h"

static void pos(pc_json *j, pc_pos p)
{
	pc_json_key(j, "pos");
	pc_json_object(j);
	pc_json_key(j, "file");
	pc_json_string(j, p.file);
	pc_json_key(j, "line");
	pc_json_int(j, p.line);
	pc_json_key(j, "col");
	pc_json_int(j, p.col);
	pc_json_end_object(j);
}

static const char *section_id(const pc_node *n)
{
	return n ? n->u.section->id : NULL;
}

static void meta(pc_json *j, const pc_meta *m)
{
	static const char *marks[] = {"※", "※n", "none"};
	pc_json_key(j, "meta");
	pc_json_object(j);
	pc_json_key(j, "title");
	pc_json_string(j, m->title);
	pc_json_key(j, "subtitle");
	pc_json_string(j, m->subtitle);
	pc_json_key(j, "city");
	pc_json_string(j, m->city);
	pc_json_key(j, "city_code");
	pc_json_string(j, m->city_code);
	pc_json_key(j, "period");
	pc_json_string(j, m->period);
	pc_json_key(j, "edition");
	pc_json_string(j, m->edition);
	pc_json_key(j, "draft");
	pc_json_bool(j, m->draft);
	pc_json_key(j, "term_mark");
	pc_json_string(j, marks[m->term_mark]);
	pc_json_key(j, "index_order");
	pc_json_string(j, m->latin_first ? "latin-first" : "kana-first");
	pc_json_key(j, "charts");
	pc_json_bool(j, m->charts);
	pc_json_key(j, "chapter_start");
	pc_json_string(j, m->recto ? "right" : "any");
	pc_json_end_object(j);
}

static void sections(pc_json *j, const pc_doc *doc)
{
	pc_json_key(j, "sections");
	pc_json_array(j);
	for (size_t i = 0; i < doc->sections.len; i++) {
		const pc_node *n = doc->sections.items[i];
		const pc_section *s = n->u.section;
		pc_json_object(j);
		pc_json_key(j, "id");
		pc_json_string(j, s->id);
		pc_json_key(j, "id_explicit");
		pc_json_bool(j, s->id_explicit);
		pc_json_key(j, "number");
		pc_json_string(j, s->number);
		pc_json_key(j, "label");
		pc_json_string(j, s->label);
		pc_json_key(j, "title");
		pc_json_string(j, s->title);
		pc_json_key(j, "heading_label");
		pc_json_string(j, s->heading_label);
		pc_json_key(j, "display");
		pc_json_string(j, s->display);
		pc_json_key(j, "level");
		pc_json_int(j, s->level);
		pc_json_key(j, "parent");
		pc_json_string(j, section_id(pc_node_section(n)));
		pc_json_key(j, "role");
		pc_json_string(j, pc_role_name(s->role));
		pc_json_key(j, "classes");
		pc_json_array(j);
		for (const char **c = s->classes; c && *c; c++)
			pc_json_string(j, *c);
		pc_json_end_array(j);
		pc_json_key(j, "sdgs");
		pc_json_array(j);
		for (int k = 0; k < s->nsdgs; k++)
			pc_json_int(j, s->sdgs[k]);
		pc_json_end_array(j);
		pos(j, n->pos);
		pc_json_end_object(j);
	}
	pc_json_end_array(j);
}

static void year(pc_json *j, const pc_year *y)
{
	pc_json_key(j, "year");
	if (!y->year) {
		pc_json_null(j);
		return;
	}
	pc_json_object(j);
	pc_json_key(j, "year");
	pc_json_int(j, y->year);
	pc_json_key(j, "fiscal");
	pc_json_bool(j, y->fiscal);
	pc_json_key(j, "month");
	if (y->month)
		pc_json_int(j, y->month);
	else
		pc_json_null(j);
	pc_json_key(j, "text");
	pc_json_string(j, y->text);
	pc_json_end_object(j);
}

static void tables(pc_json *j, const pc_doc *doc)
{
	static const char *kinds[] = {"table", "indicators", "glossary"};
	pc_json_key(j, "tables");
	pc_json_array(j);
	for (size_t i = 0; i < doc->tables.len; i++) {
		const pc_node *n = doc->tables.items[i];
		const pc_table *t = n->u.table;
		pc_json_object(j);
		pc_json_key(j, "id");
		pc_json_string(j, t->id);
		pc_json_key(j, "kind");
		pc_json_string(j, kinds[t->kind]);
		pc_json_key(j, "caption");
		pc_json_string(j, t->caption);
		pc_json_key(j, "section");
		pc_json_string(j, section_id(pc_node_section(n)));
		pc_json_key(j, "columns");
		pc_json_array(j);
		for (size_t c = 0; c < t->ncols; c++) {
			pc_json_object(j);
			pc_json_key(j, "text");
			pc_json_string(j, t->columns[c].text);
			pc_json_key(j, "field");
			pc_json_string(j, pc_field_name(t->columns[c].field));
			year(j, &t->columns[c].year);
			pc_json_end_object(j);
		}
		pc_json_end_array(j);
		size_t rows = 0;
		for (const pc_node *r = n->first; r; r = r->next)
			rows++;
		pc_json_key(j, "rows");
		pc_json_int(j, rows ? (long long)rows - 1 : 0);
		pos(j, n->pos);
		pc_json_end_object(j);
	}
	pc_json_end_array(j);
}

static void section_ref(pc_json *j, const char *key, const pc_node *s)
{
	pc_json_key(j, key);
	if (!s) {
		pc_json_null(j);
		return;
	}
	pc_json_object(j);
	pc_json_key(j, "id");
	pc_json_string(j, s->u.section->id);
	pc_json_key(j, "number");
	pc_json_string(j, s->u.section->number);
	pc_json_key(j, "title");
	pc_json_string(j, s->u.section->title);
	pc_json_end_object(j);
}

static void int_or_null(pc_json *j, const char *key, int v)
{
	pc_json_key(j, key);
	if (v)
		pc_json_int(j, v);
	else
		pc_json_null(j);
}

/* The facts of a value besides number, unit and year (docs/indicators.md). */
static void value_facts(pc_json *j, const pc_ivalue *iv)
{
	int_or_null(j, "day", iv->year.year ? iv->year.day : 0);
	pc_json_key(j, "qualifier");
	pc_json_string(j, iv->year.qualifier);
	pc_json_key(j, "bound");
	pc_json_string(j, pc_bound_name(iv->value.bound));
	pc_json_key(j, "upper");
	if (iv->value.has_range)
		pc_json_number(j, iv->value.upper);
	else
		pc_json_null(j);
	pc_json_key(j, "approximate");
	pc_json_bool(j, iv->value.approximate);
	pc_json_key(j, "note");
	pc_json_string(j, iv->value.note);
	int_or_null(j, "cell_year", iv->value.year.year);
}

static void ivalue(pc_json *j, const pc_ivalue *iv)
{
	pc_json_object(j);
	pc_json_key(j, "field");
	pc_json_string(j, pc_field_name(iv->field));
	pc_json_key(j, "text");
	pc_json_string(j, iv->value.text);
	pc_json_key(j, "number");
	if (iv->value.has_number)
		pc_json_number(j, iv->value.number);
	else
		pc_json_null(j);
	pc_json_key(j, "unit");
	pc_json_string(j, iv->value.unit ? iv->value.unit : "");
	pc_json_key(j, "year");
	if (iv->year.year)
		pc_json_int(j, iv->year.year);
	else
		pc_json_null(j);
	pc_json_key(j, "fiscal");
	pc_json_bool(j, iv->year.fiscal);
	pc_json_key(j, "month");
	if (iv->year.month)
		pc_json_int(j, iv->year.month);
	else
		pc_json_null(j);
	pc_json_key(j, "year_text");
	pc_json_string(j, iv->year.year ? iv->year.text : NULL);
	pc_json_key(j, "line");
	pc_json_int(j, iv->pos.line);
	pc_json_key(j, "col");
	pc_json_int(j, iv->pos.col);
	value_facts(j, iv);
	pc_json_end_object(j);
}

/* One indicator: the same object in plan.json and indicators.json
 * (docs/indicators.md), written here only. */
static void indicator(pc_json *j, const pc_indicator *ind)
{
	const pc_node *m = ind->measure;
	pc_json_object(j);
	pc_json_key(j, "id");
	pc_json_string(j, ind->id);
	pc_json_key(j, "id_given");
	pc_json_bool(j, ind->id_given);
	section_ref(j, "chapter", m ? m->u.section->chapter : NULL);
	section_ref(j, "measure", m);
	pc_json_key(j, "section");
	pc_json_string(j, section_id(ind->section));
	pc_json_key(j, "name");
	pc_json_string(j, ind->name);
	pc_json_key(j, "method");
	pc_json_string(j, ind->method);
	pc_json_key(j, "unit");
	pc_json_string(j, ind->unit);
	pc_json_key(j, "direction");
	pc_json_string(j, pc_direction_name(ind->direction));
	pc_json_key(j, "direction_given");
	pc_json_bool(j, ind->direction_given);
	pc_json_key(j, "table");
	pc_json_string(j, ind->table->u.table->id);
	pc_json_key(j, "values");
	pc_json_array(j);
	for (size_t v = 0; v < ind->nvalues; v++)
		ivalue(j, &ind->values[v]);
	pc_json_end_array(j);
	pc_json_key(j, "achievement_rate");
	if (ind->has_rate)
		pc_json_number(j, round(ind->rate * 10) / 10); /* as the CSV prints it */
	else
		pc_json_null(j);
	pc_json_key(j, "achievement");
	pc_json_string(j, pc_achievement_name(ind->achievement));
	pc_json_key(j, "file");
	pc_json_string(j, ind->pos.file);
	pc_json_key(j, "line");
	pc_json_int(j, ind->pos.line);
	pc_json_end_object(j);
}

static void indicators(pc_json *j, const pc_doc *doc)
{
	pc_json_key(j, "indicators");
	pc_json_array(j);
	for (size_t i = 0; i < doc->indicators.len; i++)
		indicator(j, doc->indicators.items[i]);
	pc_json_end_array(j);
}

static void uses(pc_json *j, const pc_term *t)
{
	pc_json_key(j, "uses");
	pc_json_array(j);
	for (size_t u = 0; u < t->nuses; u++) {
		pc_json_object(j);
		pc_json_key(j, "section");
		pc_json_string(j, section_id(t->uses[u].section));
		pc_json_key(j, "explicit");
		pc_json_bool(j, t->uses[u].explicit_ref);
		pos(j, t->uses[u].pos);
		pc_json_end_object(j);
	}
	pc_json_end_array(j);
}

static void terms(pc_json *j, const pc_doc *doc)
{
	pc_json_key(j, "terms");
	pc_json_array(j);
	for (size_t i = 0; i < doc->terms.len; i++) {
		const pc_term *t = doc->terms.items[i];
		pc_json_object(j);
		pc_json_key(j, "term");
		pc_json_string(j, t->term);
		pc_json_key(j, "reading");
		pc_json_string(j, t->reading);
		pc_json_key(j, "reading_derived");
		pc_json_bool(j, t->reading_derived);
		pc_json_key(j, "aliases");
		pc_json_array(j);
		for (size_t k = 0; k < t->naliases; k++) {
			pc_json_object(j);
			pc_json_key(j, "text");
			pc_json_string(j, t->aliases[k].text);
			pc_json_key(j, "reading");
			pc_json_string(j, t->aliases[k].reading);
			pc_json_end_object(j);
		}
		pc_json_end_array(j);
		pc_json_key(j, "definition");
		pc_json_string(j, t->definition_text ? t->definition_text : "");
		pc_json_key(j, "section");
		pc_json_string(j, section_id(t->section));
		pos(j, t->pos);
		uses(j, t);
		pc_json_end_object(j);
	}
	pc_json_end_array(j);
}

static void index_entries(pc_json *j, const pc_doc *doc)
{
	pc_json_key(j, "index_entries");
	pc_json_array(j);
	for (size_t i = 0; i < doc->index_entries.len; i++) {
		const pc_index_entry *e = doc->index_entries.items[i];
		pc_json_object(j);
		pc_json_key(j, "text");
		pc_json_string(j, e->text);
		pc_json_key(j, "reading");
		pc_json_string(j, e->reading);
		pc_json_key(j, "reading_derived");
		pc_json_bool(j, e->reading_derived);
		pc_json_key(j, "section");
		pc_json_string(j, section_id(e->section));
		pos(j, e->pos);
		pc_json_end_object(j);
	}
	pc_json_end_array(j);
}

static void refs(pc_json *j, pc_doc *doc)
{
	pc_json_key(j, "refs");
	pc_json_array(j);
	for (size_t i = 0; i < doc->xrefs.len; i++) {
		const pc_node *n = doc->xrefs.items[i];
		const pc_node *t = n->u.xref.target;
		pc_json_object(j);
		pc_json_key(j, "id");
		pc_json_string(j, n->u.xref.id);
		pc_json_key(j, "text");
		pc_json_string(j, n->first ? pc_node_text(doc, n) : NULL);
		pc_json_key(j, "target_kind");
		pc_json_string(j, !t ? NULL : t->kind == PC_SECTION ? "section" : "table");
		pc_json_key(j, "target_text");
		if (t && t->kind == PC_SECTION)
			pc_json_string(j, t->u.section->display);
		else
			pc_json_string(j, t && t->u.table->caption ? t->u.table->caption : NULL);
		pc_json_key(j, "section");
		pc_json_string(j, section_id(pc_node_section(n)));
		pos(j, n->pos);
		pc_json_end_object(j);
	}
	pc_json_end_array(j);
}

void pc_json_render(pc_doc *doc, pc_buf *out)
{
	pc_json j;
	pc_json_init(&j, out);
	pc_json_object(&j);
	pc_json_key(&j, "schema");
	pc_json_string(&j, "plancc-plan/2");
	meta(&j, &doc->meta);
	pc_json_key(&j, "files");
	pc_json_array(&j);
	for (size_t i = 0; i < doc->nsources; i++)
		pc_json_string(&j, doc->sources[i].name);
	pc_json_end_array(&j);
	sections(&j, doc);
	tables(&j, doc);
	indicators(&j, doc);
	terms(&j, doc);
	index_entries(&j, doc);
	refs(&j, doc);
	pc_json_end_object(&j);
}

void pc_json_render_indicators(pc_doc *doc, pc_buf *out)
{
	pc_json j;
	pc_json_init(&j, out);
	pc_json_object(&j);
	pc_json_key(&j, "schema");
	pc_json_string(&j, "plancc-indicators/1");
	pc_json_key(&j, "city");
	pc_json_string(&j, doc->meta.city);
	pc_json_key(&j, "city_code");
	pc_json_string(&j, doc->meta.city_code);
	indicators(&j, doc);
	pc_json_end_object(&j);
}
