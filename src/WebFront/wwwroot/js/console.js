// The counsellor console: availability, waiting lists per chat, and the counsellor's
// conversations side by side. Everything a seeker wrote is shown as text only.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const queues = new Map(); // queueId -> { overview, element }
  const conversations = new Map(); // conversationId -> { view, lastSeq, element }
  const typingTimers = new Map();
  let status = null;
  let prepared = [];

  // The server's clock as this page last saw it (from live entries and queue joins), so that
  // waits and timers are right even when this computer's clock is not.
  let clockOffset = 0;
  const serverNow = () => Date.now() + clockOffset;
  const sawServerTime = (instant) => { clockOffset = new Date(instant).getTime() - Date.now(); };
  let unseen = 0;
  let audio = null;

  // A short tone and a count in the title, so that a counsellor in another tab notices a new
  // seeker or message. The sound is made here, not loaded from anywhere.
  function alertCounsellor() {
    if (!document.hidden && document.hasFocus()) return;
    unseen += 1;
    document.title = `(${unseen}) Console`;
    try {
      audio ??= new AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 660;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.4);
    } catch { /* no sound where the browser allows none */ }
  }

  function seen() { unseen = 0; document.title = "Console"; }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/counsellor")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * (ctx.previousRetryCount + 1), 10000) })
    .build();

  const hoursText = {
    open: "open", closingSoon: "closing soon: no new seekers", closed: "closed",
  };

  function waitedFor(since) {
    const minutes = Math.max(0, Math.floor((serverNow() - new Date(since).getTime()) / 60000));
    return minutes < 1 ? "under a minute" : `${minutes} min`;
  }

  function clock(instant) {
    return new Date(instant).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Helsinki" });
  }

  function showError(err) {
    const message = String(err?.message || err);
    const at = message.indexOf("HubException: ");
    $("error").hidden = false;
    $("error").textContent = at >= 0 ? message.slice(at + 14) : message;
  }

  function clearError() { $("error").hidden = true; }

  function renderStatus() {
    if (!status) return;
    $("available").checked = status.available;
    $("load").textContent = `${status.activeConversations.length} / ${status.maxConversations} chats`;
    const full = status.activeConversations.length >= status.maxConversations;
    $("take-next").disabled = !status.available || full;
    document.querySelectorAll(".take, .take-queue").forEach((b) => { b.disabled = !status.available || full; });
  }

  function renderQueue(queueId) {
    const q = queues.get(queueId);
    const o = q.overview;
    if (!q.element) {
      q.element = document.createElement("section");
      q.element.className = "queue";
      q.element.dataset.queue = queueId;
      $("queues").append(q.element);
    }
    const s = o.status;
    const title = document.createElement("h3");
    title.textContent = `${o.names.en || o.names.fi || o.queueId} (${s.waiting})`;
    const hours = document.createElement("p");
    hours.className = `hours ${s.hours.openness}`;
    hours.textContent = hoursText[s.hours.openness]
      + (s.hours.closesAt ? ` until ${clock(s.hours.closesAt)}` : "")
      + (s.hours.nextOpensAt ? `; opens ${new Date(s.hours.nextOpensAt).toLocaleString([], { timeZone: "Europe/Helsinki" })}` : "")
      + (s.full ? " · full" : "");
    const next = document.createElement("button");
    next.type = "button"; next.className = "take-queue"; next.textContent = "Take oldest here";
    next.addEventListener("click", () => take(queueId, null));
    const meter = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    meter.setAttribute("viewBox", "0 0 100 10");
    meter.setAttribute("class", "meter");
    meter.setAttribute("aria-hidden", "true");
    const back = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    back.setAttribute("width", "100"); back.setAttribute("height", "10"); back.setAttribute("class", "meter-back");
    const fill = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    fill.setAttribute("width", String(Math.min(100, s.waiting * 10))); fill.setAttribute("height", "10"); fill.setAttribute("class", "meter-fill");
    meter.append(back, fill);
    const list = document.createElement("ol");
    list.className = "waiting";
    for (const w of o.longest) {
      const item = document.createElement("li");
      item.dataset.conversation = w.conversationId;
      const label = document.createElement("span");
      label.textContent = `Waiting ${waitedFor(w.since)}`;
      const button = document.createElement("button");
      button.type = "button"; button.className = "take"; button.textContent = "Take";
      button.addEventListener("click", () => take(queueId, w.conversationId));
      item.append(label, button);
      list.append(item);
    }
    next.hidden = s.waiting === 0;
    q.element.replaceChildren(title, meter, hours, next, list);
    renderStatus();
  }

  function applyQueueEvent(event) {
    const q = queues.get(event.queueId);
    if (!q) return;
    const o = q.overview;
    if (!event.reset && event.version <= o.version) return;
    if (event.reset || event.version !== o.version + 1) {
      connection.invoke("GetQueue", event.queueId).then((fresh) => { q.overview = fresh; renderQueue(event.queueId); }).catch(showError);
      return;
    }
    o.version = event.version;
    o.status = event.status;
    if (event.left) o.longest = o.longest.filter((w) => w.conversationId !== event.left.conversationId);
    if (event.joined && o.longest.length < 100) o.longest.push(event.joined);
    if (event.joined) { sawServerTime(event.joined.since); alertCounsellor(); }
    renderQueue(event.queueId);
  }

  function conversationElement(view) {
    const element = $("conversation-template").content.firstElementChild.cloneNode(true);
    element.dataset.conversation = view.id;
    element.querySelector(".composer").addEventListener("submit", (e) => { e.preventDefault(); send(view.id, element); });
    element.querySelector("textarea").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); element.querySelector(".composer").requestSubmit(); }
    });
    element.querySelector("textarea").addEventListener("input", () => {
      const c = conversations.get(view.id);
      if (Date.now() - (c.lastTyping || 0) > 3000) { c.lastTyping = Date.now(); connection.invoke("Typing", view.id).catch(() => {}); }
    });
    element.querySelector(".end").addEventListener("click", () => connection.invoke("End", view.id).then(updateView).catch(showError));
    element.querySelector(".hand-over-to").addEventListener("focus", () => fillColleagues(element));
    fillPrepared(element);
    element.querySelector(".prepared").addEventListener("change", (e) => {
      const text = prepared[Number(e.target.value)]?.text;
      if (text === undefined) return;
      const box = element.querySelector("textarea");
      const at = box.selectionStart ?? box.value.length;
      box.value = box.value.slice(0, at) + text + box.value.slice(box.selectionEnd ?? at);
      e.target.value = "";
      box.focus();
    });
    const act = (selector, run) => element.querySelector(selector).addEventListener("click", async () => {
      const result = element.querySelector(".power-result");
      try { clearError(); result.textContent = await run(); } catch (err) { showError(err); }
    });
    act(".set-limit", async () => {
      const minutes = Number(element.querySelector(".limit-minutes").value);
      updateView(await connection.invoke("SetTimeLimit", view.id, minutes));
      return `Time limit set: ${minutes} min.`;
    });
    act(".send-notice", async () => {
      await connection.invoke("SendReportingNotice", view.id, element.querySelector(".notice-kind").value);
      return "Reporting notice sent.";
    });
    act(".limit-contact", async () => {
      const until = await connection.invoke("LimitContact", view.id, element.querySelector(".contact-period").value);
      return `New chats from this seeker are refused until ${new Date(until).toLocaleString([], { timeZone: "Europe/Helsinki" })}.`;
    });
    act(".decline", async () => {
      updateView(await connection.invoke("Decline", view.id, element.querySelector(".decline-reason").value));
      return "Declined.";
    });
    element.querySelector(".hand-over").addEventListener("click", async () => {
      const to = element.querySelector(".hand-over-to").value;
      if (!to) return;
      try { clearError(); await connection.invoke("HandOver", view.id, to); markHandedOver(view.id); } catch (err) { showError(err); }
    });
    $("conversations").append(element);
    $("no-conversations").hidden = true;
    return element;
  }

  function fillPrepared(element) {
    const select = element.querySelector(".prepared");
    select.replaceChildren(new Option("choose…", ""), ...prepared.map((p, i) => new Option(p.title, String(i))));
  }

  function preparedRow(item) {
    const row = document.createElement("li");
    const title = document.createElement("input");
    title.className = "prepared-title"; title.maxLength = 60; title.value = item.title; title.setAttribute("aria-label", "Title");
    const text = document.createElement("textarea");
    text.className = "prepared-text"; text.maxLength = 2000; text.rows = 3; text.value = item.text; text.setAttribute("aria-label", "Text");
    const remove = document.createElement("button");
    remove.type = "button"; remove.textContent = "Remove";
    remove.addEventListener("click", () => row.remove());
    row.append(title, text, remove);
    return row;
  }

  async function editPrepared() {
    $("prepared-list").replaceChildren(...prepared.map(preparedRow));
    $("prepared-error").hidden = true;
    $("prepared-editor").showModal();
  }

  async function savePrepared(event) {
    event.preventDefault();
    const texts = [...$("prepared-list").children].map((row) => ({
      title: row.querySelector(".prepared-title").value,
      text: row.querySelector(".prepared-text").value,
    })).filter((t) => t.title.trim() || t.text.trim());
    try {
      prepared = await connection.invoke("SavePreparedTexts", texts);
      $("prepared-editor").close();
      for (const c of conversations.values()) fillPrepared(c.element);
    } catch (err) {
      const message = String(err?.message || err);
      $("prepared-error").hidden = false;
      $("prepared-error").textContent = message.slice(message.indexOf("HubException: ") + 14);
    }
  }

  async function fillColleagues(element) {
    const select = element.querySelector(".hand-over-to");
    const colleagues = await connection.invoke("GetColleagues");
    select.replaceChildren(new Option("choose a colleague…", ""));
    for (const c of colleagues) {
      const option = new Option(`${c.chatName}${c.available ? "" : " (away)"} · ${c.freeSlots} free`, c.accountId);
      option.disabled = !c.available || c.freeSlots <= 0;
      select.append(option);
    }
  }

  function markHandedOver(id) {
    const c = conversations.get(id);
    if (!c) return;
    c.element.classList.add("ended");
    c.element.querySelector(".status").textContent = "handed over";
    c.element.querySelector(".composer").hidden = true;
    c.element.querySelector(".actions").hidden = true;
    c.view.status = "handedOver";
  }

  function updateView(view) {
    const c = conversations.get(view.id);
    if (!c) return;
    c.view = { ...view, seekerAddress: view.seekerAddress ?? c.view?.seekerAddress };
    const e = c.element;
    e.querySelector(".title").textContent = `Chat ${view.queueId} · ${view.id.slice(0, 8)}`;
    e.querySelector(".address").textContent = view.status === "ended" ? "–" : (c.view.seekerAddress || "–");
    e.querySelector(".status").textContent = view.status;
    e.querySelector(".started").textContent = clock(view.startedAt);
    const joinedAt = c.joinedAt || view.startedAt;
    e.querySelector(".in-chat").textContent = view.status === "ended" ? "" : `In chat for ${Math.max(0, Math.floor((serverNow() - new Date(joinedAt)) / 60000))} min`;
    const limit = e.querySelector(".time-left");
    limit.hidden = !(view.timeLimitEndsAt && view.status === "active");
    if (!limit.hidden) limit.textContent = `Time limit: ends at ${clock(view.timeLimitEndsAt)} (${Math.max(0, Math.ceil((new Date(view.timeLimitEndsAt) - serverNow()) / 60000))} min left)`;
    const ended = view.status === "ended";
    e.querySelector(".composer").hidden = ended;
    e.querySelector(".actions").hidden = ended;
    e.classList.toggle("ended", ended);
  }

  const eventText = {
    counsellorJoined: (e) => `${e.text} joined`,
    handedOver: (e) => `Handed over to ${e.text}`,
    idleWarning: (e) => `Nobody has written for a while: the chat closes at ${clock(e.text)} unless someone writes`,
    timeLimitSet: (e) => `Time limit set: the chat ends at ${clock(e.text)}`,
    timeLimitWarning: (e) => `The time limit ends the chat at ${clock(e.text)}`,
    ended: (e) => e.text === "QuickExit" ? "The seeker left in a hurry (quick exit)" : `Ended (${e.text})`,
  };

  function addEntry(c, entry) {
    if (entry.kind === "counsellorJoined" || entry.kind === "handedOver") c.joinedAt = entry.at;
    if (entry.kind === "message" && entry.author === "seeker") alertCounsellor();
    const item = document.createElement("li");
    const time = clock(entry.at);
    if (entry.kind === "message") {
      item.className = entry.author === "counsellor" ? "mine" : "theirs";
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = `${entry.author === "counsellor" ? "You" : "Seeker"} · ${time}`;
      const body = document.createElement("p");
      body.textContent = entry.text;
      item.append(who, body);
    } else if (entry.kind === "reportingNotice") {
      item.className = "report-notice";
      item.textContent = `Reporting notice sent to the seeker: ${entry.text} · ${time}`;
    } else {
      item.className = "event";
      item.textContent = `${(eventText[entry.kind] || ((e) => e.kind))(entry)} · ${time}`;
    }
    c.element.querySelector(".messages").append(item);
    item.scrollIntoView({ block: "nearest" });
  }

  function apply(c, entries) {
    for (const entry of entries) if (entry.sequence === c.lastSeq + 1) { c.lastSeq = entry.sequence; addEntry(c, entry); }
  }

  async function joined(result) {
    const view = result.conversation;
    let c = conversations.get(view.id);
    if (!c) { c = { view, lastSeq: 0, element: conversationElement(view) }; conversations.set(view.id, c); }
    apply(c, result.entries);
    updateView(view);
    // A full page means there may be more: read on until a page comes back short.
    let page = result.entries;
    while (page.length === 500) {
      page = await connection.invoke("ReadAfter", view.id, c.lastSeq);
      apply(c, page);
    }
  }

  async function receive(conversationId, entry) {
    sawServerTime(entry.at);
    const c = conversations.get(conversationId);
    if (c && entry.kind === "ended") c.view.status = "ended";
    if (!c || entry.sequence <= c.lastSeq) return;
    if (entry.sequence === c.lastSeq + 1) { c.lastSeq = entry.sequence; addEntry(c, entry); return; }
    await joined(await connection.invoke("Open", conversationId, c.lastSeq));
  }

  async function take(queueId, conversationId) {
    try {
      clearError();
      await joined(await connection.invoke("Take", queueId, conversationId));
    } catch (err) { showError(err); }
  }

  async function takeNext() {
    try {
      clearError();
      await joined(await connection.invoke("TakeNext"));
    } catch (err) { showError(err); }
  }

  async function send(conversationId, element) {
    const box = element.querySelector("textarea");
    const text = box.value;
    if (!text.trim()) return;
    const id = crypto.randomUUID();
    try {
      box.value = "";
      const result = await connection.invoke("Send", conversationId, id, text);
      const c = conversations.get(conversationId);
      // The server pushes a message to every connection but the one it came on: the answer is it.
      if (!result.duplicate && result.sequence === c.lastSeq + 1) {
        sawServerTime(result.at);
        c.lastSeq = result.sequence;
        addEntry(c, {
          sequence: result.sequence, kind: "message", author: "counsellor", clientMessageId: id, text, at: result.at,
        });
      } else if (result.sequence > c.lastSeq) await joined(await connection.invoke("Open", conversationId, c.lastSeq));
    } catch (err) { box.value = text; showError(err); }
  }

  let formOptions = null;

  // The closing form owed for a chat that ended; it must be filled in before the next chat.
  async function askClosingForm() {
    const dialog = $("closing-form");
    const owed = status?.pendingForms?.[0];
    if (!owed || dialog.open) return;
    formOptions ??= await connection.invoke("GetClosingFormOptions");
    for (const fieldset of dialog.querySelectorAll("fieldset")) {
      const group = fieldset.dataset.group;
      fieldset.querySelectorAll("label").forEach((l) => l.remove());
      for (const option of formOptions.filter((o) => o.group === group)) {
        const label = document.createElement("label");
        const input = document.createElement("input");
        input.type = group === "seekerRole" ? "radio" : "checkbox";
        input.name = group;
        input.value = option.id;
        label.append(input, document.createTextNode(" " + (option.names.en || option.names.fi)));
        fieldset.append(label);
      }
    }
    dialog.dataset.formId = owed.formId;
    dialog.showModal();
  }

  async function submitClosingForm(event) {
    event.preventDefault();
    const dialog = $("closing-form");
    const picked = (group) => [...dialog.querySelectorAll(`input[name=${group}]:checked`)].map((i) => i.value);
    const form = {
      seekerRole: picked("seekerRole")[0] || "",
      violenceForms: picked("violenceForm"),
      relationships: picked("relationship"),
      discussed: picked("discussed"),
    };
    try {
      $("closing-form-error").hidden = true;
      const next = await connection.invoke("SubmitClosingForm", dialog.dataset.formId, form);
      dialog.close();
      await onStatus(next);
    } catch (err) {
      const message = String(err?.message || err);
      $("closing-form-error").hidden = false;
      $("closing-form-error").textContent = message.slice(message.indexOf("HubException: ") + 14);
    }
  }

  async function onStatus(next) {
    const before = new Set(status?.activeConversations || []);
    status = next;
    renderStatus();
    await askClosingForm();
    for (const id of next.activeConversations) {
      if (!conversations.has(id)) await joined(await connection.invoke("Open", id, 0));
    }
    for (const id of before) {
      const c = conversations.get(id);
      if (!next.activeConversations.includes(id) && c && c.view.status === "active") markHandedOver(id);
    }
  }

  async function load() {
    prepared = await connection.invoke("GetPreparedTexts");
    const overview = await connection.invoke("GetOverview");
    $("me").textContent = overview.chatName;
    for (const o of overview.queues) {
      const q = queues.get(o.queueId) || {};
      q.overview = o;
      queues.set(o.queueId, q);
      renderQueue(o.queueId);
    }
    for (const view of overview.conversations) {
      const c = conversations.get(view.id);
      await joined(await connection.invoke("Open", view.id, c ? c.lastSeq : 0));
    }
    await onStatus(overview.status);
  }

  connection.on("queue", applyQueueEvent);
  connection.on("entry", receive);
  connection.on("conversation", updateView);
  connection.on("counsellorStatus", (s) => onStatus(s).catch(showError));
  connection.on("seekerAddress", (id, address) => {
    const c = conversations.get(id);
    if (c) { c.view.seekerAddress = address; updateView(c.view); }
  });
  connection.on("typing", (id) => {
    const c = conversations.get(id);
    if (!c) return;
    const line = c.element.querySelector(".typing");
    line.textContent = "The seeker is typing…";
    clearTimeout(typingTimers.get(id));
    typingTimers.set(id, setTimeout(() => { line.textContent = ""; }, 4000));
  });
  connection.onreconnecting(() => { $("connection").hidden = false; $("connection").textContent = "Connection lost. Reconnecting…"; });
  connection.onreconnected(async () => { $("connection").hidden = true; await load(); });

  $("available").addEventListener("change", async (e) => {
    try { clearError(); await onStatus(await connection.invoke("SetAvailable", e.target.checked)); } catch (err) { showError(err); }
  });
  $("take-next").addEventListener("click", takeNext);
  $("edit-prepared").addEventListener("click", editPrepared);
  $("prepared-add").addEventListener("click", () => $("prepared-list").append(preparedRow({ title: "", text: "" })));
  $("prepared-form").addEventListener("submit", savePrepared);
  $("prepared-cancel").addEventListener("click", () => $("prepared-editor").close());
  document.addEventListener("visibilitychange", () => { if (!document.hidden) seen(); });
  window.addEventListener("focus", seen);
  connection.onclose(() => {
    $("connection").hidden = false;
    $("connection").textContent = "Disconnected. Log in again if this does not come back.";
  });
  $("closing-form-fields").addEventListener("submit", submitClosingForm);
  $("closing-form").addEventListener("cancel", (e) => e.preventDefault());
  setInterval(() => {
    for (const id of queues.keys()) renderQueue(id);
    for (const c of conversations.values()) updateView(c.view);
  }, 30000);

  (async () => {
    // A web front may be restarting as the console loads: keep trying, as after a lost connection.
    await window.startConnection(connection, () => {
      $("connection").hidden = false;
      $("connection").textContent = "Cannot reach the service. Trying again…";
    });
    $("connection").hidden = true;
    await load();
  })().catch(showError);
})();
