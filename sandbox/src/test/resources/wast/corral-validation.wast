;; Written for Corral (not from the component-model repository): validation rules Corral
;; checks when a component is compiled or linked. Each (assert_invalid ...) states Corral's exact
;; message.

;; resource.new and resource.rep only accept a resource type the component defines itself
;; (Explainer.md, CanonicalABI.md: "$rt must refer to locally-defined (not imported) resource
;; type"); resource.drop accepts any resource type.
(assert_invalid
  (component
    (import "r" (type $R (sub resource)))
    (canon resource.new $R (core func $new))
  )
  "invalid or unsupported component: definition 1 (canon): canon resource.new: type 0 is not a resource type defined by this component (it is imported or aliased from elsewhere); only the component that defines a resource may use resource.new on it")
(assert_invalid
  (component
    (import "r" (type $R (sub resource)))
    (canon resource.rep $R (core func $rep))
  )
  "invalid or unsupported component: definition 1 (canon): canon resource.rep: type 0 is not a resource type defined by this component (it is imported or aliased from elsewhere); only the component that defines a resource may use resource.rep on it")
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (component $Inner
      (alias outer 1 $R (type $R'))
      (canon resource.rep $R' (core func $rep))
    )
    (instance (instantiate $Inner))
  )
  "invalid or unsupported component: definition 2 (instance): in a nested component, definition 1 (canon): canon resource.rep: type 0 is not a resource type defined by this component (it is imported or aliased from elsewhere); only the component that defines a resource may use resource.rep on it")
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (component $Inner
      (import "r" (type $R' (sub resource)))
      (canon resource.new $R' (core func $new))
    )
    (instance (instantiate $Inner (with "r" (type $R))))
  )
  "invalid or unsupported component: definition 2 (instance): in a nested component, definition 1 (canon): canon resource.new: type 0 is not a resource type defined by this component (it is imported or aliased from elsewhere); only the component that defines a resource may use resource.new on it")

;; The defining component may use all three, also through the index its export adds; anyone may
;; drop.
(component
  (type $R (resource (rep i32)))
  (export $R' "r" (type $R))
  (canon resource.new $R' (core func $new))
  (canon resource.rep $R' (core func $rep))
  (canon resource.drop $R (core func $drop))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (func (export "round-trip") (result i32)
      (local $h i32)
      (local.set $h (call $new (i32.const 77)))
      (call $rep (local.get $h))
      (call $drop (local.get $h)))
  )
  (core instance $m (instantiate $M (with "" (instance
    (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
  (func (export "round-trip") (result u32) (canon lift (core func $m "round-trip")))
)
(assert_return (invoke "round-trip") (u32.const 77))
