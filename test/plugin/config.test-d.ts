import { describe, expectTypeOf, it } from 'vitest';
import { sshOptions } from '../../src/communicator/ssh/options.js';
import { declareConfig, opt, type ConfigOf, type ConfigOfDeclaration } from '../../src/plugin/config.js';
import { ebs } from './sample-config.js';

describe('the type of a decoded configuration', () => {
  it('derives the decoded type: required and defaulted options are always there, blocks are objects or lists', () => {
    type C = ConfigOf<typeof ebs.options>;
    expectTypeOf<C['region']>().toEqualTypeOf<string>();
    expectTypeOf<C['instance_type']>().toEqualTypeOf<string>();
    expectTypeOf<C['max_retries']>().toEqualTypeOf<number>();
    expectTypeOf<C['encrypt_boot']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<C['ami_regions']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<C['tags']>().toEqualTypeOf<Record<string, string> | undefined>();
    expectTypeOf<NonNullable<C['source_ami_filter']>['owners']>().toEqualTypeOf<string[]>();
    expectTypeOf<NonNullable<C['source_ami_filter']>['most_recent']>().toEqualTypeOf<boolean>();
    expectTypeOf<C['launch_block_device_mappings'][number]['delete_on_termination']>().toEqualTypeOf<boolean>();
    expectTypeOf<C['launch_block_device_mappings'][number]['volume_size']>().toEqualTypeOf<number | undefined>();
    // A declared option's type flows into the checks without a cast.
    declareConfig({ n: opt.number('n').default(1) }, (c) => {
      expectTypeOf(c.n).toEqualTypeOf<number>();
      return [];
    });
  });

  it('composes shared groups by spreading', () => {
    const builder = declareConfig({ region: opt.string('The region.').required(), ...sshOptions });
    type C = ConfigOfDeclaration<typeof builder>;
    expectTypeOf<C['region']>().toEqualTypeOf<string>();
    expectTypeOf<C['ssh_port']>().toEqualTypeOf<number>();
    expectTypeOf<C['ssh_password']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<C['ssh_local_tunnels']>().toEqualTypeOf<string[]>();
  });

  it('has no other options, and their types are enforced', () => {
    type C = ConfigOf<typeof ebs.options>;
    expectTypeOf<C>().not.toHaveProperty('instance_typ');
    expectTypeOf<C>().toHaveProperty('secret_key').toEqualTypeOf<string | undefined>();
    // @ts-expect-error region is a string
    expectTypeOf<C['region']>().toEqualTypeOf<number>();
  });
});
