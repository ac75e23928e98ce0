// DescribeRegions and DescribeAvailabilityZones: the regions the emulator was started with, three zones each.

import { invalidParameter } from '../errors.js';
import { applyFilters, type FilterTable } from '../filters.js';
import type { Action } from '../context.js';
import { filterParams, listParam } from '../query.js';

interface Region {
  name: string;
  tags: Map<string, string>;
}

interface Zone {
  name: string;
  id: string;
  region: string;
  tags: Map<string, string>;
}

const REGION_FILTERS: FilterTable<Region> = {
  'region-name': (r) => [r.name],
  endpoint: (r) => [endpointOf(r.name)],
  'opt-in-status': () => ['opt-in-not-required'],
};

const ZONE_FILTERS: FilterTable<Zone> = {
  'region-name': (z) => [z.region],
  'zone-name': (z) => [z.name],
  'zone-id': (z) => [z.id],
  state: () => ['available'],
  'zone-type': () => ['availability-zone'],
  'group-name': (z) => [z.region],
  'opt-in-status': () => ['opt-in-not-required'],
};

const endpointOf = (region: string) => `ec2.${region}.amazonaws.com`;

/** The zones of a region: `<region>a`, `b`, `c`, with IDs such as use1-az1. */
export function zonesOf(region: string): Zone[] {
  const [area = '', direction = '', n = ''] = region.split('-');
  const short = `${area}${direction.slice(0, 1)}${n}`;
  return ['a', 'b', 'c'].map((letter, i) => ({ name: `${region}${letter}`, id: `${short}-az${i + 1}`, region, tags: new Map() }));
}

export const describeRegions: Action = ({ params, settings }) => {
  const names = listParam(params, 'RegionName');
  for (const n of names) if (!settings.regions.includes(n)) throw invalidParameter(`Invalid region: ${n}`);
  const regions = settings.regions.filter((r) => names.length === 0 || names.includes(r)).map((name) => ({ name, tags: new Map<string, string>() }));
  return {
    regionInfo: applyFilters(regions, filterParams(params), REGION_FILTERS).map((r) => ({
      regionName: r.name,
      regionEndpoint: endpointOf(r.name),
      optInStatus: 'opt-in-not-required',
    })),
  };
};

export const describeAvailabilityZones: Action = ({ params, caller }) => {
  const names = listParam(params, 'ZoneName');
  const ids = listParam(params, 'ZoneId');
  const zones = zonesOf(caller.region);
  for (const n of names) if (!zones.some((z) => z.name === n)) throw invalidParameter(`The zone '${n}' does not exist.`);
  const chosen = zones.filter((z) => (names.length === 0 || names.includes(z.name)) && (ids.length === 0 || ids.includes(z.id)));
  return {
    availabilityZoneInfo: applyFilters(chosen, filterParams(params), ZONE_FILTERS).map((z) => ({
      zoneName: z.name,
      zoneState: 'available',
      regionName: z.region,
      zoneId: z.id,
      zoneType: 'availability-zone',
      optInStatus: 'opt-in-not-required',
      groupName: z.region,
      networkBorderGroup: z.region,
    })),
  };
};
