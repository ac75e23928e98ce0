// CreateLaunchTemplate, DescribeLaunchTemplates and DeleteLaunchTemplate: what a spot build (CreateFleet) launches
// from. A template keeps its `LaunchTemplateData.*` parameters; CreateFleet reads them as RunInstances parameters.

import { Ec2Error, notFound } from '../errors.js';
import { applyFilters, type FilterTable } from '../filters.js';
import { tagSet, type Action, type ActionContext } from '../context.js';
import type { LaunchTemplate } from '../model.js';
import { filterParams, listParam, required, tagSpecifications } from '../query.js';
import { nowIso } from '../store.js';

const TEMPLATE_FILTERS: FilterTable<LaunchTemplate> = {
  'launch-template-name': (t) => [t.name],
  'create-time': (t) => [t.createTime],
};

const DATA = 'LaunchTemplateData.';

export const createLaunchTemplate: Action = ({ params, caller, store }) => {
  const name = required(params, 'LaunchTemplateName');
  if (!/^[a-zA-Z0-9().\-/_]{3,128}$/.test(name)) throw new Ec2Error('InvalidLaunchTemplateName.MalformedException', `Launch template name ${name} is not valid.`);
  if (store.list('launch-template', caller.region).some((t) => t.name === name)) {
    throw new Ec2Error('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
  }
  const data = new Map([...params].filter(([k]) => k.startsWith(DATA)).map(([k, v]) => [k.slice(DATA.length), v]));
  const createTime = nowIso();
  const template = store.add<LaunchTemplate>({
    kind: 'launch-template',
    id: store.newId('lt'),
    region: caller.region,
    ownerId: caller.account,
    name,
    versions: [{ versionNumber: 1, description: params.get('VersionDescription'), data, createTime }],
    defaultVersion: 1,
    createTime,
    tags: new Map(tagSpecifications(params).get('launch-template')),
    seeded: false,
  });
  return { launchTemplate: renderTemplate(template, caller.arn) };
};

function renderTemplate(t: LaunchTemplate, createdBy: string) {
  return {
    launchTemplateId: t.id,
    launchTemplateName: t.name,
    createTime: t.createTime,
    createdBy,
    defaultVersionNumber: t.defaultVersion,
    latestVersionNumber: t.versions.length,
    tagSet: tagSet(t.tags),
  };
}

/** The caller's template named by `<prefix>LaunchTemplateId` or `<prefix>LaunchTemplateName`. */
export function findLaunchTemplate({ params, caller, store }: ActionContext, prefix = ''): LaunchTemplate {
  const id = params.get(`${prefix}LaunchTemplateId`);
  const name = params.get(`${prefix}LaunchTemplateName`);
  if (!id && !name) throw new Ec2Error('MissingParameter', 'The request must contain the parameter LaunchTemplateName or LaunchTemplateId');
  const found = store.list('launch-template', caller.region).find((t) => (id ? t.id === id : t.name === name));
  if (!found) {
    throw id
      ? notFound('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`)
      : notFound('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);
  }
  return found;
}

export const describeLaunchTemplates: Action = (ctx) => {
  const { params, caller, store } = ctx;
  const ids = listParam(params, 'LaunchTemplateId');
  const names = listParam(params, 'LaunchTemplateName');
  const all = store.list('launch-template', caller.region);
  for (const n of names) if (!all.some((t) => t.name === n)) throw notFound('InvalidLaunchTemplateName.NotFoundException', `At least one of the launch templates specified in the request does not exist.`);
  for (const id of ids) if (!all.some((t) => t.id === id)) throw notFound('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
  const chosen = all.filter((t) => (ids.length === 0 || ids.includes(t.id)) && (names.length === 0 || names.includes(t.name)));
  return { launchTemplates: applyFilters(chosen, filterParams(params), TEMPLATE_FILTERS).map((t) => renderTemplate(t, caller.arn)) };
};

export const deleteLaunchTemplate: Action = (ctx) => {
  const template = findLaunchTemplate(ctx);
  ctx.store.delete(template.id);
  return { launchTemplate: renderTemplate(template, ctx.caller.arn) };
};
