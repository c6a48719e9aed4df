// Account, risk-matrix and P&L views of one account, live over /v1/stream?account=ID.
import { api, stream } from "./api.js";
import { fmtUsd, fmtNum, fmtPct, fmtMove, fmtState, esc } from "./format.js";
import { setLive } from "./app.js";
import uPlot from "/webjars/uplot/1.6.30/dist/uPlot.esm.js";

/** How many of the log's last events the P&L view replays for its margin-vs-equity chart. */
const HISTORY_EVENTS = 5000;

const view = id => api("GET", "/v1/accounts/" + encodeURIComponent(id) + "/view");

function cards(m) {
  return `<div class="cards" id="summary">
    <div class="card"><div class="label">Equity</div><div class="value" id="equity">${fmtUsd(m.equity_usd)}</div></div>
    <div class="card"><div class="label">Initial margin</div><div class="value" id="im">${fmtUsd(m.initial_margin_usd)}</div></div>
    <div class="card"><div class="label">Maintenance margin</div><div class="value" id="mm">${fmtUsd(m.maintenance_margin_usd)}</div></div>
    <div class="card"><div class="label">Available</div><div class="value" id="available">${fmtUsd(m.available_usd)}</div></div>
    <div class="card"><div class="label" id="ratio-label">Margin ratio (MM / equity; liquidation at 100%)</div>
      <meter id="ratio-gauge" aria-labelledby="ratio-label" min="0" max="1.2" low="0.5" high="0.8" optimum="0" value="${Math.min(m.margin_ratio, 1.2)}"></meter>
      <div class="value" id="ratio">${fmtPct(m.margin_ratio)}</div></div>
    <div class="card"><div class="label">Health</div><div class="value state-${m.state}" id="health">${fmtState(m.state)}</div></div>
  </div>`;
}

function update(el, m) {
  const set = (id, text) => { const x = el.querySelector("#" + id); if (x) x.textContent = text; };
  set("equity", fmtUsd(m.equity_usd)); set("im", fmtUsd(m.initial_margin_usd)); set("mm", fmtUsd(m.maintenance_margin_usd));
  set("available", fmtUsd(m.available_usd)); set("ratio", fmtPct(m.margin_ratio));
  const h = el.querySelector("#health"); if (h) { h.textContent = fmtState(m.state); h.className = "value state-" + m.state; }
  const g = el.querySelector("#ratio-gauge"); if (g) g.value = Math.min(m.margin_ratio, 1.2);
}

