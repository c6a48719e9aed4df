// The dashboard's router: every view has a URL (#/account/ID, #/matrix/ID, #/pnl/ID, #/builder/ID, #/desk,
// #/reports, #/login).
import { key, setKey, clearKey } from "./api.js";
import { accountView, matrixView, pnlView } from "./account.js";
import { builderView } from "./builder.js";
import { deskView } from "./desk.js";
import { reportsView } from "./reports.js";
import { esc } from "./format.js";

const main = document.getElementById("main");
let current = null; // the view's cleanup (closes its stream)

export function setLive(text) { document.getElementById("live").textContent = text; }

function loginView(el, next) {
  el.innerHTML = `<h2>Log in</h2>
    <form id="login-form">
      <p><label for="login-key">API key</label><br><input id="login-key" type="password" size="60" autocomplete="off" required></p>
      <p><label for="login-account">Account (optional; a trader key opens its own account)</label><br><input id="login-account" size="20"></p>
      <button id="login-submit" type="submit">Log in</button>
    </form><p>The key stays in this tab's session storage and is sent as a header, and as the stream's first message.</p>`;
  el.querySelector("#login-form").addEventListener("submit", ev => {
    ev.preventDefault();
    setKey(el.querySelector("#login-key").value.trim());
    const a = el.querySelector("#login-account").value.trim();
    location.hash = next && next !== "#/login" ? next : (a ? "#/account/" + encodeURIComponent(a) : "#/desk");
  });
  el.querySelector("#login-key").focus();
  return null;
}

async function route() {
  if (current) { try { current(); } catch (e) { /* ignore */ } current = null; }
  const hash = location.hash || "#/desk";
  const [, view, rawId] = hash.match(/^#\/([^/]*)\/?(.*)$/) || [];
  const id = rawId ? decodeURIComponent(rawId) : "";
  for (const v of ["account", "matrix", "pnl", "builder"]) {
    document.getElementById("nav-view-" + v).href = "#/" + v + "/" + encodeURIComponent(id || document.getElementById("nav-account").value || "");
  }
  if (id) document.getElementById("nav-account").value = id;
  main.innerHTML = "";
  if (!key() && view !== "login") { current = loginView(main, hash); return; }
  try {
    switch (view) {
      case "login": current = loginView(main, null); break;
      case "account": current = await accountView(main, id); break;
      case "matrix": current = await matrixView(main, id); break;
      case "pnl": current = await pnlView(main, id); break;
      case "builder": current = await builderView(main, id); break;
      case "desk": current = await deskView(main); break;
      case "reports": current = await reportsView(main); break;
      default: main.innerHTML = `<p class="error">No view ${esc(view)}.</p>`;
    }
  } catch (e) {
    const msg = e.status === 404 ? "Not found: no account '" + id + "' for this key."
      : e.status === 401 ? "This key is not accepted: log in again."
      : e.status === 403 ? "This key may not open this view." : String(e.message || e);
    main.innerHTML = `<p id="error" class="error" role="alert">${esc(msg)}</p>`;
  }
  main.focus();
}

document.getElementById("goto").addEventListener("submit", ev => {
  ev.preventDefault();
  const a = document.getElementById("nav-account").value.trim();
  if (a) location.hash = "#/account/" + encodeURIComponent(a);
});
document.getElementById("logout").addEventListener("click", () => { clearKey(); location.hash = "#/login"; });
window.addEventListener("hashchange", route);
route();
