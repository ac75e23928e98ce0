// Preloaded into tsbuild by tests (node --require): writes "listening" to file descriptor 3 the moment the process
// first listens to SIGINT, so that a test can send a signal at the earliest moment tsbuild can handle it.
'use strict';
process.on('newListener', function onListener(event) {
  if (event !== 'SIGINT') return;
  process.removeListener('newListener', onListener);
  require('node:fs').writeSync(3, 'listening\n');
});
