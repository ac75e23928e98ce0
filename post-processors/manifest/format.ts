// The manifest file exactly as Packer writes it: Go's json.MarshalIndent of its structs (field order, `null`
// for absent lists and maps, build_time omitted when zero, HTML characters escaped, no final newline).

export interface ManifestEntry {
  name: string;
  builder_type: string;
  build_time?: number;
  files: { name: string; size: number }[] | null;
  artifact_id: string;
  packer_run_uuid: string;
  custom_data: Record<string, string> | null;
}

export interface ManifestFile {
  builds: ManifestEntry[];
  last_run_uuid: string;
}

/** Keeps the fields Packer knows, in its order, as decoding into its structs does. */
function normalizeEntry(e: Partial<ManifestEntry>): ManifestEntry {
  const out: Partial<ManifestEntry> = { name: String(e.name ?? ''), builder_type: String(e.builder_type ?? '') };
  if (e.build_time) out.build_time = Number(e.build_time);
  out.files = Array.isArray(e.files) ? e.files.map((f) => ({ name: String(f?.name ?? ''), size: Number(f?.size ?? 0) })) : null;
  out.artifact_id = String(e.artifact_id ?? '');
  out.packer_run_uuid = String(e.packer_run_uuid ?? '');
  out.custom_data = e.custom_data && typeof e.custom_data === 'object' ? sortKeys(e.custom_data) : null;
  return out as ManifestEntry;
}

/** Go marshals maps with sorted keys. */
function sortKeys(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(m).sort().map((k) => [k, String(m[k])]));
}

/** Parses a manifest; throws on invalid JSON (as Packer: "Unable to parse content from ..."). */
export function parseManifest(text: string): ManifestFile {
  if (text.length === 0) return { builds: [], last_run_uuid: '' };
  const raw = JSON.parse(text) as Partial<{ builds: Partial<ManifestEntry>[]; last_run_uuid: string }>;
  return { builds: (raw.builds ?? []).map(normalizeEntry), last_run_uuid: String(raw.last_run_uuid ?? '') };
}

export function formatManifest(m: ManifestFile): string {
  const text = JSON.stringify({ builds: m.builds.map(normalizeEntry), last_run_uuid: m.last_run_uuid }, null, 2);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
