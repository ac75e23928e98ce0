/** Runs tasks with at most `limit` at a time (0: no limit), in order; resolves when all have settled. */
export async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number, shouldStart: () => boolean = () => true): Promise<void> {
  const width = limit <= 0 ? tasks.length : Math.min(limit, tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && shouldStart()) {
      const task = tasks[next++]!;
      await task();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}
