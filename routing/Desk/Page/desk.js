// The agent desk: sign-in, the queue and my conversations with live SLA countdowns, the conversation view, the
// actions and the supervisor view. Live updates come from the feed (/desk/api/events, Server-Sent Events); after
// a dropped connection it resumes after the last event it showed, so nothing is lost or shown twice.
'use strict';

const state = {
  session: null,
  inbox: { queue: [], mine: [], warningFraction: 0.7 },
  current: null,        // the open ticket
  lastEventId: 0,       // the last feed event handled; a reconnect resumes after it
  feed: null,
  slaAlerts: new Map(), // ticket id -> the moment of its latest SLA event from the feed
  agents: [],
  canned: [],
};

const $ = (id) => document.getElementById(id);
const WINDOW_HOURS = 24;

// ------------------------------------------------------------------ HTTP
async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.session) headers['X-CSRF-TOKEN'] = state.session.csrfToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (response.status === 401 && path !== '/desk/api/session') { showSignIn(); throw new Error('Sessão encerrada. Entre novamente.'); }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(problemText(data, response.status));
  return data;
}

function problemText(problem, status) {
  if (!problem) return `Erro ${status}`;
  if (problem.errors) return Object.values(problem.errors).flat().join(' ');
  return problem.detail || problem.title || `Erro ${status}`;
}

// ------------------------------------------------------------------ sign-in
function showSignIn() {
  stopFeed();
  state.session = null;
  $('app').hidden = true;
  $('signin').hidden = false;
}

async function signIn(event) {
  event.preventDefault();
  $('signin-error').textContent = '';
  try {
    state.session = await api('POST', '/desk/api/session', {
      tenant: $('signin-tenant').value.trim() || undefined,
      userName: $('signin-user').value.trim(),
      password: $('signin-password').value,
    });
    $('signin-password').value = '';
    await start();
  } catch (error) {
    $('signin-error').textContent = error.message === 'Invalid user name or password' ? 'Usuário ou senha inválidos.' : error.message;
  }
}

async function signOut() {
  try { await api('DELETE', '/desk/api/session'); } finally { showSignIn(); }
}

async function start() {
  $('signin').hidden = true;
  $('app').hidden = false;
  const s = state.session;
  $('who').textContent = `${s.displayName} · ${roleName(s.role)}${s.agentId ? '' : ' (sem agente: só leitura)'}`;
  $('tab-supervisor').hidden = !(s.role === 'Supervisor' || s.role === 'Admin');
  [state.agents, state.canned] = await Promise.all([api('GET', '/desk/api/agents'), api('GET', '/desk/api/canned-responses')]);
  fillAgents();
  fillCanned();
  await showPresence();
  await refreshInbox(true);
  startFeed();
}

// ------------------------------------------------------------------ presence
function presenceName(presence) { return { Online: 'disponível', Away: 'ausente', Offline: 'offline' }[presence] || presence; }

async function showPresence() {
  // Only an account linked to an agent has a presence; supervisors without one see no control.
  const mine = state.session.agentId ? await api('GET', '/desk/api/presence') : null;
  $('presence-control').hidden = !mine;
  if (mine) $('presence').value = mine.presence;
}

async function changePresence() {
  $('presence-status').textContent = '';
  try {
    const mine = await api('PUT', '/desk/api/presence', { presence: $('presence').value });
    $('presence').value = mine.presence;
    await refreshInbox(false);
  } catch (error) {
    $('presence-status').textContent = error.message;
    await showPresence();
  }
}

function roleName(role) { return { Agent: 'Agente', Supervisor: 'Supervisor', Admin: 'Administrador' }[role] || role; }

// ------------------------------------------------------------------ the feed
function startFeed() {
  stopFeed();
  const source = new EventSource(`/desk/api/events?after=${state.lastEventId}`);
  state.feed = source;
  source.onopen = () => {
    document.body.dataset.connections = String(Number(document.body.dataset.connections) + 1);
    setConnection('online');
  };
  source.onerror = () => {
    setConnection('offline');
    // The browser retries by itself (with Last-Event-ID) unless it gave up; then we start again after the last event shown.
    if (source.readyState === EventSource.CLOSED && state.feed === source) setTimeout(() => { if (state.feed === source) startFeed(); }, 2000);
  };
  for (const kind of ['ticket.opened', 'ticket.assignment', 'ticket.status', 'ticket.updated', 'message.customer', 'message.agent',
    'message.note', 'message.system', 'sla.warning', 'sla.breach']) {
    source.addEventListener(kind, onFeedEvent);
  }
}

