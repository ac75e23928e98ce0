// Choosing an AMI by filters and owners, as Packer's amazon plugin does for `data "amazon-ami"` and for the
// builders' `source_ami_filter`: the options, their checks and the messages. The lookup itself is in
// find-image.ts, which loads the SDK.

import { opt, type ConfigOf, type ConfigProblem } from '../../plugin/config.js';
import { parseCsvRecord } from './csv-record.js';

export const amiFilterOptions = {
  filters: opt.stringMap('DescribeImages filters, name = value; a value may list several, separated by commas (CSV).'),
  owners: opt.strings('Account IDs or aliases (self, amazon, aws-marketplace...) that must own the image; required.'),
  most_recent: opt.bool('Takes the newest image when several match.'),
  include_deprecated: opt.bool('Includes deprecated images.'),
};

export type AmiFilter = ConfigOf<typeof amiFilterOptions>;

/** Packer's checks and messages. */
export function checkAmiFilter(c: AmiFilter): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if ((c.owners ?? []).length === 0 && Object.keys(c.filters ?? {}).length === 0) out.push({ message: 'The `filters` must be specified' });
  if ((c.owners ?? []).length === 0) out.push({ message: 'For security reasons, you must declare an owner.' });
  for (const [name, value] of Object.entries(c.filters ?? {})) {
    if (parseCsvRecord(value) === undefined) out.push({ message: `Couldn't parse ami filters: the filter "${name}" has no value`, attribute: 'filters' });
  }
  return out;
}

export interface ImageFilter {
  Name: string;
  Values: string[];
}

/** The DescribeImages filters: one per name, its value split as a CSV record. Names in a stable order. */
export function describeImagesFilters(filters: Readonly<Record<string, string>> | undefined): ImageFilter[] {
  return Object.entries(filters ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([Name, value]) => ({ Name, Values: parseCsvRecord(value) ?? [] }));
}

/** What a failed lookup says about the query: filters and owners as they were sent. */
export function describeQuery(filters: readonly ImageFilter[], owners: readonly string[]): string {
  const f = filters.map((x) => `${x.Name} = ${x.Values.map((v) => JSON.stringify(v)).join(', ')}`).join('; ');
  return `filters: ${f || 'none'}; owners: ${owners.map((o) => JSON.stringify(o)).join(', ')}`;
}

export const NO_MATCH = 'No AMI was found matching filters';
export const SEVERAL_MATCH = 'Your query returned more than one result. Please try a more specific search, or set most_recent to true.';
