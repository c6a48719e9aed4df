// Position builder / what-if: edit positions (or paste a portfolio) and see every model's margin (POST /v1/margin,
// nothing stored); with an account, the engine's what-if for an order (POST /v1/accounts/ID/what-if).
import { api } from "./api.js";
import { fmtUsd, fmtState, esc } from "./format.js";

const EXAMPLE = { version: 1, account: "builder", collateral: { USDC: 40000 },
  positions: [{ instrument: "BTC-PERPETUAL", quantity: 20000, entry_price: 65690 }] };

export async function builderView(el, id) {
  let portfolio = EXAMPLE;
  if (id) {
    const v = await api("GET", "/v1/accounts/" + encodeURIComponent(id));
    portfolio = { version: 1, account: v.account, collateral: v.balances,
      positions: v.positions.map(p => ({ instrument: p.instrument, quantity: p.quantity, entry_price: p.entry_price })) };
  }
  el.innerHTML = `<h2>Position builder${id ? ": " + esc(id) : ""}</h2>
    <form id="builder-form">
      <table id="builder-positions"><caption>Positions (quantity in contracts, price in the instrument's unit)</caption>
        <thead><tr><th class="text" scope="col">Instrument</th><th scope="col">Quantity</th><th scope="col">Entry price</th><th scope="col">Remove</th></tr></thead><tbody></tbody></table>
      <p><button type="button" id="add-position">Add position</button> <button type="submit" id="calculate">Calculate margin</button></p>
      <p><label for="portfolio-json">Portfolio JSON (docs/FORMATS.md; paste one and press “Use JSON”)</label><br>
        <textarea id="portfolio-json" rows="8" cols="90"></textarea><br><button type="button" id="use-json">Use JSON</button></p>
    </form>
    <div id="builder-result" aria-live="polite"></div>
    ${id ? `<h3>What-if order on ${esc(id)}</h3><form id="whatif-form">
      <label for="wi-instrument">Instrument</label> <input id="wi-instrument" value="BTC-PERPETUAL">
      <label for="wi-quantity">Quantity</label> <input id="wi-quantity" type="number" step="any" value="-1000">
      <label for="wi-price">Price</label> <input id="wi-price" type="number" step="any" value="65690">
      <button type="submit" id="whatif">What if</button></form><div id="whatif-result" aria-live="polite"></div>` : ""}`;
  const body = el.querySelector("#builder-positions tbody");
  const row = (p, i) => `<tr><td class="text"><input aria-label="instrument ${i + 1}" class="p-instrument" value="${esc(p.instrument)}"></td>
    <td><input aria-label="quantity ${i + 1}" class="p-quantity" type="number" step="any" value="${p.quantity}"></td>
    <td><input aria-label="entry price ${i + 1}" class="p-price" type="number" step="any" value="${p.entry_price ?? ""}"></td>
    <td><button type="button" class="p-remove" aria-label="remove position ${i + 1}">×</button></td></tr>`;
  const show = () => {
    body.innerHTML = portfolio.positions.map(row).join("");
    el.querySelector("#portfolio-json").value = JSON.stringify(portfolio, null, 2);
  };
  const read = () => {
    portfolio.positions = [...body.querySelectorAll("tr")].map(tr => {
      const p = { instrument: tr.querySelector(".p-instrument").value.trim(), quantity: Number(tr.querySelector(".p-quantity").value) };
      const price = tr.querySelector(".p-price").value; if (price !== "") p.entry_price = Number(price);
      return p;
    });
  };
  const calculate = async () => {
    read(); show();
    const out = el.querySelector("#builder-result");
    try {
      const r = await api("POST", "/v1/margin", portfolio);
      out.innerHTML = `<table id="builder-models"><caption>Every model on the current market (nothing stored)</caption><thead><tr><th class="text" scope="col">Model</th><th scope="col">Initial (USD)</th><th scope="col">Maintenance (USD)</th><th class="text" scope="col">Health</th><th class="text" scope="col">Driving scenario</th></tr></thead><tbody>
        ${r.margins.map(m => m.status === "ok"
          ? `<tr data-model="${esc(m.model)}"><td class="text">${esc(m.model)}</td><td class="im">${fmtUsd(m.initial_margin_usd)}</td><td class="mm">${fmtUsd(m.maintenance_margin_usd)}</td><td class="text state-${m.state}">${fmtState(m.state)}</td><td class="text">${esc((m.pools || []).map(p => p.driving_scenario).filter(Boolean).join("; ") || "–")}</td></tr>`
          : `<tr data-model="${esc(m.model)}"><td class="text">${esc(m.model)}</td><td colspan="4" class="text">${esc(m.status)}: ${esc(m.error?.message || "")}</td></tr>`).join("")}</tbody></table>`;
    } catch (e) {
      out.innerHTML = `<p class="error" role="alert">${esc(e.body?.error?.field || "")} ${esc(e.message)}</p>`;
    }
  };
  el.querySelector("#builder-form").addEventListener("submit", ev => { ev.preventDefault(); calculate(); });
  el.querySelector("#add-position").addEventListener("click", () => { read(); portfolio.positions.push({ instrument: "ETH-PERPETUAL", quantity: 100, entry_price: 3530 }); show(); });
  body.addEventListener("click", ev => {
    if (ev.target.classList.contains("p-remove")) { read(); portfolio.positions.splice([...body.children].indexOf(ev.target.closest("tr")), 1); show(); calculate(); }
  });
  el.querySelector("#use-json").addEventListener("click", () => {
    try { portfolio = JSON.parse(el.querySelector("#portfolio-json").value); show(); calculate(); }
    catch (e) { el.querySelector("#builder-result").innerHTML = `<p class="error" role="alert">Not JSON: ${esc(e.message)}</p>`; }
  });
  el.querySelector("#whatif-form")?.addEventListener("submit", async ev => {
    ev.preventDefault();
    const order = { instrument: el.querySelector("#wi-instrument").value.trim(), quantity: Number(el.querySelector("#wi-quantity").value), price: Number(el.querySelector("#wi-price").value) };
    const out = el.querySelector("#whatif-result");
    try {
      const r = await api("POST", "/v1/accounts/" + encodeURIComponent(id) + "/what-if", { orders: [order] });
      out.innerHTML = `<table id="whatif-table"><thead><tr><th class="text" scope="col"></th><th scope="col">Equity</th><th scope="col">IM</th><th scope="col">MM</th><th class="text" scope="col">Health</th></tr></thead><tbody>
        ${["before", "after"].map(k => `<tr><th scope="row" class="text">${k}</th><td>${fmtUsd(r[k].equity_usd)}</td><td>${fmtUsd(r[k].initial_margin_usd)}</td><td>${fmtUsd(r[k].maintenance_margin_usd)}</td><td class="text state-${r[k].state}">${fmtState(r[k].state)}</td></tr>`).join("")}</tbody></table>
        <p>IM change ${fmtUsd(r.initial_margin_change_usd)}; ${r.acceptable ? "acceptable" : "not acceptable"}.</p>`;
    } catch (e) { out.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`; }
  });
  show();
  await calculate();
  return null;
}
