;; A component whose one world-level export has the name of a built-in tool (list-components),
;; so that serve and `corral tool` must rename it. Assembled into
;; src/test/resources/components/reserved-name.wasm by build.sh.
(component
  (core module $m
    (func (export "list") (result i32) i32.const 7))
  (core instance $i (instantiate $m))
  (func $list (result u32) (canon lift (core func $i "list")))
  (export "list-components" (func $list))
)
