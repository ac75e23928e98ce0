// Contracts between the build engine, the plugins (builders, provisioners, post-processors) and the UI.
// Modelled on Packer's plugin SDK: a builder is a list of steps; it calls the provision hook with a
// communicator; post-processors turn one artifact into another.

import type { Diagnostic } from '../diag/diagnostic.js';
import type { Type, Value } from '../value/value.js';

// ---- what the user sees

/** The UI of one build: every line is prefixed with the build's name, as Packer does. */
export interface BuildUi {
  /** `==> name: msg` (bold in the build's color). */
  say(msg: string): void;
  /** `    name: msg` (each line of msg). */
  message(msg: string): void;
  /** `==> name: msg` in red. */
  error(msg: string): void;
  /** A UI for a post-processor: lines become `name (type): ...`. */
  withSuffix(suffix: string): BuildUi;
  /** Hides sensitive values; applied to every line before it is written. */
  readonly redact: (s: string) => string;
}

// ---- artifacts

export interface Artifact {
  /** Packer's builder id, e.g. `fnoeding.null`, `packer.file`, `packer.post-processor.manifest`. */
  builderId: string;
  /** Packer's artifact id, e.g. `Null`, `File`, an AMI id list, an image id. */
  id: string;
  files: string[];
  /** The human summary printed after `--> name: `. */
  string: string;
  /** Builder-specific state (`atlas.artifact.metadata`, generated data...). */
  state?: Record<string, unknown>;
  /** Removes what the artifact stands for (files, images). Called when an intermediate artifact is not kept. */
  destroy(): Promise<void>;
}

// ---- running things

/** Runs a command somewhere (on the build host, in a container, over SSH) and moves files there. */
export interface Communicator {
  /** Runs `command` with a POSIX shell; streams output line by line; resolves with the exit status. */
  run(command: string, opts: { stdout?: (line: string) => void; stderr?: (line: string) => void; signal: AbortSignal; env?: Record<string, string> }): Promise<{ exitCode: number }>;
  upload(localPath: string, remotePath: string, signal: AbortSignal): Promise<void>;
  uploadContent(content: string | Buffer, remotePath: string, signal: AbortSignal): Promise<void>;
  download(remotePath: string, localPath: string, signal: AbortSignal): Promise<void>;
}

/** What every plugin call gets. */
export interface RunContext {
  ui: BuildUi;
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The build's full name (`null.hello`, `mybuild.null.hello`). */
  buildName: string;
  /** The source's name in the build (`hello`): PACKER_BUILD_NAME and the manifest's `name`, as in Packer 1.6.6. */
  sourceName: string;
  /** `-force`: replace existing artifacts (and start a new manifest). */
  force: boolean;
  /** Runs `fn` while no other build of this run holds the lock `key` (a manifest file's path, for example). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** PACKER_BUILDER_TYPE. */
  builderType: string;
  /** PACKER_RUN_UUID: one per tsbuild run. */
  runUuid: string;
  /** `-debug`: pause between steps. */
  debug: boolean;
  /** `-on-error` */
  onError: 'cleanup' | 'abort' | 'ask' | 'run-cleanup-provisioner';
  /** Asks the user (for `-debug` and `-on-error=ask`); resolves with the answer or '' when not interactive. */
  ask(question: string): Promise<string>;
}

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

// ---- plugin definitions

/** The shape of a plugin's configuration, checked before anything runs. */
export interface ConfigSchema {
  /** Argument name -> type (a type constraint; `dynamic` accepts anything). */
  attributes: Record<string, { type: Type; required?: boolean }>;
  /** Nested block name -> its schema; each block type decodes to an array of objects. */
  blocks?: Record<string, ConfigSchema>;
  /** Checks across fields ("exactly one of commit, discard, export_path"); returns messages (with the argument they concern). */
  validate?(config: PluginConfig): { message: string; attribute?: string }[];
}

/** A decoded configuration: plain JS values (string, number, boolean, null, arrays, objects), after conversion to the schema's types. */
export type PluginConfig = Record<string, unknown>;

export interface BuilderPlugin {
  kind: 'builder';
  type: string;
  schema: ConfigSchema;
  /** Names of the generated data this builder gives provisioners and post-processors (`build.<Name>`) beyond the
   * ones every builder has (ID, Host, Port, User, Password...). */
  generated?: string[];
  /** Loads heavy dependencies (SDKs, clients) only when a template uses the plugin. */
  create(config: PluginConfig): Promise<Builder>;
}

export interface ProvisionerPlugin {
  kind: 'provisioner';
  type: string;
  schema: ConfigSchema;
  create(config: PluginConfig): Promise<Provisioner>;
}

export interface PostProcessorPlugin {
  kind: 'post-processor';
  type: string;
  schema: ConfigSchema;
  create(config: PluginConfig): Promise<PostProcessor>;
}

// ---- a build, ready to run

/**
 * Produces a plugin's configuration, evaluated with extra values known only at run time (`build.*` generated data).
 * Called once per use; diagnostics are configuration errors.
 */
export type Configure = (extra: Record<string, Value>) => { config: PluginConfig; diagnostics: Diagnostic[] };

export interface ProvisionerStep {
  type: string;
  /** Display name (`name` argument), or '' */
  name: string;
  pauseBeforeMs: number;
  maxRetries: number;
  timeoutMs: number;
  configure: Configure;
}

export interface PostProcessorStep {
  type: string;
  name: string;
  /** User's `keep_input_artifact`, when set. */
  keepInputArtifact?: boolean;
  configure: Configure;
}

export interface BuildPlan {
  /** Full name: `type.name` or `build.type.name`. */
  name: string;
  builderType: string;
  sourceName: string;
  /**
   * PACKER_BUILD_NAME and the manifest's `name`: the name of the `source` block, before any rename by the build
   * (Packer 1.6.6). Defaults to `sourceName`.
   */
  packerBuildName?: string;
  /** Name of the `build` block, or ''. */
  buildBlockName: string;
  builder: Configure;
  provisioners: ProvisionerStep[];
  errorCleanupProvisioner?: ProvisionerStep;
  postProcessorChains: PostProcessorStep[][];
}
