/**
 * The reason of a file system error without the paths Node puts in its message ("ENOSPC: no space left on device,
 * open '/x/m.json.123.tmp'" gives "no space left on device"), so that a message can name the file the user knows
 * rather than a temporary one. Other errors give their message.
 */
export function describeFsError(e: unknown): string {
  const err = e as Partial<NodeJS.ErrnoException> | undefined;
  const message = String(err?.message ?? e);
  if (!err?.code || !err.syscall) return message;
  const m = /^[A-Z0-9_]+: (.*?), \w+(?: '.*)?$/s.exec(message);
  return m ? m[1]! : err.code;
}

/** Whether `e` is an error of a system call (it has an errno code and names the call). */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}
