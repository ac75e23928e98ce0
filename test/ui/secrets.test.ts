import { describe, expect, it } from 'vitest';
import { Secrets } from '../../src/ui/secrets.js';

const range = (line: number, column: number, endLine: number, endColumn: number) => ({
  filename: 'v.pkrvars.hcl',
  start: { line, column, offset: 0 },
  end: { line: endLine, column: endColumn, offset: 0 },
});

describe('the secrets of a run', () => {
  it('hides every occurrence, overlapping secrets as one', () => {
    const s = new Secrets(['abcd', 'xab', '']);
    expect(s.redact('xabcd and abcd, xab.')).toBe('<sensitive> and <sensitive>, <sensitive>.');
    expect(new Secrets().redact('nothing')).toBe('nothing');
  });

  it('hides each line of a multi-line secret on its own, but not its short lines', () => {
    const key = '-----BEGIN KEY-----\n  MIIEvQIBADANBgkq  \r\nab\n-----END KEY-----';
    const s = new Secrets([key]);
    expect(s.redact(`got ${key}!`)).toBe('got <sensitive>!');
    expect(s.redact('    t: MIIEvQIBADANBgkq')).toBe('    t: <sensitive>');
    expect(s.redact('-----END KEY----- then')).toBe('<sensitive> then');
    expect(s.redact('ab stays')).toBe('ab stays');
  });

  it('hides a secret written escaped, as in JSON or an HCL string', () => {
    const s = new Secrets(['pa"ss\\word\nline-2']);
    expect(s.redact('value "pa\\"ss\\\\word\\nline-2"')).toBe('value "<sensitive>"');
  });

  it('grows, and a copy grows on its own', () => {
    const s = new Secrets(['one-secret']);
    const { redact } = s;
    const build = s.copy();
    build.add(['later-secret']);
    expect(redact('one-secret later-secret')).toBe('<sensitive> later-secret');
    expect(build.redact('one-secret later-secret')).toBe('<sensitive> <sensitive>');
  });

  it('says which parts of a source line to hide, by value and by range (code point columns)', () => {
    const s = new Secrets(['hunter2']);
    s.addRanges([range(2, 8, 2, 14), range(4, 9, 6, 3)]);
    expect(s.sourceSpans('v.pkrvars.hcl', 1, 'a = "hunter2"')).toEqual([[5, 12]]);
    expect(s.sourceSpans('v.pkrvars.hcl', 2, 'num = "12345"')).toEqual([[7, 13]]);
    expect(s.sourceSpans('v.pkrvars.hcl', 2, '😀um = "12345"')).toEqual([[8, 14]]);
    expect(s.sourceSpans('other.hcl', 2, 'num = "12345"')).toEqual([]);
    expect(s.sourceSpans('v.pkrvars.hcl', 4, 'secret = <<EOT')).toEqual([[8, 14]]);
    expect(s.sourceSpans('v.pkrvars.hcl', 5, 'inside')).toEqual([[0, 6]]);
    expect(s.sourceSpans('v.pkrvars.hcl', 6, 'EOT')).toEqual([[0, 2]]);
  });
});
