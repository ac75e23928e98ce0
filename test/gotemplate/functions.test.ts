import { describe, expect, it } from 'vitest';
import { cleanResourceName, formatGoTime, formatStrftime, packerFunctions, renderGoTemplate, replaceGo, RFC3339 } from '../../src/gotemplate/index.js';

const T1 = new Date(Date.UTC(2026, 10, 22, 9, 20, 30, 211));
const T2 = new Date(Date.UTC(2009, 0, 3, 18, 5, 7, 0));

describe('Go reference-time layouts', () => {
  // Expected strings recorded from Packer 1.6.6 `{{isotime "..."}}` (T1) and Go's time.Format (T2).
  it.each([
    [T1, '2006-01-02 __2 002 .000 ,000 .999 Jan January Mon Monday MST -0700 -07:00 Z07:00 Z0700 3 03 PM pm _2 1 01 Month', '2026-11-22 326 326 .211 ,211 .211 Nov November Sun Sunday UTC +0000 +00:00 Z Z 9 09 AM am 22 11 11 Month'],
    [T1, RFC3339, '2026-11-22T09:20:30Z'],
    [T1, '20060102150405', '20261122092030'],
    [T2, 'Mon Jan _2 15:04:05 MST 2006', 'Sat Jan  3 18:05:07 UTC 2009'],
    [T2, '2006-01-02T15:04:05.000Z07:00', '2009-01-03T18:05:07.000Z'],
    [T2, '.999|.9|_2006|Janx|Monday', '||_2009|Janx|Saturday'],
    [T2, '3:04PM -07 Z07 -070000 Z07:00:00', '6:05PM +00 Z +000000 Z'],
  ])('%s %s', (t, layout, want) => {
    expect(formatGoTime(t, layout)).toBe(want);
  });
});

describe('strftime (Packer 1.6.6 recorded)', () => {
  it.each([
    ['%Y-%m-%d %H:%M:%S %a %b %j %%', '2026-11-22 09:20:30 Sun Nov %j %'],
    ['[%A][%B][%I][%L][%p][%y][%z][%Z][%c][%e]', '[Sunday][November][09][.211][AM][26][+0000][UTC][%c][%e]'],
    ['a%%b%', 'a%b%'],
    ['Jan 2006 x15 %Y', 'Jan 2006 x15 2026'],
    ['%-d|%5|%%d', '%-d|%5|%d'],
  ])('%s', (format, want) => {
    expect(formatStrftime(format, T1)).toBe(want);
  });
});

describe('clean_resource_name', () => {
  it.each([
    ['amazon-ebs', 'a B_c.d:e*f(g)[h]/i@j\'k', 'a B_c.d-e-f(g)[h]/i@j\'k'],
    ['googlecompute', 'My_Image.2020', 'my-image-2020'],
    ['googlecompute', 'already-valid1', 'already-valid1'],
    ['azure-arm', 'name with spaces...', 'name-with-spaces'],
  ])('%s %s', (type, input, want) => {
    expect(cleanResourceName(input, type)).toBe(want);
  });
});

describe('Packer functions', () => {
  const funcs = packerFunctions({
    now: T1,
    env: { FOO: 'bar' },
    cwd: '/work',
    enableEnv: true,
    user: (k) => ({ a: 'A' })[k],
    buildName: 'b1',
    buildType: 'null',
    templatePath: 'sub/t.json',
    packerVersion: '1.12.0',
    buildData: { ID: 'i-1', Host: null },
    uuid: () => 'fixed',
  });
  const r = (t: string) => renderGoTemplate(t, { funcs, keepUnknownFields: true, data: {} });
  it.each([
    ['{{ timestamp }}', String(Math.floor(T1.getTime() / 1000))],
    ['{{ isotime }}', '2026-11-22T09:20:30Z'],
    ['{{ env `FOO` }}{{ env `NOPE` }}', 'bar'],
    ['{{ user `a` }}', 'A'],
    ['{{ build_name }}/{{ build_type }}', 'b1/null'],
    ['{{ template_dir }}', '/work/sub'],
    ['{{ packer_version }}', '1.12.0'],
    ['{{ uuid }}', 'fixed'],
    ['{{ build `ID` }} {{ build `Host` }}', 'i-1 {{ build `Host` }}'],
    ['{{ "isotime" | upper }}{{ lower "ÀB" }}', 'ISOTIMEàb'],
    ['{{ isotime | clean_resource_name }}', '2026-11-22T09-20-30Z'],
  ])('%s', (t, want) => {
    expect(r(t)).toBe(want);
  });
  it('explains what is missing', () => {
    expect(() => r('{{ user `nope` }}')).toThrow('error calling user: Error: variable not set: nope');
    expect(() => r('{{ build `Nope` }}')).toThrow("loaded data, but couldnt find Nope in it.");
  });
  it('replaces as Go strings.Replace', () => {
    expect(replaceGo('aaaa', 'a', 'b', 2)).toBe('bbaa');
    expect(replaceGo('abc', '', '-', -1)).toBe('-a-b-c-');
    expect(replaceGo('abc', '', '-', 2)).toBe('-a-bc');
  });
  it('reports an unreachable secret store with its address', () => {
    const f = packerFunctions({ now: T1, env: { VAULT_TOKEN: 't', VAULT_ADDR: 'http://127.0.0.1:9', CONSUL_HTTP_ADDR: '127.0.0.1:9' }, cwd: '/', enableEnv: true });
    expect(() => renderGoTemplate('{{ vault `secret/x` `k` }}', { funcs: f })).toThrow(/Error reading vault secret: .*http:\/\/127\.0\.0\.1:9/);
    expect(() => renderGoTemplate('{{ consul_key `k` }}', { funcs: f })).toThrow(/error reading consul key: .*127\.0\.0\.1:9/);
    expect(() => renderGoTemplate('{{ aws_secretsmanager `s` }}', { funcs: f })).toThrow(/AWS_ACCESS_KEY_ID/);
  });
});
