// Citation highlighting. A marker (.mk) lists cite ids in data-c; the source
// text is cut into .seg spans whose data-k lists the cites covering them.
// Hover or focus lights a marker's spans; a click pins them until the next
// click or Escape. Ids are digits only, so they are safe in selectors.
(function () {
  "use strict";
  var pinned = null;

  function ids(el) {
    return (el.getAttribute("data-c") || "").split(" ").filter(function (x) {
      return /^[0-9]+$/.test(x);
    });
  }

  function light(scope, list, cls, on) {
    var firsts = [];
    list.forEach(function (id) {
      scope.querySelectorAll('.seg[data-k~="' + id + '"]').forEach(function (s) {
        s.classList.toggle(cls, on);
        var col = s.closest(".src");
        if (col) {
          col.classList.toggle(cls + "-src", on);
          if (on && firsts.every(function (f) { return f.col !== col; })) {
            firsts.push({ col: col, seg: s });
          }
        }
      });
    });
    if (on) {
      firsts.forEach(function (f, i) { reveal(f, i === 0); });
    }
  }

  // Scroll the source column to the span, and the strip of columns to the
  // first lit column, without moving the page itself.
  function reveal(f, sideways) {
    var body = f.col.querySelector(".src-body");
    var strip = f.col.closest(".src-strip");
    if (body) {
      var top = f.seg.offsetTop - 48;
      if (f.seg.offsetTop < body.scrollTop + 8 ||
          f.seg.offsetTop + f.seg.offsetHeight > body.scrollTop + body.clientHeight - 8) {
        body.scrollTo({ top: Math.max(0, top), behavior: "smooth" });
      }
    }
    if (strip && sideways) {
      var left = f.col.offsetLeft, right = left + f.col.offsetWidth;
      if (left < strip.scrollLeft || right > strip.scrollLeft + strip.clientWidth) {
        strip.scrollTo({ left: Math.max(0, left - 12), behavior: "smooth" });
      }
    }
  }

  function scopeOf(el) { return el.closest(".story") || document; }

  function setPin(el) {
    if (pinned) {
      light(scopeOf(pinned), ids(pinned), "lit", false);
      pinned.classList.remove("pinned");
    }
    pinned = el;
    if (el) {
      el.classList.add("pinned");
      light(scopeOf(el), ids(el), "lit", true);
      // A chart sits above the sources: a click there brings them into view.
      var aside = el.closest(".glance") && scopeOf(el).querySelector(".sources");
      if (aside) { aside.scrollIntoView({ behavior: "smooth", block: "start" }); }
    }
  }

  function marker(ev) {
    var t = ev.target;
    return t && t.closest ? t.closest(".mk") : null;
  }

  document.addEventListener("mouseover", function (ev) {
    var m = marker(ev);
    if (m && !(ev.relatedTarget && m.contains(ev.relatedTarget))) {
      light(scopeOf(m), ids(m), "hot", true);
    }
  });
  document.addEventListener("mouseout", function (ev) {
    var m = marker(ev);
    if (m && !(ev.relatedTarget && m.contains(ev.relatedTarget))) {
      light(scopeOf(m), ids(m), "hot", false);
    }
  });
  document.addEventListener("focusin", function (ev) {
    var m = marker(ev);
    if (m) { light(scopeOf(m), ids(m), "hot", true); }
  });
  document.addEventListener("focusout", function (ev) {
    var m = marker(ev);
    if (m) { light(scopeOf(m), ids(m), "hot", false); }
  });
  document.addEventListener("click", function (ev) {
    var m = marker(ev);
    if (!m) { return; }
    ev.preventDefault();
    setPin(pinned === m ? null : m);
  });
  document.addEventListener("keydown", function (ev) {
    var m = marker(ev);
    if (ev.key === "Escape") { setPin(null); }
    else if (m && (ev.key === "Enter" || ev.key === " ") && m.tagName !== "A") {
      ev.preventDefault();
      setPin(pinned === m ? null : m);
    }
  });

  // A link to #cN pins that cite when the page opens.
  var hash = /^#c([0-9]+)$/.exec(location.hash);
  if (hash) {
    var sel = '[data-c~="' + hash[1] + '"]';
    var m = document.querySelector("a.mk" + sel) || document.querySelector(".mk" + sel);
    if (m) { m.scrollIntoView({ block: "center" }); setPin(m); }
  }
})();
