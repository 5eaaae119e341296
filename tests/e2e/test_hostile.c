/*
 * The hostile-input corpus (tests/hostile/README.md): make-cases.py writes
 * every case into a temporary folder, then `plancc build CASE -o OUT` runs
 * once per case, from that folder, with a time limit. Each run must end
 * with the exit status and first diagnostic listed in cases.tsv, never by a
 * signal, within its time and memory bounds; when it succeeds plan.json
 * must be valid JSON, and for the markup cases the HTML must be inert.
 *
 * cases.tsv columns: name, exit status, first diagnostic (a prefix of the
 * first line of stderr, `-` for an empty stderr), mode, memory bound in MB
 * (`-`: the default), known bug (`-`, or a note: the case is run and
 * reported but does not fail the test; when it passes the note is stale).
 * Modes: `-` plain; `nonroot` run as an ordinary user (as root the run
 * drops to nobody, since root reads a file whatever its mode); `blocker` OUT is
 * CASE.blocker/out, below a regular file; `halfway` built once, then
 * rebuilt from CASE.v2 with OUT/plan.pdf made a folder: the old plan.json
 * must be left as it was and no temporary file remain; `inert` the HTML
 * must not contain the markup the plan holds.
 *
 * HOSTILE_ONLY=CASE,CASE runs only those cases. HOSTILE_REPORT=FILE writes the per-case time and
 * peak memory as a Markdown table (the README's numbers).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

#define TIME_LIMIT_S   20   /* per run: killed after this */
#define DEFAULT_MEM_MB 1024 /* peak resident set, unless cases.tsv says */
#define HOSTILE_DIR    PLANCC_TESTS_DIR "/hostile"

typedef struct hcase {
	char name[128], first[256], mode[32], bug[512];
	int exit;
	long mem_mb;
} hcase;

typedef struct outcome {
	int status; /* exit status, 128+signal, or -1 when killed for time */
	double secs;
	long maxrss_kb;
	char *err;
} outcome;

static char *target; /* where make-cases.py wrote the corpus */

static void setup(void)
{
	target = tmp_dir();
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 '%s/make-cases.py' '%s'", HOSTILE_DIR, target);
	cr_assert_eq(system(cmd), 0, "make-cases.py failed: %s", cmd);
}

static void teardown(void)
{
	if (!target)
		return;
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwX '%s' 2>/dev/null", target);
	if (system(cmd) == -1)
		perror("system");
	remove_tree(target);
	free(target);
	target = NULL;
}

TestSuite(hostile, .init = setup, .fini = teardown, .timeout = 280);

/* Reads cases.tsv; returns the number of cases. */
static size_t read_cases(hcase **out)
{
	FILE *f = fopen(HOSTILE_DIR "/cases.tsv", "r");
	cr_assert(f, "cannot open cases.tsv");
	size_t n = 0, cap = 64;
	hcase *cs = calloc(cap, sizeof *cs);
	char line[2048];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *field[6] = {0}, *save = NULL;
		int k = 0;
		for (char *t = strtok_r(line, "\t", &save); t && k < 6;
		     t = strtok_r(NULL, "\t", &save))
			field[k++] = t;
		cr_assert_geq(k, 3, "cases.tsv: too few columns in a line for %s",
		              field[0] ? field[0] : "?");
		if (n == cap)
			cs = realloc(cs, (cap *= 2) * sizeof *cs);
		hcase *c = &cs[n++];
		memset(c, 0, sizeof *c);
		snprintf(c->name, sizeof c->name, "%s", field[0]);
		c->exit = atoi(field[1]);
		snprintf(c->first, sizeof c->first, "%s", field[2]);
		snprintf(c->mode, sizeof c->mode, "%s", k > 3 ? field[3] : "-");
		c->mem_mb = k > 4 && strcmp(field[4], "-") ? atol(field[4]) : DEFAULT_MEM_MB;
		snprintf(c->bug, sizeof c->bug, "%s", k > 5 ? field[5] : "-");
	}
	fclose(f);
	*out = cs;
	return n;
}

/* The user a `nonroot` case runs as when the test runs as root. */
#define NOBODY 65534

/* Runs plancc build DIR -o OUT from the corpus folder, with the time limit;
 * the peak memory comes from the child's own rusage (wait4). */
