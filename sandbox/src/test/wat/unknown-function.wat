;; Imports wasi:cli/environment@0.2.0 with a function the interface does not have.
(component
  (import "wasi:cli/environment@0.2.0" (instance
    (type $f (func (result string)))
    (export "get-hostname" (func (type $f)))
  ))
)
