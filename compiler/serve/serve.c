/*
 * plancc serve (docs/serve.md). Three parts, each simple on its own:
 *
 * - Builds. Every build is a child process, `plancc build DIR -o
 *   ROOT/bN --format html,pdf`, into a fresh folder of a private temporary
 *   root: a build that fails or crashes cannot take the server down, and
 *   its diagnostics are exactly the text `plancc build` prints. Only a
 *   build that succeeds replaces the pages being served.
 * - The watcher (this thread): inotify on the plan folder and its
 *   subfolders; a burst of events (an editor saving through a temporary
 *   file and a rename) becomes one build once the folder has been quiet
 *   for QUIET_MS. SIGINT and SIGTERM arrive through a signalfd in the same
 *   poll, so stopping is an ordinary return that cleans up.
 * - The server: libmicrohttpd's own thread answers GET and HEAD from the
 *   current good build, refusing any path that leads out of it, and adds a
 *   small script to every page that polls /_plancc/status and reloads the
 *   page after a good build or shows the diagnostics of a bad one.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../diag/diag.h"
#include "../util/buf.h"
#include "../util/json.h"
#include "mhd.h"

/* libmicrohttpd, loaded when the server starts (mhd.h) */
static const pc_mhd *mhd;

#define QUIET_MS       120         /* after the last change, before building */
#define MAX_DIAG_BYTES (64 * 1024) /* of a build's messages kept for the page */
#define MAX_WATCHES    4096        /* subfolders watched */
#define MAX_PAGE_BYTES (64u << 20) /* an HTML page read to add the script */

typedef struct server {
	const pc_serve_options *opt;
	char self[PATH_MAX];  /* this program */
	char root[PATH_MAX];  /* the private folder of every build */
	pthread_mutex_t lock; /* guards what follows */
	char *current;        /* the last good build (a folder), NULL before one */
	char *previous;       /* the one before: requests may still be reading it */
	unsigned generation;  /* builds finished, good or bad */
	bool ok;              /* the last build succeeded */
	char *messages;       /* what the last build printed */
	unsigned next_build;  /* for folder names */
} server;

/* ---- files ----------------------------------------------------------- */

