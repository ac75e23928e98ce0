import { describe, expect, it } from 'vitest';
import { errorDiag } from '../../src/diag/diagnostic.js';
import { renderDiagnostic } from '../../src/diag/render.js';
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
});
