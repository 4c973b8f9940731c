;; Imports wasi:config/store at 0.2.0-rc.1 (jco-std's version), with both functions: the host
;; offers that pre-release exactly, so loading succeeds.
(component
  (type $store (instance
    (type (;0;) (variant (case "upstream" string) (case "io" string)))
    (export (;1;) "error" (type (eq 0)))
    (type (;2;) (option string))
    (type (;3;) (result 2 (error 1)))
    (type (;4;) (func (param "key" string) (result 3)))
    (export (;0;) "get" (func (type 4)))
    (type (;5;) (tuple string string))
    (type (;6;) (list 5))
    (type (;7;) (result 6 (error 1)))
    (type (;8;) (func (result 7)))
    (export (;1;) "get-all" (func (type 8)))
  ))
  (import "wasi:config/store@0.2.0-rc.1" (instance (type $store)))
)
