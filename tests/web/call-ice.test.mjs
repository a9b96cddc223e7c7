// Unit tests of web/js/call/ice.js: ICE servers from the server's `ice`, the relay test hook,
// and when to refresh TURN credentials (a minute before they expire).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iceServers, rtcConfig, refreshDelayMs, relayForced, REFRESH_LEAD_MS } from '../../web/js/call/ice.js';

const ICE = {
  ice_servers: [
    { urls: ['stun:stun.example.org:3478'] },
    { urls: ['turn:127.0.0.1:3478?transport=udp'], username: '1795750257:abc', credential: 'c2VjcmV0' },
  ],
  expires_at: 1795750257000,
};

test('ice_servers become RTCIceServers (username and credential kept)', () => {
  assert.deepEqual(iceServers(ICE), [
    { urls: ['stun:stun.example.org:3478'] },
    { urls: ['turn:127.0.0.1:3478?transport=udp'], username: '1795750257:abc', credential: 'c2VjcmV0' },
  ]);
});

test('a LAN-only server: no ice servers, no expiry', () => {
  assert.deepEqual(iceServers({ ice_servers: [], expires_at: null }), []);
  assert.deepEqual(iceServers(undefined), []);
  assert.equal(refreshDelayMs({ ice_servers: [], expires_at: null }, 0), null);
  assert.equal(refreshDelayMs(null, 0), null);
});

test('malformed entries are skipped; a single url string is accepted', () => {
  assert.deepEqual(iceServers({ ice_servers: [null, {}, { urls: [] }, { urls: 'stun:x' }, { urls: [1, 'turn:y'] }] }),
    [{ urls: ['stun:x'] }, { urls: ['turn:y'] }]);
});

test('rtcConfig: all candidates by default, relay only when forced', () => {
  assert.equal(rtcConfig(ICE).iceTransportPolicy, 'all');
  assert.equal(rtcConfig(ICE, { relay: true }).iceTransportPolicy, 'relay');
  assert.equal(rtcConfig(ICE).iceServers.length, 2);
});

test('refresh a minute before expiry, never sooner than 5 s from now', () => {
  const now = ICE.expires_at - 3600000;
  assert.equal(refreshDelayMs(ICE, now), 3600000 - REFRESH_LEAD_MS);
  assert.equal(refreshDelayMs(ICE, ICE.expires_at - 30000), 5000);
  assert.equal(refreshDelayMs(ICE, ICE.expires_at + 1000), 5000);
});

test('the relay hook reads ?relay=1', () => {
  assert.equal(relayForced('?relay=1'), true);
  assert.equal(relayForced('?code=ABCDEF&relay=true'), true);
  assert.equal(relayForced('?relay=0'), false);
  assert.equal(relayForced(''), false);
  assert.equal(relayForced(undefined), false);
});
