// The parse tree of a Go text/template, with source offsets for error positions and for copying an
// action back verbatim (Packer leaves data it does not know yet, such as `{{.HTTPIP}}`, in place).

interface At {
  /** Offset of the node's first token in the template text. */
  pos: number;
}

/** Source span of a whole action or control structure, delimiters and trim markers included. */
export interface Span {
  start: number;
  end: number;
}

export interface TextNode extends At {
  kind: 'text';
  text: string;
}
export interface ActionNode extends At, Span {
  kind: 'action';
  pipe: PipeNode;
}
export interface ControlNode extends At, Span {
  kind: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface TemplateCallNode extends At, Span {
  kind: 'template';
  name: string;
  pipe?: PipeNode;
}
export interface ListNode extends At {
  kind: 'list';
  nodes: Node[];
}
export type Node = TextNode | ActionNode | ControlNode | TemplateCallNode;

export interface PipeNode extends At {
  kind: 'pipe';
  /** Variables declared (`$x :=`) or assigned (`$x =`). */
  decl: VariableNode[];
  isAssign: boolean;
  cmds: CommandNode[];
}
export interface CommandNode extends At {
  kind: 'command';
  args: ArgNode[];
}
export interface FieldNode extends At {
  kind: 'field';
  /** `.A.B` is ['A', 'B']. */
  ident: string[];
}
export interface VariableNode extends At {
  kind: 'variable';
  /** `$x.A` is ['$x', 'A']. */
  ident: string[];
}
export interface IdentifierNode extends At {
  kind: 'identifier';
  name: string;
}
export interface StringNode extends At {
  kind: 'string';
  /** As written, quotes included. */
  quoted: string;
  text: string;
}
export interface NumberNode extends At {
  kind: 'number';
  text: string;
  value: number;
  /** Usable where Go wants an integer. */
  isInt: boolean;
  /** Written with a fraction or exponent: a float64 when used as a value. */
  isFloat: boolean;
}
export interface BoolNode extends At {
  kind: 'bool';
  value: boolean;
}
export interface NilNode extends At {
  kind: 'nil';
}
export interface DotNode extends At {
  kind: 'dot';
}
/** `(pipeline).Field` or `func.Field`. */
export interface ChainNode extends At {
  kind: 'chain';
  node: ArgNode;
  field: string[];
}
export type ArgNode = FieldNode | VariableNode | IdentifierNode | StringNode | NumberNode | BoolNode | NilNode | DotNode | ChainNode | PipeNode;

/** A parsed template: its main list and the templates it defines. */
export interface ParsedTemplate {
  text: string;
  root: ListNode;
  defines: Map<string, ListNode>;
}

/** The text form of a node, as Go prints it in error contexts (`<env "HOME">`). */
export function nodeString(n: ArgNode | CommandNode | Node | ListNode): string {
  switch (n.kind) {
    case 'field':
      return n.ident.map((i) => '.' + i).join('');
    case 'variable':
      return n.ident.join('.');
    case 'identifier':
      return n.name;
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'bool':
      return String(n.value);
    case 'nil':
      return 'nil';
    case 'dot':
      return '.';
    case 'chain': {
      const inner = n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return inner + n.field.map((f) => '.' + f).join('');
    }
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      const decl = n.decl.length > 0 ? `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'text':
      return JSON.stringify(n.text);
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'template':
      return `{{template ${JSON.stringify(n.name)}${n.pipe ? ' ' + nodeString(n.pipe) : ''}}}`;
    case 'list':
      return n.nodes.map(nodeString).join('');
    default:
      return `{{${n.kind} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList ? `{{else}}${nodeString(n.elseList)}` : ''}{{end}}`;
  }
}
