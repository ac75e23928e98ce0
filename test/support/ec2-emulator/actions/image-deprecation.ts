// EnableImageDeprecation (deprecate_at) and DisableImageDeprecation on the caller's images. EC2 rounds the time
// down to the minute and refuses a time in the past.

import { invalidParameter } from '../errors.js';
import type { Action } from '../context.js';
import { required } from '../query.js';
import { ownImage } from './images.js';

export const enableImageDeprecation: Action = (ctx) => {
  const image = ownImage(ctx, required(ctx.params, 'ImageId'));
  const at = required(ctx.params, 'DeprecateAt');
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw invalidParameter(`Invalid value '${at}' for DeprecateAt.`);
  if (ms < Date.now()) throw invalidParameter('The deprecation time cannot be in the past.');
  image.deprecationTime = new Date(ms - (ms % 60_000)).toISOString();
  return { return: true };
};

export const disableImageDeprecation: Action = (ctx) => {
  const image = ownImage(ctx, required(ctx.params, 'ImageId'));
  image.deprecationTime = undefined;
  return { return: true };
};
