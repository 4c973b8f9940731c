// A real wasi:http client: StarlingMonkey's fetch(), built with componentize-js (build.sh).
export async function get(url) {
  try {
    const response = await fetch(url);
    return `${response.status} ${await response.text()}`;
  } catch (e) {
    throw `fetch failed: ${e && e.message ? e.message : e}`;
  }
}
