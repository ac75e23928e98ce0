// A recursive-descent parser for Go's text/template, following Go's parse package: the same grammar,
// the same checks at parse time (functions must exist, variables must be declared) and the same messages.

import { parseError, type GoTemplateError } from './errors.js';
import { lexTemplate, type Item } from './lexer.js';
import { parseGoNumber, unquoteGo } from './literals.js';
import type { ArgNode, CommandNode, ControlNode, ListNode, Node, ParsedTemplate, PipeNode, TemplateCallNode, VariableNode } from './nodes.js';
import { nodeString } from './nodes.js';

/** Names Go's text/template always defines. */
export const BUILTIN_NAMES = ['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne'];

type Ending = { kind: 'end'; pos: number; end: number } | { kind: 'else'; pos: number; end: number; elseIf: boolean };

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private lastLine = 1;
  readonly defines = new Map<string, ListNode>();

  constructor(
    private readonly text: string,
    private readonly items: Item[],
    private readonly hasFunction: (name: string) => boolean,
  ) {}

  private fail(reason: string, at?: Item): never {
    const item = at ?? this.items[Math.max(0, this.i - 1)]!;
    throw parseError(reason, item.pos, this.lastLine);
  }
  private next(): Item {
    const item = this.items[this.i]!;
    if (this.i < this.items.length - 1) this.i++;
    this.lastLine = item.line;
    if (item.kind === 'error') this.fail(item.value, item);
    return item;
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private peek(): Item {
    return this.items[this.i]!;
  }
  private nextNonSpace(): Item {
    let t = this.next();
    while (t.kind === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private expect(kind: Item['kind'], context: string): Item {
    const t = this.nextNonSpace();
    if (t.kind !== kind) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Item, context: string): never {
    if (t.kind === 'error') this.fail(t.value, t);
    this.fail(`unexpected ${describeItem(t)} in ${context}`, t);
  }

  parseRoot(): ListNode {
    const root: ListNode = { kind: 'list', nodes: [], pos: 0 };
    while (this.peek().kind !== 'eof') {
      if (this.peek().kind === 'leftDelim') {
        const delim = this.next();
        const kw = this.nextNonSpace();
        if (kw.kind === 'keyword' && kw.value === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = this.items.indexOf(delim);
      }
      const n = this.textOrAction();
      if ('ending' in n) this.fail(`unexpected {{${n.ending.kind}}}`);
      root.nodes.push(n);
    }
    if (this.peek().kind === 'error') this.next();
    return root;
  }

  private parseDefinition(): void {
    const nameItem = this.nextNonSpace();
    const name = nameItem.kind === 'string' || nameItem.kind === 'rawString' ? unquoteGo(nameItem.value) : undefined;
    if (name === undefined) this.unexpected(nameItem, 'define clause');
    this.expect('rightDelim', 'define clause');
    const { list, ending } = this.itemList();
    if (ending.kind !== 'end') this.fail(`unexpected {{${ending.kind}}} in define clause`);
    this.defines.set(name, list);
  }

  /** Items up to an {{end}} or {{else}}. */
  private itemList(): { list: ListNode; ending: Ending } {
    const list: ListNode = { kind: 'list', nodes: [], pos: this.peek().pos };
    while (this.peekNonSpace().kind !== 'eof') {
      const n = this.textOrAction();
      if ('ending' in n) return { list, ending: n.ending };
      list.nodes.push(n);
    }
    if (this.peek().kind === 'error') this.next();
    this.fail('unexpected EOF');
  }

  private textOrAction(): Node | { ending: Ending } {
    const t = this.nextNonSpace();
    if (t.kind === 'text') return { kind: 'text', text: t.value, pos: t.pos };
    if (t.kind === 'leftDelim') return this.action(t);
    this.unexpected(t, 'input');
  }

  /** The end offset of the action just closed (the right delimiter and a trim marker's whitespace). */
  private spanEnd(): number {
    const next = this.peek();
    return next.pos;
  }

  private action(delim: Item): Node | { ending: Ending } {
    const t = this.nextNonSpace();
    if (t.kind === 'keyword') {
      switch (t.value) {
        case 'end':
          this.expect('rightDelim', 'end');
          return { ending: { kind: 'end', pos: t.pos, end: this.spanEnd() } };
        case 'else': {
          const peek = this.peekNonSpace();
          if (peek.kind === 'keyword' && peek.value === 'if') return { ending: { kind: 'else', pos: t.pos, end: peek.pos, elseIf: true } };
          this.expect('rightDelim', 'else');
          return { ending: { kind: 'else', pos: t.pos, end: this.spanEnd(), elseIf: false } };
        }
        case 'if':
        case 'range':
        case 'with':
          return this.control(t.value, delim.pos, t.pos);
        case 'template':
          return this.templateCall(delim.pos);
        default:
          this.fail(`unexpected <${t.value}> in command`, t);
      }
    }
    this.backup();
    const pipe = this.pipeline('command', 'rightDelim');
    return { kind: 'action', pipe, pos: pipe.pos, start: delim.pos, end: this.spanEnd() };
  }

  private control(kind: 'if' | 'range' | 'with', start: number, pos: number): ControlNode {
    const saved = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    const { list, ending } = this.itemList();
    const node: ControlNode = { kind, pipe, list, pos, start, end: ending.end };
    if (ending.kind === 'else') {
      if (ending.elseIf && kind === 'if') {
        // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} with one {{end}}.
        const ifItem = this.nextNonSpace();
        const inner = this.control('if', ending.pos, ifItem.pos);
        node.elseList = { kind: 'list', nodes: [inner], pos: ending.pos };
        node.end = inner.end;
      } else {
        if (ending.elseIf) this.expect('rightDelim', 'else');
        const rest = this.itemList();
        if (rest.ending.kind !== 'end') this.fail(`expected end; found {{else}}`);
        node.elseList = rest.list;
        node.end = rest.ending.end;
      }
    }
    this.vars.length = saved;
    return node;
  }

  private templateCall(start: number): TemplateCallNode {
    const t = this.nextNonSpace();
    const name = t.kind === 'string' || t.kind === 'rawString' ? unquoteGo(t.value) : undefined;
    if (name === undefined) this.unexpected(t, 'template clause');
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().kind !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline('template clause', 'rightDelim');
    }
    return { kind: 'template', name, pipe, pos: t.pos, start, end: this.spanEnd() };
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', decl: [], isAssign: false, cmds: [], pos: first.pos };
    this.declarations(pipe, context);
    for (;;) {
      const t = this.nextNonSpace();
      if (t.kind === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.kind) {
        case 'bool': case 'charConstant': case 'dot': case 'field': case 'identifier': case 'number':
        case 'nil': case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.kind !== 'variable') return;
      const start = this.i;
      this.nextNonSpace();
      const op = this.peekNonSpace();
      const decl: VariableNode = { kind: 'variable', ident: [v.value], pos: v.pos };
      if (op.kind === 'assign' || op.kind === 'declare') {
        this.nextNonSpace();
        pipe.isAssign = op.kind === 'assign';
        pipe.decl.push(decl);
        if (op.kind === 'declare') this.vars.push(v.value);
        else this.useVar(v);
        return;
      }
      if (op.kind === 'char' && op.value === ',') {
        this.nextNonSpace();
        pipe.decl.push(decl);
        this.vars.push(v.value);
        if (context === 'range' && pipe.decl.length < 2) continue;
        this.fail(`too many declarations in ${context}`);
      }
      this.i = start;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0]!.kind)) this.fail(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', args: [], pos: this.peekNonSpace().pos };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.kind === 'space') continue;
      if (t.kind === 'rightDelim' || t.kind === 'rightParen') this.backup();
      else if (t.kind !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().kind !== 'field') return node;
    const fields: string[] = [];
    const pos = this.peek().pos;
    while (this.peek().kind === 'field') fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', ident: [...node.ident, ...fields], pos: node.pos };
      case 'variable':
        return { kind: 'variable', ident: [...node.ident, ...fields], pos: node.pos };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        this.fail(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
      default:
        return { kind: 'chain', node, field: fields, pos };
    }
  }

  private useVar(t: Item): VariableNode {
    const parts = t.value.split('.');
    if (!this.vars.includes(parts[0]!)) this.fail(`undefined variable ${JSON.stringify(parts[0])}`);
    return { kind: 'variable', ident: parts, pos: t.pos };
  }

  private term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case 'identifier':
        if (!this.hasFunction(t.value)) this.fail(`function ${JSON.stringify(t.value)} not defined`);
        return { kind: 'identifier', name: t.value, pos: t.pos };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable':
        return this.useVar(t);
      case 'field':
        return { kind: 'field', ident: [t.value.slice(1)], pos: t.pos };
      case 'bool':
        return { kind: 'bool', value: t.value === 'true', pos: t.pos };
      case 'charConstant':
      case 'number': {
        const n = parseGoNumber(t.value, t.kind === 'charConstant');
        if (typeof n === 'string') this.fail(n);
        return { kind: 'number', text: t.value, value: n.value, isInt: n.isInt, isFloat: n.isFloat, pos: t.pos };
      }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const text = unquoteGo(t.value);
        if (text === undefined) this.fail(`invalid syntax`);
        return { kind: 'string', quoted: t.value, text, pos: t.pos };
      }
    }
    this.backup();
    return undefined;
  }
}

/** Go's item.String(): keywords as `<if>`, long values cut to 10 characters. */
function describeItem(t: Item): string {
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'keyword') return `<${t.value}>`;
  if (t.kind === 'leftDelim' || t.kind === 'rightDelim') return JSON.stringify(t.value);
  if ([...t.value].length > 10) return `${JSON.stringify([...t.value].slice(0, 10).join(''))}...`;
  return JSON.stringify(t.value);
}

/**
 * Parses a template. `functions` names the functions the template may call besides Go's builtins (a call
 * to any other name is a parse error, as in Go). Throws GoTemplateError.
 */
export function parseGoTemplate(text: string, functions: Iterable<string> = []): ParsedTemplate {
  const names = new Set([...BUILTIN_NAMES, ...functions]);
  const parser = new Parser(text, lexTemplate(text), (n) => names.has(n));
  const root = parser.parseRoot();
  return { text, root, defines: parser.defines };
}

export type { GoTemplateError };
