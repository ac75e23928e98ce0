// Comparing `tsbuild validate` with `packer validate`: the first error each prints, as one line.

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Packer's first error: the first `* ` item of its MultiError, its wrapped lines joined. */
export function packerFirstError(stdout: string): string | undefined {
  const m = /^\s*\* ([\s\S]*?)(?=\n\s*\* |\n\s*\n|$)/m.exec(stdout);
  return m ? squash(m[1]!) : undefined;
}

/** tsbuild's first error: the message paragraph after the located excerpt of the first diagnostic. */
export function oursFirstError(stdout: string): string | undefined {
  const first = stdout.split(/\n(?=Error: )/)[0]!;
  const paragraphs = first.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return paragraphs.length ? squash(paragraphs[paragraphs.length - 1]!) : undefined;
}
