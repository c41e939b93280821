/*
 * Accessibility repairs for Dash 4 components that take no ARIA attributes:
 *  - each weight slider's thumb and number input are labelled by the text above it;
 *  - RadioItems render as a listbox of options wrapping native radio buttons (nested
 *    interactive controls): they become a labelled radiogroup of plain labels;
 *  - a Dropdown's keyboard focus target is aria-hidden yet focusable: it gets the
 *    dropdown's label as its name and stays reachable by keyboard.
 * A MutationObserver keeps this true when Dash re-renders parts of the page.
 */
(function () {
  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }
  function dropAttr(el, name) {
    if (el.hasAttribute(name)) { el.removeAttribute(name); }
  }
  function labelText(id) {
    var label = id ? document.querySelector('label[for="' + CSS.escape(id) + '"]') : null;
    return label ? label.textContent.trim() : null;
  }
  function repair() {
    document.querySelectorAll(".slider-row").forEach(function (row) {
      var text = row.querySelector(".slider-label");
      if (!text || !text.id) { return; }
      row.querySelectorAll("[role=slider], input").forEach(function (el) {
        setAttr(el, "aria-labelledby", text.id);
      });
    });
    document.querySelectorAll(".dash-radioitems").forEach(function (group) {
      setAttr(group, "role", "radiogroup");
      var holder = group.closest("[aria-labelledby]");
      if (holder && holder !== group) {
        setAttr(group, "aria-labelledby", holder.getAttribute("aria-labelledby"));
      }
      group.querySelectorAll(".dash-options-list-option").forEach(function (option) {
        dropAttr(option, "role");
        dropAttr(option, "aria-selected");
      });
    });
    document.querySelectorAll("button.dash-dropdown[id]").forEach(function (button) {
      var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
      var value = document.getElementById(button.id + "-value");
      if (!label || !value) { return; }
      if (!label.id) { label.id = button.id + "-label"; }
      var ids = [label.id, value.id];
      if (document.getElementById(button.id + "-value-count")) { ids.push(button.id + "-value-count"); }
      setAttr(button, "aria-labelledby", ids.join(" "));
    });
    document.querySelectorAll(".dash-dropdown-focus-target").forEach(function (el) {
      var wrapper = el.closest(".dash-dropdown-wrapper");
      var button = wrapper ? wrapper.querySelector("button.dash-dropdown") : null;
      var name = labelText(button ? button.id : null);
      if (name) {
        dropAttr(el, "aria-hidden");
        setAttr(el, "aria-label", name);
      }
    });
  }
  var scheduled = false;
  var observer = new MutationObserver(function () {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; repair(); });
  });
  function start() {
    observer.observe(document.body, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ["role", "aria-selected", "aria-hidden", "aria-labelledby"],
    });
    repair();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
