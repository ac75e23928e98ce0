// Preloaded into tsbuild by tests (node --require): writes "listening" to file descriptor 3 the moment the process
// listens to both SIGINT and SIGTERM, so that a test can send a signal at the earliest moment tsbuild can handle it.
// ('newListener' comes before the listener is added, but after Node has started catching the signal for it.)
'use strict';
const waiting = new Set(['SIGINT', 'SIGTERM']);
process.on('newListener', function onListener(event) {
  if (!waiting.delete(event) || waiting.size > 0) return;
  process.removeListener('newListener', onListener);
  require('node:fs').writeSync(3, 'listening\n');
});
