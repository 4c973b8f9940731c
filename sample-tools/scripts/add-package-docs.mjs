// Appends a `package-docs` custom section, built from the doc comments of a WIT package, to a
// component. `jco embed` and `jco componentize` drop WIT doc comments; this section is where
// wit-component keeps them when it encodes a WIT package (format: one version byte 0, then JSON
// with the shape of wit-parser's PackageMetadata), and where Corral reads tool descriptions.
//
// usage: node add-package-docs.mjs WIT_DIR COMPONENT_IN COMPONENT_OUT
// Only the .wit files directly in WIT_DIR are read (not deps/). Handles the WIT these samples
// use: packages, interfaces, worlds, functions, records, variants, enums, flags and type aliases.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [witDir, input, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: node add-package-docs.mjs WIT_DIR COMPONENT_IN COMPONENT_OUT');
  process.exit(2);
}

const metadata = {};
for (const file of readdirSync(witDir).filter((f) => f.endsWith('.wit')).sort()) {
  collect(readFileSync(join(witDir, file), 'utf8'), join(witDir, file));
}

function collect(source, where) {
  let docs = [];
  const scopes = []; // {kind: 'interface'|'world'|'type', meta}
  const takeDocs = () => {
    const text = docs.length ? docs.join('\n') : undefined;
    docs = [];
    return text;
  };
  const ident = (name) => name.replace(/^%/, '');
  source.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    let m;
    if ((m = line.match(/^\/\/\/ ?(.*)$/))) {
      docs.push(m[1]);
      return;
    }
    if (line === '' || line.startsWith('//')) {
      return;
    }
    const top = scopes[scopes.length - 1];
    if ((m = line.match(/^package\s+[^;{]+;/))) {
      set(metadata, 'docs', takeDocs());
    } else if ((m = line.match(/^(interface|world)\s+(%?[a-z][a-z0-9-]*)\s*\{/))) {
      const group = m[1] === 'interface' ? 'interfaces' : 'worlds';
      metadata[group] ??= {};
      const meta = (metadata[group][ident(m[2])] ??= {});
      set(meta, 'docs', takeDocs());
      scopes.push({ kind: m[1], meta });
    } else if ((m = line.match(/^(record|variant|enum|flags)\s+(%?[a-z][a-z0-9-]*)\s*\{/))) {
      const meta = typeIn(top, ident(m[2]));
      set(meta, 'docs', takeDocs());
      scopes.push({ kind: 'type', meta });
    } else if ((m = line.match(/^type\s+(%?[a-z][a-z0-9-]*)\s*=/))) {
      set(typeIn(top, ident(m[1])), 'docs', takeDocs());
    } else if ((m = line.match(/^(%?[a-z][a-z0-9-]*)\s*:\s*func\b/))) {
      if (!top || top.kind === 'type') {
        throw new Error(`${where}:${index + 1}: function outside an interface or world`);
      }
      const text = takeDocs();
      if (text !== undefined) {
        (top.meta.funcs ??= {})[ident(m[1])] = text;
      }
    } else if (top?.kind === 'type' && (m = line.match(/^(%?[a-z][a-z0-9-]*)\s*[:,(}]?/)) && line !== '}') {
      const text = takeDocs();
      if (text !== undefined) {
        (top.meta.items ??= {})[ident(m[1])] = text;
      }
    } else {
      takeDocs();
    }
    for (const ch of line.replace(/\/\/.*$/, '')) {
      if (ch === '}') {
        scopes.pop();
      }
    }
  });
}

function typeIn(scope, name) {
  if (!scope || scope.kind === 'type') {
    throw new Error(`type ${name} outside an interface or world`);
  }
  return ((scope.meta.types ??= {})[name] ??= {});
}

function set(object, key, value) {
  if (value !== undefined) {
    object[key] = value;
  }
}

// Drop types without docs, then write the section: name, version byte 0, JSON.
for (const group of ['interfaces', 'worlds']) {
  for (const item of Object.values(metadata[group] ?? {})) {
    for (const [name, type] of Object.entries(item.types ?? {})) {
      if (Object.keys(type).length === 0) delete item.types[name];
    }
  }
}
const ordered = (meta) => ({
  ...(meta.docs !== undefined && { docs: meta.docs }),
  ...(meta.worlds && { worlds: meta.worlds }),
  ...(meta.interfaces && { interfaces: meta.interfaces }),
});
const payload = Buffer.concat([Buffer.from([0]), Buffer.from(JSON.stringify(ordered(metadata)), 'utf8')]);
const name = Buffer.from('package-docs', 'utf8');
const body = Buffer.concat([leb128(name.length), name, payload]);
const component = readFileSync(input);
if (component.readUInt32LE(0) !== 0x6d736100 || component.readUInt16LE(6) !== 1) {
  throw new Error(`${input} is not a component binary`);
}
writeFileSync(output, Buffer.concat([component, Buffer.from([0]), leb128(body.length), body]));

function leb128(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return Buffer.from(bytes);
}
