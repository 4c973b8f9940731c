;; A hostile component for the canonical ABI checks: each export hands the host something
;; broken (see HostileAbiTest). `ok` is well-behaved, to show the host keeps serving.
;; `lift` returns a pointer into its own argument, so whatever bytes the caller passes are
;; lifted as the result type (the canonical ABI lifting fuzz test drives it). `big-bytes` grows
;; its memory and returns a `list<u8>` of `len` bytes from it, to test the result size limit.
(component
  (type $r (resource (rep i32)))
  (core module $m
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    ;; a bump allocator for well-behaved calls
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.const 7)) (i32.const -8)))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    ;; an allocator that returns a pointer past the end of memory
    (func (export "bad_realloc") (param i32 i32 i32 i32) (result i32)
      (i32.const 0xFFFFFFF0))
    ;; an allocator that returns a misaligned pointer
    (func (export "odd_realloc") (param i32 i32 i32 i32) (result i32)
      (i32.const 1025))
    (data (i32.const 16) "\ff\fe\c0\80")          ;; not UTF-8
    (data (i32.const 32) "\00\d8\41\00")          ;; UTF-16LE: unpaired high surrogate, 'A'
    (data (i32.const 64) "\10\00\00\00\04\00\00\00") ;; (ptr 16, len 4): the bad UTF-8 string
    (data (i32.const 72) "\20\00\00\00\02\00\00\00") ;; (ptr 32, len 2 code units)
    (data (i32.const 80) "\00\00\00\00\ff\ff\ff\7f") ;; (ptr 0, len 2^31-1): a huge string
    (data (i32.const 88) "\f0\ff\ff\ff\10\00\00\00") ;; (ptr near 4 GiB, len 16): out of bounds
    (data (i32.const 96) "\00\00\00\00\00\00\00\20") ;; (ptr 0, len 2^29 u64): a huge list
    (data (i32.const 104) "\05")                     ;; option discriminant 5
    (data (i32.const 112) "\00\00\11\00")            ;; char 0x110000
    (data (i32.const 120) "\00\d8\00\00")            ;; char 0xD800, a surrogate
    (func (export "ok") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func (export "bad_utf8") (result i32) (i32.const 64))
    (func (export "bad_utf16") (result i32) (i32.const 72))
    (func (export "huge_string") (result i32) (i32.const 80))
    (func (export "oob_string") (result i32) (i32.const 88))
    (func (export "huge_list") (result i32) (i32.const 96))
    (func (export "bad_option") (result i32) (i32.const 104))
    (func (export "bad_char") (result i32) (i32.load (i32.const 112)))
    (func (export "surrogate_char") (result i32) (i32.load (i32.const 120)))
    (func (export "bad_bool") (result i32) (i32.const 2))
    (func (export "bad_enum") (result i32) (i32.const 9))
    (func (export "bad_flags") (result i32) (i32.const 0xF0))
    (func (export "bad_handle") (result i32) (i32.const 7))
    (func (export "take_string") (param i32 i32) (result i32) (local.get 1))
    (func (export "lift") (param i32 i32) (result i32) (local.get 0))
    (func (export "big_bytes") (param $len i32) (result i32)
      (if (i32.eq (memory.grow (i32.shr_u (i32.add (local.get $len) (i32.const 65535)) (i32.const 16)))
                  (i32.const -1))
        (then unreachable))
      (i32.store (i32.const 128) (i32.const 65536))
      (i32.store (i32.const 132) (local.get $len))
      (i32.const 128))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "cabi_realloc" (core func $realloc))
  (alias core export $i "bad_realloc" (core func $bad-realloc))
  (alias core export $i "odd_realloc" (core func $odd-realloc))

  (type $color (enum "red" "green" "blue"))
  (type $perm (flags "read" "write" "exec"))
  (type $shape (variant (case "dot") (case "line" u32) (case "text" string) (case "many" (list u16))))
  (type $lifted (record
    (field "name" string)
    (field "tag" char)
    (field "maybe" (option u8))
    (field "shape" $shape)
    (field "colors" (list $color))
    (field "perm" $perm)
    (field "outcome" (result (list string) (error (tuple s64 f64 bool)))))
  )

  (func (export "ok") (param "x" u32) (result u32) (canon lift (core func $i "ok")))
  (func (export "bad-utf8") (result string)
    (canon lift (core func $i "bad_utf8") (memory $mem) string-encoding=utf8))
  (func (export "bad-utf16") (result string)
    (canon lift (core func $i "bad_utf16") (memory $mem) string-encoding=utf16))
  (func (export "huge-string") (result string)
    (canon lift (core func $i "huge_string") (memory $mem) string-encoding=utf8))
  (func (export "oob-string") (result string)
    (canon lift (core func $i "oob_string") (memory $mem) string-encoding=utf8))
  (func (export "huge-list") (result (list u64))
    (canon lift (core func $i "huge_list") (memory $mem)))
  (func (export "bad-option") (result (option string))
    (canon lift (core func $i "bad_option") (memory $mem) string-encoding=utf8))
  (func (export "bad-char") (result char) (canon lift (core func $i "bad_char")))
  (func (export "surrogate-char") (result char) (canon lift (core func $i "surrogate_char")))
  (func (export "bad-bool") (result bool) (canon lift (core func $i "bad_bool")))
  (func (export "bad-enum") (result $color) (canon lift (core func $i "bad_enum")))
  (func (export "bad-flags") (result $perm) (canon lift (core func $i "bad_flags")))
  (func (export "bad-handle") (result (own $r)) (canon lift (core func $i "bad_handle")))
  (func (export "oob-realloc") (param "s" string) (result u32)
    (canon lift (core func $i "take_string") (memory $mem) (realloc $bad-realloc) string-encoding=utf8))
  (func (export "misaligned-realloc") (param "l" (list u64)) (result u32)
    (canon lift (core func $i "take_string") (memory $mem) (realloc $odd-realloc)))
  (func (export "big-bytes") (param "len" u32) (result (list u8))
    (canon lift (core func $i "big_bytes") (memory $mem)))
  (func (export "lift") (param "data" (list u8)) (result $lifted)
    (canon lift (core func $i "lift") (memory $mem) (realloc $realloc) string-encoding=utf8))
)
