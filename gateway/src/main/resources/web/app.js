// Bourse's web UI: plain ES modules served by the gateway, talking to the same public API as
// every other client. Hash routes: #/login, #/signup, #/markets, #/markets/SYMBOL, #/portfolio.

import { api, ApiError, session, Stream } from './api.js';
import { drawCandles } from './chart.js';
import { el, field, money, signed, table } from './dom.js';

const main = document.getElementById('main');
let stream = null;
let cleanup = [];
let instruments = [];

// Notices stack up (a fill can arrive before the answer to the order that caused it) and each fades on its own.
function toast(text) {
  const box = document.getElementById('toast');
  const line = el('div', {}, text);
  box.append(line);
  box.hidden = false;
  while (box.children.length > 4) box.firstChild.remove();
  setTimeout(() => {
    line.remove();
    if (!box.children.length) box.hidden = true;
  }, 5000);
}

function onCleanup(fn) { cleanup.push(fn); }

function showErrors(form, error) {
  form.querySelectorAll('.error').forEach(e => { e.textContent = ''; });
  const general = form.querySelector('[data-general]');
  if (!(error instanceof ApiError)) { general.textContent = error.message; return; }
  const fields = error.fieldErrors();
  let shown = false;
  for (const [name, message] of Object.entries(fields)) {
    const target = form.querySelector(`#err-${name}`);
    if (target) { target.textContent = message; shown = true; }
  }
  if (!shown || !Object.keys(fields).length) general.textContent = error.problem.detail || error.problem.title;
}

// ---- authentication ----

function authView(mode) {
  const signingUp = mode === 'signup';
  const username = el('input', { name: 'username', autocomplete: 'username', required: true, id: 'username' });
  const password = el('input', { name: 'password', type: 'password', autocomplete: signingUp ? 'new-password' : 'current-password', required: true, id: 'password' });
  const form = el('form', { class: 'stack panel auth', 'aria-labelledby': 'auth-title' },
    el('h1', { id: 'auth-title' }, signingUp ? 'Create your account' : 'Log in'),
    field('Username', username, 'err-username'),
    field('Password', password, 'err-password'),
    el('div', { class: 'error', 'data-general': true, role: 'alert' }),
    el('button', { type: 'submit' }, signingUp ? 'Sign up' : 'Log in'),
    signingUp ? el('p', {}, 'Have an account? ', el('a', { href: '#/login' }, 'Log in'))
              : el('p', {}, 'New here? ', el('a', { href: '#/signup' }, 'Create an account')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      if (signingUp) await api.signUp(username.value, password.value);
      const created = await api.logIn(username.value, password.value);
      session.token = created.token;
      location.hash = signingUp ? '#/portfolio' : '#/markets';
    } catch (error) {
      showErrors(form, error);
    }
  });
  main.replaceChildren(form);
  username.focus();
}

// ---- the summary bar ----

async function refreshSummary() {
  if (!session.token) return;
  try {
    const p = await api.portfolio();
    const bar = document.getElementById('summary');
    bar.replaceChildren(
      el('div', {}, el('span', {}, 'Total value'), el('strong', { 'data-testid': 'total-value' }, '$' + money(p.totalValue))),
      el('div', {}, el('span', {}, 'Cash'), el('strong', { 'data-testid': 'cash' }, '$' + money(p.cash))),
      el('div', {}, el('span', {}, 'Buying power'), el('strong', { 'data-testid': 'buying-power' }, '$' + money(p.buyingPower))),
      el('div', {}, el('span', {}, 'Unrealized P&L'), signed(p.unrealizedPnl)),
      el('div', {}, el('span', {}, 'Realized P&L'), signed(p.realizedPnl)));
    bar.hidden = false;
  } catch (error) { /* shown on the next refresh */ }
}

// ---- markets ----

