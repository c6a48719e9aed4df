// Numbers for people: USD with thousands separators, percentages, signed P&L.
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 2, minimumFractionDigits: 2 });
const num = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const pct = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 2, minimumFractionDigits: 2 });
const usdShort = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
/** USD for chart axes: compact ($1.2M, -$200K). */
export const fmtUsdShort = v => (v === null || v === undefined || Number.isNaN(v)) ? "–" : usdShort.format(v);
export const fmtUsd = v => (v === null || v === undefined || Number.isNaN(v)) ? "–" : usd.format(v);
export const fmtNum = v => (v === null || v === undefined) ? "–" : num.format(v);
export const fmtPct = v => (v === null || v === undefined) ? "–" : pct.format(v);
export const fmtMove = v => (v > 0 ? "+" : "") + pct.format(v);
export const fmtState = s => s ? s.replace("_", " ") : "–";
export function esc(s) {
  return String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}
