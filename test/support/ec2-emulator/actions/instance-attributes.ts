// ModifyInstanceAttribute for what an image inherits from its instance: ENA support (`EnaSupport.Value`) and SR-IOV
// (`SriovNetSupport.Value` = simple), both only on a stopped instance as in EC2; and the few other attributes a
// builder may set (`InstanceType.Value`, `UserData.Value`...), accepted as EC2 accepts them.

import { Ec2Error, notFound } from '../errors.js';
import type { Action } from '../context.js';
import { boolParam, required } from '../query.js';

export const modifyInstanceAttribute: Action = ({ params, caller, store }) => {
  const id = required(params, 'InstanceId');
  const instance = store.get(id);
  if (!instance || instance.kind !== 'instance' || instance.region !== caller.region || instance.ownerId !== caller.account || instance.state === 'terminated') {
    throw notFound('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
  }
  const ena = boolParam(params, 'EnaSupport.Value');
  const sriov = params.get('SriovNetSupport.Value');
  if ((ena !== undefined || sriov !== undefined) && instance.state !== 'stopped') {
    throw new Ec2Error('IncorrectInstanceState', `The instance '${id}' is not in the 'stopped' state.`);
  }
  if (ena !== undefined) instance.enaSupport = ena;
  if (sriov !== undefined) instance.sriovNetSupport = sriov;
  const type = params.get('InstanceType.Value');
  if (type !== undefined) instance.instanceType = type;
  const userData = params.get('UserData.Value');
  if (userData !== undefined) instance.userData = userData;
  return { return: true };
};
