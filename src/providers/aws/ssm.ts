// One Systems Manager parameter (GetParameter), as Packer's amazon-parameterstore reads it, with Packer's messages
// for a parameter or a version that is not there. Loaded through load.ts only.

import { GetParameterCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import type { AwsAccessConfig } from './access-config.js';
import { awsErrorMessage } from './sdk-errors.js';
import { configuredEndpoint, openSession } from './session.js';

type Env = Readonly<Record<string, string | undefined>>;

export async function getParameter(c: AwsAccessConfig, name: string, withDecryption: boolean, env: Env, signal: AbortSignal): Promise<Parameter> {
  const { region, credentials, maxAttempts, requestHandler } = await openSession(c, env, signal);
  const ssm = new SSMClient({ region, endpoint: configuredEndpoint('SSM', env), credentials, maxAttempts, requestHandler });
  let out;
  try {
    out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: withDecryption }), { abortSignal: signal });
  } catch (e) {
    if (signal.aborted) throw e;
    const code = (e as { name?: string }).name;
    if (code === 'ParameterNotFound') throw new Error(`The parameter name "${name}" not found`, { cause: e });
    if (code === 'ParameterVersionNotFound') throw new Error(`The parameter version "${name}" not found`, { cause: e });
    throw new Error(`error to get parameter value: ${awsErrorMessage(e)}`, { cause: e });
  } finally {
    ssm.destroy();
  }
  if (!out.Parameter) throw new Error(`error to get parameter value: Systems Manager answered without the parameter "${name}"`);
  return out.Parameter;
}
