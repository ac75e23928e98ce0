// The SSM and Secrets Manager emulator's wire protocol, spoken by hand (the data source tests speak it through the
// real SDK): AWS JSON 1.1 POSTs with X-Amz-Target, JSON answers, JSON errors with `__type` and the services' statuses.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsJsonEmulator, type AwsJsonEmulator } from './aws-json-emulator/index.js';

let emu: AwsJsonEmulator;
beforeAll(async () => {
  emu = await startAwsJsonEmulator();
  emu.putParameter('/p', 'v1');
  emu.putSecret('s', { string: 'shh', versionId: 'v-1' });
});
afterAll(() => emu.close());

const auth = (key: string, service: string) => `AWS4-HMAC-SHA256 Credential=${key}/20240101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

async function call(target: string, body: unknown, opts: { key?: string; service?: string; method?: string } = {}): Promise<{ status: number; json: Record<string, unknown>; type: string | null }> {
  const service = opts.service ?? (target.startsWith('AmazonSSM') ? 'ssm' : 'secretsmanager');
  const res = await fetch(emu.endpoint, {
    method: opts.method ?? 'POST',
    headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.1', Authorization: auth(opts.key ?? 'AKIDEMULATOR', service) },
    body: opts.method === 'GET' ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, type: res.headers.get('content-type') };
}

describe('AWS JSON emulator', () => {
  it('answers GetParameter and GetSecretValue in JSON', async () => {
    const p = await call('AmazonSSM.GetParameter', { Name: '/p' });
    expect(p).toMatchObject({ status: 200, type: 'application/x-amz-json-1.1', json: { Parameter: { Name: '/p', Value: 'v1', Version: 1, Type: 'String' } } });
    const s = await call('secretsmanager.GetSecretValue', { SecretId: 's' });
    expect(s).toMatchObject({ status: 200, json: { Name: 's', SecretString: 'shh', VersionId: 'v-1', VersionStages: ['AWSCURRENT'] } });
  });

  it('answers errors with __type, a message and the service\'s status', async () => {
    expect(await call('AmazonSSM.GetParameter', { Name: '/nope' })).toMatchObject({ status: 400, json: { __type: 'ParameterNotFound' } });
    expect(await call('secretsmanager.GetSecretValue', { SecretId: 'nope' })).toMatchObject({ status: 400, json: { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." } });
    expect(await call('AmazonSSM.GetParameter', { Name: '/p' }, { key: 'AKIDNOPE' })).toMatchObject({ status: 400, json: { __type: 'UnrecognizedClientException' } });
    expect(await call('AmazonSSM.DeleteParameter', { Name: '/p' })).toMatchObject({ status: 400, json: { __type: 'UnknownOperationException' } });
    // An operation signed for another service is not that service's.
    expect(await call('AmazonSSM.GetParameter', { Name: '/p' }, { service: 'secretsmanager' })).toMatchObject({ status: 400, json: { __type: 'UnknownOperationException' } });
    expect(await call('AmazonSSM.GetParameter', {}, { method: 'GET' })).toMatchObject({ status: 400 });
  });

  it('injects throttling and 5xx as told, then answers', async () => {
    emu.faults.add({ action: 'GetSecretValue', error: 'ThrottlingException', times: 1 });
    emu.faults.add({ action: 'GetSecretValue', error: 'InternalServiceError', times: 1 });
    expect(await call('secretsmanager.GetSecretValue', { SecretId: 's' })).toMatchObject({ status: 400, json: { __type: 'ThrottlingException', message: 'Rate exceeded' } });
    expect(await call('secretsmanager.GetSecretValue', { SecretId: 's' })).toMatchObject({ status: 500, json: { __type: 'InternalServiceError' } });
    expect((await call('secretsmanager.GetSecretValue', { SecretId: 's' })).status).toBe(200);
  });
});
