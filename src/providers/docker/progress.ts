// The Engine API answers pull, push, build and import with a stream of JSON objects, one per line; an
// `error` member is the failure (the HTTP status was already 200).

import { whenAborted } from '../../engine/cancel.js';

export interface ProgressEvent {
  status?: string;
  id?: string;
  progress?: string;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string; Digest?: string; Tag?: string; Size?: number };
}

/** Reads every event; rejects with the daemon's error message, or when `signal` aborts (destroying the stream). */
export function readProgress(stream: NodeJS.ReadableStream, onEvent: (e: ProgressEvent) => void, signal?: AbortSignal): Promise<ProgressEvent[]> {
  return new Promise((resolve, reject) => {
    const events: ProgressEvent[] = [];
    let buffered = '';
    let failed: Error | undefined;
    const handle = (line: string) => {
      if (line.trim() === '') return;
      let event: ProgressEvent;
      try {
        event = JSON.parse(line) as ProgressEvent;
      } catch {
        event = { stream: line };
      }
      events.push(event);
      if (event.error !== undefined && !failed) failed = new Error(event.errorDetail?.message ?? event.error);
      onEvent(event);
    };
    const onAbort = () => {
      (stream as NodeJS.ReadableStream & { destroy?: (e?: Error) => void }).destroy?.();
      reject(signal!.reason instanceof Error ? signal!.reason : new Error('cancelled'));
    };
    const stopListening = signal ? whenAborted(signal, onAbort) : () => {};
    stream.on('data', (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      lines.forEach(handle);
    });
    stream.on('error', (e: Error) => {
      stopListening();
      reject(e);
    });
    stream.on('end', () => {
      stopListening();
      handle(buffered);
      if (failed) reject(failed);
      else resolve(events);
    });
  });
}
