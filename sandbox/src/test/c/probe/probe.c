// A test tool for Corral's WASI host, built with clang-14 and wasi-libc, wrapped as a component
// with the WASI preview1 reactor adapter. It exports one function with a hand-written canonical
// ABI: run(op: string, arg: string) -> result<string, string>. Each op exercises one capability
// or one limit; see build.sh.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

// ---------------------------------------------------------------- canonical ABI glue

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align;
  if (new_size == 0) return (void *)align;
  void *p = realloc(old, new_size);
  if (!p) abort();
  return p;
}

// The result area: discriminant at 0, string pointer at 4, length at 8.
static struct {
  uint8_t tag;
  uint8_t pad[3];
  char *ptr;
  size_t len;
} ret_area;

static char *out;
static size_t out_len, out_cap;

static void append(const char *s, size_t n) {
  if (out_len + n + 1 > out_cap) {
    out_cap = (out_len + n + 1) * 2;
    out = realloc(out, out_cap);
    if (!out) abort();
  }
  memcpy(out + out_len, s, n);
  out_len += n;
  out[out_len] = 0;
}

static void appends(const char *s) { append(s, strlen(s)); }

static char *take(char *p, size_t n) {
  char *s = malloc(n + 1);
  memcpy(s, p, n);
  s[n] = 0;
  return s;
}

// Splits "a\nb" into a and b (in place).
static char *second(char *arg) {
  char *nl = strchr(arg, '\n');
  if (!nl) return "";
  *nl = 0;
  return nl + 1;
}

// Splits "a\nb\nc" into up to n lines (in place); returns how many there are.
static int lines(char *arg, char **parts, int n) {
  int count = 0;
  while (count < n) {
    parts[count++] = arg;
    char *nl = strchr(arg, '\n');
    if (!nl) break;
    *nl = 0;
    arg = nl + 1;
  }
  return count;
}

// Milliseconds on the monotonic clock.
static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Milliseconds on the wall clock (comparable between calls, whose monotonic clocks start at 0).
static long long wall_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Appends the report of a race op and " (wall clock FROM-TO)", so that a test can check that
// two calls overlapped.
static int race_report(const char *report, long long from) {
  char buf[64];
  snprintf(buf, sizeof buf, " (wall clock %lld-%lld)", from, wall_ms());
  appends(report);
  appends(buf);
  return 0;
}

static int fail(const char *what) {
  appends(what);
  appends(": ");
  appends(strerror(errno));
  return 1;
}

static int recurse(int n) {
  volatile char buf[64];
  buf[0] = (char)n;
  if (n == 0) return buf[0];
  return recurse(n - 1) + buf[0];
}


// ---------------------------------------------------------------- wasi:http, by hand

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define TYPES "wasi:http/types@0.2.12"

IMPORT(TYPES, "[constructor]fields") int32_t http_fields_new(void);
IMPORT(TYPES, "[method]fields.append")
void http_fields_append(int32_t self, const char *n, size_t nl, const char *v, size_t vl, void *ret);
IMPORT(TYPES, "[constructor]outgoing-request") int32_t http_request_new(int32_t headers);
IMPORT(TYPES, "[method]outgoing-request.set-method")
int32_t http_set_method(int32_t self, int32_t disc, const char *p, size_t l);
IMPORT(TYPES, "[method]outgoing-request.set-scheme")
int32_t http_set_scheme(int32_t self, int32_t some, int32_t disc, const char *p, size_t l);
IMPORT(TYPES, "[method]outgoing-request.set-authority")
int32_t http_set_authority(int32_t self, int32_t some, const char *p, size_t l);
IMPORT(TYPES, "[method]outgoing-request.set-path-with-query")
int32_t http_set_path(int32_t self, int32_t some, const char *p, size_t l);
IMPORT(TYPES, "[method]outgoing-request.body") void http_request_body(int32_t self, void *ret);
IMPORT(TYPES, "[method]outgoing-body.write") void http_body_write(int32_t self, void *ret);
IMPORT(TYPES, "[static]outgoing-body.finish")
void http_body_finish(int32_t self, int32_t some, int32_t trailers, void *ret);
IMPORT(TYPES, "[method]future-incoming-response.subscribe") int32_t http_future_subscribe(int32_t self);
IMPORT(TYPES, "[method]future-incoming-response.get") void http_future_get(int32_t self, void *ret);
IMPORT(TYPES, "[resource-drop]future-incoming-response") void http_future_drop(int32_t self);
IMPORT(TYPES, "[method]incoming-response.status") int32_t http_response_status(int32_t self);
IMPORT(TYPES, "[method]incoming-response.consume") void http_response_consume(int32_t self, void *ret);
IMPORT(TYPES, "[resource-drop]incoming-response") void http_response_drop(int32_t self);
IMPORT(TYPES, "[method]incoming-body.stream") void http_incoming_body_stream(int32_t self, void *ret);
IMPORT(TYPES, "[resource-drop]incoming-body") void http_incoming_body_drop(int32_t self);
IMPORT("wasi:http/outgoing-handler@0.2.12", "handle")
void http_handle(int32_t request, int32_t some, int32_t options, void *ret);
IMPORT("wasi:io/poll@0.2.12", "[method]pollable.block") void io_pollable_block(int32_t self);
IMPORT("wasi:io/poll@0.2.12", "[resource-drop]pollable") void io_pollable_drop(int32_t self);
IMPORT("wasi:io/streams@0.2.12", "[method]output-stream.blocking-write-and-flush")
void io_write(int32_t self, const char *p, size_t l, void *ret);
IMPORT("wasi:io/streams@0.2.12", "[resource-drop]output-stream") void io_output_drop(int32_t self);
IMPORT("wasi:io/streams@0.2.12", "[method]input-stream.blocking-read")
void io_read(int32_t self, int64_t len, void *ret);
IMPORT("wasi:io/streams@0.2.12", "[resource-drop]input-stream") void io_input_drop(int32_t self);

