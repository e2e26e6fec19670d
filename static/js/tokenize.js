/* CommitmentTokenizer: browser twin of commitments/search/tokenize.py.
 *
 * Same specification (the Python module docstring is authoritative; both are
 * checked against tests/data/tokenizer_vectors.json):
 * 1. normalize(t) = fold(NFKC(casefold(NFKC(t)))). Case folding = toLowerCase
 *    plus the few full-case-folding differences (ß ς U+0345 Cherokee U+1C80-88);
 *    fold = traditional -> simplified, one char for one, from the table that
 *    setFold() installs (the part of OpenCC's table the index needs, exported
 *    by commitments/search/export.py; nothing is folded before).
 * 2. Code points (after normalising) are Han, word characters, ignorable
 *    (deleted: combining marks, soft hyphen, zero-width/bidi controls,
 *    variation selectors) or separators (everything else: punctuation,
 *    symbols, controls, emoji, kana, Hangul, other scripts). Explicit ranges
 *    below, identical to the Python ones.
 * 3. A Han run is a maximal run of Han chars. A word is a maximal run of word
 *    chars, plus "." between two ASCII digits (2.1, pm2.5), "," after a digit
 *    before exactly three digits (21,000) and a final "%" directly after a
 *    digit (5%). "/" and every other char separate. Words of ASCII letters
 *    only are Porter2-stemmed (port of whoosh.lang.porter2). Numbers are
 *    written one way (no commas, no leading/trailing zeros) and take a
 *    following multiplier 万亿/亿/万/千 (after spaces, if any): 2.1万 -> 21000;
 *    queries drop the multiplier from the Han run, documents keep it.
 *    No stop words, no query syntax.
 * 4. indexTokens: [kind, text, pos]; one position counter, +1 per Han char
 *    and per word; Han char i of a run -> ["uni", c, p+i] and, unless last,
 *    ["bi", c+next, p+i]; word -> ["word", stem, p].
 * 5. queryClauses: normalise, keep the first 200 code points, then
 *    {type:"uni",text} for 1-char runs, {type:"phrase",text,bigrams} for
 *    longer runs (plus typed: the run unfolded, when folding changed it),
 *    {type:"word",text:stem}; identical clauses deduped.
 * 6. tokenSpans: indexTokens plus code-point offsets [start, end) in the
 *    original text; null unless it normalises character by character.
 * No dependencies, no eval. Works in browsers and under Node.
 */
