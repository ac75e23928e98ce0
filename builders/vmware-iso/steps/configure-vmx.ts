import type { Step } from '../../../src/engine/steps.js';
import type { VmwareState } from '../state.js';
import { readVmx, writeVmx } from '../vmx-file.js';
import { diskAndCdromTypes } from './disk-types.js';

/**
 * Packer's StepConfigureVMX: no dialogs, a new UUID, MAC addresses generated again, `customData` (vmx_data, or
 * vmx_data_post at the end) merged with lowercased keys, the floppy and the cd_files CD attached (not at the end),
 * displayName and the .vmxf name.
 */
export function stepConfigureVmx(customData: (s: VmwareState) => Record<string, string> | undefined, attachMedia: boolean): Step<VmwareState> {
  return {
    name: 'StepConfigureVMX',
    run: async (state) => {
      const c = state.config;
      const path = state.vmxPath!;
      const vmx = await readVmx(path).catch((e: Error) => {
        throw new Error(`Error reading VMX file: ${e.message}`, { cause: e });
      });
      vmx['msg.autoanswer'] = 'true';
      vmx['uuid.action'] = 'create';
      for (const k of Object.keys(vmx)) if (/^ethernet\d+\.generatedaddress/i.test(k)) delete vmx[k];
      for (const [k, v] of Object.entries(customData(state) ?? {})) vmx[k.toLowerCase()] = v;
      if (attachMedia && state.floppyPath) {
        vmx['floppy0.present'] = 'TRUE';
        vmx['floppy0.filetype'] = 'file';
        vmx['floppy0.filename'] = state.floppyPath;
        state.temporaryDevices.push('floppy0');
      }
      if (attachMedia && state.cdPath) {
        const t = diskAndCdromTypes(c.disk_adapter_type, c.cdrom_adapter_type);
        const prefix = `${t.CDROMType}1:${t.CDROMType_PrimarySecondary}`;
        vmx[`${prefix}.present`] = 'TRUE';
        vmx[`${prefix}.filename`] = state.cdPath;
        vmx[`${prefix}.devicetype`] = 'cdrom-image';
        // Packer leaves it attached to a file it deletes; tsbuild detaches it at the end like the ISO's.
        state.temporaryDevices.push(prefix);
      }
      if (c.display_name) vmx.displayname = c.display_name;
      else if (vmx.displayname === undefined) throw new Error('Error: Could not get value of displayName from VMX data');
      vmx.extendedconfigfile = `${c.display_name || state.vmName}.vmxf`;
      await writeVmx(path, vmx).catch((e: Error) => {
        throw new Error(`Error writing VMX file: ${e.message}`, { cause: e });
      });
    },
  };
}