static _Alignas(8) uint8_t ret8[64];

static int http_error(const char *where, int code) {
  char buf[64];
  snprintf(buf, sizeof buf, "%s: error-code %d", where, code);
  appends(buf);
  return 1;
}

// arg: "METHOD\nscheme\nauthority\npath\nbody" (METHOD GET, POST, or any other, sent as method.other)
static int http_op(char *arg) {
  char *scheme = second(arg);
  char *authority = second(scheme);
  char *path = second(authority);
  char *body = second(path);
  int32_t headers = http_fields_new();
  http_fields_append(headers, "x-probe", 7, "yes", 3, ret8);
  int32_t req = http_request_new(headers);
  int32_t method_refused;
  if (!strcmp(arg, "GET")) method_refused = http_set_method(req, 0, "", 0);
  else if (!strcmp(arg, "POST")) method_refused = http_set_method(req, 2, "", 0);
  else method_refused = http_set_method(req, 9, arg, strlen(arg));
  if (method_refused) {
    appends("set-method: refused");
    return 1;
  }
  if (!strcmp(scheme, "http")) http_set_scheme(req, 1, 0, "", 0);
  else if (!strcmp(scheme, "https")) http_set_scheme(req, 1, 1, "", 0);
  else http_set_scheme(req, 1, 2, scheme, strlen(scheme));
  http_set_authority(req, 1, authority, strlen(authority));
  http_set_path(req, 1, path, strlen(path));
  http_request_body(req, ret8);
  int32_t out_body = *(int32_t *)(ret8 + 4);
  http_handle(req, 0, 0, ret8);
  if (ret8[0]) return http_error("handle", ret8[8]);
  int32_t future = *(int32_t *)(ret8 + 8);
  http_body_write(out_body, ret8);
  int32_t stream = *(int32_t *)(ret8 + 4);
  if (*body) io_write(stream, body, strlen(body), ret8);
  io_output_drop(stream);
  http_body_finish(out_body, 0, 0, ret8);
  int32_t pollable = http_future_subscribe(future);
  io_pollable_block(pollable);
  io_pollable_drop(pollable);
  http_future_get(future, ret8);
  http_future_drop(future);
  if (ret8[0] != 1 || ret8[8] != 0) return http_error("get", -1);
  if (ret8[16] != 0) return http_error("response", ret8[24]);
  int32_t response = *(int32_t *)(ret8 + 24);
  char buf[32];
  snprintf(buf, sizeof buf, "status %d body ", (int)http_response_status(response));
  appends(buf);
  http_response_consume(response, ret8);
  int32_t in_body = *(int32_t *)(ret8 + 4);
  http_incoming_body_stream(in_body, ret8);
  int32_t in = *(int32_t *)(ret8 + 4);
  for (;;) {
    io_read(in, 4096, ret8);
    if (ret8[0]) break;  // closed (or failed)
    append(*(char **)(ret8 + 4), *(size_t *)(ret8 + 8));
    free(*(char **)(ret8 + 4));
  }
  io_input_drop(in);
  http_incoming_body_drop(in_body);
  http_response_drop(response);
  return 0;
}


