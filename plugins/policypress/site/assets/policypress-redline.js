/* policypress: the build's redline engine (plugins/policypress/diff/redline.py), ported line for line so
   that the compare page shows, for any two versions, exactly the redline a build would publish. It reads
   the leaf data each archived version publishes (diff/export.py) and reproduces the alignment of blocks,
   the pairing of edited blocks, move detection, word-level marks, numbering and counts. Python's
   difflib.SequenceMatcher is ported too (autojunk off, no junk), and Python's notions of white space and
   word characters are spelled out, so both sides cut and compare words the same way.
   tests/test_browser.py checks the two engines agree on real version histories. */
(function () {
  "use strict";

  // -- Python's character classes -------------------------------------------------------------------
  var WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var W = "\\p{L}\\p{N}_";  // str.isalnum() or "_": what Python's \w matches
  var CHARS = "\\u0e00-\\u0eff\\u1000-\\u109f\\u1780-\\u17ff\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f";
  var TOKEN = new RegExp(
    "[" + WS + "]+" +
    "|[" + W + ".+\\-]+@[" + W + "\\-]+(?:\\.[" + W + "\\-]+)+" +
    "|(?:https?|ftp)://[^" + WS + "<>\"]+?(?=[.,;:!?)\\]]*(?:[" + WS + "]|$))" +
    "|\\p{Nd}+(?:[.,:/]\\p{Nd}+)+" +
    "|[" + CHARS + "]" +
    "|(?:(?![" + CHARS + "])[" + W + "])+" +
    "|(?:(?![" + W + WS + "])[\\s\\S])", "gu");
  var SPACES = new RegExp("[" + WS + "]+", "gu");
  var ONLY_SPACE = new RegExp("^[" + WS + "]+$", "u");
  var EDGES = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "gu");
  var TRAILING = new RegExp("[" + WS + "]+$", "u");
  var ALNUM = /[\p{L}\p{N}]/u;
  var TAG_NAME = new RegExp("^<([^" + WS + "/>]+)", "u");
  var HEADINGS = { h1: 1, h2: 1, h3: 1, h4: 1, h5: 1, h6: 1 };
  var PAIR_THRESHOLD = 0.5, LONE_PAIR_THRESHOLD = 0.25, DP_LIMIT = 20000;
  var MOVE_THRESHOLD = 0.85, MIN_MOVE_WORDS = 4;

  function strip(text) { return text.replace(EDGES, ""); }
  function isSpace(text) { return ONLY_SPACE.test(text); }
  function escapeText(text) { return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function escapeAttr(text) { return escapeText(text).replace(/"/g, "&quot;").replace(/'/g, "&#x27;"); }
  function startTag(tag, attrs) {
    var parts = [tag];
    for (var i = 0; i < attrs.length; i++) {
      parts.push(attrs[i][1] === null ? attrs[i][0] : attrs[i][0] + '="' + escapeAttr(attrs[i][1]) + '"');
    }
    return "<" + parts.join(" ") + ">";
  }
  function close(start) { var m = TAG_NAME.exec(start); return m ? "</" + m[1] + ">" : ""; }
  function codePoints(text) { return Array.from(text); }

  // -- difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), for arrays of strings --------
  function opcodes(a, b) {
    var b2j = new Map();
    for (var n = 0; n < b.length; n++) {
      var list = b2j.get(b[n]);
      if (list) list.push(n); else b2j.set(b[n], [n]);
    }
    var nothing = [];
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var newj2len = new Map(), js = b2j.get(a[i]) || nothing;
        for (var x = 0; x < js.length; x++) {
          var j = js[x];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (j2len.get(j - 1) || 0) + 1;
          newj2len.set(j, k);
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = newj2len;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var queue = [[0, a.length, 0, b.length]], blocks = [];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        blocks.push(m);
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    blocks.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    var i1 = 0, j1 = 0, k1 = 0, merged = [];
    for (var t = 0; t < blocks.length; t++) {
      var i2 = blocks[t][0], j2 = blocks[t][1], k2 = blocks[t][2];
      if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
      else { if (k1) merged.push([i1, j1, k1]); i1 = i2; j1 = j2; k1 = k2; }
    }
    if (k1) merged.push([i1, j1, k1]);
    merged.push([a.length, b.length, 0]);
    var ia = 0, jb = 0, answer = [];
    for (var s = 0; s < merged.length; s++) {
      var ai = merged[s][0], bj = merged[s][1], size = merged[s][2], tag = "";
      if (ia < ai && jb < bj) tag = "replace"; else if (ia < ai) tag = "delete"; else if (jb < bj) tag = "insert";
      if (tag) answer.push([tag, ia, ai, jb, bj]);
      ia = ai + size; jb = bj + size;
      if (size) answer.push(["equal", ai, ia, bj, jb]);
    }
    return answer;
  }

  // -- blocks (diff/blocks.py) ----------------------------------------------------------------------
  function Token(text, kind, context, ck) { this.text = text; this.kind = kind; this.context = context; this.ck = ck; }

  function Leaf(chain, items) {
    this.chain = chain;
    this.items = items;  // {kind: "text" | "html", text, context: [start tags], ck: context key}
    this.container = chain.length ? chain[chain.length - 1] : null;
    this._tokens = null; this._key = null; this._signature = null;
  }
  Leaf.prototype.tokens = function () {
    if (this._tokens === null) {
      var tokens = [];
      for (var i = 0; i < this.items.length; i++) {
        var item = this.items[i];
        if (item.kind === "html") { tokens.push(new Token(item.text, "html", item.context, item.ck)); continue; }
        var pieces = item.text.match(TOKEN) || [];
        for (var p = 0; p < pieces.length; p++) {
          tokens.push(new Token(pieces[p], isSpace(pieces[p]) ? "space" : "word", item.context, item.ck));
        }
      }
      this._tokens = tokens;
    }
    return this._tokens;
  };
  Leaf.prototype.runs = function () {
    return this.items.map(function (item) {
      return new Token(item.text, item.kind === "html" ? "html" : "word", item.context, item.ck);
    });
  };
  Leaf.prototype.plain = function () {
    return strip(this.items.map(function (item) { return item.kind !== "html" ? item.text : " "; }).join(""));
  };
  Leaf.prototype.tag = function () { return this.container ? this.container.tag : ""; };
  Leaf.prototype.key = function () {
    if (this._key === null) {
      var words = this.items.map(function (item) {
        return item.kind !== "html" ? item.text : "\u0000" + item.text + "\u0000";
      }).join(" ");
      this._key = this.tag() + "\u0001" + strip(words.replace(SPACES, " "));
    }
    return this._key;
  };
  Leaf.prototype.signature = function () {
    if (this._signature === null) {
      var parts = [];
      for (var i = 0; i < this.items.length; i++) {
        var item = this.items[i];
        if (strip(item.text) || item.kind === "html") parts.push([item.kind, strip(item.text.replace(SPACES, " ")), item.ck]);
      }
      this._signature = JSON.stringify(parts);
    }
    return this._signature;
  };

  /* A version's data (diff/export.py) as leaves whose chains share node objects, as the parser's do. */
  function readLeaves(data) {
    if (!data || data.format !== 1) throw new Error("unknown block data format");
    var nodes = data.nodes.map(function (n) { return { tag: n[0], attrs: n[1] }; });
    var contexts = data.contexts.map(function (c) { return { list: c, key: JSON.stringify(c) }; });
    return data.leaves.map(function (leaf) {
      return new Leaf(leaf[0].map(function (i) { return nodes[i]; }), leaf[1].map(function (item) {
        var context = contexts[item[2]];
        return { kind: item[0] === 1 ? "html" : "text", text: item[1], context: context.list, ck: context.key };
      }));
    });
  }
  function attr(node, name) {
    for (var i = 0; i < node.attrs.length; i++) if (node.attrs[i][0] === name) return node.attrs[i][1];
    return null;
  }

  // -- helpers of diff/redline.py -------------------------------------------------------------------
  function countWords(tokens) {
    var n = 0;
    for (var i = 0; i < tokens.length; i++) if (tokens[i].kind === "word" && ALNUM.test(tokens[i].text)) n++;
    return n;
  }
  function plain(tokens) { return strip(tokens.map(function (t) { return t.kind !== "html" ? t.text : " "; }).join("")); }
  function excerpt(tokens) {
    var text = plain(tokens).replace(SPACES, " "), points = codePoints(text);
    return points.length <= 160 ? text : points.slice(0, 159).join("").replace(TRAILING, "") + "\u2026";
  }
  function units(tokens) {
    var out = [];
    for (var i = 0; i < tokens.length; i++) {
      if (tokens[i].kind === "space" && out.length) out[out.length - 1].push(tokens[i]);
      else out.push([tokens[i]]);
    }
    return out;
  }
  function unitKey(unit) { return unit[0].text + "\u0000" + unit[0].ck; }
  function flat(list) { var out = []; for (var i = 0; i < list.length; i++) out.push.apply(out, list[i]); return out; }
  function bag(leaf) {
    if (!leaf._bag) {
      var counts = new Map(), total = 0, tokens = leaf.tokens();
      for (var i = 0; i < tokens.length; i++) {
        if (tokens[i].kind !== "word") continue;
        var word = tokens[i].text.toLowerCase();
        counts.set(word, (counts.get(word) || 0) + 1);
        total++;
      }
      leaf._bag = { counts: counts, total: total };
    }
    return leaf._bag;
  }
  function similarity(a, b) {
    var total = a.total + b.total, common = 0;
    if (!total) return 1.0;
    a.counts.forEach(function (count, word) { var other = b.counts.get(word); if (other) common += Math.min(count, other); });
    return 2 * common / total;
  }

  function pairRegion(old, neu) {
    var m = old.length, n = neu.length, threshold = m === 1 && n === 1 ? LONE_PAIR_THRESHOLD : PAIR_THRESHOLD;
    function score(i, j) {
      if (old[i].tag() !== neu[j].tag()) return 0.0;
      var value = similarity(bag(old[i]), bag(neu[j]));
      return value >= threshold ? value : 0.0;
    }
    var pairs = [], i, j;
    if (m * n <= DP_LIMIT) {
      var best = [];
      for (i = 0; i <= m; i++) best.push(new Float64Array(n + 1));
      for (i = m - 1; i >= 0; i--) {
        for (j = n - 1; j >= 0; j--) {
          var s = score(i, j);
          best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], s ? best[i + 1][j + 1] + s : 0.0);
        }
      }
      i = 0; j = 0;
      while (i < m && j < n) {
        var sc = score(i, j);
        if (sc && best[i][j] === best[i + 1][j + 1] + sc) { pairs.push([i, j]); i++; j++; }
        else if (best[i][j] === best[i + 1][j]) i++;
        else j++;
      }
    } else {
      j = 0;
      for (i = 0; i < m; i++) {
        var value = 0.0, k = -1, first = true;
        for (var c = j; c < Math.min(n, j + 25); c++) {
          var v = score(i, c);
          if (first || v > value || (v === value && c > k)) { value = v; k = c; first = false; }  // max() of (score, k)
        }
        if (value) { pairs.push([i, k]); j = k + 1; }
      }
    }
    var result = [];
    i = 0; j = 0;
    pairs.push([m, n]);
    for (var p = 0; p < pairs.length; p++) {
      var pi = pairs[p][0], pj = pairs[p][1], x;
      for (x = i; x < pi; x++) result.push([old[x], null]);
      for (x = j; x < pj; x++) result.push([null, neu[x]]);
      if (pi < m && pj < n) result.push([old[pi], neu[pj]]);
      i = pi + 1; j = pj + 1;
    }
    return result;
  }

  function align(old, neu) {
    var ops = opcodes(old.map(function (x) { return x.key(); }), neu.map(function (x) { return x.key(); }));
    var result = [];
    ops.forEach(function (op) {
      var i1 = op[1], i2 = op[2], j1 = op[3], j2 = op[4], x;
      if (op[0] === "equal") for (x = 0; x < i2 - i1; x++) result.push([old[i1 + x], neu[j1 + x]]);
      else if (op[0] === "delete") for (x = i1; x < i2; x++) result.push([old[x], null]);
      else if (op[0] === "insert") for (x = j1; x < j2; x++) result.push([null, neu[x]]);
      else result.push.apply(result, pairRegion(old.slice(i1, i2), neu.slice(j1, j2)));
    });
    return result;
  }

  // -- moves ----------------------------------------------------------------------------------------
  function Move(old, neu, first) {
    this.old = old; this.neu = neu; this.first = first; this.number = null;
    this.oldSection = ""; this.oldSectionId = null; this.newSection = ""; this.newSectionId = null; this._ops = null;
  }
  Move.prototype.ops = function () {
    if (this._ops === null) {
      var a = units(this.old.tokens()), b = units(this.neu.tokens());
      this._ops = [a, b, opcodes(a.map(unitKey), b.map(unitKey))];
    }
    return this._ops;
  };
  Move.prototype.edits = function () {
    var o = this.ops(), removed = 0, added = 0;
    o[2].forEach(function (op) {
      if (op[0] === "equal") return;
      removed += countWords(flat(o[0].slice(op[1], op[2])));
      added += countWords(flat(o[1].slice(op[3], op[4])));
    });
    return [removed, added];
  };
  Move.prototype.marked = function (origin) {
    var o = this.ops(), list = origin ? o[0] : o[1], out = [];
    o[2].forEach(function (op) {
      var lo = origin ? op[1] : op[3], hi = origin ? op[2] : op[4];
      for (var u = lo; u < hi; u++) {
        for (var t = 0; t < list[u].length; t++) {
          var token = list[u][t];
          if (op[0] !== "equal" && token.kind !== "space") {
            var context = ['<mark class="pp-edit">'].concat(token.context);
            token = new Token(token.text, token.kind, context, JSON.stringify(context));
          }
          out.push(token);
        }
      }
    });
    return out;
  };

  function headingTitle(leaf) {
    return strip(leaf.items.filter(function (item) {
      return item.kind === "text" && !item.context.some(function (c) { return c.indexOf("headerlink") >= 0; });
    }).map(function (item) { return item.text; }).join("").replace(SPACES, " "));
  }

  function findMoves(aligned) {
    var deleted = [], inserted = [], found = new Map();
    aligned.forEach(function (pair, i) {
      if (pair[1] === null && pair[0] !== null) deleted.push([i, pair[0]]);
      if (pair[0] === null && pair[1] !== null) inserted.push([i, pair[1]]);
    });
    if (!deleted.length || !inserted.length) return found;
    var taken = new Set();
    deleted.forEach(function (d) {
      var i = d[0], old = d[1];
      if (HEADINGS[old.tag()] || bag(old).total < MIN_MOVE_WORDS) return;
      var best = null, score = 0.0;
      inserted.forEach(function (c) {
        var neu = c[1];
        if (taken.has(neu) || neu.tag() !== old.tag()) return;
        var value = similarity(bag(old), bag(neu));
        if (value > score) { best = c; score = value; }
      });
      if (best !== null && score >= MOVE_THRESHOLD) {
        taken.add(best[1]);
        var move = new Move(old, best[1], i < best[0] ? "old" : "new");
        found.set(old, move); found.set(best[1], move);
      }
    });
    if (found.size) {
      var oldSection = "", oldId = null, newSection = "", newId = null, newIds = new Set();
      aligned.forEach(function (pair) {
        if (pair[1] !== null && pair[1].container !== null && HEADINGS[pair[1].container.tag]) newIds.add(attr(pair[1].container, "id"));
      });
      aligned.forEach(function (pair) {
        [[pair[0], "old"], [pair[1], "new"]].forEach(function (spec) {
          var leaf = spec[0], side = spec[1];
          if (leaf === null) return;
          if (leaf.container !== null && HEADINGS[leaf.container.tag]) {
            var title = headingTitle(leaf);
            if (side === "old") { oldSection = title; oldId = attr(leaf.container, "id"); }
            else { newSection = title; newId = attr(leaf.container, "id"); }
          }
          var move = found.get(leaf);
          if (move) {
            if (side === "old" && leaf === move.old) { move.oldSection = oldSection; move.oldSectionId = newIds.has(oldId) ? oldId : null; }
            else if (side === "new" && leaf === move.neu) { move.newSection = newSection; move.newSectionId = newId; }
          }
        });
      });
    }
    return found;
  }

  // -- the writer (diff/redline.py _Writer) ----------------------------------------------------------
  function Writer(links) {
    this.out = []; this.stack = []; this.ids = new Set(); this.changes = [];
    this.wordsAdded = 0; this.wordsRemoved = 0; this.section = null; this.headings = [];
    this.links = links || {};  // start tags and HTML pieces as the site rewrote their links
  }
  Writer.prototype.shown = function (html) {
    return Object.prototype.hasOwnProperty.call(this.links, html) ? this.links[html] : html;
  };
  Writer.prototype.openChain = function (chain, mark, foreign) {
    var common = 0, stack = this.stack, out = this.out;
    while (common < stack.length && common < chain.length && stack[common] === chain[common]) common++;
    for (var c = stack.length - 1; c >= common; c--) out.push("</" + stack[c].tag + ">");
    stack.length = common;
    for (var index = common; index < chain.length; index++) {
      var node = chain[index], attrs = [], classes = [];
      for (var a = 0; a < node.attrs.length; a++) {
        var name = node.attrs[a][0], value = node.attrs[a][1];
        if (name === "id") {
          if (foreign.has(node) || (value !== null && this.ids.has(value))) continue;
          this.ids.add(value === null ? "" : value);
        }
        if (name === "class") { classes.push(value || ""); continue; }
        attrs.push([name, value]);
      }
      if (mark && index === chain.length - 1) classes.push(mark);
      if (classes.length) attrs.push(["class", classes.filter(function (x) { return x; }).join(" ")]);
      if (node.tag === "hr") { out.push(startTag("hr", attrs)); continue; }
      out.push(startTag(node.tag, attrs));
      stack.push(node);
    }
  };
  Writer.prototype.closeAll = function () { this.openChain([], null, new Set()); };
  Writer.prototype.inline = function (tokens, wrapper, change, first, css) {
    var out = this.out;
    if (wrapper) {
      var attrs = change ? ' data-pp-change="' + change + '"' : "";
      if (first && change) attrs = ' id="pp-change-' + change + '"' + attrs;
      if (css) attrs += ' class="' + css + '"';
      out.push("<" + wrapper + attrs + ">");
    }
    var stack = [], stackKey = "[]", text = [], s;
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i], context = token.context;
      if (token.ck !== stackKey) {
        if (text.length) { out.push(escapeText(text.join(""))); text = []; }
        var common = 0;
        while (common < stack.length && common < context.length && stack[common] === context[common]) common++;
        for (s = stack.length - 1; s >= common; s--) out.push(close(stack[s]));
        for (s = common; s < context.length; s++) out.push(this.shown(context[s]));
        stack = context; stackKey = token.ck;
      }
      if (token.kind === "html") {
        if (text.length) { out.push(escapeText(text.join(""))); text = []; }
        out.push(this.shown(token.text));
      } else text.push(token.text);
    }
    if (text.length) out.push(escapeText(text.join("")));
    for (s = stack.length - 1; s >= 0; s--) out.push(close(stack[s]));
    if (wrapper) out.push("</" + wrapper + ">");
  };
  Writer.prototype.newChange = function (kind, before, after) {
    var number = this.changes.length + 1;
    this.changes.push({ number: number, kind: kind, section: this.section, before: excerpt(before), after: excerpt(after) });
    if (kind !== "formatting" && kind !== "moved") {
      this.wordsRemoved += countWords(before);
      this.wordsAdded += countWords(after);
    }
    return number;
  };
  Writer.prototype.trackSection = function (leaf, foreign) {
    var container = leaf.container;
    if (container !== null && HEADINGS[container.tag]) {
      this.section = { id: foreign ? null : attr(container, "id"), title: headingTitle(leaf) };
      var level = Number(container.tag.charAt(1));
      while (this.headings.length && this.headings[this.headings.length - 1] >= level) this.headings.pop();
      this.headings.push(level);
    }
  };
  Writer.prototype.whole = function (leaf, chain, wrapper, foreign) {
    this.trackSection(leaf, wrapper === "del");
    this.openChain(chain, wrapper === "ins" ? "pp-inserted" : "pp-deleted", foreign);
    var items = leaf.items;
    if (items.length === 1 && items[0].kind === "html" && items[0].text === "" && !items[0].context.length &&
        leaf.container && leaf.container.tag === "hr") return;
    var tokens = leaf.tokens();
    var number = this.newChange(wrapper === "del" ? "deleted" : "inserted", wrapper === "del" ? tokens : [],
                                wrapper === "del" ? [] : tokens);
    this.inline(tokens, wrapper, number, true);
  };
  Writer.prototype.moved = function (leaf, chain, side, move, foreign) {
    var origin = side === "del";
    this.trackSection(leaf, origin);
    this.openChain(chain, origin ? "pp-moved-from" : "pp-moved-to", foreign);
    if (move.number === null) {
      move.number = this.newChange("moved", move.old.tokens(), move.neu.tokens());
      var change = this.changes[this.changes.length - 1];
      if (move.newSection) change.section = { id: move.newSectionId, title: move.newSection };
      if (move.oldSection) change.movedFrom = { id: move.oldSectionId, title: move.oldSection };
      var edits = move.edits();
      this.wordsRemoved += edits[0];
      this.wordsAdded += edits[1];
    }
    var tokens = move.marked(origin);
    var anchor = "pp-move-" + move.number + "-" + (origin ? "from" : "to");
    var target = "pp-move-" + move.number + "-" + (origin ? "to" : "from");
    var first = (origin && move.first === "old") || (!origin && move.first === "new");
    this.out.push("<" + side + ' class="pp-moved" id="' + (first ? "pp-change-" + move.number : anchor) +
                  '" data-pp-change="' + move.number + '">');
    if (first) this.out.push('<span id="' + anchor + '"></span>');
    this.inline(tokens);
    this.out.push("</" + side + ">");
    var where = origin ? move.newSection : move.oldSection;
    var label = where ? "moved " + (origin ? "to" : "from") + " \u201c" + where + "\u201d"
                      : "moved " + (origin ? "down" : "up");
    this.out.push('<a class="pp-move-link" href="#' + target + '" data-label="' + escapeAttr(label) +
                  '" aria-label="' + escapeAttr(label) + '"></a>');
  };
  Writer.prototype.paired = function (old, neu) {
    this.trackSection(neu, false);
    this.openChain(neu.chain, null, new Set());
    var a = units(old.tokens()), b = units(neu.tokens());
    var ops = opcodes(a.map(unitKey), b.map(unitKey));
    var pending = [], oldGap = [], index = 0;
    function isSpaceToken(t) { return t.kind === "space"; }
    function notSpace(t) { return t.kind !== "space"; }
    function text(t) { return t.text; }
    while (index < ops.length) {
      var op = ops[index];
      if (op[0] === "equal") {
        this.inline(pending);
        pending = flat(b.slice(op[3], op[4]));
        oldGap = a[op[2] - 1].filter(isSpaceToken);
        index++;
        continue;
      }
      var removed = [], added = [];
      while (index < ops.length && ops[index][0] !== "equal") {
        var o = ops[index];
        removed = removed.concat(flat(a.slice(o[1], o[2])));
        added = added.concat(flat(b.slice(o[3], o[4])));
        index++;
      }
      var newGap = [];
      while (pending.length && pending[pending.length - 1].kind === "space") newGap.unshift(pending.pop());
      if (oldGap.length && !newGap.length) removed = oldGap.concat(removed);
      if (added.length && newGap.length && !oldGap.length) { added = newGap.concat(added); newGap = []; }
      this.inline(pending.concat(newGap));
      pending = []; oldGap = [];
      var before = removed.filter(notSpace).map(text), after = added.filter(notSpace).map(text), kind;
      if (before.length === after.length && before.every(function (w, i) { return w === after[i]; })) kind = "formatting";
      else if (before.length && after.length) kind = "replaced";
      else kind = before.length ? "deleted" : "inserted";
      var number = this.newChange(kind, removed, added);
      var trailing = [];
      while (added.length && added[added.length - 1].kind === "space") trailing.unshift(added.pop());
      var punctuationOnly = !before.concat(after).some(function (w) { return ALNUM.test(w); });
      var css = kind === "formatting" ? "pp-format" : (punctuationOnly ? "pp-punct" : null);
      if (removed.length) this.inline(removed, "del", number, true, css);
      if (added.length) this.inline(added, "ins", number, !removed.length, css);
      pending = trailing;
    }
    this.inline(pending);
  };
  Writer.prototype.equal = function (leaf) {
    this.trackSection(leaf, false);
    this.openChain(leaf.chain, null, new Set());
    this.inline(leaf.runs());
  };

  function foreignChain(old, mapping) {
    var chain = [], foreign = new Set(), mapped = true;
    for (var i = 0; i < old.chain.length; i++) {
      var node = old.chain[i], target = mapped ? mapping.get(node) : undefined;
      if (target === undefined) { mapped = false; chain.push(node); foreign.add(node); }
      else chain.push(target);
    }
    return [chain, foreign];
  }

  /* redline(oldData, newData, links) -> {html, changes, wordsAdded, wordsRemoved, sections}: what
     diff/redline.py's redline() returns for the same two versions. `links` maps start tags and HTML
     pieces to the form the site rewrote them to (links relative to the page showing the redline). */
  function redline(oldData, newData, links) {
    var oldLeaves = readLeaves(oldData), newLeaves = readLeaves(newData);
    var aligned = align(oldLeaves, newLeaves), mapping = new Map();
    aligned.forEach(function (pair) {
      if (pair[0] === null || pair[1] === null) return;
      for (var i = 0; i < Math.min(pair[0].chain.length, pair[1].chain.length); i++) {
        var a = pair[0].chain[i], b = pair[1].chain[i];
        if (a.tag !== b.tag) break;
        if (!mapping.has(a)) mapping.set(a, b);
      }
    });
    var moves = findMoves(aligned), writer = new Writer(links);
    aligned.forEach(function (pair) {
      var before = pair[0], after = pair[1], move;
      if (before !== null && after !== null) {
        if (before.key() === after.key() && before.signature() === after.signature()) writer.equal(after);
        else writer.paired(before, after);
      } else if (before !== null) {
        var spec = foreignChain(before, mapping);
        move = moves.get(before);
        if (move) writer.moved(before, spec[0], "del", move, spec[1]);
        else writer.whole(before, spec[0], "del", spec[1]);
      } else {
        move = moves.get(after);
        if (move) writer.moved(after, after.chain, "ins", move, new Set());
        else writer.whole(after, after.chain, "ins", new Set());
      }
    });
    writer.closeAll();
    var seen = new Set(), sections = [];
    writer.changes.forEach(function (change) {  // a moved block's both ends: where it left, where it went
      [change.movedFrom || null, change.section].forEach(function (section) {
        if (section === null) return;
        var key = JSON.stringify([section.id, section.title]);
        if (!seen.has(key)) { seen.add(key); sections.push(section); }
      });
    });
    return { html: writer.out.join(""), changes: writer.changes, wordsAdded: writer.wordsAdded,
             wordsRemoved: writer.wordsRemoved, sections: sections };
  }

  var api = { redline: redline, opcodes: opcodes };
  if (typeof window !== "undefined") window.policypressRedline = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})();
