// The REST API and the WebSocket stream, as the UI uses them. Errors are RFC 9457 problem
// documents; ApiError carries one, so forms can show the server's message next to each field.

export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'request failed');
    this.problem = problem;
  }
  fieldErrors() {
    return Object.fromEntries((this.problem.errors || []).map(e => [e.field, e.message]));
  }
}

const TOKEN = 'bourse.token';

export const session = {
  get token() { return sessionStorage.getItem(TOKEN); },
  set token(value) { value ? sessionStorage.setItem(TOKEN, value) : sessionStorage.removeItem(TOKEN); },
};

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
}

export async function call(method, path, body, { idempotent = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotent) headers['Idempotency-Key'] = newKey();
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && session.token) {
      session.token = null;
      window.dispatchEvent(new Event('bourse:logged-out'));
    }
    throw new ApiError(data || { title: 'HTTP ' + response.status, status: response.status });
  }
  return data;
}

export const api = {
  signUp: (username, password) => call('POST', '/v1/users', { username, password }, { idempotent: true }),
  logIn: (username, password) => call('POST', '/v1/sessions', { username, password }),
  logOut: () => call('DELETE', '/v1/sessions/current'),
  me: () => call('GET', '/v1/users/me'),
  changePassword: (currentPassword, newPassword) =>
    call('PUT', '/v1/users/me/password', { currentPassword, newPassword }, { idempotent: true }),
  portfolio: () => call('GET', '/v1/account'),
  deposit: amount => call('POST', '/v1/account/deposits', { amount }, { idempotent: true }),
  withdraw: amount => call('POST', '/v1/account/withdrawals', { amount }, { idempotent: true }),
  transfers: (limit = 50) => call('GET', `/v1/account/transfers?limit=${limit}`),
  instruments: () => call('GET', '/v1/instruments'),
  quotes: () => call('GET', '/v1/quotes'),
  quote: symbol => call('GET', `/v1/markets/${encodeURIComponent(symbol)}/quote`),
  candles: (symbol, interval) => call('GET', `/v1/markets/${encodeURIComponent(symbol)}/candles?interval=${interval}&limit=120`),
  trades: symbol => call('GET', `/v1/markets/${encodeURIComponent(symbol)}/trades?limit=30`),
  placeOrder: order => call('POST', '/v1/orders', order, { idempotent: true }),
  cancelOrder: id => call('DELETE', `/v1/orders/${encodeURIComponent(id)}`, undefined, { idempotent: true }),
  orders: (status, limit = 50) => call('GET', `/v1/orders?status=${status}&limit=${limit}`),
  fills: (limit = 50) => call('GET', `/v1/fills?limit=${limit}`),
};

// One WebSocket for the whole page. Subscriptions are remembered and sent again after a
// reconnect; a sequence gap on a symbol's book or trades asks for a fresh snapshot.
export class Stream {
  constructor() {
    this.listeners = new Set();
    this.subscriptions = new Map();
    this.lastSequence = new Map();
    this.connect();
  }

  connect() {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/v1/stream';
    this.socket = new WebSocket(url);
    this.socket.onopen = () => {
      if (session.token) this.send({ op: 'auth', token: session.token });
      for (const request of this.subscriptions.values()) this.send(request);
    };
    this.socket.onmessage = event => this.dispatch(JSON.parse(event.data));
    this.socket.onclose = event => {
      if (this.closed) return;
      if (event.code === 1008 && event.reason.includes('credential') && session.token) {
        // The session ended elsewhere (logged out, or the password changed): log out here too.
        session.token = null;
        window.dispatchEvent(new Event('bourse:logged-out'));
        return;
      }
      setTimeout(() => this.connect(), 1000);
    };
  }

  send(request) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(request));
  }

  subscribe(channel, symbol, interval) {
    const request = { op: 'subscribe', channel, symbol, interval };
    const key = [channel, symbol, interval].join('|');
    this.subscriptions.set(key, request);
    this.send(request);
  }

  unsubscribe(channel, symbol, interval) {
    this.subscriptions.delete([channel, symbol, interval].join('|'));
    this.send({ op: 'unsubscribe', channel, symbol, interval });
  }

  dispatch(message) {
    const symbol = message.symbol || message.book?.symbol || message.trade?.symbol;
    if (message.type === 'book_snapshot') {
      this.lastSequence.set(symbol, message.book.sequence);
    } else if ((message.type === 'book' || message.type === 'trade') && this.lastSequence.has(symbol)) {
      const expected = this.lastSequence.get(symbol) + 1;
      if (message.sequence > expected) {
        // Missed something: ask again for the book, which restarts the sequence.
        this.lastSequence.delete(symbol);
        this.send({ op: 'unsubscribe', channel: 'book', symbol });
        this.send({ op: 'subscribe', channel: 'book', symbol });
        return;
      }
      this.lastSequence.set(symbol, message.sequence);
    }
    for (const listener of this.listeners) listener(message);
  }

  listen(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close() {
    this.closed = true;
    this.socket.close();
  }
}
