/* Output transactions: all new files or all old ones, never a mix. */
#include <criterion/criterion.h>
#include <dirent.h>
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
