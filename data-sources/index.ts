import type { DataSourcePlugin } from '../src/plugin/plugins.js';
import { amazonAmiDataSource } from './amazon-ami/index.js';
import { parameterStoreDataSource } from './amazon-parameterstore/index.js';
import { secretsManagerDataSource } from './amazon-secretsmanager/index.js';
import { googlecomputeImageDataSource } from './googlecompute-image/index.js';
import { hcpPackerArtifactDataSource } from './hcp-packer-artifact/index.js';
import { hcpPackerVersionDataSource } from './hcp-packer-version/index.js';
import { httpDataSource } from './http/index.js';
import { nullDataSource } from './null/index.js';

/** Data sources by Packer type name. */
export const dataSources: Readonly<Record<string, DataSourcePlugin>> = {
  null: nullDataSource,
  http: httpDataSource,
  'amazon-ami': amazonAmiDataSource,
  'amazon-parameterstore': parameterStoreDataSource,
  'amazon-secretsmanager': secretsManagerDataSource,
  'hcp-packer-version': hcpPackerVersionDataSource,
  'hcp-packer-artifact': hcpPackerArtifactDataSource,
  'googlecompute-image': googlecomputeImageDataSource,
};
