;; Imports wasi:config/store at 0.2.0-rc.2, a pre-release the host does not offer (pre-releases
;; match only exactly): loading fails naming it.
(component
  (import "wasi:config/store@0.2.0-rc.2" (instance))
)
