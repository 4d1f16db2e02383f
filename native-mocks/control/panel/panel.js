// The control panel: plain JavaScript (no build step), talking to the control
// API with the token from the URL fragment. It draws every simulator from its
// snapshot, so a new simulator needs no panel code.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const devicesEl = document.getElementById('devices');
const statusEl = document.getElementById('status');
// What a person has typed into the argument boxes survives the live redraws.
const argsDraft = new Map();

async function api(path, body) {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-control-token': token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function formatValue(value) {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function report(section, promise) {
  const out = section.querySelector('.result');
  promise.then(
    (json) => (out.textContent = json.result !== undefined && json.result !== null ? `→ ${formatValue(json.result)}` : ''),
    (error) => {
      out.textContent = error.message;
      out.className = 'result error';
    },
  );
}

function drawDevice(sim) {
  const section = el('section', { class: 'device', 'data-simulator': sim.id, 'aria-label': sim.label });
  section.append(el('h2', {}, sim.label));
  const dl = el('dl');
  for (const [key, value] of Object.entries(sim.state)) {
    if (key === 'artifacts') continue;
    dl.append(el('dt', {}, key), el('dd', { 'data-state': key }, formatValue(value)));
  }
  section.append(dl);

  const faultSelect = el('select', { 'aria-label': `Fault for ${sim.label}`, 'data-testid': `fault-${sim.id}` }, el('option', { value: '' }, 'no fault'));
  for (const fault of sim.faults) faultSelect.append(el('option', { value: fault }, fault));
  faultSelect.value = sim.state.fault ?? '';
  faultSelect.addEventListener('change', () => report(section, api(`/api/simulators/${sim.id}/fault`, { fault: faultSelect.value || null })));
  section.append(el('div', { class: 'row' }, el('span', { class: sim.state.fault ? 'fault-active' : '' }, 'Fault:'), faultSelect));

  const actions = el('div', { class: 'row' });
  for (const [name, description] of Object.entries(sim.actions)) {
    const key = `${sim.id}/${name}`;
    const args = el('input', { placeholder: 'args JSON', size: '14', 'aria-label': `${name} arguments` });
    args.value = argsDraft.get(key) ?? '';
    args.addEventListener('input', () => argsDraft.set(key, args.value));
    const button = el('button', { title: description, 'data-action': name, onclick: () => {
      let parsed;
      try { parsed = args.value ? JSON.parse(args.value) : {}; } catch { return report(section, Promise.reject(new Error('arguments must be JSON'))); }
      report(section, api(`/api/simulators/${sim.id}/actions/${name}`, { args: parsed }));
    } }, name);
    actions.append(el('span', {}, button, args));
  }
  section.append(actions, el('p', { class: 'result', role: 'status' }));
  for (const name of sim.state.artifacts ?? []) {
    if (name.endsWith('.png')) {
      section.append(el('img', { class: 'artifact', alt: `${sim.label}: ${name}`, src: `/api/simulators/${sim.id}/artifacts/${name}?token=${encodeURIComponent(token)}&t=${Date.now()}` }));
    } else {
      section.append(el('p', {}, el('a', { href: `/api/simulators/${sim.id}/artifacts/${name}?token=${encodeURIComponent(token)}`, target: '_blank' }, name)));
    }
  }
  return section;
}

function draw(simulators) {
  const focused = document.activeElement?.getAttribute('aria-label');
  devicesEl.replaceChildren(...simulators.map(drawDevice));
  // Keep the caret where the person was typing.
  if (focused) devicesEl.querySelector(`[aria-label="${CSS.escape(focused)}"]`)?.focus();
  statusEl.textContent = `${simulators.length} simulated devices — live`;
}

function connect() {
  const ws = new WebSocket(`ws://${location.host}/api/events?token=${encodeURIComponent(token)}`);
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'snapshot') draw(message.simulators);
  };
  ws.onclose = () => {
    statusEl.textContent = 'Disconnected — retrying…';
    setTimeout(connect, 1000);
  };
}
connect();
