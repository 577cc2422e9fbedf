// Drives `vigil lsp` over stdio with vscode-languageserver-protocol (the
// protocol library under VS Code's language client), on a copy of the example
// module (examples/orders): open, diagnostics and their content, code actions,
// saves that remove and introduce findings, and the time from didSave to the
// diagnostics it causes.
//
// usage: node client.mjs MODULE_COPY SERVER_COMMAND [ARGS...]
// Prints one "lsp-client: ..." line per step and exits 0 when every check holds.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import {
  createProtocolConnection, InitializeRequest, InitializedNotification, ShutdownRequest, ExitNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidSaveTextDocumentNotification,
  PublishDiagnosticsNotification, CodeActionRequest, DiagnosticSeverity,
} from 'vscode-languageserver-protocol';

const [moduleDir, command, ...args] = process.argv.slice(2);
if (!moduleDir || !command) { console.error('usage: node client.mjs MODULE_COPY SERVER_COMMAND [ARGS...]'); process.exit(2); }
// The first analysis may build Vigil's Go front-end and analyze the standard library's facts.
const firstTimeoutMs = 300_000, saveTimeoutMs = 60_000;
const log = (msg) => console.log(`lsp-client: ${msg}`);

const server = spawn(command, args, { cwd: moduleDir, stdio: ['pipe', 'pipe', 'inherit'] });
server.on('exit', (code) => { if (!stopping) { console.error(`lsp-client: the server exited early (status ${code})`); process.exit(1); } });
let stopping = false;
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));

// Every publishDiagnostics in arrival order; waiters take the first one for their file after a mark.
const published = [];
const waiters = [];
const problems = [];
connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
  published.push({ ...p, at: performance.now() });
  for (const w of waiters.splice(0)) w();
});
connection.onNotification('window/showMessage', (p) => { problems.push(p.message); log(`showMessage: ${p.message}`); });
connection.onNotification('window/logMessage', (p) => { if (p.type <= 2 || process.env.VIGIL_CACHE_REPORT) log(`logMessage: ${p.message}`); });
connection.listen();

/** The first diagnostics for uri published after index `from` of `published`. */
async function diagnosticsFor(uri, from, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const hit = published.slice(from).find((p) => p.uri === uri);
    if (hit) return hit;
    if (performance.now() > deadline) throw new Error(`no diagnostics for ${uri} within ${timeoutMs} ms (server said: ${problems.join('; ') || 'nothing'})`);
    await new Promise((resolve) => { waiters.push(resolve); setTimeout(resolve, 200); });
  }
}

const fileUri = (name) => pathToFileURL(join(moduleDir, name)).href;
const versions = new Map();
function open(name) {
  const text = readFileSync(join(moduleDir, name), 'utf8');
  versions.set(name, 1);
  connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: fileUri(name), languageId: 'go', version: 1, text } });
}
/** Edits as an editor does: the buffer changes (didChange, full text), then the file is written and didSave sent. Returns the ms to its diagnostics. */
async function save(name, text) {
  const version = versions.get(name) + 1;
  versions.set(name, version);
  connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: fileUri(name), version }, contentChanges: [{ text }] });
  writeFileSync(join(moduleDir, name), text);
  const mark = published.length;
  const started = performance.now();
  connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: fileUri(name) } });
  const got = await diagnosticsFor(fileUri(name), mark, saveTimeoutMs);
  return { diagnostics: got.diagnostics, ms: got.at - started };
}
/** Applies LSP text edits (UTF-16 positions) to a text. */
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}
const lineOf = (text, line) => text.split('\n')[line];
const byCode = (ds, code) => ds.filter((d) => d.code === code);

