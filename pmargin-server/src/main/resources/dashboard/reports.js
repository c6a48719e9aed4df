// The cascade and backtest reports (GET /v1/reports/cascade, /v1/reports/backtest): pmargin cascade's and pmargin
// backtest's charts, computed once by the server (202 while it computes: the view asks again).
import { api } from "./api.js";
import { fmtUsd, fmtUsdShort, fmtNum, fmtPct, esc } from "./format.js";
import uPlot from "/webjars/uplot/1.6.30/dist/uPlot.esm.js";

const COLORS = ["#0969da", "#9a6700", "#cf222e", "#1a7f37", "#8250df", "#57606a"];
const DASHES = [[], [8, 4], [2, 3], [12, 3, 2, 3], [4, 4], [1, 5]];

/** Asks for a report until it is ready (202: being computed), showing the wait in the box. */
async function whenReady(path, box, alive) {
  for (let i = 0; alive(); i++) {
    const r = await api("GET", path);
    if (r.status !== "computing") return r;
    box.innerHTML = `<p role="status">Computing the report on the server (once, then kept)… ${i * 2} s</p>`;
    await new Promise(ok => setTimeout(ok, 2000));
  }
  return null;
}

const seconds = iso => Date.parse(iso) / 1000;

function lines(box, title, xs, named, yFormat) {
  const div = document.createElement("div");
  div.className = "report-chart";
  div.setAttribute("role", "img");
  div.setAttribute("aria-label", title);
  box.appendChild(div);
  const names = Object.keys(named);
  new uPlot({ title, width: 700, height: 230, axes: [{}, { values: (u, t) => t.map(yFormat), size: 70 }],
    series: [{}, ...names.map((n, i) => ({ label: n, stroke: COLORS[i % COLORS.length], dash: DASHES[i % DASHES.length], width: 2, points: { show: false } }))] },
    [xs, ...names.map(n => named[n])], div);
}

function cascade(box, r) {
  const xs = r.times.map(seconds);
  const pick = key => Object.fromEntries(r.models.map(m => [m.model, m.series[key]]));
  box.innerHTML = `<p>${esc(r.window.id)} (${esc(r.window.description)}), ${esc(r.window.start)} to ${esc(r.window.end)}: ${fmtNum(r.accounts)} synthetic accounts (seed ${r.seed}), collateral ${fmtPct(r.collateral_fraction_of_notional)} of gross notional under every model, a snapshot every ${r.snapshot_minutes} minutes, the liquidations' impact fed back into the marks (half-life ${fmtNum(r.impact.half_life_hours)} h). As <code>pmargin cascade</code>.</p>
    <table id="cascade-totals"><caption>Liquidation cascade by margin model</caption><thead><tr><th class="text" scope="col">Model</th><th scope="col">Accounts liquidated</th><th scope="col">Steps</th><th scope="col">Notional closed</th><th scope="col">Cost</th><th scope="col">Bankrupt</th><th scope="col">Fund drawn</th><th scope="col">Bad debt</th><th scope="col">Below MM at the end</th></tr></thead><tbody>
    ${r.models.map(m => `<tr data-model="${esc(m.model)}"><td class="text">${esc(m.model)}</td><td>${fmtNum(m.totals.accounts_liquidated)}</td><td>${fmtNum(m.totals.steps)}</td><td class="notional">${fmtUsd(m.totals.notional_closed_usd)}</td><td>${fmtUsd(m.totals.cost_usd)}</td><td>${fmtNum(m.totals.bankrupt_accounts)}</td><td>${fmtUsd(m.totals.fund_drawn_usd)}</td><td class="bad-debt">${fmtUsd(m.totals.bad_debt_usd)}</td><td>${fmtNum(m.end_states.liquidatable + m.end_states.bankrupt)}</td></tr>`).join("")}</tbody></table>`;
  lines(box, "Notional liquidated, cumulative (USD)", xs, pick("notional_liquidated_cumulative_usd"), fmtUsdShort);
  lines(box, "Bad debt, not covered by fund, ADL or socialised loss (USD)", xs, pick("bad_debt_usd"), fmtUsdShort);
  lines(box, "Insurance fund (USD)", xs, pick("insurance_fund_usd"), fmtUsdShort);
  lines(box, "Accounts below maintenance margin (liquidatable + bankrupt)", xs, pick("accounts_below_mm"), fmtNum);
  box.dataset.ready = "true";
}

