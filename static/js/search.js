/* CommitmentSearch: the static site's search, twin of commitments/search/engine.py.
 *
 * The core, search(request, load), is a pure function of the query and a
 * loader: load(path) returns a promise of the parsed JSON file path of the
 * exported index (search-index/, see commitments/search/export.py), or null.
 * The browser passes fetch(); the parity test passes the file system (Node).
 * Every step mirrors engine.py (same names in camelCase, same integer
 * scores, same order, same snippets); the Python docstring is the spec.
 *
 * The page glue at the bottom runs only on the frozen search page
 * (data-home on #search-results): it reads ?q=&topic=&report=&page=, renders the same
 * markup as templates/search/index.html with DOM methods only (text nodes),
 * and keeps later queries on the page (history.pushState).
 * No dependencies but tokenize.js; no eval; no inline script needed.
 */
(function (root) {
  'use strict';
  var T = (root && root.CommitmentTokenizer) ||
    (typeof require === 'function' ? require('./tokenize.js') : null);
  var FIELDS = 3, WEIGHTS = [3, 3, 1], TF_CAP = 3, PAGE_SIZE = 10, MAX_ALTERNATIVES = 16;
  var SNIPPET_CHARS = 160, SNIPPET_LEAD = 40, SNIPPET_SOFT = 20, SUGGEST_MIN_LETTERS = 3;
  var ELLIPSIS = '\u2026', SEP = '\u0001';
  var PREFIX = {word: 'w:', uni: 'u:', phrase: 'p:'};
  var has = Object.prototype.hasOwnProperty;

  function cps(s) { return Array.from(s); }
  function uniq(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  // ---------------------------------------------------------------- 1. plan

  function atomsOf(text) {
    return T.queryClauses(text).map(function (c) { return PREFIX[c.type] + c.text; });
  }
  function isHan(atom) { return atom[0] === 'u' || atom[0] === 'p'; }
  function hanAtom(chars) { return (chars.length === 1 ? 'u:' : 'p:') + chars.join(''); }

  function dedupe(alternatives) {
    var seen = new Set(), out = [];
    alternatives.forEach(function (alt) {
      alt = uniq(alt);
      var key = alt.join(SEP);
      if (!seen.has(key)) { seen.add(key); out.push(alt); }
    });
    return out;
  }

  function makePlan(query, synonyms) {
    var atoms = atomsOf(query == null ? '' : String(query));
    var seq = new Map(), han = new Map(), longest = 0, hanLongest = 0;
    synonyms.forEach(function (entry) {
      var key = entry[0];
      if (key.length === 1 && isHan(key[0])) {
        han.set(key[0].slice(2), entry[1]);
        hanLongest = Math.max(hanLongest, cps(key[0].slice(2)).length);
      } else {
        seq.set(key.join(SEP), entry[1]);
        longest = Math.max(longest, key.length);
      }
    });
    var groups = [], i = 0;
    while (i < atoms.length) {
      var found = false;
      for (var len = Math.min(longest, atoms.length - i); len > 0; len--) {
        var key = atoms.slice(i, i + len);
        if (seq.has(key.join(SEP))) {
          groups.push(dedupe([key].concat(seq.get(key.join(SEP)))));
          i += len; found = true; break;
        }
      }
      if (found) continue;
      var atom = atoms[i];
      groups.push(isHan(atom) ? hanAlternatives(atom.slice(2), han, hanLongest) : [[atom]]);
      i++;
    }
    return {atoms: atoms, groups: groups};
  }

  function hanAlternatives(text, han, hanLongest) {
    var run = cps(text), occ = [], j = 0;
    while (j < run.length) {
      var hit = false;
      for (var len = Math.min(hanLongest, run.length - j); len > 0; len--) {
        var key = run.slice(j, j + len).join('');
        if (han.has(key)) { occ.push([j, j + len, key]); j += len; hit = true; break; }
      }
      if (!hit) j++;
    }
    if (!occ.length) return [[hanAtom(run)]];
    var combos = [[]];
    occ.forEach(function (o) {
      var options = [['p:' + o[2]]].concat(han.get(o[2])), next = [];
      combos.forEach(function (combo) {
        options.forEach(function (opt) { next.push(combo.concat([opt])); });
      });
      combos = next.slice(0, MAX_ALTERNATIVES);
    });
    return dedupe(combos.map(function (combo) {
      var atoms = [], buffer = [], last = 0;
      occ.forEach(function (o, k) {
        var choice = combo[k];
        buffer = buffer.concat(run.slice(last, o[0]));
        if (choice.length === 1 && isHan(choice[0])) {
          buffer = buffer.concat(cps(choice[0].slice(2)));
        } else {
          if (buffer.length) atoms.push(hanAtom(buffer));
          buffer = [];
          atoms = atoms.concat(choice);
        }
        last = o[1];
      });
      buffer = buffer.concat(run.slice(last));
      if (buffer.length) atoms.push(hanAtom(buffer));
      return atoms;
    }));
  }

  function allAtoms(plan) {
    var out = [];
    plan.groups.forEach(function (group) {
      group.forEach(function (alt) { out = out.concat(alt); });
    });
    return uniq(out);
  }

  function atomTerms(atom) {
    var text = cps(atom.slice(2));
    if (atom[0] === 'p' && text.length > 2) {
      var out = [];
      for (var i = 0; i + 1 < text.length; i++) out.push(text[i] + text[i + 1]);
      return out;
    }
    return [text.join('')];
  }

  // ---------------------------------------------------------------- 2. match

  function atomHits(atom, postings) {
    var terms = atomTerms(atom), hits = new Map();
    function hit(doc) {
      var h = hits.get(doc);
      if (!h) hits.set(doc, h = [0, 0, 0]);
      return h;
    }
    if (terms.length === 1) {
      postings(terms[0]).forEach(function (plist, f) {
        plist.forEach(function (v, doc) { hit(doc)[f] = v[0]; });
      });
      return hits;
    }
    var lists = terms.map(postings);
    for (var f = 0; f < FIELDS; f++) {
      var first = lists[0][f];
      Array.from(first.keys()).sort(function (a, b) { return a - b; }).forEach(function (doc) {
        for (var k = 1; k < lists.length; k++) if (!lists[k][f].has(doc)) return;
        var later = lists.slice(1).map(function (l) { return new Set(l[f].get(doc)[1]); });
        var count = first.get(doc)[1].filter(function (p) {
          return later.every(function (s, k) { return s.has(p + k + 1); });
        }).length;
        if (count) hit(doc)[f] = count;
      });
    }
    return hits;
  }

  function atomMatches(atom, tfs) {
    return isHan(atom) ? tfs[0] > 0 : tfs.some(function (tf) { return tf > 0; });
  }

  // ---------------------------------------------------------------- 3. score

  function idf(df, n) {
    if (df <= 0) return 0;
    var limit = (n + 1) * (n + 1), value = df * df, k = 0;
    while (value * 2 <= limit) { value *= 2; k++; }
    return 1 + k;
  }

  function score(plan, hitsOf, n) {
    var scores = null;
    plan.groups.forEach(function (group) {
      var best = new Map();
      group.forEach(function (alt) {
        var total = null;
        alt.forEach(function (atom) {
          var hits = hitsOf(atom), weight = idf(hits.size, n), points = new Map();
          hits.forEach(function (tfs, doc) {
            if (atomMatches(atom, tfs) && (total === null || total.has(doc))) {
              var sum = 0;
              for (var f = 0; f < FIELDS; f++) sum += WEIGHTS[f] * Math.min(tfs[f], TF_CAP);
              points.set(doc, weight * sum);
            }
          });
          if (total !== null) points.forEach(function (p, doc) { points.set(doc, total.get(doc) + p); });
          total = points;
        });
        (total || new Map()).forEach(function (value, doc) {
          if (value > (best.has(doc) ? best.get(doc) : -1)) best.set(doc, value);
        });
      });
      if (scores === null) scores = best;
      else {
        var next = new Map();
        best.forEach(function (v, doc) { if (scores.has(doc)) next.set(doc, scores.get(doc) + v); });
        scores = next;
      }
    });
    return scores || new Map();
  }

  function ranked(scores) {
    return Array.from(scores.keys()).sort(function (a, b) {
      return scores.get(b) - scores.get(a) || a - b;
    });
  }

  // ---------------------------------------------------------------- 5. snippet

  function highlight(text, atoms) {
    var chars = cps(text), marks = findMarks(text, atoms), n = chars.length, start = 0, end = n;
    if (n > SNIPPET_CHARS) {
      var anchor = marks.length ? marks[0][0] : 0;
      start = Math.min(Math.max(0, anchor - SNIPPET_LEAD), n - SNIPPET_CHARS);
      end = start + SNIPPET_CHARS;
      if (start > 0) {
        var head = chars.slice(start, start + SNIPPET_SOFT).indexOf(' ');
        if (head >= 0) start += head + 1;
      }
      if (end < n) {
        var tail = chars.slice(end - SNIPPET_SOFT, end).lastIndexOf(' ');
        if (tail >= 0) end = end - SNIPPET_SOFT + tail;
      }
    }
    var out = [];
    function put(piece, marked) {
      if (!piece) return;
      if (out.length && out[out.length - 1][1] === marked) out[out.length - 1][0] += piece;
      else out.push([piece, marked]);
    }
    if (start > 0) put(ELLIPSIS, false);
    var at = start;
    marks.forEach(function (m) {
      var a = Math.max(m[0], start), b = Math.min(m[1], end);
      if (a >= b) return;
      put(chars.slice(at, a).join(''), false);
      put(chars.slice(a, b).join(''), true);
      at = b;
    });
    put(chars.slice(at, end).join(''), false);
    if (end < n) put(ELLIPSIS, false);
    return out;
  }

  function findMarks(text, atoms) {
    var spans = T.tokenSpans(text);
    if (!spans || !spans.length) return [];
    var words = new Set(), unis = new Set(), runs = [], marks = [];
    atoms.forEach(function (a) {
      if (a[0] === 'w') words.add(a.slice(2));
      else if (a[0] === 'u') unis.add(a.slice(2));
      else runs.push(cps(a.slice(2)));
    });
    var charsAt = new Map(), bigramAt = new Map();
    spans.forEach(function (s) {
      if (s[0] === 'word') { if (words.has(s[1])) marks.push([s[3], s[4]]); }
      else if (s[0] === 'uni') {
        charsAt.set(s[2], [s[3], s[4]]);
        if (unis.has(s[1])) marks.push([s[3], s[4]]);
      } else bigramAt.set(s[2], s[1]);
    });
    var positions = Array.from(bigramAt.keys()).sort(function (a, b) { return a - b; });
    runs.forEach(function (run) {
      positions.forEach(function (pos) {
        for (var k = 0; k + 1 < run.length; k++) {
          if (bigramAt.get(pos + k) !== run[k] + run[k + 1]) return;
        }
        marks.push([charsAt.get(pos)[0], charsAt.get(pos + run.length - 1)[1]]);
      });
    });
    marks.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    var merged = [];
    marks.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
      else merged.push([m[0], m[1]]);
    });
    return merged;
  }

  // ---------------------------------------------------------------- 6. did you mean

  function levenshtein(a, b) {
    a = cps(a); b = cps(b);
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1,
          previous[j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0)));
      }
      previous = current;
    }
    return previous[b.length];
  }

  function unknownWords(norm, hitsOf) {
    var chars = cps(norm), out = [];
    (T.tokenSpans(norm) || []).forEach(function (s) {
      var word = chars.slice(s[3], s[4]).join('');
      if (s[0] === 'word' && /^[a-z]+$/.test(word) && word.length >= SUGGEST_MIN_LETTERS &&
          hitsOf('w:' + s[1]).size === 0) out.push([s[3], s[4], word]);
    });
    return out;
  }

  function bestWord(word, vocabulary) {
    var limit = word.length <= 4 ? 1 : 2, best = null;
    Object.keys(vocabulary).forEach(function (candidate) {
      if (candidate === word || Math.abs(candidate.length - word.length) > limit) return;
      var distance = levenshtein(word, candidate), df = vocabulary[candidate];
      if (distance > limit) return;
      if (best === null || distance < best[0] || (distance === best[0] &&
          (df > best[1] || (df === best[1] && candidate < best[2])))) {
        best = [distance, df, candidate];
      }
    });
    return best ? best[2] : null;
  }

  function suggestion(norm, unknown, vocabularyOf) {
    var chars = cps(norm), text = '', changed = false, last = 0;
    unknown.forEach(function (u) {
      var better = bestWord(u[2], vocabularyOf(u[2][0]));
      text += chars.slice(last, u[0]).join('') + (better || u[2]);
      changed = changed || better !== null;
      last = u[1];
    });
    return changed ? text + chars.slice(last).join('') : null;
  }

  // ---------------------------------------------------------------- the whole search

  function queryText(query) {
    var chars = cps(query == null ? '' : String(query)).slice(0, T.QUERY_MAX_CHARS);
    return chars.map(function (c) {
      var n = c.codePointAt(0);
      return n < 32 || (n >= 127 && n < 160) || (n >= 0xD800 && n <= 0xDFFF) ? ' ' : c;
    }).join('');
  }

  function fnv1a(term) {
    var h = 0x811C9DC5;
    for (var ch of term) { h ^= ch.codePointAt(0); h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }

  function decodePostings(flat, bigram) {
    var out = new Map(), i = 0, doc = 0;
    while (i < flat.length) {
      doc += flat[i];
      var tf = flat[i + 1], positions = [];
      i += 2;
      if (bigram) {
        for (var k = 0, acc = 0; k < tf; k++) { acc += flat[i + k]; positions.push(acc); }
        i += tf;
      }
      out.set(doc, [tf, positions]);
    }
    return out;
  }

  function unique(list) { return uniq(list); }

  async function loadAll(load, paths) {
    var files = {};
    await Promise.all(unique(paths).map(async function (p) { files[p] = await load(p); }));
    return files;
  }

  // request: {q, topic, report, page, lang}; load(path) -> Promise of JSON (or null).
  async function search(request, load) {
    var meta = await load('meta.json');
    var query = request.q, lang = request.lang === 'en' ? 'en' : 'zh';
    var plan = makePlan(query, meta.synonyms);
    var bigrams = new Set(), terms = [];
    allAtoms(plan).forEach(function (atom) {
      atomTerms(atom).forEach(function (t) {
        terms.push(t);
        if (atom[0] === 'p') bigrams.add(t);
      });
    });
    terms = unique(terms);
    function shardOf(term) { return 'p/' + (fnv1a(term) % meta.shards) + '.json'; }
    var shards = await loadAll(load, terms.map(shardOf));
    var decoded = new Map();
    function postings(term) {
      if (!decoded.has(term)) {
        var shard = shards[shardOf(term)] || {};
        var record = has.call(shard, term) ? shard[term] : [[], [], []];
        decoded.set(term, record.map(function (flat) { return decodePostings(flat, bigrams.has(term)); }));
      }
      return decoded.get(term);
    }
    var cache = new Map();
    function hitsOf(atom) {
      if (!cache.has(atom)) cache.set(atom, atomHits(atom, postings));
      return cache.get(atom);
    }
    var scores = plan.groups.length ? score(plan, hitsOf, meta.n) : new Map();
    var order = ranked(scores);

    var D = meta.docShard;
    var info = await loadAll(load, order.map(function (d) { return 'd/' + Math.floor(d / D) + '.json'; }));
    function docTopics(doc) { return info['d/' + Math.floor(doc / D) + '.json'].t[doc % D]; }
    function docReport(doc) { return info['d/' + Math.floor(doc / D) + '.json'].r[doc % D]; }
    var slugs = meta.topics.map(function (t) { return t[0]; });
    var counts = slugs.map(function () { return 0; });
    order.forEach(function (doc) { docTopics(doc).forEach(function (t) { counts[t]++; }); });
    var topicCounts = [];
    counts.forEach(function (c, i) { if (c) topicCounts.push([i, c]); });
    topicCounts.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var chosen = slugs.indexOf(request.topic);
    if (chosen < 0) chosen = null;
    var reports = meta.reports.map(function (r) { return r[0]; });
    var perReport = reports.map(function () { return 0; });
    order.forEach(function (doc) { var r = docReport(doc); if (r >= 0) perReport[r]++; });
    var reportCounts = [];
    perReport.forEach(function (c, i) { if (c) reportCounts.push([reports[i], c]); });
    var chosenReport = reports.indexOf(request.report);
    if (chosenReport < 0) chosenReport = null;
    var shown = order.filter(function (d) {
      return (chosen === null || docTopics(d).indexOf(chosen) >= 0) &&
        (chosenReport === null || docReport(d) === chosenReport);
    });
    var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    var page = Number.isInteger(request.page) ? request.page : 1;
    page = Math.min(Math.max(1, page), pages);
    var atoms = allAtoms(plan), slice = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    var B = meta.textShard;
    function textPath(doc) { return 't/' + lang + '/' + Math.floor(doc / B) + '.json'; }
    var texts = await loadAll(load, slice.map(textPath));
    var results = slice.map(function (doc) {
      var row = texts[textPath(doc)][doc % B];
      return {
        doc: doc, id: row[0], score: scores.get(doc),
        topics: docTopics(doc).map(function (t) { return slugs[t]; }),
        title: row[1], fallback: !!row[3], snippet: highlight(row[2], atoms),
      };
    });
    var suggested = null;
    if (plan.groups.length && !order.length) {
      var norm = cps(T.normalize(query)).slice(0, T.QUERY_MAX_CHARS).join('');
      var unknown = unknownWords(norm, hitsOf);
      if (unknown.length) {
        var letters = unknown.map(function (u) { return u[2][0]; })
          .filter(function (l) { return meta.letters.indexOf(l) >= 0; });
        var vocab = await loadAll(load, letters.map(function (l) { return 'v/' + l + '.json'; }));
        suggested = suggestion(norm, unknown, function (l) { return vocab['v/' + l + '.json'] || {}; });
      }
    }
    return {
      query: queryText(query), searched: plan.groups.length > 0, total: order.length,
      topic: chosen === null ? null : slugs[chosen], count: shown.length,
      topics: topicCounts.map(function (ic) { return [slugs[ic[0]], ic[1]]; }),
      report: chosenReport === null ? null : reports[chosenReport], reports: reportCounts,
      page: page, pages: pages, results: results, suggestion: suggested,
    };
  }

  var api = {search: search, makePlan: makePlan, highlight: highlight, idf: idf,
    levenshtein: levenshtein, fnv1a: fnv1a, queryText: queryText, PAGE_SIZE: PAGE_SIZE};
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (root) root.CommitmentSearch = api;

  // ---------------------------------------------------------------- the page (browser only)

  if (!root || typeof document === 'undefined') return;
  var script = document.currentScript;
  var INDEX = new URL('../../search-index/', script ? script.src : location.href);

  function start() {
    var box = document.getElementById('search-results');
    if (!box || !box.hasAttribute('data-home')) return;  // the live server answers itself
    var page = new Page(box);
    page.hookForms();
    window.addEventListener('popstate', function () { page.run(); });
    page.run();
  }

  function Page(box) {
    this.box = box;
    this.lang = box.getAttribute('data-lang') === 'en' ? 'en' : 'zh';
    var home = box.getAttribute('data-home') || '../index.html';
    this.suffix = /index\.html$/.test(home) ? 'index.html' : '';
    this.base = home.replace(/index\.html$/, '');
    this.input = document.getElementById('search-q');
    var lang = document.querySelector('a.lang-switch');
    this.langSwitch = lang;
    this.langHref = lang ? lang.getAttribute('href').split('?')[0] : null;
    this.title = document.title;
    this.files = new Map();
    this.version = null;
  }

  Page.prototype.t = function (name, values) {
    var text = this.box.getAttribute('data-t-' + name) || '';
    return text.replace(/%\((\w+)\)s/g, function (m, key) {
      return values && has.call(values, key) ? String(values[key]) : m;
    });
  };

  Page.prototype.load = function (path) {
    var self = this;
    if (!this.files.has(path)) {
      var url = new URL(path, INDEX);
      if (path !== 'meta.json' && this.version) url.search = 'v=' + this.version;
      this.files.set(path, fetch(url.href, path === 'meta.json' ? {cache: 'no-cache'} : {})
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + ' ' + path);
          return response.json();
        }).then(function (data) {
          if (path === 'meta.json') self.version = data.version;
          return data;
        }).catch(function (error) { self.files.delete(path); throw error; }));
    }
    return this.files.get(path);
  };

  Page.prototype.hookForms = function () {
    var self = this, here = location.pathname;
    Array.prototype.forEach.call(document.querySelectorAll('form[role=search]'), function (form) {
      var target = new URL(form.getAttribute('action') || '', location.href);
      if (target.pathname !== here && target.pathname.replace(/index\.html$/, '') !== here.replace(/index\.html$/, '')) return;
      form.addEventListener('submit', function (event) {
        var q = form.querySelector('input[name=q]');
        if (!q) return;
        event.preventDefault();
        self.go({q: q.value});
      });
    });
    this.box.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('a[href^="?"]') : null;
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
      event.preventDefault();
      var params = new URLSearchParams(link.getAttribute('href').slice(1));
      self.go({q: params.get('q') || '', topic: params.get('topic'), report: params.get('report'),
        page: params.get('page')}, true);
    });
  };

  Page.prototype.go = function (params, focusResults) {
    history.pushState(null, '', hrefFor(params));
    this.run(focusResults);
  };

  function hrefFor(params) {
    var out = new URLSearchParams();
    ['q', 'topic', 'report', 'page'].forEach(function (k) {
      if (params[k] && !(k === 'page' && String(params[k]) === '1')) out.set(k, params[k]);
    });
    return '?' + out.toString();
  }

  Page.prototype.run = function (focusResults) {
    var self = this, params = new URLSearchParams(location.search);
    var q = params.get('q') || '', shown = queryText(q);
    if (this.input) this.input.value = shown;
    if (this.langSwitch) {
      this.langSwitch.setAttribute('href', this.langHref + (shown.trim() ? hrefFor({q: shown, topic: params.get('topic'), report: params.get('report')}) : ''));
    }
    document.title = shown.trim() ? this.title.replace(/^[^–]*/, this.t('title', {query: shown}) + ' ') : this.title;
    if (location.protocol === 'file:') { this.message(this.t('file')); return; }
    if (!shown.trim()) { this.clear(); return; }
    var n = parseInt(params.get('page') || '1', 10);
    var request = {q: q, topic: params.get('topic'), report: params.get('report'), page: isFinite(n) ? n : 1,
      lang: this.lang};
    this.box.setAttribute('aria-busy', 'true');
    if (!this.box.querySelector('.search-result')) {
      this.clear();
      this.box.appendChild(el('p', {class: 'search-summary'}, [this.t('searching')]));
    }
    var token = this.token = {};
    search(request, function (path) { return self.load(path); }).then(function (result) {
      if (token !== self.token) return;
      self.render(result);
      if (focusResults) { var s = self.box.querySelector('.search-summary'); if (s) { s.tabIndex = -1; s.focus(); } }
    }, function () {
      if (token === self.token) self.message(self.t('error'));
    }).then(function () { self.box.removeAttribute('aria-busy'); });
  };

  // DOM building: el('p', {class: 'x'}, [children]) — text children are text nodes.
  function el(name, attrs, children) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] !== null) node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  Page.prototype.clear = function () {
    while (this.box.firstChild) this.box.removeChild(this.box.firstChild);
  };

  Page.prototype.topicName = function (slug) {
    return this.names[slug] || slug;
  };

  Page.prototype.topicList = function (slugs) {
    var self = this;
    return el('ul', {class: 'tags'}, slugs.map(function (slug) {
      return el('li', {}, [el('a', {href: self.base + 'topics/' + slug + '/' + self.suffix}, [self.topicName(slug)])]);
    }));
  };

  // A notice, and a link to the topics (no fetch: this is for when fetching fails).
  Page.prototype.message = function (text) {
    this.clear();
    this.box.appendChild(el('p', {class: 'notice', role: 'status'}, [text + ' ',
      el('a', {href: this.base + 'topics/' + this.suffix}, [this.t('topics')])]));
  };

  Page.prototype.setNames = function (meta) {
    var self = this;
    this.names = {};
    meta.topics.forEach(function (t) { self.names[t[0]] = self.lang === 'en' ? t[2] : t[1]; });
    this.allTopics = meta.browse;
    this.reportNames = {};
    this.reportCount = meta.reports.length;
    meta.reports.forEach(function (r) { self.reportNames[r[0]] = self.lang === 'en' ? r[2] : r[1]; });
  };

  Page.prototype.render = function (r) {
    var self = this, box = this.box;
    var meta = this.files.get('meta.json');
    return meta.then(function (m) {
      self.setNames(m);
      self.clear();
      box.appendChild(el('h2', {class: 'visually-hidden', id: 'search-results-heading'}, [self.t('results')]));
      var summary;
      if (!r.searched) summary = self.t('nothing');
      else if (r.total) {
        summary = self.t(r.total === 1 ? 'summary-one' : 'summary-other', {num: r.total, query: r.query});
        if (r.topic) {
          summary += ' ' + self.t(r.count === 1 ? 'topic-one' : 'topic-other',
            {num: r.count, topic: self.topicName(r.topic)});
        }
        if (r.report) {
          summary += ' ' + self.t(r.count === 1 ? 'report-one' : 'report-other',
            {num: r.count, report: self.reportNames[r.report] || r.report});
        }
      } else summary = self.t('none', {query: r.query});
      box.appendChild(el('p', {class: 'search-summary', role: 'status'}, [summary]));
      if (r.suggestion) {
        box.appendChild(el('p', {class: 'search-suggestion'}, [self.t('didyoumean') + ' ',
          el('a', {href: hrefFor({q: r.suggestion})}, [r.suggestion])]));
      }
      if (!r.total) {
        box.appendChild(el('div', {class: 'search-empty'}, [el('p', {}, [self.t('empty')]),
          self.topicList(self.allTopics)]));
        return;
      }
      var items = [el('li', {}, [el('a', {href: hrefFor({q: r.query, report: r.report}), 'aria-current': r.topic ? null : 'true'},
        [self.t('all') + ' ', el('span', {class: 'n'}, ['(' + r.total + ')'])])])];
      r.topics.forEach(function (tc) {
        items.push(el('li', {}, [el('a', {href: hrefFor({q: r.query, topic: tc[0], report: r.report}),
          'aria-current': r.topic === tc[0] ? 'true' : null},
        [self.topicName(tc[0]) + ' ', el('span', {class: 'n'}, ['(' + tc[1] + ')'])])]));
      });
      box.appendChild(el('nav', {class: 'search-filter', 'aria-label': self.t('filter')},
        [el('h2', {}, [self.t('filter')]), el('ul', {}, items)]));
      if (self.reportCount > 1) {
        var reportItems = [el('li', {}, [el('a', {href: hrefFor({q: r.query, topic: r.topic}),
          'aria-current': r.report ? null : 'true'},
        [self.t('all-reports') + ' ', el('span', {class: 'n'}, ['(' + r.total + ')'])])])];
        r.reports.forEach(function (rc) {
          reportItems.push(el('li', {}, [el('a', {href: hrefFor({q: r.query, topic: r.topic, report: rc[0]}),
            'aria-current': r.report === rc[0] ? 'true' : null},
          [(self.reportNames[rc[0]] || rc[0]) + ' ', el('span', {class: 'n'}, ['(' + rc[1] + ')'])])]));
        });
        box.appendChild(el('nav', {class: 'search-filter', 'aria-label': self.t('filter-report')},
          [el('h2', {}, [self.t('filter-report')]), el('ul', {}, reportItems)]));
      }
      box.appendChild(el('ol', {class: 'search-list', start: String((r.page - 1) * PAGE_SIZE + 1)},
        r.results.map(function (res) {
          var lang = res.fallback ? 'zh-Hans' : null;
          return el('li', {class: 'search-result'}, [
            el('a', {class: 'search-result-link', lang: lang,
              href: self.base + 'commitments/' + encodeURIComponent(res.id) + '/' + self.suffix},
            res.snippet.map(function (s) { return s[1] ? el('mark', {}, [s[0]]) : s[0]; })),
            el('p', {class: 'search-result-title', lang: lang}, [res.title]),
            self.topicList(res.topics),
          ]);
        })));
      if (r.pages > 1) {
        var links = [];
        if (r.page > 1) {
          links.push(el('li', {}, [el('a', {rel: 'prev', href: hrefFor({q: r.query, topic: r.topic, report: r.report, page: r.page - 1})},
            [self.t('previous')])]));
        }
        if (r.page < r.pages) {
          links.push(el('li', {}, [el('a', {rel: 'next', href: hrefFor({q: r.query, topic: r.topic, report: r.report, page: r.page + 1})},
            [self.t('next')])]));
        }
        box.appendChild(el('nav', {class: 'search-pages', 'aria-label': self.t('pages')},
          [el('p', {}, [self.t('page', {page: r.page, pages: r.pages})]), el('ul', {}, links)]));
      }
    });
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})(typeof window !== 'undefined' ? window : null);
