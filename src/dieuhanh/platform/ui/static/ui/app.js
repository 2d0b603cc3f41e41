// Điều Hành shell behaviour: toasts, language switch, mobile navigation, live socket.
(function () {
  "use strict";
  const body = document.body;

  function toast(text, level) {
    const box = document.querySelector("[data-toasts]");
    if (!box) return;
    const el = document.createElement("div");
    el.className = "toast toast-" + (level || "info");
    el.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("aria-label", body.dataset.textClose || "Đóng");
    close.textContent = "×";
    el.appendChild(close);
    box.appendChild(el);
    setTimeout(() => el.remove(), 8000);
  }
  window.dieuhanh = window.dieuhanh || {};
  window.dieuhanh.toast = toast;

  document.addEventListener("click", (event) => {
    const close = event.target.closest(".toast-close");
    if (close) close.parentElement.remove();
    const toggle = event.target.closest("[data-nav-toggle]");
    if (toggle) {
      const sidebar = document.getElementById("sidebar");
      const open = sidebar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
  });
  document.addEventListener("change", (event) => {
    if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
  });
  document.querySelectorAll(".toasts .toast").forEach((el) => setTimeout(() => el.remove(), 8000));
  // A form came back with errors: move focus to its summary so the person hears what to fix.
  const errorSummary = document.querySelector("[data-error-summary]");
  if (errorSummary) errorSummary.focus();
  // Escape closes the mobile menu and the user menu, returning focus to their buttons.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const sidebar = document.getElementById("sidebar");
    const toggle = document.querySelector("[data-nav-toggle]");
    if (sidebar && sidebar.classList.contains("open")) {
      sidebar.classList.remove("open");
      if (toggle) { toggle.setAttribute("aria-expanded", "false"); toggle.focus(); }
    }
    const menu = document.querySelector("details.usermenu[open]");
    if (menu) { menu.removeAttribute("open"); menu.querySelector("summary").focus(); }
  });

  // Live events. The server numbers every event per user; after a reconnect the client
  // asks for everything after the last number it saw, so nothing is lost.
  const url = body.dataset.websocketUrl;
  if (!url || !("WebSocket" in window)) return;
  const storageKey = "dieuhanh:last-seq";
  let lastSeq = Number(sessionStorage.getItem(storageKey) || 0);
  let delay = 1000;
  let socket;
  function handle(event) {
    if (event.seq && event.seq <= lastSeq) return;
    if (event.seq) {
      lastSeq = event.seq;
      sessionStorage.setItem(storageKey, String(lastSeq));
    }
    document.dispatchEvent(new CustomEvent("dieuhanh:event", { detail: event }));
    if (event.counts) {
      Object.entries(event.counts).forEach(([key, value]) => {
        document.querySelectorAll('[data-live-count="' + key + '"]').forEach((badge) => {
          badge.textContent = value;
          badge.hidden = !value;
        });
      });
    }
    if (event.toast) toast(event.toast, event.level);
  }
  function connect() {
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      delay = 1000;
      body.dataset.live = "connected";
      socket.send(JSON.stringify({ type: "resume", after: lastSeq }));
    });
    socket.addEventListener("message", (message) => {
      const data = JSON.parse(message.data);
      // The answer to "resume" says where numbering restarts (another account, a reset).
      if (typeof data.resume_from === "number") {
        lastSeq = data.resume_from;
        sessionStorage.setItem(storageKey, String(lastSeq));
      }
      (data.events || [data]).forEach(handle);
    });
    socket.addEventListener("close", (closed) => {
      body.dataset.live = "disconnected";
      if (closed.code === 4401) return; // signed out: a new page load will sign in again
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }
  window.dieuhanh.socket = () => socket;
  window.dieuhanh.reconnect = () => socket && socket.close();
  connect();
})();
