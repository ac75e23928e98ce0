// The error of a failed value conversion, with the path inside the value where it failed.

export type PathStep = { kind: 'attr'; name: string } | { kind: 'index'; key: number | string };

/**
 * A value could not be converted. `message` is worded as cty words it ("a number is required",
 * `attribute "name" is required`, "element 1: number required"); `path` says where inside the value
 * the problem is (empty for the value itself). Packer shows only the message.
 */
export class ConversionError extends Error {
  constructor(
    message: string,
    readonly path: readonly PathStep[] = [],
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

/** The path written as HCL traversal text: `.name[1]["key"]`. */
export function formatPath(path: readonly PathStep[]): string {
  return path
    .map((s) => (s.kind === 'attr' ? `.${s.name}` : typeof s.key === 'number' ? `[${s.key}]` : `[${JSON.stringify(s.key)}]`))
    .join('');
}
