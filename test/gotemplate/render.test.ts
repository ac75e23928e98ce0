import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GoTemplateError, packerFunctions, renderGoTemplate } from '../../src/gotemplate/index.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';

const NOW = new Date(Date.UTC(2026, 10, 22, 9, 20, 30, 211));
const funcs = packerFunctions({ now: NOW, env: { HOME: '/home/x' }, cwd: '/tmp/gt', enableEnv: false });

function render(text: string, data: unknown = null): string {
  try {
    return renderGoTemplate(text, { funcs, data });
  } catch (e) {
    if (e instanceof GoTemplateError) return `ERR ${e.message}`;
    throw e;
  }
}

// Outputs recorded from `echo '<template>' | packer console` with Packer 1.6.6.
const CASES: [string, string][] = [
  ['plain text', 'plain text'],
  ['{{ "a" | printf "%s-%d" 3 }}', '%!s(int=3)-%!d(string=a)'],
  ['{{$x := "v"}}{{$x}}', 'v'],
  ['{{ .Foo.Bar }}', '<no value>'],
  ['{{- "a" -}} b', 'ab'],
  ['a {{- "b" }} c', 'ab c'],
  ['{{ eq 1 1 }}', 'true'],
  ['{{ index "abc" 1 }}', '98'],
  ['{{/* c */}}x', 'x'],
  ['{{ print nil }}', '<nil>'],
  ['{{ 3.50 }} {{ 1e3 }} {{ 0x1F }}', '3.5 1000 31'],
  ["{{ 'a' }}", '97'],
  ['{{ "a\\tb\\u00e9" }}', 'a\tbé'],
  ['{{ lower `A` | upper }}', 'A'],
  ['{{ with "" }}x{{else}}y{{end}}', 'y'],
  ['{{ if true }}yes{{end}}', 'yes'],
  ['{{ if false }}a{{ else if true }}b{{ else }}c{{ end }}', 'b'],
  ['{{ printf "%d" 3 }}', '3'],
  ['{{ len "abc" }}', '3'],
  ['{{ split "a,b,c" "," 1 }}', 'b'],
  ['{{ replace "a" "b" 1 "aaa" }}', 'baa'],
  ['{{ replace_all "-" "/" "a-b-c" }}', 'a/b/c'],
  ['{{ define "x" }}{{end}}', ''],
  ['{{pwd}}', '/tmp/gt'],
  ['{{ 1x }}', 'ERR template: root:1: bad number syntax: "1x"'],
  ['{{ "abc }}', 'ERR template: root:1: unterminated quoted string'],
  ['{{ if }}', 'ERR template: root:1: missing value for if'],
  ['{{ end }}', 'ERR template: root:1: unexpected {{end}}'],
  ['{{else}}', 'ERR template: root:1: unexpected {{else}}'],
  ['{{ if true }}', 'ERR template: root:1: unexpected EOF'],
  ['{{}}', 'ERR template: root:1: missing value for command'],
  ['{{ $y }}', 'ERR template: root:1: undefined variable "$y"'],
  ['{{ (1 }}', 'ERR template: root:1: unclosed left paren'],
  ['{{ 1) }}', 'ERR template: root:1: unexpected ")" in command'],
  ['{{ .A | 3 }}', 'ERR template: root:1: non executable command in pipeline stage 2'],
  ['{{foo}}', 'ERR template: root:1: function "foo" not defined'],
  ['{{ "x" }', 'ERR template: root:1: unexpected "}" in operand'],
  ['{{ split "a" }}', 'ERR template: root:1:3: executing "root" at <split>: wrong number of args for split: want 3 got 1'],
  ['{{ split 1 2 3 }}', 'ERR template: root:1:9: executing "root" at <1>: expected string; found 1'],
  ['{{ upper 3 }}', 'ERR template: root:1:9: executing "root" at <3>: expected string; found 3'],
  ['{{ nil }}', 'ERR template: root:1:3: executing "root" at <nil>: nil is not a command'],
  ['{{ isotime "a" "b" }}', 'ERR template: root:1:3: executing "root" at <isotime "a" "b">: error calling isotime: too many values, 1 needed: [a b]'],
  ['{{ replace "a" "b" "x" "c" }}', 'ERR template: root:1:19: executing "root" at <"x">: expected integer; found "x"'],
  ['{{ split "a,b" "," 5 }}', 'ERR template: root:1:3: executing "root" at <split "a,b" "," 5>: error calling split: the substring 5 was unavailable using the separator value, ,, only 2 values were found'],
  ['{{ range $i, $e := split "a" "," 0 }}{{end}}', 'ERR template: root:1:33: executing "root" at <0>: range can\'t iterate over a'],
  ['{{ uuid 1 }}', 'ERR template: root:1:3: executing "root" at <uuid>: wrong number of args for uuid: want 0 got 1'],
  ['{{ template "x" }}', 'ERR template: root:1:12: executing "root" at <{{template "x"}}>: template "x" not defined'],
  ['{{build_name}}', 'ERR template: root:1:2: executing "root" at <build_name>: error calling build_name: build_name not available'],
  ['{{env "HOME"}}', 'ERR template: root:1:2: executing "root" at <env "HOME">: error calling env: env vars are not allowed here'],
  ['{{template_dir}}', 'ERR template: root:1:2: executing "root" at <template_dir>: error calling template_dir: template path not available'],
  ['{{vault "a" "b"}}', 'ERR template: root:1:2: executing "root" at <vault "a" "b">: error calling vault: Vault vars are only allowed in the variables section'],
  ['{{consul_key "x"}}', 'ERR template: root:1:2: executing "root" at <consul_key "x">: error calling consul_key: consul_key is not allowed here'],
  ['{{aws_secretsmanager "x"}}', 'ERR template: root:1:2: executing "root" at <aws_secretsmanager "x">: error calling aws_secretsmanager: AWS Secrets Manager is only allowed in the variables section'],
  ['{{sed "a" "b"}}', 'ERR template: root:1:2: executing "root" at <sed "a" "b">: error calling sed: template function `sed` is deprecated use `replace` or `replace_all` instead.Documentation: https://www.packer.io/docs/templates/engine'],
];

