import { describe, expect, it } from 'vitest';
import { formatMachineRecord } from '../../src/ui/machine.js';
import { Secrets } from '../../src/ui/secrets.js';
import { basicUi, coloredUi, formatRfc3339, machineReadableUi, targetedUi, timestampedUi, type UiOutput } from '../../src/ui/ui.js';

function capture(redact: (s: string) => string = (s) => s): UiOutput & { text: () => string } {
  let text = '';
  return {
    write: (t) => void (text += t),
    readLine: async () => 'answer',
    redact,
    now: () => new Date(1795339231_000),
    text: () => text,
  };
}

describe('Packer UI lines', () => {
  it('prefixes every line of says and messages with the build name', () => {
    const out = capture();
    const ui = targetedUi(basicUi(out), 'null.a', (s) => s);
    ui.say('Running\nsecond line  ');
    ui.message('hello');
    ui.withSuffix('manifest').say('pp');
    expect(out.text()).toBe('==> null.a: Running\n==> null.a: second line\n    null.a: hello\n==> null.a (manifest): pp\n');
  });

  it('colors say bold, message normal and errors bold red', () => {
    const out = capture();
    const ui = coloredUi(basicUi(out), 32);
    ui.say('s');
    ui.message('m');
    ui.error('e');
    expect(out.text()).toBe('\x1b[1;32ms\x1b[0m\n\x1b[0;32mm\x1b[0m\n\x1b[1;31me\x1b[0m\n');
  });

  it('writes machine-readable records with escaped commas and newlines', () => {
    const out = capture();
    const ui = machineReadableUi(out);
    targetedUi(ui, 'null.b', (s) => s).message('pp, with comma');
    ui.say('\n==> Builds finished');
    ui.machine('null.b,artifact', '0', 'builder-id', 'fnoeding.null');
    expect(out.text()).toBe(
      '1795339231,,ui,message,    null.b: pp%!(PACKER_COMMA) with comma\n' +
        '1795339231,,ui,say,\\n==> Builds finished\n' +
        '1795339231,null.b,artifact,0,builder-id,fnoeding.null\n',
    );
    expect(formatMachineRecord(new Date(0), 'error-count', ['1'])).toBe('0,,error-count,1\n');
  });

  it('redacts every line at the writer, including questions', async () => {
    const out = capture((s) => s.replaceAll('hunter2', '<sensitive>'));
    const ui = targetedUi(coloredUi(basicUi(out), 36), 'x', (s) => s);
    ui.error('password hunter2 rejected');
    expect(await ui.ask('type hunter2?')).toBe('answer');
    expect(out.text()).not.toContain('hunter2');
    expect(out.text()).toContain('<sensitive>');
  });

  it('redacts machine-readable fields before commas and newlines are escaped', () => {
    const secret = 'a,b-secret\nsecond-line';
    const out = capture(new Secrets([secret]).redact);
    const ui = machineReadableUi(out);
    targetedUi(ui, 'null.b', (s) => s).message(`got ${secret}`);
    ui.machine('null.b,artifact', '0', 'id', secret.toUpperCase());
    ui.machine('null.b,artifact', '0', 'string', secret);
    expect(out.text()).toBe(
      '1795339231,,ui,message,    null.b: got <sensitive>\\n    null.b: <sensitive>\n' +
        '1795339231,null.b,artifact,0,id,A%!(PACKER_COMMA)B-SECRET\\nSECOND-LINE\n' +
        '1795339231,null.b,artifact,0,string,<sensitive>\n',
    );
  });

  it('stamps lines with RFC 3339 times', () => {
    const out = capture();
    timestampedUi(basicUi(out), () => new Date('2026-11-22T09:20:31Z')).say('x');
    expect(out.text()).toBe(`${formatRfc3339(new Date('2026-11-22T09:20:31Z'))}: x\n`);
    expect(formatRfc3339(new Date('2026-11-22T09:20:31Z'))).toMatch(/^2026-11-2\dT\d\d:20:31(Z|[+-]\d\d:\d\d)$/);
  });
});