// ---------------------------------------------------------------- wasi:sockets, by hand

#define TCP "wasi:sockets/tcp@0.2.12"
IMPORT("wasi:sockets/instance-network@0.2.12", "instance-network") int32_t net_instance(void);
IMPORT("wasi:sockets/network@0.2.12", "[resource-drop]network") void net_drop(int32_t self);
IMPORT("wasi:sockets/tcp-create-socket@0.2.12", "create-tcp-socket") void tcp_create(int32_t family, void *ret);
IMPORT(TCP, "[method]tcp-socket.start-connect")
void tcp_start_connect(int32_t self, int32_t network, int32_t disc, int32_t port, int32_t a0, int32_t a1,
                       int32_t a2, int32_t a3, int32_t a4, int32_t a5, int32_t a6, int32_t a7, int32_t a8,
                       int32_t a9, void *ret);
IMPORT(TCP, "[method]tcp-socket.subscribe") int32_t tcp_subscribe(int32_t self);
IMPORT(TCP, "[method]tcp-socket.finish-connect") void tcp_finish_connect(int32_t self, void *ret);
IMPORT(TCP, "[resource-drop]tcp-socket") void tcp_drop(int32_t self);
IMPORT("wasi:sockets/udp-create-socket@0.2.12", "create-udp-socket") void udp_create(int32_t family, void *ret);
IMPORT("wasi:sockets/ip-name-lookup@0.2.12", "resolve-addresses")
void lookup_resolve(int32_t network, const char *p, size_t l, void *ret);
IMPORT("wasi:sockets/ip-name-lookup@0.2.12", "[method]resolve-address-stream.resolve-next-address")
void lookup_next(int32_t self, void *ret);
IMPORT("wasi:sockets/ip-name-lookup@0.2.12", "[resource-drop]resolve-address-stream")
void lookup_drop(int32_t self);

IMPORT("wasi:filesystem/preopens@0.2.12", "get-directories") void fs_get_directories(void *ret);
IMPORT("wasi:filesystem/types@0.2.12", "[method]descriptor.open-at")
void fs_open_at(int32_t self, int32_t path_flags, const char *p, size_t l, int32_t open_flags, int32_t flags,
                void *ret);

IMPORT("wasi:filesystem/types@0.2.12", "[method]descriptor.get-type") void fs_get_type(int32_t self, void *ret);
IMPORT("wasi:filesystem/types@0.2.12", "[method]descriptor.read-via-stream")
void fs_read_via_stream(int32_t self, int64_t offset, void *ret);
IMPORT("wasi:filesystem/types@0.2.12", "[resource-drop]descriptor") void fs_descriptor_drop(int32_t self);

// Hands the host a handle it must refuse (the call traps); arg names the case, see bad_handle_op.
static int bad_handle_op(const char *arg) {
  if (!strcmp(arg, "forged-descriptor")) {
    fs_get_type(100000, ret8);
  } else if (!strcmp(arg, "forged-stream")) {
    io_read(100000, 16, ret8);
  }
  // the others need a preopen holding a.txt
  fs_get_directories(ret8);
  if (*(int32_t *)(ret8 + 4) < 1) {
    appends("no preopen");
    return 1;
  }
  int32_t dir = **(int32_t **)ret8;
  fs_open_at(dir, 0, "a.txt", 5, 0, 1, ret8);  // a.txt, for reading
  if (ret8[0]) return http_error("open-at", ret8[4]);
  int32_t file = *(int32_t *)(ret8 + 4);
  if (!strcmp(arg, "dropped-descriptor")) {
    fs_descriptor_drop(file);
    fs_get_type(file, ret8);
  } else if (!strcmp(arg, "double-drop")) {
    fs_descriptor_drop(file);
    fs_descriptor_drop(file);
  } else if (!strcmp(arg, "descriptor-as-stream")) {
    io_read(file, 16, ret8);
  }
  fs_read_via_stream(file, 0, ret8);
  if (ret8[0]) return http_error("read-via-stream", ret8[4]);
  int32_t stream = *(int32_t *)(ret8 + 4);
  if (!strcmp(arg, "dropped-stream")) {
    io_input_drop(stream);
    io_read(stream, 16, ret8);
  } else if (!strcmp(arg, "stream-as-descriptor")) {
    fs_get_type(stream, ret8);
  }
  appends("no bad handle for ");
  appends(arg);
  return 1;
}