static outcome run_build(const char *dir, const char *out, bool as_nobody)
{
	outcome o = {0};
	char errp[] = "/tmp/plancc-hostile-err-XXXXXX";
	int errfd = mkstemp(errp);
	cr_assert_geq(errfd, 0);
	unlink(errp);
	double t0 = seconds_now();
	pid_t pid = fork();
	if (pid == 0) {
		if (chdir(target) != 0)
			_exit(127);
		int devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 1);
		dup2(errfd, 2);
		/* A runaway run must not take the machine with it. */
		struct rlimit as = {(rlim_t)4 << 30, (rlim_t)4 << 30};
		setrlimit(RLIMIT_AS, &as);
		if (as_nobody && (setgroups(0, NULL) != 0 || setgid(NOBODY) != 0 ||
		                  setuid(NOBODY) != 0 || access(PLANCC_BIN, X_OK) != 0))
			_exit(126); /* cannot run as nobody here: the case is skipped */
		execl(PLANCC_BIN, PLANCC_BIN, "build", dir, "-o", out, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	struct rusage ru = {0};
	bool killed = false;
	for (;;) {
		pid_t w = wait4(pid, &st, WNOHANG, &ru);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			break;
		if (!killed && seconds_now() - t0 > TIME_LIMIT_S) {
			kill(pid, SIGKILL);
			killed = true;
		}
		usleep(5000);
	}
	o.secs = seconds_now() - t0;
	o.maxrss_kb = ru.ru_maxrss;
	o.status = killed ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	lseek(errfd, 0, SEEK_SET);
	o.err = read_fd(errfd);
	close(errfd);
	return o;
}

/* The first line of text (a new string). */
static char *first_line(const char *text)
{
	return strndup(text, strcspn(text, "\n"));
}

static bool json_valid(const char *path)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd,
	         "python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding=\"utf-8\"))' "
	         "'%s' 2>/dev/null",
	         path);
	return system(cmd) == 0;
}

/* The HTML pages hold none of the markup the plan's text carries. */
static bool html_inert(const char *out, char *why, size_t size)
{
	static const char *markers[] = {"<script>alert", "<img src=x", "\" onmouseover=\"",
	                                "onerror=alert(2)>"};
	char dir[4400];
	snprintf(dir, sizeof dir, "%s/%s/html", target, out);
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(why, size, "no html folder");
		return false;
	}
	bool ok = true;
	int pages = 0;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 5, ".html"))
			continue;
		char path[4800];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *text = read_whole(path, NULL);
		pages++;
		for (size_t i = 0; text && i < sizeof markers / sizeof markers[0]; i++)
			if (strstr(text, markers[i])) {
				snprintf(why, size, "%s holds %s", e->d_name, markers[i]);
				ok = false;
			}
		free(text);
	}
	closedir(d);
	if (ok && !pages) {
		snprintf(why, size, "no HTML pages");
		ok = false;
	}
	return ok;
}

/* Any temporary (".tmp-") or set-aside (".old-") file left under dir. */
static bool tmp_left(const char *dir)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "find '%s' -name '*.tmp-*' -o -name '*.old-*' | grep -q .", dir);
	return system(cmd) == 0;
}

