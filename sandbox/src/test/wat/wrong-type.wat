;; Imports wasi:cli/environment@0.2.0's get-environment with the wrong type.
(component
  (import "wasi:cli/environment@0.2.0" (instance
    (type $f (func (result (list string))))
    (export "get-environment" (func (type $f)))
  ))
)
