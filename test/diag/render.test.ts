import { describe, expect, it } from 'vitest';
import { capDiagnostics, errorDiag, warningDiag } from '../../src/diag/diagnostic.js';
import { MAX_PER_FILE, renderDiagnostic, renderDiagnostics } from '../../src/diag/render.js';
import { Secrets } from '../../src/ui/secrets.js';

const at = (line: number, column: number, endColumn: number) => ({
  filename: 'vars.json',
  start: { line, column, offset: 0 },
  end: { line, column: endColumn, offset: 0 },
});

describe('rendering a diagnostic', () => {
  it('shows a short line whole, with the range underlined', () => {
    const text = renderDiagnostic(errorDiag('Bad', 'detail', at(1, 8, 11)), new Map([['vars.json', '{"a": "xyz"}']]));
    expect(text.split('\n').slice(2, 5)).toEqual(['  on vars.json line 1, column 8:', '    1: {"a": "xyz"}', '              ^^^']);
  });

  it('quotes a few dozen characters of a 5 KB line around the range, and caps a long detail', () => {
    const value = 'v'.repeat(5000);
    const line = `{"a": "${value}-{{user \`zzz\`}}"}`;
    const col = line.indexOf('{{user') + 1;
    const d = errorDiag('Bad', `value: ${value}`, at(1, 8, line.length - 1));
    const out = renderDiagnostic(d, new Map([['vars.json', line]]));
    const lines = out.split('\n');
    expect(out.length).toBeLessThan(1000);
    expect(lines[3]).toMatch(/^ {4}1: \{"a": "v+…$/);
    expect([...lines[3]!].length).toBeLessThanOrEqual(10 + 121);
    expect(lines[4]!.trim()).toMatch(/^\^+$/);
    expect(lines[4]!.indexOf('^')).toBe('    1: '.length + 7);
    expect(lines[6]).toMatch(/^value: v{393}… \(4607 more characters\)$/);
    // A range far into the line: the window ends with the line, the range inside it, an ellipsis where it is cut.
    const far = renderDiagnostic(errorDiag('Bad', '', at(1, col, col + 13)), new Map([['vars.json', line]])).split('\n');
    expect(far[3]).toMatch(/^ {4}1: …v+-\{\{user `zzz`\}\}"\}$/);
    expect(far[4]!.indexOf('^')).toBe(far[3]!.indexOf('{{user'));
    expect(far[4]!.trim()).toBe('^'.repeat(13));
  });

  it('hides sensitive values of the quoted line before cutting it, keeping the underline under the range', () => {
    const secrets = new Secrets(['hunter2']);
    secrets.addRanges([at(2, 12, 21)]);
    const source = '{"a": "hunter2", "b": 1,\n "secret": 123456789, "c": "hunter2"}';
    const onValue = renderDiagnostic(errorDiag('Bad', 'detail hunter2', at(2, 12, 21)), new Map([['vars.json', source]]), { redact: secrets.redact }).split('\n');
    expect(onValue.slice(3, 5)).toEqual(['    2:  "secret": <sensitive>, "c": "<sensitive>"}', '                  ^^^^^^^^^^^']);
    expect(onValue[6]).toBe('detail <sensitive>');
    const after = renderDiagnostic(errorDiag('Bad', '', at(2, 23, 26)), new Map([['vars.json', source]]), { redact: secrets.redact }).split('\n');
    expect(after.slice(3, 5)).toEqual(['    2:  "secret": <sensitive>, "c": "<sensitive>"}', '                               ^^^']);
    const long = `{"a": "${'x'.repeat(200)}hunter2${'y'.repeat(200)}"}`;
    const cut = renderDiagnostic(errorDiag('Bad', '', at(1, 200, 202)), new Map([['vars.json', long]]), { redact: secrets.redact });
    expect(cut).not.toMatch(/hun|ter2/);
  });

  it('shows control characters of the source and of the detail escaped, the underline following their escaped width', () => {
    const line = '{"a": "\x1b[31mred\x1b[0m", "b": 1}';
    const col = line.indexOf('"b"') + 1;
    const d = errorDiag('Bad \x1b[2J', 'value "\x1b[31mred\u009b\u202e"\nsecond\tline', at(1, 7, col - 2));
    const out = renderDiagnostic(d, new Map([['vars.json', line]]));
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Error: Bad \\x1b[2J');
    expect(lines[3]).toBe('    1: {"a": "\\x1b[31mred\\x1b[0m", "b": 1}');
    expect(lines[4]).toBe(' '.repeat(13) + '^'.repeat('"\\x1b[31mred\\x1b[0m"'.length));
    expect(lines.slice(6, 8)).toEqual(['value "\\x1b[31mred\\x9b\\u202e"', 'second\tline']);
    const after = renderDiagnostic(errorDiag('Bad', '', at(1, col, col + 3)), new Map([['vars.json', line]])).split('\n');
    expect(after[4]!.indexOf('^')).toBe(after[3]!.indexOf('"b"'));
  });

  it('caps a detail of many lines', () => {
    const detail = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const out = renderDiagnostic(errorDiag('Bad', detail), new Map());
    expect(out.split('\n').length).toBeLessThan(50);
    expect(out).toContain('line 39\n… (960 more lines)\n');
  });

  it('quotes a 20 MB line of many diagnostics without splitting it for each one', () => {
    const line = 'x'.repeat(20_000_000);
    const diags = Array.from({ length: 25 }, (_, i) => errorDiag('Bad', '', at(1, 1 + i * 100_000, 3 + i * 100_000)));
    const out = renderDiagnostics(diags, new Map([['vars.json', line]]));
    expect(out.length).toBeLessThan(25 * 400);
  });
});

describe('rendering the diagnostics of a run', () => {
  it(`shows at most ${MAX_PER_FILE} of a file, then how many errors and warnings were left out, file by file`, () => {
    const at1 = (filename: string) => ({ filename, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } });
    const many = [
      ...Array.from({ length: 40 }, () => errorDiag('Bad', '', at1('a.pkr.hcl'))),
      ...Array.from({ length: 3 }, () => warningDiag('Odd', '', at1('a.pkr.hcl'))),
      ...Array.from({ length: 2 }, () => errorDiag('Bad', '', at1('b.pkr.hcl'))),
    ];
    const out = renderDiagnostics(many, new Map([['a.pkr.hcl', 'x'], ['b.pkr.hcl', 'y']]));
    expect(out.match(/^Error: Bad$/gm)).toHaveLength(32);
    expect(out.match(/^Warning: Odd$/gm)).toBeNull();
    expect(out.trimEnd().split('\n').at(-1)).toBe('... 10 more errors and 3 more warnings of a.pkr.hcl left out: at most 30 are shown per file.');
  });

  it('counts the errors a "Too many errors" stands for among those left out', () => {
    const at1 = { filename: 'a.pkr.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
    const capped = capDiagnostics(Array.from({ length: 5000 }, () => errorDiag('Bad', '', at1)), 200);
    expect(capped).toHaveLength(201);
    expect(capped[200]).toMatchObject({ summary: 'Too many errors', omitted: 4800 });
    const out = renderDiagnostics(capped, new Map([['a.pkr.hcl', 'x']]));
    expect(out.trimEnd().split('\n').at(-1)).toBe('... 4970 more errors of a.pkr.hcl left out: at most 30 are shown per file.');
  });
});