function stopFeed() {
  if (state.feed) state.feed.close();
  state.feed = null;
  setConnection('offline');
}

function setConnection(status) {
  $('connection').dataset.state = status;
  $('connection').textContent = status === 'online' ? 'ao vivo' : 'reconectando…';
}

function onFeedEvent(message) {
  const item = JSON.parse(message.data);
  if (item.id <= state.lastEventId) return; // already shown before a reconnect
  state.lastEventId = item.id;
  if (item.kind.startsWith('sla.')) state.slaAlerts.set(item.ticketId, item.payload.moment);
  if (state.current && state.current.id === item.ticketId) {
    if (item.kind.startsWith('message.')) appendMessage(item.payload);
    reloadCurrent(); // a reply or a customer's message moves the ticket's times; a change moves its state
  }
  scheduleRefresh();
}

let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refreshInbox(false);
    if (!$('supervisor-view').hidden) refreshSupervisor();
  }, 250);
}

// ------------------------------------------------------------------ lists
async function refreshInbox(first) {
  const inbox = await api('GET', '/desk/api/inbox');
  state.inbox = inbox;
  // The feed follows from the snapshot's position: what changed after the snapshot arrives as events.
  if (first) state.lastEventId = inbox.feedPosition;
  renderList($('queue-list'), inbox.queue, 'queue');
  renderList($('mine-list'), inbox.mine, 'mine');
  $('queue-count').textContent = inbox.queue.length;
  $('mine-count').textContent = inbox.mine.length;
  tick();
}

function renderList(list, tickets, which) {
  list.replaceChildren(...tickets.map((t) => {
    const item = el('li', { 'data-ticket': t.id, 'data-list': which });
    if (state.current && state.current.id === t.id) item.classList.add('selected');
    const line = el('div', { class: 'line' }, el('strong', {}, customerLabel(t)), el('span', { class: 'countdown' }));
    const waiting = el('span', { class: 'waiting' });
    const sub = el('div', { class: 'sub' }, `#${t.id} · ${channelName(t.channel)} · ${t.level} · ${t.queue} · ${statusName(t.status)} · `, waiting);
    item.append(line, sub);
    item.ticket = t;
    item.addEventListener('click', () => openTicket(t.id));
    return item;
  }));
}

// Every second: waiting times and SLA countdowns, coloured like the SLA clock (warning, breach).
function tick() {
  const now = Date.now();
  for (const item of document.querySelectorAll('.tickets li')) {
    const t = item.ticket;
    const sla = slaOf(t, now);
    item.classList.remove('sla-ok', 'sla-warning', 'sla-breach');
    const countdown = item.querySelector('.countdown');
    countdown.classList.remove('sla-ok', 'sla-warning', 'sla-breach');
    if (sla) {
      item.classList.add(`sla-${sla.level}`);
      countdown.classList.add(`sla-${sla.level}`);
      countdown.textContent = sla.text;
    } else {
      countdown.textContent = '';
    }
    item.querySelector('.waiting').textContent = waitingText(t, now);
  }
  if (state.current) {
    const sla = slaOf(state.current, now);
    $('conv-sla').className = `sla countdown ${sla ? `sla-${sla.level}` : ''}`;
    $('conv-sla').textContent = sla ? `SLA (${sla.target}): ${sla.text}` : 'Sem SLA definido';
    renderWindow(state.current, now);
  }
}

function slaOf(t, now) {
  const first = !t.firstResponseAt && t.firstResponseDueAt;
  const due = first ? t.firstResponseDueAt : t.resolutionDueAt;
  if (!due) return null;
  const dueAt = Date.parse(due);
  const opened = Date.parse(t.openedAt);
  const warnAt = opened + (dueAt - opened) * state.inbox.warningFraction;
  // An SLA event counts only for the target it was about ("first_response_warning", "resolution_breach", ...).
  const moment = state.slaAlerts.get(t.id) || '';
  const alert = moment.startsWith(first ? 'first_response' : 'resolution') ? moment : '';
  const level = now >= dueAt || alert.endsWith('breach') ? 'breach' : now >= warnAt || alert.endsWith('warning') ? 'warning' : 'ok';
  const left = dueAt - now;
  const text = left >= 0 ? `vence em ${duration(left)}` : `estourado há ${duration(-left)}`;
  return { level, text, target: first ? '1ª resposta' : 'resolução' };
}

