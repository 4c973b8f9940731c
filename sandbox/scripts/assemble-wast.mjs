#!/usr/bin/env node
// Assembles the components of the component-model test suite's .wast files in
// sandbox/src/test/resources/wast/ into binaries next to them: the i-th top-level
// `(component ...)` or `(component definition $X ...)` form of NAME.wast, or component of an
// `(assert_invalid (component ...) "message")`, becomes NAME.i.wasm.
// Uses the pinned jco (`jco parse`, i.e. wasm-tools' text parser) from build-tools/.
// Run: node sandbox/scripts/assemble-wast.mjs   (after scripts/install-toolchains)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'sandbox', 'src', 'test', 'resources', 'wast');
const jco = join(root, 'build-tools', 'node_modules', '.bin', 'jco');

/** Top-level s-expression forms of a .wast text, as [start, end) offsets. */
function topLevelForms(text) {
  const forms = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ';' && text[i + 1] === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(' && text[i + 1] === ';') {
      let nest = 1;
      i += 2;
      while (i < text.length && nest > 0) {
        if (text[i] === '(' && text[i + 1] === ';') { nest++; i += 2; }
        else if (text[i] === ';' && text[i + 1] === ')') { nest--; i += 2; }
        else i++;
      }
      i--;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i++; i++; }
    } else if (c === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) forms.push([start, i + 1]);
    }
  }
  return forms;
}

const tmp = mkdtempSync(join(tmpdir(), 'wast-'));
try {
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.wasm')) unlinkSync(join(dir, name));
  }
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.wast')).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    let index = 0;
    for (const [s, e] of topLevelForms(text)) {
      let form = text.slice(s, e);
      if (/^\(assert_invalid\s/.test(form)) {
        // the component of (assert_invalid (component ...) "message"), which must fail to load
        const body = form.slice('(assert_invalid'.length, -1);
        const [[cs, ce]] = topLevelForms(body);
        form = body.slice(cs, ce);
      }
      const head = form.match(/^\(component(\s+definition)?(\s|\))/);
      if (!head || /^\(component\s+instance\s/.test(form)) continue;
      if (head[1]) form = form.replace(/^\(component\s+definition/, '(component');
      const wat = join(tmp, 'c.wat');
      const out = join(dir, `${name.slice(0, -5)}.${index}.wasm`);
      writeFileSync(wat, form);
      execFileSync(jco, ['parse', wat, '-o', out], {
        env: { ...process.env, WAST_STRICT_COMPONENT_INDICES: '0' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      index++;
    }
    console.error(`${name}: ${index} components`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
