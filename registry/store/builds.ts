// Builds: one per component (`amazon-ebs.ubuntu`) of a version, with the artifacts it made. A build's status drives
// its version's: the last build done completes the version; a failed build marks the version failed until a build
// runs again (a resumed run with the same fingerprint).

import type { Artifact, Build, BuildStatus, Labels, Page, PageRequest } from '../api/types.js';
import { BUILD_STATUSES } from '../api/types.js';
import { findParent } from './build-parent.js';
import { pageBounds, toPage } from './page.js';
import { readBuilds } from './read-versions.js';
import type { BuildsTable } from './schema.js';
import { isUniqueViolation, notFound, StoreError, type Store } from './store.js';
import { checkKeyLength, checkLabels, checkString } from './validate.js';
import { completeVersion, findVersionRow } from './versions.js';

export interface BuildInput {
  component_type: string;
  platform?: string;
  status?: BuildStatus;
  labels?: Labels;
  packer_run_uuid?: string;
  source_external_identifier?: string;
  metadata?: Record<string, unknown>;
  /** The version the source image came from (HCP's field); found from `source_external_identifier` when absent. */
  parent_version_id?: string;
  /** The channel the parent version was read through (needs `parent_version_id`). */
  parent_channel_id?: string;
}

export type BuildUpdate = Partial<Omit<BuildInput, 'component_type' | 'parent_version_id' | 'parent_channel_id'>> & { artifacts?: ArtifactInput[] };
/** An artifact as a client records it: region and labels may be left out (stored as "" and {}). */
export type ArtifactInput = Omit<Artifact, 'created_at' | 'region' | 'labels'> & { region?: string; labels?: Labels };

function checkBuildFields(input: BuildUpdate): void {
  for (const k of ['platform', 'packer_run_uuid', 'source_external_identifier'] as const) checkString(input[k], k);
  checkLabels(input.labels);
  if (input.status !== undefined && !BUILD_STATUSES.includes(input.status)) throw new StoreError('invalid', `status must be one of ${BUILD_STATUSES.join(', ')}; got ${JSON.stringify(input.status)}`);
  if (input.metadata !== undefined && (input.metadata === null || typeof input.metadata !== 'object' || Array.isArray(input.metadata))) throw new StoreError('invalid', 'metadata must be an object');
  if (input.artifacts !== undefined) {
    if (!Array.isArray(input.artifacts)) throw new StoreError('invalid', 'artifacts must be a list');
    input.artifacts.forEach((a, i) => {
      if (a === null || typeof a !== 'object' || typeof a.external_identifier !== 'string' || a.external_identifier === '') throw new StoreError('invalid', `artifacts[${i}].external_identifier must be a non-empty string`);
      checkKeyLength(a.external_identifier, `artifacts[${i}].external_identifier`);
      checkString(a.region, `artifacts[${i}].region`);
      checkLabels(a.labels, `artifacts[${i}].labels`);
    });
  }
}

async function getBuild(store: Store, versionId: string, buildId: string): Promise<Build> {
  const build = (await readBuilds(store.db, [versionId])).get(versionId)!.find((b) => b.id === buildId);
  if (!build) throw notFound(`build ${JSON.stringify(buildId)}`);
  return build;
}

