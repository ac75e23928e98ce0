import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_COMMAND } from '../../../builders/docker/config.js';
import { parseRunCommand } from '../../../builders/docker/run-command.js';

describe('run_command', () => {
  it("maps Packer's default onto a detached interactive tty with /bin/sh as entrypoint", () => {
    expect(parseRunCommand(DEFAULT_RUN_COMMAND, 'img:1')).toMatchObject({ image: 'img:1', entrypoint: ['/bin/sh'], cmd: [], tty: true, openStdin: true });
  });

  it('maps common flags, combined short flags and a command after the image', () => {
    const spec = parseRunCommand(['-dit', '-e', 'A=1', '--env=B=2', '-v', '/h:/c', '--user', 'nobody', '-w', '/srv', '--privileged', '--memory', '512m', '--label', 'k=v', '--network=none', '{{.Image}}', 'sleep', '60'], 'base');
    expect(spec).toMatchObject({ image: 'base', cmd: ['sleep', '60'], tty: true, openStdin: true, env: ['A=1', 'B=2'], binds: ['/h:/c'], user: 'nobody', workdir: '/srv', privileged: true, memory: 512 * 1024 ** 2, labels: { k: 'v' }, networkMode: 'none' });
  });

  it('rejects flags it cannot map, with the ones it can', () => {
    const r = parseRunCommand(['-d', '--pid=host', '{{.Image}}'], 'x');
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toMatch(/the docker run flag "--pid" is not supported by tsbuild .*Supported flags: .*--entrypoint/);
    expect(parseRunCommand(['-d', '--memory', 'lots', 'x'], 'x')).toEqual({ error: 'run_command: invalid size for --memory: "lots"' });
    expect(parseRunCommand(['-d', '--'], 'x')).toHaveProperty('error');
  });
});
