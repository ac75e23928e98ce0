import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { dockerConfig } from '../../../builders/docker/config.js';
import { configOf, problemsOf } from '../../support/config.js';

const messages = (c: Record<string, unknown>) => problemsOf(dockerConfig, c);

describe('docker builder configuration', () => {
  it("reports Packer's errors for the artifact choice and the image", () => {
    expect(messages({ image: 'x' })).toEqual(['No instructions given for handling the artifact; expected commit, discard, or export_path']);
    expect(messages({ image: 'x', commit: true, discard: true })).toEqual(['Cannot specify more than one of commit, discard, and export_path']);
    expect(messages({ image: 'x', commit: true, export_path: 'a.tar' })).toEqual(['Cannot specify more than one of commit, discard, and export_path']);
    expect(messages({ commit: true })).toEqual(['Image must be specified']);
    expect(messages({ image: 'x', export_path: mkdtempSync(`${tmpdir()}/d`) })).toEqual(['export_path must be a file, not a directory']);
  });

  it('checks changes, run_command and the build block before anything runs', () => {
    expect(messages({ image: 'x', commit: true, changes: ['ENV A=1', 'RUN echo'] })).toEqual([
      'RUN is not a valid change command (expected one of CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR)',
    ]);
    expect(messages({ image: 'x', commit: true, run_command: ['--pid=host', '{{.Image}}'] })[0]).toMatch(/"--pid" is not supported/);
    expect(messages({ commit: true, build: [{ path: '/nonexistent/Dockerfile' }] })).toEqual(['failed to stat file "/nonexistent/Dockerfile": no such file or directory']);
  });

  it("applies Packer's defaults", () => {
    expect(configOf(dockerConfig, { image: 'x', commit: true })).toMatchObject({ pull: true, fix_upload_owner: true, container_dir: '/packer-files', run_command: ['-d', '-i', '-t', '--entrypoint=/bin/sh', '--', '{{.Image}}'] });
  });
});
