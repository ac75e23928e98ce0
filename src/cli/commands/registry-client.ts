// `tsbuild registry` subcommands that talk to a running registry (TSBUILD_REGISTRY_URL, TSBUILD_REGISTRY_TOKEN): lists
// and changes, for people (tables) and scripts (`-json`). Their code loads only when one of them runs.

import type { Command } from 'commander';
import type { CliIO } from '../io.js';

const JSON_HELP = 'print the API objects as JSON';

export function addRegistryClientCommands(registry: Command, io: CliIO, setCode: (code: number) => void): void {
  const list = () => import('../../../registry/cli/list.js');
  const change = () => import('../../../registry/cli/change.js');
  registry
    .command('buckets')
    .description('list the buckets')
    .option('--json', JSON_HELP)
    .action(async (o: { json?: boolean }) => setCode(await (await list()).listBuckets(o, io)));
  registry
    .command('versions')
    .description("list a bucket's versions")
    .argument('<bucket>')
    .option('--json', JSON_HELP)
    .action(async (bucket: string, o: { json?: boolean }) => setCode(await (await list()).listVersions(bucket, o, io)));
  registry
    .command('builds')
    .description("list a version's builds and their artifacts")
    .argument('<bucket>')
    .argument('<fingerprint>')
    .option('--json', JSON_HELP)
    .action(async (bucket: string, fingerprint: string, o: { json?: boolean }) => setCode(await (await list()).listBuilds(bucket, fingerprint, o, io)));
  registry
    .command('channels')
    .description("list a bucket's channels")
    .argument('<bucket>')
    .option('--json', JSON_HELP)
    .action(async (bucket: string, o: { json?: boolean }) => setCode(await (await list()).listChannels(bucket, o, io)));
  registry
    .command('channel')
    .description('manage channels')
    .command('set')
    .description('point a channel at a version (creating the channel if needed)')
    .argument('<bucket>')
    .argument('<channel>')
    .argument('<fingerprint>')
    .option('--json', JSON_HELP)
    .action(async (bucket: string, channel: string, fingerprint: string, o: { json?: boolean }) => setCode(await (await change()).setChannel(bucket, channel, fingerprint, o, io)));
  registry
    .command('revoke')
    .description('revoke a version now, at a time or after a duration')
    .argument('<bucket>')
    .argument('<fingerprint>')
    .option('--at <time>', 'revoke at this RFC 3339 time')
    .option('--in <duration>', 'revoke after this duration (such as 72h)')
    .option('--message <text>', 'why the version is revoked')
    .option('--skip-descendants', 'do not revoke the versions built from it')
    .option('--no-rollback', 'leave channels on the version instead of rolling them back')
    .option('--json', JSON_HELP)
    .action(async (bucket: string, fingerprint: string, o: Record<string, unknown>) => setCode(await (await change()).revoke(bucket, fingerprint, o, io)));
  registry
    .command('restore')
    .description("clear a version's revocation")
    .argument('<bucket>')
    .argument('<fingerprint>')
    .option('--json', JSON_HELP)
    .action(async (bucket: string, fingerprint: string, o: { json?: boolean }) => setCode(await (await change()).restore(bucket, fingerprint, o, io)));
  registry
    .command('check-plan')
    .description('fail when a Terraform plan (terraform show -json) uses a revoked image; warn for one scheduled for revocation')
    .argument('<plan-json>')
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, o: { json?: boolean }) => setCode(await (await import('../../../registry/cli/check-plan.js')).checkPlan(file, o, io)));
}