function backtest(box, r) {
  const s = r.settings;
  box.innerHTML = `<p>Simulation margin (${esc(s.scenarios)} historical, ${s.lookback} days of lookback, ${s.horizon_days}-day horizon, ES ${fmtPct(s.es_confidence)}) against the P&amp;L realised the next day, exceptions counted against VaR ${fmtPct(s.var_confidence)}, on the data directory's daily closes. As <code>pmargin backtest</code>.</p>
    <table id="backtest-stats"><caption>Backtest by book</caption><thead><tr><th class="text" scope="col">Book</th><th scope="col">Days</th><th class="text" scope="col">From – to</th><th scope="col">Exceptions</th><th scope="col">Expected</th><th class="text" scope="col">Zone</th><th class="text" scope="col">250-day worst / last</th><th scope="col">Kupiec p</th><th scope="col">ES breaches</th><th scope="col">Average margin</th></tr></thead><tbody>
    ${r.books.map(b => `<tr data-book="${esc(b.book)}"><td class="text">${esc(b.book)}</td><td>${fmtNum(b.days)}</td><td class="text">${esc(b.from)} – ${esc(b.to)}</td><td class="exceptions">${fmtNum(b.exceptions)}</td><td>${fmtNum(Math.round(b.expected_exceptions * 10) / 10)}</td><td class="text">${esc(b.zone)}</td><td class="text">${b.rolling_250d ? esc(b.rolling_250d.worst + " " + b.rolling_250d.worst_exceptions + " (to " + b.rolling_250d.worst_end + ") / " + b.rolling_250d.last + " " + b.rolling_250d.last_exceptions) : "–"}</td><td>${fmtNum(Math.round(b.kupiec_p * 1000) / 1000)}</td><td>${fmtNum(b.margin_breaches)}</td><td>${fmtUsd(b.average_margin_usd)} (${fmtPct(b.average_margin_of_exposure)})</td></tr>`).join("")}</tbody></table>`;
  for (const b of r.books) {
    const div = document.createElement("div");
    div.className = "report-chart";
    div.setAttribute("role", "img");
    div.setAttribute("aria-label", `Backtest of ${b.book}: margin and VaR against the realised loss per day; ${b.exceptions} exceptions`);
    box.appendChild(div);
    const loss = b.realised_pnl_usd.map(p => -p);
    const exc = loss.map((l, i) => l > b.var_usd[i] ? l : null);
    new uPlot({ title: `${b.book}: margin vs realised loss (USD); ${b.exceptions} exceptions marked`, width: 700, height: 260,
      axes: [{}, { values: (u, t) => t.map(fmtUsdShort), size: 70 }],
      series: [{}, { label: "realised loss", stroke: "rgba(87,96,106,0.55)", width: 1, points: { show: false } },
        { label: "ES margin", stroke: "#0969da", width: 2, points: { show: false } },
        { label: "VaR " + fmtPct(s.var_confidence), stroke: "#9a6700", dash: [6, 4], width: 1.5, points: { show: false } },
        { label: "exception", stroke: "#cf222e", paths: () => null, points: { show: true, size: 6, fill: "#cf222e" } }] },
      [b.dates.map(d => seconds(d + "T00:00:00Z")), loss, b.margin_usd, b.var_usd, exc], div);
  }
  box.dataset.ready = "true";
}

export async function reportsView(el) {
  let alive = true;
  el.innerHTML = `<h2>Reports</h2>
    <h3>Liquidation cascade of the demo's crash window</h3><div id="cascade-report"><p>Loading…</p></div>
    <h3>Backtest: simulation margin against realised losses</h3><div id="backtest-report"><p>Loading…</p></div>`;
  const cb = el.querySelector("#cascade-report"), bb = el.querySelector("#backtest-report");
  const fail = (box, e) => { box.innerHTML = `<p class="error" role="alert">The report is not available: ${esc(e.message || e)}</p>`; };
  whenReady("/v1/reports/cascade", cb, () => alive).then(r => r && alive && cascade(cb, r), e => fail(cb, e));
  whenReady("/v1/reports/backtest", bb, () => alive).then(r => r && alive && backtest(bb, r), e => fail(bb, e));
  return () => { alive = false; };
}
