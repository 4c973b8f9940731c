// The fetch sample tool (componentize-js): fetch() runs over wasi:http/outgoing-handler, so
// the host's network policy decides which requests leave the sandbox.

/** An error whose payload becomes the err case of the function's result. */
class ToolError extends Error {
  constructor(message) {
    super(message);
    this.payload = message;
  }
}

const MAX_BODY_CHARS = 1024 * 1024;

async function get(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new ToolError(`"${url}" is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ToolError(`cannot fetch "${url}": only http and https URLs are supported`);
  }
  let response;
  try {
    response = await fetch(parsed.href, { redirect: 'follow' });
  } catch (e) {
    throw new ToolError(
      `cannot fetch ${parsed.href}: ${String(e && e.message ? e.message : e).trim()} ` +
        `(the host may not be granted by the tool's policy, permissions.network.allow)`);
  }
  // Not response.text(): StarlingMonkey's throws on invalid UTF-8; this replaces it with U+FFFD.
  const body = new TextDecoder().decode(await response.arrayBuffer());
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body,
  };
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Resolves a link against the page's URL; keeps it as written if it does not parse. */
function resolve(href, base) {
  try {
    return new URL(decodeEntities(href), base).href;
  } catch {
    return href;
  }
}

/**
 * Converts HTML to simple Markdown, resolving links against `base`; good enough for reading a
 * page, not a full converter.
 */
function htmlToMarkdown(html, base) {
  let text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_, code) =>
      '\n\n```\n' + decodeEntities(code.replace(/<[^>]+>/g, '')).replace(/\n+$/, '') + '\n```\n\n')
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_, level, inner) =>
      `\n\n${'#'.repeat(Number(level))} ${inner.trim()}\n\n`)
    .replace(/<a\b[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi, (_, d, s, inner) =>
      `[${inner.trim()}](${resolve(d ?? s, base)})`)
    .replace(/<(strong|b)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi, '**$2**')
    .replace(/<(em|i)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi, '_$2_')
    .replace(/<code\b[^>]*>([\s\S]*?)<\/code\s*>/gi, '`$1`')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|section|article|header|footer|main|nav|ul|ol|table|tr|blockquote|hr|body|html)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '');
  const blocks = text.split(/(\n```\n[\s\S]*?\n```\n)/);
  return blocks
    .map((block, i) => {
      if (i % 2 === 1) {
        return block; // code blocks keep their whitespace
      }
      return decodeEntities(block)
        .replace(/[ \t\r\f\v]+/g, ' ')
        .replace(/ *\n */g, '\n')
        .replace(/\n{3,}/g, '\n\n');
    })
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim() + '\n';
}

/** Runs an export, turning any unexpected exception into an error result instead of a trap. */
async function guarded(what, action) {
  try {
    return await action();
  } catch (e) {
    throw e instanceof ToolError ? e : new ToolError(`${what} failed: ${e}`);
  }
}

export const http = {
  fetch(url) {
    return guarded(`fetch ${url}`, () => fetchText(url));
  },

  fetchRaw(url) {
    return guarded(`fetch-raw ${url}`, () => get(url));
  },
};

/** GET as text: HTML to Markdown, JSON pretty-printed, other text as is. */
async function fetchText(url) {
  const response = await get(url);
  if (response.status < 200 || response.status > 299) {
    throw new ToolError(`GET ${url} returned HTTP status ${response.status}`);
  }
  const type = response.contentType.split(';')[0].trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') {
    return htmlToMarkdown(response.body, url);
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.stringify(JSON.parse(response.body), null, 2) + '\n';
    } catch {
      return response.body;
    }
  }
  if (type === '' || type.startsWith('text/') || type.endsWith('+xml') || type === 'application/xml') {
    return response.body;
  }
  throw new ToolError(`GET ${url} returned ${type}, which is not text`);
}
