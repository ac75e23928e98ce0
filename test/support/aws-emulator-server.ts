// The request loop the AWS emulators share: read the whole body, answer it, record the call, send the answer with
// the service's content type and a request id. An exception out of `answer` is an emulator bug: a 500 with its stack.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface EmulatorAnswer<R> {
  status: number;
  body: string;
  record: R;
}

export function createAwsEmulatorServer<R>(
  contentType: string,
  calls: R[],
  answer: (req: IncomingMessage, body: string, requestId: string) => EmulatorAnswer<R>,
): Server {
  return createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const requestId = randomUUID();
      let out: EmulatorAnswer<R>;
      try {
        out = answer(req, body, requestId);
      } catch (e) {
        res.statusCode = 500;
        res.end(`emulator bug: ${(e as Error).stack}`);
        return;
      }
      calls.push(out.record);
      res.statusCode = out.status;
      res.setHeader('Content-Type', contentType);
      res.setHeader('x-amzn-RequestId', requestId);
      res.end(out.body);
    });
  });
}
