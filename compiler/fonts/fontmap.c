/* Font map reader. */
#include "fontmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/arena.h"

static const char *role_names[PC_FONT_ROLES] = {"body",          "bold",        "heading",
                                                "table",         "latin",       "bold-latin",
                                                "heading-latin", "table-latin", "code"};

/* Where a bare file name is looked for after the map's own folder. */
static const char *system_dirs[] = {
    "/usr/share/fonts/truetype/bizud-mincho",
    "/usr/share/fonts/truetype/bizud-gothic",
    "/usr/share/fonts/truetype",
    "/usr/local/share/fonts",
    "/usr/share/fonts",
};

const char *pc_font_role_name(pc_font_role r)
{
	return role_names[r];
}

pc_font_role pc_font_latin_role(pc_font_role r)
{
	switch (r) {
	case PC_FONT_BODY:
		return PC_FONT_LATIN;
	case PC_FONT_BOLD:
		return PC_FONT_BOLD_LATIN;
	case PC_FONT_HEADING:
		return PC_FONT_HEADING_LATIN;
	case PC_FONT_TABLE:
		return PC_FONT_TABLE_LATIN;
	default:
		return r;
	}
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* dir + "/" + file in a fresh heap string. */
static char *join(const char *dir, const char *file)
{
	size_t n = strlen(dir) + strlen(file) + 2;
	char *p = pc_xmalloc(n);
	snprintf(p, n, "%s/%s", dir, file);
	return p;
}

/* The readable file a map entry names, or NULL. */
static char *find_font(const char *mapdir, const char *file)
{
	if (file[0] == '/')
		return access(file, R_OK) == 0 ? pc_xstrdup(file) : NULL;
	char *p = join(mapdir, file);
	if (access(p, R_OK) == 0 || strchr(file, '/'))
		return access(p, R_OK) == 0 ? p : (free(p), NULL);
	free(p);
	for (size_t i = 0; i < sizeof system_dirs / sizeof system_dirs[0]; i++) {
		p = join(system_dirs[i], file);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

bool pc_fontmap_load(pc_fontmap *m, const char *path, pc_diags *d)
{
	memset(m, 0, sizeof *m);
	FILE *f = fopen(path, "r");
	if (!f) {
		pc_diag(d, PC_E_FONT, path, 0, 0, "フォント表を開けません");
		return false;
	}
	char *mapdir = pc_xstrdup(path);
	char *slash = strrchr(mapdir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(mapdir, ".");
	char line[4096];
	unsigned lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			pc_diag(d, PC_E_FONT, path, lineno, 1,
			        "「役割 = ファイル名」の形で書いてください");
			continue;
		}
		*eq = '\0';
		char *role = trim(s), *file = trim(eq + 1);
		int r = -1;
		for (int i = 0; i < PC_FONT_ROLES; i++)
			if (!strcmp(role, role_names[i]))
				r = i;
		if (r < 0) {
			pc_diag(d, PC_E_FONT, path, lineno, 1,
			        "役割は body, bold, heading, table, latin, bold-latin, "
			        "heading-latin, table-latin, code のどれかです");
			continue;
		}
		char *found = find_font(mapdir, file);
		if (!found) {
			pc_diag(d, PC_E_FONT, path, lineno, (unsigned)(file - s) + 1,
			        "フォントファイルが見つかりません。fonts/ に置くか、scripts/setup "
			        "でフォントを入れてください");
			continue;
		}
		free(m->path[r]);
		m->path[r] = found;
	}
	fclose(f);
	free(mapdir);
	bool ok = true;
	for (int i = 0; i < PC_FONT_LATIN; i++) /* the Latin roles are optional */
		if (!m->path[i]) {
			pc_diag(d, PC_E_FONT, path, 0, 0,
			        "必要な役割のフォントが指定されていません");
			ok = false;
		}
	return ok;
}

void pc_fontmap_free(pc_fontmap *m)
{
	for (int i = 0; i < PC_FONT_ROLES; i++)
		free(m->path[i]);
	memset(m, 0, sizeof *m);
}
