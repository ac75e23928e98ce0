// Executes a parsed Go template against data and functions, as Go's text/template does (exec.go): the
// same evaluation of pipelines, fields, variables and calls, the same argument checks and error wording.

import { execError, type GoTemplateError } from './errors.js';
import { BUILTINS, ControlSignal, isTrue, KeepVerbatim, NO_VALUE, toSpec, type GoFunction, type GoFunctionSpec, type ParamType } from './functions.js';
import { formatGoValue, goTypeName } from './go-format.js';
import { nodeString, type ArgNode, type ChainNode, type CommandNode, type ControlNode, type FieldNode, type IdentifierNode, type ListNode, type Node, type ParsedTemplate, type PipeNode, type VariableNode } from './nodes.js';


export interface ExecOptions {
  data?: unknown;
  funcs?: Record<string, GoFunction>;
  /**
   * Leave actions that use a field missing from the data (`{{.HTTPIP}}`) in the output as written, for a later
   * rendering that knows it, as Packer does while preparing a configuration.
   */
  keepUnknownFields?: boolean;
}

const MISSING: unique symbol = Symbol('no final value');
type Final = unknown;
const MAX_DEPTH = 10000;

class State {
  private node: { pos: number } & ({ kind: string } | object) = { pos: 0 };
  private vars: { name: string; value: unknown }[] = [];
  private out: string[] = [];
  private depth = 0;

  constructor(
    private readonly tmpl: ParsedTemplate,
    private readonly funcs: Map<string, GoFunctionSpec>,
    private readonly root: unknown,
    private readonly keepUnknown: boolean,
  ) {
    this.vars.push({ name: '$', value: root });
  }

  result(): string {
    return this.out.join('');
  }

  private at(n: { pos: number }): void {
    this.node = n;
  }

  private fail(reason: string): never {
    const n = this.node as ArgNode | CommandNode | Node;
    const context = 'kind' in n ? nodeString(n) : '';
    throw execError(this.tmpl.text, n.pos, context, reason);
  }

  walkList(dot: unknown, list: ListNode): void {
    for (const node of list.nodes) {
      const mark = this.out.length;
      const varMark = this.vars.length;
      try {
        this.walk(dot, node);
      } catch (e) {
        if (!(e instanceof KeepVerbatim) || node.kind === 'text') throw e;
        this.out.length = mark;
        this.vars.length = varMark;
        this.out.push(this.tmpl.text.slice(node.start, node.end));
      }
    }
  }

