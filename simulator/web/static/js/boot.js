// Starts textual.js's terminal once its fonts (Roboto Mono and the CJK face) are loaded,
// so the first frame is not drawn and cached with fallback glyphs, and points it at this
// page's own host (ws:// or wss://, whatever proxy is in front).
(function () {
  const start = window.onload; // set by textual.js, which runs just before this file
  window.onload = null;
  window.addEventListener("load", function (event) {
    const el = document.getElementById("terminal");
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    // textual.js adds "?width=..&height=.." itself
    el.dataset.sessionWebsocketUrl = scheme + "//" + location.host + el.dataset.wsPath;
    document.getElementById("restart").href = location.pathname + location.search;
    const size = (el.dataset.fontSize || "16") + "px ";
    Promise.all([
      document.fonts.load(size + '"Roboto Mono"', "Aa"),
      document.fonts.load(size + '"Roboto Mono"', "中文"),
    ]).catch(function () { return null; }).then(function () {
      start(event);
      // keys go to the terminal at once: a candidate who just types their code is heard
      const focus = function () {
        const input = el.querySelector(".xterm-helper-textarea");
        if (input) { input.focus(); } else { setTimeout(focus, 50); }
      };
      focus();
    });
  });
})();
