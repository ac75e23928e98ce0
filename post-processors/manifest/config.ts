import { declareConfig, opt, type ConfigOfDeclaration } from '../../src/plugin/config.js';

export const manifestConfig = declareConfig({
  output: opt.string('The manifest file.').defaultIfEmpty('packer-manifest.json'),
  strip_path: opt.bool('Writes file names without their folders.'),
  strip_time: opt.bool('Writes 0 as build_time.'),
  custom_data: opt.stringMap('Data copied into every entry.'),
});

export type ManifestConfig = ConfigOfDeclaration<typeof manifestConfig>;
