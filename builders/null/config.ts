import { declareConfig, opt, type ConfigOfDeclaration } from '../../src/plugin/config.js';
import { sshOptions, validateSsh } from '../../src/communicator/ssh/options.js';

/** The null builder's settings: a communicator (none or ssh) and the SSH settings to reach an existing host. */
export const nullConfig = declareConfig(
  {
    communicator: opt.string('"none" to provision on this machine (shell-local), or "ssh" to provision an existing host.').default('ssh'),
    ...sshOptions,
  },
  // Packer's checks (1.6.6 wording): the communicator's own, then a host, a user and exactly one way to authenticate.
  (c, ctx) => {
    if (c.communicator === 'none') return [];
    if (c.communicator !== 'ssh') return [{ message: `communicator must be one of "none" or "ssh" for the null builder; got "${c.communicator}".`, attribute: 'communicator' }];
    const out = validateSsh(c, ctx);
    if (!c.ssh_host) out.push({ message: 'a Host must be specified, please reference your communicator documentation', attribute: 'ssh_host' });
    if (!c.ssh_username) out.push({ message: 'a Username must be specified, please reference your communicator documentation', attribute: 'ssh_username' });
    const methods = [c.ssh_password, c.ssh_private_key_file, c.ssh_agent_auth].filter(Boolean).length;
    if (methods === 0) out.push({ message: 'one authentication method must be specified, please reference your communicator documentation' });
    if (methods > 1) out.push({ message: 'only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified' });
    return out;
  },
);

export type NullConfig = ConfigOfDeclaration<typeof nullConfig>;