(function (root) {
  'use strict';
  var QUERY_MAX_CHARS = 200;
  var HAN = [0x2E80, 0x2FDF, 0x3005, 0x3007, 0x3021, 0x3029, 0x3038, 0x303B,
    0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x3FFFF];
  var WORD = [0x30, 0x39, 0x61, 0x7A, 0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x24F,
    0x370, 0x374, 0x376, 0x3F5, 0x3F7, 0x481, 0x48A, 0x52F, 0x1E00, 0x1FFF];
  var IGNORABLE = [0xAD, 0xAD, 0x300, 0x36F, 0x483, 0x489, 0x1AB0, 0x1AFF,
    0x1DC0, 0x1DFF, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x206F,
    0x20D0, 0x20FF, 0xFE00, 0xFE0F, 0xFE20, 0xFE2F, 0xFEFF, 0xFEFF,
    0xE0000, 0xE0FFF];
  var FOLD = {'\u00df': 'ss', '\u03c2': '\u03c3', '\u0345': '\u03b9', '\u1c80': '\u0432',
    '\u1c81': '\u0434', '\u1c82': '\u043e', '\u1c83': '\u0441',
    '\u1c84': '\u0442', '\u1c85': '\u0442', '\u1c86': '\u044a',
    '\u1c87': '\u0463', '\u1c88': '\ua64b'};

  function inRanges(r, cp) {
    var lo = 0, hi = r.length / 2 - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cp < r[2 * mid]) hi = mid - 1;
      else if (cp > r[2 * mid + 1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  function normalizeUnfolded(text) {
    if (text == null) return '';
    var s = String(text).normalize('NFKC').toLowerCase();
    if (!/[^\x00-\x7f]/.test(s)) return s;
    return s.replace(/[\u00df\u03c2\u0345\u1c80-\u1c88\u13f8-\u13fd\uab70-\uabbf\u1f80-\u1fff]/g, fold)
      .normalize('NFKC');
  }
  function normalize(text) { return foldHan(normalizeUnfolded(text)); }

  // Traditional -> simplified: pairs installed by setFold("養养醫医…").
  var HAN_FOLD = new Map();
  function setFold(pairs) {
    var cs = Array.from(pairs || '');
    for (var i = 0; i + 1 < cs.length; i += 2) HAN_FOLD.set(cs[i], cs[i + 1]);
  }
  function foldHan(s) {
    if (!HAN_FOLD.size || !/[^\x00-\x7f]/.test(s)) return s;
    var out = '';
    for (var ch of s) out += HAN_FOLD.get(ch) || ch;
    return out;
  }
  // Full case folding of one lowercase char, where it differs from toLowerCase.
  function fold(c) {
    var n = c.charCodeAt(0);
    if (n >= 0x1f80 && n <= 0x1fff) return c.normalize('NFD').replace('\u0345', '\u03b9');
    return FOLD[c] || String.fromCharCode(n >= 0xab70 ? n - 0x97d0 : n - 8);
  }

  // Segments of normalised text: [true, [han chars], start] or [false, word,
  // start]; start indexes the kept chars, idx (optional) receives each kept
  // char's code-point index in s.
  function segments(s, idx) {
    var chars = [], kinds = [], out = [], run = null, word = '', st = 0, n = -1;
    for (var ch of s) {
      var cp = ch.codePointAt(0);
      n++;
      if (inRanges(IGNORABLE, cp)) continue;
      if (idx) idx.push(n);
      chars.push(ch);
      kinds.push(inRanges(HAN, cp) ? 'H' : cp >= 0x30 && cp <= 0x39 ? 'D' :
        inRanges(WORD, cp) ? 'W' : 'S');
    }
    function flush() {
      if (run) out.push([true, run, st]);
      if (word) out.push([false, word, st]);
      run = null; word = '';
    }
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i], k = kinds[i];
      var afterDigit = word !== '' && kinds[i - 1] === 'D';
      if (k === 'H') {
        if (word) flush();
        if (!run) { run = []; st = i; }
        run.push(c);
      } else if (k === 'D' || k === 'W' || (c === '.' && afterDigit && kinds[i + 1] === 'D') ||
          (c === ',' && afterDigit && kinds[i + 1] === 'D' && kinds[i + 2] === 'D' &&
           kinds[i + 3] === 'D' && kinds[i + 4] !== 'D')) {
        if (run) flush();
        if (word === '') st = i;
        word += c;
      } else if (c === '%' && afterDigit) {
        word += c; flush();
      } else flush();
    }
    flush();
    out.chars = chars;
    return out;
  }

  var NUMBER = /^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?%?$/;
  var MULTIPLIERS = [['\u4e07\u4ebf', 12], ['\u4ebf', 8], ['\u4e07', 4], ['\u5343', 3]];

  function numberText(word, shift) {
    var percent = /%$/.test(word) ? '%' : '';
    var parts = word.replace(/%$/, '').replace(/,/g, '').split('.');
    var whole = parts[0], decimals = parts.length > 1 ? parts[1] : '';
    if (shift) {
      while (decimals.length < shift) decimals += '0';
      whole += decimals.slice(0, shift);
      decimals = decimals.slice(shift);
    }
    whole = whole.replace(/^0+/, '') || '0';
    decimals = decimals.replace(/0+$/, '');
    return whole + (decimals ? '.' + decimals : '') + percent;
  }

  // Segments with numbers written one way: [true, run, start, end, lead] or
  // [false, token, start, end] (end: after a multiplier the number took).
  function units(s, idx) {
    var segs = segments(s, idx), chars = segs.chars, out = [], lead = 0;
    segs.forEach(function (seg, k) {
      if (seg[0]) { out.push([true, seg[1], seg[2], seg[2] + seg[1].length, lead]); lead = 0; return; }
      var w = seg[1], start = seg[2], end = start + w.length;
      if (!NUMBER.test(w)) { out.push([false, stemNormalized(w), start, end]); return; }
      var shift = 0, next = segs[k + 1];
      if (!/%$/.test(w) && next && next[0] && /^ *$/.test(chars.slice(end, next[2]).join(''))) {
        var head = next[1].slice(0, 2).join('');
        for (var m = 0; m < MULTIPLIERS.length; m++) {
          if (head.indexOf(MULTIPLIERS[m][0]) === 0) {
            shift = MULTIPLIERS[m][1]; lead = Array.from(MULTIPLIERS[m][0]).length;
            end = next[2] + lead;
            break;
          }
        }
      }
      out.push([false, numberText(w, shift), start, end]);
    });
    return out;
  }

  // ---- Porter2, a faithful port of whoosh.lang.porter2 ----
  var R_EXP = /^[^aeiouy]*[aeiouy]+[^aeiouy]/;
  var EXCEPTIONS = {skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie',
    tying: 'tie', idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli',
    only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe',
    atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes'};
  var EARLY_EXIT = ['inning', 'outing', 'canning', 'herring', 'earring',
    'proceed', 'exceed', 'succeed'];
  var S2 = [['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'],
    ['ousness', 'ous'], ['iveness', 'ive'], ['tional', 'tion'], ['biliti', 'ble'],
    ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'], ['alism', 'al'],
    ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'],
    ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'],
    ['ator', 'ate'], ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og', 'l'],
    ['li', '', 'cdeghkmnrt']];
  var S3 = [['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'],
    ['icate', 'ic'], ['iciti', 'ic'], ['ative', '', 1], ['ical', 'ic'],
    ['ness', ''], ['ful', '']];
  var S4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement',
    'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

  function isVowel(c) { return c !== '' && 'aeiouy'.indexOf(c) >= 0; }
  function ends(w, s) { return w.slice(-s.length) === s; }
  function cut(w, n) { return w.slice(0, w.length - n); }

  function getR1(w) {
    if (/^(gener|arsen)/.test(w)) return 5;
    if (/^commun/.test(w)) return 6;
    var m = R_EXP.exec(w);
    return m ? m[0].length : w.length;
  }
  function getR2(w) {
    var r1 = getR1(w), m = R_EXP.exec(w.slice(r1));
    return m ? r1 + m[0].length : w.length;
  }
  function shortSyllable(w) {
    return (w.length === 2 && /^[aeiouy][^aeiouy]$/.test(w)) ||
      /[^aeiouy][aeiouy][^aeiouywxY]$/.test(w);
  }
  function isShort(w) { return shortSyllable(w) && getR1(w) === w.length; }

  function step1a(w) {
    if (ends(w, 'sses')) return cut(w, 2);
    if (ends(w, 'ied') || ends(w, 'ies')) return cut(w, 3) + (w.length > 4 ? 'i' : 'ie');
    if (ends(w, 'us') || ends(w, 'ss')) return w;
    if (ends(w, 's') && /[aeiouy]./.test(cut(w, 1))) return cut(w, 1);
    return w;
  }
  function step1b(w, r1) {
    if (ends(w, 'eedly')) return w.length - 5 >= r1 ? cut(w, 3) : w;
    if (ends(w, 'eed')) return w.length - 3 >= r1 ? cut(w, 1) : w;
    var sufs = ['ed', 'edly', 'ing', 'ingly'];
    for (var i = 0; i < sufs.length; i++) {
      if (!ends(w, sufs[i])) continue;
      var p = cut(w, sufs[i].length);
      if (!/[aeiouy]/.test(p)) return w;
      if (/(at|bl|iz)$/.test(p)) return p + 'e';
      if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(p)) return cut(p, 1);
      return isShort(p) ? p + 'e' : p;
    }
    return w;
  }
  function step1c(w) {
    var n = w.length;
    if ((ends(w, 'y') || (ends(w, 'Y') && n > 1)) && !isVowel(w.charAt(n - 2)) && n > 2) {
      return cut(w, 1) + 'i';
    }
    return w;
  }
  function step2(w, r1) {
    for (var i = 0; i < S2.length; i++) {
      var t = S2[i];
      if (!ends(w, t[0])) continue;
      var p = cut(w, t[0].length);
      if (p.length >= r1 && (!t[2] || t[2].indexOf(p.slice(-1)) >= 0 && p !== '')) return p + t[1];
      return w;
    }
    return w;
  }
  function step3(w, r1, r2) {
    for (var i = 0; i < S3.length; i++) {
      var t = S3[i];
      if (!ends(w, t[0])) continue;
      var n = w.length - t[0].length;
      return n >= r1 && (!t[2] || n >= r2) ? cut(w, t[0].length) + t[1] : w;
    }
    return w;
  }
  function step4(w, r2) {
    for (var i = 0; i < S4.length; i++) {
      if (ends(w, S4[i])) return w.length - S4[i].length >= r2 ? cut(w, S4[i].length) : w;
    }
    if ((ends(w, 'sion') || ends(w, 'tion')) && w.length - 3 >= r2) return cut(w, 3);
    return w;
  }
  function step5(w, r1, r2) {
    var n = w.length;
    if (ends(w, 'l')) return n - 1 >= r2 && w.charAt(n - 2) === 'l' ? cut(w, 1) : w;
    if (ends(w, 'e') && (n - 1 >= r2 || (n - 1 >= r1 && !shortSyllable(cut(w, 1))))) return cut(w, 1);
    return w;
  }
  function porter2(w) {
    if (w.length <= 2) return w;
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, w)) return EXCEPTIONS[w];
    if (w.charAt(0) === 'y') w = 'Y' + w.slice(1);
    w = w.replace(/([aeiouy])y/g, '$1Y');
    var r1 = getR1(w), r2 = getR2(w);
    w = step1a(w);
    if (EARLY_EXIT.indexOf(w) >= 0) return w;
    w = step5(step4(step3(step2(step1c(step1b(w, r1)), r1), r1, r2), r2), r1, r2);
    return w.replace(/Y/g, 'y');
  }

  var stemCache = new Map();
  function stemNormalized(w) {
    if (!/^[a-z]+$/.test(w)) return w;
    var s = stemCache.get(w);
    if (s === undefined) {
      if (stemCache.size > 50000) stemCache.clear();
      stemCache.set(w, s = porter2(w));
    }
    return s;
  }
  function stem(word) { return stemNormalized(normalize(word)); }

  function indexTokens(text) {
    var out = [], pos = 0;
    units(normalize(text)).forEach(function (seg) {
      if (!seg[0]) { out.push(['word', seg[1], pos++]); return; }
      var r = seg[1];
      for (var i = 0; i < r.length; i++) {
        out.push(['uni', r[i], pos + i]);
        if (i + 1 < r.length) out.push(['bi', r[i] + r[i + 1], pos + i]);
      }
      pos += r.length;
    });
    return out;
  }

  function queryClauses(query) {
    var typed = '', n = 0;
    for (var ch of normalizeUnfolded(query)) {
      if (n++ >= QUERY_MAX_CHARS) break;
      typed += ch;
    }
    var s = foldHan(typed), typedChars = segments(typed).chars;
    var out = [], seen = new Set();
    units(s).forEach(function (seg) {
      var c, r = seg[1];
      if (!seg[0]) c = {type: 'word', text: r};
      else {
        r = r.slice(seg[4]);
        if (!r.length) return;
        if (r.length === 1) c = {type: 'uni', text: r[0]};
        else {
          c = {type: 'phrase', text: r.join(''), bigrams: []};
          for (var i = 0; i + 1 < r.length; i++) c.bigrams.push(r[i] + r[i + 1]);
        }
        var was = typedChars.slice(seg[2] + seg[4], seg[3]).join('');
        if (was !== c.text) c.typed = was;
      }
      var key = c.type + ':' + c.text;
      if (!seen.has(key)) { seen.add(key); out.push(c); }
    });
    return out;
  }

  function tokenSpans(text) {
    var src = text == null ? '' : String(text), norm = normalize(src);
    var origin = [], joined = '', i = 0, idx = [], out = [], pos = 0;
    for (var ch of src) {
      var nc = normalize(ch);
      joined += nc;
      for (var k of nc) origin.push(i);
      i++;
    }
    if (joined !== norm) return null;
    function span(kind, tok, p, a, b) {
      out.push([kind, tok, p, origin[idx[a]], origin[idx[b - 1]] + 1]);
    }
    units(norm, idx).forEach(function (seg) {
      var r = seg[1], a = seg[2];
      if (!seg[0]) { span('word', r, pos++, a, seg[3]); return; }
      for (var j = 0; j < r.length; j++) {
        span('uni', r[j], pos + j, a + j, a + j + 1);
        if (j + 1 < r.length) span('bi', r[j] + r[j + 1], pos + j, a + j, a + j + 2);
      }
      pos += r.length;
    });
    return out;
  }

  var api = {normalize: normalize, normalizeUnfolded: normalizeUnfolded, setFold: setFold,
    indexTokens: indexTokens, tokenSpans: tokenSpans, queryClauses: queryClauses, stem: stem,
    QUERY_MAX_CHARS: QUERY_MAX_CHARS};
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (root) root.CommitmentTokenizer = api;
})(typeof window !== 'undefined' ? window : null);
