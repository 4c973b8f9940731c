;; Imports wasi:cli/environment at an incompatible version (0.3.0): loading must fail.
(component
  (import "wasi:cli/environment@0.3.0" (instance
    (type $f (func (result (list (tuple string string)))))
    (export "get-environment" (func (type $f)))
  ))
)
