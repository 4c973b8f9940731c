// Times the compute sample's sha256 export compiled natively (the physical limit for the same C
// code). Usage: native-sha256 RUNS < input; prints the hex digest on line 1 and a JSON array of
// nanosecond durations on line 2.
#include <stdio.h>
#include <time.h>
#include "compute.c"

int main(int argc, char **argv) {
  int runs = argc > 1 ? atoi(argv[1]) : 10;
  size_t cap = 1 << 20, len = 0;
  uint8_t *input = malloc(cap);
  for (size_t n; (n = fread(input + len, 1, cap - len, stdin)) > 0;) {
    len += n;
    if (len == cap) input = realloc(input, cap *= 2);
  }
  char digest[65] = {0};
  for (int i = -1; i < runs; i++) {  // run -1 is a warm-up
    uint8_t *copy = malloc(len);
    memcpy(copy, input, len);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    string_t *out = export_sha256(copy, len);  // frees copy
    clock_gettime(CLOCK_MONOTONIC, &b);
    memcpy(digest, out->ptr, 64);
    post_sha256(out);
    if (i == -1) printf("%s\n[", digest);
    else printf("%s%lld", i ? "," : "", (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
  }
  printf("]\n");
  return 0;
}
