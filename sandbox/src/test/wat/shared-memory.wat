;; A core module with a shared memory (the threads proposal), which Corral refuses to create.
(component
  (core module $m
    (memory 1 1 shared)
    (func (export "seven") (result i32) i32.const 7))
  (core instance $i (instantiate $m))
  (func (export "seven") (result u32) (canon lift (core func $i "seven")))
)
