/* tracekeras trace explorer: pan/zoom, select, play back, search.
 *
 * Reads the JSON data element #tk-data (type application/json, made by
 * visualize/explorer.py). Every view marks its elements with the span they
 * draw: call-diagram boxes are <g id="tk-n3" class="node tk-box">, layer-graph
 * nodes <g id="tk-layer-2" class="node tk-layer">, sequence-diagram messages
 * <g class="tk-msg" data-box="n3"> (the call-diagram box they draw), tree rows and
 * timeline bars carry data-span="s12". Selecting a span highlights it everywhere and fills
 * the side panel. No library, no network, no inline event handler: the page's
 * Content-Security-Policy admits this script by its hash.
 */
(function () {
  "use strict";
  var explorers = [], active = null;
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function cssId(id) { return String(id).replace(/[^A-Za-z0-9_-]/g, ""); }

  // -- pan and zoom ---------------------------------------------------------------
  function PanZoom(view) {
    var svg = $("svg", view), self = this;
    if (!svg) { return; }
    var vb = svg.viewBox && svg.viewBox.baseVal;
    var full;
    if (vb && vb.width) { full = {x: vb.x, y: vb.y, w: vb.width, h: vb.height}; } else {
      full = {x: 0, y: 0, w: parseFloat(svg.getAttribute("width")) || 800,
              h: parseFloat(svg.getAttribute("height")) || 400};
    }
    var top = svg.querySelector("svg > g[transform]");
    if (top && top.transform.baseVal.numberOfItems) {   // Graphviz at dpi != 72 scales its drawing
      var m = top.transform.baseVal.consolidate().matrix, bb = top.getBBox();
      var x0 = m.a * bb.x + m.c * bb.y + m.e, y0 = m.b * bb.x + m.d * bb.y + m.f;
      var x1 = m.a * (bb.x + bb.width) + m.c * (bb.y + bb.height) + m.e;
      var y1 = m.b * (bb.x + bb.width) + m.d * (bb.y + bb.height) + m.f;
      full = {x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0)};
    }
    svg.removeAttribute("width"); svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    var box = {x: full.x, y: full.y, w: full.w, h: full.h};
    function apply() { svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].join(" ")); }
    function unitsPerPixel() {
      var r = svg.getBoundingClientRect();
      return Math.max(box.w / Math.max(r.width, 1), box.h / Math.max(r.height, 1));
    }
    function toSvg(cx, cy) {
      var r = svg.getBoundingClientRect(), u = unitsPerPixel();
      return {x: box.x + box.w / 2 + (cx - (r.left + r.width / 2)) * u,
              y: box.y + box.h / 2 + (cy - (r.top + r.height / 2)) * u};
    }
    this.fit = function () { box = {x: full.x, y: full.y, w: full.w, h: full.h}; apply(); };
    this.zoom = function (factor, cx, cy) {
      var r = svg.getBoundingClientRect();
      var p = cx === undefined ? toSvg(r.left + r.width / 2, r.top + r.height / 2) : toSvg(cx, cy);
      var w = box.w / factor;
      if (w > full.w * 4 || w < 5) { return; }
      box = {x: p.x - (p.x - box.x) / factor, y: p.y - (p.y - box.y) / factor,
             w: w, h: box.h / factor};
      apply();
    };
    this.pan = function (dx, dy) {       // in screen pixels
      var u = unitsPerPixel(); box.x -= dx * u; box.y -= dy * u; apply();
    };
    this.scale = function () { return 1 / unitsPerPixel(); };
    this.show = function (node) {        // bring a node into view (zoomed in to read it)
      var r = svg.getBoundingClientRect(), n = node.getBoundingClientRect();
      if (self.scale() < 0.6) {
        var c = toSvg(n.left + n.width / 2, n.top + n.height / 2), f = 0.8 / self.scale();
        box = {x: c.x - box.w / f / 2, y: c.y - box.h / f / 2, w: box.w / f, h: box.h / f};
        apply(); return;
      }
      if (n.left < r.left || n.right > r.right || n.top < r.top || n.bottom > r.bottom) {
        self.pan(r.left + r.width / 2 - (n.left + n.width / 2),
                 r.top + r.height / 2 - (n.top + n.height / 2));
      }
    };
    view.panzoom = this;
    var drag = null;
    view.addEventListener("wheel", function (e) {
      e.preventDefault();
      self.zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX, e.clientY);
    }, {passive: false});
    view.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) { return; }
      drag = {x: e.clientX, y: e.clientY, moved: 0};
    });
    view.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      drag.moved += Math.abs(dx) + Math.abs(dy);
      drag.x = e.clientX; drag.y = e.clientY;
      if (drag.moved > 4) { view.classList.add("tk-dragging"); self.pan(dx, dy); }
    });
    function stop() { setTimeout(function () { drag = null; }, 0); view.classList.remove("tk-dragging"); }
    view.addEventListener("pointerup", stop);
    view.addEventListener("pointerleave", stop);
    view.addEventListener("click", function (e) {
      if (drag && drag.moved > 4) { e.stopPropagation(); e.preventDefault(); }
    }, true);
    view.addEventListener("keydown", function (e) {
      var k = e.key, step = 60;
      if (k === "+" || k === "=") { self.zoom(1.25); } else if (k === "-") { self.zoom(0.8); }
      else if (k === "0") { self.fit(); } else if (k === "ArrowLeft") { self.pan(step, 0); }
      else if (k === "ArrowRight") { self.pan(-step, 0); } else if (k === "ArrowUp") { self.pan(0, step); }
      else if (k === "ArrowDown") { self.pan(0, -step); } else { return; }
      e.preventDefault(); e.stopPropagation();
    });
    apply();
  }
  var views = $$(".tk-view");
  views.forEach(function (v) { new PanZoom(v); });
  $$("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var v = document.getElementById(b.getAttribute("data-for"));
      if (!v || !v.panzoom) { return; }
      var what = b.getAttribute("data-zoom");
      if (what === "in") { v.panzoom.zoom(1.25); } else if (what === "out") { v.panzoom.zoom(0.8); }
      else { v.panzoom.fit(); }
    });
  });

  // -- one explorer per .tk-root: its own data, views, panel, filters and playback ----------
  function Explorer(root, data) {
    var self = this;
    var spans = data.spans, byId = {};
    spans.forEach(function (s, i) { s.i = i; byId[s.id] = s; });
    var order = spans.slice();       // the spans the filters keep, in time order
    var current = null, timer = null;
    Object.keys(data.marks || {}).forEach(function (box) {   // a comparison: what differs
      var node = $("#tk-" + cssId(box), root);
      if (node) { node.classList.add("tk-" + data.marks[box]); }
    });
    // -- the side panel -----------------------------------------------------------------
    var panel = $(".tk-panel-body", root);
    function row(dl, key, value) {
      if (value === undefined || value === null || value === "") { return; }
      dl.appendChild(el("dt", null, key)); dl.appendChild(el("dd", null, value));
    }
    function showPanel(s) {
      panel.textContent = "";
      var head = el("h3", "tk-name", s.kind === "fold" ? "× " + s.count + " " + s.short : s.short);
      panel.appendChild(head);
      panel.appendChild(el("div", "tk-full", s.name));
      var dl = el("dl");
      row(dl, "stage", s.stage);
      row(dl, "kind", s.kind === "span" ? null : s.kind);
      row(dl, "time", s.kind === "instant" || s.kind === "graph" ? null : s.time);
      row(dl, "epoch / step", s.epoch === null && s.step === null ? null :
          (s.epoch === null ? "-" : s.epoch) + " / " + (s.step === null ? "-" : s.step));
      row(dl, "layer", s.layer);
      row(dl, "position", (order.indexOf(s) + 1) + " of " + order.length + " in time order");
      panel.appendChild(dl);
      if (s.error) { panel.appendChild(el("p", "tk-error", "✗ " + s.error.type + ": " + s.error.message)); }
      if (s.unfinished) { panel.appendChild(el("p", "tk-error", "⚠ unfinished: the run was cut off here")); }
      if (s.decisions && s.decisions.length) {
        panel.appendChild(el("h4", null, "Decisions"));
        var ul = el("ul", "tk-decisions");
        s.decisions.forEach(function (d) { ul.appendChild(el("li", null, d)); });
        panel.appendChild(ul);
      }
      if (s.stats) {
        panel.appendChild(el("h4", null, "Folded steps"));
        var st = el("dl");
        Object.keys(s.stats).forEach(function (k) { row(st, k, s.stats[k]); });
        panel.appendChild(st);
        if (s.sample && byId[s.sample]) {    // the fold opened: one of its steps, in full
          var open = el("button", "tk-open-fold", "open one of these steps in full");
          open.addEventListener("click", function () { select(s.sample, "panel"); });
          panel.appendChild(open);
        }
      }
      var keys = Object.keys(s.args || {});
      if (keys.length) {
        panel.appendChild(el("h4", null, "Args"));
        var args = el("dl", "tk-args");
        keys.forEach(function (k) {
          var v = s.args[k];
          row(args, k, typeof v === "string" ? v : JSON.stringify(v));
        });
        panel.appendChild(args);
      }
      var ref = data.keras[s.name];
      panel.appendChild(el("h4", null, "In tf_keras 2.21"));
      panel.appendChild(el("p", "tk-kref", ref ? ref : "no reference recorded for " + s.name));
      if (s.impl) {
        var src = data.sources[s.impl] || {};
        panel.appendChild(el("h4", null, "tracekeras source: " + s.impl));
        if (src.text) {
          panel.appendChild(el("p", "tk-where", src.file + ":" + src.line));
          panel.appendChild(el("pre", "tk-source", src.text));
        } else {
          panel.appendChild(el("p", "tk-where", src.note || "source not embedded"));
        }
      }
    }

    // -- selection: one span, highlighted in every view --------------------------------------
    function nearestShown(id, scope) {    // a span, or its nearest ancestor a view draws
      while (id) {
        var found = $(scope + " [data-span=\"" + cssId(id) + "\"]", root);
        if (found) { return found; }
        id = byId[id] ? byId[id].parent : null;
      }
      return null;
    }
    function select(id, from) {
      var s = byId[id];
      if (!s) { return; }
      current = s;
      $$(".tk-sel", root).forEach(function (e) { e.classList.remove("tk-sel"); });
      var rowEl = $(".tk-tree [data-span=\"" + cssId(id) + "\"]", root);
      if (rowEl) {
        rowEl.classList.add("tk-sel");
        for (var p = rowEl.parentElement; p; p = p.parentElement) {
          if (p.tagName === "DETAILS") { p.open = true; }
        }
        var tree = $(".tk-tree", root);
        var head = rowEl.tagName === "DETAILS" ? $("summary", rowEl) : rowEl;
        if (tree && from !== "tree") { tree.scrollTop = head.offsetTop - tree.clientHeight / 3; }
      }
      if (s.box) {
        var b = $("#tk-" + cssId(s.box), root);
        if (b) { b.classList.add("tk-sel"); if (from !== "calls") { showIn(b); } }
      }
      if (s.layer) {
        data.layers.forEach(function (m, n) {
          var id = m.nodes[s.layer];
          var node = id ? $("#tk-layers-" + n + " #" + cssId(id), root) : null;
          if (node) { node.classList.add("tk-sel"); if (from !== "layers") { showIn(node); } }
        });
      }
      var bar = nearestShown(id, ".tk-timeline");
      if (bar) { bar.classList.add("tk-sel"); }
      showMessages(id, from);
      showPanel(s);
      $(".tk-pos", root).textContent = (order.indexOf(s) + 1) + " / " + order.length;
      if (history.replaceState) { history.replaceState(null, "", "#" + id); }
    }
    function messagesOf(box) {
      return box ? $$(".tk-seq .tk-msg[data-box=\"" + cssId(box) + "\"]", root) : [];
    }
    function showMessages(id, from) {   // the span's message, or its nearest ancestor's
      for (var s = byId[id]; s; s = byId[s.parent]) {
        var msgs = messagesOf(s.box);
        if (!msgs.length) { continue; }
        msgs.forEach(function (m) { m.classList.add("tk-sel"); });
        var seq = $(".tk-seq", root);
        if (seq && from !== "sequence") {
          var r = seq.getBoundingClientRect(), m = msgs[0].getBoundingClientRect();
          if (m.top < r.top || m.bottom > r.bottom) {
            seq.scrollTop += m.top - r.top - seq.clientHeight / 3;
          }
        }
        return;
      }
    }
    function showIn(node) {
      for (var v = node.parentElement; v; v = v.parentElement) {
        if (v.panzoom) { v.panzoom.show(node); return; }
      }
    }
    function step(delta) {
      if (!order.length) { return; }
      var at = current ? order.indexOf(current) : -1;
      if (at < 0) {         // the selection is filtered out: the next kept span after it
        at = delta > 0 ? -1 : order.length;
        if (current) {
          for (var n = 0; n < order.length; n++) { if (order[n].i > current.i) { at = n - (delta > 0 ? 1 : 0); break; } }
        }
      }
      var next = Math.min(order.length - 1, Math.max(0, at + delta));
      select(order[next].id, "step");
      return next < order.length - 1;
    }
    function play() {
      var button = $(".tk-play", root);
      if (timer) { clearInterval(timer); timer = null; button.textContent = "▶ play"; return; }
      button.textContent = "❚❚ pause";
      timer = setInterval(function () { if (!step(1)) { play(); } }, 700);
    }

    // clicks in the views
    root.addEventListener("click", function (e) {
      active = self;
      var t = e.target;
      if (!t.closest) { return; }
      var box = t.closest(".tk-box");
      if (box) {
        var members = data.boxes[box.id.slice(3)] || [];
        if (!members.length) { return; }
        var k = current ? members.indexOf(current.id) : -1;   // a second click: the next call
        select(members[(k + 1) % members.length], "calls");
        return;
      }
      var msg = t.closest(".tk-seq .tk-msg[data-box]");
      if (msg) {
        var calls = data.boxes[msg.getAttribute("data-box")] || [];
        if (!calls.length) { return; }
        var c = current ? calls.indexOf(current.id) : -1;    // a second click: the next call
        select(calls[(c + 1) % calls.length], "sequence");
        return;
      }
      var layer = t.closest(".tk-layer");
      if (layer) {
        var view = layer.closest("[data-model]");
        var m = view ? data.layers[+view.getAttribute("data-model")] : null;
        var ids = m ? (m.spans[layer.id] || []) : [];
        if (ids.length) {
          var j = current ? ids.indexOf(current.id) : -1;
          select(ids[(j + 1) % ids.length], "layers");
        }
        return;
      }
      var bar = t.closest(".tk-timeline [data-span]");
      if (bar) { select(bar.getAttribute("data-span"), "timeline"); return; }
      var r = t.closest(".tk-tree [data-span]");
      if (r && (t.closest("summary") || r.tagName !== "DETAILS")) {
        select(r.getAttribute("data-span"), "tree");
      }
    });

    // -- search and filter ----------------------------------------------------------------
    var q = $(".tk-search", root), stageSel = $(".tk-stage", root), depthIn = $(".tk-depth", root);
    data.stages.forEach(function (st) { var o = el("option", null, st); o.value = st; stageSel.appendChild(o); });
    function matches(s) {
      var text = q.value.trim().toLowerCase(), st = stageSel.value, d = parseInt(depthIn.value, 10);
      if (text && s.name.toLowerCase().indexOf(text) < 0 && s.short.toLowerCase().indexOf(text) < 0) { return false; }
      if (st && s.stage !== st) { return false; }
      if (d > 0 && s.depth > d) { return false; }
      return true;
    }
    function applyFilter() {
      var filtering = q.value.trim() || stageSel.value || parseInt(depthIn.value, 10) > 0;
      order = spans.filter(matches);
      var keep = {}, hit = {};
      order.forEach(function (s) {
        hit[s.id] = true;
        for (var p = s; p; p = byId[p.parent]) { keep[p.id] = true; }
      });
      $$(".tk-tree [data-span]", root).forEach(function (e) {
        var id = e.getAttribute("data-span");
        e.classList.toggle("tk-hidden", !!filtering && !keep[id]);
        e.classList.toggle("tk-hit", !!filtering && !!hit[id]);
        if (filtering && keep[id] && !hit[id] && e.tagName === "DETAILS") { e.open = true; }
      });
      $$(".tk-box", root).forEach(function (b) {
        var ids = data.boxes[b.id.slice(3)] || [];
        var any = ids.some(function (id) { return hit[id]; });
        b.classList.toggle("tk-dim", !!filtering && !any);
        b.classList.toggle("tk-hit", !!filtering && any);
      });
      data.layers.forEach(function (m, n) {
        Object.keys(m.spans).forEach(function (lid) {
          var node = $("#tk-layers-" + n + " #" + cssId(lid), root);
          if (!node) { return; }
          var any = m.spans[lid].some(function (id) { return hit[id]; });
          node.classList.toggle("tk-dim", !!filtering && !any);
        });
      });
      $$(".tk-seq .tk-msg[data-box]", root).forEach(function (m) {
        var ids = data.boxes[m.getAttribute("data-box")] || [];
        var any = ids.some(function (id) { return hit[id]; });
        m.classList.toggle("tk-dim", !!filtering && !any);
        m.classList.toggle("tk-hit", !!filtering && any);
      });
      $$(".tk-timeline [data-span]", root).forEach(function (b) {
        b.classList.toggle("tk-dim", !!filtering && !hit[b.getAttribute("data-span")]);
      });
      $(".tk-count", root).textContent = filtering ? order.length + " of " + spans.length + " spans match" : spans.length + " spans";
      $(".tk-pos", root).textContent = (current && order.indexOf(current) >= 0 ? order.indexOf(current) + 1 : "-") + " / " + order.length;
    }
    [q, stageSel, depthIn].forEach(function (i) { i.addEventListener("input", applyFilter); });

    $(".tk-prev", root).addEventListener("click", function () { step(-1); });
    $(".tk-next", root).addEventListener("click", function () { step(1); });
    $(".tk-play", root).addEventListener("click", play);
    $(".tk-fit", root).addEventListener("click", function () { $$(".tk-view", root).forEach(function (v) { if (v.panzoom) { v.panzoom.fit(); } }); });
    this.key = function (k) {
      if (k === "n" || k === "j") { step(1); } else if (k === "p" || k === "k") { step(-1); }
      else if (k === ".") { play(); } else if (k === "/") { q.focus(); }
      else if (k === "f") { $(".tk-fit", root).click(); } else { return false; }
      return true;
    };
    applyFilter();
    var start = location.hash ? location.hash.slice(1) : "";
    if (byId[start] && !explorers.length) { select(start, "hash"); }
    root.classList.add("tk-ready");
  }
  $$(".tk-root").forEach(function (root) {
    var script = document.getElementById(root.getAttribute("data-explorer") || "tk-data");
    if (!script) { return; }
    explorers.push(new Explorer(root, JSON.parse(script.textContent)));
  });
  active = explorers[0] || null;
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
      if (e.key === "Escape") { t.blur(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || !active) { return; }
    if (active.key(e.key)) { e.preventDefault(); }
  });
})();
