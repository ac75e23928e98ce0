/** The folder for temporary files, as Go's os.TempDir on Unix reads it: $TMPDIR from the run's environment, else /tmp. */
export function tempDirOf(env: Readonly<Record<string, string | undefined>>): string {
  return env.TMPDIR || '/tmp';
}
