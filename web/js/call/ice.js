// call/ice.js — ICE servers and TURN credentials for the call. DOM-free. Turns the server's
// `ice {ice_servers:[{urls, username?, credential?}], expires_at}` (from `welcome`,
// `call_joined` and `call_ice`) into an RTCConfiguration, says when to ask for fresh credentials
// (a minute before `expires_at`), and reads the test hook that forces relay-only ICE
// (`?relay=1` in the page address: iceTransportPolicy 'relay', so only TURN candidates are used).

export const REFRESH_LEAD_MS = 60000;
export const REFRESH_MIN_MS = 5000;

export function iceServers(ice) {
  const list = ice && Array.isArray(ice.ice_servers) ? ice.ice_servers : [];
  const out = [];
  for (const s of list) {
    if (!s || !s.urls) continue;
    const urls = Array.isArray(s.urls) ? s.urls.filter(u => typeof u === 'string') : [String(s.urls)];
    if (!urls.length) continue;
    const entry = { urls };
    if (typeof s.username === 'string') entry.username = s.username;
    if (typeof s.credential === 'string') entry.credential = s.credential;
    out.push(entry);
  }
  return out;
}

export function rtcConfig(ice, { relay = false } = {}) {
  return { iceServers: iceServers(ice), iceTransportPolicy: relay ? 'relay' : 'all', bundlePolicy: 'max-bundle' };
}

// Milliseconds until fresh credentials should be asked for, or null when they never expire.
export function refreshDelayMs(ice, nowMs, { leadMs = REFRESH_LEAD_MS, minMs = REFRESH_MIN_MS } = {}) {
  if (!ice || typeof ice.expires_at !== 'number') return null;
  return Math.max(minMs, ice.expires_at - leadMs - nowMs);
}

// The relay test hook: `?relay=1` (or `relay=true`) in the page's query string.
export function relayForced(search) {
  const v = new URLSearchParams(search || '').get('relay');
  return v === '1' || v === 'true';
}
