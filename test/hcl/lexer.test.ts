import { describe, expect, it } from 'vitest';
import { lexHCL } from '../../src/hcl/lexer.js';
import { createPositioner } from '../../src/hcl/position.js';

function lex(text: string, mode: 'config' | 'template' = 'config') {
  return lexHCL(text, createPositioner(text, 't.hcl'), mode);
}

function kinds(text: string): string[] {
  return lex(text).tokens.map((t) => (t.type === 'punct' || t.type === 'ident' || t.type === 'number' ? t.text : t.type));
}

describe('lexHCL', () => {
  it.each([
    ['a = 1', ['a', '=', '1', 'eof']],
    ['x == y != z', ['x', '==', 'y', '!=', 'z', 'eof']],
    ['a && b || !c', ['a', '&&', 'b', '||', '!', 'c', 'eof']],
    ['f(x...)', ['f', '(', 'x', '...', ')', 'eof']],
    ['{k => v}', ['{', 'k', '=>', 'v', '}', 'eof']],
    ['a <= b >= c < d > e', ['a', '<=', 'b', '>=', 'c', '<', 'd', '>', 'e', 'eof']],
    ['provider::fn', ['provider', '::', 'fn', 'eof']],
    ['1e3 1.5E-2 2.5e+7 42', ['1e3', '1.5E-2', '2.5e+7', '42', 'eof']],
    ['a.0.b', ['a', '.', '0', '.', 'b', 'eof']],
    ['a.0.1.b', ['a', '.', '0.1', '.', 'b', 'eof']],
    ['1e', ['1', 'e', 'eof']],
    ['my-name_2', ['my-name_2', 'eof']],
    ['données = 名前', ['données', '=', '名前', 'eof']],
    ['a\r\nb', ['a', 'newline', 'b', 'eof']],
    ['a\tb', ['a', 'b', 'eof']],
  ])('tokenizes %j', (text, want) => {
    expect(kinds(text)).toEqual(want);
  });

  it('keeps every kind of comment, without the newline', () => {
    const r = lex('# one\na = 1 // two\n/* three\n four */ b = 2\n');
    expect(r.comments.map((c) => c.text)).toEqual(['# one', '// two', '/* three\n four */']);
    expect(r.comments[2]!.range.start).toEqual({ line: 3, column: 1, offset: 19 });
    expect(r.comments[2]!.range.end).toEqual({ line: 4, column: 9, offset: 36 });
    expect(kinds('# c\na')).toEqual(['newline', 'a', 'eof']);
  });

  it('scans quoted templates with sequences and escapes', () => {
    const r = lex('"a\\"b ${x} $${y} %{~ if z ~}c%{endif}"');
    expect(r.tokens.map((t) => `${t.type}:${t.text}`)).toEqual([
      'oquote:"', 'qlit:a\\"b ', 'tinterp:${', 'ident:x', 'tend:}', 'qlit: $${y} ', 'tcontrol:%{~', 'ident:if', 'ident:z',
      'tend:~}', 'qlit:c', 'tcontrol:%{', 'ident:endif', 'tend:}', 'cquote:"', 'eof:',
    ]);
  });

  it('counts braces inside interpolations', () => {
    const r = lex('"${ {a = 1}.a }"');
    expect(r.tokens.map((t) => t.type)).toEqual(['oquote', 'tinterp', 'punct', 'ident', 'punct', 'number', 'punct', 'punct', 'ident', 'tend', 'cquote', 'eof']);
  });

  it('scans heredocs line by line and finds the indented closing marker', () => {
    const r = lex('x = <<-EOT\n  a ${b}\n  c\n  EOT\ny = 1\n');
    expect(r.tokens.map((t) => `${t.type}:${JSON.stringify(t.text)}`)).toEqual([
      'ident:"x"', 'punct:"="', 'oheredoc:"<<-EOT\\n"', 'slit:"  a "', 'tinterp:"${"', 'ident:"b"', 'tend:"}"', 'slit:"\\n"',
      'slit:"  c\\n"', 'cheredoc:"  EOT"', 'newline:"\\n"', 'ident:"y"', 'punct:"="', 'number:"1"', 'newline:"\\n"', 'eof:""',
    ]);
  });

  it('treats << not followed by a marker and newline as operators', () => {
    expect(kinds('a << b')).toEqual(['a', '<', '<', 'b', 'eof']);
  });

  it('reports invalid characters with positions', () => {
    const r = lex("a = 'x';\nb = $ & c");
    expect(r.diagnostics.map((d) => `${d.summary}@${d.range!.start.line}:${d.range!.start.column}`)).toEqual([
      'Invalid character@1:5',
      'Invalid character@1:8',
      'Invalid character@2:5',
      'Unsupported operator@2:7',
    ]);
  });

  it('reports a newline inside a quoted string', () => {
    const r = lex('a = "x\ny"');
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Invalid multi-line string']);
  });

  it('counts columns in characters, offsets in string units', () => {
    const r = lex('é😀 = x');
    const x = r.tokens.find((t) => t.text === 'x')!;
    expect(x.start).toBe(6);
    const eq = r.tokens.find((t) => t.text === '=')!;
    expect(createPositioner('é😀 = x', 't').pos(eq.start)).toEqual({ line: 1, column: 4, offset: 4 });
  });

  it('scans bare templates for JSON strings and template files', () => {
    const r = lex('a ${b}\nc $${d}', 'template');
    expect(r.tokens.map((t) => t.type)).toEqual(['slit', 'tinterp', 'ident', 'tend', 'slit', 'slit', 'eof']);
  });
});
