// people: a PESEL must never end up in a URL. Name-search fields (GET forms, htmx) refuse a
// text with a long number before the request is made; the server refuses it too.
(function () {
  const NAME_FIELDS = "input[name=q], input[name=find]";
  const looksLikeNumber = (text) => (text.match(/\d/g) || []).length >= 6;

  function warn(input) {
    let note = input.parentElement.querySelector(".pesel-warning");
    if (!note) {
      note = document.createElement("p");
      note.className = "error pesel-warning";
      note.setAttribute("role", "alert");
      note.textContent = "Numeru PESEL nie wpisuj w wyszukiwarkę nazwisk: użyj wyszukiwania po numerze PESEL.";
      input.parentElement.appendChild(note);
    }
  }

  function clear(input) {
    const note = input.parentElement.querySelector(".pesel-warning");
    if (note) note.remove();
  }

  function blocked(form) {
    const input = form && form.querySelector(NAME_FIELDS);
    if (input && looksLikeNumber(input.value)) { warn(input); return true; }
    if (input) clear(input);
    return false;
  }

  document.addEventListener("submit", (event) => {
    if ((event.target.method || "get").toLowerCase() === "get" && blocked(event.target)) event.preventDefault();
  }, true);
  document.addEventListener("htmx:configRequest", (event) => {
    const form = event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (event.detail.verb === "get" && blocked(form)) event.preventDefault();
  });
})();