function waitingText(t, now) {
  if (t.status === 'Open' || t.status === 'Assigned') return `aguarda há ${duration(now - Date.parse(t.openedAt))}`;
  const customer = t.lastCustomerMessageAt ? Date.parse(t.lastCustomerMessageAt) : 0;
  const agent = t.lastAgentMessageAt ? Date.parse(t.lastAgentMessageAt) : 0;
  return customer > agent ? `cliente aguarda há ${duration(now - customer)}` : 'respondido';
}

function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}

// ------------------------------------------------------------------ the conversation
async function openTicket(id) {
  const [ticket, messages] = await Promise.all([api('GET', `/desk/api/tickets/${id}`), api('GET', `/desk/api/tickets/${id}/messages`)]);
  state.current = ticket;
  $('conversation-empty').hidden = true;
  $('conversation-body').hidden = false;
  $('transcript').replaceChildren();
  messages.items.forEach(appendMessage);
  renderTicket(ticket);
  for (const item of document.querySelectorAll('.tickets li')) item.classList.toggle('selected', Number(item.dataset.ticket) === id);
  $('action-status').textContent = '';
  const canned = await api('GET', `/desk/api/canned-responses?ticketId=${id}`);
  state.canned = canned;
  fillCanned();
}

async function reloadCurrent() {
  const id = state.current.id;
  const ticket = await api('GET', `/desk/api/tickets/${id}`);
  if (state.current && state.current.id === id) renderTicket(ticket);
}

function renderTicket(t) {
  state.current = t;
  $('conv-title').textContent = `${customerLabel(t)} · #${t.id}`;
  $('conv-title').title = t.customerRef;
  $('conv-meta').textContent = `${channelName(t.channel)} · ${statusName(t.status)} · ${t.level} · fila ${t.queue}` +
    (t.assigneeId ? ` · com ${agentName(t.assigneeId)}` : '') + (t.tags.length ? ` · etiquetas: ${t.tags.join(', ')}` : '');
  renderHandoff(t.handoff || {});
  renderActions(t);
  tick();
}

function renderHandoff(h) {
  const details = [
    ['Motivo', reasonName(h.reasonCode)],
    ['Nível', h.level],
    ['Intenção', h.intent || '—'],
    ['Confiança', typeof h.confidence === 'number' ? `${Math.round(h.confidence * 100)}%` : '—'],
    ['Canal', channelName(h.channel)],
    ['Fora do horário', h.outOfHours ? 'sim' : 'não'],
  ];
  $('handoff-details').replaceChildren(...details.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v || '—')]));
  const trail = h.recognitionTrail || [];
  $('handoff-trail').replaceChildren(...(trail.length ? trail.map(trailStep) : [el('li', {}, 'nada')]));
  const collected = Object.entries(h.collectedData || {});
  $('handoff-collected').replaceChildren(...(collected.length
    ? collected.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])
    : [el('dt', {}, '—'), el('dd', {}, 'nada')]));
}

// One recognised message: what the customer wrote, what the recognizer made of it and how sure it was, and what the
// optional LLM stage said when it was asked.
function trailStep(step) {
  const understood = step.intent ? `${step.intent} (${Math.round(step.confidence * 100)}%)` : 'não reconhecida';
  const item = el('li', {}, el('q', {}, step.text), ` → ${understood}`);
  const llm = step.llm && { Picked: `IA escolheu ${step.llm.intent}`, None: 'IA: nenhuma das opções', Failed: 'IA não respondeu' }[step.llm.outcome];
  if (llm) item.append(' · ', el('span', { class: 'llm' }, llm));
  return item;
}

function renderActions(t) {
  const mine = state.session.agentId && t.assigneeId === state.session.agentId;
  const active = ['Open', 'Assigned', 'InProgress', 'WaitingOnCustomer'].includes(t.status);
  const canAct = Boolean(state.session.agentId);
  $('accept').hidden = !canAct || !(t.status === 'Open' || (t.status === 'Assigned' && mine));
  for (const id of ['escalate', 'deescalate', 'transfer', 'transfer-agent', 'transfer-queue', 'add-tag', 'tag', 'resolve']) $(id).hidden = !canAct || !active;
  $('reopen').hidden = !canAct || !(t.status === 'Resolved' || t.status === 'Closed');
  $('reply-form').hidden = !canAct;
}

