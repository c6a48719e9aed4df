// Risk desk (risk/admin keys): accounts by health, closest to liquidation first, live over the firehose; the
// liquidation/ADL/loss feed; the insurance fund; oracle and feed status with degraded underlyings highlighted.
import { api, stream } from "./api.js";
import { fmtUsd, fmtPct, fmtState, fmtNum, esc } from "./format.js";
import { setLive } from "./app.js";

export async function deskView(el) {
  el.innerHTML = `<h2>Risk desk</h2><div id="desk-summary"></div>
    <h3>Accounts (closest to liquidation first)</h3><div id="desk-accounts"></div>
    <h3>Liquidation, ADL and health feed</h3><ol id="feed" class="feed" aria-live="polite" reversed></ol>`;
  const load = async () => {
    const [list, risk] = await Promise.all([api("GET", "/v1/accounts"), api("GET", "/v1/risk")]);
    const f = risk.insurance_fund;
    el.querySelector("#desk-summary").innerHTML = `<div class="cards">
      <div class="card"><div class="label">Insurance fund</div><div class="value" id="fund">${fmtUsd(f.fund_usd)}</div></div>
      <div class="card"><div class="label">Bad debt</div><div class="value" id="bad-debt">${fmtUsd(f.bad_debt_usd)}</div></div>
      <div class="card"><div class="label">ADL fills</div><div class="value">${fmtNum(f.adl_fills)}</div></div>
      ${Object.entries(risk.accounts_by_state).map(([s, n]) => `<div class="card"><div class="label">${fmtState(s)}</div><div class="value state-${s}" id="count-${s}">${n}</div></div>`).join("")}
    </div>
    <table id="market"><caption>Market ${esc(risk.market.as_of)} (version ${risk.market.version}); last feed update seq ${risk.feed.last_update_sequence || "–"}</caption>
      <thead><tr><th class="text" scope="col">Underlying</th><th scope="col">Index</th><th scope="col">Perpetual mark</th><th class="text" scope="col">Feed</th></tr></thead><tbody>
      ${risk.market.underlyings.map(u => `<tr class="${u.degraded ? "degraded" : ""}"><td class="text">${esc(u.underlying)}</td><td>${fmtUsd(u.index)}</td><td>${fmtUsd(u.perpetual_mark)}</td><td class="text">${u.degraded ? "⚠ degraded" : "ok"}</td></tr>`).join("")}</tbody></table>`;
    el.querySelector("#desk-accounts").innerHTML = `<table id="accounts"><thead><tr><th class="text" scope="col">Account</th><th class="text" scope="col">Health</th><th scope="col">Margin ratio</th><th scope="col">Equity</th><th scope="col">IM</th><th scope="col">MM</th></tr></thead><tbody>
      ${list.accounts.map(a => `<tr data-account="${esc(a.account)}"><td class="text"><a href="#/account/${encodeURIComponent(a.account)}">${esc(a.account)}</a></td><td class="text state state-${a.state}">${fmtState(a.state)}</td><td>${fmtPct(a.margin_ratio)}</td><td>${fmtUsd(a.equity_usd)}</td><td>${fmtUsd(a.initial_margin_usd)}</td><td>${fmtUsd(a.maintenance_margin_usd)}</td></tr>`).join("")}</tbody></table>`;
  };
  await load();
  const feed = el.querySelector("#feed");
  const add = text => { const li = document.createElement("li"); li.textContent = text; feed.prepend(li); while (feed.children.length > 200) feed.lastChild.remove(); };
  let timer = null;
  const ws = stream("", x => {
    setLive("live · seq " + x.seq);
    if (x.type === "health") add(`#${x.seq} ${x.account}: ${fmtState(x.from)} → ${fmtState(x.to)}`);
    else if (x.type === "liquidation") add(`#${x.seq} ${x.account}: liquidation step ${x.step} (${x.kind}), cost ${fmtUsd(x.cost_usd)}`);
    else if (x.type === "bankruptcy") add(`#${x.seq} ${x.account}: bankrupt, deficit ${fmtUsd(x.deficit_usd)}`);
    else if (x.type === "loss") add(`#${x.seq} ${x.kind} ${x.account}${x.counterparty ? " ↔ " + x.counterparty : ""}: ${fmtUsd(x.amount_usd)} (fund ${fmtUsd(x.fund_after_usd)})`);
    if (x.type === "margin" || x.type === "event") { clearTimeout(timer); timer = setTimeout(() => load().catch(() => {}), 300); }
  }, setLive);
  return () => { clearTimeout(timer); ws.close(); };
}
