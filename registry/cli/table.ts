// Aligned text tables for people: a header row in capitals, columns two spaces apart, an empty cell shown as `-`.

export function formatTable(header: string[], rows: string[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === '' ? '-' : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd() + '\n').join('');
}
