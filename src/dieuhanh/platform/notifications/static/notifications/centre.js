// The notification centre adds notifications that arrive live at the top of its list.
(function () {
  "use strict";
  const list = document.querySelector("[data-notification-list]");
  if (!list || list.hasAttribute("data-static")) return;
  document.addEventListener("dieuhanh:event", (e) => {
    const event = e.detail;
    if (!event.seq || !event.title) return;
    if (list.querySelector('[data-seq="' + event.seq + '"]')) return;
    const empty = list.querySelector("[data-empty]");
    if (empty) empty.remove();
    const item = document.createElement("li");
    item.className = "card notification notification-unread";
    item.dataset.seq = String(event.seq);
    const head = document.createElement("div");
    head.className = "notification-head";
    const tag = document.createElement("span");
    tag.className = "tag tag-warn";
    tag.textContent = list.dataset.textNew;
    head.appendChild(tag);
    item.appendChild(head);
    let title;
    if (event.url && event.url.startsWith("/") && !event.url.startsWith("//")) {
      title = document.createElement("a");
      title.href = event.url;
    } else {
      title = document.createElement("strong");
    }
    title.className = "notification-title";
    title.textContent = event.title;
    item.appendChild(title);
    if (event.body) {
      const body = document.createElement("p");
      body.textContent = event.body;
      item.appendChild(body);
    }
    const when = document.createElement("p");
    when.className = "muted";
    const time = document.createElement("time");
    time.dateTime = event.created_at;
    time.textContent = new Date(event.created_at).toLocaleString("vi-VN");
    when.appendChild(time);
    item.appendChild(when);
    list.prepend(item);
  });
})();
