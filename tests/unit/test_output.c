/* Output transactions: all new files or all old ones, never a mix. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"
#include "util/output.h"

static pc_diags diags;
static char *dir;

static void setup(void)
{
	pc_diags_init(&diags, false);
	dir = tmp_dir();
}

static void teardown(void)
{
	remove_tree(dir);
	free(dir);
	pc_diags_free(&diags);
}

TestSuite(output, .init = setup, .fini = teardown);

static char *path_of(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", dir, rel);
	return buf;
}

static void assert_file(const char *rel, const char *want)
{
	char *got = read_whole(path_of(rel), NULL);
	cr_assert(got, "%s is missing", rel);
	cr_assert_str_eq(got, want, "%s", rel);
	free(got);
}

/* Names in folder d (not recursive) containing part. */
static int names_with(const char *d, const char *part)
{
	DIR *h = opendir(d);
	cr_assert(h);
	int n = 0;
	for (struct dirent *e; (e = readdir(h));)
		n += strstr(e->d_name, part) != NULL;
	closedir(h);
	return n;
}

static void build(const char *a, const char *b, const char *c, bool want_ok)
{
	pc_output *o = pc_output_begin(dir, &diags);
	cr_assert(pc_output_write(o, "plan.json", a, strlen(a)));
	cr_assert(pc_output_write(o, "html/index.html", b, strlen(b)));
	cr_assert(pc_output_write(o, "plan.pdf", c, strlen(c)));
	cr_assert_eq(pc_output_commit(o), want_ok);
}

Test(output, commit_replaces_every_file)
{
	build("j1", "h1", "p1", true);
	build("j2", "h2", "p2", true);
	assert_file("plan.json", "j2");
	assert_file("html/index.html", "h2");
	assert_file("plan.pdf", "p2");
	cr_assert_eq(names_with(dir, ".old-") + names_with(dir, ".tmp-"), 0);
	cr_assert_eq(diags.errors, 0);
}

Test(output, a_failed_rename_puts_back_what_was_replaced)
{
	build("j1", "h1", "p1", true);
	/* plan.pdf cannot be replaced: a folder now holds its name. The two
	 * files before it in the transaction were already renamed. */
	cr_assert_eq(unlink(path_of("plan.pdf")), 0);
	cr_assert_eq(mkdir(path_of("plan.pdf"), 0755), 0);
	build("j2", "h2", "p2", false);
	assert_file("plan.json", "j1");
	assert_file("html/index.html", "h1");
	struct stat st;
	cr_assert(stat(path_of("plan.pdf"), &st) == 0 && S_ISDIR(st.st_mode));
	cr_assert_eq(names_with(dir, ".old-") + names_with(dir, ".tmp-"), 0);
	cr_assert_eq(names_with(path_of("html"), ".old-") + names_with(path_of("html"), ".tmp-"),
	             0);
	cr_assert_eq(diags.errors, 1);
}

Test(output, a_failed_first_build_leaves_no_folder)
{
	cr_assert_eq(mkdir(path_of("plan.pdf"), 0755), 0);
	char *sub = strdup(path_of("out"));
	pc_output *o = pc_output_begin(sub, &diags);
	cr_assert(pc_output_write(o, "html/a.html", "a", 1));
	pc_output_abort(o);
	struct stat st;
	cr_assert_neq(stat(sub, &st), 0, "the folder the aborted build made is still there");
	free(sub);
}

Test(output, abort_keeps_the_previous_files)
{
	build("j1", "h1", "p1", true);
	pc_output *o = pc_output_begin(dir, &diags);
	cr_assert(pc_output_write(o, "plan.json", "j2", 2));
	pc_output_abort(o);
	assert_file("plan.json", "j1");
	cr_assert_eq(names_with(dir, ".tmp-"), 0);
}

/* Two threads write files of one transaction at once (the booklet and the
 * text outputs of a build): every file of both is committed, and a failure
 * on the second thread is reported into the diagnostics it names. */
typedef struct writer {
	pc_output *o;
	const char *prefix;
	pc_diags diags;
	int written;
} writer;

static void *write_many(void *p)
{
	writer *w = p;
	pc_output_report_to(&w->diags);
	for (int i = 0; i < 150; i++) {
		char rel[64], body[64];
		snprintf(rel, sizeof rel, "%s/sub%d/f%d.txt", w->prefix, i % 7, i);
		snprintf(body, sizeof body, "%s %d", w->prefix, i);
		w->written += pc_output_write(w->o, rel, body, strlen(body));
	}
	/* a file below a regular file cannot be made */
	pc_output_write(w->o, "blocker/x.txt", "x", 1);
	pc_output_report_to(NULL);
	return NULL;
}

Test(output, files_written_from_two_threads_are_all_committed)
{
	FILE *f = fopen(path_of("blocker"), "w");
	cr_assert(f);
	fclose(f);
	pc_output *o = pc_output_begin(dir, &diags);
	writer w = {o, "text", {0}, 0};
	pc_diags_init(&w.diags, false);
	pthread_t t;
	cr_assert_eq(pthread_create(&t, NULL, write_many, &w), 0);
	int mine = 0;
	for (int i = 0; i < 150; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "pdf/sub%d/f%d.txt", i % 5, i);
		mine += pc_output_write(o, rel, "p", 1);
	}
	pthread_join(t, NULL);
	/* once the other thread has failed, the transaction takes no more
	 * files, so this thread may have written fewer */
	cr_assert_leq(mine, 150);
	cr_assert_eq(w.written, 150);
	cr_assert_eq(diags.errors, 0, "the other thread's failure went to its own diagnostics");
	cr_assert_eq(w.diags.errors, 1);
	pc_diags_move(&diags, &w.diags);
	cr_assert_eq(diags.errors, 1);
	cr_assert_eq(w.diags.len, 0);
	pc_diags_free(&w.diags);
	/* the failure stops the transaction: nothing is committed */
	cr_assert_not(pc_output_commit(o));
	cr_assert_eq(names_with(dir, "text"), 0);

	pc_diags_free(&diags);
	pc_diags_init(&diags, false);
	unlink(path_of("blocker"));
	o = pc_output_begin(dir, &diags);
	w = (writer){o, "text", {0}, 0};
	pc_diags_init(&w.diags, false);
	cr_assert_eq(pthread_create(&t, NULL, write_many, &w), 0);
	for (int i = 0; i < 150; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "pdf/sub%d/f%d.txt", i % 5, i);
		pc_output_write(o, rel, "p", 1);
	}
	pthread_join(t, NULL);
	pc_diags_free(&w.diags);
	cr_assert(pc_output_commit(o));
	assert_file("text/sub3/f73.txt", "text 73");
	assert_file("pdf/sub4/f149.txt", "p");
	assert_file("blocker/x.txt", "x");
	cr_assert_eq(names_with(path_of("text/sub0"), ".tmp-"), 0);
}
