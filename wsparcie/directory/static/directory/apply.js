// Online application: after the eligibility check, move focus to its result (screen readers
// read it out); the error summary (#form-errors) is focused by core/js/app.js.
document.addEventListener("DOMContentLoaded", () => {
  if (document.getElementById("form-errors")) return;
  const target = document.getElementById("notice") || document.querySelector("[data-autofocus]");
  if (target) target.focus();
});