// The customer's channel: WhatsApp allows free replies only 24 hours after the customer's last message.
function renderWindow(t, now) {
  const line = $('conv-window');
  if (t.channel !== 'whatsapp') {
    line.className = 'window';
    line.textContent = 'Sem janela de 24 h neste canal.';
    return;
  }
  const last = t.lastCustomerMessageAt || (t.handoff && t.handoff.at);
  const closes = last ? Date.parse(last) + WINDOW_HOURS * 3600 * 1000 : 0;
  const open = closes > now;
  line.className = `window ${open ? 'open' : 'closed'}`;
  line.textContent = open
    ? `Janela de 24 h do WhatsApp aberta: fecha em ${duration(closes - now)}.`
    : 'Janela de 24 h do WhatsApp fechada: só modelos aprovados podem ser enviados.';
}

function appendMessage(m) {
  const list = $('transcript');
  if (list.querySelector(`li[data-seq="${m.sequence}"]`)) return; // a line already shown (the snapshot and the feed overlap)
  const kind = m.internal ? 'note' : m.author.toLowerCase();
  const who = { customer: 'Cliente', bot: 'Robô', agent: m.authorId ? agentName(m.authorId) : 'Agente', system: 'Sistema', note: `Nota interna · ${agentName(m.authorId)}` }[kind];
  const item = el('li', { class: kind, 'data-seq': m.sequence, 'data-author': m.author },
    el('span', { class: 'who' }, `${who} · ${new Date(m.at).toLocaleTimeString('pt-BR')}`));
  item.append(...linked(m.text));
  const after = [...list.children].find((li) => Number(li.dataset.seq) > m.sequence);
  list.insertBefore(item, after || null);
  list.scrollTop = list.scrollHeight;
}

