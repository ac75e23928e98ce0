/** Packer's UI colors (ANSI codes), assigned to builds in this order. */
export const BUILD_COLORS = [32, 36, 35, 33, 34] as const; // green, cyan, magenta, yellow, blue
export const RED = 31;

/** Packer's colorize: bold (`1;`) or normal (`0;`) text in a color, reset after. */
export function colorize(text: string, color: number, bold: boolean): string {
  return `\x1b[${bold ? 1 : 0};${color}m${text}\x1b[0m`;
}