// arg: "a.b.c.d\nport\npayload": connects, sends the payload, returns what comes back
static int tcp_op(char *arg) {
  char *port_s = second(arg);
  char *payload = second(port_s);
  int a[4];
  if (sscanf(arg, "%d.%d.%d.%d", &a[0], &a[1], &a[2], &a[3]) != 4) {
    appends("bad address");
    return 1;
  }
  int32_t net = net_instance();
  tcp_create(0, ret8);
  if (ret8[0]) return http_error("create", ret8[4]);
  int32_t sock = *(int32_t *)(ret8 + 4);
  tcp_start_connect(sock, net, 0, atoi(port_s), a[0], a[1], a[2], a[3], 0, 0, 0, 0, 0, 0, ret8);
  if (ret8[0]) return http_error("connect", ret8[1]);
  int32_t p = tcp_subscribe(sock);
  io_pollable_block(p);
  io_pollable_drop(p);
  tcp_finish_connect(sock, ret8);
  if (ret8[0]) return http_error("finish-connect", ret8[4]);
  int32_t in = *(int32_t *)(ret8 + 4);
  int32_t out = *(int32_t *)(ret8 + 8);
  io_write(out, payload, strlen(payload), ret8);
  for (;;) {
    io_read(in, 4096, ret8);
    if (ret8[0]) break;
    append(*(char **)(ret8 + 4), *(size_t *)(ret8 + 8));
    free(*(char **)(ret8 + 4));
  }
  io_input_drop(in);
  io_output_drop(out);
  tcp_drop(sock);
  net_drop(net);
  return 0;
}