async function marketsView() {
  const body = el('tbody');
  const quotesTable = el('div', { class: 'scroll' }, el('table', { 'aria-label': 'Markets' },
    el('thead', {}, el('tr', {}, ['Symbol', 'Last', 'Change', 'Bid', 'Ask', 'Volume'].map(h => el('th', { scope: 'col' }, h)))), body));
  main.replaceChildren(el('section', { class: 'panel' }, el('h1', {}, 'Markets'), quotesTable));
  const rows = new Map();
  const render = quote => {
    const change = quote.change ? Number(quote.change) : 0;
    const row = el('tr', { 'data-symbol': quote.symbol },
      el('td', {}, el('a', { href: `#/markets/${quote.symbol}` }, quote.symbol)),
      el('td', {}, money(quote.last ?? quote.previousClose)),
      el('td', { class: change > 0 ? 'up' : change < 0 ? 'down' : '' }, quote.changePercent ? `${quote.changePercent}%` : '—'),
      el('td', {}, money(quote.bid)), el('td', {}, money(quote.ask)), el('td', {}, quote.volume));
    const existing = rows.get(quote.symbol);
    existing ? existing.replaceWith(row) : body.append(row);
    rows.set(quote.symbol, row);
  };
  (await api.quotes()).forEach(render);
  for (const q of rows.keys()) stream.subscribe('ticker', q);
  onCleanup(() => { for (const q of rows.keys()) stream.unsubscribe('ticker', q); });
  onCleanup(stream.listen(message => { if (message.type === 'ticker') render(message.quote); }));
}

// ---- one instrument ----

