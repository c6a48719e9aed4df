// The service's API with the key from sessionStorage: JSON over fetch, and the stream with the key as first message.
const KEY = "pmargin.key";
export const key = () => sessionStorage.getItem(KEY);
export const setKey = k => sessionStorage.setItem(KEY, k);
export const clearKey = () => sessionStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(status, body) { super(body?.error?.message || ("HTTP " + status)); this.status = status; this.body = body; }
}

export async function api(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (key()) headers["Authorization"] = "Bearer " + key();
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const json = text ? JSON.parse(text) : null;
  if (!r.ok && r.status !== 422) throw new ApiError(r.status, json);
  return json;
}

/** Opens /v1/stream (query e.g. "account=alice&after=0"), sends the key first, calls onMessage per message. */
export function stream(query, onMessage, onStatus) {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(proto + "//" + location.host + "/v1/stream" + (query ? "?" + query : ""));
  ws.onopen = () => { ws.send(JSON.stringify({ type: "auth", key: key() })); onStatus?.("live"); };
  ws.onmessage = m => onMessage(JSON.parse(m.data));
  ws.onclose = e => onStatus?.(e.code === 1000 || e.code === 1005 ? "offline" : "stream closed: " + e.reason);
  return ws;
}
