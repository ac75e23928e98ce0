// The key events a boot command becomes, as Packer's VNC driver sends them (bootcommand/vnc_driver.go). The sink
// records them: the real VNC server is in vnc-typing.test.ts.

import { describe, expect, it } from 'vitest';
import { parseBootCommand } from '../../../src/steps/boot-command/parse.js';
import { keyIntervalMs, typeBootCommand } from '../../../src/steps/boot-command/type-keys.js';

async function eventsOf(command: string): Promise<string[]> {
  const seen: string[] = [];
  const sink = { keyEvent: async (k: number, down: boolean) => void seen.push(`${down ? '+' : '-'}${k.toString(16)}`) };
  await typeBootCommand(parseBootCommand(command), sink, { intervalMs: 0, signal: new AbortController().signal });
  return seen;
}

describe('typeBootCommand', () => {
  it('presses and releases each key; Shift around upper-case letters and shifted symbols', async () => {
    expect(await eventsOf('aA:<enter>')).toEqual(['+61', '-61', '+ffe1', '+41', '-41', '-ffe1', '+ffe1', '+3a', '-3a', '-ffe1', '+ff0d', '-ff0d']);
  });

  it('holds and releases keys: Ctrl+Alt+Del, and a held capital letter releases Shift after it', async () => {
    expect(await eventsOf('<leftCtrlOn><leftAltOn><del><leftAltOff><leftCtrlOff>')).toEqual(['+ffe3', '+ffe9', '+ffff', '-ffff', '-ffe9', '-ffe3']);
    expect(await eventsOf('<COn><COff>')).toEqual(['+ffe1', '+43', '-43', '-ffe1']);
  });

  it('sends <spacebar> as a space and function keys as their keysyms', async () => {
    expect(await eventsOf('<spacebar><f1><f12>')).toEqual(['+20', '-20', '+ffbe', '-ffbe', '+ffc9', '-ffc9']);
  });

  it('leaves at least the key interval between two events, the time a write takes included', async () => {
    const at: number[] = [];
    const sink = { keyEvent: async () => void at.push(performance.now()) };
    await typeBootCommand(parseBootCommand('ab'), sink, { intervalMs: 30, signal: new AbortController().signal });
    expect(at).toHaveLength(4);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(30);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const sink = { keyEvent: async () => ac.abort() };
    await expect(typeBootCommand(parseBootCommand('abc'), sink, { intervalMs: 0, signal: ac.signal })).rejects.toThrow(/cancel/i);
  });

  it('takes boot_key_interval, else PACKER_KEY_INTERVAL, else 100ms', () => {
    expect(keyIntervalMs(20, { PACKER_KEY_INTERVAL: '5ms' })).toBe(20);
    expect(keyIntervalMs(undefined, { PACKER_KEY_INTERVAL: '5ms' })).toBe(5);
    expect(keyIntervalMs(undefined, { PACKER_KEY_INTERVAL: 'soon' })).toBe(100);
    expect(keyIntervalMs(undefined, {})).toBe(100);
  });
});
