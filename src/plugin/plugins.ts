// The plugin kinds: a builder is a list of steps that calls the provision hook with a communicator;
// provisioners change the machine; post-processors turn one artifact into another; data sources fetch values
// templates use. Modelled on Packer's plugin SDK.

import type { Type, Value } from '../value/value.js';
import type { Artifact } from './artifact.js';
import type { Communicator } from './communicator.js';
import type { ConfigDeclaration, ConfigOfDeclaration } from './config.js';
import type { RunContext } from './context.js';

/** Values a builder makes known to provisioners and post-processors as `build.<Name>`. */
export type GeneratedData = Record<string, Value>;

/**
 * Runs the build's provisioners. `cleanup`, when present, runs the error-cleanup provisioner: a builder calls
 * it while cleaning up after provisioning failed or was cancelled.
 */
export type ProvisionHook = ((comm: Communicator | undefined, data: GeneratedData) => Promise<void>) & {
  /** Runs under `signal` (not the build's, which may already be cancelled). */
  cleanup?: (comm: Communicator | undefined, data: GeneratedData, signal: AbortSignal) => Promise<void>;
};

export interface Builder {
  /**
   * Creates the machine, calls `provision` once it can be reached (with its communicator, or none), then turns it
   * into an artifact. Every resource it creates is removed before it returns or throws, on success, failure or
   * cancellation (`ctx.signal`), except what the artifact is.
   */
  run(ctx: RunContext, provision: ProvisionHook): Promise<Artifact | undefined>;
}

export interface Provisioner {
  provision(ctx: RunContext, comm: Communicator | undefined, data: GeneratedData): Promise<void>;
}

export interface PostProcessResult {
  artifact: Artifact;
  /** The post-processor's opinion on keeping its input artifact. */
  keep: boolean;
  /** When true, the post-processor's `keep` wins over the user's `keep_input_artifact`. */
  forceOverride: boolean;
}

export interface PostProcessor {
  postProcess(ctx: RunContext, artifact: Artifact): Promise<PostProcessResult>;
}

export interface BuilderPlugin<D extends ConfigDeclaration<any> = ConfigDeclaration> {
  kind: 'builder';
  type: string;
  /** The plugin's configuration: options, defaults, checks. */
  config: D;
  /** Names of the generated data this builder gives provisioners and post-processors (`build.<Name>`) beyond the
   * ones every builder has (ID, Host, Port, User, Password...). */
  generated?: string[];
  /** Loads heavy dependencies (SDKs, clients) only when a template uses the plugin. */
  /** Gets the decoded configuration: typed as declared, defaults applied, checks passed. */
  create(config: ConfigOfDeclaration<D>): Promise<Builder>;
}

export interface ProvisionerPlugin<D extends ConfigDeclaration<any> = ConfigDeclaration> {
  kind: 'provisioner';
  type: string;
  /** The plugin's configuration: options, defaults, checks. */
  config: D;
  /** Gets the decoded configuration: typed as declared, defaults applied, checks passed. */
  create(config: ConfigOfDeclaration<D>): Promise<Provisioner>;
}

export interface PostProcessorPlugin<D extends ConfigDeclaration<any> = ConfigDeclaration> {
  kind: 'post-processor';
  type: string;
  /** The plugin's configuration: options, defaults, checks. */
  config: D;
  /** Gets the decoded configuration: typed as declared, defaults applied, checks passed. */
  create(config: ConfigOfDeclaration<D>): Promise<PostProcessor>;
}

/** What a data source sees while it runs: before any build, so there is no build UI. */
export interface DataSourceContext {
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Warnings are reported with the location of the `data` block. */
  ui: { warn(message: string): void };
}

/**
 * A data source: `data "<type>" "<name>" { ... }` runs before the builds (in dependency order with locals) and
 * its output object is `data.<type>.<name>`. `execute` throws on failure, with a message that says what failed.
 */
export interface DataSourcePlugin<D extends ConfigDeclaration<any> = ConfigDeclaration> {
  kind: 'data';
  type: string;
  /** The data source's arguments: options, defaults, checks. */
  config: D;
  /** An object type: the attributes of the output (`data.http.x.body`). Also the type of the output while unknown. */
  outputType: Type;
  /** Resolves with the output: a value of `outputType`, or plain JS data converted to it. */
  execute(config: ConfigOfDeclaration<D>, ctx: DataSourceContext): Promise<Value | Record<string, unknown>>;
}