// Text with its web addresses as links (attachments arrive as addresses); never parsed as HTML.
function linked(text) {
  const parts = [];
  const pattern = /https?:\/\/[^\s<>"]+/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(document.createTextNode(text.slice(last, match.index)));
    parts.push(el('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer' }, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(document.createTextNode(text.slice(last)));
  return parts;
}

// ------------------------------------------------------------------ actions
async function act(path, body) {
  $('action-status').textContent = '';
  try {
    const ticket = await api('POST', `/desk/api/tickets/${state.current.id}/${path}`, body);
    if (ticket && ticket.id) renderTicket(ticket);
    scheduleRefresh();
  } catch (error) {
    $('action-status').textContent = error.message;
  }
}

function reasonValue() { return $('reason').value.trim() || undefined; }

async function send(event, internal) {
  event.preventDefault();
  const text = $('reply-text').value.trim();
  if (!text) return;
  $('action-status').textContent = '';
  try {
    const line = await api('POST', `/desk/api/tickets/${state.current.id}/${internal ? 'notes' : 'messages'}`, { text });
    appendMessage(line);
    reloadCurrent();
    $('reply-text').value = '';
    $('canned').value = '';
  } catch (error) {
    $('action-status').textContent = error.message;
  }
}

function wireActions() {
  $('accept').addEventListener('click', () => act('accept'));
  $('escalate').addEventListener('click', () => act('escalate', { reason: reasonValue() }));
  $('deescalate').addEventListener('click', () => act('deescalate', { reason: reasonValue() }));
  $('transfer').addEventListener('click', () => act('transfer', {
    agentId: $('transfer-agent').value || undefined, queue: $('transfer-queue').value.trim() || undefined, reason: reasonValue(),
  }));
  $('add-tag').addEventListener('click', () => act('tags', { tag: $('tag').value.trim() }));
  $('resolve').addEventListener('click', () => act('resolve', { reason: reasonValue() }));
  $('reopen').addEventListener('click', () => act('reopen', { reason: reasonValue() }));
  $('reply-form').addEventListener('submit', (event) => send(event, false));
  $('note').addEventListener('click', (event) => send(event, true));
  $('canned').addEventListener('change', () => {
    const chosen = state.canned[Number($('canned').value)];
    if (chosen) $('reply-text').value = chosen.text;
  });
}

function fillAgents() {
  $('transfer-agent').replaceChildren(el('option', { value: '' }, 'agente…'),
    ...state.agents.map((a) => el('option', { value: a.id }, `${a.name} (${a.level})`)));
}

function fillCanned() {
  $('canned').replaceChildren(el('option', { value: '' }, 'Respostas prontas…'),
    ...state.canned.map((c, i) => el('option', { value: String(i) }, c.title)));
}

// ------------------------------------------------------------------ supervisor
async function refreshSupervisor() {
  const view = await api('GET', '/desk/api/supervisor');
  $('sup-queues').replaceChildren(...view.queues.map((q) => el('tr', {}, el('td', {}, q.queue), el('td', {}, String(q.count)), el('td', {}, timeSpan(q.oldestWait)))));
  $('sup-agents').replaceChildren(...view.agents.map((a) => el('tr', {},
    el('td', {}, a.name), el('td', {}, a.level), el('td', { class: `presence-${a.presence.toLowerCase()}` }, presenceName(a.presence)),
    el('td', { class: a.load >= a.capacity ? 'full' : '' }, String(a.load)), el('td', {}, String(a.capacity)))));
  $('sup-risk').replaceChildren(...view.atRisk.map((r) => el('tr', { class: r.breached ? 'sla-breach' : 'sla-warning', 'data-ticket': r.ticket.id },
    el('td', {}, `#${r.ticket.id}`), el('td', {}, customerLabel(r.ticket)), el('td', {}, r.ticket.queue),
    el('td', {}, r.target === 'first_response' ? '1ª resposta' : 'resolução'), el('td', {}, new Date(r.dueAt).toLocaleString('pt-BR')),
    el('td', {}, r.breached ? 'estourado' : 'em alerta'))));
}

function timeSpan(value) {
  // "d.hh:mm:ss.fffffff" or "hh:mm:ss.fffffff", as System.Text.Json writes a TimeSpan.
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(value);
  if (!match) return value;
  const [, d, h, m, s] = match.map((x) => Number(x || 0));
  return duration((((d * 24 + h) * 60 + m) * 60 + s) * 1000);
}

function showTab(supervisor) {
  $('desk-view').hidden = supervisor;
  $('supervisor-view').hidden = !supervisor;
  $('tab-desk').classList.toggle('active', !supervisor);
  $('tab-supervisor').classList.toggle('active', supervisor);
  if (supervisor) refreshSupervisor();
}

// ------------------------------------------------------------------ helpers
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== '' || name === 'value') node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// The bot may not have learnt the customer's name; the channel's reference stays in the title (tooltip).
function customerLabel(t) { return t.customerName || `Cliente ${channelName(t.channel)}`; }
function agentName(id) { const agent = state.agents.find((a) => a.id === id); return agent ? agent.name : id || ''; }
function channelName(channel) { return { directline: 'Web Chat', whatsapp: 'WhatsApp', emulator: 'Emulador' }[channel] || channel || '—'; }
function statusName(status) {
  return { Open: 'na fila', Assigned: 'atribuído', InProgress: 'em atendimento', WaitingOnCustomer: 'aguardando cliente', Resolved: 'resolvido',
    Closed: 'fechado', Cancelled: 'cancelado', Merged: 'mesclado' }[status] || status;
}
function reasonName(code) {
  return { explicit_request: 'cliente pediu um atendente', low_confidence: 'robô não entendeu', critical_intent: 'assunto crítico',
    negative_sentiment: 'cliente insatisfeito', dialog_rule: 'regra do diálogo', bot_error: 'erro do robô', timeout_menu: 'escolheu atendente no menu',
    out_of_hours: 'fora do horário', unsupported_language: 'idioma não suportado' }[code] || code || '—';
}

// ------------------------------------------------------------------ start
document.addEventListener('DOMContentLoaded', async () => {
  $('signin-form').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  $('presence').addEventListener('change', changePresence);
  $('tab-desk').addEventListener('click', () => showTab(false));
  $('tab-supervisor').addEventListener('click', () => showTab(true));
  wireActions();
  setInterval(tick, 1000);
  setInterval(() => { if (!$('supervisor-view').hidden) refreshSupervisor(); }, 15000);
  try {
    state.session = await api('GET', '/desk/api/session');
    await start();
  } catch {
    showSignIn();
  }
});
