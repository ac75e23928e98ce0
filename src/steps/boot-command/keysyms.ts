// The X11 keysyms Packer's VNC driver sends (packer-plugin-sdk bootcommand/vnc_driver.go, after QEMU's
// ui/vnc_keysym.h), and which characters it types with Shift held.

/** Special keys by their lower-cased name in the boot command grammar. */
export const SPECIAL_KEYSYMS: Readonly<Record<string, number>> = {
  bs: 0xff08,
  del: 0xffff,
  down: 0xff54,
  end: 0xff57,
  enter: 0xff0d,
  esc: 0xff1b,
  f1: 0xffbe,
  f2: 0xffbf,
  f3: 0xffc0,
  f4: 0xffc1,
  f5: 0xffc2,
  f6: 0xffc3,
  f7: 0xffc4,
  f8: 0xffc5,
  f9: 0xffc6,
  f10: 0xffc7,
  f11: 0xffc8,
  f12: 0xffc9,
  home: 0xff50,
  insert: 0xff63,
  left: 0xff51,
  leftalt: 0xffe9,
  leftctrl: 0xffe3,
  // Meta_L / Meta_R: the grammar has them, Packer's VNC driver fails on them ("special leftmeta not found").
  leftmeta: 0xffe7,
  leftshift: 0xffe1,
  leftsuper: 0xffeb,
  menu: 0xff67,
  pagedown: 0xff56,
  pageup: 0xff55,
  return: 0xff0d,
  right: 0xff53,
  rightalt: 0xffea,
  rightctrl: 0xffe4,
  rightmeta: 0xffe8,
  rightshift: 0xffe2,
  rightsuper: 0xffec,
  spacebar: 0x20,
  tab: 0xff09,
  up: 0xff52,
};

export const KEYSYM_LEFT_SHIFT = 0xffe1;

const SHIFTED = '~!@#$%^&*()_+{}|:"<>?';

/** Whether Packer holds Shift to type `char`: an upper-case letter or a shifted US-keyboard symbol. */
export function needsShift(char: string): boolean {
  return /^\p{Lu}$/u.test(char) || SHIFTED.includes(char);
}

/**
 * The keysym of a character: its code point up to U+00FF (X11's Latin-1 keysyms, what Packer sends for every
 * character); past it, X11's Unicode keysym (0x01000000 + code point), where Packer would send the bare code point,
 * which names another key or none.
 */
export function charKeysym(char: string): number {
  const cp = char.codePointAt(0)!;
  return cp <= 0xff ? cp : 0x01000000 + cp;
}
