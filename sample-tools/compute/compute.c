// The compute sample tool: SHA-256 and text statistics. Exports corral:compute/text@0.1.0 with
// the canonical ABI written by hand (see ../README.md). Uses wasi-libc only for malloc, qsort and
// memcpy, none of which call WASI, so the component imports nothing.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cabi.h"

#define IFACE "corral:compute/text@0.1.0#"

// ---- canonical ABI support (cabi_realloc and release() are in ../common/cabi.h) ------------

typedef struct {
  uint8_t *ptr;
  size_t len;
} string_t;


// Space for results returned through memory; the host reads it before the next call.
static union {
  string_t string;
  uint64_t stats[4];
  struct {
    void *ptr;
    size_t len;
  } list;
} ret_area;

// ---- SHA-256 (FIPS 180-4) -----------------------------------------------------------------

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t h[8], const uint8_t *block) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) {
    w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
           (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
  }
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = k + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += k;
}

static void sha256(const uint8_t *data, size_t len, uint8_t out[32]) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  size_t full = len / 64 * 64;
  for (size_t i = 0; i < full; i += 64) {
    sha256_block(h, data + i);
  }
  uint8_t tail[128] = {0};
  size_t rest = len - full;
  memcpy(tail, data + full, rest);
  tail[rest] = 0x80;
  size_t tail_len = rest < 56 ? 64 : 128;
  uint64_t bits = (uint64_t)len * 8;
  for (int i = 0; i < 8; i++) {
    tail[tail_len - 1 - i] = (uint8_t)(bits >> (8 * i));
  }
  for (size_t i = 0; i < tail_len; i += 64) {
    sha256_block(h, tail + i);
  }
  for (int i = 0; i < 8; i++) {
    out[4 * i] = (uint8_t)(h[i] >> 24);
    out[4 * i + 1] = (uint8_t)(h[i] >> 16);
    out[4 * i + 2] = (uint8_t)(h[i] >> 8);
    out[4 * i + 3] = (uint8_t)h[i];
  }
}

EXPORT(IFACE "sha256")
string_t *export_sha256(uint8_t *text, size_t len) {
  uint8_t digest[32];
  sha256(text, len, digest);
  release(text);
  static const char hex[] = "0123456789abcdef";
  uint8_t *out = malloc(64);
  for (int i = 0; i < 32; i++) {
    out[2 * i] = (uint8_t)hex[digest[i] >> 4];
    out[2 * i + 1] = (uint8_t)hex[digest[i] & 15];
  }
  ret_area.string = (string_t){out, 64};
  return &ret_area.string;
}

EXPORT("cabi_post_" IFACE "sha256")
void post_sha256(string_t *result) {
  release(result->ptr);
}

// ---- stats --------------------------------------------------------------------------------

static int is_space(uint8_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

EXPORT(IFACE "stats")
uint64_t *export_stats(uint8_t *text, size_t len) {
  uint64_t chars = 0, lines = 0, words = 0;
  int in_word = 0;
  for (size_t i = 0; i < len; i++) {
    uint8_t c = text[i];
    chars += (c & 0xC0) != 0x80;
    lines += c == '\n';
    if (is_space(c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      words++;
    }
  }
  if (len > 0 && text[len - 1] != '\n') {
    lines++;
  }
  release(text);
  ret_area.stats[0] = len;
  ret_area.stats[1] = chars;
  ret_area.stats[2] = lines;
  ret_area.stats[3] = words;
  return ret_area.stats;
}

// ---- top-words ----------------------------------------------------------------------------

typedef struct {
  const uint8_t *word;  // into the lower-cased copy of the text; NULL marks a free slot
  uint32_t len;
  uint32_t count;
} slot_t;

typedef struct {
  string_t word;
  uint32_t count;
} word_count_t;  // the canonical ABI layout of record word-count: size 12, align 4

static int is_word_byte(uint8_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

static uint32_t hash(const uint8_t *p, uint32_t len) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < len; i++) {
    h = (h ^ p[i]) * 16777619u;
  }
  return h;
}

// Adds count to word's entry; returns 1 if the word was not in the table before.
static int insert(slot_t *table, uint32_t mask, const uint8_t *word, uint32_t len, uint32_t count) {
  uint32_t i = hash(word, len) & mask;
  while (table[i].word != NULL &&
         !(table[i].len == len && memcmp(table[i].word, word, len) == 0)) {
    i = (i + 1) & mask;
  }
  int added = table[i].word == NULL;
  if (added) {
    table[i] = (slot_t){word, len, 0};
  }
  table[i].count += count;
  return added;
}

static int by_count_then_word(const void *a, const void *b) {
  const slot_t *x = a, *y = b;
  if (x->count != y->count) {
    return x->count > y->count ? -1 : 1;
  }
  uint32_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->word, y->word, n);
  return c != 0 ? c : (x->len < y->len ? -1 : x->len > y->len);
}

EXPORT(IFACE "top-words")
void *export_top_words(uint8_t *text, size_t len, uint32_t limit) {
  for (size_t i = 0; i < len; i++) {
    if (text[i] >= 'A' && text[i] <= 'Z') {
      text[i] += 'a' - 'A';
    }
  }
  uint32_t capacity = 64, used = 0;
  slot_t *table = calloc(capacity, sizeof(slot_t));
  size_t i = 0;
  while (i < len) {
    if (!is_word_byte(text[i])) {
      i++;
      continue;
    }
    size_t start = i;
    while (i < len && is_word_byte(text[i])) {
      i++;
    }
    if ((used + 1) * 2 > capacity) {  // keep the load factor at most 1/2
      slot_t *bigger = calloc(capacity * 2, sizeof(slot_t));
      for (uint32_t j = 0; j < capacity; j++) {
        if (table[j].word != NULL) {
          insert(bigger, capacity * 2 - 1, table[j].word, table[j].len, table[j].count);
        }
      }
      release(table);
      table = bigger;
      capacity *= 2;
    }
    used += insert(table, capacity - 1, text + start, (uint32_t)(i - start), 1);
  }
  // Compact the occupied slots to the front and sort them.
  uint32_t n = 0;
  for (uint32_t j = 0; j < capacity; j++) {
    if (table[j].word != NULL) {
      table[n++] = table[j];
    }
  }
  qsort(table, n, sizeof(slot_t), by_count_then_word);
  uint32_t out_len = n < limit ? n : limit;
  word_count_t *out = malloc(out_len * sizeof(word_count_t) + 1);
  for (uint32_t j = 0; j < out_len; j++) {
    uint8_t *copy = malloc(table[j].len + 1);
    memcpy(copy, table[j].word, table[j].len);
    out[j] = (word_count_t){{copy, table[j].len}, table[j].count};
  }
  release(table);
  release(text);
  ret_area.list.ptr = out;
  ret_area.list.len = out_len;
  return &ret_area.list;
}

EXPORT("cabi_post_" IFACE "top-words")
void post_top_words(word_count_t **result) {
  word_count_t *list = result[0];
  size_t len = (size_t)result[1];
  for (size_t j = 0; j < len; j++) {
    release(list[j].word.ptr);
  }
  release(list);
}
