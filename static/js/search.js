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
  var MAX_SPLITS = 8, MAX_CHAIN = 64, PARTIAL_WEIGHT = 1000000, SYLLABLE_MAX = 6;
  var ELLIPSIS = '\u2026', SEP = '\u0001';
  var PREFIX = {word: 'w:', uni: 'u:', phrase: 'p:'};
  var has = Object.prototype.hasOwnProperty;

  function cps(s) { return Array.from(s); }
  function uniq(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  // ---------------------------------------------------------------- 1. plan

  // [atoms, word stem -> as typed, Han atom -> as typed before folding]
  function queryAtoms(query) {
    var text = query == null ? '' : String(query), clauses = T.queryClauses(text);
    var atoms = [], unfolded = new Map(), words = new Map();
    clauses.forEach(function (c) {
      var atom = PREFIX[c.type] + c.text;
      atoms.push(atom);
      if (has.call(c, 'typed')) unfolded.set(atom, c.typed);
    });
    var norm = cps(T.normalize(text)).slice(0, T.QUERY_MAX_CHARS), spans = T.tokenSpans(norm.join('')) || [];
    spans.forEach(function (sp) {
      if (sp[0] === 'word' && !words.has(sp[1])) words.set(sp[1], norm.slice(sp[3], sp[4]).join(''));
    });
    return [atoms, words, unfolded];
  }

  function label(alt, labels, words) {
    var key = alt.join(SEP);
    if (labels.has(key)) return labels.get(key);
    return alt.map(function (a) { return words.has(a.slice(2)) ? words.get(a.slice(2)) : a.slice(2); }).join(' ');
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

  function makePlan(query, synonyms, labels, stop) {
    var qa = queryAtoms(query), atoms = qa[0], words = qa[1], before = new Map(words);
    qa[2].forEach(function (t, a) { before.set(a.slice(2), t); });
    var none = new Map(), typed = [], unfolded = [];
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
      if (!found) {
        var atom = atoms[i];
        key = [atom];
        i++;
        if (!isHan(atom) && stop.has(atom.slice(2))) continue;
        groups.push(isHan(atom) ? hanAlternatives(atom.slice(2), han, hanLongest) : [[atom]]);
      }
      typed.push(label(key, none, words));
      unfolded.push(label(key, none, before));
    }
    return {atoms: atoms, groups: groups, typed: typed, unfolded: unfolded};
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

  // ---------------------------------------------------------------- 8. pinyin

  function latinWords(query) {
    var norm = cps(T.normalize(query == null ? '' : String(query))).slice(0, T.QUERY_MAX_CHARS);
    var spans = T.tokenSpans(norm.join('')) || [], words = [];
    spans.forEach(function (sp) { if (sp[0] === 'word') words.push(norm.slice(sp[3], sp[4]).join('')); });
    if (!words.length || words.length !== spans.length ||
        !words.every(function (w) { return /^[a-z]+$/.test(w); })) return null;
    return words;
  }

  function syllableSplits(letters, syllables) {
    var n = letters.length, ends = [], out = [];
    ends[n] = true;
    for (var i = n - 1; i >= 0; i--) {
      ends[i] = false;
      for (var k = 1; k <= Math.min(SYLLABLE_MAX, n - i); k++) {
        if (ends[i + k] && syllables.has(letters.slice(i, i + k))) { ends[i] = true; break; }
      }
    }
    function walk(i, acc) {
      if (out.length >= MAX_SPLITS) return;
      if (i === n) { out.push(acc); return; }
      for (var k = Math.min(SYLLABLE_MAX, n - i); k > 0; k--) {
        if (ends[i + k] && syllables.has(letters.slice(i, i + k))) walk(i + k, acc.concat([letters.slice(i, i + k)]));
      }
    }
    if (n && ends[0]) walk(0, []);
    return out;
  }

  function pinyinPieces(words, syllables) {
    if (words.length > 1 && words.every(function (w) {
      var splits = syllableSplits(w, syllables);
      return splits.length && splits[0].length >= 2;
    })) return words.slice();
    return [words.join('')];
  }

  function pinyinKeys(piece, syllables) {
    var keys = [];
    syllableSplits(piece, syllables).forEach(function (split) {
      for (var i = 0; i + 1 < split.length; i++) keys.push(split[i] + ' ' + split[i + 1]);
    });
    return uniq(keys);
  }

  function pinyinRuns(piece, syllables, pinyin) {
    var runs = [];
    syllableSplits(piece, syllables).forEach(function (split) {
      if (split.length < 2) return;
      var chain = pinyin(split[0] + ' ' + split[1]).slice(0, MAX_CHAIN);
      for (var i = 1; i + 1 < split.length; i++) {
        var following = pinyin(split[i] + ' ' + split[i + 1]), next = [];
        chain.forEach(function (run) {
          var last = cps(run).pop();
          following.forEach(function (bigram) {
            var b = cps(bigram);
            if (b[0] === last) next.push(run + b[1]);
          });
        });
        chain = next.slice(0, MAX_CHAIN);
      }
      chain.forEach(function (run) { if (runs.indexOf(run) < 0) runs.push(run); });
    });
    return runs.slice(0, MAX_ALTERNATIVES);
  }

  function pinyinPlan(words, syllables, pinyin) {
    var groups = [], typed = [], pieces = pinyinPieces(words, syllables);
    for (var i = 0; i < pieces.length; i++) {
      var runs = pinyinRuns(pieces[i], syllables, pinyin);
      if (!runs.length) return null;
      groups.push(runs.map(function (run) { return ['p:' + run]; }));
      typed.push(pieces.length > 1 ? pieces[i] : words.join(' '));
    }
    var atoms = [];
    groups.forEach(function (g) { g.forEach(function (alt) { atoms = atoms.concat(alt); }); });
    return {atoms: atoms, groups: groups, typed: typed, unfolded: typed};
  }

  // ---------------------------------------------------------------- 2. match

  // terms: the atom's (termsOf); frequencies(term): per field, Map doc -> [tf];
  // positions(term): per field, Map doc -> [tf, positions].
  function atomHits(terms, frequencies, positions) {
    var hits = new Map();
    function hit(doc) {
      var h = hits.get(doc);
      if (!h) hits.set(doc, h = [0, 0, 0]);
      return h;
    }
    if (terms.length === 1) {
      frequencies(terms[0]).forEach(function (plist, f) {
        plist.forEach(function (v, doc) { hit(doc)[f] = v[0]; });
      });
      return hits;
    }
    var lists = terms.map(positions);
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

  // [doc -> group score, doc -> alternative that explains it (own atoms if they match)]
  function groupScores(group, hitsOf, n) {
    var best = new Map(), choice = new Map(), own = new Set();
    group.forEach(function (alt, k) {
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
        if (k === 0) own.add(doc);
        if (value > (best.has(doc) ? best.get(doc) : -1)) {
          best.set(doc, value);
          if (!own.has(doc)) choice.set(doc, k);
        }
        if (k === 0) choice.set(doc, 0);
      });
    });
    return [best, choice];
  }

  function score(plan, hitsOf, n) {
    var scores = null, choices = [];
    plan.groups.forEach(function (group) {
      var bc = groupScores(group, hitsOf, n), best = bc[0];
      choices.push(bc[1]);
      if (scores === null) scores = best;
      else {
        var next = new Map();
        best.forEach(function (v, doc) { if (scores.has(doc)) next.set(doc, scores.get(doc) + v); });
        scores = next;
      }
    });
    return [scores || new Map(), choices];
  }

  function partialScore(plan, hitsOf, n) {
    var scores = new Map(), choices = [];
    plan.groups.forEach(function (group) {
      var bc = groupScores(group, hitsOf, n);
      choices.push(bc[1]);
      bc[0].forEach(function (v, doc) {
        scores.set(doc, (scores.has(doc) ? scores.get(doc) : 0) + PARTIAL_WEIGHT + v);
      });
    });
    return [scores, choices];
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

  // A topic's letter in d/ (export.topic_letter): a-z, A-Z, then from U+00C0 on.
  function topicOfLetter(letter) {
    var code = letter.charCodeAt(0);
    return code >= 0xC0 ? code - 0xC0 + 52 : code >= 0x61 ? code - 0x61 : code - 0x41 + 26;
  }

  async function loadAll(load, paths) {
    var files = {};
    await Promise.all(unique(paths).map(async function (p) { files[p] = await load(p); }));
    return files;
  }

  function topicWords(topics) {
    return topics.map(function (t) {
      var words = new Set();
      [t[1], t[2]].forEach(function (name) {
        T.indexTokens(name).forEach(function (tok) { if (tok[0] === 'word') words.add(tok[1]); });
      });
      return words;
    });
  }

  function why(plan, choices, hitsOf, doc, mode, labels, words_, docTopics, slugs) {
    var text = cps(plan.typed.join(' ')), words = new Map(), out = [], seen = new Set();
    (T.tokenSpans(text.join('')) || []).forEach(function (sp) {
      if (sp[0] === 'word' && !words.has(sp[1])) words.set(sp[1], text.slice(sp[3], sp[4]).join(''));
    });
    function add(reason) {
      var key = reason.join(SEP);
      if (!seen.has(key)) { seen.add(key); out.push(reason); }
    }
    plan.groups.forEach(function (group, g) {
      if (!choices[g].has(doc)) return;
      var k = choices[g].get(doc), alt = group[k];
      if (mode === 'pinyin') { add(['pinyin', plan.typed[g], label(alt, labels, words)]); return; }
      if (plan.unfolded[g] !== plan.typed[g]) add(['traditional', plan.unfolded[g], plan.typed[g]]);
      if (k > 0) add(['synonym', plan.typed[g], label(alt, labels, words)]);
      var context = new Set();
      alt.forEach(function (atom) {
        var tfs = hitsOf(atom).get(doc);
        if (tfs && !tfs[0] && !tfs[1]) context.add(atom.slice(2));
      });
      if (context.size) {
        var home = docTopics.find(function (t) {
          return Array.from(context).every(function (w) { return words_[t].has(w); });
        });
        add(home !== undefined ? ['topic', slugs[home]] : ['context']);
      }
    });
    return out;
  }

  // request: {q, topic, report, page, lang, exact}; load(path) -> Promise of JSON (or null).
  async function search(request, load) {
    var meta = await load('meta.json');
    T.setFold(meta.fold);
    var query = request.q, lang = request.lang === 'en' ? 'en' : 'zh';
    // Folding pairs for the query's characters (only those the index needs were exported).
    var folds = [];
    cps(T.normalizeUnfolded(query)).slice(0, T.QUERY_MAX_CHARS).forEach(function (ch) {
      if (ch.codePointAt(0) >= 0x3400) folds.push('f/' + (ch.codePointAt(0) % meta.foldShards) + '.json');
    });
    var foldFiles = await loadAll(load, folds);
    Object.keys(foldFiles).forEach(function (k) { T.setFold(foldFiles[k] || ''); });
    var labels = new Map(meta.labels.map(function (l) { return [l[0].join(SEP), l[1]]; }));
    var stop = new Set(meta.stop);
    // A word, a character or a bigram needs its frequencies (p/); a longer Chinese run
    // its bigrams' positions (q/), unless its hits are in p/ as if it were a term
    // (meta.phrases: the runs of the topics' names and the synonyms).
    var phrases = new Set(meta.phrases);
    function termsOf(atom) {
      return atom[0] === 'p' && phrases.has(atom.slice(2)) ? [atom.slice(2)] : atomTerms(atom);
    }
    var shards = {}, decoded = new Map(), cache = new Map();
    function shardOf(term, withPositions) {
      return withPositions ? 'q/' + (fnv1a(term) % meta.positionShards) + '.json'
        : 'p/' + (fnv1a(term) % meta.shards) + '.json';
    }
    async function need(atoms) {
      var paths = [];
      atoms.forEach(function (atom) {
        var terms = termsOf(atom);
        terms.forEach(function (t) {
          var path = shardOf(t, terms.length > 1);
          if (!has.call(shards, path)) paths.push(path);
        });
      });
      var files = await loadAll(load, paths);
      Object.keys(files).forEach(function (k) { shards[k] = files[k] || {}; });
    }
    function postingsOf(term, withPositions) {
      var key = (withPositions ? 'q' : 'p') + term;
      if (!decoded.has(key)) {
        var shard = shards[shardOf(term, withPositions)] || {};
        var record = has.call(shard, term) ? shard[term] : [[], [], []];
        decoded.set(key, record.map(function (flat) { return decodePostings(flat, withPositions); }));
      }
      return decoded.get(key);
    }
    function frequencies(term) { return postingsOf(term, false); }
    function positions(term) { return postingsOf(term, true); }
    function hitsOf(atom) {
      if (!cache.has(atom)) cache.set(atom, atomHits(termsOf(atom), frequencies, positions));
      return cache.get(atom);
    }

    // Steps 1-3 and 8 (engine.forgive).
    var typedPlan = makePlan(query, meta.synonyms, labels, stop), plan = typedPlan;
    await need(allAtoms(plan));
    var found = plan.groups.length ? score(plan, hitsOf, meta.n) : [new Map(), []];
    var mode = 'exact', corrected = null, suggested = null;
    if (plan.groups.length && !found[0].size) {
      var words = latinWords(query), done = false;
      if (words) {
        var syllables = new Set((await load('y/s.json')) || []), keys = [];
        var yShard = function (key) { return 'y/' + (fnv1a(key) % meta.pinyinShards) + '.json'; };
        pinyinPieces(words, syllables).forEach(function (piece) { keys = keys.concat(pinyinKeys(piece, syllables)); });
        var yFiles = await loadAll(load, uniq(keys).map(yShard));
        var pinyin = pinyinPlan(words, syllables, function (key) {
          var file = yFiles[yShard(key)] || {};
          return has.call(file, key) ? file[key] : [];
        });
        if (pinyin) {
          await need(allAtoms(pinyin));
          var byPinyin = score(pinyin, hitsOf, meta.n);
          if (byPinyin[0].size) { plan = pinyin; found = byPinyin; mode = 'pinyin'; done = true; }
        }
      }
      if (!done) {
        await need(typedPlan.atoms);
        var norm = cps(T.normalize(query)).slice(0, T.QUERY_MAX_CHARS).join('');
        var unknown = unknownWords(norm, hitsOf);
        if (unknown.length) {
          var letters = unknown.map(function (u) { return u[2][0]; })
            .filter(function (l) { return meta.letters.indexOf(l) >= 0; });
          var vocab = await loadAll(load, letters.map(function (l) { return 'v/' + l + '.json'; }));
          suggested = suggestion(norm, unknown, function (l) { return vocab['v/' + l + '.json'] || {}; });
        }
        if (suggested && !request.exact) {
          var better = makePlan(suggested, meta.synonyms, labels, stop);
          await need(allAtoms(better));
          var byCorrection = better.groups.length ? score(better, hitsOf, meta.n) : [new Map(), []];
          if (byCorrection[0].size) {
            plan = better; found = byCorrection; mode = 'corrected'; corrected = suggested; suggested = null; done = true;
          }
        }
        if (!done && plan.groups.length > 1) {
          var byPart = partialScore(plan, hitsOf, meta.n);
          if (byPart[0].size) { found = byPart; mode = 'partial'; suggested = null; }
        }
      }
    }
    var scores = found[0], choices = found[1];
    var order = ranked(scores);

    var D = meta.docShard;
    var info = await loadAll(load, order.map(function (d) { return 'd/' + Math.floor(d / D) + '.json'; }));
    var topicsOf = {};  // d/ file -> each document's topic letters
    Object.keys(info).forEach(function (k) { topicsOf[k] = (info[k] || '').split(' '); });
    function docTopics(doc) {
      return Array.from(topicsOf['d/' + Math.floor(doc / D) + '.json'][doc % D], topicOfLetter);
    }
    var reportOf = [];  // each document's report, from the runs of meta.json
    meta.reportRuns.forEach(function (run) { for (var k = 0; k < run[1]; k++) reportOf.push(run[0]); });
    function docReport(doc) { return reportOf[doc]; }
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
    var B = meta.textShard, names = topicWords(meta.topics);
    function textPath(doc) { return 't/' + lang + '/' + Math.floor(doc / B) + '.json'; }
    var texts = await loadAll(load, slice.map(textPath));
    var results = slice.map(function (doc) {
      var row = texts[textPath(doc)][doc % B];
      return {
        doc: doc, id: row[0], score: scores.get(doc),
        topics: docTopics(doc).map(function (t) { return slugs[t]; }),
        title: row[1], fallback: !!row[3], snippet: highlight(row[2], atoms),
        why: why(plan, choices, hitsOf, doc, mode, labels, names, docTopics(doc), slugs),
      };
    });
    return {
      query: queryText(query), searched: typedPlan.atoms.length > 0, mode: mode, corrected: corrected,
      total: order.length, topic: chosen === null ? null : slugs[chosen], count: shown.length,
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
        page: params.get('page'), exact: params.get('exact')}, true);
    });
  };

  Page.prototype.go = function (params, focusResults) {
    history.pushState(null, '', hrefFor(params));
    this.run(focusResults);
  };

  function hrefFor(params) {
    var out = new URLSearchParams();
    ['q', 'topic', 'report', 'page', 'exact'].forEach(function (k) {
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
    this.exact = params.get('exact') === '1' ? '1' : null;
    var request = {q: q, topic: params.get('topic'), report: params.get('report'), page: isFinite(n) ? n : 1,
      lang: this.lang, exact: !!this.exact};
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

  // A translated text with nodes in place of its %(name)s placeholders.
  Page.prototype.tNodes = function (name, nodes) {
    return this.t(name).split(/(%\(\w+\)s)/).map(function (part) {
      var m = /^%\((\w+)\)s$/.exec(part);
      return m && has.call(nodes, m[1]) ? nodes[m[1]] : part;
    }).filter(function (part) { return part !== ''; });
  };

  // A word of a reason: Chinese marked as such (traditional when typed so).
  function term(text, hant) {
    return /[\u3400-\u9fff\uf900-\ufaff]|[\ud840-\ud87f]/.test(text) ?
      el('span', {lang: hant ? 'zh-Hant' : 'zh-Hans'}, [text]) : document.createTextNode(text);
  }

  Page.prototype.reason = function (r) {
    if (r[0] === 'topic') return [this.t('why-topic', {topic: this.topicName(r[1])})];
    if (r[0] === 'context') return [this.t('why-context')];
    return this.tNodes('why-' + r[0], {found: term(r[2]), typed: term(r[1], r[0] === 'traditional')});
  };

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
        summary = self.t(r.total === 1 ? 'summary-one' : 'summary-other', {num: r.total, query: r.corrected || r.query});
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
      if (r.corrected) {
        box.appendChild(el('p', {class: 'search-suggestion'}, self.tNodes('corrected', {
          corrected: el('a', {href: hrefFor({q: r.corrected})}, [r.corrected]),
          query: el('a', {href: hrefFor({q: r.query, exact: '1'})}, [r.query])})));
      }
      if (r.suggestion) {
        box.appendChild(el('p', {class: 'search-suggestion'}, [self.t('didyoumean') + ' ',
          el('a', {href: hrefFor({q: r.suggestion})}, [r.suggestion])]));
      }
      if (r.mode === 'partial') box.appendChild(el('p', {class: 'search-partial'}, [self.t('partial')]));
      if (!r.total) {
        box.appendChild(el('div', {class: 'search-empty'}, [el('p', {}, [self.t('empty')]),
          self.topicList(self.allTopics)]));
        return;
      }
      var items = [el('li', {}, [el('a', {href: hrefFor({q: r.query, report: r.report, exact: self.exact}), 'aria-current': r.topic ? null : 'true'},
        [self.t('all') + ' ', el('span', {class: 'n'}, ['(' + r.total + ')'])])])];
      r.topics.forEach(function (tc) {
        items.push(el('li', {}, [el('a', {href: hrefFor({q: r.query, topic: tc[0], report: r.report, exact: self.exact}),
          'aria-current': r.topic === tc[0] ? 'true' : null},
        [self.topicName(tc[0]) + ' ', el('span', {class: 'n'}, ['(' + tc[1] + ')'])])]));
      });
      box.appendChild(el('nav', {class: 'search-filter', 'aria-label': self.t('filter')},
        [el('h2', {}, [self.t('filter')]), el('ul', {}, items)]));
      if (self.reportCount > 1) {
        var reportItems = [el('li', {}, [el('a', {href: hrefFor({q: r.query, topic: r.topic, exact: self.exact}),
          'aria-current': r.report ? null : 'true'},
        [self.t('all-reports') + ' ', el('span', {class: 'n'}, ['(' + r.total + ')'])])])];
        r.reports.forEach(function (rc) {
          reportItems.push(el('li', {}, [el('a', {href: hrefFor({q: r.query, topic: r.topic, report: rc[0], exact: self.exact}),
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
          ].concat(res.why.length ? [el('p', {class: 'search-why'}, [self.t('why') + ' '].concat(
            res.why.reduce(function (acc, reason, i) {
              return acc.concat(i ? ['; '] : [], self.reason(reason));
            }, [])))] : [], [self.topicList(res.topics)]));
        })));
      if (r.pages > 1) {
        var links = [];
        if (r.page > 1) {
          links.push(el('li', {}, [el('a', {rel: 'prev', href: hrefFor({q: r.query, topic: r.topic, report: r.report, page: r.page - 1, exact: self.exact})},
            [self.t('previous')])]));
        }
        if (r.page < r.pages) {
          links.push(el('li', {}, [el('a', {rel: 'next', href: hrefFor({q: r.query, topic: r.topic, report: r.report, page: r.page + 1, exact: self.exact})},
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
