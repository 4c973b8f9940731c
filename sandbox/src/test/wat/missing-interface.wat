;; Imports an interface no WASI host implements: loading must fail naming it.
(component
  (import "wasi:keyvalue/store@0.2.0-draft" (instance))
)