// arg: a host name; returns its addresses
static int lookup_op(char *arg) {
  int32_t net = net_instance();
  lookup_resolve(net, arg, strlen(arg), ret8);
  if (ret8[0]) return http_error("resolve", ret8[4]);
  int32_t stream = *(int32_t *)(ret8 + 4);
  for (;;) {
    lookup_next(stream, ret8);
    if (ret8[0]) return http_error("next", ret8[2]);
    if (!ret8[2]) break;
    char buf[64];
    if (ret8[4] == 0) {
      snprintf(buf, sizeof buf, "%d.%d.%d.%d ", ret8[6], ret8[7], ret8[8], ret8[9]);
    } else {
      uint16_t *g = (uint16_t *)(ret8 + 6);
      snprintf(buf, sizeof buf, "%x:%x:%x:%x:%x:%x:%x:%x ", g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
    }
    appends(buf);
  }
  lookup_drop(stream);
  net_drop(net);
  return 0;
}

// ---------------------------------------------------------------- operations

static int run_op(const char *op, char *arg) {
  if (!strcmp(op, "tcp")) {
    return tcp_op(arg);
  }
  if (!strcmp(op, "udp")) {
    udp_create(0, ret8);
    if (ret8[0]) return http_error("create-udp-socket", ret8[4]);
    appends("created");
    return 0;
  }
  if (!strcmp(op, "lookup")) {
    return lookup_op(arg);
  }
  if (!strcmp(op, "http")) {
    return http_op(arg);
  }
  if (!strcmp(op, "badhandle")) {
    return bad_handle_op(arg);
  }
  if (!strcmp(op, "hoard")) {
    // creates host resources without dropping them: "fields" or "requests"
    for (int i = 0; i < 100000; i++) {
      int32_t fields = http_fields_new();
      if (!strcmp(arg, "requests")) http_request_new(fields);
    }
    appends("hoarded");
    return 0;
  }
  if (!strcmp(op, "big")) {
    // a result of arg bytes
    long n = atol(arg);
    char *chunk = malloc(4096);
    memset(chunk, 'x', 4096);
    for (long done = 0; done < n; done += 4096) append(chunk, (size_t)(n - done < 4096 ? n - done : 4096));
    free(chunk);
    return 0;
  }
  if (!strcmp(op, "args")) {
    size_t argc, size;
    if (__wasi_args_sizes_get(&argc, &size) != 0) return fail("args");
    char **argv = malloc(sizeof(char *) * (argc + 1));
    char *buf = malloc(size + 1);
    if (__wasi_args_get((uint8_t **)argv, (uint8_t *)buf) != 0) return fail("args");
    for (size_t i = 0; i < argc; i++) {
      appends(argv[i]);
      appends(";");
    }
    free(argv);
    free(buf);
    return 0;
  }
  if (!strcmp(op, "fdbomb")) {
    // straight through wasi:filesystem (the preview1 adapter has its own, smaller table)
    fs_get_directories(ret8);
    if (*(int32_t *)(ret8 + 4) < 1) {
      appends("no preopen");
      return 1;
    }
    int32_t dir = **(int32_t **)ret8;
    int n = 0;
    for (; n < 100000; n++) {
      fs_open_at(dir, 0, arg, strlen(arg), 0, 1, ret8);
      if (ret8[0]) break;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "opened %d, then error-code %d", n, ret8[4]);
    appends(buf);
    return 0;
  }
  if (!strcmp(op, "counter")) {
    static int calls;
    char buf[16];
    snprintf(buf, sizeof buf, "%d", ++calls);
    appends(buf);
    return 0;
  }
  if (!strcmp(op, "echo")) {
    appends(arg);
    return 0;
  }
  if (!strcmp(op, "read")) {
    FILE *f = fopen(arg, "r");
    if (!f) return fail("open");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) append(buf, n);
    fclose(f);
    return 0;
  }
  if (!strcmp(op, "write") || !strcmp(op, "append")) {
    char *content = second(arg);
    FILE *f = fopen(arg, op[0] == 'w' ? "w" : "a");
    if (!f) return fail("open");
    if (fputs(content, f) < 0 || fclose(f) != 0) return fail("write");
    appends("ok");
    return 0;
  }
  if (!strcmp(op, "list")) {
    DIR *d = opendir(arg);
    if (!d) return fail("opendir");
    struct dirent *e;
    while ((e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      appends(e->d_name);
      appends(e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : "");
      appends(" ");
    }
    closedir(d);
    return 0;
  }
  if (!strcmp(op, "stat")) {
    struct stat st;
    if (stat(arg, &st) != 0) return fail("stat");
    char buf[64];
    snprintf(buf, sizeof buf, "%s size=%lld", S_ISDIR(st.st_mode) ? "dir" : "file", (long long)st.st_size);
    appends(buf);
    return 0;
  }
  if (!strcmp(op, "mkdir")) {
    if (mkdir(arg, 0755) != 0) return fail("mkdir");
    appends("ok");
    return 0;
  }
  if (!strcmp(op, "symlink")) {
    char *link = second(arg);
    if (symlink(arg, link) != 0) return fail("symlink");
    appends("ok");
    return 0;
  }
  if (!strcmp(op, "race-symlink")) {
    // "target\nlink\ncount\nmillis": makes and removes the link, over and over, for a
    // concurrent race-rename call to catch inside the directory it moves
    char *p[4];
    if (lines(arg, p, 4) != 4) return fail("race-symlink needs target, link, count, millis");
    long count = atol(p[2]), made = 0, i = 0;
    long long end = now_ms() + atoll(p[3]), began = wall_ms();
    for (; i < count && now_ms() < end; i++) {
      if (symlink(p[0], p[1]) == 0) {
        made++;
        unlink(p[1]);
      }
    }
    char buf[96];
    snprintf(buf, sizeof buf, "made the link %ld times in %ld tries", made, i);
    return race_report(buf, began);
  }
  if (!strcmp(op, "race-rename")) {
    // "park-from\npark-to\nfrom\nto\nwatch\ncount\nmillis": first moves park-from out of the
    // way, then moves from to to and back, over and over; stops, leaving it there, as soon as
    // a move carried a symbolic link to the path watch
    char *p[7];
    if (lines(arg, p, 7) != 7) return fail("race-rename needs park-from, park-to, from, to, watch, count, millis");
    if (rename(p[0], p[1]) != 0) return fail("park");
    long count = atol(p[5]), moved = 0, refused = 0, i = 0;
    long long end = now_ms() + atoll(p[6]), began = wall_ms();
    for (; i < count && now_ms() < end; i++) {
      if (rename(p[2], p[3]) != 0) {
        refused++;
        continue;
      }
      moved++;
      // read relative to the directory, not by the whole path: a path below a nested preopen
      // would go to that preopen
      char *slash = strrchr(p[4], '/');
      *slash = 0;
      int dir = open(p[4], O_RDONLY | O_DIRECTORY);
      *slash = '/';
      if (dir < 0) return fail("open watched directory");
      char text[256];
      ssize_t n = readlinkat(dir, slash + 1, text, sizeof text - 1);
      close(dir);
      if (n >= 0) {
        text[n] = 0;
        char buf[512];
        snprintf(buf, sizeof buf, "moved the link %s -> %s there after %ld tries", p[4], text, i + 1);
        appends(buf);
        return 0;
      }
      if (rename(p[3], p[2]) != 0) return fail("move back");
    }
    char buf[128];
    snprintf(buf, sizeof buf, "moved %ld times, refused %ld times, no link came along", moved, refused);
    return race_report(buf, began);
  }
  if (!strcmp(op, "readlink")) {
    char buf[256];
    ssize_t n = readlink(arg, buf, sizeof buf);
    if (n < 0) return fail("readlink");
    append(buf, (size_t)n);
    return 0;
  }
  if (!strcmp(op, "unlink")) {
    if (unlink(arg) != 0) return fail("unlink");
    appends("ok");
    return 0;
  }
  if (!strcmp(op, "rmdir")) {
    if (rmdir(arg) != 0) return fail("rmdir");
    appends("ok");
    return 0;
  }
  if (!strcmp(op, "rename")) {
    char *to = second(arg);
    if (rename(arg, to) != 0) return fail("rename");
    appends("ok");
    return 0;
  }
  if (!strcmp(op, "env")) {
    const char *v = getenv(arg);
    appends(v ? v : "(unset)");
    return 0;
  }
  if (!strcmp(op, "print")) {
    printf("%s", arg);
    fflush(stdout);
    fprintf(stderr, "err:%s", arg);
    appends("printed");
    return 0;
  }
  if (!strcmp(op, "flood")) {
    static char line[1024];
    memset(line, 'x', sizeof line - 1);
    for (;;) {
      if (fputs(line, stdout) < 0 || fflush(stdout) != 0) return fail("flood");
    }
  }
  if (!strcmp(op, "loop")) {
    volatile unsigned long n = 0;
    for (;;) n++;
  }
  if (!strcmp(op, "membomb")) {
    size_t total = 0;
    for (;;) {
      volatile char *p = malloc(1 << 20);
      if (!p) break;
      for (size_t i = 0; i < (1 << 20); i += 4096) p[i] = 1;  // touch every page
      total += 1 << 20;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "allocated %zu MiB then malloc failed", total >> 20);
    appends(buf);
    return 1;
  }
  if (!strcmp(op, "membomb-abort")) {
    for (;;) {
      volatile char *p = malloc(1 << 20);
      if (!p) abort();
      for (size_t i = 0; i < (1 << 20); i += 4096) p[i] = 1;
    }
  }
  if (!strcmp(op, "sleep")) {
    sleep((unsigned)atoi(arg));
    appends("slept");
    return 0;
  }
  if (!strcmp(op, "recurse")) {
    char buf[32];
    snprintf(buf, sizeof buf, "%d", recurse(atoi(arg)));
    appends(buf);
    return 0;
  }
  if (!strcmp(op, "trap")) {
    __builtin_trap();
  }
  if (!strcmp(op, "exit")) {
    exit(atoi(arg));
  }
  if (!strcmp(op, "time")) {
    struct timespec a, b;
    clock_gettime(CLOCK_REALTIME, &a);
    clock_gettime(CLOCK_MONOTONIC, &b);
    char buf[64];
    snprintf(buf, sizeof buf, "%s", a.tv_sec > 1700000000 && b.tv_sec >= 0 ? "plausible" : "implausible");
    appends(buf);
    return 0;
  }
  if (!strcmp(op, "random")) {
    unsigned char r[16];
    if (getentropy(r, sizeof r) != 0) return fail("getentropy");
    int nonzero = 0;
    for (int i = 0; i < 16; i++) nonzero |= r[i];
    appends(nonzero ? "random" : "zeros");
    return 0;
  }
  appends("unknown op ");
  appends(op);
  return 1;
}

__attribute__((export_name("run")))
void *run(char *op_ptr, size_t op_len, char *arg_ptr, size_t arg_len) {
  char *op = take(op_ptr, op_len);
  char *arg = take(arg_ptr, arg_len);
  // zero-length strings may come with the dangling pointer cabi_realloc returns for size 0
  if (op_len) free(op_ptr);
  if (arg_len) free(arg_ptr);
  out = NULL;
  out_len = out_cap = 0;
  append("", 0);
  int err = run_op(op, arg);
  free(op);
  free(arg);
  ret_area.tag = err ? 1 : 0;
  ret_area.ptr = out;
  ret_area.len = out_len;
  return &ret_area;
}

__attribute__((export_name("cabi_post_run")))
void cabi_post_run(void *p) {
  (void)p;
  free(out);
  out = NULL;
}
