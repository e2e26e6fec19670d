// Run static/js/search.js under Node over an exported index, for the parity
// test and the benchmark:  node replay.js SEARCH_JS INDEX_DIR REQUESTS_JSON OUT_JSON
//
// REQUESTS_JSON is a list of {q, topic, page, lang}. For each, OUT_JSON gets the
// result and the index files the query fetched with an empty cache, in order,
// exactly as the browser's loader would fetch them.
'use strict';
const fs = require('fs');
const path = require('path');

const [searchJs, indexDir, requestsPath, outPath] = process.argv.slice(2);
const S = require(path.resolve(searchJs));
const requests = JSON.parse(fs.readFileSync(requestsPath, 'utf8'));
const cache = new Map();

function read(name) {
  if (!cache.has(name)) {
    const file = path.join(indexDir, name);
    cache.set(name, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
  }
  const text = cache.get(name);
  return text === null ? null : JSON.parse(text);
}

(async () => {
  const out = [];
  for (const request of requests) {
    const fetched = [];
    const started = process.hrtime.bigint();
    const result = await S.search(request, async (name) => {
      if (!fetched.includes(name)) fetched.push(name);
      return read(name);
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    out.push({result, fetched, ms});
  }
  fs.writeFileSync(outPath, JSON.stringify(out));
})().catch((error) => {
  console.error(error && error.stack || error);
  process.exit(1);
});
