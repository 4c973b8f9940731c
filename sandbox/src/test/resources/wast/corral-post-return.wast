;; Written for Corral (not from the component-model repository): the synchronous post-return
;; rules whose upstream tests sit in a component that also uses async built-ins.

;; post-return runs after the results are lifted and receives the flat results; it may not
;; call an import (leave the instance). Trap messages in corral-* scripts are Corral's wording.
(component
  (component $Callee
    (core module $M (func (export "f")))
    (core instance $m (instantiate $M))
    (func (export "f") (canon lift (core func $m "f")))
  )
  (instance $callee (instantiate $Callee))
  (core func $f (canon lower (func $callee "f")))
  (core module $CM
    (import "" "f" (func $f))
    (global $seen (mut i32) (i32.const 0))
    (func (export "ok") (result i32) (i32.const 8))
    (func (export "ok-pr") (param i32) (global.set $seen (local.get 0)))
    (func (export "seen") (result i32) (global.get $seen))
    (func (export "calls-import") (result i32) (call $f) (i32.const 7))
    (func (export "leaves") (result i32) (i32.const 9))
    (func (export "leaves-pr") (param i32) (call $f))
  )
  (core instance $cm (instantiate $CM (with "" (instance (export "f" (func $f))))))
  (func (export "ok") (result u32)
    (canon lift (core func $cm "ok") (post-return (core func $cm "ok-pr"))))
  (func (export "seen") (result u32) (canon lift (core func $cm "seen")))
  (func (export "calls-import") (result u32) (canon lift (core func $cm "calls-import")))
  (func (export "leaves") (result u32)
    (canon lift (core func $cm "leaves") (post-return (core func $cm "leaves-pr"))))
)
(assert_return (invoke "ok") (u32.const 8))
(assert_return (invoke "seen") (u32.const 8))
(assert_return (invoke "calls-import") (u32.const 7))
(assert_trap (invoke "leaves") "while it may not leave (during realloc or post-return)")
