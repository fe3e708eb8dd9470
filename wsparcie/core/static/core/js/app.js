// wsparcie: small progressive enhancements; every page works without them.
document.addEventListener("htmx:afterSwap", (event) => {
  // Move focus to the swapped region's heading or error summary so screen readers follow.
  const target = event.detail.target;
  const focusable = target.querySelector("[role=alert], h1, h2");
  if (focusable) {
    if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
    focusable.focus();
  }
});
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("form-errors");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }
});