/* Removes a folder and everything under it, not following links. */
static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char sub[PATH_MAX];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			struct stat st;
			if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
				remove_tree(sub);
			else
				unlink(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

/* ---- builds ---------------------------------------------------------- */

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Runs `plancc build` into out; its stderr goes into *messages. */
static bool run_build(const server *s, const char *out, pc_buf *messages)
{
	int fds[2];
	if (pipe(fds) != 0)
		return false;
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL); /* exec keeps the mask */
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		const char *argv[10] = {s->self, "build",    s->opt->dir, "-o",
		                        out,     "--format", "html,pdf"};
		int n = 7;
		if (s->opt->fonts) {
			argv[n++] = "--fonts";
			argv[n++] = s->opt->fonts;
		}
		argv[n] = NULL;
		execv(s->self, (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	char buf[4096];
	ssize_t got;
	while ((got = read(fds[0], buf, sizeof buf)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		/* keep the first messages; drain the rest so the build ends */
		if (messages->len < MAX_DIAG_BYTES)
			pc_buf_put(messages, buf, (size_t)got);
	}
	close(fds[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* One build; the pages served change only when it succeeds. */
static void build(server *s)
{
	char out[PATH_MAX + 32];
	snprintf(out, sizeof out, "%s/b%u", s->root, s->next_build++);
	pc_buf msg = {0};
	double t0 = now();
	bool ok = run_build(s, out, &msg);
	pc_buf_putc(&msg, '\0');
	char *old = NULL;
	pthread_mutex_lock(&s->lock);
	if (ok) {
		old = s->previous;
		s->previous = s->current;
		s->current = strdup(out);
	}
	s->ok = ok;
	free(s->messages);
	s->messages = strdup(msg.data);
	s->generation++;
	pthread_mutex_unlock(&s->lock);
	if (old) {
		remove_tree(old);
		free(old);
	}
	if (!ok)
		remove_tree(out); /* whatever a failed build left */
	fputs(msg.data, stderr);
	if (ok)
		fprintf(stderr, "plancc serve: 更新しました（%.2f 秒）\n", now() - t0);
	else
		fputs("plancc serve: 誤りがあるため、前の版を表示しています\n", stderr);
	pc_buf_free(&msg);
}

/* ---- the watcher ----------------------------------------------------- */

static const uint32_t WATCH_EVENTS =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF;

/* Watches dir and its subfolders (not hidden ones, not through links). */
static void watch_tree(int in, const char *dir, int depth, int *count)
{
	if (*count >= MAX_WATCHES || depth > 16 || inotify_add_watch(in, dir, WATCH_EVENTS) < 0)
		return;
	++*count;
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char sub[PATH_MAX];
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(in, sub, depth + 1, count);
	}
	closedir(d);
}

/* Editors' own files: swap files, backups, the temporary file of a save. */
static bool ignored(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || (n && name[n - 1] == '~') || !strcmp(name, "4913") ||
	       (n > 4 && (!strcmp(name + n - 4, ".swp") || !strcmp(name + n - 4, ".swx") ||
	                  !strcmp(name + n - 4, ".tmp")));
}

/* Reads the pending events; true when one of them matters. */
static bool read_events(int in)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool relevant = false;
	ssize_t len = read(in, buf, sizeof buf);
	for (char *p = buf; len > 0 && p < buf + len;) {
		const struct inotify_event *ev = (const struct inotify_event *)p;
		p += sizeof *ev + ev->len;
		if (ev->mask & IN_Q_OVERFLOW) {
			relevant = true;
			continue;
		}
		if (ev->len && ignored(ev->name))
			continue;
		relevant = true;
	}
	return relevant;
}

/* ---- the server ------------------------------------------------------ */

/*
 * The script added to every page: polls the status, reloads after a good
 * build, and after a failed one shows the messages in a panel. The panel
 * is the page's first element, so the first Tab reaches it; it is a
 * region named by its first line, announced once as an alert, and has a
 * close button (Esc inside it closes it too). A report the author closed
 * stays closed until the messages change.
 */
static const char RELOAD_JS[] =
    "(function(){\n"
    "var gen=null,box=null,closed=null,key='plancc-scroll:'+location.pathname;\n"
    "var y=sessionStorage.getItem(key);\n"
    "if(y!==null){sessionStorage.removeItem(key);"
    "addEventListener('load',function(){scrollTo(0,+y);});}\n"
    "function el(tag,css,text){var e=document.createElement(tag);e.style.cssText=css;"
    "if(text)e.textContent=text;return e;}\n"
    "function close(){if(!box)return;closed=box.getAttribute('data-report');box.remove();"
    "box=null;}\n"
    "function show(s){\n"
    " if(s.ok){close();closed=null;return;}\n"
    " var report=s.diagnostics.join('\\n');\n"
    " if(report===closed||(box&&box.getAttribute('data-report')===report))return;\n"
    " if(box)box.remove();\n"
    " box=el('section','position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;"
    "z-index:99999;background:#fff8f0;color:#1a1a1a;border-top:4px solid #b3261e;"
    "padding:1rem;font:14px/1.6 sans-serif;box-shadow:0 -2px 8px rgba(0,0,0,.2)');\n"
    " box.id='plancc.overlay';box.setAttribute('aria-labelledby','plancc.overlay.title');"
    "box.setAttribute('data-report',report);\n"
    " var b=el('button','float:right;margin:0 0 .5rem 1rem;padding:.3rem .9rem;font:inherit;"
    "background:#fff;color:#1a1a1a;border:2px solid #1a1a1a;border-radius:.3rem;cursor:pointer',"
    "'閉じる');\n"
    " b.type='button';b.setAttribute('aria-label','誤りの表示を閉じる');"
    "b.addEventListener('click',close);box.appendChild(b);\n"
    " var live=el('div','');live.setAttribute('role','alert');\n"
    " var h=el('p','margin:0 0 .5rem;font-weight:bold;color:#b3261e','原稿に誤りがあります。"
    "直して保存すると自動で更新されます（表示は前の版のままです）。');\n"
    " h.id='plancc.overlay.title';live.appendChild(h);\n"
    " live.appendChild(el('pre','margin:0;white-space:pre-wrap;font:13px/1.5 monospace',"
    "report));\n"
    " box.appendChild(live);\n"
    " box.addEventListener('keydown',function(e){if(e.key==='Escape')close();});\n"
    " document.body.insertBefore(box,document.body.firstChild);\n"
    "}\n"
    "function poll(){\n"
    " fetch('/_plancc/status',{cache:'no-store'}).then(function(r){return r.json();})"
    ".then(function(s){\n"
    "  if(gen===null){gen=s.generation;show(s);}\n"
    "  else if(s.generation!==gen){gen=s.generation;\n"
    "   if(s.ok){sessionStorage.setItem(key,String(scrollY));location.reload();return;}\n"
    "   show(s);}\n"
    "  setTimeout(poll,400);\n"
    " }).catch(function(){setTimeout(poll,1000);});\n"
    "}\n"
    "poll();\n"
    "})();\n";

static const char SCRIPT_TAG[] = "<script src=\"/_plancc/reload.js\"></script>";

static const char WAITING_PAGE[] =
    "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<title>plancc プレビュー</title></head><body><main><h1>まだ表示できる版がありません</h1>"
    "<p>原稿の誤りを直して保存すると、自動で表示されます。</p></main>"
    "<script src=\"/_plancc/reload.js\"></script></body></html>\n";

static const char NOT_FOUND_PAGE[] =
    "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>見つかりません"
    "</title></head><body><h1>見つかりません</h1><p><a href=\"/\">目次へ</a></p></body></html>\n";

static const char *mime_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {{".html", "text/html; charset=utf-8"},
	             {".css", "text/css; charset=utf-8"},
	             {".js", "text/javascript; charset=utf-8"},
	             {".json", "application/json"},
	             {".csv", "text/csv; charset=utf-8"},
	             {".pdf", "application/pdf"},
	             {".png", "image/png"},
	             {".jpg", "image/jpeg"},
	             {".jpeg", "image/jpeg"},
	             {".svg", "image/svg+xml"},
	             {".md", "text/plain; charset=utf-8"}};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (!strcasecmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static enum MHD_Result send_response(struct MHD_Connection *c, unsigned code,
                                     struct MHD_Response *r, const char *type)
{
	if (!r)
		return MHD_NO;
	mhd->add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* drafts change: never let the browser keep an old copy */
	mhd->add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	mhd->add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = mhd->queue_response(c, code, r);
	mhd->destroy_response(r);
	return ret;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned code, const char *text,
                                 const char *type)
{
	struct MHD_Response *r =
	    mhd->create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	return send_response(c, code, r, type);
}

static enum MHD_Result send_status(server *s, struct MHD_Connection *c)
{
	pc_buf b = {0};
	pc_json j;
	pc_json_init(&j, &b);
	pthread_mutex_lock(&s->lock);
	pc_json_object(&j);
	pc_json_key(&j, "generation");
	pc_json_int(&j, s->generation);
	pc_json_key(&j, "ok");
	pc_json_bool(&j, s->ok);
	pc_json_key(&j, "diagnostics");
	pc_json_array(&j);
	for (char *line = s->messages; line && *line;) {
		char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char *one = strndup(line, n);
		pc_json_string(&j, one);
		free(one);
		line += n + (end != NULL);
	}
	pc_json_end_array(&j);
	pc_json_end_object(&j);
	pthread_mutex_unlock(&s->lock);
	struct MHD_Response *r =
	    mhd->create_response_from_buffer(b.len, b.data, MHD_RESPMEM_MUST_COPY);
	pc_buf_free(&b);
	return send_response(c, MHD_HTTP_OK, r, "application/json");
}

/*
 * The file a URL names inside the build folder, or NULL with *code set:
 * 403 for a path that tries to leave the folder (a `..` or `.` segment,
 * a backslash, a link leading out), 404 for one that is not there.
 * libmicrohttpd has already decoded %xx, so %2e%2e arrives as `..`.
 */
static char *resolve_path(const char *base, const char *url, unsigned *code)
{
	*code = MHD_HTTP_NOT_FOUND;
	if (url[0] != '/' || strchr(url, '\\'))
		goto forbidden;
	for (const char *seg = url; *seg;) {
		while (*seg == '/')
			seg++;
		size_t n = strcspn(seg, "/");
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			goto forbidden;
		seg += n;
	}
	char want[PATH_MAX * 2];
	size_t ul = strlen(url);
	if (url[ul - 1] == '/')
		snprintf(want, sizeof want, "%s%sindex.html", base, url);
	else
		snprintf(want, sizeof want, "%s%s", base, url);
	char real_base[PATH_MAX], real[PATH_MAX];
	if (!realpath(base, real_base) || !realpath(want, real))
		return NULL;
	size_t bl = strlen(real_base);
	if (strncmp(real, real_base, bl) || real[bl] != '/')
		goto forbidden;
	struct stat st;
	if (stat(real, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	return strdup(real);
forbidden:
	*code = MHD_HTTP_FORBIDDEN;
	return NULL;
}

/* An HTML page with the reload script before </body>. */
static struct MHD_Response *page_with_script(int fd, size_t size)
{
	if (size > MAX_PAGE_BYTES)
		return NULL;
	char *page = malloc(size + sizeof SCRIPT_TAG);
	size_t got = 0;
	while (got < size) {
		ssize_t r = read(fd, page + got, size - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	size_t at = got;
	for (size_t i = got >= 7 ? got - 7 : 0; i-- > 0;)
		if (!memcmp(page + i, "</body>", 7)) {
			at = i;
			break;
		}
	memmove(page + at + strlen(SCRIPT_TAG), page + at, got - at);
	memcpy(page + at, SCRIPT_TAG, strlen(SCRIPT_TAG));
	return mhd->create_response_from_buffer(got + strlen(SCRIPT_TAG), page,
	                                        MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result send_file(server *s, struct MHD_Connection *c, const char *url)
{
	pthread_mutex_lock(&s->lock);
	char *base = s->current ? strdup(s->current) : NULL;
	pthread_mutex_unlock(&s->lock);
	if (!base)
		return send_text(c, MHD_HTTP_SERVICE_UNAVAILABLE, WAITING_PAGE,
		                 "text/html; charset=utf-8");
	unsigned code;
	char *path = resolve_path(base, url, &code);
	free(base);
	if (!path)
		return send_text(c, code, NOT_FOUND_PAGE, "text/html; charset=utf-8");
	const char *type = mime_type(path);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	free(path);
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return send_text(c, MHD_HTTP_NOT_FOUND, NOT_FOUND_PAGE, "text/html; charset=utf-8");
	}
	struct MHD_Response *r;
	if (!strncmp(type, "text/html", 9)) {
		r = page_with_script(fd, (size_t)st.st_size);
		close(fd);
	} else
		r = mhd->create_response_from_fd((size_t)st.st_size, fd); /* closes fd */
	return send_response(c, MHD_HTTP_OK, r, type);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
	(void)version;
	(void)upload;
	(void)upload_size;
	(void)con_cls;
	server *s = cls;
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "GET and HEAD only\n",
		                 "text/plain; charset=utf-8");
	if (!strcmp(url, "/_plancc/status"))
		return send_status(s, c);
	if (!strcmp(url, "/_plancc/reload.js"))
		return send_text(c, MHD_HTTP_OK, RELOAD_JS, "text/javascript; charset=utf-8");
	if (!strcmp(url, "/") || !strcmp(url, "/html")) {
		/* the site's pages link to each other relative to html/ */
		struct MHD_Response *r =
		    mhd->create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (r)
			mhd->add_response_header(r, MHD_HTTP_HEADER_LOCATION, "/html/index.html");
		return send_response(c, MHD_HTTP_FOUND, r, "text/plain; charset=utf-8");
	}
	return send_file(s, c, url);
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* Decodes %xx in place like libmicrohttpd, except %00: a NUL would cut
 * the path short (`/x%00.html` read as `/x`), so it stays as written and
 * names no file. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	char *w = s;
	for (const char *r = s; *r;) {
		int hi = r[0] == '%' ? hex_value(r[1]) : -1, lo = hi >= 0 ? hex_value(r[2]) : -1;
		if (lo >= 0 && (hi | lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* ---- the whole ------------------------------------------------------- */

static struct MHD_Daemon *start_daemon(server *s, int *port)
{
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)*port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* never reachable from elsewhere */
	struct MHD_Daemon *d = mhd->start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL, (uint16_t)*port, NULL, NULL, answer, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)30, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
	if (d) {
		const union MHD_DaemonInfo *i = mhd->get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
		if (i)
			*port = i->port;
	}
	return d;
}

static void open_browser(const char *url)
{
	if (access("/usr/bin/xdg-open", X_OK) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 1);
		dup2(null, 2);
		execl("/usr/bin/xdg-open", "xdg-open", url, (char *)NULL);
		_exit(127);
	}
}

/* Starts watching the plan folder. It is called before the first build,
 * so a file saved while that build runs, or just after the URL is
 * printed, is never missed. */
static int start_watching(const server *s)
{
	int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	int count = 0;
	if (in >= 0)
		watch_tree(in, s->opt->dir, 0, &count);
	else
		fputs("plancc serve: フォルダを監視できません。保存しても更新されません\n", stderr);
	return in;
}

/* Waits for changes and signals; returns on SIGINT or SIGTERM. */
static void watch_and_build(server *s, int in, int sigfd)
{
	bool pending = false;
	for (;;) {
		struct pollfd p[2] = {{sigfd, POLLIN, 0}, {in, POLLIN, 0}};
		int r = poll(p, in >= 0 ? 2 : 1, pending ? QUIET_MS : -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (p[0].revents & POLLIN))
			break;
		if (r == 0 && pending) {
			pending = false;
			/* Folders made since the last build are watched too. The
			 * same descriptor is kept (adding a watch twice is
			 * harmless), so no event falls between two of them. */
			int count = 0;
			if (in >= 0)
				watch_tree(in, s->opt->dir, 0, &count);
			build(s);
			continue;
		}
		if (in >= 0 && (p[1].revents & POLLIN) && read_events(in))
			pending = true;
	}
}

int pc_serve(const pc_serve_options *opt)
{
	server s;
	memset(&s, 0, sizeof s);
	s.opt = opt;
	pthread_mutex_init(&s.lock, NULL);
	if (!realpath("/proc/self/exe", s.self))
		snprintf(s.self, sizeof s.self, "%s", opt->self);
	struct stat dir;
	int bad = stat(opt->dir, &dir) != 0 ? errno : !S_ISDIR(dir.st_mode) ? ENOTDIR : 0;
	if (bad) {
		fprintf(stderr,
		        "%s: error: 計画フォルダを開けません（%s）。フォルダ名を確かめてください\n",
		        opt->dir, pc_errno_text(bad));
		return 1;
	}
	char why[512];
	if (!(mhd = pc_mhd_load(why, sizeof why))) {
		fprintf(stderr,
		        "plancc: error: プレビューのサーバーを起動できません（%s）。"
		        "libmicrohttpd12 を入れてください（scripts/setup）\n",
		        why);
		pthread_mutex_destroy(&s.lock);
		return 1;
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(s.root, sizeof s.root, "%s/plancc-serve-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(s.root)) {
		fprintf(stderr, "plancc: error: 作業用フォルダを作れません（%s）\n",
		        pc_errno_text(errno));
		return 1;
	}
	/* Signals are read from a descriptor; the server's thread, started
	 * after this, inherits the blocked mask and never sees them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	int sigfd = signalfd(-1, &stop, SFD_CLOEXEC);
	int in = start_watching(&s);
	build(&s);
	int port = opt->port;
	struct MHD_Daemon *d = start_daemon(&s, &port);
	int status = 0;
	if (!d || sigfd < 0) {
		fprintf(stderr,
		        "plancc: error: ポート %d で待ち受けできません。--port "
		        "で別の番号を指定してくださ"
		        "い\n",
		        opt->port);
		status = 1;
	} else {
		char url[64];
		snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
		printf("plancc serve: %s\n", url);
		printf("保存すると自動で更新します。Ctrl-C で終了します。\n");
		fflush(stdout);
		if (opt->open)
			open_browser(url);
		watch_and_build(&s, in, sigfd);
		mhd->stop_daemon(d);
	}
	if (in >= 0)
		close(in);
	if (sigfd >= 0)
		close(sigfd);
	remove_tree(s.root);
	free(s.current);
	free(s.previous);
	free(s.messages);
	pthread_mutex_destroy(&s.lock);
	return status;
}
