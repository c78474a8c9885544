// Candlesticks on a canvas: no charting library, no build step.

export function drawCandles(canvas, candles) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const g = canvas.getContext('2d');
  g.scale(ratio, ratio);
  g.clearRect(0, 0, width, height);
  const style = getComputedStyle(document.documentElement);
  const up = style.getPropertyValue('--up').trim(), down = style.getPropertyValue('--down').trim();
  const muted = style.getPropertyValue('--muted').trim(), line = style.getPropertyValue('--line').trim();
  if (!candles.length) {
    g.fillStyle = muted;
    g.fillText('No trades yet', 12, 20);
    return;
  }
  const axis = 60, top = 10, bottom = 20;
  const lows = candles.map(c => +c.low), highs = candles.map(c => +c.high);
  let min = Math.min(...lows), max = Math.max(...highs);
  if (max === min) { max += 0.5; min -= 0.5; }
  const y = price => top + (max - price) / (max - min) * (height - top - bottom);
  const step = (width - axis) / Math.max(candles.length, 30);
  g.strokeStyle = line;
  g.fillStyle = muted;
  g.font = '11px system-ui';
  for (let i = 0; i <= 4; i++) {
    const price = min + (max - min) * i / 4;
    g.beginPath(); g.moveTo(0, y(price)); g.lineTo(width - axis, y(price)); g.stroke();
    g.fillText(price.toFixed(2), width - axis + 6, y(price) + 4);
  }
  candles.forEach((c, i) => {
    const x = i * step + step / 2;
    const rising = +c.close >= +c.open;
    g.strokeStyle = g.fillStyle = rising ? up : down;
    g.beginPath(); g.moveTo(x, y(+c.high)); g.lineTo(x, y(+c.low)); g.stroke();
    const bodyTop = y(Math.max(+c.open, +c.close)), bodyBottom = y(Math.min(+c.open, +c.close));
    g.fillRect(x - step * 0.35, bodyTop, step * 0.7, Math.max(1, bodyBottom - bodyTop));
  });
}
