/**
 * One `-machine-readable` record: `timestamp,target,type,data...`. A category `target,type` carries its target;
 * commas in data become `%!(PACKER_COMMA)`, newlines and carriage returns are escaped, as Packer does.
 */
export function formatMachineRecord(now: Date, category: string, args: string[]): string {
  let target = '';
  const i = category.indexOf(',');
  if (i >= 0) {
    target = category.slice(0, i);
    category = category.slice(i + 1);
  }
  const data = args.map((a) => a.replaceAll(',', '%!(PACKER_COMMA)').replaceAll('\r', '\\r').replaceAll('\n', '\\n'));
  return `${Math.floor(now.getTime() / 1000)},${target},${[category, ...data].join(',')}\n`;
}