function models(list) {
  const rows = list.map(r => {
    if (r.status !== "ok") return `<tr data-model="${esc(r.model)}"><td class="text">${esc(r.model)}</td><td colspan="4" class="text">${esc(r.status)}: ${esc(r.error?.message || "")}</td></tr>`;
    const driving = (r.pools || []).map(p => p.driving_scenario).filter(Boolean).join("; ");
    const contrib = (r.pools || []).flatMap(p => (p.contributions || []).map(c => `${esc(c.symbol)}: ${fmtUsd(c.initial_margin * (p.usd_rate || 1))}`)).join("<br>");
    return `<tr data-model="${esc(r.model)}"><td class="text">${esc(r.model)}</td><td class="im">${fmtUsd(r.initial_margin_usd)}</td><td class="mm">${fmtUsd(r.maintenance_margin_usd)}</td><td class="text">${esc(driving || "–")}</td><td class="text">${contrib || "–"}</td></tr>`;
  }).join("");
  return `<table id="models"><caption>Margin under every model</caption><thead><tr><th class="text" scope="col">Model</th><th scope="col">Initial (USD)</th><th scope="col">Maintenance (USD)</th><th class="text" scope="col">Driving scenario</th><th class="text" scope="col">Contribution per position (IM)</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function open(el, id, onMargin, after) {
  return stream("account=" + encodeURIComponent(id) + (after !== undefined ? "&after=" + after : ""), x => {
    if (x.type === "margin" && x.account === id) { onMargin(x); setLive("live · seq " + x.seq); el.dataset.lastSeq = x.seq; }
  }, setLive);
}

export async function accountView(el, id) {
  const v = await view(id);
  const render = v => {
    el.innerHTML = `<h2>Account <span id="account-id">${esc(v.account)}</span> <small>(${esc(v.margin.model)})</small></h2>${cards(v.margin)}
    <h3>Positions</h3><table id="positions"><thead><tr><th class="text" scope="col">Instrument</th><th scope="col">Quantity</th><th scope="col">Mark</th><th scope="col">Value (USD)</th><th scope="col">Unrealised P&amp;L</th><th scope="col">Delta</th><th scope="col">Gamma</th><th scope="col">Vega (USD/vol)</th><th scope="col">Theta (USD/yr)</th></tr></thead><tbody>
    ${v.greeks.map(g => `<tr><td class="text">${esc(g.instrument)}</td><td>${fmtNum(g.quantity)}</td><td>${fmtNum(g.mark)}</td><td>${fmtUsd(g.value_usd)}</td><td>${fmtNum(g.unrealised_pnl)} ${esc(g.pnl_currency)}</td><td>${fmtNum(g.delta)}</td><td>${fmtNum(g.gamma)}</td><td>${fmtUsd(g.vega)}</td><td>${fmtUsd(g.theta)}</td></tr>`).join("")}</tbody></table>
    <h3>Collateral</h3><table id="collateral"><thead><tr><th class="text" scope="col">Asset</th><th scope="col">Amount</th><th scope="col">Value (USD)</th><th scope="col">Counted (USD)</th><th scope="col">Haircut</th><th class="text" scope="col">Class and tiers</th></tr></thead><tbody>
    ${v.collateral.map(c => `<tr><td class="text">${esc(c.asset)}</td><td>${fmtNum(c.amount)}</td><td>${fmtUsd(c.value_usd)}</td><td>${fmtUsd(c.counted_usd)}</td><td>${fmtPct(c.haircut)}</td><td class="text">${esc(c.class)}: ${c.tiers.map(t => fmtPct(t.haircut) + (t.up_to_usd === null ? " above" : " up to " + fmtUsd(t.up_to_usd))).join(", ")}</td></tr>`).join("")}</tbody></table>
    ${models(v.models)}`;
  };
  render(v);
  let timer = null;
  const ws = open(el, id, m => {
    update(el, m);
    clearTimeout(timer);
    timer = setTimeout(async () => { try { const nv = await view(id); render(nv); update(el, m); } catch (e) { /* keep */ } }, 400);
  });
  return () => { clearTimeout(timer); ws.close(); };
}

function heatColor(v, worst) {
  if (v >= 0) return `rgba(31,136,61,${Math.min(0.5, v / Math.max(1, -worst) * 0.5)})`;
  return `rgba(207,34,46,${Math.min(0.6, v / Math.min(-1, worst) * 0.6)})`;
}

async function renderMatrix(el, id) {
  const v = await view(id);
  const parts = v.risk_matrix.map(u => {
    const w = u.worst.pnl_usd;
    const rows = u.pnl_usd.map((row, i) => `<tr><th scope="row">vol ${fmtMove(u.vol_shocks[i])}</th>${row.map((p, j) => {
      const worst = i === u.worst.vol_index && j === u.worst.move_index;
      return `<td class="${worst ? "worst" : ""}" style="background:${heatColor(p, w)}"${worst ? ' aria-label="worst cell"' : ""}>${fmtUsd(p)}${worst ? " ★" : ""}</td>`;
    }).join("")}</tr>`).join("");
    return `<h3>${esc(u.underlying)}</h3>
      <table class="heat" id="matrix-${esc(u.underlying)}"><caption>P&amp;L (USD) by price move × vol shock; ★ marks the worst cell (${fmtUsd(w)})</caption>
      <thead><tr><th scope="col">vol \\ price</th>${u.moves.map(m => `<th scope="col">${fmtMove(m)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table>
      <table id="extended-${esc(u.underlying)}"><caption>Extended moves (vol unchanged)</caption><thead><tr>${u.extended.map(e => `<th scope="col">${fmtMove(e.move)}</th>`).join("")}</tr></thead>
      <tbody><tr>${u.extended.map(e => `<td>${fmtUsd(e.pnl_usd)}</td>`).join("")}</tr></tbody></table>`;
  }).join("");
  el.innerHTML = `<h2>Risk matrix: ${esc(id)}</h2><p>Each position revalued on the current market for every price move and relative implied-vol shock.</p>${parts || "<p>No positions.</p>"}`;
  return v;
}