  private walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.kind) {
      case 'text':
        this.out.push(node.text);
        return;
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out.push(this.printable(v));
        return;
      }
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'range':
        return this.walkRange(dot, node);
      case 'template': {
        const body = this.tmpl.defines.get(node.name);
        if (!body) this.fail(`template ${JSON.stringify(node.name)} not defined`);
        const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : null;
        if (++this.depth > MAX_DEPTH) this.fail(`exceeded maximum template depth (${MAX_DEPTH})`);
        const saved = this.vars;
        this.vars = [{ name: '$', value: newDot }];
        this.walkList(newDot, body);
        this.vars = saved;
        this.depth--;
        return;
      }
    }
  }

  private printable(v: unknown): string {
    if (v === NO_VALUE) return '<no value>';
    if (typeof v === 'function') this.fail(`can't print ${nodeString(this.node as Node)} of type func`);
    return formatGoValue(v);
  }

  private walkIfOrWith(dot: unknown, node: ControlNode): void {
    const mark = this.vars.length;
    const v = this.evalPipeline(dot, node.pipe);
    if (isTrue(v)) {
      this.walkList(node.kind === 'with' ? v : dot, node.list);
    } else if (node.elseList) {
      this.walkList(dot, node.elseList);
    }
    this.vars.length = mark;
  }

  private walkRange(dot: unknown, node: ControlNode): void {
    this.at(node);
    const mark = this.vars.length;
    const v = this.evalPipeline(dot, { ...node.pipe, decl: [] });
    const decl = node.pipe.decl;
    const iterate = (key: unknown, elem: unknown) => {
      const inner = this.vars.length;
      if (decl.length > 1) this.vars.push({ name: decl[0]!.ident[0]!, value: key }, { name: decl[1]!.ident[0]!, value: elem });
      else if (decl.length === 1) this.vars.push({ name: decl[0]!.ident[0]!, value: elem });
      this.walkList(elem, node.list);
      this.vars.length = inner;
    };
    let entries: [unknown, unknown][];
    if (v === NO_VALUE || v === null || v === undefined) entries = [];
    else if (Array.isArray(v)) entries = v.map((e, i) => [i, e]);
    else if (v instanceof Map) entries = [...v.keys()].sort().map((k) => [k, v.get(k)]);
    else if (typeof v === 'object') entries = Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]);
    else if (typeof v === 'number' && Number.isInteger(v)) entries = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
    else this.fail(`range can't iterate over ${formatGoValue(v)}`);
    for (const [k, e] of entries) iterate(k, e);
    if (entries.length === 0 && node.elseList) this.walkList(dot, node.elseList);
    this.vars.length = mark;
  }

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.fail(`undefined variable: ${name}`);
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.fail(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.fail('nil is not a command');
      case 'number':
        return first.value;
      case 'string':
        return first.text;
    }
  }

  private evalVariable(dot: unknown, v: VariableNode, args: ArgNode[], final: Final): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalChain(dot: unknown, chain: ChainNode, args: ArgNode[], final: Final): unknown {
    if (chain.node.kind === 'nil') this.fail(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, 'any', chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.field, args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: FieldNode | VariableNode | ChainNode, ident: string[], args: ArgNode[], final: Final): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, [], MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  private evalField(dot: unknown, name: string, node: { pos: number }, args: ArgNode[], final: Final, receiver: unknown): unknown {
    this.at(node);
    if (receiver === NO_VALUE || receiver === null || receiver === undefined) return NO_VALUE;
    const hasArgs = args.length > 1 || final !== MISSING;
    let value: unknown;
    let found: boolean;
    if (receiver instanceof Map) {
      found = receiver.has(name);
      value = receiver.get(name);
    } else if (typeof receiver === 'object' && !Array.isArray(receiver)) {
      found = Object.hasOwn(receiver, name);
      value = (receiver as Record<string, unknown>)[name];
    } else {
      this.fail(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
    }
    if (typeof value === 'function') return this.evalCall(dot, toSpec(value as GoFunction), node, name, args, final);
    if (hasArgs) this.fail(`${name} is not a method but has arguments`);
    if (!found) {
      if (this.keepUnknown && receiver === this.root) throw new KeepVerbatim();
      return NO_VALUE;
    }
    return value;
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: CommandNode | IdentifierNode, args: ArgNode[], final: Final): unknown {
    this.at(node);
    const name = node.name;
    if (name === 'and' || name === 'or') return this.evalAndOr(dot, name, args.slice(1), final);
    const fn = this.funcs.get(name);
    if (!fn) this.fail(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, name, args, final);
  }

  private evalAndOr(dot: unknown, name: 'and' | 'or', args: ArgNode[], final: Final): unknown {
    const count = args.length + (final !== MISSING ? 1 : 0);
    if (count < 1) this.fail(`wrong number of args for ${name}: want at least 1 got 0`);
    let v: unknown = NO_VALUE;
    for (const a of args) {
      v = this.evalArg(dot, 'any', a);
      if (isTrue(v) !== (name === 'and')) return v;
    }
    if (final !== MISSING) v = final;
    return v;
  }

  private evalCall(dot: unknown, fn: GoFunctionSpec, node: { pos: number }, name: string, args: ArgNode[], final: Final): unknown {
    const given = args.slice(1);
    const numIn = given.length + (final !== MISSING ? 1 : 0);
    const fixed = fn.params.length;
    if (fn.variadic !== undefined) {
      if (numIn < fixed) this.fail(`wrong number of args for ${name}: want at least ${fixed} got ${numIn}`);
    } else if (numIn !== fixed) {
      this.fail(`wrong number of args for ${name}: want ${fixed} got ${numIn}`);
    }
    const typeAt = (i: number): ParamType => (i < fixed ? fn.params[i]! : fn.variadic!);
    const values = given.map((a, i) => this.evalArg(dot, typeAt(i), a));
    if (final !== MISSING) values.push(this.validateType(final, typeAt(given.length)));
    try {
      const r = fn.call(...values);
      return r === undefined ? NO_VALUE : r;
    } catch (e) {
      if (e instanceof ControlSignal) throw e;
      // Go moves the error position back to the command only on failure.
      this.at(node);
      this.fail(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private validateType(v: unknown, type: ParamType): unknown {
    if (v === NO_VALUE || v === undefined) {
      if (type === 'any') return null;
      this.fail(`invalid value; expected ${goType(type)}`);
    }
    const ok =
      type === 'any' ||
      (type === 'string' && typeof v === 'string') ||
      (type === 'bool' && typeof v === 'boolean') ||
      (type === 'int' && typeof v === 'number' && Number.isInteger(v));
    if (!ok) this.fail(`wrong type for value; expected ${goType(type)}; got ${goTypeName(v)}`);
    return v;
  }

  private evalArg(dot: unknown, type: ParamType, n: ArgNode): unknown {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type === 'any') return null;
        this.fail(`cannot assign nil to ${goType(type)}`);
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariable(dot, n, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChain(dot, n, [], MISSING), type);
    }
    switch (type) {
      case 'bool':
        if (n.kind === 'bool') return n.value;
        this.fail(`expected bool; found ${nodeString(n)}`);
      case 'string':
        if (n.kind === 'string') return n.text;
        this.fail(`expected string; found ${nodeString(n)}`);
      case 'int':
        if (n.kind === 'number' && n.isInt) return n.value;
        this.fail(`expected integer; found ${nodeString(n)}`);
      case 'any':
        return n.kind === 'string' ? n.text : n.value;
    }
  }
}

function goType(t: ParamType): string {
  return t === 'any' ? 'interface {}' : t;
}

/** Runs a parsed template. Throws GoTemplateError. */
export function executeGoTemplate(tmpl: ParsedTemplate, opts: ExecOptions = {}): string {
  const funcs = new Map<string, GoFunctionSpec>(Object.entries(BUILTINS));
  for (const [k, f] of Object.entries(opts.funcs ?? {})) funcs.set(k, toSpec(f));
  const state = new State(tmpl, funcs, opts.data ?? null, opts.keepUnknownFields ?? false);
  state.walkList(opts.data ?? null, tmpl.root);
  return state.result();
}

export type { GoTemplateError };
