// The world-types tool in JavaScript: the same WIT world as src/test/c/world-types (records,
// variants, enums and flags defined at the world level), built with componentize-js.

export function summarize(values) {
  if (values.length === 0) {
    throw 'no values';
  }
  let sum = 0;
  let positive = 0;
  let negative = 0;
  for (const v of values) {
    sum += v;
    if (v > 0) positive++;
    if (v < 0) negative++;
  }
  const label = positive === values.length ? 'positive'
    : negative === values.length ? 'negative'
    : positive + negative === 0 ? 'zero' : 'mixed';
  return { count: values.length, mean: sum / values.length, label };
}

export function area(s) {
  switch (s.tag) {
    case 'circle': return Math.PI * s.val * s.val;
    case 'rect': return s.val[0] * s.val[1];
    default: return 0;
  }
}

export function classify(x) {
  return x < 10 ? 'low' : x < 100 ? 'medium' : 'high';
}

export function setWrite(p, allow) {
  return { read: p.read, write: allow, exec: p.exec };
}

export function describe(s) {
  return `${s.label}: ${s.count} values`;
}