export async function matrixView(el, id) {
  await renderMatrix(el, id);
  let timer = null;
  const ws = open(el, id, () => {
    clearTimeout(timer);
    timer = setTimeout(() => renderMatrix(el, id).catch(() => {}), 400);
  });
  return () => { clearTimeout(timer); ws.close(); };
}

/** Vertical marker lines on a uPlot chart at x values, each labelled (VaR, ES). */
function markers(lines) {
  return u => {
    const c = u.ctx, top = u.bbox.top, h = u.bbox.height;
    c.save();
    c.font = `${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
    c.textAlign = "left"; c.textBaseline = "alphabetic";
    lines.forEach((l, i) => {
      const x = u.valToPos(l.x, "x", true);
      c.strokeStyle = l.color; c.fillStyle = l.color; c.lineWidth = 2 * devicePixelRatio;
      c.setLineDash(l.dash.map(d => d * devicePixelRatio));
      c.beginPath(); c.moveTo(x, top); c.lineTo(x, top + h); c.stroke();
      // the key at the plot's top left (the loss tail, where the bars are low): a line sample and the label
      const kx = u.bbox.left + 8 * devicePixelRatio, ty = top + (14 + 16 * i) * devicePixelRatio;
      c.beginPath(); c.moveTo(kx, ty - 4 * devicePixelRatio); c.lineTo(kx + 24 * devicePixelRatio, ty - 4 * devicePixelRatio); c.stroke();
      c.setLineDash([]); c.fillText(l.label, kx + 30 * devicePixelRatio, ty);
    });
    c.restore();
  };
}

/** The simulation model's P&L histogram with the VaR and ES lines (GET /v1/accounts/ID/pnl-distribution). */
async function distribution(el, id) {
  const box = el.querySelector("#distribution");
  let d;
  try {
    d = await api("GET", "/v1/accounts/" + encodeURIComponent(id) + "/pnl-distribution?model=simulation");
  } catch (e) {
    box.innerHTML = `<p class="error">The simulated distribution is not available: ${esc(e.message || e)}</p>`;
    return;
  }
  const conf = fmtPct(d.confidence);
  box.innerHTML = `<table id="distribution-figures"><caption>Simulation model: ${esc(d.scenario_set)}, ${fmtNum(d.scenarios)} scenarios, history to ${esc(d.history_to)}</caption>
    <thead><tr><th scope="col">VaR ${conf}</th><th scope="col">ES ${conf}</th><th scope="col">VaR ${fmtPct(d.var_confidence)}</th><th scope="col">Worst (${esc(d.worst_scenario)})</th><th scope="col">Mean</th><th scope="col">IM</th></tr></thead>
    <tbody><tr><td id="dist-var">${fmtUsd(d.var_usd)}</td><td id="dist-es">${fmtUsd(d.es_usd)}</td><td id="dist-var99">${fmtUsd(d.var_at_var_confidence_usd)}</td><td id="dist-worst">${fmtUsd(d.worst_pnl_usd)}</td><td>${fmtUsd(d.mean_pnl_usd)}</td><td id="dist-im">${fmtUsd(d.initial_margin_usd)}</td></tr></tbody></table>
    <div id="distribution-chart" role="img" aria-label="Histogram of the simulated one-period P&L: VaR ${esc(fmtUsd(d.var_usd))}, ES ${esc(fmtUsd(d.es_usd))} at ${esc(conf)}"></div>`;
  const mids = d.buckets.map(b => (b.from_usd + b.to_usd) / 2);
  const counts = d.buckets.map(b => b.count);
  new uPlot({ width: 700, height: 280, scales: { x: { time: false, range: [d.buckets[0].from_usd, d.buckets[d.buckets.length - 1].to_usd] } },
    axes: [{ label: "P&L (USD)", values: (u, t) => t.map(fmtUsd), size: 50 }, { label: "scenarios", size: 60 }],
    series: [{ label: "P&L", value: (u, v) => fmtUsd(v) }, { label: "scenarios", paths: uPlot.paths.bars({ size: [0.95, 100] }), fill: "rgba(9,105,218,0.45)", stroke: "#0969da", points: { show: false } }],
    hooks: { draw: [markers([
      { x: -d.var_usd, label: "VaR " + conf + " " + fmtUsd(-d.var_usd), color: "#9a6700", dash: [6, 4] },
      { x: -d.es_usd, label: "ES " + conf + " " + fmtUsd(-d.es_usd), color: "#cf222e", dash: [] }])] } },
    [mids, counts], box.querySelector("#distribution-chart"));
  box.dataset.ready = "true";
}

export async function pnlView(el, id) {
  const v = await view(id);
  el.innerHTML = `<h2>P&amp;L: ${esc(id)}</h2>
    <h3>Simulated P&amp;L distribution</h3><div id="distribution"><p>Computing the simulation model's scenarios…</p></div>
    <h3>Stress scenarios</h3><div id="stress-chart" role="img" aria-label="Stress P&L bars"></div>
    <table id="stress"><thead><tr><th class="text" scope="col">Scenario</th><th scope="col">P&amp;L (USD)</th><th scope="col">Equity after (USD)</th></tr></thead><tbody>
    ${v.stress.map(s => `<tr><td class="text" title="${esc(s.description)}">${esc(s.name)}</td><td>${fmtUsd(s.pnl_usd)}</td><td>${fmtUsd(s.equity_after_usd)}</td></tr>`).join("")}</tbody></table>
    <h3 id="history-title">Margin vs equity over the stream</h3><div id="history-chart" role="img" aria-label="Equity, initial and maintenance margin over events"></div>`;
  distribution(el, id);
  const xs = v.stress.map((_, i) => i);
  const bars = uPlot.paths.bars({ size: [0.6, 60] });
  new uPlot({ width: 700, height: 320, scales: { x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] } },
    axes: [{ values: (u, t) => t.map(i => v.stress[i]?.name.split(":")[0] ?? ""), rotate: -20, size: 120 }, { values: (u, t) => t.map(fmtUsd), size: 90 }],
    series: [{}, { label: "P&L USD", paths: bars, fill: "rgba(207,34,46,0.5)", stroke: "#cf222e", points: { show: false } }] },
    [xs, v.stress.map(s => s.pnl_usd)], el.querySelector("#stress-chart"));
  // Only the recent log is replayed (the last HISTORY_EVENTS events, `pmargin.historyEvents` in localStorage to
  // change it), so the view opens fast on a long log; the current figures (the view's, at last_sequence) close the
  // replayed part, then live updates follow.
  const last = v.last_sequence ?? 0;
  const after = Math.max(0, last - (Number(localStorage.getItem("pmargin.historyEvents")) || HISTORY_EVENTS));
  el.querySelector("#history-title").textContent = after > 0
    ? `Margin vs equity since event #${after} (the log's last ${last - after} events replayed, then live)`
    : "Margin vs equity over the stream (the whole log replayed, then live)";
  const replayed = [], live = [];
  const now = { seq: last, ...v.margin };
  const data = () => {
    const pts = replayed.concat(replayed.length && replayed[replayed.length - 1].seq === last ? [] : [now], live);
    const box = el.querySelector("#history-chart");
    box.dataset.after = after; box.dataset.points = pts.length; box.dataset.firstSeq = pts[0].seq;
    return [pts.map(p => p.seq), pts.map(p => p.equity_usd), pts.map(p => p.initial_margin_usd), pts.map(p => p.maintenance_margin_usd)];
  };
  const chart = new uPlot({ width: 700, height: 260, scales: { x: { time: false } },
    axes: [{ label: "event seq" }, { values: (u, t) => t.map(fmtUsd), size: 90 }],
    series: [{ label: "seq" }, { label: "equity", stroke: "#0969da", width: 2 }, { label: "IM", stroke: "#9a6700", width: 2 }, { label: "MM", stroke: "#cf222e", width: 2 }] },
    data(), el.querySelector("#history-chart"));
  let pending = false;
  const ws = open(el, id, m => {
    (m.seq <= last ? replayed : live).push(m);
    if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; chart.setData(data()); }); }
  }, after);
  return () => ws.close();
}
