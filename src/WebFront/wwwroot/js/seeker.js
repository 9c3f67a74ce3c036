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
      open: (t) => `Auki nyt, klo ${t} asti`, closingSoon: (t) => `Sulkeutuu pian (klo ${t}): uusia keskusteluja ei enää aloiteta`,
      closed: (t) => t ? `Suljettu. Avautuu seuraavan kerran ${t}.` : "Suljettu toistaiseksi.", full: "Jono on juuri nyt täynnä. Yritä hetken päästä uudelleen.",
      estimate: (m) => m < 1 ? "Arvioitu odotus: alle minuutti." : `Arvioitu odotus: noin ${m} min.`,
      closingNotice: "Keskustelu sulkeutuu pian. Jonossa jo olevat palvellaan.",
      handedOver: (n) => `Keskustelu siirtyi: ${n} jatkaa kanssasi.`, idle: (t) => `Kukaan ei ole kirjoittanut hetkeen. Keskustelu sulkeutuu klo ${t}, ellei kukaan kirjoita.`,
      notAvailable: "Tämä keskustelu ei ole nyt auki.",
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
      open: (t) => `Öppen nu, till kl. ${t}`, closingSoon: (t) => `Stänger snart (kl. ${t}): inga nya chattar börjar`,
      closed: (t) => t ? `Stängd. Öppnar nästa gång ${t}.` : "Stängd tills vidare.", full: "Kön är full just nu. Försök igen om en stund.",
      estimate: (m) => m < 1 ? "Uppskattad väntetid: under en minut." : `Uppskattad väntetid: cirka ${m} min.`,
      closingNotice: "Chatten stänger snart. De som redan står i kön får svar.",
      handedOver: (n) => `Chatten flyttades: ${n} fortsätter med dig.`, idle: (t) => `Ingen har skrivit på en stund. Chatten stänger kl. ${t} om ingen skriver.`,
      notAvailable: "Den här chatten är inte öppen nu.",
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
      open: (t) => `Open now, until ${t}`, closingSoon: (t) => `Closing soon (${t}): no new chats are started`,
      closed: (t) => t ? `Closed. Opens next ${t}.` : "Closed for now.", full: "The queue is full right now. Please try again in a little while.",
      estimate: (m) => m < 1 ? "Estimated wait: under a minute." : `Estimated wait: about ${m} min.`,
      closingNotice: "The chat closes soon. Everyone already in the queue will be answered.",
      handedOver: (n) => `The chat moved on: ${n} continues with you.`, idle: (t) => `Nobody has written for a while. The chat closes at ${t} unless someone writes.`,
      notAvailable: "This chat is not open now.",
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
    let checked = false;
    chats.forEach((chat) => {
      const label = document.createElement("label");
      label.className = "chat";
      const radio = document.createElement("input");
      radio.type = "radio"; radio.name = "chat"; radio.value = chat.id;
      const admits = chat.status.hours.openness === "open" && !chat.status.full;
      radio.disabled = !admits;
      if (admits && !checked) { radio.checked = true; checked = true; }
      const name = document.createElement("span");
      name.className = "chat-name";
      name.textContent = " " + (chat.names[lang] || chat.names.fi || chat.id);
      const state = document.createElement("span");
      state.className = "chat-state";
      state.textContent = chatState(chat.status);
      label.append(radio, name, state);
      box.append(label);
    });
    $("start").disabled = !checked;
  }

  function clock(instant) {
    return new Date(instant).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Helsinki" });
  }

  function day(instant) {
    return new Date(instant).toLocaleString(lang, { weekday: "long", day: "numeric", month: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Helsinki" });
  }

  function chatState(status) {
    const h = status.hours;
    if (h.openness === "closed") return t("closed", h.nextOpensAt ? day(h.nextOpensAt) : null);
    if (h.openness === "closingSoon") return t("closingSoon", clock(h.closesAt));
    return status.full ? t("full") : t("open", clock(h.closesAt));
  }

  function renderPlace() {
    if (!view || view.status !== "waiting") { $("waiting").hidden = true; return; }
    $("waiting").hidden = false;
    if (!place) { $("position").textContent = t("notWaiting"); return; }
    const s = place.status;
    let text = t("position", place.position, s.waiting);
    if (s.secondsPerSeeker) text += " " + t("estimate", Math.round((place.position * s.secondsPerSeeker) / 60));
    if (s.hours.openness !== "open") text += " " + t("closingNotice");
    $("position").textContent = text;
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
      item.textContent = entry.kind === "counsellorJoined" ? t("joined", entry.text)
        : entry.kind === "handedOver" ? t("handedOver", entry.text)
        : entry.kind === "idleWarning" ? t("idle", clock(entry.text))
        : t("ended");
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
      const code = errorCode(err);
      $("start-error").textContent = code === "chat-full" ? t("full") : code === "chat-closed" ? t("notAvailable") : readError(err);
      chats = await connection.invoke("GetChats");
      renderChats();
    }
  }

  async function resume() {
    try {
      joined(await connection.invoke("Resume", state.conversationId, state.secret, state.lastSeq || 0));
      for (const [id, text] of pending) await send(id, text);
    } catch (err) {
      // Only a conversation the server does not know any more is forgotten; anything else
      // (the service busy for a moment) is tried again on the next reconnect.
      if (errorCode(err) === "not-your-conversation") {
        forget();
        await showStart();
      } else {
        $("connection").hidden = false;
        $("connection").textContent = t("offline");
        setTimeout(() => { if (connection.state === "Connected") resume(); }, 3000);
      }
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

  function errorCode(err) {
    const match = /HubException: ([a-z-]+):/.exec(String(err?.message || err));
    return match ? match[1] : null;
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
    if (!event.reset && event.version <= place.version) return;
    if (!event.reset && event.version === place.version + 1) {
      if (event.leftTicket !== null && event.leftTicket < place.ticket) place.position -= 1;
      place.status = event.status;
      place.version = event.version;
    } else {
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
