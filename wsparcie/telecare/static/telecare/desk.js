// wsparcie telecare desk: live queue over server-sent events, a visible and an audible signal
// for a new alarm, ticking waiting times. Without JavaScript the desk still works (reload).
(function () {
  "use strict";
  const desk = document.getElementById("desk");
  if (!desk || !window.EventSource) return;

  const region = document.getElementById("queue-region");
  const status = document.getElementById("live-status");
  const announcer = document.getElementById("alarm-announcer");
  const soundButton = document.getElementById("sound-toggle");
  const queueUrl = desk.dataset.queueUrl;
  let audio = null;
  let soundOn = false;
  let refreshing = null;
  let pending = false;

  function knownIds() {
    return new Set(Array.from(region.querySelectorAll("[data-alarm-id]"), (row) => row.dataset.alarmId));
  }
  let known = knownIds();

  // --- sound (WebAudio needs a click first: the browser forbids sound without one) ---
  function setSound(on) {
    soundOn = on;
    soundButton.setAttribute("aria-pressed", on ? "true" : "false");
    soundButton.textContent = on ? "Dźwięk nowego alarmu: włączony" : "Dźwięk nowego alarmu: wyłączony";
    try { window.localStorage.setItem("telecare-sound", on ? "on" : "off"); } catch (e) { /* private mode */ }
  }
  function beep() {
    if (!soundOn) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") audio.resume();
      const start = audio.currentTime;
      [0, 0.3, 0.6].forEach((offset, i) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = "square";
        osc.frequency.value = i === 1 ? 660 : 880;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.22);
        osc.connect(gain).connect(audio.destination);
        osc.start(start + offset);
        osc.stop(start + offset + 0.25);
      });
    } catch (e) { /* no audio device */ }
  }
  soundButton.hidden = false;
  soundButton.addEventListener("click", () => {
    setSound(!soundOn);
    if (soundOn) beep();
  });
  let stored = "off";
  try { stored = window.localStorage.getItem("telecare-sound") || "off"; } catch (e) { /* private mode */ }
  setSound(stored === "on");

  // --- waiting times ---
  function formatWait(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    if (h) return h + " h " + m + " min";
    if (m) return m + " min " + s + " s";
    return s + " s";
  }
  function tick() {
    const now = Date.now();
    region.querySelectorAll("time[data-since]").forEach((el) => {
      const since = Date.parse(el.dataset.since);
      if (!isNaN(since)) el.textContent = formatWait((now - since) / 1000);
    });
  }
  window.setInterval(tick, 1000);

  // --- the live queue ---
  function signalNew(rows) {
    if (!rows.length) return;
    rows.forEach((row) => row.classList.add("alarm-new"));
    const names = rows.map((row) => {
      const cells = row.querySelectorAll("td");
      const link = cells[1] ? cells[1].querySelector("a") : null;
      return (link ? link.textContent.trim() : "") + (cells[2] ? " – " + cells[2].textContent.trim() : "");
    });
    announcer.textContent = (rows.length === 1 ? "Nowy alarm: " : "Nowe alarmy: ") + names.join("; ");
    document.title = "(" + rows.length + ") " + document.title.replace(/^\(\d+\) /, "");
    beep();
  }
  // Keep the keyboard focus on the same link or button when the queue is replaced.
  function focusedKey() {
    const el = document.activeElement;
    if (!el || !region.contains(el)) return null;
    if (el.tagName === "A") return { selector: "a", value: el.getAttribute("href") };
    if (el.form) return { selector: "form", value: el.form.getAttribute("action") };
    return null;
  }
  function restoreFocus(key) {
    if (!key) return;
    const candidates = key.selector === "a" ? region.querySelectorAll("a") : region.querySelectorAll("form");
    for (const el of candidates) {
      const value = key.selector === "a" ? el.getAttribute("href") : el.getAttribute("action");
      if (value === key.value) {
        (key.selector === "a" ? el : el.querySelector("button"))?.focus();
        return;
      }
    }
  }
  async function refresh() {
    if (refreshing) { pending = true; return refreshing; }
    refreshing = (async () => {
      try {
        const response = await fetch(queueUrl, { credentials: "same-origin", headers: { "HX-Request": "true" } });
        if (response.redirected || !response.ok) { status.textContent = "Sesja wygasła lub brak uprawnień – odśwież stronę."; status.className = "live-lost"; return; }
        const html = await response.text();
        const focusKey = focusedKey();
        const before = known;
        region.innerHTML = html;
        restoreFocus(focusKey);
        if (window.htmx) window.htmx.process(region);
        known = knownIds();
        const fresh = Array.from(region.querySelectorAll("[data-alarm-id]")).filter((row) => !before.has(row.dataset.alarmId));
        signalNew(fresh);
        tick();
        desk.dispatchEvent(new CustomEvent("telecare:refreshed", { detail: { fresh: fresh.map((r) => r.dataset.alarmId) } }));
      } catch (e) {
        status.textContent = "Brak połączenia z serwerem – ponawiam…";
        status.className = "live-lost";
      } finally {
        refreshing = null;
        if (pending) { pending = false; window.setTimeout(refresh, 0); }
      }
    })();
    return refreshing;
  }

  const source = new EventSource(desk.dataset.streamUrl);
  source.addEventListener("open", () => {
    status.textContent = "Na żywo: nowe alarmy pojawią się same.";
    status.className = "live-ok";
  });
  source.addEventListener("error", () => {
    status.textContent = "Brak połączenia na żywo – ponawiam…";
    status.className = "live-lost";
  });
  source.addEventListener("desk", (event) => {
    let data = {};
    try { data = JSON.parse(event.data); } catch (e) { return; }
    const queue = document.getElementById("queue");
    if (queue && queue.dataset.version === data.version) return;
    refresh();
  });
})();
