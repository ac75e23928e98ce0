// The Engine API client: dockerode's container, exec and image objects over its transport (docker-modem),
// with the few daemon-level calls tsbuild makes. Loading dockerode's main module also loads its BuildKit
// session code (gRPC, protobuf), which costs about 150 ms at every start and is never used here.

import { createRequire } from 'node:module';
import type Dockerode from 'dockerode';

/** The part of dockerode's Docker object that tsbuild uses. */
export type Engine = Pick<Dockerode, 'modem' | 'getContainer' | 'getImage'> & {
  /** GET /_ping; `signal` abandons the wait for a daemon that does not answer. */
  ping(signal?: AbortSignal): Promise<unknown>;
  createContainer(opts: Dockerode.ContainerCreateOptions): Promise<Dockerode.Container>;
  /** POST /images/create (pull): a progress stream. */
  createImage(auth: object, query: Record<string, unknown>): Promise<NodeJS.ReadableStream>;
  /** POST /images/create?fromSrc=- (import): a progress stream. */
  importImage(file: NodeJS.ReadableStream, query: Record<string, unknown>): Promise<NodeJS.ReadableStream>;
  /** POST /build with a tar context: a progress stream. */
  buildImage(context: NodeJS.ReadableStream, query: Record<string, unknown>): Promise<NodeJS.ReadableStream>;
  checkAuth(auth: object): Promise<unknown>;
  /** GET /images/json?all=1: every image's ID. */
  listImages(): Promise<{ Id: string }[]>;
};

type Modem = Dockerode['modem'];
type DialOptions = Record<string, unknown> & { path: string; method: string; statusCodes: Record<number, boolean | string> };

function dial<T>(modem: Modem, opts: DialOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    (modem as unknown as { dial(o: DialOptions, cb: (err: unknown, data: T) => void): void }).dial(opts, (err, data) => (err ? reject(err) : resolve(data)));
  });
}

const SERVER_ERROR = { 500: 'server error' };

/** An Engine API client for `options` (socket path or host and port). */
export function createEngine(options: Dockerode.DockerOptions): Engine {
  const require = createRequire(import.meta.url);
  const ModemClass = require('docker-modem') as new (o: Dockerode.DockerOptions) => Modem;
  const Container = require('dockerode/lib/container') as new (m: Modem, id: string) => Dockerode.Container;
  const Image = require('dockerode/lib/image') as new (m: Modem, name: string) => Dockerode.Image;
  const modem = new ModemClass(options);
  // dockerode's objects make their promises with the modem's Promise, which dockerode's Docker sets.
  (modem as unknown as { Promise: PromiseConstructor }).Promise = Promise;
  const stream = (path: string, extra: Record<string, unknown>) => dial<NodeJS.ReadableStream>(modem, { path, method: 'POST', isStream: true, statusCodes: { 200: true, ...SERVER_ERROR }, ...extra });
  return {
    modem,
    getContainer: (id) => new Container(modem, id),
    getImage: (name) => new Image(modem, name),
    ping: (signal) => dial(modem, { path: '/_ping', method: 'GET', abortSignal: signal, statusCodes: { 200: true, ...SERVER_ERROR } }),
    createContainer: async (opts) => {
      const out = await dial<{ Id: string }>(modem, { path: '/containers/create?', method: 'POST', options: opts, statusCodes: { 200: true, 201: true, 400: 'bad parameter', 404: 'no such image', 409: 'conflict', ...SERVER_ERROR } });
      return new Container(modem, out.Id);
    },
    createImage: (auth, query) => stream('/images/create?', { options: query, authconfig: auth, statusCodes: { 200: true, 404: 'no such image', ...SERVER_ERROR } }),
    importImage: (file, query) => stream('/images/create?', { options: { ...query, fromSrc: '-' }, file }),
    buildImage: (context, query) => stream('/build?', { options: query, file: context }),
    listImages: () => dial(modem, { path: '/images/json?', method: 'GET', options: { all: true }, statusCodes: { 200: true, ...SERVER_ERROR } }),
    checkAuth: (auth) => dial(modem, { path: '/auth', method: 'POST', options: auth, statusCodes: { 200: true, 204: true, 401: 'unauthorized', ...SERVER_ERROR } }),
  };
}
