// Publishing a run to the image registry, in Packer's order: before any build, the bucket (created, or its
// description and labels updated), the version of the fingerprint and one build record per build; then each build
// RUNNING, DONE with the images of its final artifacts, or FAILED; the registry completes the version when its last
// build is done, and the template's channels are assigned to it afterwards.

import { RegistryError } from '../../registry/api/client.js';
import type { Build, Version } from '../../registry/api/types.js';
import type { BuildRecorder } from '../engine/build-recorder.js';
import type { Artifact, ArtifactImage } from '../plugin/artifact.js';
import type { Ui } from '../ui/ui.js';
import { findOrCreate } from './find-or-create.js';
import type { ParentVersion } from './parents.js';
import type { PublishTarget } from './target.js';

/** What a run publishes: its builds, each with the metadata it records, and the versions its template read. */
export interface PublishRun {
  builds: readonly { name: string; metadata: Record<string, unknown> }[];
  ui: Ui;
  runUuid: string;
  parents?: readonly ParentVersion[];
}

export class Publisher implements BuildRecorder {
  private constructor(
    private readonly t: PublishTarget,
    private readonly ui: Ui,
    /** Build record by build name. */
    private readonly builds: Map<string, Build>,
  ) {}

  /** Reaches the registry and records the run before anything is built; throws (naming the registry) when it cannot. */
  static async open(t: PublishTarget, run: PublishRun): Promise<Publisher> {
    const { client, bucket, settings: s } = t;
    const { ui, parents = [] } = run;
    const changes = { ...(s.description !== undefined ? { description: s.description } : {}), ...(s.bucketLabels ? { labels: { ...s.bucketLabels } } : {}) };
    // Other runs may create the bucket, the version (a shared HCP_PACKER_BUILD_FINGERPRINT) or a build at the same time.
    const { created } = await findOrCreate(() => client.findBucket(bucket), () => client.createBucket({ name: bucket, ...changes }));
    if (!created && Object.keys(changes).length > 0) await client.updateBucket(bucket, changes);
    const parent = parentOf(parents, ui);
    const findVersion = () => client.findVersion(bucket, t.fingerprint);
    const { value: version } = await findOrCreate(findVersion, () => client.createVersion(bucket, { fingerprint: t.fingerprint, ...(parent ? { parent_version_id: parent.id } : {}) }));
    if (version.name !== 'v0') {
      throw new Error(`version ${version.name} of bucket "${bucket}" (fingerprint ${t.fingerprint}) is complete: unset HCP_PACKER_BUILD_FINGERPRINT, or set a new one, to build a new version`);
    }
    const builds = new Map<string, Build>();
    const existing = new Map(version.builds.map((b) => [b.component_type, b]));
    // The registry takes a build's parent when the build is created: each build of the run records the version's.
    const lineage = parent ? { parent_version_id: parent.id, ...(parent.channelId ? { parent_channel_id: parent.channelId } : {}) } : {};
    for (const { name, metadata } of run.builds) {
      const fields = { labels: { ...s.buildLabels }, packer_run_uuid: run.runUuid, metadata, ...lineage };
      const create = () => client.createBuild(bucket, t.fingerprint, { component_type: name, status: 'BUILD_UNSET', ...fields });
      const build = await findOrCreate(async () => existing.get(name), create, async () => (await findVersion())?.builds.find((b) => b.component_type === name));
      builds.set(name, build.value);
    }
    ui.say(`Publishing to the image registry at ${client.url}: bucket "${bucket}", version fingerprint ${t.fingerprint}`);
    return new Publisher(t, ui, builds);
  }

  async started(name: string): Promise<boolean> {
    const build = this.builds.get(name)!;
    if (build.status === 'BUILD_DONE') {
      this.ui.say(`${name}: skipping the build: it is already done in version fingerprint ${this.t.fingerprint}`);
      return false;
    }
    try {
      await this.update(name, { status: 'BUILD_RUNNING' });
    } catch (e) {
      // Another run sharing the fingerprint completed the version since this one opened it.
      if (!(e instanceof RegistryError && e.status === 409)) throw e;
      this.ui.say(`${name}: skipping the build: another run completed version fingerprint ${this.t.fingerprint} meanwhile`);
      return false;
    }
    return true;
  }

  async finished(name: string, artifacts: readonly Artifact[]): Promise<void> {
    const images = uniqueImages(artifacts.flatMap((a) => a.images));
    if (images.length === 0) throw new Error(`no artifact of the build has an image the registry can record (its builder and post-processors describe none)`);
    const source = images.find((i) => i.sourceExternalId)?.sourceExternalId;
    await this.update(name, {
      status: 'BUILD_DONE',
      platform: images[0]!.platform,
      ...(source ? { source_external_identifier: source } : {}),
      artifacts: images.map((i) => ({ external_identifier: i.externalId, region: i.region ?? '', labels: { ...i.labels } })),
    });
  }

  async failed(name: string, cancelled: boolean): Promise<void> {
    try {
      await this.update(name, { status: cancelled ? 'BUILD_CANCELLED' : 'BUILD_FAILED' });
    } catch (e) {
      this.ui.error(`${name}: could not record the build as failed: ${(e as Error).message}`);
    }
  }

  /** After the builds: assigns the template's channels once the version is complete; says where it stands. */
  async finish(): Promise<Version | undefined> {
    const { client, bucket, fingerprint } = this.t;
    const version = await client.findVersion(bucket, fingerprint);
    if (!version || version.name === 'v0') {
      this.ui.say(`The image registry's version ${fingerprint} of bucket "${bucket}" is not complete (${version?.status ?? 'missing'}): run again with HCP_PACKER_BUILD_FINGERPRINT=${fingerprint} to finish it.`);
      return version;
    }
    for (const channel of this.t.settings.channels ?? []) await client.assignChannel(bucket, channel, fingerprint);
    const channels = this.t.settings.channels?.length ? `, channels ${this.t.settings.channels.join(', ')}` : '';
    this.ui.say(`Published version ${version.name} of bucket "${bucket}" (fingerprint ${fingerprint})${channels}`);
    return version;
  }

  private async update(name: string, fields: Parameters<PublishTarget['client']['updateBuild']>[3]): Promise<void> {
    const build = this.builds.get(name)!;
    this.builds.set(name, await this.t.client.updateBuild(this.t.bucket, this.t.fingerprint, build.id, fields));
  }
}

/** The registry records one parent per version: the first one found; the others are named in a warning. */
function parentOf(parents: readonly ParentVersion[], ui: Ui): ParentVersion | undefined {
  const [first, ...others] = parents;
  if (first && others.length > 0) {
    ui.say(`Warning: the template used several registry versions; the new version records the one of ${first.from} as its parent, not those of ${others.map((p) => p.from).join(', ')}`);
  }
  return first;
}

/** One record per image, as Packer keys a build's images (platform, id, region): a post-processor that passes its
 * input on (manifest) lists the builder's artifact a second time, and one that changes an image in place (docker-tag)
 * lists it again with more labels. A later entry adds to an earlier one; what only the earlier knew (its source) stays. */
export function uniqueImages(images: readonly ArtifactImage[]): ArtifactImage[] {
  const byKey = new Map<string, ArtifactImage>();
  for (const i of images) {
    const key = JSON.stringify([i.platform, i.externalId, i.region ?? '']);
    const earlier = byKey.get(key);
    byKey.set(key, earlier ? { ...earlier, ...i, labels: { ...earlier.labels, ...i.labels }, sourceExternalId: i.sourceExternalId ?? earlier.sourceExternalId } : i);
  }
  return [...byKey.values()];
}