async function instrumentView(symbol) {
  const instrument = instruments.find(i => i.symbol === symbol) || await api.instruments().then(list => list.find(i => i.symbol === symbol));
  if (!instrument) { main.replaceChildren(el('p', {}, `No instrument ${symbol}.`)); return; }
  const last = el('span', { class: 'last', 'data-testid': 'last-price' }, '—');
  const change = el('span');
  const canvas = el('canvas', { role: 'img', 'aria-label': `${symbol} price chart` });
  let interval = '1m';
  let candles = [];
  const intervalButtons = ['1m', '5m', '1h', '1d'].map(i => el('button', { type: 'button', 'aria-pressed': String(i === interval),
    onclick: () => selectInterval(i) }, i));
  const bids = el('tbody'), asks = el('tbody'), trades = el('tbody');
  const ticket = orderTicket(instrument);
  const ladder = el('div', { class: 'scroll' }, el('table', { class: 'ladder', 'aria-label': 'Order book' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Price'), el('th', { scope: 'col' }, 'Size'), el('th', { scope: 'col' }, 'Orders'))),
    asks, bids));
  main.replaceChildren(
    el('div', { class: 'price-head' }, el('h1', {}, symbol), last, change),
    el('div', { class: 'grid' },
      el('section', { class: 'panel' }, el('div', { class: 'tabs', role: 'group', 'aria-label': 'Candle interval' }, intervalButtons), canvas),
      ticket),
    el('div', { class: 'grid3' },
      el('section', { class: 'panel' }, el('h2', {}, 'Order book'), ladder),
      el('section', { class: 'panel' }, el('h2', {}, 'Recent trades'),
        el('div', { class: 'scroll' }, el('table', { 'aria-label': 'Recent trades' },
          el('thead', {}, el('tr', {}, ['Price', 'Size', 'Time'].map(h => el('th', { scope: 'col' }, h)))), trades))),
      el('section', { class: 'panel' }, el('h2', {}, 'Your open orders'), openOrdersTable(symbol))));

  const book = { bids: new Map(), asks: new Map() };
  const renderBook = () => {
    const levels = (side, order) => [...book[side].entries()].sort((a, b) => order * (Number(a[0]) - Number(b[0]))).slice(0, 10);
    asks.replaceChildren(...levels('asks', 1).reverse().map(([p, l]) => el('tr', {}, el('td', { class: 'ask' }, money(p)), el('td', {}, l.quantity), el('td', {}, l.orders))));
    bids.replaceChildren(...levels('bids', -1).map(([p, l]) => el('tr', {}, el('td', { class: 'bid' }, money(p)), el('td', {}, l.quantity), el('td', {}, l.orders))));
  };
  const addTrade = t => {
    trades.prepend(el('tr', {}, el('td', { class: t.aggressor === 'buy' ? 'up' : 'down' }, money(t.price)), el('td', {}, t.quantity),
      el('td', {}, new Date(t.time).toLocaleTimeString())));
    while (trades.children.length > 30) trades.lastChild.remove();
  };
  const showQuote = q => {
    last.textContent = money(q.last ?? q.previousClose);
    change.replaceChildren(q.change ? signed(q.change) : '', q.changePercent ? ` (${q.changePercent}%)` : '');
  };
  async function selectInterval(next) {
    stream.unsubscribe('candles', symbol, interval);
    interval = next;
    intervalButtons.forEach(b => b.setAttribute('aria-pressed', String(b.textContent === interval)));
    stream.subscribe('candles', symbol, interval);
  }
  showQuote(await api.quote(symbol));
  (await api.trades(symbol)).reverse().forEach(addTrade);
  onCleanup(stream.listen(message => {
    if (message.type === 'book_snapshot' && message.book.symbol === symbol) {
      book.bids = new Map(message.book.bids.map(l => [l.price, l]));
      book.asks = new Map(message.book.asks.map(l => [l.price, l]));
      renderBook();
    } else if (message.type === 'book' && message.symbol === symbol) {
      const side = message.side === 'buy' ? book.bids : book.asks;
      message.quantity === 0 ? side.delete(message.price) : side.set(message.price, message);
      renderBook();
    } else if (message.type === 'trade' && message.trade.symbol === symbol) {
      addTrade(message.trade);
    } else if (message.type === 'ticker' && message.quote.symbol === symbol) {
      showQuote(message.quote);
    } else if (message.type === 'candles' && message.symbol === symbol && message.interval === interval) {
      candles = message.candles;
      drawCandles(canvas, candles);
    } else if (message.type === 'candle' && message.symbol === symbol && message.interval === interval) {
      if (candles.length && candles[candles.length - 1].start === message.candle.start) candles[candles.length - 1] = message.candle;
      else candles.push(message.candle);
      drawCandles(canvas, candles);
    }
  }));
  for (const channel of ['book', 'trades', 'ticker']) stream.subscribe(channel, symbol);
  stream.subscribe('candles', symbol, interval);
  onCleanup(() => {
    for (const channel of ['book', 'trades', 'ticker']) stream.unsubscribe(channel, symbol);
    stream.unsubscribe('candles', symbol, interval);
  });
  const redraw = () => drawCandles(canvas, candles);
  window.addEventListener('resize', redraw);
  onCleanup(() => window.removeEventListener('resize', redraw));
}

function orderTicket(instrument) {
  const side = el('select', { id: 'side', name: 'side' }, el('option', { value: 'buy' }, 'Buy'), el('option', { value: 'sell' }, 'Sell'));
  const type = el('select', { id: 'type', name: 'type' }, ['limit', 'market', 'stop', 'stop_limit'].map(t =>
    el('option', { value: t }, t.replace('_', '-'))));
  const tif = el('select', { id: 'timeInForce', name: 'timeInForce' }, [['day', 'Day'], ['gtc', 'Good till canceled'], ['ioc', 'Immediate or cancel'], ['fok', 'Fill or kill']]
    .map(([v, t]) => el('option', { value: v }, t)));
  const quantity = el('input', { id: 'quantity', name: 'quantity', inputmode: 'numeric', required: true, value: String(instrument.lotSize) });
  const limitPrice = el('input', { id: 'limitPrice', name: 'limitPrice', inputmode: 'decimal', placeholder: instrument.referencePrice });
  const stopPrice = el('input', { id: 'stopPrice', name: 'stopPrice', inputmode: 'decimal' });
  const limitField = field('Limit price', limitPrice, 'err-limitPrice');
  const stopField = field('Stop price', stopPrice, 'err-stopPrice');
  const submit = el('button', { type: 'submit', class: 'buy' }, 'Buy ' + instrument.symbol);
  const form = el('form', { class: 'stack panel', 'aria-labelledby': 'ticket-title' },
    el('h2', { id: 'ticket-title' }, 'Order ticket'),
    el('div', { class: 'row' }, field('Side', side, 'err-side'), field('Type', type, 'err-type')),
    el('div', { class: 'row' }, field('Quantity (shares)', quantity, 'err-quantity'), field('Time in force', tif, 'err-timeInForce')),
    el('div', { class: 'row' }, limitField, stopField),
    el('p', { class: 'muted hint', 'data-testid': 'band' },
      `Prices from ${money(instrument.bandLow)} to ${money(instrument.bandHigh)}, in steps of ${money(instrument.tickSize)}`),
    el('div', { class: 'error', 'data-general': true, role: 'alert' }),
    submit);
  const sync = () => {
    limitField.hidden = !['limit', 'stop_limit'].includes(type.value);
    stopField.hidden = !['stop', 'stop_limit'].includes(type.value);
    if (type.value === 'market' && ['day', 'gtc'].includes(tif.value)) tif.value = 'ioc';
    submit.className = side.value;
    submit.textContent = (side.value === 'buy' ? 'Buy ' : 'Sell ') + instrument.symbol;
  };
  side.addEventListener('change', sync);
  type.addEventListener('change', sync);
  sync();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const order = { symbol: instrument.symbol, side: side.value, type: type.value, timeInForce: tif.value };
    order.quantity = /^\d+$/.test(quantity.value.trim()) ? Number(quantity.value.trim()) : quantity.value;
    if (!limitField.hidden) order.limitPrice = limitPrice.value.trim() || undefined;
    if (!stopField.hidden) order.stopPrice = stopPrice.value.trim() || undefined;
    showErrors(form, { message: '' });
    try {
      submit.disabled = true;
      const placed = await api.placeOrder(order);
      toast(`Order ${placed.id} placed: ${placed.side} ${placed.quantity} ${placed.symbol}`);
      refreshSummary();
    } catch (error) {
      showErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function openOrdersTable(symbol) {
  const body = el('tbody');
  const wrapper = el('div', { class: 'scroll' }, el('table', { 'aria-label': 'Open orders' },
    el('thead', {}, el('tr', {}, ['Order', 'Side', 'Price', 'Filled', 'Status', ''].map(h => el('th', { scope: 'col' }, h)))), body));
  const load = async () => {
    const page = await api.orders('open', 100);
    body.replaceChildren(...page.orders.filter(o => !symbol || o.symbol === symbol).map(o => el('tr', { 'data-order': o.id },
      el('td', {}, symbol ? o.id : `${o.symbol} ${o.id}`), el('td', { class: o.side === 'buy' ? 'up' : 'down' }, o.side),
      el('td', {}, o.limitPrice ? money(o.limitPrice) : o.type), el('td', {}, `${o.filledQuantity}/${o.quantity}`),
      el('td', {}, o.status.replace('_', ' ')),
      el('td', {}, el('button', { type: 'button', class: 'secondary', 'aria-label': `Cancel order ${o.id}`,
        onclick: async () => { try { await api.cancelOrder(o.id); toast(`Cancel requested for ${o.id}`); } catch (e) { toast(e.message); } } }, 'Cancel')))));
  };
  load();
  onCleanup(stream.listen(message => { if (message.type === 'order') load(); }));
  return wrapper;
}

// ---- portfolio ----

async function portfolioView() {
  const positions = el('div'), history = el('div'), fills = el('div'), transfers = el('div');
  const amount = el('input', { id: 'amount', name: 'amount', inputmode: 'decimal', placeholder: '1000.00', required: true });
  const moneyForm = el('form', { class: 'stack panel', 'aria-labelledby': 'money-title' },
    el('h2', { id: 'money-title' }, 'Move money'),
    field('Amount (USD)', amount, 'err-amount'),
    el('div', { class: 'error', 'data-general': true, role: 'alert' }),
    el('div', { class: 'row' },
      el('button', { type: 'submit', value: 'deposit' }, 'Deposit'),
      el('button', { type: 'submit', value: 'withdraw', class: 'secondary' }, 'Withdraw')),
    el('h3', {}, 'Recent transfers'), transfers);
  moneyForm.addEventListener('submit', async event => {
    event.preventDefault();
    const withdrawing = event.submitter && event.submitter.value === 'withdraw';
    showErrors(moneyForm, { message: '' });
    try {
      await (withdrawing ? api.withdraw(amount.value.trim()) : api.deposit(amount.value.trim()));
      toast(`${withdrawing ? 'Withdrew' : 'Deposited'} $${money(amount.value)}`);
      amount.value = '';
      load();
    } catch (error) {
      showErrors(moneyForm, error);
    }
  });
  main.replaceChildren(
    el('h1', {}, 'Portfolio'),
    el('div', { class: 'grid' }, el('section', { class: 'panel' }, el('h2', {}, 'Positions'), positions), moneyForm),
    el('section', { class: 'panel' }, el('h2', {}, 'Open orders'), openOrdersTable(null)),
    el('div', { class: 'grid' },
      el('section', { class: 'panel' }, el('h2', {}, 'Order history'), history),
      el('section', { class: 'panel' }, el('h2', {}, 'Fills'), fills)),
    passwordForm());
  async function load() {
    refreshSummary();
    const p = await api.portfolio();
    positions.replaceChildren(p.positions.length ? table(['Symbol', 'Qty', 'Avg cost', 'Price', 'Value', 'Unrealized', 'Realized'],
      p.positions.map(x => el('tr', { 'data-position': x.symbol }, el('td', {}, el('a', { href: `#/markets/${x.symbol}` }, x.symbol)),
        el('td', {}, x.quantity), el('td', {}, money(x.averageCost)), el('td', {}, money(x.marketPrice)), el('td', {}, money(x.marketValue)),
        el('td', {}, signed(x.unrealizedPnl)), el('td', {}, signed(x.realizedPnl)))), { 'aria-label': 'Positions' })
      : el('p', { class: 'muted' }, 'No positions yet. Pick a market and place an order.'));
    const moves = await api.transfers(10);
    transfers.replaceChildren(moves.transfers.length ? table(['Type', 'Amount', 'Time'], moves.transfers.map(t => el('tr', { 'data-transfer': t.id },
      el('td', {}, t.type), el('td', { class: t.type === 'deposit' ? 'up' : 'down' }, t.amount ? money(t.amount) : `${t.quantity} ${t.symbol}`),
      el('td', {}, new Date(t.time).toLocaleString()))), { 'aria-label': 'Transfers' })
      : el('p', { class: 'muted' }, 'No deposits or withdrawals yet.'));
    const closed = await api.orders('closed', 30);
    history.replaceChildren(table(['Order', 'Side', 'Qty', 'Avg price', 'Status'], closed.orders.map(o => el('tr', {},
      el('td', {}, `${o.symbol} ${o.id}`), el('td', {}, o.side), el('td', {}, `${o.filledQuantity}/${o.quantity}`),
      el('td', {}, money(o.averagePrice)), el('td', {}, o.status))), { 'aria-label': 'Order history' }));
    const recent = await api.fills(30);
    fills.replaceChildren(table(['Symbol', 'Side', 'Qty', 'Price', 'Fee', 'Time'], recent.fills.map(f => el('tr', {},
      el('td', {}, f.symbol), el('td', { class: f.side === 'buy' ? 'up' : 'down' }, f.side), el('td', {}, f.quantity),
      el('td', {}, money(f.price)), el('td', {}, money(f.fee)), el('td', {}, new Date(f.time).toLocaleTimeString()))),
      { 'aria-label': 'Fills' }));
  }
  await load();
  let pending = null;
  onCleanup(stream.listen(message => {
    if (['fill', 'balances'].includes(message.type)) {
      clearTimeout(pending);
      pending = setTimeout(load, 150);
    }
  }));
}

// Your other sessions end when the password changes; this one stays.
function passwordForm() {
  const current = el('input', { id: 'currentPassword', name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true });
  const next = el('input', { id: 'newPassword', name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
  const form = el('form', { class: 'stack panel narrow', 'aria-labelledby': 'password-title' },
    el('h2', { id: 'password-title' }, 'Change password'),
    field('Current password', current, 'err-currentPassword'),
    field('New password (8 to 128 characters)', next, 'err-newPassword'),
    el('div', { class: 'error', 'data-general': true, role: 'alert' }),
    el('button', { type: 'submit' }, 'Change password'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    showErrors(form, { message: '' });
    try {
      await api.changePassword(current.value, next.value);
      form.reset();
      toast('Password changed; your other sessions are logged out');
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

// ---- routing ----

async function route() {
  cleanup.forEach(fn => fn());
  cleanup = [];
  const [, page, symbol] = location.hash.split('/');
  const loggedIn = Boolean(session.token);
  document.getElementById('nav').hidden = !loggedIn;
  document.getElementById('summary').hidden = !loggedIn;
  if (!loggedIn && page !== 'signup') return authView('login');
  if (page === 'signup' || page === 'login') return loggedIn ? (location.hash = '#/markets') : authView(page);
  if (!stream) {
    stream = new Stream();
    stream.subscribe('orders');
    stream.listen(message => {
      if (message.type === 'fill') toast(`Filled: ${message.fill.side} ${message.fill.quantity} ${message.fill.symbol} @ ${money(message.fill.price)}`);
      if (message.type === 'balances') refreshSummary();
    });
  }
  refreshSummary();
  const who = document.getElementById('who');
  if (!who.textContent) api.me().then(user => { who.textContent = user.username; }).catch(() => {});
  try {
    if (page === 'markets' && symbol) await instrumentView(decodeURIComponent(symbol));
    else if (page === 'portfolio') await portfolioView();
    else await marketsView();
  } catch (error) {
    main.replaceChildren(el('p', { class: 'error' }, error.message));
  }
  main.focus();
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api.logOut(); } catch (e) { /* the session is gone either way */ }
  session.token = null;
  window.dispatchEvent(new Event('bourse:logged-out'));
});

window.addEventListener('bourse:logged-out', () => {
  if (stream) { stream.close(); stream = null; }
  document.getElementById('who').textContent = '';
  location.hash = '#/login';
  route();
});
window.addEventListener('hashchange', route);
api.instruments().then(list => { instruments = list; }).catch(() => {});
route();
