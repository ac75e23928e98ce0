import { describe, expect, it } from 'vitest';
import { amazonAmiConfig } from '../../../data-sources/amazon-ami/config.js';
import { endpointUrl } from '../../../src/providers/aws/access-config.js';
import { parseCsvRecord } from '../../../src/providers/aws/csv-record.js';
import { profileRegion } from '../../../src/providers/aws/region.js';
import { awsErrorMessage } from '../../../src/providers/aws/sdk-errors.js';
import { configOf, problemsOf } from '../../support/config.js';

const base = { owners: ['self'], filters: { name: 'x-*' } };

describe('the AWS access options (Packer\'s AccessConfig)', () => {
  it('defaults max_retries to 10 when unset or 0, as Packer does', () => {
    expect(configOf(amazonAmiConfig, base).max_retries).toBe(10);
    expect(configOf(amazonAmiConfig, { ...base, max_retries: 0 }).max_retries).toBe(10);
    expect(configOf(amazonAmiConfig, { ...base, max_retries: 2 }).max_retries).toBe(2);
  });

  it('checks keys in pairs, a role ARN in assume_role and the endpoint, and rejects what tsbuild cannot honour', () => {
    const check = (c: Record<string, unknown>) => problemsOf(amazonAmiConfig, { ...base, ...c });
    expect(check({ access_key: 'AKID' })).toEqual(['`access_key` and `secret_key` must both be either set or not set.']);
    expect(check({ secret_key: 's' })).toEqual(['`access_key` and `secret_key` must both be either set or not set.']);
    expect(check({ token: 't' })).toEqual(['`token` is the session token of `access_key` and `secret_key`: set them too']);
    expect(check({ assume_role: { session_name: 's' } })).toEqual(['the `assume_role` block needs `role_arn`: the role to assume']);
    expect(check({ custom_endpoint_ec2: 'ftp://x' })).toEqual(['`custom_endpoint_ec2` must be an http or https URL such as https://ec2.custom.endpoint.com; got "ftp://x"']);
    expect(check({ max_retries: 1.5 })).toEqual(['`max_retries` must be a whole number, 0 or more']);
    expect(check({ vault_aws_engine: { name: 'r' } })).toEqual(['`vault_aws_engine` is not supported by tsbuild: read the credentials from Vault into access_key, secret_key and token']);
    expect(check({ access_key: 'AKID', secret_key: 's', token: 't', assume_role: { role_arn: 'arn:aws:iam::1:role/r' }, custom_endpoint_ec2: 'ec2.example.com' })).toEqual([]);
  });

  it('takes a bare host name as an https endpoint, as Packer does', () => {
    expect(endpointUrl('ec2.example.com')).toBe('https://ec2.example.com');
    expect(endpointUrl('http://127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
    expect(endpointUrl('http://')).toBeUndefined();
  });
});

describe('amazon-ami\'s filter options', () => {
  it('needs owners, and filters or owners, with Packer\'s messages', () => {
    expect(problemsOf(amazonAmiConfig, {})).toEqual(['The `filters` must be specified', 'For security reasons, you must declare an owner.']);
    expect(problemsOf(amazonAmiConfig, { filters: { name: 'x' } })).toEqual(['For security reasons, you must declare an owner.']);
    expect(problemsOf(amazonAmiConfig, { owners: ['self'] })).toEqual([]);
    expect(problemsOf(amazonAmiConfig, { owners: ['self'], filters: { name: '' } })).toEqual(["Couldn't parse ami filters: the filter \"name\" has no value"]);
  });

  it('splits a filter value as one CSV record (Go\'s reader with TrimLeadingSpace and LazyQuotes)', () => {
    expect(parseCsvRecord('ubuntu/images/*')).toEqual(['ubuntu/images/*']);
    expect(parseCsvRecord('a, b,c')).toEqual(['a', 'b', 'c']);
    expect(parseCsvRecord('"a, b",c')).toEqual(['a, b', 'c']);
    expect(parseCsvRecord('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
    expect(parseCsvRecord('a"b,"c"d"')).toEqual(['a"b', 'c"d']);
    expect(parseCsvRecord('a,')).toEqual(['a', '']);
    expect(parseCsvRecord('')).toBeUndefined();
  });
});

describe('AWS helpers', () => {
  it('reads a profile\'s region from a shared config file', () => {
    const ini = '[default]\nregion = us-east-1\n\n[profile ci] ; build account\nregion=eu-west-1\n[profile other]\noutput = json\n';
    expect(profileRegion(ini, 'default')).toBe('us-east-1');
    expect(profileRegion(ini, 'ci')).toBe('eu-west-1');
    expect(profileRegion(ini, 'other')).toBeUndefined();
    expect(profileRegion(ini, 'missing')).toBeUndefined();
  });

  it('words SDK errors with the code, status and attempts', () => {
    const e = Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503, attempts: 4 } });
    expect(awsErrorMessage(e)).toBe('RequestLimitExceeded: Request limit exceeded. (HTTP 503, after 4 attempts)');
    expect(awsErrorMessage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });
});
