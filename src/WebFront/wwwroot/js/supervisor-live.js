// The supervisors' live view: queues, counsellors and chats in progress, refreshed every few
// seconds. Bars show at a glance how full each queue is and how loaded each counsellor is.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/supervisor").withAutomaticReconnect().build();
  const svg = "http://www.w3.org/2000/svg";

  function bar(value, max, label) {
    const chart = document.createElementNS(svg, "svg");
    chart.setAttribute("viewBox", "0 0 100 10");
    chart.setAttribute("class", "meter");
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", label);
    const back = document.createElementNS(svg, "rect");
    back.setAttribute("width", "100"); back.setAttribute("height", "10"); back.setAttribute("class", "meter-back");
    const fill = document.createElementNS(svg, "rect");
    fill.setAttribute("width", String(max > 0 ? Math.min(100, (100 * value) / max) : 0));
    fill.setAttribute("height", "10"); fill.setAttribute("class", "meter-fill");
    chart.append(back, fill);
    return chart;
  }

  function minutes(seconds) { return seconds < 60 ? "under a minute" : `${Math.floor(seconds / 60)} min`; }

  function render(view) {
    const cards = view.chats.map((chat) => {
      const card = document.createElement("article");
      card.className = `card ${chat.status.hours.openness}`;
      const title = document.createElement("h3");
      title.textContent = chat.name;
      const line = document.createElement("p");
      line.textContent = `${chat.status.waiting} waiting · longest ${chat.status.waiting ? minutes(chat.longestWaitSeconds) : "–"} · ${chat.status.hours.openness}${chat.status.full ? " · full" : ""}`;
      card.append(title, line, bar(chat.status.waiting, Math.max(10, chat.status.waiting), `${chat.status.waiting} waiting`));
      return card;
    });
    $("live-chats").replaceChildren(...cards);
    const rows = view.counsellors.map((c) => {
      const row = document.createElement("tr");
      const name = document.createElement("td"); name.textContent = c.chatName;
      const status = document.createElement("td"); status.textContent = c.available ? "available" : "away";
      const load = document.createElement("td");
      load.append(document.createTextNode(`${c.conversations} / ${c.maxConversations} `), bar(c.conversations, c.maxConversations, `${c.conversations} of ${c.maxConversations} chats`));
      row.append(name, status, load);
      return row;
    });
    $("live-counsellors").replaceChildren(...rows);
    $("live-in-progress").textContent = `· ${view.chatsInProgress} chats in progress`;
  }

  async function refresh() {
    try {
      render(await connection.invoke("GetLiveView"));
      $("live-error").hidden = true;
    } catch (err) {
      $("live-error").hidden = false;
      $("live-error").textContent = "The live view could not be updated; retrying.";
    }
  }

  (async () => {
    await connection.start();
    await refresh();
    setInterval(refresh, 3000);
  })().catch(() => { $("live-error").hidden = false; $("live-error").textContent = "Could not connect."; });
})();
