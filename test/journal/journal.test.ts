import { appendFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossOut, findJournals, journalDir, openJournal, readJournal } from '../../src/journal/journal.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'tsbuild-journal-'));

describe('the resource journal', () => {
  it('is on disk before a resource is made, and gone when a run ends with nothing outstanding', () => {
    const dir = fresh();
    const j = openJournal(dir, 'run-1');
    expect(readdirSync(dir)).toEqual([]);
    const a = j.record('temp-dir', 'b.x', 'temporary folder /t/a', { path: '/t/a' });
    const b = j.record('docker-image', 'b.x', 'image', { container: 'c1' });
    j.update(b, { id: 'sha256:1' });
    const found = readJournal(join(dir, 'run-1.jsonl'));
    expect(found.header).toMatchObject({ run: 'run-1', pid: process.pid });
    expect(found.outstanding).toEqual([
      { id: a, kind: 'temp-dir', build: 'b.x', description: 'temporary folder /t/a', data: { path: '/t/a' } },
      { id: b, kind: 'docker-image', build: 'b.x', description: 'image', data: { container: 'c1', id: 'sha256:1' } },
    ]);
    j.forget(a);
    j.close();
    expect(readJournal(join(dir, 'run-1.jsonl')).outstanding.map((r) => r.id)).toEqual([b]);
    j.forget(b);
    j.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('ignores a line torn by a kill, and crosses out what a cleanup deleted', () => {
    const dir = fresh();
    const j = openJournal(dir, 'run-2');
    const a = j.record('temp-dir', 'b', 'a', { path: '/a' });
    const b = j.record('temp-dir', 'b', 'b', { path: '/b' });
    appendFileSync(join(dir, 'run-2.jsonl'), '{"op":"add","id":"zz","ki');
    const [found] = findJournals(dir);
    expect(found!.outstanding.map((r) => r.id)).toEqual([a, b]);
    crossOut(found!, [a]);
    expect(readJournal(found!.file).outstanding.map((r) => r.id)).toEqual([b]);
    crossOut(readJournal(found!.file), [b]);
    expect(existsSync(found!.file)).toBe(false);
  });

  it('hands over what a finished build still has written down, and only that build\'s', () => {
    const dir = fresh();
    const j = openJournal(dir, 'run-3');
    j.record('docker-image', 'a.one', 'image of a.one', {});
    const other = j.record('docker-image', 'b.two', 'image of b.two', {});
    j.settle('a.one');
    expect(readJournal(join(dir, 'run-3.jsonl')).outstanding.map((r) => r.id)).toEqual([other]);
  });

  it('lives where TSBUILD_STATE_DIR, XDG_STATE_HOME or HOME say', () => {
    expect(journalDir({ TSBUILD_STATE_DIR: '/s' })).toBe('/s/journal');
    expect(journalDir({ XDG_STATE_HOME: '/x' })).toBe('/x/tsbuild/journal');
    expect(journalDir({ HOME: '/h' })).toBe('/h/.local/state/tsbuild/journal');
  });

  it('reads nothing from a folder that does not exist, and skips other files', () => {
    expect(findJournals('/nonexistent/tsbuild')).toEqual([]);
    const dir = fresh();
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(findJournals(dir)).toEqual([]);
  });
});
