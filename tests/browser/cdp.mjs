// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe:
// Chromium reads commands from fd 3 and writes replies and events to fd 4,
// each a JSON message ended by a NUL byte. No WebSocket, no npm package:
// Node and Debian's chromium are all the browser tests need.
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** $VIGIL_CHROMIUM, else the first chromium (Debian's package) or chrome on PATH; null when there is none. */
export function findChromium() {
  if (process.env.VIGIL_CHROMIUM) return process.env.VIGIL_CHROMIUM;
  for (const dir of (process.env.PATH || "").split(":").filter((d) => d.length > 0)) {
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
      const p = join(dir, name);
      try { accessSync(p, constants.X_OK); return p; } catch { /* not here */ }
    }
  }
  return null;
}

export class Browser {
  static async launch(executable, { width = 1280, height = 900 } = {}) {
    const profile = mkdtempSync(join(tmpdir(), "vigil-chromium-"));
    const proc = spawn(executable, [
      "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
      "--no-first-run", "--no-default-browser-check", "--disable-extensions",
      "--disable-background-networking", "--disable-sync", "--disable-component-update",
      "--user-data-dir=" + profile, `--window-size=${width},${height}`, "about:blank",
    ], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
    const b = new Browser(proc, profile);
    proc.stderr.on("data", (d) => { b.stderr += d.toString(); });
    return b;
  }

  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.stderr = "";
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    let buffer = Buffer.alloc(0);
    proc.stdio[4].on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) >= 0) {
        const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
    this.exited = new Promise((resolve) => proc.on("exit", resolve));
  }

  dispatch(m) {
    if (m.id !== undefined && this.pending.has(m.id)) {
      const { resolve, reject, method } = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) reject(new Error(`${method}: ${m.error.message}`));
      else resolve(m.result);
      return;
    }
    for (const l of this.listeners) l(m);
  }

  /** Sends a command (to a page when sessionId is given) and resolves with its result. */
  send(method, params = {}, sessionId) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.proc.stdio[3].write(JSON.stringify(message) + "\0");
    });
  }

  on(listener) { this.listeners.push(listener); }

  /** Resolves with the first event named `method` (of the session) that `test` accepts. */
  waitFor(method, sessionId, test = () => true) {
    return new Promise((resolve) => {
      const l = (m) => {
        if (m.method === method && m.sessionId === sessionId && test(m.params)) {
          this.listeners.splice(this.listeners.indexOf(l), 1);
          resolve(m.params);
        }
      };
      this.on(l);
    });
  }

  /** A new page (tab) attached in flat mode: its commands carry the returned sessionId. */
  async newPage() {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    return sessionId;
  }

  async close() {
    try { await Promise.race([this.send("Browser.close"), new Promise((r) => setTimeout(r, 3000))]); } catch { /* already gone */ }
    this.proc.kill();
    await this.exited;
    // Chromium's helper processes may still be writing to the profile as the main one exits: retry, then leave it.
    try { rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }); } catch { /* a temp dir left behind */ }
  }
}
