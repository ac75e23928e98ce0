// The communicator provisioners get on the source instance. The build terminates the instance (and `tsbuild
// cleanup` does after a kill), so a provisioner's temporary files go with it: the communicator offers no `access`,
// and those files get no journal record (a record would send cleanup, after a kill, to a machine that is gone or
// that it cannot log in to with a temporary key pair).

import type { StreamingCommunicator } from '../../src/communicator/streams.js';

export function onSourceInstance(comm: StreamingCommunicator): StreamingCommunicator {
  return {
    run: (command, opts) => comm.run(command, opts),
    runStreams: (command, io) => comm.runStreams(command, io),
    upload: (local, remote, signal) => comm.upload(local, remote, signal),
    uploadContent: (content, remote, signal, opts) => comm.uploadContent(content, remote, signal, opts),
    download: (remote, local, signal) => comm.download(remote, local, signal),
  };
}
