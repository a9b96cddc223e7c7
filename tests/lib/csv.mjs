// csv — reading the facilitator's CSV export in tests (docs/PROTOCOL.md "Export"): an RFC 4180
// parser that insists on CRLF record ends, and the records as objects keyed by the header.
import assert from 'node:assert/strict';

// RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold anything.
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    assert.notEqual(ch, '\n', 'a bare LF outside quotes: records end with CRLF');
    field += ch; i++;
  }
  assert.equal(field, '', 'the file ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

// The rows as objects keyed by the header.
export function csvRecords(text) {
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 byte order mark');
  const [header, ...rows] = parseCsv(text.slice(1));
  for (const r of rows) assert.equal(r.length, header.length, `every row has ${header.length} fields: ${JSON.stringify(r)}`);
  return { header, records: rows.map(r => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}
