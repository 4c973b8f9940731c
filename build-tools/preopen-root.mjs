// Gives jco's in-Wasm tools (embed, componentize) the host filesystem: preview2-shim 0.26
// otherwise preopens nothing. Load with NODE_OPTIONS=--import=<this file>.
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
_setPreopens({ '/': '/' });
