// Finding one AMI by filters and owners with DescribeImages, as Packer's amazon plugin does: no match and several
// matches without most_recent are errors with Packer's wording; most_recent takes the newest creation date.

import { DescribeImagesCommand, type EC2Client, type Image } from '@aws-sdk/client-ec2';
import { describeImagesFilters, describeQuery, NO_MATCH, SEVERAL_MATCH, type AmiFilter } from './ami-filter.js';
import { awsErrorMessage } from './sdk-errors.js';

/** The newest image by creation date; the first listed among equals. */
export function newestImage(images: readonly Image[]): Image {
  const time = (i: Image) => Date.parse(i.CreationDate ?? '') || 0;
  return images.reduce((best, i) => (time(i) > time(best) ? i : best));
}

export async function findImage(ec2: EC2Client, filter: AmiFilter, signal: AbortSignal): Promise<Image> {
  const Filters = describeImagesFilters(filter.filters);
  const Owners = filter.owners ?? [];
  const images: Image[] = [];
  let NextToken: string | undefined;
  do {
    let page;
    try {
      page = await ec2.send(
        new DescribeImagesCommand({ Filters: Filters.length ? Filters : undefined, Owners, IncludeDeprecated: filter.include_deprecated ?? false, NextToken }),
        { abortSignal: signal },
      );
    } catch (e) {
      if (signal.aborted) throw e;
      throw new Error(`Error querying AMI: ${awsErrorMessage(e)}`, { cause: e });
    }
    images.push(...(page.Images ?? []));
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  if (images.length === 0) throw new Error(`${NO_MATCH}: ${describeQuery(Filters, Owners)}`);
  if (images.length > 1 && !filter.most_recent) {
    throw new Error(`${SEVERAL_MATCH} (${images.length} images match: ${images.map((i) => `${i.ImageId} "${i.Name}"`).join(', ')})`);
  }
  return filter.most_recent ? newestImage(images) : images[0]!;
}