const init = await connection.sendRequest(InitializeRequest.type, {
  processId: process.pid, rootUri: pathToFileURL(moduleDir).href, workspaceFolders: [{ uri: pathToFileURL(moduleDir).href, name: 'orders' }],
  capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } } },
});
assert.equal(init.serverInfo?.name, 'vigil');
assert.equal(init.capabilities.textDocumentSync.openClose, true);
assert.ok(init.capabilities.textDocumentSync.save, 'the server wants didSave');
assert.ok(init.capabilities.codeActionProvider, 'the server offers code actions');
connection.sendNotification(InitializedNotification.type, {});
log(`initialized ${init.serverInfo.name} ${init.serverInfo.version}`);

// 1. Open orders.go: its three findings arrive, with traces and documentation links.
const orders = 'orders.go';
const original = readFileSync(join(moduleDir, orders), 'utf8');
let mark = published.length;
open(orders);
const first = (await diagnosticsFor(fileUri(orders), mark, firstTimeoutMs)).diagnostics;
log(`didOpen ${orders}: ${first.length} diagnostics: ${first.map((d) => d.code).join(', ')}`);
assert.deepEqual(first.map((d) => d.code).sort(), ['vigil-escape', 'vigil-nil', 'vigil-race']);
for (const d of first) {
  assert.equal(d.source, 'vigil');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.match(d.codeDescription?.href ?? '', new RegExp(`${d.code.replace('vigil-', '')}\\.md$`), `${d.code} links its documentation`);
}
const [nil] = byCode(first, 'vigil-nil');
assert.match(nil.message, /o may be nil here \(field ID accessed\)\nto fix: check o != nil/);
// The range covers what Vigil points at: the field access o.ID in Receipt's return line.
const receiptLine = lineOf(original, nil.range.start.line);
assert.match(receiptLine, /o\.ID/);
assert.equal(receiptLine.slice(nil.range.start.character, nil.range.end.character), 'ID');
assert.deepEqual(nil.relatedInformation.map((r) => r.message),
  ['literal nil', 'nil returned from (*orders.Store).Find', 'returned by the call s.Find(…)', 'assigned to o', 'field ID accessed']);
const literal = nil.relatedInformation[0].location;
assert.equal(literal.uri, fileUri(orders));
assert.equal(lineOf(original, literal.range.start.line).slice(literal.range.start.character, literal.range.end.character), 'nil');
const [race] = byCode(first, 'vigil-race');
assert.match(race.message, /data race: s\.served written/);
// A race finding has no end position: the range covers the selector it names.
assert.equal(lineOf(original, race.range.start.line).slice(race.range.start.character, race.range.end.character), 's.served');
assert.ok(race.relatedInformation.some((r) => /the other access: s\.served written/.test(r.message)), 'the race names its other access');
assert.ok(race.relatedInformation.some((r) => /handler registered here/.test(r.message)), 'the race says how the goroutine starts');
const [escape] = byCode(first, 'vigil-escape');
assert.match(escape.message, /string concatenation/);
log('diagnostics: messages, codes, documentation links and traces as expected');

// 2. Code actions on the nil finding: a //nolint suppression; applying it and saving hides the finding.
const actions = await connection.sendRequest(CodeActionRequest.type, {
  textDocument: { uri: fileUri(orders) }, range: nil.range, context: { diagnostics: [nil] },
});
const suppress = actions.find((a) => a.title.includes('//nolint:vigil-nil'));
assert.ok(suppress, `a suppression action among: ${actions.map((a) => a.title).join('; ')}`);
assert.equal(suppress.kind, 'quickfix');
const suppressed = applyEdits(original, suppress.edit.changes[fileUri(orders)]);
assert.match(lineOf(suppressed, nil.range.start.line), /o\.Customer\.Name\) \/\/nolint:vigil-nil \/\/ /);
const afterSuppress = await save(orders, suppressed);
log(`didSave with //nolint:vigil-nil: ${afterSuppress.diagnostics.length} diagnostics in ${afterSuppress.ms.toFixed(0)} ms (the package re-analyzed)`);
assert.deepEqual(afterSuppress.diagnostics.map((d) => d.code).sort(), ['vigil-escape', 'vigil-race']);

