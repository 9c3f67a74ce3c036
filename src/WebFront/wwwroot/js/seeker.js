// The seeker's chat page. No cookies; the only stored state is in sessionStorage (gone when the
// tab closes, and wiped by the quick exit). Every text from the server is shown as text only.
"use strict";

(() => {
  const texts = {
    fi: {
      brand: "Keskustelu", quickExit: "Poistu nopeasti", startTitle: "Keskustele nimettömästi",
      infoAnonymous: "Voit keskustella nimettömänä. Sinun ei tarvitse kertoa nimeäsi tai rekisteröityä.",
      infoAddress: "Keskustelijasi näkee IP-osoitteesi keskustelun ajan, mutta ei sen avulla tietojasi. IP-osoitteita ei kerätä: ne poistetaan kuukausittain.",
      infoConfidential: "Keskustelu on luottamuksellinen. Keskustelijoita sitoo vaitiolovelvollisuus.",
      infoReport: "Jos laki velvoittaa ottamaan yhteyttä viranomaisiin (esimerkiksi lastensuojeluilmoitus), kerromme siitä sinulle keskustelussa.",
      pickChat: "Valitse keskustelu", start: "Aloita keskustelu", waitingTitle: "Odotat vuoroasi",
      position: (p, n) => `Olet jonossa ${p}. (jonossa ${n}).`, waitingHint: "Voit jo kirjoittaa viestin. Keskustelija näkee sen, kun hän ottaa keskustelun.",
      messageLabel: "Viestisi", send: "Lähetä", end: "Lopeta keskustelu", newChat: "Uusi keskustelu",
      you: "Sinä", counsellor: "Keskustelija", joined: (n) => `${n} tuli keskusteluun.`, ended: "Keskustelu on päättynyt.",
      typing: "Keskustelija kirjoittaa…", offline: "Yhteys katkesi. Yhdistetään uudelleen…", online: "Yhteys palasi.",
      sending: "lähetetään…", failed: "Viestin lähetys ei onnistunut. Yritetään uudelleen, kun yhteys palaa.",
      chooseFirst: "Valitse ensin keskustelu.", notWaiting: "Keskustelija on tulossa.",
    },
    sv: {
      brand: "Chatt", quickExit: "Lämna snabbt", startTitle: "Chatta anonymt",
      infoAnonymous: "Du kan chatta anonymt. Du behöver inte uppge ditt namn eller registrera dig.",
      infoAddress: "Den du chattar med ser din IP-adress under chatten, men kan inte se dina uppgifter med den. IP-adresser samlas inte: de raderas varje månad.",
      infoConfidential: "Chatten är konfidentiell. De som svarar har tystnadsplikt.",
      infoReport: "Om lagen kräver att vi kontaktar myndigheterna (till exempel en barnskyddsanmälan), berättar vi det för dig i chatten.",
      pickChat: "Välj chatt", start: "Börja chatta", waitingTitle: "Du väntar på din tur",
      position: (p, n) => `Du är nummer ${p} i kön (${n} väntar).`, waitingHint: "Du kan redan skriva ett meddelande. Den som svarar ser det när chatten börjar.",
      messageLabel: "Ditt meddelande", send: "Skicka", end: "Avsluta chatten", newChat: "Ny chatt",
      you: "Du", counsellor: "Jourhavande", joined: (n) => `${n} kom med i chatten.`, ended: "Chatten har avslutats.",
      typing: "Jourhavande skriver…", offline: "Förbindelsen bröts. Vi försöker igen…", online: "Förbindelsen är tillbaka.",
      sending: "skickas…", failed: "Meddelandet gick inte iväg. Vi försöker igen när förbindelsen är tillbaka.",
      chooseFirst: "Välj först en chatt.", notWaiting: "Jourhavande är på väg.",
    },
    en: {
      brand: "Chat", quickExit: "Quick exit", startTitle: "Talk anonymously",
      infoAnonymous: "You can talk without giving your name or registering.",
      infoAddress: "The person you talk with sees your IP address during the chat, but cannot see who you are from it. IP addresses are not collected: they are deleted every month.",
      infoConfidential: "The chat is confidential. Everyone who answers is bound to secrecy.",
      infoReport: "If the law obliges us to contact the authorities (for example a child welfare notification), we will tell you so in the chat.",
      pickChat: "Choose a chat", start: "Start the chat", waitingTitle: "You are waiting for your turn",
      position: (p, n) => `You are number ${p} in the queue (${n} waiting).`, waitingHint: "You can already write a message. The person who answers sees it when the chat starts.",
      messageLabel: "Your message", send: "Send", end: "End the chat", newChat: "New chat",
      you: "You", counsellor: "Counsellor", joined: (n) => `${n} joined the chat.`, ended: "The chat has ended.",
      typing: "The counsellor is typing…", offline: "The connection dropped. Reconnecting…", online: "The connection is back.",
      sending: "sending…", failed: "The message did not go through. It will be sent again when the connection is back.",
      chooseFirst: "Choose a chat first.", notWaiting: "A counsellor is on the way.",
    },
  };

  const storeKey = "ntk.chat";
  const $ = (id) => document.getElementById(id);
  const state = loadState();
  let lang = state.lang || "fi";
  let chats = [];
  let view = null;
  let place = null;
  const pending = new Map(); // clientMessageId -> text, until stored
  let typingTimer = 0;
  let lastTypingSent = 0;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/seeker")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * (ctx.previousRetryCount + 1), 10000) })
    .build();

  function loadState() {
    try { return JSON.parse(sessionStorage.getItem(storeKey)) || {}; } catch { return {}; }
  }
  function saveState() { sessionStorage.setItem(storeKey, JSON.stringify(state)); }
  function t(key, ...args) { const v = texts[lang][key]; return typeof v === "function" ? v(...args) : v; }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-text]").forEach((el) => { el.textContent = t(el.dataset.text); });
    document.querySelectorAll("[data-lang]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.lang === lang)));
    renderChats();
    renderPlace();
    renderStatus();
  }

  function show(section) {
    $("view-start").hidden = section !== "start";
    $("view-chat").hidden = section !== "chat";
  }

  function renderChats() {
    const box = $("chats");
    box.querySelectorAll(".chat").forEach((n) => n.remove());
    chats.forEach((chat, i) => {
      const label = document.createElement("label");
      label.className = "chat";
      const radio = document.createElement("input");
      radio.type = "radio"; radio.name = "chat"; radio.value = chat.id; radio.checked = i === 0;
      label.append(radio, document.createTextNode(" " + (chat.names[lang] || chat.names.fi || chat.id)));
      box.append(label);
    });
  }

  function renderPlace() {
    if (!view || view.status !== "waiting") { $("waiting").hidden = true; return; }
    $("waiting").hidden = false;
    $("position").textContent = place ? t("position", place.position, place.waiting) : t("notWaiting");
  }

  function renderStatus() {
    if (!view) return;
    const ended = view.status === "ended";
    $("ended").hidden = !ended;
    $("ended").textContent = ended ? t("ended") : "";
    $("composer").hidden = ended;
    $("end").hidden = ended;
    $("new-chat").hidden = !ended;
    renderPlace();
  }

  function addEntry(entry) {
    const item = document.createElement("li");
    const time = new Date(entry.at).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    if (entry.kind === "message") {
      item.className = entry.author === "seeker" ? "mine" : "theirs";
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = (entry.author === "seeker" ? t("you") : (view?.counsellorName || t("counsellor"))) + " · " + time;
      const body = document.createElement("p");
      body.textContent = entry.text;
      item.append(who, body);
      if (entry.clientMessageId) {
        document.querySelector(`[data-pending="${CSS.escape(entry.clientMessageId)}"]`)?.remove();
        pending.delete(entry.clientMessageId);
      }
    } else {
      item.className = "event";
      item.textContent = entry.kind === "counsellorJoined" ? t("joined", entry.text) : t("ended");
    }
    $("messages").append(item);
    item.scrollIntoView({ block: "nearest" });
  }

  // Entries are applied strictly in sequence; a gap means something was missed, so ask for it.
  async function receive(entry) {
    if (entry.sequence <= state.lastSeq) return;
    if (entry.sequence > state.lastSeq + 1) { await catchUp(); return; }
    state.lastSeq = entry.sequence; saveState();
    addEntry(entry);
  }

  async function catchUp() {
    for (;;) {
      const entries = await connection.invoke("ReadAfter", state.lastSeq);
      entries.forEach((e) => { if (e.sequence === state.lastSeq + 1) { state.lastSeq = e.sequence; addEntry(e); } });
      saveState();
      if (entries.length < 500) return;
    }
  }

  function joined(result) {
    view = result.conversation;
    place = result.position;
    result.entries?.forEach((e) => { if (e.sequence === state.lastSeq + 1) { state.lastSeq = e.sequence; addEntry(e); } });
    saveState();
    show("chat");
    renderStatus();
  }

  async function start() {
    const picked = document.querySelector("input[name=chat]:checked");
    if (!picked) { $("start-error").hidden = false; $("start-error").textContent = t("chooseFirst"); return; }
    try {
      const started = await connection.invoke("StartChat", picked.value, lang);
      Object.assign(state, { conversationId: started.conversationId, secret: started.secret, lastSeq: 0, lang });
      $("messages").replaceChildren();
      joined({ conversation: started.conversation, entries: [], position: started.position });
    } catch (err) {
      $("start-error").hidden = false;
      $("start-error").textContent = readError(err);
    }
  }

  async function resume() {
    try {
      joined(await connection.invoke("Resume", state.conversationId, state.secret, state.lastSeq || 0));
      for (const [id, text] of pending) await send(id, text);
    } catch {
      forget();
      await showStart();
    }
  }

  async function send(id, text) {
    try {
      const result = await connection.invoke("Send", id, text);
      $("send-error").hidden = true;
      if (result.sequence > state.lastSeq) await catchUp();
    } catch (err) {
      $("send-error").hidden = false;
      $("send-error").textContent = connection.state === "Connected" ? readError(err) : t("failed");
      if (connection.state === "Connected") { pending.delete(id); document.querySelector(`[data-pending="${id}"]`)?.remove(); }
    }
  }

  function submit(event) {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim()) return;
    const id = crypto.randomUUID();
    pending.set(id, text);
    const item = document.createElement("li");
    item.className = "mine pending"; item.dataset.pending = id;
    const body = document.createElement("p"); body.textContent = text;
    const note = document.createElement("span"); note.className = "who"; note.textContent = t("sending");
    item.append(note, body);
    $("messages").append(item);
    $("text").value = "";
    send(id, text);
  }

  function readError(err) {
    const message = String(err?.message || err);
    const at = message.indexOf("HubException: ");
    return at >= 0 ? message.slice(at + 14) : message;
  }

  function forget() {
    for (const key of ["conversationId", "secret", "lastSeq"]) delete state[key];
    saveState();
    view = null; place = null; pending.clear();
  }

  async function showStart() {
    chats = await connection.invoke("GetChats");
    renderChats();
    show("start");
  }

  // Leaves at once: wipes what this tab stored, ends the chat if one is open, and replaces the
  // page so that the back button does not return here.
  function quickExit() {
    const id = state.conversationId;
    sessionStorage.clear();
    if (id && connection.state === "Connected") connection.invoke("End").catch(() => {});
    window.location.replace("https://www.google.com/search?q=weather");
  }

  connection.on("entry", (_, entry) => receive(entry));
  connection.on("conversation", (v) => {
    if (!view || v.id !== view.id) return;
    view = v;
    if (v.status !== "waiting") place = null;
    renderStatus();
  });
  connection.on("typing", () => {
    $("typing").textContent = t("typing");
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { $("typing").textContent = ""; }, 4000);
  });
  connection.on("queue", async (event) => {
    if (!place || event.queueId !== place.queueId) return;
    if (!event.reset && event.version === place.version + 1) {
      if (event.leftTicket !== null && event.leftTicket < place.ticket) place.position -= 1;
      place.waiting = event.waiting;
      place.version = event.version;
    } else if (event.reset || event.version > place.version) {
      place = await connection.invoke("GetPosition");
    }
    renderPlace();
  });
  connection.onreconnecting(() => { $("connection").hidden = false; $("connection").textContent = t("offline"); });
  connection.onreconnected(async () => {
    $("connection").textContent = t("online");
    setTimeout(() => { $("connection").hidden = true; }, 3000);
    if (state.conversationId) await resume();
  });

  document.querySelectorAll("[data-lang]").forEach((b) => b.addEventListener("click", () => {
    lang = b.dataset.lang; state.lang = lang; saveState(); applyLanguage();
  }));
  $("quick-exit").addEventListener("click", quickExit);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && e.shiftKey) quickExit(); });
  $("start").addEventListener("click", start);
  $("composer").addEventListener("submit", submit);
  $("text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("composer").requestSubmit(); }
  });
  $("text").addEventListener("input", () => {
    if (Date.now() - lastTypingSent > 3000 && connection.state === "Connected") {
      lastTypingSent = Date.now();
      connection.invoke("Typing").catch(() => {});
    }
  });
  $("end").addEventListener("click", async () => { view = await connection.invoke("End"); renderStatus(); });
  $("new-chat").addEventListener("click", async () => { forget(); $("messages").replaceChildren(); await showStart(); });

  (async () => {
    applyLanguage();
    await connection.start();
    if (state.conversationId) await resume(); else await showStart();
  })();
})();