describe('Go templates as Packer 1.6.6 renders them', () => {
  it.each(CASES)('%s', (text, want) => {
    expect(render(text)).toBe(want);
  });
});

describe('data, variables and control structures', () => {
  it.each([
    ['{{ .Name }}-{{.Path}}', { Name: 'n', Path: '/p' }, 'n-/p'],
    ['{{ range $i, $e := .L }}{{$i}}={{$e}},{{end}}', { L: ['a', 'b'] }, '0=a,1=b,'],
    ['{{ range .M }}{{.}};{{end}}', { M: { b: 2, a: 1 } }, '1;2;'],
    ['{{ range .L }}x{{else}}empty{{end}}', { L: [] }, 'empty'],
    ['{{ with .A }}{{ .B }}{{ end }}', { A: { B: 'inner' } }, 'inner'],
    ['{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', {}, '2'],
    ['{{ and 1 0 }} {{ or 0 "" "z" }} {{ not false }}', {}, '0 z true'],
    ['{{ .L }} {{ .M }}', { L: ['a', 1], M: { k: true } }, '[a 1] map[k:true]'],
  ])('%s', (text, data, want) => {
    expect(render(text, data)).toBe(want);
  });

  it('keeps actions on unknown data as written, for a later rendering', () => {
    const out = renderGoTemplate('{{ .Vars }} sh {{.Path}} {{ if .X }}a{{ end }} {{ upper "b" }}', { funcs, data: { Path: '/p' }, keepUnknownFields: true });
    expect(out).toBe('{{ .Vars }} sh /p {{ if .X }}a{{ end }} B');
  });

  it('reports positions on later lines with a byte column', () => {
    expect(render('line\n  é{{ upper 3 }}')).toBe('ERR template: root:2:13: executing "root" at <3>: expected string; found 3');
  });
});

needs(packer).describe('against packer console', () => {
  const console1 = (line: string) => execFileSync(PACKER!, ['console'], { input: line + '\n', cwd: '/tmp', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).toString().replace(/\n+$/, '');
  it.each(['{{ printf "%5.2f|%-4d|%x|%q" 3.14159 7 255 "a\\"b" }}', '{{ split "a-b-c" "-" 2 | upper }}', '{{ replace "o" "0" -1 "foo boo" }}', '{{ lower "ÀÉ" }}', '{{ print 1 2 "a" 3 }}', '{{ index (split "x,y" "," 1) 0 }}', '{{ 1.0e-7 }} {{ 12345678.5 }}'])('%s', (text) => {
    expect(render(text)).toBe(console1(text));
  });
});
