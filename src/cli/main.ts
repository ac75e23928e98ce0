import { Command, CommanderError } from 'commander';
import { normalizeArgs, parseVarArg, type OrderedVarArg } from './args.js';
import { build, ON_ERROR_VALUES } from './commands/build.js';
import { cleanup } from './commands/cleanup.js';
import { runConsole } from './commands/console.js';
import { runFmt } from './commands/fmt.js';
import { runHcl2Upgrade } from './commands/hcl2-upgrade.js';
import { inspect } from './commands/inspect.js';
import { addRegistryCommands } from './commands/registry.js';
import { validate } from './commands/validate.js';
import { version } from './commands/version.js';
import type { CliIO } from './io.js';

const FLAGS = {
  withValue: ['var', 'var-file', 'only', 'except', 'parallel-builds', 'on-error', 'listen', 'db', 'scope', 'description', 'at', 'in', 'message'],
  boolean: ['syntax-only', 'force', 'debug', 'timestamp-ui', 'machine-readable', 'version', 'help', 'color', 'no-warn-undeclared-var', 'warn-on-undeclared-var', 'evaluate-datasources', 'json', 'skip-descendants', 'no-rollback'],
};

interface BuildFlags {
  only: string[];
  except: string[];
  force?: boolean;
  debug?: boolean;
  onError: string;
  parallelBuilds: string;
  timestampUi?: boolean;
  color?: boolean;
  machineReadable?: boolean;
  warnOnUndeclaredVar?: boolean;
}

/** `-only=a,b -only c` -> [a, b, c]. */
function collectList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter((v) => v !== '')];
}

/** Adds `-var` and `-var-file`, collected together in command-line order. */
function withVarOptions(cmd: Command, sink: OrderedVarArg[]): Command {
  return cmd
    .option('--var <name=value>', 'set a variable (repeatable)', (v: string) => {
      const parsed = parseVarArg(v);
      if (typeof parsed === 'string') throw new CommanderError(1, 'tsbuild.invalidVar', parsed);
      sink.push(parsed);
      return v;
    })
    .option('--var-file <path>', 'read variables from a file (repeatable)', (p: string) => {
      sink.push({ kind: 'file', path: p });
      return p;
    });
}

