import { Command, CommanderError } from 'commander';
import { normalizeArgs, parseVarArg, type OrderedVarArg } from './args.js';
import { runConsole } from './commands/console.js';
import { validate } from './commands/validate.js';
import { version } from './commands/version.js';
import type { CliIO } from './io.js';

const FLAGS = {
  withValue: ['var', 'var-file', 'only', 'except', 'parallel-builds', 'on-error'],
  boolean: ['syntax-only', 'force', 'debug', 'timestamp-ui', 'machine-readable', 'version', 'help', 'color', 'no-warn-undeclared-var', 'evaluate-datasources'],
};

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
    .showSuggestionAfterError(true);

  withVarOptions(
    program
      .command('validate')
      .description('check that a template is valid')
      .argument('<template>', 'template file or folder')
      .option('--syntax-only', 'check syntax only, not values or plugin configurations'),
    vars,
  ).action(async (target: string, o: { syntaxOnly?: boolean }) => {
    code = await validate({ target, syntaxOnly: Boolean(o.syntaxOnly), inputs: vars }, io);
  });

  withVarOptions(
    program.command('console').description('evaluate expressions against a template').argument('[template]', 'template file or folder'),
    vars,
  ).action(async (target: string | undefined) => {
    code = await runConsole({ target, inputs: vars }, io);
  });

  program
    .command('version')
    .description('print the version')
    .action(async () => {
      code = await version(io);
    });

  const args = normalizeArgs(argv, FLAGS);
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
