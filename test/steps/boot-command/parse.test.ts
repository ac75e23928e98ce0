// The boot command grammar against the cases of Packer's own parser tests (packer-plugin-sdk
// bootcommand/boot_command_ast_test.go, written the way its String() methods print expressions) and messages
// checked against Packer 1.6.6 (`packer validate` of a qemu template).

import { describe, expect, it } from 'vitest';
import { BootCommandError, bootCommandProblems, parseBootCommand, type BootExpression } from '../../../src/steps/boot-command/parse.js';
import { bootCommandConfigProblems, bootWaitMs } from '../../../src/steps/boot-command/config.js';

const ACTION = { press: 'Press', on: 'On', off: 'Off' } as const;

/** Packer's String() of an expression: `Wait<1s>`, `LIT-Press(a)`, `Spec-On(del)`. */
function show(e: BootExpression): string {
  if (e.kind === 'wait') return `Wait<${e.ms}ms>`;
  return e.kind === 'char' ? `LIT-${ACTION[e.action]}(${e.char})` : `Spec-${ACTION[e.action]}(${e.key})`;
}

const lits = (s: string) => [...s].map((c) => `LIT-Press(${c})`);

describe('parseBootCommand', () => {
  it('reads waits, literals, character toggles and special keys as Packer does', () => {
    const input = '<wait><wait20><wait3s><wait4m2ns>' + 'foo/bar > one 界' + '<fon> b<fOff>' + '<foo><f3><f12><spacebar><leftalt><rightshift><rightsuper><menu>';
    expect(parseBootCommand(input).map(show)).toEqual([
      'Wait<1000ms>',
      'Wait<20000ms>',
      'Wait<3000ms>',
      'Wait<240000.000002ms>',
      ...lits('foo/bar > one 界'),
      'LIT-On(f)',
      ...lits(' b'),
      'LIT-Off(f)',
      ...lits('<foo>'),
      'Spec-Press(f3)',
      'Spec-Press(f12)',
      'Spec-Press(spacebar)',
      'Spec-Press(leftalt)',
      'Spec-Press(rightshift)',
      'Spec-Press(rightsuper)',
      'Spec-Press(menu)',
    ]);
  });

  it.each([
    ['<rightShift><rightshift><RIGHTSHIFT>', 'Spec-Press(rightshift)'],
    ['<delon><delON><deLoN><DELON>', 'Spec-On(del)'],
    ['<enteroff><enterOFF><eNtErOfF><ENTEROFF>', 'Spec-Off(enter)'],
    ['<leftCtrlOn><leftAltOn><leftShiftOn>', 'Spec-On(leftctrl) Spec-On(leftalt) Spec-On(leftshift)'],
    ['<f1><f10><f11><f9>', 'Spec-Press(f1) Spec-Press(f10) Spec-Press(f11) Spec-Press(f9)'],
    ['<up><down><left><right><home><end><pageUp><pageDown><insert><tab><esc><bs><return>', 'Spec-Press(up) Spec-Press(down) Spec-Press(left) Spec-Press(right) Spec-Press(home) Spec-Press(end) Spec-Press(pageup) Spec-Press(pagedown) Spec-Press(insert) Spec-Press(tab) Spec-Press(esc) Spec-Press(bs) Spec-Press(return)'],
  ])('names special keys in any case: %s', (input, expected) => {
    const shown = parseBootCommand(input).map(show);
    expect(new Set(shown).size === 1 ? shown[0] : shown.join(' ')).toBe(expected);
  });

  it.each([
    ['<wait10>', 10_000],
    ['<wait0>', 0],
    ['<wait1m30s>', 90_000],
    ['<wait300ms>', 300],
    ['<wait1.5h>', 5_400_000],
    ['<wait2h45m>', 9_900_000],
    ['<wait5µs>', 0.005],
  ])('waits %s', (input, ms) => {
    expect(parseBootCommand(input)).toEqual([{ kind: 'wait', ms }]);
  });

  it.each(['<wait1.5>', '<waitfoo>', '<wait 5>', '<wait10s5>', '<Wait5>', '<wait-5>', '<enter', '<', '<>', '<f13>', '<deleteOn>'])(
    'types what the grammar does not know, character by character: %s',
    (input) => {
      expect(parseBootCommand(input).map(show)).toEqual(lits(input));
    },
  );

  it('holds any character with <xOn> and releases it with <xOff>, > included', () => {
    expect(parseBootCommand('<cOn><>Off>').map(show)).toEqual(['LIT-On(c)', 'LIT-Off(>)']);
  });

  it('reads an empty command as nothing to type', () => {
    expect(parseBootCommand('')).toEqual([]);
  });

  it("fails on a duration Go cannot parse, where pigeon says (line:column (byte offset))", () => {
    // Packer 1.6.6: `* 1:6 (5): rule Duration: time: unknown unit "m-" in duration "1m-2s"`
    expect(() => parseBootCommand('<wait1m-2s>')).toThrow(new BootCommandError('1:6 (5): rule Duration: time: unknown unit "m-" in duration "1m-2s"'));
    expect(() => parseBootCommand('é\nab<wait1m-2s>')).toThrow('2:8 (10): rule Duration');
  });
});

describe('boot command checks', () => {
  it('rejects negative waits with Packer 1.6.6 wording and accepts <wait0> as it does', () => {
    expect(bootCommandProblems(parseBootCommand('<wait-1s><wait0><wait-1m30s><wait-250ms>'))).toEqual([
      'Expecting a positive wait value. Got -1s',
      'Expecting a positive wait value. Got -1m30s',
      'Expecting a positive wait value. Got -250ms',
    ]);
  });

  it('checks durations, the grammar and VNC with the messages of Packer 1.6.6', () => {
    expect(bootCommandConfigProblems({ boot_wait: 'x', boot_key_interval: 'y' }).map((p) => p.message)).toEqual([
      `error decoding 'boot_wait': time: invalid duration "x"`,
      `error decoding 'boot_key_interval': time: invalid duration "y"`,
    ]);
    expect(bootCommandConfigProblems({ disable_vnc: true, boot_command: ['a'] }).map((p) => p.message)).toEqual(['A boot command cannot be used when vnc is disabled.']);
    expect(bootCommandConfigProblems({ boot_command: ['<wait-1s>', '<enter>'] }).map((p) => p.message)).toEqual(['Expecting a positive wait value. Got -1s']);
    expect(bootCommandConfigProblems({ boot_command: ['<wai', 't1m-2s>'] }).map((p) => p.message)).toEqual(['1:6 (5): rule Duration: time: unknown unit "m-" in duration "1m-2s"']);
    expect(bootCommandConfigProblems({ boot_command: ['http://{{ .HTTPIP }}:{{ .HTTPPort }}/ks.cfg<enter>'] })).toEqual([]);
  });

  it('waits 10s for boot unless told otherwise; a negative boot_wait means none', () => {
    expect(bootWaitMs({})).toBe(10_000);
    expect(bootWaitMs({ boot_wait: '0s' })).toBe(10_000);
    expect(bootWaitMs({ boot_wait: '-1s' })).toBe(0);
    expect(bootWaitMs({ boot_wait: '1m30s' })).toBe(90_000);
  });
});
