// How a provisioner reaches the machine being built.

/** Runs a command somewhere (on the build host, in a container, over SSH) and moves files there. */
export interface Communicator {
  /** Runs `command` with a POSIX shell; streams output line by line; resolves with the exit status. */
  run(command: string, opts: { stdout?: (line: string) => void; stderr?: (line: string) => void; signal: AbortSignal; env?: Record<string, string> }): Promise<{ exitCode: number }>;
  upload(localPath: string, remotePath: string, signal: AbortSignal): Promise<void>;
  /** Writes `content` to a file; `mode` is the new file's permissions (0644 when not given). */
  uploadContent(content: string | Buffer, remotePath: string, signal: AbortSignal, opts?: { mode?: number }): Promise<void>;
  download(remotePath: string, localPath: string, signal: AbortSignal): Promise<void>;
  /**
   * How another process reaches the same machine again (`tsbuild cleanup` removing a file a killed run left there).
   * A communicator whose files go with the machine the build removes (a container's) has none: its files need no record.
   */
  access?(): RemoteAccess;
}

/** The non-secret facts of a connection: never a password or a key's content, only where a key file is. */
export interface RemoteAccess {
  /** For people: `root@10.0.0.5:22`. */
  where: string;
  /** What connecting again takes (host, port, user, key file path, agent use...), as the resource journal keeps it. */
  facts: Record<string, string>;
  /** Why another process cannot connect again, when it cannot: "was made with a password, which tsbuild does not write down". */
  noReconnect?: string;
}