// 3. A save back to the original text: that content is in the result cache (no analysis at all).
const restored = await save(orders, original);
log(`didSave back to the original: ${restored.diagnostics.length} diagnostics in ${restored.ms.toFixed(0)} ms (served from the result cache)`);
assert.equal(restored.diagnostics.length, 3);

// 4. A new file that introduces a finding, with a non-ASCII string before it on its line
//    (LSP counts UTF-16 code units, Vigil bytes).
const extra = 'owner.go';
const withNil = 'package orders\n\n// Owner forgets that Find can return nil, as Receipt does.\nfunc (s *Store) Owner(id int) string {\n\treturn "ß→€ " + s.Find(id).Customer.Name\n}\n';
writeFileSync(join(moduleDir, extra), withNil);
mark = published.length;
open(extra);
const introduced = (await diagnosticsFor(fileUri(extra), mark, saveTimeoutMs)).diagnostics;
log(`didOpen ${extra}: ${introduced.map((d) => `${d.code} "${d.message}"`).join('; ')}`);
assert.equal(introduced.length, 1);
assert.equal(introduced[0].code, 'vigil-nil');
const ownerLine = lineOf(withNil, introduced[0].range.start.line);
assert.equal(ownerLine.slice(introduced[0].range.start.character, introduced[0].range.end.character), 'Customer',
  `the range in UTF-16 units covers the field: ${JSON.stringify(introduced[0].range)} on ${JSON.stringify(ownerLine)}`);

// 5. Fixing it (a nil check) and saving: the file's findings are gone, published as an empty list.
const fixed = withNil.replace('\treturn "ß→€ " + s.Find(id).Customer.Name',
  '\to := s.Find(id)\n\tif o == nil {\n\t\treturn ""\n\t}\n\treturn "ß→€ " + o.Customer.Name');
const afterFix = await save(extra, fixed);
log(`didSave of the fixed ${extra}: ${afterFix.diagnostics.length} diagnostics in ${afterFix.ms.toFixed(0)} ms (the package re-analyzed)`);
assert.deepEqual(afterFix.diagnostics, []);

// 6. Two saves in a row: the first run is cancelled or dropped, the diagnostics shown are the second's.
mark = published.length;
writeFileSync(join(moduleDir, extra), withNil);
connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: fileUri(extra) } });
const last = await save(extra, fixed);
const afterBoth = published.slice(mark).filter((p) => p.uri === fileUri(extra));
assert.deepEqual(afterBoth.at(-1).diagnostics, [], 'the newest save wins');
await new Promise((resolve) => setTimeout(resolve, 1500));
assert.deepEqual(published.filter((p) => p.uri === fileUri(extra)).at(-1).diagnostics, [], 'no stale diagnostics arrive later');
log(`two quick saves: the last one's diagnostics stand (${last.ms.toFixed(0)} ms)`);

// The figure the issue asks for, with the machine's load beside it (the tests share their machine).
console.log(`lsp-client: save-to-diagnostics: ${afterSuppress.ms.toFixed(0)} ms and ${afterFix.ms.toFixed(0)} ms re-analyzing the saved package, `
  + `${restored.ms.toFixed(0)} ms from the result cache (load average ${loadavg()[0].toFixed(1)})`);
// A measurement, not a pass/fail signal: a budget is asserted only when one is asked for (a bench, a quiet machine).
if (process.env.VIGIL_LSP_SAVE_BUDGET_MS) {
  const budget = Number(process.env.VIGIL_LSP_SAVE_BUDGET_MS);
  for (const ms of [afterSuppress.ms, afterFix.ms, restored.ms]) assert.ok(ms <= budget, `save-to-diagnostics ${ms.toFixed(0)} ms is over ${budget} ms`);
}
stopping = true;
await connection.sendRequest(ShutdownRequest.type);
connection.sendNotification(ExitNotification.type);
const status = await new Promise((resolve) => server.on('exit', resolve));
assert.equal(status, 0, 'exit after shutdown is status 0');
log('ok');
process.exit(0);