/**
 * The CLI entry: parses arguments and runs one command. Returns the exit code. This is the only place that
 * catches unexpected errors; those are our bugs, reported as such with their stack.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  const vars: OrderedVarArg[] = [];
  const program = new Command('tsbuild')
    .description('Build machine images from Packer templates')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showSuggestionAfterError(true)
    // Only `build` and `registry serve` listen to interrupts; every other command ends as a signal usually ends a process.
    .hook('preAction', (_program, command) => {
      if (command.name() !== 'build' && command.name() !== 'serve') io.signals?.release?.();
    });

  withVarOptions(
    program
      .command('validate')
      .description('check that a template is valid')
      .argument('<template>', 'template file or folder')
      .option('--syntax-only', 'check syntax only, not values or plugin configurations')
      .option('--evaluate-datasources', 'run data sources instead of only checking their configuration')
      // Commander reads `--no-x` as the negation of `x`: the option is `warnUndeclaredVar`, true unless given.
      .option('--no-warn-undeclared-var', 'no warning for variable files that set undeclared variables'),
    vars,
  ).action(async (target: string, o: { syntaxOnly?: boolean; evaluateDatasources?: boolean; warnUndeclaredVar?: boolean }) => {
    code = await validate(
      {
        target,
        syntaxOnly: Boolean(o.syntaxOnly),
        evaluateDataSources: Boolean(o.evaluateDatasources),
        noWarnUndeclaredVar: o.warnUndeclaredVar === false,
        inputs: vars,
      },
      io,
    );
  });

  withVarOptions(
    program.command('console').description('evaluate expressions against a template').argument('[template]', 'template file or folder'),
    vars,
  ).action(async (target: string | undefined) => {
    code = await runConsole({ target, inputs: vars }, io);
  });

  withVarOptions(
    program
      .command('build')
      .description('build images from a template')
      .argument('<template>', 'template file or folder')
      .option('--only <names>', 'build only these builds (comma-separated globs)', collectList, [])
      .option('--except <names>', 'build everything but these builds and post-processors (comma-separated globs)', collectList, [])
      .option('--force', 'replace existing artifacts')
      .option('--debug', 'pause between steps; builds run one at a time')
      .option('--on-error <action>', 'on failure: cleanup, abort, ask or run-cleanup-provisioner', 'cleanup')
      .option('--parallel-builds <n>', 'builds to run at once; 0 for no limit', '0')
      .option('--timestamp-ui', 'prefix each line with an RFC 3339 timestamp')
      .option('--no-color', 'disable colors')
      .option('--machine-readable', 'print machine-readable records')
      .option('--warn-on-undeclared-var', 'warn about variable files that set undeclared variables'),
    vars,
  ).action(async (target: string, o: BuildFlags) => {
    const parallel = Number(o.parallelBuilds);
    if (!(ON_ERROR_VALUES as readonly string[]).includes(o.onError)) {
      io.stderr.write(`invalid value "${o.onError}" for flag -on-error: expected one of ${ON_ERROR_VALUES.map((v) => JSON.stringify(v)).join(' ')}\n`);
      code = 1;
      return;
    }
    if (!Number.isInteger(parallel) || parallel < 0) {
      io.stderr.write(`invalid value "${o.parallelBuilds}" for flag -parallel-builds: expected a whole number\n`);
      code = 1;
      return;
    }
    code = await build(
      {
        target,
        inputs: vars,
        only: o.only,
        except: o.except,
        force: Boolean(o.force),
        debug: Boolean(o.debug),
        onError: o.onError as (typeof ON_ERROR_VALUES)[number],
        parallelBuilds: parallel,
        timestampUi: Boolean(o.timestampUi),
        color: o.color !== false,
        machineReadable: Boolean(o.machineReadable) || machineReadable,
        warnOnUndeclaredVar: Boolean(o.warnOnUndeclaredVar),
      },
      io,
    );
  });

  withVarOptions(program.command('inspect').description("show a template's variables and builds").argument('<template>', 'template file or folder'), vars).action(
    async (target: string) => {
      code = await inspect({ target, inputs: vars }, io);
    },
  );

  // fmt parses its own Go-style flags (`-write=false`, `-check`), so commander passes them through untouched.
  program
    .command('fmt')
    .description('rewrite HCL2 templates and variable files in the canonical format')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]', 'options and the file or folder to format')
    .action(async (args: string[]) => {
      code = await runFmt(args, io);
    });

  program
    .command('hcl2_upgrade')
    .description('transform a JSON template into an HCL2 configuration')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]', 'options and the JSON template')
    .action(async (args: string[]) => {
      code = await runHcl2Upgrade(args, io);
    });

  program
    .command('cleanup')
    .description('delete what killed runs left behind (containers, images, temporary folders, remote files)')
    .action(async () => {
      code = await cleanup(io);
    });

  addRegistryCommands(program, io, (c) => {
    code = c;
  });

  program
    .command('version')
    .description('print the version')
    .action(async () => {
      code = await version(io);
    });

  // Go spells negated booleans `-color=false`; `-machine-readable` may also come before the command.
  const machineReadable = argv.length > 0 && /^--?machine-readable$/.test(argv[0]!);
  const args = normalizeArgs(
    argv.slice(machineReadable ? 1 : 0).map((a) => (/^--?color=(false|0|f|F|FALSE|False)$/.test(a) ? '--no-color' : a)),
    FLAGS,
  );
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) return version(io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'commander.unknownCommand' || e.code === 'commander.executeSubCommandAsync') return 127;
      if (e.code === 'tsbuild.invalidVar') io.stderr.write(`${e.message}\n`);
      return 1;
    }
    io.stderr.write(`internal error, please report: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
