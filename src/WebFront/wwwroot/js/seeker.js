// The seeker's chat page. No cookies; the only stored state is in sessionStorage (gone when the
// tab closes, and wiped by the quick exit). Everything from the server is shown as text only.
"use strict";

(() => {
  const texts = {
    fi: {
      title: "Keskustelu", brand: "Keskustelu", languages: "Kieli", quickExit: "Poistu nopeasti",
      startTitle: "Keskustele nimettömästi", chatTitle: "Keskustelu",
      infoAnonymous: "Voit keskustella nimettömänä. Sinun ei tarvitse kertoa nimeäsi eikä rekisteröityä.",
      infoAddress: "Keskustelijasi näkee IP-osoitteesi keskustelun ajan, mutta ei sen avulla tietojasi. IP-osoitteita ei kerätä: ne poistetaan palvelimelta kuukausittain.",
      infoConfidential: "Keskustelu on luottamuksellinen. Keskustelijoita sitoo vaitiolovelvollisuus.",
      infoReport: "Jos laki velvoittaa keskustelijan ottamaan yhteyttä viranomaisiin (esimerkiksi lastensuojeluilmoitus), hän kertoo siitä sinulle keskustelussa.",
      infoExit: "Jos joku tulee paikalle, paina Poistu nopeasti tai Esc-näppäintä kahdesti: sivu vaihtuu heti toiseksi ja keskustelu päättyy.",
      previousEnded: "Edellinen keskustelusi on päättynyt.",
      pickChat: "Valitse keskustelu", start: "Aloita keskustelu", waitingTitle: "Odotat vuoroasi",
      position: (p, n) => `Olet jonossa ${p}. (jonossa ${n}).`, waitingHint: "Voit jo kirjoittaa viestin. Keskustelija näkee sen, kun hän ottaa keskustelun.",
      messageLabel: "Viestisi", send: "Lähetä", end: "Lopeta keskustelu", newChat: "Uusi keskustelu",
      you: "Sinä", counsellor: "Keskustelija", joined: (n) => `${n} tuli keskusteluun.`,
      typing: "Keskustelija kirjoittaa…", offline: "Yhteys katkesi. Yhdistetään uudelleen…", online: "Yhteys palasi.",
      sending: "lähetetään…", failed: "Viestin lähetys ei onnistunut. Yritetään uudelleen, kun yhteys palaa.",
      chooseFirst: "Valitse ensin keskustelu.", notWaiting: "Keskustelija on tulossa.",
      open: (t) => `Auki nyt, klo ${t} asti`, closingSoon: (t) => `Sulkeutuu pian (klo ${t}): uusia keskusteluja ei enää aloiteta`,
      closed: (t) => t ? `Suljettu. Avautuu seuraavan kerran ${t}.` : "Suljettu toistaiseksi.", full: "Jono on juuri nyt täynnä. Yritä hetken päästä uudelleen.",
      estimate: (m) => m < 1 ? "Arvioitu odotus: alle minuutti." : `Arvioitu odotus: noin ${m} min.`,
      closingNotice: "Keskustelu sulkeutuu pian. Jonossa jo olevat palvellaan.",
      handedOver: (n) => `Keskustelu siirtyi: ${n} jatkaa kanssasi.`, idle: (t) => `Kukaan ei ole kirjoittanut hetkeen. Keskustelu sulkeutuu klo ${t}, ellei kukaan kirjoita.`,
      notAvailable: "Tämä keskustelu ei ole nyt auki.", limited: (t) => `Keskustelu ei ole nyt käytettävissäsi. Voit yrittää uudelleen ${t}.`,
      limitSet: (t) => `Keskustelulle on varattu aikaa klo ${t} asti.`, limitWarning: (t) => `Keskustelu päättyy pian, klo ${t}.`,
      timeLeft: (m) => `Aikaa jäljellä noin ${m} min.`,
      ended: "Keskustelu on päättynyt.", endedIdle: "Keskustelu päättyi, koska kukaan ei kirjoittanut hetkeen.",
      endedTime: "Keskustelulle varattu aika päättyi.",
      notice: "Ilmoitus viranomaisille",
      noticeChildWelfare: "Keskustelijan on lain mukaan tehtävä lastensuojeluilmoitus sen perusteella, mitä keskustelussa on kerrottu. Voit kysyä häneltä, mitä se tarkoittaa ja mitä seuraavaksi tapahtuu.",
      noticePolice: "Keskustelijan on lain mukaan otettava yhteyttä poliisiin sen perusteella, mitä keskustelussa on kerrottu. Voit kysyä häneltä, mitä se tarkoittaa ja mitä seuraavaksi tapahtuu.",
      noticeOtherAuthority: "Keskustelijan on lain mukaan otettava yhteyttä viranomaisiin sen perusteella, mitä keskustelussa on kerrottu. Voit kysyä häneltä, mitä se tarkoittaa ja mitä seuraavaksi tapahtuu.",
      feedbackTitle: "Miten keskustelu auttoi? (1 = ei lainkaan, 5 = paljon)", ratingHint: "Palaute on nimetöntä.",
      feedbackText: "Haluatko kertoa lisää? (vapaaehtoinen)", feedbackSend: "Lähetä palaute", feedbackThanks: "Kiitos palautteestasi.",
      feedbackRating: "Valitse ensin arvio.",
    },
    sv: {
      title: "Chatt", brand: "Chatt", languages: "Språk", quickExit: "Lämna snabbt",
      startTitle: "Chatta anonymt", chatTitle: "Chatt",
      infoAnonymous: "Du kan chatta anonymt. Du behöver inte uppge ditt namn eller registrera dig.",
      infoAddress: "Den du chattar med ser din IP-adress under chatten, men kan inte se dina uppgifter med den. IP-adresser samlas inte: de raderas från servern varje månad.",
      infoConfidential: "Chatten är konfidentiell. De som svarar har tystnadsplikt.",
      infoReport: "Om lagen kräver att den som svarar kontaktar myndigheterna (till exempel en barnskyddsanmälan), berättar hen det för dig i chatten.",
      infoExit: "Om någon kommer, tryck på Lämna snabbt eller två gånger på Esc: sidan byts genast och chatten avslutas.",
      previousEnded: "Din förra chatt har avslutats.",
      pickChat: "Välj chatt", start: "Börja chatta", waitingTitle: "Du väntar på din tur",
      position: (p, n) => `Du är nummer ${p} i kön (${n} väntar).`, waitingHint: "Du kan redan skriva ett meddelande. Den som svarar ser det när chatten börjar.",
      messageLabel: "Ditt meddelande", send: "Skicka", end: "Avsluta chatten", newChat: "Ny chatt",
      you: "Du", counsellor: "Jourhavande", joined: (n) => `${n} kom med i chatten.`,
      typing: "Jourhavande skriver…", offline: "Förbindelsen bröts. Vi försöker igen…", online: "Förbindelsen är tillbaka.",
      sending: "skickas…", failed: "Meddelandet gick inte iväg. Vi försöker igen när förbindelsen är tillbaka.",
      chooseFirst: "Välj först en chatt.", notWaiting: "Jourhavande är på väg.",
      open: (t) => `Öppen nu, till kl. ${t}`, closingSoon: (t) => `Stänger snart (kl. ${t}): inga nya chattar börjar`,
      closed: (t) => t ? `Stängd. Öppnar nästa gång ${t}.` : "Stängd tills vidare.", full: "Kön är full just nu. Försök igen om en stund.",
      estimate: (m) => m < 1 ? "Uppskattad väntetid: under en minut." : `Uppskattad väntetid: cirka ${m} min.`,
      closingNotice: "Chatten stänger snart. De som redan står i kön får svar.",
      handedOver: (n) => `Chatten flyttades: ${n} fortsätter med dig.`, idle: (t) => `Ingen har skrivit på en stund. Chatten stänger kl. ${t} om ingen skriver.`,
      notAvailable: "Den här chatten är inte öppen nu.", limited: (t) => `Chatten är inte tillgänglig för dig just nu. Du kan försöka igen ${t}.`,
      limitSet: (t) => `Chatten har tid till kl. ${t}.`, limitWarning: (t) => `Chatten slutar snart, kl. ${t}.`,
      timeLeft: (m) => `Cirka ${m} min kvar.`,
      ended: "Chatten har avslutats.", endedIdle: "Chatten avslutades eftersom ingen skrev på en stund.",
      endedTime: "Tiden för chatten tog slut.",
      notice: "Anmälan till myndigheterna",
      noticeChildWelfare: "Den som svarar är enligt lag skyldig att göra en barnskyddsanmälan utgående från det som kommit fram i chatten. Du kan fråga vad det innebär och vad som händer härnäst.",
      noticePolice: "Den som svarar är enligt lag skyldig att kontakta polisen utgående från det som kommit fram i chatten. Du kan fråga vad det innebär och vad som händer härnäst.",
      noticeOtherAuthority: "Den som svarar är enligt lag skyldig att kontakta myndigheterna utgående från det som kommit fram i chatten. Du kan fråga vad det innebär och vad som händer härnäst.",
      feedbackTitle: "Hur hjälpte chatten dig? (1 = inte alls, 5 = mycket)", ratingHint: "Responsen är anonym.",
      feedbackText: "Vill du berätta mer? (frivilligt)", feedbackSend: "Skicka respons", feedbackThanks: "Tack för din respons.",
      feedbackRating: "Välj först ett betyg.",
    },
    en: {
      title: "Chat", brand: "Chat", languages: "Language", quickExit: "Quick exit",
      startTitle: "Talk anonymously", chatTitle: "Chat",
      infoAnonymous: "You can talk without giving your name or registering.",
      infoAddress: "The person you talk with sees your IP address during the chat, but cannot see who you are from it. IP addresses are not collected: they are deleted from the server every month.",
      infoConfidential: "The chat is confidential. Everyone who answers is bound to secrecy.",
      infoReport: "If the law obliges the person you talk with to contact the authorities (for example a child welfare notification), they will tell you so in the chat.",
      infoExit: "If someone comes, press Quick exit or Esc twice: the page changes at once and the chat ends.",
      previousEnded: "Your previous chat has ended.",
      pickChat: "Choose a chat", start: "Start the chat", waitingTitle: "You are waiting for your turn",
      position: (p, n) => `You are number ${p} in the queue (${n} waiting).`, waitingHint: "You can already write a message. The person who answers sees it when the chat starts.",
      messageLabel: "Your message", send: "Send", end: "End the chat", newChat: "New chat",
      you: "You", counsellor: "Counsellor", joined: (n) => `${n} joined the chat.`,
      typing: "The counsellor is typing…", offline: "The connection dropped. Reconnecting…", online: "The connection is back.",
      sending: "sending…", failed: "The message did not go through. It will be sent again when the connection is back.",
      chooseFirst: "Choose a chat first.", notWaiting: "A counsellor is on the way.",
      open: (t) => `Open now, until ${t}`, closingSoon: (t) => `Closing soon (${t}): no new chats are started`,
      closed: (t) => t ? `Closed. Opens next ${t}.` : "Closed for now.", full: "The queue is full right now. Please try again in a little while.",
      estimate: (m) => m < 1 ? "Estimated wait: under a minute." : `Estimated wait: about ${m} min.`,
      closingNotice: "The chat closes soon. Everyone already in the queue will be answered.",
      handedOver: (n) => `The chat moved on: ${n} continues with you.`, idle: (t) => `Nobody has written for a while. The chat closes at ${t} unless someone writes.`,
      notAvailable: "This chat is not open now.", limited: (t) => `The chat is not available to you right now. You can try again ${t}.`,
      limitSet: (t) => `The chat has time until ${t}.`, limitWarning: (t) => `The chat ends soon, at ${t}.`,
      timeLeft: (m) => `About ${m} min left.`,
      ended: "The chat has ended.", endedIdle: "The chat ended because nobody wrote for a while.",
      endedTime: "The time for the chat ran out.",
      notice: "Notice about the authorities",
      noticeChildWelfare: "The law obliges the person you talk with to make a child welfare notification because of what came up in the chat. You can ask them what it means and what happens next.",
      noticePolice: "The law obliges the person you talk with to contact the police because of what came up in the chat. You can ask them what it means and what happens next.",
      noticeOtherAuthority: "The law obliges the person you talk with to contact the authorities because of what came up in the chat. You can ask them what it means and what happens next.",
      feedbackTitle: "How did the chat help you? (1 = not at all, 5 = a lot)", ratingHint: "Feedback is anonymous.",
      feedbackText: "Would you like to say more? (optional)", feedbackSend: "Send feedback", feedbackThanks: "Thank you for your feedback.",
      feedbackRating: "Choose a rating first.",
    },
  };

  const storeKey = "ntk.chat";
  const $ = (id) => document.getElementById(id);
  const state = loadState();
  let lang = state.lang || "fi";
  let chats = [];
  let view = null;
  let place = null;
  let leaving = false;
  let lastEscape = 0;
  let quickExitUrl = "about:blank";
  const pending = new Map(); // clientMessageId -> text, until stored
  let typingTimer = 0;
  let lastTypingSent = 0;

  // The server's clock as this page last saw it: times left are counted from the server's time,
  // so that a phone whose clock is wrong still shows them right.
  let clockOffset = 0;
  const serverNow = () => Date.now() + clockOffset;
  const sawServerTime = (instant) => { clockOffset = new Date(instant).getTime() - Date.now(); };

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/seeker")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * (ctx.previousRetryCount + 1), 10000) })
    .build();

  function loadState() {
    try { return JSON.parse(sessionStorage.getItem(storeKey)) || {}; } catch { return {}; }
  }

  // Once the quick exit has begun, nothing is written back: the tab must keep nothing.
  function saveState() { if (!leaving) sessionStorage.setItem(storeKey, JSON.stringify(state)); }

  function t(key, ...args) { const v = texts[lang][key]; return typeof v === "function" ? v(...args) : v; }

  function clock(instant) {
    return new Date(instant).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Helsinki" });
  }

  function day(instant) {
    return new Date(instant).toLocaleString(lang, { weekday: "long", day: "numeric", month: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Helsinki" });
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t("title");
    document.querySelectorAll("[data-text]").forEach((el) => { el.textContent = t(el.dataset.text); });
    document.querySelectorAll("[data-label]").forEach((el) => el.setAttribute("aria-label", t(el.dataset.label)));
    document.querySelectorAll("[data-lang]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.lang === lang)));
    renderChats();
    renderStatus();
  }

  function show(section) {
    $("view-start").hidden = section !== "start";
    $("view-chat").hidden = section !== "chat";
  }

  function chatState(status) {
    const h = status.hours;
    if (h.openness === "closed") return t("closed", h.nextOpensAt ? day(h.nextOpensAt) : null);
    if (h.openness === "closingSoon") return t("closingSoon", clock(h.closesAt));
    return status.full ? t("full") : t("open", clock(h.closesAt));
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
      const stateText = document.createElement("span");
      stateText.className = "chat-state";
      stateText.textContent = chatState(chat.status);
      label.append(radio, name, stateText);
      box.append(label);
    });
    $("start").disabled = !checked;
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

  function renderTimeLeft() {
    const endsAt = view && view.status === "active" ? view.timeLimitEndsAt : null;
    $("time-left").hidden = !endsAt;
    if (endsAt) $("time-left").textContent = t("timeLeft", Math.max(0, Math.ceil((new Date(endsAt) - serverNow()) / 60000)));
  }

  function endedText(reason) {
    return reason === "Idle" ? t("endedIdle") : reason === "TimeLimit" ? t("endedTime") : t("ended");
  }

  function renderStatus() {
    if (!view) return;
    const ended = view.status === "ended";
    $("chat-title").textContent = view.status === "waiting" ? t("waitingTitle") : t("chatTitle");
    $("ended").hidden = !ended;
    if (ended && !$("ended").textContent) $("ended").textContent = t("ended");
    $("composer").hidden = ended;
    $("end").hidden = ended;
    $("new-chat").hidden = !ended;
    $("feedback").hidden = !ended || Boolean(state.feedbackSent);
    renderPlace();
    renderTimeLeft();
  }

  function eventLine(entry) {
    switch (entry.kind) {
      case "counsellorJoined": return t("joined", entry.text);
      case "handedOver": return t("handedOver", entry.text);
      case "idleWarning": return t("idle", clock(entry.text));
      case "timeLimitSet": return t("limitSet", clock(entry.text));
      case "timeLimitWarning": return t("limitWarning", clock(entry.text));
      case "ended": return endedText(entry.text);
      default: return "";
    }
  }

  function addEntry(entry) {
    const item = document.createElement("li");
    const time = clock(entry.at);
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
    } else if (entry.kind === "reportingNotice") {
      item.className = "report-notice";
      item.setAttribute("role", "note");
      const title = document.createElement("strong");
      title.textContent = t("notice");
      const body = document.createElement("p");
      body.textContent = t("notice" + entry.text) || t("noticeOtherAuthority");
      item.append(title, body);
    } else {
      item.className = "event";
      item.textContent = eventLine(entry);
      if (entry.kind === "ended") $("ended").textContent = endedText(entry.text);
    }
    $("messages").append(item);
    item.scrollIntoView({ block: "nearest" });
  }

  // Entries are applied strictly in sequence; a gap means something was missed, so ask for it.
  async function receive(entry) {
    sawServerTime(entry.at);
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
    // After the text of an ended chat is deleted, the numbering still goes on from where it was.
    state.lastSeq = Math.max(state.lastSeq || 0, view.status === "ended" ? view.lastSequence : 0);
    saveState();
    show("chat");
    renderStatus();
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

  async function start() {
    const picked = document.querySelector("input[name=chat]:checked");
    if (!picked) { $("start-error").hidden = false; $("start-error").textContent = t("chooseFirst"); return; }
    try {
      const started = await connection.invoke("StartChat", picked.value, lang);
      sawServerTime(started.conversation.startedAt);
      Object.assign(state, { conversationId: started.conversationId, secret: started.secret, lastSeq: 0, lang, feedbackSent: false });
      $("messages").replaceChildren();
      $("ended").textContent = "";
      $("previous").hidden = true;
      joined({ conversation: started.conversation, entries: [], position: started.position });
      $("text").focus();
    } catch (err) {
      $("start-error").hidden = false;
      const code = errorCode(err);
      const until = /after (\S+)$/.exec(readError(err));
      $("start-error").textContent = code === "chat-full" ? t("full")
        : code === "chat-closed" ? t("notAvailable")
        : code === "contact-limited" && until ? t("limited", day(until[1]))
        : readError(err);
      chats = await connection.invoke("GetChats");
      renderChats();
    }
  }

  async function resume() {
    try {
      joined(await connection.invoke("Resume", state.conversationId, state.secret, state.lastSeq || 0));
      for (const [id, text] of pending) await send(id, text);
    } catch (err) {
      // A conversation the server no longer knows has ended and been deleted; anything else
      // (the service busy for a moment) is tried again shortly.
      if (errorCode(err) === "not-your-conversation") {
        forget();
        await showStart();
        $("previous").hidden = false;
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
      // The server pushes a message to every connection but the one it came on: the answer is it.
      if (!result.duplicate && result.sequence === state.lastSeq + 1) {
        sawServerTime(result.at);
        state.lastSeq = result.sequence; saveState();
        addEntry({
          sequence: result.sequence, kind: "message", author: "seeker", clientMessageId: id, text, at: result.at,
        });
      } else if (result.sequence > state.lastSeq) await catchUp();
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

  async function sendFeedback(event) {
    event.preventDefault();
    const rating = document.querySelector("input[name=rating]:checked");
    if (!rating) { $("feedback-result").textContent = t("feedbackRating"); return; }
    try {
      await connection.invoke("SubmitFeedback", Number(rating.value), $("feedback-text").value);
      state.feedbackSent = true; saveState();
      $("feedback").querySelectorAll("input, textarea, button").forEach((el) => { el.disabled = true; });
      $("feedback-result").textContent = t("feedbackThanks");
    } catch (err) {
      $("feedback-result").textContent = readError(err);
    }
  }

  function forget() {
    for (const key of ["conversationId", "secret", "lastSeq", "feedbackSent"]) delete state[key];
    saveState();
    view = null; place = null; pending.clear();
  }

  async function showStart() {
    chats = await connection.invoke("GetChats");
    renderChats();
    show("start");
  }

  // Leaves at once: wipes what this tab stored, ends the chat on the server (with a beacon, which
  // is delivered even as the page goes), and replaces the page so that going back does not return here.
  function quickExit() {
    leaving = true;
    const id = state.conversationId;
    const secret = state.secret;
    sessionStorage.clear();
    document.body.replaceChildren();
    if (id && secret) {
      const form = new FormData();
      form.append("conversationId", id);
      form.append("secret", secret);
      navigator.sendBeacon("/api/seeker/quick-exit", form);
    }
    connection.stop().catch(() => {});
    window.location.replace(quickExitUrl);
  }

  connection.on("entry", (_, entry) => { if (!leaving) receive(entry); });
  connection.on("conversation", (v) => {
    if (leaving || !view || v.id !== view.id) return;
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
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    if (e.timeStamp - lastEscape < 1500) quickExit();
    lastEscape = e.timeStamp;
  });
  $("start").addEventListener("click", start);
  $("composer").addEventListener("submit", submit);
  $("feedback").addEventListener("submit", sendFeedback);
  $("text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("composer").requestSubmit(); }
  });
  $("text").addEventListener("input", () => {
    if (Date.now() - lastTypingSent > 3000 && connection.state === "Connected") {
      lastTypingSent = Date.now();
      connection.invoke("Typing").catch(() => {});
    }
  });
  $("end").addEventListener("click", async () => { view = await connection.invoke("End"); renderStatus(); $("feedback").querySelector("input")?.focus(); });
  $("new-chat").addEventListener("click", async () => {
    forget();
    $("messages").replaceChildren();
    $("ended").textContent = "";
    await showStart();
    $("start").focus();
  });
  setInterval(renderTimeLeft, 30000);

  (async () => {
    applyLanguage();
    try {
      const settings = await (await fetch("/api/seeker/settings", { credentials: "omit" })).json();
      quickExitUrl = settings.quickExitUrl || quickExitUrl;
    } catch { /* the exit still leaves, to a blank page */ }
    // A web front may be restarting as the page loads: keep trying, as after a lost connection.
    await window.startConnection(connection, () => {
      $("connection").hidden = false;
      $("connection").textContent = t("offline");
    });
    $("connection").hidden = true;
    if (state.conversationId) await resume(); else await showStart();
  })();
})();