/* Runs one case; returns NULL when it holds, else why not (a new string). */
static char *run_case(const hcase *c, outcome *res)
{
	char out[512], dir[512], why[1024] = "";
	snprintf(dir, sizeof dir, "%s", c->name);
	snprintf(out, sizeof out, "_out/%s", c->name);
	char old_json[4800] = "";
	char *old = NULL;
	size_t old_len = 0;
	if (!strcmp(c->mode, "blocker")) {
		snprintf(out, sizeof out, "%s.blocker/out", c->name);
	} else if (!strcmp(c->mode, "halfway")) {
		outcome first = run_build(dir, out, false);
		free(first.err);
		if (first.status != 0)
			return strdup("the first build (before the failing one) did not succeed");
		snprintf(old_json, sizeof old_json, "%s/%s/plan.json", target, out);
		old = read_whole(old_json, &old_len);
		char pdf[4800];
		snprintf(pdf, sizeof pdf, "%s/%s/plan.pdf", target, out);
		if (!old || unlink(pdf) != 0 || mkdir(pdf, 0755) != 0) {
			free(old);
			return strdup("could not set up the half-way failure");
		}
		snprintf(dir, sizeof dir, "%s.v2", c->name);
	}
	bool as_nobody = !strcmp(c->mode, "nonroot") && geteuid() == 0;
	if (as_nobody) {
		/* nobody must reach the case (the temporary folder is 0700) and
		 * write its own output folder */
		snprintf(out, sizeof out, "%s.nobody-out", c->name);
		char path[4800];
		snprintf(path, sizeof path, "%s/%s", target, out);
		if (chmod(target, 0755) != 0 || mkdir(path, 0755) != 0 ||
		    chown(path, NOBODY, NOBODY) != 0)
			return strdup("could not set up the run as nobody");
	}
	*res = run_build(dir, out, as_nobody);
	if (as_nobody && res->status == 126)
		return strdup("SKIP");
	char *line = first_line(res->err);
	if (res->status < 0)
		snprintf(why, sizeof why, "killed after %d s", TIME_LIMIT_S);
	else if (res->status >= 128)
		snprintf(why, sizeof why, "ended by signal %d", res->status - 128);
	else if (res->status != c->exit)
		snprintf(why, sizeof why, "exit status %d, expected %d", res->status, c->exit);
	else if (!strcmp(c->first, "-") ? res->err[0] != '\0'
	                                : strncmp(line, c->first, strlen(c->first)) != 0)
		snprintf(why, sizeof why, "first diagnostic \"%s\", expected \"%s\"", line,
		         c->first);
	else if (res->maxrss_kb > c->mem_mb * 1024)
		snprintf(why, sizeof why, "peak memory %ld MB over %ld MB", res->maxrss_kb / 1024,
		         c->mem_mb);
	free(line);
	if (!why[0] && res->status == 0) {
		char json[4800];
		snprintf(json, sizeof json, "%s/%s/plan.json", target, out);
		if (!json_valid(json))
			snprintf(why, sizeof why, "plan.json is not valid JSON");
		else if (!strcmp(c->mode, "inert"))
			html_inert(out, why, sizeof why);
	}
	if (!why[0] && old) {
		size_t now_len = 0;
		char *now_json = read_whole(old_json, &now_len);
		if (!now_json || now_len != old_len || memcmp(now_json, old, old_len))
			snprintf(why, sizeof why, "the previous plan.json was replaced");
		free(now_json);
		char outdir[4800];
		snprintf(outdir, sizeof outdir, "%s/%s", target, out);
		if (!why[0] && tmp_left(outdir))
			snprintf(why, sizeof why, "temporary files were left in OUT");
	}
	free(old);
	return why[0] ? strdup(why) : NULL;
}

static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

Test(hostile, corpus)
{
	hcase *cs;
	size_t n = read_cases(&cs);
	cr_assert_gt(n, 0);
	const char *report_path = getenv("HOSTILE_REPORT");
	FILE *report = report_path ? fopen(report_path, "w") : NULL;
	if (report)
		fputs("| case | exit | time (s) | peak memory (MB) | result |\n"
		      "|---|---|---|---|---|\n",
		      report);
	int failures = 0, known = 0, skipped = 0;
	double max_secs = 0;
	long max_kb = 0;
	char failed[8192] = "";
	for (size_t i = 0; i < n; i++) {
		const hcase *c = &cs[i];
		const char *only = getenv("HOSTILE_ONLY"); /* a comma-separated list */
		if (only && !in_list(only, c->name))
			continue;
		outcome res = {0};
		char *why = run_case(c, &res);
		if (why && !strcmp(why, "SKIP")) {
			cr_log_info("%s: skipped (cannot run as nobody here)", c->name);
			if (report)
				fprintf(report, "| %s | | | | skipped (no user nobody) |\n",
				        c->name);
			skipped++;
			free(why);
			free(res.err);
			continue;
		}
		bool is_known = strcmp(c->bug, "-") != 0;
		if (res.secs > max_secs)
			max_secs = res.secs;
		if (res.maxrss_kb > max_kb)
			max_kb = res.maxrss_kb;
		const char *verdict = !why ? "ok" : is_known ? "KNOWN BUG" : "FAIL";
		if (report)
			fprintf(report, "| %s | %d | %.2f | %ld | %s%s%s |\n", c->name, res.status,
			        res.secs, res.maxrss_kb / 1024, verdict, why ? ": " : "",
			        why ? why : "");
		if (why && is_known) {
			cr_log_info("KNOWN BUG %s (%s): %s", c->name, c->bug, why);
			known++;
		} else if (why) {
			cr_log_error("%s: %s; stderr began:\n%.2000s", c->name, why,
			             res.err ? res.err : "");
			size_t used = strlen(failed);
			snprintf(failed + used, sizeof failed - used, " %s", c->name);
			failures++;
		} else if (is_known) {
			cr_log_info("STALE NOTE %s passes now; remove its known-bug note (%s)",
			            c->name, c->bug);
		}
		free(why);
		free(res.err);
	}
	if (report) {
		fprintf(report,
		        "\n%zu cases, %d skipped, %d known bugs, %d failures; "
		        "slowest %.2f s, largest peak %ld MB.\n",
		        n, skipped, known, failures, max_secs, max_kb / 1024);
		fclose(report);
	}
	free(cs);
	cr_assert_eq(failures, 0, "%d hostile case(s) failed:%s", failures, failed);
}
