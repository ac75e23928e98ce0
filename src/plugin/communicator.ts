// How a provisioner reaches the machine being built.

/** Runs a command somewhere (on the build host, in a container, over SSH) and moves files there. */
export interface Communicator {
  /** Runs `command` with a POSIX shell; streams output line by line; resolves with the exit status. */
  run(command: string, opts: { stdout?: (line: string) => void; stderr?: (line: string) => void; signal: AbortSignal; env?: Record<string, string> }): Promise<{ exitCode: number }>;
  upload(localPath: string, remotePath: string, signal: AbortSignal): Promise<void>;
  /** Writes `content` to a file; `mode` is the new file's permissions (0644 when not given). */
  uploadContent(content: string | Buffer, remotePath: string, signal: AbortSignal, opts?: { mode?: number }): Promise<void>;
  download(remotePath: string, localPath: string, signal: AbortSignal): Promise<void>;
}
