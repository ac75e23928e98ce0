// A small QMP client (QEMU's JSON machine protocol on a unix socket): the greeting, capabilities negotiation,
// then one command at a time. Events are skipped. The greeting comes once QEMU has finished starting (its main
// loop runs), which is how the builder knows the VM started without waiting a fixed time.

import { connect, type Socket } from 'node:net';

export class QmpError extends Error {}

export interface QmpClient {
  execute(command: string, args?: Record<string, unknown>): Promise<unknown>;
  close(): void;
}

/** Connects to the QMP socket at `path` and negotiates capabilities; rejects when the socket is not there. */
export function connectQmp(path: string): Promise<QmpClient> {
  return new Promise((resolve, reject) => {
    const sock: Socket = connect(path);
    let buffer = '';
    const waiting: { ok(v: unknown): void; fail(e: Error): void }[] = [];
    let greeted = false;
    const failAll = (e: Error) => {
      for (const w of waiting.splice(0)) w.fail(e);
      if (!greeted) reject(e);
    };
    const client: QmpClient = {
      execute: (command, args) =>
        new Promise((ok, fail) => {
          if (sock.destroyed) return fail(new QmpError('QMP connection closed'));
          waiting.push({ ok, fail });
          sock.write(`${JSON.stringify(args ? { execute: command, arguments: args } : { execute: command })}\n`);
        }),
      close: () => sock.destroy(),
    };
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line) continue;
        let msg: { QMP?: unknown; event?: string; return?: unknown; error?: { class: string; desc: string } };
        try {
          msg = JSON.parse(line);
        } catch {
          continue;
        }
        if (msg.QMP !== undefined) {
          client.execute('qmp_capabilities').then(() => {
            greeted = true;
            resolve(client);
          }, failAll);
          continue;
        }
        if (msg.event !== undefined) continue;
        const w = waiting.shift();
        if (!w) continue;
        if (msg.error) w.fail(new QmpError(`${msg.error.class}: ${msg.error.desc}`));
        else w.ok(msg.return);
      }
    });
    sock.on('error', (e) => failAll(e));
    sock.on('close', () => failAll(new QmpError('QMP connection closed')));
  });
}
