/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text);
}
