// world-types: exports functions whose types are records, variants, enums and flags defined at
// the world level (see wit/world-types.wit), with the canonical ABI written by hand (no
// wit-bindgen here). Uses wasi-libc only for malloc and string functions, which call no WASI, so
// the component imports nothing but the types its world defines.
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../../../../sample-tools/common/cabi.h"  // EXPORT, cabi_realloc, release

typedef struct {
  char *ptr;
  size_t len;
} string_t;

static string_t text(const char *s) {
  size_t len = strlen(s);
  char *p = malloc(len + 1);
  memcpy(p, s, len + 1);
  return (string_t){p, len};
}

// record stats { count: u32, mean: f64, label: string }: size 24, align 8.
typedef struct {
  uint32_t count;
  double mean;
  string_t label;
} stats_t;

// result<stats, string>: discriminant byte, payload at offset 8. Size 32, align 8.
typedef struct {
  uint8_t is_err;
  union {
    stats_t ok;
    string_t err;
  } val;
} summary_t;

static summary_t summary;

// summarize: func(values: list<f64>) -> result<stats, string>
EXPORT("summarize")
summary_t *summarize(double *values, size_t len) {
  if (len == 0) {
    summary.is_err = 1;
    summary.val.err = text("no values");
  } else {
    double sum = 0;
    size_t positive = 0, negative = 0;
    for (size_t i = 0; i < len; i++) {
      sum += values[i];
      positive += values[i] > 0;
      negative += values[i] < 0;
    }
    summary.is_err = 0;
    summary.val.ok.count = (uint32_t)len;
    summary.val.ok.mean = sum / (double)len;
    summary.val.ok.label = text(positive == len ? "positive" : negative == len ? "negative"
        : positive + negative == 0 ? "zero" : "mixed");
  }
  release(values);
  return &summary;
}

EXPORT("cabi_post_summarize")
void cabi_post_summarize(summary_t *s) {
  release(s->is_err ? s->val.err.ptr : s->val.ok.label.ptr);
}

// area: func(s: shape) -> f64; shape flattens to (case, f64, f64): circle(r) uses the first,
// rect((w, h)) both, empty none.
EXPORT("area")
double area(int32_t shape_case, double a, double b) {
  switch (shape_case) {
    case 0: return M_PI * a * a;
    case 1: return a * b;
    default: return 0;
  }
}

// classify: func(x: u32) -> level (enum low, medium, high)
EXPORT("classify")
int32_t classify(uint32_t x) {
  return x < 10 ? 0 : x < 100 ? 1 : 2;
}

// set-write: func(p: perms, allow: bool) -> perms; perms bits: read 1, write 2, exec 4.
EXPORT("set-write")
int32_t set_write(int32_t perms, int32_t allow) {
  return allow ? (perms | 2) : (perms & ~2);
}

static string_t described;

// describe: func(s: stats) -> string; stats flattens to (u32, f64, ptr, len).
EXPORT("describe")
string_t *describe(uint32_t count, double mean, char *label, size_t label_len) {
  (void)mean;
  char digits[10];
  size_t n = 0;
  do {
    digits[n++] = (char)('0' + count % 10);
    count /= 10;
  } while (count > 0);
  static const char suffix[] = " values";
  char *out = malloc(label_len + 2 + n + sizeof suffix);
  size_t len = 0;
  memcpy(out, label, label_len);
  len += label_len;
  out[len++] = ':';
  out[len++] = ' ';
  while (n > 0) {
    out[len++] = digits[--n];
  }
  memcpy(out + len, suffix, sizeof suffix - 1);
  described = (string_t){out, len + sizeof suffix - 1};
  release(label);
  return &described;
}

EXPORT("cabi_post_describe")
void cabi_post_describe(string_t *s) {
  release(s->ptr);
}
