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

;; Canonical options (CanonicalABI.md, "canonopt validation", "canon lift", "canon lower"): a
;; mistyped or missing option is a link error naming the function and the option.
(assert_invalid
  (component
    (core module $M
      (memory (export "mem") 1)
      (func (export "f") (param i32 i32))
      (func (export "realloc") (param i32) (result i32) (i32.const 0)))
    (core instance $m (instantiate $M))
    (func (export "f") (param "s" string)
      (canon lift (core func $m "f") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
  )
  "in component 'root', definition 6 (canon): canon lift of function 0 ('f'): option realloc has type (i32) -> i32, but must be (i32, i32, i32, i32) -> i32")
(assert_invalid
  (component
    (core module $M
      (func (export "f") (result i32) (i32.const 1))
      (func (export "f-pr") (param i32 i32)))
    (core instance $m (instantiate $M))
    (func (export "f") (result u32) (canon lift (core func $m "f") (post-return (core func $m "f-pr"))))
  )
  "in component 'root', definition 5 (canon): canon lift of function 0 ('f'): option post-return has type (i32, i32) -> (), but must be (i32) -> () (the flattened results as parameters, no results)")
(assert_invalid
  (component
    (core module $M
      (func (export "f") (result i32) (i32.const 1))
      (func (export "f-pr") (param i32) (result i32) (i32.const 0)))
    (core instance $m (instantiate $M))
    (func (export "f") (result u32) (canon lift (core func $m "f") (post-return (core func $m "f-pr"))))
  )
  "in component 'root', definition 5 (canon): canon lift of function 0 ('f'): option post-return has type (i32) -> i32, but must be (i32) -> () (the flattened results as parameters, no results)")
(assert_invalid
  (component
    (core module $M (memory (export "mem") 1) (func (export "f") (param i32 i32)))
    (core instance $m (instantiate $M))
    (func (export "f") (param "s" string) (canon lift (core func $m "f") (memory (core memory $m "mem"))))
  )
  "in component 'root', definition 5 (canon): canon lift of function 0 ('f'): option realloc is required to pass its string or list parameters in")
(assert_invalid
  (component
    (core module $M (func (export "f") (result i32) (i32.const 0)))
    (core instance $m (instantiate $M))
    (func (export "f") (result (list u8)) (canon lift (core func $m "f")))
  )
  "in component 'root', definition 5 (canon): canon lift of function 0 ('f'): option memory is required to read its string or list result")
(assert_invalid
  (component
    (core module $M (func (export "f") (result i32) (i32.const 0)))
    (core instance $m (instantiate $M))
    (func (export "f") (result (tuple u32 u32)) (canon lift (core func $m "f")))
  )
  "in component 'root', definition 5 (canon): canon lift of function 0 ('f'): option memory is required to read its result, which flattens to more than 1 value")
(assert_invalid
  (component
    (core module $M
      (func (export "f") (param i32 i32))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
    (core instance $m (instantiate $M))
    (func $f (param "s" string) (canon lift (core func $m "f") (realloc (core func $m "realloc"))))
    (export "g" (func $f))
  )
  "in component 'root', definition 5 (canon): canon lift of function 0 ('g'): option realloc is given without option memory")
(assert_invalid
  (component
    (component $C
      (core module $M
        (memory (export "mem") 1)
        (func (export "f") (param i32 i32))
        (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
      (core instance $m (instantiate $M))
      (func (export "f") (param "s" string)
        (canon lift (core func $m "f") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
    )
    (instance $c (instantiate $C))
    (alias export $c "f" (func $f))
    (core func (canon lower (func $f)))
  )
  "in component 'root', definition 3 (canon): canon lower of function 0 ('f'): option memory is required to read its string or list parameters")
(assert_invalid
  (component
    (component $C
      (core module $M
        (memory (export "mem") 1)
        (func (export "get") (result i32) (i32.const 0)))
      (core instance $m (instantiate $M))
      (func (export "get") (result string)
        (canon lift (core func $m "get") (memory (core memory $m "mem"))))
    )
    (instance $c (instantiate $C))
    (alias export $c "get" (func $get))
    (core module $M (memory (export "mem") 1))
    (core instance $m (instantiate $M))
    (core func (canon lower (func $get) (memory (core memory $m "mem"))))
  )
  "in component 'root', definition 6 (canon): canon lower of function 0 ('get'): option realloc is required to pass its string or list result in")

;; Instantiation arguments must have the types the nested component's imports declare.
(assert_invalid
  (component
    (component $C (import "f" (func (param "x" u32))))
    (core module $M (func (export "f") (param i32)))
    (core instance $m (instantiate $M))
    (func $f (param "y" u32) (canon lift (core func $m "f")))
    (instance (instantiate $C (with "f" (func $f))))
  )
  "invalid or unsupported component: definition 6 (instance): in a nested component, definition 1 (import 'f'): import 'f' expects a function of type func(x: u32) but was given one of type func(y: u32)")
(assert_invalid
  (component
    (component $C
      (import "i" (instance
        (export "r" (type (sub resource)))
        (export "f" (func (param "x" (borrow 0))))))
    )
    (type $R (resource (rep i32)))
    (core module $M (func (export "f") (param i32)))
    (core instance $m (instantiate $M))
    (func $f (param "x" (borrow $R)) (canon lift (core func $m "f")))
    (instance $i (export "r" (type $R)))
    (instance (instantiate $C (with "i" (instance $i))))
  )
  "invalid or unsupported component: definition 9 (instance): in a nested component, definition 1 (import 'i'): import 'i' expects an instance exporting 'f', but the instance given has no such export")
(assert_invalid
  (component
    (component $C
      (import "i" (instance
        (export "r" (type (sub resource)))
        (export "f" (func (param "x" (borrow 0))))))
    )
    (type $R (resource (rep i32)))
    (type $S (resource (rep i32)))
    (core module $M (func (export "f") (param i32)))
    (core instance $m (instantiate $M))
    (func $f (param "x" (borrow $S)) (canon lift (core func $m "f")))
    (instance $i (export "r" (type $R)) (export "f" (func $f)))
    (instance (instantiate $C (with "i" (instance $i))))
  )
  "invalid or unsupported component: definition 10 (instance): in a nested component, definition 1 (import 'i'): import 'i' (export 'f') expects a function of type func(x: borrow<resource type 0 of 'root'>) but was given one of type func(x: borrow<resource type 1 of 'root'>)")
(component
  (component $C
    (import "i" (instance $i
      (export "r" (type (sub resource)))
      (export "f" (func (param "x" (borrow 0)) (result u32)))))
    (alias export $i "f" (func $f))
    (export "f" (func $f))
  )
  (type $R (resource (rep i32)))
  (canon resource.new $R (core func $new))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (func (export "f") (param i32) (result i32) (local.get 0))
    (func (export "make") (result i32) (call $new (i32.const 5))))
  (core instance $m (instantiate $M (with "" (instance (export "new" (func $new))))))
  (func $f (param "x" (borrow $R)) (result u32) (canon lift (core func $m "f")))
  (instance $i (export "r" (type $R)) (export "f" (func $f)))
  (instance $c (instantiate $C (with "i" (instance $i))))
  (func (export "make") (result (own $R)) (canon lift (core func $m "make")))
  (export "c" (instance $c))
)
