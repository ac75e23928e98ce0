// The least a registry replica over PostgreSQL does per channel lookup, for bench/registry-lookup.sh's `floor` target:
// a bare node:http server that reads the change mark (the same query, a named prepared statement through a pg pool of
// the same size) and answers with the same JSON document, kept in memory. No routing framework, no token check, no
// lookup cache: the cost that is left is Node's HTTP handling and one PostgreSQL round trip, which the registry's
// promise (a lookup sees every change committed before it, through any replica) requires of every lookup.
// usage: node bench/registry-floor.mjs PORT POSTGRES_URL DOCUMENTS_DIR   (prints `listening` once it listens)

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';

const [port, url, dir] = process.argv.slice(2);
if (!port || !url || !dir) {
  console.error('usage: node bench/registry-floor.mjs PORT POSTGRES_URL DOCUMENTS_DIR');
  process.exit(2);
}

// Every file under DIR, by its request path.
const documents = new Map();
(function walk(path) {
  for (const name of readdirSync(join(dir, path))) {
    const rel = `${path}/${name}`;
    if (statSync(join(dir, rel)).isDirectory()) walk(rel);
    else documents.set(rel, readFileSync(join(dir, rel)));
  }
})('');

const pool = new pg.Pool({ connectionString: url, max: 10, min: 10 });
pool.on('error', () => {});
const changeMark = { name: 'floor_change_mark', text: 'select count from registry_changes where id = 1', rowMode: 'array' };

// As the registry's listener: Content-Length on every answer, and idle keep-alive connections kept 65 s.
const server = createServer(async (req, res) => {
  try {
    const body = documents.get(req.url);
    if (!body) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
      return;
    }
    await pool.query(changeMark);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  } catch (e) {
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(e?.message ?? e) }));
  }
});
Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
server.listen(Number(port), '127.0.0.1', () => console.log('listening'));
