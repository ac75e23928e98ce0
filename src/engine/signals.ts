/** Where interrupts come from; tests and embedders can pass their own. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  off(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
}

const NAMES = { SIGINT: 'interrupt', SIGTERM: 'terminated' } as const;

/**
 * Cancels `controller` on the first SIGINT or SIGTERM (with Packer's message); a later signal, while builds clean
 * up, only warns that stopping now could leave resources behind. Returns the function that stops listening.
 */
export function cancelOnSignals(source: SignalSource, controller: AbortController, report: { error(msg: string): void }): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => {
    const handler = () => {
      if (!controller.signal.aborted) {
        report.error(`Cancelling build after receiving ${NAMES[sig]}`);
        controller.abort();
      } else {
        report.error('Cleanup is in progress: stopping it now could leave resources behind. Waiting for cleanups to finish...');
      }
    };
    source.on(sig, handler);
    return [sig, handler] as const;
  });
  return () => handlers.forEach(([sig, h]) => source.off(sig, h));
}