export async function createBuild(store: Store, bucketName: string, fingerprint: string, input: BuildInput, author: string): Promise<Build> {
  checkString(input.component_type, 'component_type');
  checkKeyLength(input.component_type, 'component_type');
  if (!input.component_type) throw new StoreError('invalid', 'component_type is required');
  checkBuildFields(input);
  const version = await findVersionRow(store.db, bucketName, fingerprint);
  if (version.number !== null) throw new StoreError('conflict', `version ${JSON.stringify(fingerprint)} is complete (v${version.number}): it takes no new build`);
  const parent = await findParent(store, input);
  const now = store.now();
  const id = store.newId();
  try {
    await store.db.transaction().execute(async (trx) => {
      // Locks the version if still incomplete: a build finishing meanwhile (updateBuild) cannot complete it around this one.
      const open = await trx.updateTable('versions').set({ updated_at: now }).where('id', '=', version.id).where('number', 'is', null).executeTakeFirst();
      if (Number(open.numUpdatedRows) === 0) throw new StoreError('conflict', `version ${JSON.stringify(fingerprint)} was completed meanwhile: it takes no new build`);
      await trx
        .insertInto('builds')
        .values({
          id,
          version_id: version.id,
          component_type: input.component_type,
          platform: input.platform ?? '',
          status: input.status ?? 'BUILD_UNSET',
          labels: JSON.stringify(input.labels ?? {}),
          packer_run_uuid: input.packer_run_uuid ?? '',
          source_external_identifier: input.source_external_identifier ?? '',
          metadata: JSON.stringify(input.metadata ?? {}),
          parent_version_id: parent.versionId,
          parent_channel_id: parent.channelId,
          author_id: author,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new StoreError('conflict', `version ${JSON.stringify(fingerprint)} already has a build for ${JSON.stringify(input.component_type)}`);
    throw e;
  }
  return getBuild(store, version.id, id);
}

export async function listBuilds(store: Store, bucketName: string, fingerprint: string, req?: PageRequest): Promise<Page<Build>> {
  const version = await findVersionRow(store.db, bucketName, fingerprint);
  const bounds = pageBounds(req);
  const builds = (await readBuilds(store.db, [version.id])).get(version.id)!;
  const rows = builds.filter((b) => bounds.after === undefined || b.id > bounds.after).slice(0, bounds.limit);
  return toPage(rows, bounds, (kept) => kept);
}

/**
 * Changes a build and, in the same transaction, its version's state. The transaction first writes the version row,
 * which locks it: builds of one version finishing at once are serialized, so exactly one of them sees all builds done.
 */
export async function updateBuild(store: Store, bucketName: string, fingerprint: string, buildId: string, input: BuildUpdate, author: string): Promise<Build> {
  for (const k of ['parent_version_id', 'parent_channel_id']) {
    if (k in input) throw new StoreError('invalid', `${k} is recorded when the build is created and cannot be changed`);
  }
  checkBuildFields(input);
  const version = await findVersionRow(store.db, bucketName, fingerprint);
  await store.db.transaction().execute(async (trx) => {
    const now = store.now();
    await trx.updateTable('versions').set({ updated_at: now }).where('id', '=', version.id).execute();
    // A complete version's builds are all done and stay so: a run that shares the version and starts late (or fails
    // late) must not turn one back to running or failed under its number.
    const locked = await trx.selectFrom('versions').select('number').where('id', '=', version.id).executeTakeFirstOrThrow();
    if (locked.number !== null && input.status !== undefined && input.status !== 'BUILD_DONE') {
      throw new StoreError('conflict', `version ${JSON.stringify(fingerprint)} is complete (v${locked.number}): its builds are done and stay done`);
    }
    const changes: Partial<BuildsTable> = { updated_at: now, author_id: author };
    if (input.status !== undefined) changes.status = input.status;
    if (input.platform !== undefined) changes.platform = input.platform;
    if (input.labels !== undefined) changes.labels = JSON.stringify(input.labels);
    if (input.packer_run_uuid !== undefined) changes.packer_run_uuid = input.packer_run_uuid;
    if (input.source_external_identifier !== undefined) changes.source_external_identifier = input.source_external_identifier;
    if (input.metadata !== undefined) changes.metadata = JSON.stringify(input.metadata);
    const r = await trx.updateTable('builds').set(changes).where('id', '=', buildId).where('version_id', '=', version.id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound(`build ${JSON.stringify(buildId)} in version ${JSON.stringify(fingerprint)}`);
    if (input.artifacts !== undefined) {
      await trx.deleteFrom('artifacts').where('build_id', '=', buildId).execute();
      for (const a of input.artifacts) {
        await trx
          .insertInto('artifacts')
          .values({ id: store.newId(), build_id: buildId, external_identifier: a.external_identifier, region: a.region ?? '', labels: JSON.stringify(a.labels ?? {}), created_at: now })
          .execute();
      }
    }
    const statuses = (await trx.selectFrom('builds').select('status').where('version_id', '=', version.id).execute()).map((b) => b.status);
    const current = await trx.selectFrom('versions').select(['number']).where('id', '=', version.id).executeTakeFirstOrThrow();
    if (current.number !== null) return;
    if (statuses.every((s) => s === 'BUILD_DONE')) await completeVersion(store, trx, version.id, author);
    else {
      const status = statuses.some((s) => s === 'BUILD_FAILED') ? 'VERSION_FAILED' : 'VERSION_RUNNING';
      await trx.updateTable('versions').set({ status }).where('id', '=', version.id).execute();
    }
  });
  return getBuild(store, version.id, buildId);
}
