/* Cell renderer of the ranking table: the 5–95 % rank interval as a bar, the rank as a dot.
   A file, not an inline script, so the strict Content-Security-Policy allows it. */
(function () {
  var fmt = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
  /* scores with two decimals in the interface language (de: comma) */
  fmt.formatScore = function (value, lang) {
    if (value === null || value === undefined) { return "–"; }
    return Number(value).toLocaleString(lang === "en" ? "en-GB" : "de-DE",
      { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  };
  var funcs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});
  funcs.RankInterval = function (props) {
    var d = props.data || {};
    var n = (props.colDef.cellRendererParams || {}).total || 400;
    var h = window.React.createElement;
    if (d.rank_p05 === null || d.rank_p05 === undefined) {
      return h("span", { className: "missing" }, "–");
    }
    var pos = function (r) { return (100 * (r - 1)) / Math.max(n - 1, 1); };
    var text = d.rank_p05 + "–" + d.rank_p95;
    return h("div", { className: "rank-bar", role: "img", "aria-label": text, title: text }, [
      h("span", { key: "i", className: "rank-bar-interval",
        style: { left: pos(d.rank_p05) + "%", width: Math.max(pos(d.rank_p95) - pos(d.rank_p05), 0.6) + "%" } }),
      h("span", { key: "d", className: "rank-bar-dot", style: { left: pos(d.rank) + "%" } }),
      h("span", { key: "t", className: "rank-bar-text" }, text),
    ]);
  };
})();
