// One record of Go's encoding/csv with TrimLeadingSpace and LazyQuotes, the way Packer's amazon plugin splits a
// filter value into several (`"a, b"` is two values; quotes protect commas).

/** The fields of the first line of `text`; undefined for an empty text (Go's reader returns EOF). */
export function parseCsvRecord(text: string): string[] | undefined {
  const line = text.split(/\r?\n/).find((l) => l !== '');
  if (line === undefined) return undefined;
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (line[i] !== '"') {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma < 0 ? undefined : comma));
      if (comma < 0) return fields;
      i = comma + 1;
      continue;
    }
    let field = '';
    i++;
    for (;;) {
      const quote = line.indexOf('"', i);
      if (quote < 0) {
        field += line.slice(i);
        i = line.length;
        break;
      }
      field += line.slice(i, quote);
      i = quote + 1;
      if (line[i] === '"') {
        field += '"';
        i++;
      } else if (i >= line.length || line[i] === ',') break;
      else field += '"';
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++;
  }
}
